import { describe, expect, it } from 'vitest'
import type { ContainerRecord } from '../../../src/engine'
import { overlayColor, OVERLAY_PALETTE } from '../../../src/view/graph/colors'
import { buildGraph, createGraphCache } from '../../../src/view/graph/build'
import { dockerView } from '../../../src/view/graph/docker-view'
import { kernelView } from '../../../src/view/graph/kernel-view'
import { indexWorld } from '../../../src/view/graph/world-index'
import type { GraphModel, ViewElement } from '../../../src/view/graph/types'
import { byId, edgesAt, elementsOf, expectPositionsKept, iface, only } from './graph-lab'
import { ifaceOn, networkOn, sandboxOf, swarmLab, vnetLab, type SwarmLab } from './swarm-lab'

const KERNEL = { level: 'kernel', rules: false } as const

function containerOn(lab: SwarmLab, name: string): ContainerRecord {
  const c = Object.values(lab.engine.snapshot().records).find(
    (r): r is ContainerRecord => r.kind === 'container' && r.name === name,
  )
  expect(c, name).toBeDefined()
  return c as ContainerRecord
}

const tunnelsOf = (m: GraphModel): ViewElement[] => elementsOf(m, 'tunnel')

describe('kernel view of an overlay on two hosts', () => {
  const lab = vnetLab()
  const m = lab.model(KERNEL)
  const vnet2 = networkOn(lab, 'docker02', 'vnet')
  const box = byId(m, sandboxOf(lab, 'docker02', 'vnet'))

  it('draws the overlay sandbox as a namespace box in its host, named by network, VNI and file', () => {
    expect(box).toMatchObject({
      kind: 'netns',
      parent: 'host:docker02',
      label: `overlay vnet · VNI 4097\n1-${vnet2.networkId.slice(0, 10)}`,
      color: overlayColor(4097),
    })
    expect(box.classes).toBe('netns netns-overlay')
    // Its own host's record first, then the overlay's on the other hosts (legend focus).
    expect(box.networks).toEqual(
      ['docker02', 'docker01', 'docker03'].map((h) => networkOn(lab, h, 'vnet').id),
    )
  })

  it('holds br0 (the overlay’s gateway address), vxlan0 (VNI and UDP port) and veth0', () => {
    expect(iface(m, 'br0', box.id).label).toBe('br0\n192.168.0.1/24\nnetwork “vnet”')
    expect(iface(m, 'vxlan0', box.id).label).toBe('vxlan0\nVNI 4097\nUDP port 4789')
    expect(iface(m, 'vxlan0', box.id).classes).toContain('link-vxlan')
    expect(iface(m, 'veth0', box.id).label).toBe('veth0')
  })

  it('pairs the container’s eth0 with veth0 right below it, a port of br0 like vxlan0', () => {
    const c02 = containerOn(lab, 'c02')
    const eth0 = iface(m, 'eth0', c02.netns ?? '')
    const veth0 = iface(m, 'veth0', box.id)
    expect(edgesAt(m, 'veth', eth0.id).map((e) => [e.source, e.target].sort())).toEqual([
      [eth0.id, veth0.id].sort(),
    ])
    expect(veth0.position?.x).toBe(eth0.position?.x)
    expect(veth0.position?.y).toBeGreaterThan(eth0.position?.y ?? Infinity)
    const br0 = iface(m, 'br0', box.id)
    for (const dev of ['veth0', 'vxlan0'])
      expect(edgesAt(m, 'port', iface(m, dev, box.id).id).map((e) => e.target)).toEqual([br0.id])
    const purple = [eth0, veth0, br0, ...edgesAt(m, 'veth', eth0.id)].map((e) => e.color)
    expect(new Set(purple)).toEqual(new Set([overlayColor(4097)]))
  })

  it('keeps eth1 on docker_gwbridge, through a veth to the host namespace', () => {
    const c02 = containerOn(lab, 'c02')
    const eth1 = iface(m, 'eth1', c02.netns ?? '')
    const hostEnd = byId(m, edgesAt(m, 'veth', eth1.id)[0]?.source ?? '')
    expect(hostEnd.parent).toBe('netns:docker02/ns0')
    expect(edgesAt(m, 'port', hostEnd.id).map((e) => e.target)).toEqual([
      networkOn(lab, 'docker02', 'docker_gwbridge').bridge,
    ])
  })

  it('draws ingress_sbox as a namespace named after its file, eth0 to the ingress sandbox', () => {
    const sbox = only(
      m,
      (e) => e.kind === 'netns' && e.parent === 'host:docker02' && e.label === 'ingress_sbox',
      'ingress_sbox',
    )
    const eth0 = iface(m, 'eth0', sbox.id)
    const ingressBox = sandboxOf(lab, 'docker02', 'ingress')
    const port = iface(m, 'veth0', ingressBox)
    expect(edgesAt(m, 'veth', eth0.id)).toHaveLength(1)
    expect(edgesAt(m, 'veth', port.id)).toHaveLength(1)
    expect(byId(m, ingressBox).label).toMatch(/^overlay ingress · VNI 4096\n1-/)
  })

  it('draws one VXLAN tunnel per overlay and pair of hosts that have its vxlan0', () => {
    const vx = (host: string, name: string): string =>
      ifaceOn(lab, host, `1-${networkOn(lab, host, name).networkId.slice(0, 10)}`, 'vxlan0').id
    expect(tunnelsOf(m).map((t) => [t.source, t.target])).toEqual([
      [vx('docker01', 'ingress'), vx('docker02', 'ingress')],
      [vx('docker01', 'ingress'), vx('docker03', 'ingress')],
      [vx('docker02', 'ingress'), vx('docker03', 'ingress')],
      [vx('docker02', 'vnet'), vx('docker03', 'vnet')],
    ])
  })

  it('labels a tunnel with what goes on the wire: VNI, UDP port, the hosts’ addresses', () => {
    const t = only(m, (e) => e.kind === 'tunnel' && e.label.startsWith('VXLAN 4097'), 'vnet tunnel')
    expect(t).toMatchObject({
      label: 'VXLAN 4097 · UDP 4789\n10.10.0.12 ⇄ 10.20.0.13',
      color: overlayColor(4097),
      classes: 'tunnel routed',
      record: vnet2.id,
    })
    expect(t.networks).toEqual(
      expect.arrayContaining([vnet2.id, networkOn(lab, 'docker03', 'vnet').id]),
    )
  })

  it('routes tunnels under the bands, the one passing a host further down', () => {
    const ingress = tunnelsOf(m).filter((t) => t.label.startsWith('VXLAN 4096'))
    expect(ingress.map((t) => t.bend)).toEqual([100, 120, 100])
  })

  it('puts the same overlay at the same height on every host', () => {
    const ys = ['docker02', 'docker03'].map(
      (h) => iface(m, 'vxlan0', sandboxOf(lab, h, 'vnet')).position?.y,
    )
    expect(ys[0]).toBe(ys[1])
    const ingressY = iface(m, 'vxlan0', sandboxOf(lab, 'docker01', 'ingress')).position?.y ?? 0
    expect(ys[0]).toBeGreaterThan(ingressY)
  })

  it('gives an overlay one colour on every host, whatever each host’s creation order', () => {
    const [a, b] = ['docker01', 'docker02'].map((h) => networkOn(lab, h, 'ingress'))
    expect(a?.seq).not.toBe(b?.seq)
    const colours = elementsOf(m, 'interface')
      .filter((e) => e.label.startsWith('vxlan0\nVNI 4096'))
      .map((e) => e.color)
    expect(colours).toEqual(Array(3).fill(OVERLAY_PALETTE[0]))
  })
})

describe('kernel view of an encrypted overlay', () => {
  it('says ESP on the tunnel and marks it', () => {
    const m = vnetLab({ encrypted: '' }).model(KERNEL)
    const t = only(m, (e) => e.kind === 'tunnel' && e.label.startsWith('VXLAN 4097'), 'tunnel')
    expect(t.label.split('\n')[0]).toBe('VXLAN 4097 · UDP 4789 · ESP')
    expect(t.classes).toContain('encrypted')
  })
})

describe('kernel view placement with overlays is incremental', () => {
  it('moves nothing when a container joins an overlay or a new overlay opens', () => {
    const lab = vnetLab()
    const before = lab.model(KERNEL)
    lab.run('docker run -itd --name=c03b --net=vnet busybox', 'docker03')
    const more = lab.model(KERNEL)
    expectPositionsKept(before, more)
    lab.overlay('vnet2', '192.168.10.0/24')
    lab.run('docker run -itd --name=c03c --net=vnet2 busybox', 'docker03')
    const after = lab.model(KERNEL)
    expectPositionsKept(more, after)
    const band = byId(after, sandboxOf(lab, 'docker03', 'vnet2'))
    expect(band.label).toMatch(/^overlay vnet2 · VNI 4098\n/)
  })

  it('builds the same models step by step with the element cache as without', () => {
    const lab = swarmLab()
    const cache = createGraphCache()
    const steps: (() => void)[] = [
      () => lab.overlay('vnet', '192.168.0.0/24'),
      () => lab.run('docker run -itd --name=c02 --net=vnet busybox', 'docker02'),
      () => lab.run('docker run -itd --name=c03 --net=vnet busybox', 'docker03'),
      () => lab.run('docker run -itd --name=c01 --net=vnet busybox', 'docker01'),
      () => lab.run('docker rm -f c02', 'docker02'),
    ]
    for (const step of steps) {
      step()
      const snap = lab.engine.snapshot()
      for (const level of ['kernel', 'docker'] as const) {
        const view = { level, rules: false }
        expect(buildGraph(snap, lab.engine.world, view, cache)).toStrictEqual(
          buildGraph(snap, lab.engine.world, view),
        )
      }
    }
  })
})

describe('the light kernel view of an overlay', () => {
  const lab = vnetLab()
  const elements = kernelView(indexWorld(lab.engine.snapshot()), lab.engine.world, {
    light: true,
    rules: false,
  })
  const ids = new Set(elements.map((e) => e.id))

  it('has no compounds: sandbox titles, br0 and vxlan0 are placed nodes above the host', () => {
    expect(elements.filter((e) => e.parent !== undefined)).toEqual([])
    const title = elements.find((e) => e.id === sandboxOf(lab, 'docker02', 'vnet'))
    expect(title?.classes).toBe('netns netns-title netns-overlay')
    expect(title?.position?.y).toBeLessThan(0)
  })

  it('draws sandbox ports above their containers and routes tunnels over the bands', () => {
    const dangling = elements.filter(
      (e) => e.source !== undefined && (!ids.has(e.source) || !ids.has(e.target ?? '')),
    )
    expect(dangling).toEqual([])
    const tunnels = elements.filter((e) => e.kind === 'tunnel')
    expect(tunnels).toHaveLength(4)
    for (const t of tunnels) expect(t.bend).toBeLessThan(0)
  })
})

describe('a swarm service on the overlay', () => {
  const lab = vnetLab()
  lab.run('docker service create --name web --replicas 3 -p 8080:80 --network vnet nginx')
  const snapshot = lab.engine.snapshot()
  const ix = indexWorld(snapshot)

  it.each([
    ['kernel', false],
    ['kernel', true],
    ['docker', false],
    ['docker', true],
  ] as const)('draws every %s-view edge between drawn ends (light: %s)', (level, light) => {
    const els =
      level === 'kernel'
        ? kernelView(ix, lab.engine.world, { light, rules: false })
        : dockerView(ix, { light })
    const ids = new Set(els.map((e) => e.id))
    expect(ids.size).toBe(els.length)
    const broken = els.filter(
      (e) =>
        (e.source !== undefined && (!ids.has(e.source) || !ids.has(e.target ?? ''))) ||
        (e.parent !== undefined && !ids.has(e.parent)),
    )
    expect(broken).toEqual([])
  })

  it.each(['kernel', 'docker'] as const)('keeps the hosts apart (%s view)', (level) => {
    const m = lab.model({ level, rules: false })
    const span = (host: string): readonly [number, number] => {
      const xs = Object.values(m.elements).flatMap((e) =>
        e.position && e.record.includes(`:${host}/`) ? [e.position.x - 92, e.position.x + 92] : [],
      )
      return [Math.min(...xs), Math.max(...xs)]
    }
    expect(span('docker01')[1]).toBeLessThan(span('docker02')[0])
    expect(span('docker02')[1]).toBeLessThan(span('docker03')[0])
  })

  it('draws the tasks’ ingress ends in the ingress sandbox, under their containers', () => {
    const m = lab.model(KERNEL)
    const box = sandboxOf(lab, 'docker02', 'ingress')
    const ports = Object.values(m.elements).filter(
      (e) => e.parent === box && e.classes.includes('link-veth'),
    )
    expect(ports).toHaveLength(2)
    for (const p of ports) {
      const [pair] = edgesAt(m, 'veth', p.id)
      const other = byId(m, pair?.source === p.id ? (pair.target ?? '') : (pair?.source ?? ''))
      expect(other.position?.x).toBe(p.position?.x)
    }
  })

  it('names the load balancer namespace after its file', () => {
    const m = lab.model(KERNEL)
    expect(
      elementsOf(m, 'netns').filter((e) => e.parent === 'host:docker02' && /^lb_/.test(e.label)),
    ).toHaveLength(1)
  })
})
