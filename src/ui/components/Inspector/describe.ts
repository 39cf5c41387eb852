// What the inspector shows for a record: labelled rows, some linking to related records. Pure.

import type { RecordId, Snapshot, SnapshotRecord } from '../../../engine'

export type InspectorRow = {
  readonly label: string
  readonly value: string
  /** When set, the value is a link that selects this record. */
  readonly link?: RecordId
}

export type InspectorView = {
  readonly title: string
  readonly kind: string
  readonly rows: readonly InspectorRow[]
}

const LINK_KINDS: Readonly<Record<string, string>> = {
  loopback: 'loopback device',
  ether: 'physical NIC',
  bridge: 'Linux bridge',
  veth: 'veth (virtual Ethernet pair end)',
}

const nameOf = (s: Snapshot, id: RecordId): string => {
  const r = s.records[id]
  if (!r) return id
  switch (r.kind) {
    case 'host':
      return r.hostname
    case 'netns':
      return r.role === 'host' ? 'host network namespace' : r.path
    case 'interface':
    case 'network':
    case 'segment':
    case 'container':
      return r.name
  }
}

export function describeRecord(s: Snapshot, r: SnapshotRecord): InspectorView {
  const records = Object.values(s.records)
  switch (r.kind) {
    case 'host': {
      const nics = records.filter((x) => x.kind === 'interface' && x.host === r.id)
      return {
        title: r.hostname,
        kind: 'Docker host',
        rows: [
          { label: 'Hostname', value: r.hostname },
          ...nics.map((n) => ({ label: 'Interface', value: nameOf(s, n.id), link: n.id })),
        ],
      }
    }
    case 'netns':
      return {
        title: nameOf(s, r.id),
        kind: 'Network namespace',
        rows: [
          ...records.flatMap((x) =>
            x.kind === 'container' && x.netns === r.id
              ? [{ label: 'Container', value: x.name, link: x.id }]
              : [],
          ),
          { label: 'Host', value: nameOf(s, r.host), link: r.host },
          { label: 'Path', value: r.path === '' ? '(the host’s initial namespace)' : r.path },
          ...records.flatMap((x) =>
            x.kind === 'interface' && x.netns === r.id
              ? [{ label: 'Interface', value: x.name, link: x.id }]
              : [],
          ),
        ],
      }
    case 'segment':
      return {
        title: `LAN ${r.subnet}`,
        kind: 'Network segment (outside the host)',
        rows: [
          { label: 'Subnet', value: r.subnet },
          { label: 'Router', value: r.gateway },
          { label: 'Internet', value: r.internet ? 'reachable through the router' : 'no' },
        ],
      }
    case 'network':
      return {
        title: r.name,
        kind: `Docker network (${r.driver})`,
        rows: [{ label: 'ID', value: r.networkId }],
      }
    case 'container':
      return {
        title: r.name,
        kind: `Container (${r.image})`,
        rows: [
          { label: 'ID', value: r.containerId.slice(0, 12) },
          { label: 'Status', value: r.status },
          { label: 'Network mode', value: r.networkMode },
          { label: 'Networks', value: r.networks.join(', ') || 'none' },
          { label: 'Ports', value: r.ports.join(', ') || 'none published' },
          ...(r.netns === undefined
            ? []
            : [{ label: 'Namespace', value: nameOf(s, r.netns), link: r.netns }]),
        ],
      }
    case 'interface': {
      const networks = records.flatMap((x) =>
        x.kind === 'network' && x.bridge === r.id ? [x] : [],
      )
      const rows: InspectorRow[] = [
        { label: 'Name', value: r.name },
        { label: 'Index', value: String(r.ifindex) },
        { label: 'Addresses', value: r.addresses.length ? r.addresses.join(', ') : 'none' },
        { label: 'MAC', value: r.mac },
        { label: 'MTU', value: String(r.mtu) },
        { label: 'State', value: r.state },
        { label: 'Flags', value: r.flags.join(' ') },
        { label: 'Namespace', value: nameOf(s, r.netns), link: r.netns },
        { label: 'Host', value: nameOf(s, r.host), link: r.host },
      ]
      if (r.master !== undefined)
        rows.push({ label: 'Bridge', value: nameOf(s, r.master), link: r.master })
      if (r.peer !== undefined) rows.push({ label: 'Peer', value: nameOf(s, r.peer), link: r.peer })
      if (r.segment !== undefined)
        rows.push({ label: 'Cabled to', value: nameOf(s, r.segment), link: r.segment })
      for (const n of networks)
        rows.push({ label: 'Docker network', value: `${n.name} (${n.driver})` })
      return { title: r.name, kind: LINK_KINDS[r.linkKind] ?? r.linkKind, rows }
    }
  }
}
