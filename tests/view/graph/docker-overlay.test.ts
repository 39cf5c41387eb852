import { describe, expect, it } from 'vitest'
import { DEFAULT_BRIDGE_COLOR, networkColor, overlayColor } from '../../../src/view/graph/colors'
import { byId, elementsOf, expectPositionsKept, only } from './graph-lab'
import { networkOn, vnetLab } from './swarm-lab'

const DOCKER = { level: 'docker', rules: false } as const

describe('Docker view of an overlay on several hosts', () => {
  const lab = vnetLab()
  const m = lab.model(DOCKER)
  const bars = ['docker01', 'docker02', 'docker03'].map((h) =>
    byId(m, networkOn(lab, h, 'vnet').id),
  )

  it('draws a bar per host that knows it, each in the overlay’s one colour, with its VNI', () => {
    for (const bar of bars) {
      expect(bar.label).toBe('vnet (overlay)\n192.168.0.0/24 · VNI 4097')
      expect(bar.color).toBe(overlayColor(4097))
      expect(bar.classes).toContain('driver-overlay')
    }
  })

  it('pales the bar where it is not plumbed yet (docker01 runs none of its containers)', () => {
    expect(bars.map((b) => b.classes.includes('dormant'))).toEqual([true, false, false])
  })

  it('joins the bars of the hosts running its containers with a VXLAN tunnel', () => {
    const vnet = elementsOf(m, 'tunnel').filter((t) => t.label.startsWith('VXLAN 4097'))
    expect(vnet.map((t) => [t.source, t.target])).toEqual([[bars[1]?.id, bars[2]?.id]])
    expect(vnet[0]).toMatchObject({
      label: 'VXLAN 4097 · UDP 4789\n10.10.0.12 ⇄ 10.20.0.13',
      color: overlayColor(4097),
      classes: 'tunnel routed',
    })
    // Routed over the bars (the containers hang below them).
    expect(vnet[0]?.bend).toBeLessThan(0)
  })

  it('joins every node’s ingress bar (each has ingress_sbox): three tunnels', () => {
    const ingress = elementsOf(m, 'tunnel').filter((t) => t.label.startsWith('VXLAN 4096'))
    expect(ingress).toHaveLength(3)
    expect(ingress.map((t) => t.bend)).toEqual([-125, -147, -125])
  })

  it('lets the legend’s overlay entry focus its bars and endpoints on every host', () => {
    const entry = m.legend.find((l) => l.name === 'vnet')
    const focused = Object.values(m.elements).filter((e) =>
      (e.networks ?? []).includes(entry?.network ?? ''),
    )
    const hosts = new Set(focused.map((e) => /:(docker0\d)\//.exec(e.record)?.[1]))
    expect(hosts).toEqual(new Set(['docker01', 'docker02', 'docker03']))
    expect(focused.filter((e) => e.kind === 'endpoint')).toHaveLength(2)
  })

  it('draws docker_gwbridge as the bridge it is, with the container’s gateway endpoint', () => {
    const gw = networkOn(lab, 'docker02', 'docker_gwbridge')
    expect(byId(m, gw.id)).toMatchObject({
      label: 'docker_gwbridge\n172.18.0.0/16 · docker_gwbridge',
      color: networkColor(gw),
      classes: 'network driver-bridge',
    })
    const c02 = only(m, (e) => e.kind === 'container' && e.label.startsWith('c02\n'), 'c02')
    const endpoint = byId(m, `endpoint:${c02.id}:${gw.id}`)
    expect(endpoint.label).toBe('eth1 172.18.0.3\n(default route)')
    expect(endpoint.classes).toBe('endpoint gateway')
    expect(byId(m, `endpoint:${c02.id}:${networkOn(lab, 'docker02', 'vnet').id}`).label).toBe(
      'eth0 192.168.0.2',
    )
  })

  it('keeps the local networks’ colours per host (the default bridge stays blue)', () => {
    expect(byId(m, networkOn(lab, 'docker03', 'bridge').id).color).toBe(DEFAULT_BRIDGE_COLOR)
  })

  it('moves nothing when a container joins the overlay on the last host', () => {
    lab.run('docker run -itd --name=c03b --net=vnet busybox', 'docker03')
    expectPositionsKept(m, lab.model(DOCKER))
  })
})

describe('the legend of a swarm', () => {
  const m = vnetLab().model(DOCKER)

  it('lists an overlay once, with its VNI and its containers on every host', () => {
    const vnet = m.legend.filter((l) => l.name === 'vnet')
    expect(vnet).toEqual([
      expect.objectContaining({
        name: 'vnet',
        driver: 'overlay, VNI 4097',
        subnet: '192.168.0.0/24',
        color: overlayColor(4097),
        containers: 2,
      }),
    ])
    expect(vnet[0]).not.toHaveProperty('host')
  })

  it('names local networks host/name only when another host has one of that name', () => {
    const named = m.legend.map((l) => (l.host === undefined ? l.name : `${l.host}/${l.name}`))
    expect(named).toEqual([
      'docker01/bridge',
      'ingress',
      'docker01/docker_gwbridge',
      'vnet',
      'docker02/bridge',
      'docker02/docker_gwbridge',
      'docker03/bridge',
      'docker03/docker_gwbridge',
    ])
  })
})
