// macvlan/ipvlan networks and a VLAN sub-interface, drawn from hand-made snapshot records (the
// fields engine/snapshot/records.ts gives them) on top of the default world: `mv` (macvlan,
// parent eth0) with m1, and `iv` (ipvlan l2, parent eth0.10, which Docker makes) with i1.

import { describe, expect, it } from 'vitest'
import type {
  ContainerRecord,
  InterfaceRecord,
  NetnsRecord,
  NetworkRecord,
  Snapshot,
  SnapshotRecord,
} from '../../../src/engine'
import { buildGraph } from '../../../src/view/graph/build'
import { NETWORK_PALETTE } from '../../../src/view/graph/colors'
import { kernelView } from '../../../src/view/graph/kernel-view'
import { indexWorld } from '../../../src/view/graph/world-index'
import type { GraphModel } from '../../../src/view/graph/types'
import { createTestLab } from '../../helpers/lab'
import {
  byId,
  container,
  dockerModel,
  edgesAt,
  elementsOf,
  hostNetns,
  iface,
  kernelModel,
  labAfter,
  network,
} from './graph-lab'

const lab = createTestLab()
const base = lab.snapshot()
const ETH0 = 'link:host1/l1'
const HOST = 'host:host1'

const dev = (
  id: string,
  netns: string,
  name: string,
  linkKind: InterfaceRecord['linkKind'],
  extra: Partial<InterfaceRecord>,
): InterfaceRecord => ({
  id,
  kind: 'interface',
  host: HOST,
  netns,
  name,
  linkKind,
  ifindex: 10,
  mac: '02:42:c0:a8:01:02',
  mtu: 1500,
  state: 'UP',
  flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
  addresses: [],
  ...extra,
})

const net = (id: string, name: string, driver: 'macvlan' | 'ipvlan', parent: string, n: number) =>
  ({
    id,
    kind: 'network',
    host: HOST,
    networkId: `${id.slice(-12)}${'0'.repeat(52)}`,
    name,
    driver,
    scope: 'local',
    subnets: [`192.168.${n}.0/24`],
    gateways: [`192.168.${n}.1`],
    internal: false,
    index: 2 + n,
    seq: 2 + n,
    parent,
  }) satisfies NetworkRecord

const ns = (id: string): NetnsRecord => ({
  id,
  kind: 'netns',
  host: HOST,
  role: 'container',
  path: `/var/run/docker/netns/${id.slice(-6)}`,
})

const ctr = (id: string, name: string, netns: string, network: string, iface: string) =>
  ({
    id,
    kind: 'container',
    host: HOST,
    containerId: `${id.slice(-12)}${'0'.repeat(52)}`,
    name,
    image: 'busybox',
    status: 'running',
    netns,
    networkMode: name === 'm1' ? 'mv' : 'iv',
    networks: [name === 'm1' ? 'mv' : 'iv'],
    ports: [],
    created: 1767225700 + name.length,
    endpoints: [{ network, ipv4: '192.168.1.2/24', mac: '02:42:c0:a8:01:02', iface }],
  }) satisfies ContainerRecord

const added: SnapshotRecord[] = [
  dev('link:host1/l40', 'netns:host1/ns0', 'eth0.10', 'vlan', { lower: ETH0, mode: '10' }),
  net('network:host1/aaaaaaaaaaa1', 'mv', 'macvlan', ETH0, 1),
  net('network:host1/aaaaaaaaaaa2', 'iv', 'ipvlan', 'link:host1/l40', 2),
  ns('netns:host1/ns40'),
  ns('netns:host1/ns41'),
  dev('link:host1/l41', 'netns:host1/ns40', 'eth0', 'macvlan', {
    lower: ETH0,
    mode: 'bridge',
    addresses: ['192.168.1.2/24'],
  }),
  dev('link:host1/l42', 'netns:host1/ns41', 'eth0', 'ipvlan', {
    lower: 'link:host1/l40',
    mode: 'l2',
    addresses: ['192.168.2.2/24'],
  }),
  ctr(
    'container:host1/bbbbbbbbbbb1',
    'm1',
    'netns:host1/ns40',
    'network:host1/aaaaaaaaaaa1',
    'link:host1/l41',
  ),
  ctr(
    'container:host1/bbbbbbbbbbb2',
    'i1',
    'netns:host1/ns41',
    'network:host1/aaaaaaaaaaa2',
    'link:host1/l42',
  ),
]
const snapshot: Snapshot = {
  rev: base.rev + 1,
  records: { ...base.records, ...Object.fromEntries(added.map((r) => [r.id, r])) },
}
const model = (level: 'kernel' | 'docker'): GraphModel =>
  buildGraph(snapshot, lab.world, { level, rules: false })
// The daemon's 4th network (seq 3): the first colour of the local palette.
const MV = NETWORK_PALETTE[0]

describe('kernel view of macvlan, ipvlan and a VLAN sub-interface', () => {
  const m = model('kernel')
  const hostNs = hostNetns(m).id

  it('draws eth0.10 right under eth0 in the host namespace, stacked on it', () => {
    const eth0 = iface(m, 'eth0', hostNs)
    const vlan = iface(m, 'eth0.10', hostNs)
    expect(vlan.label).toBe('eth0.10\nVLAN 10\nparent of “iv”')
    expect(vlan.classes).toContain('link-vlan')
    expect(vlan.position?.x).toBe(eth0.position?.x)
    expect(vlan.position?.y).toBeGreaterThan(eth0.position?.y ?? Infinity)
    const stacked = edgesAt(m, 'lower', vlan.id).filter((e) => e.source === vlan.id)
    expect(stacked.map((e) => e.target)).toEqual([eth0.id])
    expect(eth0.label).toBe('eth0\n10.10.0.11/24\nparent of “mv”')
  })

  it('draws a macvlan child in its container’s namespace, with a line to its parent NIC', () => {
    const child = iface(m, 'eth0', 'netns:host1/ns40')
    expect(child.label).toBe('eth0\n192.168.1.2/24\nmacvlan (bridge)')
    expect(child.color).toBe(MV)
    const [line, ...more] = edgesAt(m, 'lower', child.id)
    expect(more).toEqual([])
    expect(line).toMatchObject({
      target: ETH0,
      color: MV,
      classes: 'lower lower-macvlan on-network',
    })
    expect(edgesAt(m, 'veth', child.id)).toEqual([])
  })

  it('draws an ipvlan child stacked on the VLAN sub-interface', () => {
    const child = iface(m, 'eth0', 'netns:host1/ns41')
    expect(child.label).toBe('eth0\n192.168.2.2/24\nipvlan (l2)')
    expect(edgesAt(m, 'lower', child.id).map((e) => e.target)).toEqual(['link:host1/l40'])
  })

  it('keeps the VLAN and its lines in the light drawing, none dangling', () => {
    const els = kernelView(indexWorld(snapshot), lab.world, { light: true, rules: false })
    const ids = new Set(els.map((e) => e.id))
    expect(ids.has('link:host1/l40')).toBe(true)
    const lowers = els.filter((e) => e.kind === 'lower')
    expect(lowers).toHaveLength(3)
    for (const e of lowers)
      expect([ids.has(e.source ?? ''), ids.has(e.target ?? '')]).toEqual([true, true])
  })
})

describe('Docker view of macvlan and ipvlan networks', () => {
  const m = model('docker')

  it('says the parent on the bar and hangs the bar from the parent NIC, over the bars', () => {
    const bar = byId(m, 'network:host1/aaaaaaaaaaa1')
    expect(bar.label).toBe('mv (macvlan)\n192.168.1.0/24 · parent eth0')
    const line = byId(m, 'lower:network:host1/aaaaaaaaaaa1')
    expect(line).toMatchObject({ source: ETH0, target: bar.id, label: '', color: MV })
    expect(line.classes).toContain('routed')
    expect(line.bend).toBeLessThan(0)
  })

  it('goes through the VLAN to its NIC, naming the VLAN on the line', () => {
    expect(byId(m, 'network:host1/aaaaaaaaaaa2').label).toBe(
      'iv (ipvlan)\n192.168.2.0/24 · parent eth0.10',
    )
    expect(byId(m, 'lower:network:host1/aaaaaaaaaaa2')).toMatchObject({
      source: ETH0,
      label: 'eth0.10 (VLAN 10)',
    })
  })

  it('lists them in the legend with their parent', () => {
    expect(m.legend.map((l) => [l.name, l.driver])).toEqual([
      ['bridge', 'bridge'],
      ['mv', 'macvlan on eth0'],
      ['iv', 'ipvlan on eth0.10'],
    ])
  })
})

describe('macvlan and ipvlan made by the daemon', () => {
  const made = labAfter(
    'docker network create -d macvlan --subnet 10.10.0.0/24 --gateway 10.10.0.1 -o parent=eth0 mv',
    'docker network create -d ipvlan --subnet 192.168.10.0/24 -o parent=eth0.10 iv',
    'docker run -d --name m1 --network mv busybox sleep 1d',
    'docker run -d --name i1 --network iv busybox sleep 1d',
  )

  it('stacks the containers’ devices on eth0 and on the eth0.10 Docker made', () => {
    const m = kernelModel(made)
    const hostNs = hostNetns(m).id
    const eth0 = iface(m, 'eth0', hostNs)
    const vlan = iface(m, 'eth0.10', hostNs)
    const m1 = iface(m, 'eth0', container(made, 'm1').netns ?? '')
    const i1 = iface(m, 'eth0', container(made, 'i1').netns ?? '')
    expect(m1.label).toBe('eth0\n10.10.0.2/24\nmacvlan (bridge)')
    expect(edgesAt(m, 'lower', m1.id).map((e) => e.target)).toEqual([eth0.id])
    expect(edgesAt(m, 'lower', i1.id).map((e) => e.target)).toEqual([vlan.id])
    expect(eth0.label).toBe('eth0\n10.10.0.11/24\nparent of “mv”')
  })

  it('hangs both bars from eth0 in the Docker view', () => {
    const m = dockerModel(made)
    const lines = elementsOf(m, 'lower')
    expect(lines.map((e) => [e.source, e.target, e.label])).toEqual([
      ['link:host1/l1', network(made, 'mv').id, ''],
      ['link:host1/l1', network(made, 'iv').id, 'eth0.10 (VLAN 10)'],
    ])
  })
})
