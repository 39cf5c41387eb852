import { describe, expect, it } from 'vitest'
import { createSession } from '../../../src/cli'
import {
  hostId,
  type InterfaceRecord,
  type Snapshot,
  type SnapshotRecord,
} from '../../../src/engine'
import { describeRecord } from '../../../src/ui/components/Inspector/describe'
import { queriesFor } from '../../../src/ui/components/Inspector/queries'
import { partsText, type InspectorView } from '../../../src/ui/components/Inspector/view'
import { ifaceOn, networkOn, sandboxOf, vnetLab } from '../../view/graph/swarm-lab'

/** A section's rows as `label: value` lines. */
const rows = (view: InspectorView, title: string): string[] =>
  (view.sections.find((s) => s.title === title)?.rows ?? []).map(
    (r) => `${partsText([r.label])}: ${partsText(r.value)}`,
  )

describe('the inspector on a swarm overlay', () => {
  const lab = vnetLab({ encrypted: '' })
  const s = lab.engine.snapshot()
  const id10 = networkOn(lab, 'docker02', 'vnet').networkId.slice(0, 10)
  const describe_ = (r: SnapshotRecord): InspectorView => describeRecord(s, r)

  it('says what an overlay sandbox namespace is and which overlay it serves', () => {
    const ns = s.records[sandboxOf(lab, 'docker02', 'vnet')]
    if (ns?.kind !== 'netns') throw new Error('no sandbox')
    const view = describe_(ns)
    expect(view.title).toBe(`netns 1-${id10}`)
    expect(rows(view, 'Namespace')).toEqual([
      'Role: made by Docker for the swarm: an overlay’s br0 and vxlan0, ingress_sbox, lb_…',
      `Path: /var/run/docker/netns/1-${id10}`,
      'Overlay: vnet',
      'Holds: br0 (the overlay’s bridge), vxlan0 (its tunnel end) and a veth per container',
      'Host: docker02',
    ])
  })

  it('describes vxlan0: VNI, UDP port, encryption, and the hosts it tunnels to', () => {
    const vx = ifaceOn(lab, 'docker02', `1-${id10}`, 'vxlan0')
    const view = describe_(vx)
    expect(view.kind).toBe('VXLAN tunnel endpoint (Ethernet frames in UDP between hosts)')
    expect(rows(view, 'VXLAN tunnel')).toEqual([
      'VNI: 4097',
      'UDP port: 4789 (the outer packet’s destination port)',
      'Overlay: vnet',
      'Encrypted: yes (IPsec ESP between hosts)',
      'Sends from: 10.10.0.12',
      'Tunnel to: docker03 10.20.0.13 · vxlan0',
    ])
    expect(rows(view, 'Connections')[0]).toBe('Bridge: br0')
  })

  it('gives an overlay network its VNI, its sandbox here and the other hosts', () => {
    const view = describe_(networkOn(lab, 'docker02', 'vnet'))
    const network = rows(view, 'Network')
    expect(network).toEqual(
      expect.arrayContaining([
        'Driver: overlay (one network across the swarm’s hosts: a bridge per host, VXLAN tunnels between them)',
        'Scope: swarm',
        'VNI: 4097 (VXLAN, UDP 4789)',
        'Encrypted: yes (IPsec ESP between hosts)',
        `Sandbox: netns 1-${id10}`,
        'Also on: docker01 · vnet',
        'Also on: docker03 · vnet',
      ]),
    )
    expect(rows(describe_(networkOn(lab, 'docker01', 'vnet')), 'Network')).toContain(
      'Sandbox: none here (no container of it on this host)',
    )
  })
})

describe('the inspector on stacked devices', () => {
  const lab = vnetLab()
  const base = lab.engine.snapshot()
  const eth0 = ifaceOn(lab, 'docker02', '', 'eth0')
  const vlan: InterfaceRecord = {
    ...eth0,
    id: 'link:docker02/l90',
    name: 'eth0.10',
    linkKind: 'vlan',
    ifindex: 90,
    addresses: [],
    lower: eth0.id,
    mode: '10',
  }
  const { segment: _cable, ...unCabled } = vlan
  const child: InterfaceRecord = {
    ...unCabled,
    id: 'link:docker02/l91',
    netns: 'netns:docker02/ns1',
    name: 'mv0',
    linkKind: 'macvlan',
    lower: vlan.id,
    mode: 'bridge',
  }
  const s: Snapshot = {
    rev: base.rev,
    records: { ...base.records, [vlan.id]: unCabled, [child.id]: child },
  }

  it('gives a macvlan child its mode and its parent', () => {
    const view = describeRecord(s, child)
    expect(view.kind).toBe('macvlan (a child of its parent NIC, with a MAC of its own)')
    expect(rows(view, 'Interface')).toContain(
      'Mode: bridge (children talk to each other directly, not to the parent)',
    )
    expect(rows(view, 'Connections')).toEqual(['Parent: eth0.10 in host network namespace'])
  })

  it('gives a VLAN sub-interface its VLAN ID, its parent NIC and its children', () => {
    const view = describeRecord(s, unCabled)
    expect(view.kind).toBe('802.1Q VLAN sub-interface (tags the frames it sends)')
    expect(rows(view, 'Interface')).toContain('VLAN ID: 10')
    expect(rows(view, 'Connections')).toEqual([
      'Parent: eth0 in host network namespace',
      'Child: mv0 (macvlan) in netns ingress_sbox',
    ])
    expect(rows(describeRecord(s, eth0), 'Connections')).toContain(
      'Child: eth0.10 (vlan) in host network namespace',
    )
  })
})

describe('the inspector’s queries on another host', () => {
  const lab = vnetLab()
  const s = lab.engine.snapshot()
  const id10 = networkOn(lab, 'docker02', 'vnet').networkId.slice(0, 10)
  const fromDocker01 = (line: string | undefined) =>
    createSession(lab.engine.fork(), hostId('docker01')).run(line ?? '')

  it('runs docker inspect over ssh on the record’s host', () => {
    const c02 = Object.values(s.records).find((r) => r.kind === 'container' && r.name === 'c02')
    if (!c02) throw new Error('no c02')
    const q = queriesFor(s, c02)
    expect(q.inspect).toBe('ssh docker02 docker inspect c02')
    const out = fromDocker01(q.inspect)
    expect(out.exitCode).toBe(0)
    expect(out.stdout).toContain('"Name": "/c02"')
  })

  it('shows vxlan0’s addresses through nsenter in its sandbox, on its host', () => {
    const q = queriesFor(s, ifaceOn(lab, 'docker02', `1-${id10}`, 'vxlan0'))
    expect(q.ipAddr).toBe(
      `ssh docker02 nsenter --net=/var/run/docker/netns/1-${id10} ip addr show dev vxlan0`,
    )
    const out = fromDocker01(q.ipAddr)
    expect(out.stderr).toBe('')
    expect(out.stdout).toContain('vxlan0')
  })
})
