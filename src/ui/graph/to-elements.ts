// Snapshot → what the graph draws (kernel view): hosts as compound nodes holding their network
// namespaces, namespaces holding their interfaces, NICs cabled to the LAN, bridge ports and
// veth pairs as edges. Pure: unit-tested without a browser.

import type {
  ContainerRecord,
  InterfaceRecord,
  NetnsRecord,
  NetworkRecord,
  RecordId,
  SegmentRecord,
  Snapshot,
  SnapshotRecord,
} from '../../engine'

export type GraphElementKind =
  | 'host'
  | 'netns'
  | 'interface'
  | 'segment'
  | 'cable'
  | 'port'
  | 'veth'
  /** A running container without a namespace of its own (host mode), drawn in the host's. */
  | 'container'

/** One drawn element; `id` is the snapshot record id for nodes, derived for edges. */
export type GraphElement = {
  readonly id: string
  readonly kind: GraphElementKind
  readonly label: string
  readonly parent?: string
  readonly source?: string
  readonly target?: string
  /** The snapshot record the element stands for (selection and the inspector use it). */
  readonly record: RecordId
  /** Style classes, e.g. `link-bridge state-down`. */
  readonly classes: string
}

type Index = {
  readonly networksByBridge: ReadonlyMap<RecordId, NetworkRecord[]>
  readonly containersByNetns: ReadonlyMap<RecordId, ContainerRecord[]>
  readonly hostNetns: ReadonlySet<RecordId>
}

function groupBy<T>(items: readonly T[], key: (t: T) => RecordId | undefined): Map<RecordId, T[]> {
  const out = new Map<RecordId, T[]>()
  for (const item of items) {
    const k = key(item)
    if (k !== undefined) out.set(k, [...(out.get(k) ?? []), item])
  }
  return out
}

export function toElements(snapshot: Snapshot): GraphElement[] {
  const records = Object.values(snapshot.records)
  const index: Index = {
    networksByBridge: groupBy(
      records.flatMap((r) => (r.kind === 'network' ? [r] : [])),
      (n) => n.bridge,
    ),
    containersByNetns: groupBy(
      records.flatMap((r) => (r.kind === 'container' && r.networkMode !== 'host' ? [r] : [])),
      (c) => c.netns,
    ),
    hostNetns: new Set(
      records.flatMap((r) => (r.kind === 'netns' && r.role === 'host' ? [r.id] : [])),
    ),
  }
  return records.flatMap((r) => elementsOf(r, index))
}

/** A container namespace is named after the containers in it: `web (nginx)`. */
function netnsLabel(r: NetnsRecord, containers: readonly ContainerRecord[]): string {
  if (r.role === 'host') return 'host network namespace'
  if (containers.length === 0) return r.path
  return containers.map((c) => `${c.name} (${c.image})`).join(' + ')
}

function elementsOf(r: SnapshotRecord, index: Index): GraphElement[] {
  switch (r.kind) {
    case 'host':
      return [{ id: r.id, kind: 'host', label: r.hostname, record: r.id, classes: 'host' }]
    case 'netns': {
      const containers = index.containersByNetns.get(r.id) ?? []
      return [
        {
          id: r.id,
          kind: 'netns',
          label: netnsLabel(r, containers),
          parent: r.host,
          record: containers[0]?.id ?? r.id,
          classes: `netns netns-${r.role}`,
        },
      ]
    }
    case 'segment':
      return [
        { id: r.id, kind: 'segment', label: segmentLabel(r), record: r.id, classes: 'segment' },
      ]
    case 'interface':
      return interfaceElements(r, index.networksByBridge.get(r.id) ?? [])
    case 'container':
      return hostModeElements(r, index)
    case 'network':
      return []
  }
}

/** Host-mode containers share the host namespace: drawn as a badge inside it. */
function hostModeElements(r: ContainerRecord, index: Index): GraphElement[] {
  if (r.networkMode !== 'host' || r.netns === undefined) return []
  if (!index.hostNetns.has(r.netns)) return []
  return [
    {
      id: r.id,
      kind: 'container',
      label: `${r.name} (${r.image})\nhost network mode`,
      parent: r.netns,
      record: r.id,
      classes: 'container container-host-mode',
    },
  ]
}

function segmentLabel(s: SegmentRecord): string {
  return `LAN ${s.subnet}\nrouter ${s.gateway}${s.internet ? ' → Internet' : ''}`
}

function interfaceElements(r: InterfaceRecord, networks: readonly NetworkRecord[]): GraphElement[] {
  // The state goes on a line of its own: long names (br-<id12>) already fill the box.
  const lines = [r.name, ...r.addresses, ...networks.map((n) => `network “${n.name}”`)]
  if (r.state === 'DOWN') lines.push(r.linkKind === 'bridge' ? 'DOWN · no ports yet' : 'DOWN')
  const node: GraphElement = {
    id: r.id,
    kind: 'interface',
    label: lines.join('\n'),
    parent: r.netns,
    record: r.id,
    classes: `interface link-${r.linkKind} state-${r.state.toLowerCase()}`,
  }
  const edges: GraphElement[] = []
  if (r.segment !== undefined) edges.push(edge('cable', `cable:${r.id}`, r.id, r.segment, r.id))
  if (r.master !== undefined) edges.push(edge('port', `port:${r.id}`, r.id, r.master, r.id))
  // One edge per veth pair, from the end with the smaller id.
  if (r.peer !== undefined && r.id < r.peer)
    edges.push(edge('veth', `veth:${r.id}`, r.id, r.peer, r.id))
  return [node, ...edges]
}

function edge(
  kind: GraphElementKind,
  id: string,
  source: string,
  target: string,
  record: RecordId,
): GraphElement {
  return { id, kind, label: '', source, target, record, classes: kind }
}
