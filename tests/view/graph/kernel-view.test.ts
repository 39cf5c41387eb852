import { describe, expect, it } from 'vitest'
import { DEFAULT_BRIDGE_COLOR, NETWORK_PALETTE } from '../../../src/view/graph/colors'
import type { GraphModel } from '../../../src/view/graph/types'
import { createTestLab } from '../../helpers/lab'
import {
  bridgeOf,
  byId,
  container,
  edgesAt,
  elementsOf,
  expectPositionsKept,
  HOST,
  hostNetns,
  iface,
  kernelModel,
  labAfter,
  netnsOf,
  network,
  only,
  run,
} from './graph-lab'

const WEB = 'docker run -d --name web -p 8080:80 nginx'

/** A rule as `iptables-save` prints it: the note wraps long rules at spaces, indenting by 4. */
const unwrap = (label: string): string => label.replace(/\n {4}/g, ' ')

describe('kernel view of the default world', () => {
  const lab = createTestLab()
  const m = kernelModel(lab)

  it('draws host1 as a compound holding the host network namespace', () => {
    expect(byId(m, HOST)).toMatchObject({ kind: 'host', label: 'host1', record: HOST })
    expect(hostNetns(m)).toMatchObject({ label: 'host network namespace', parent: HOST })
  })

  it("cables the host's eth0 to the LAN segment", () => {
    const eth0 = iface(m, 'eth0', hostNetns(m).id)
    const [cable, ...more] = edgesAt(m, 'cable', eth0.id)
    expect(more).toEqual([])
    const lan = byId(m, cable?.target ?? '')
    expect(lan.kind).toBe('segment')
    expect(lan.label).toMatch(/^LAN 10\.10\.0\.0\/24\n/)
  })

  it('labels docker0 with its address and its network, down until a container joins', () => {
    const docker0 = iface(m, 'docker0', hostNetns(m).id)
    expect(docker0.label.split('\n')).toEqual([
      'docker0',
      '172.17.0.1/16',
      'network “bridge”',
      'DOWN · no ports yet',
    ])
    expect(docker0).toMatchObject({ record: bridgeOf(lab, 'bridge'), color: DEFAULT_BRIDGE_COLOR })
    expect(docker0.classes).toContain('state-down')
  })

  it('draws nothing of Docker but the bridge: no container namespaces, veths or ports', () => {
    expect(elementsOf(m, 'netns')).toHaveLength(1)
    expect(elementsOf(m, 'veth')).toEqual([])
    expect(elementsOf(m, 'port')).toEqual([])
  })
})

describe('kernel view of a container with a published port', () => {
  const lab = labAfter(WEB)
  const m = kernelModel(lab)
  const web = container(lab, 'web')
  const ns = netnsOf(m, web)
  const eth0 = iface(m, 'eth0', ns.id)
  const hostEnd = byId(m, edgesAt(m, 'veth', eth0.id)[0]?.source ?? '')

  it('draws its namespace as a compound named after the container and its image', () => {
    expect(ns).toMatchObject({ label: 'web (nginx)', record: web.id, parent: HOST })
    expect(ns.position).toBeUndefined()
    expect(ns.stands).toEqual(expect.arrayContaining([web.netns, web.id]))
  })

  it('holds eth0 with the first address of the default bridge, and lo', () => {
    expect(eth0.label).toBe('eth0\n172.17.0.2/16')
    expect(iface(m, 'lo', ns.id).label).toBe('lo\n127.0.0.1/8')
    expect(
      Object.values(m.elements)
        .filter((e) => e.parent === ns.id)
        .map((e) => e.label.split('\n')[0]),
    ).toEqual(['eth0', 'lo'])
  })

  it("places the veth's host end right above the container's eth0", () => {
    expect(hostEnd).toMatchObject({ kind: 'interface', parent: hostNetns(m).id })
    expect(hostEnd.label).toMatch(/^veth[0-9a-f]{7}$/)
    expect(hostEnd.position?.x).toBe(eth0.position?.x)
    expect(hostEnd.position?.y).toBeLessThan(eth0.position?.y ?? -Infinity)
  })

  it('joins the host end to eth0 with a veth edge and to docker0 with a port edge', () => {
    const docker0 = byId(m, bridgeOf(lab, 'bridge'))
    expect(edgesAt(m, 'veth', eth0.id)).toEqual([
      expect.objectContaining({ source: hostEnd.id, target: eth0.id }),
    ])
    expect(edgesAt(m, 'port', hostEnd.id)).toEqual([
      expect.objectContaining({ source: hostEnd.id, target: docker0.id }),
    ])
  })

  it("paints eth0, its veth and the bridge port in the default bridge's colour", () => {
    const painted = [
      eth0,
      hostEnd,
      ...edgesAt(m, 'veth', eth0.id),
      ...edgesAt(m, 'port', hostEnd.id),
    ]
    expect(painted.map((e) => e.color)).toEqual(Array(4).fill(DEFAULT_BRIDGE_COLOR))
  })

  it('shows the published port in a badge that belongs to the container', () => {
    const badge = only(m, (e) => e.kind === 'badge', 'badge')
    expect(badge.label.split('\n')).toContain('0.0.0.0:8080 → 172.17.0.2:80/tcp')
    expect(badge).toMatchObject({ record: web.id, container: web.id })
    expect(badge.position?.x).toBe(eth0.position?.x)
    expect(badge.position?.y).toBeGreaterThan(eth0.position?.y ?? Infinity)
  })

  it('shows docker0 up once it has a port', () => {
    const docker0 = byId(m, bridgeOf(lab, 'bridge'))
    expect(docker0.label).toBe('docker0\n172.17.0.1/16\nnetwork “bridge”')
    expect(docker0.classes).toContain('state-up')
  })
})

describe('kernel view of user networks', () => {
  const lab = labAfter(
    'docker network create net1',
    'docker network create net2',
    'docker run -d --name api --network net2 busybox sleep 1d',
  )
  const m = kernelModel(lab)

  it('gives each bridge the next palette colour in creation order', () => {
    expect(byId(m, bridgeOf(lab, 'net1')).color).toBe(NETWORK_PALETTE[0])
    expect(byId(m, bridgeOf(lab, 'net2')).color).toBe(NETWORK_PALETTE[1])
  })

  it('names the network on its bridge, right of docker0 in creation order', () => {
    const [docker0, br1, br2] = ['bridge', 'net1', 'net2'].map((n) => byId(m, bridgeOf(lab, n)))
    expect(br1?.label).toMatch(/^br-[0-9a-f]{12}\n172\.18\.0\.1\/16\nnetwork “net1”/)
    expect(br2?.label).toMatch(/^br-[0-9a-f]{12}\n172\.19\.0\.1\/16\nnetwork “net2”/)
    expect(docker0?.position?.x).toBeLessThan(br1?.position?.x ?? -Infinity)
    expect(br1?.position?.x).toBeLessThan(br2?.position?.x ?? -Infinity)
  })

  it("paints a container's interface, its veth and port in its network's colour", () => {
    const api = container(lab, 'api')
    const eth0 = iface(m, 'eth0', netnsOf(m, api).id)
    const veth = edgesAt(m, 'veth', eth0.id)
    const hostEnd = byId(m, veth[0]?.source ?? '')
    const port = edgesAt(m, 'port', hostEnd.id)
    expect(port[0]?.target).toBe(bridgeOf(lab, 'net2'))
    expect([eth0, hostEnd, ...veth, ...port].map((e) => e.color)).toEqual(
      Array(4).fill(NETWORK_PALETTE[1]),
    )
  })
})

describe('kernel view of a container on two networks', () => {
  const lab = labAfter(WEB, 'docker network create net1', 'docker network connect net1 web')
  const m = kernelModel(lab)
  const ns = netnsOf(m, container(lab, 'web'))

  it.each([
    ['eth0', 'bridge', '172.17.0.2/16'],
    ['eth1', 'net1', '172.18.0.2/16'],
  ])('draws %s on %s with its veth ending on that bridge', (name, net, address) => {
    const inner = iface(m, name, ns.id)
    expect(inner.label).toBe(`${name}\n${address}`)
    const hostEnd = byId(m, edgesAt(m, 'veth', inner.id)[0]?.source ?? '')
    expect(hostEnd.position?.x).toBe(inner.position?.x)
    expect(edgesAt(m, 'port', hostEnd.id).map((e) => e.target)).toEqual([bridgeOf(lab, net)])
  })

  it('keeps one namespace for the container, listing both networks', () => {
    expect(ns.networks).toEqual([network(lab, 'bridge'), network(lab, 'net1')].map((n) => n.id))
  })
})

describe('kernel view of --network container:web', () => {
  const lab = labAfter(WEB, 'docker run -d --name side --network container:web busybox sleep 1d')
  const m = kernelModel(lab)
  const web = container(lab, 'web')
  const side = container(lab, 'side')

  it('draws one namespace whose label names both containers', () => {
    expect(side.netns).toBe(web.netns)
    const containerNs = elementsOf(m, 'netns').filter((e) => !e.classes.includes('netns-host'))
    expect(containerNs.map((e) => e.id)).toEqual([web.netns])
    expect(containerNs[0]?.label).toBe('web (nginx) + side (busybox)')
    expect(containerNs[0]?.stands).toEqual(expect.arrayContaining([web.id, side.id]))
  })

  it('gives the shared namespace no second eth0', () => {
    expect(elementsOf(m, 'veth')).toHaveLength(1)
  })
})

describe('kernel view of --network host and --network none', () => {
  const lab = labAfter(
    'docker run -d --name hostly --network host busybox sleep 1d',
    'docker run -d --name nonet --network none busybox sleep 1d',
  )
  const m = kernelModel(lab)

  it('draws a host-mode container inside the host namespace', () => {
    const hostly = container(lab, 'hostly')
    expect(byId(m, hostly.id)).toMatchObject({
      kind: 'container',
      label: 'hostly (busybox)\nhost network mode',
      parent: hostNetns(m).id,
      container: hostly.id,
    })
    expect(elementsOf(m, 'netns').filter((e) => e.record === hostly.id)).toEqual([])
  })

  it('draws a none-mode container as a namespace with only lo', () => {
    const ns = netnsOf(m, container(lab, 'nonet'))
    expect(ns.label).toBe('nonet (busybox)')
    expect(
      Object.values(m.elements)
        .filter((e) => e.parent === ns.id)
        .map((e) => e.label),
    ).toEqual(['lo\n127.0.0.1/8'])
  })

  it('draws no namespace for a stopped container (it keeps none)', () => {
    run(lab, 'docker run --name old busybox true')
    const old = container(lab, 'old')
    expect(Object.values(kernelModel(lab).elements).filter((e) => e.record === old.id)).toEqual([])
  })
})

describe('kernel view placement is incremental', () => {
  // Each step adds to the drawing; nothing already drawn moves.
  it.each([
    ['another container', 'docker run -d --name api busybox sleep 1d'],
    ['a container on a user network', 'docker run -d --name db --network net1 busybox sleep 1d'],
    ['another network', 'docker network create net2'],
    ['a host-mode container', 'docker run -d --name hostly --network host busybox sleep 1d'],
    ['a none-mode container', 'docker run -d --name nonet --network none busybox sleep 1d'],
  ])('keeps every position after %s', (_what, line) => {
    const lab = labAfter(
      WEB,
      'docker network create net1',
      'docker run -d --name cache busybox sleep 1d',
    )
    const before = kernelModel(lab)
    run(lab, line)
    expectPositionsKept(before, kernelModel(lab))
  })

  it('keeps every device where it was with the rules overlay on', () => {
    // Rule notes grow with new rules (and the LAN above them moves up); devices stay put.
    const lab = labAfter(WEB, 'docker network create net1')
    const devices = (m: GraphModel): GraphModel => ({
      ...m,
      elements: Object.fromEntries(
        Object.entries(m.elements).filter(([, e]) => e.kind !== 'rules' && e.kind !== 'segment'),
      ),
    })
    const before = devices(kernelModel(lab, true))
    run(lab, 'docker run -d --name api -p 9090:80 nginx')
    run(lab, 'docker network create net2')
    expectPositionsKept(before, devices(kernelModel(lab, true)))
  })
})

describe('the rules overlay', () => {
  const lab = labAfter(WEB, 'docker network create net1')
  const m = kernelModel(lab, true)

  it.each(['bridge', 'net1'])('puts a rules note on the bridge of %s, tied to it', (net) => {
    const bridge = bridgeOf(lab, net)
    const note = byId(m, `rules:${bridge}`)
    expect(note).toMatchObject({ kind: 'rules', record: bridge })
    expect(note.position).toBeDefined()
    expect(edgesAt(m, 'note', bridge)).toEqual([
      expect.objectContaining({ source: note.id, target: bridge }),
    ])
  })

  it("shows the published port's DNAT on docker0's note", () => {
    const text = unwrap(byId(m, `rules:${bridgeOf(lab, 'bridge')}`).label)
    expect(text).toContain('nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080')
    expect(text).toContain('-j DNAT --to-destination 172.17.0.2:80')
  })

  it.each([
    ['bridge', '172.17.0.0/16'],
    ['net1', '172.18.0.0/16'],
  ])("shows the MASQUERADE of %s's subnet on its bridge's note", (net, subnet) => {
    const bridge = bridgeOf(lab, net)
    const name = byId(m, bridge).label.split('\n')[0] ?? ''
    expect(unwrap(byId(m, `rules:${bridge}`).label)).toContain(
      `nat -A POSTROUTING -s ${subnet} ! -o ${name} -j MASQUERADE`,
    )
  })

  it('keeps DNAT for a port off the other bridges', () => {
    expect(unwrap(byId(m, `rules:${bridgeOf(lab, 'net1')}`).label)).not.toContain('DNAT')
  })

  it('draws no rules without the overlay', () => {
    const plain = kernelModel(lab)
    expect(elementsOf(plain, 'rules')).toEqual([])
    expect(elementsOf(plain, 'note')).toEqual([])
  })
})
