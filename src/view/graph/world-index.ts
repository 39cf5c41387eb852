// One pass over a snapshot's records, grouped the ways both views need them: per host, per
// namespace, which network a device belongs to. O(records); both views start from it.

import type {
  ContainerRecord,
  HostRecord,
  InterfaceRecord,
  NetnsRecord,
  NetworkRecord,
  RecordId,
  SegmentRecord,
  Snapshot,
} from '../../engine'

export type WorldIndex = {
  readonly hosts: readonly HostRecord[]
  readonly segments: readonly SegmentRecord[]
  readonly networksOf: (host: RecordId) => readonly NetworkRecord[]
  readonly containersOf: (host: RecordId) => readonly ContainerRecord[]
  readonly netnsOf: (host: RecordId) => readonly NetnsRecord[]
  /** A namespace's interfaces by ifindex. */
  readonly ifacesOf: (netns: RecordId) => readonly InterfaceRecord[]
  /** The containers whose processes run in a namespace (several with `container:`). */
  readonly containersIn: (netns: RecordId) => readonly ContainerRecord[]
  /** The network a device belongs to: a bridge's, a bridge port's, a container endpoint's. */
  readonly networkOfIface: (iface: RecordId) => NetworkRecord | undefined
  readonly network: (id: RecordId) => NetworkRecord | undefined
  readonly iface: (id: RecordId) => InterfaceRecord | undefined
  readonly container: (id: RecordId) => ContainerRecord | undefined
  /** A host's network by name (container records name their configured networks). */
  readonly networkNamed: (host: RecordId, name: string) => NetworkRecord | undefined
  /**
   * The overlay network a Docker sandbox namespace serves (`/var/run/docker/netns/1-<id10>`,
   * holding br0, vxlan0 and a veth per container), or undefined for any other namespace.
   */
  readonly overlayOf: (netns: RecordId) => NetworkRecord | undefined
  /**
   * Every host's record of the same network (a swarm-scoped overlay has one per host that
   * knows it, all with one networkId), in host order; just `[n]` for a local network.
   */
  readonly siblings: (n: NetworkRecord) => readonly NetworkRecord[]
  /** The overlays' VNIs, cluster-wide and ascending (a VNI's rank places its sandboxes). */
  readonly vnis: readonly number[]
}

/** Docker's overlay sandboxes are mounted as `<n>-<first 10 characters of the network ID>`. */
const SANDBOX_NAME = /\/(\d+)-([0-9a-z]{10})$/

/** The last part of a namespace's mount path (`ingress_sbox`, `1-mhhp1f0l29`, `a1b2c3d4e5f6`). */
export const pathName = (path: string): string => path.slice(path.lastIndexOf('/') + 1)

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k)
  if (list) list.push(v)
  else m.set(k, [v])
}

/** Creation order of containers: the virtual clock, then the id (deterministic). */
export const byCreation = (a: ContainerRecord, b: ContainerRecord): number =>
  a.created - b.created || (a.containerId < b.containerId ? -1 : 1)

export function indexWorld(snapshot: Snapshot): WorldIndex {
  const hosts: HostRecord[] = []
  const segments: SegmentRecord[] = []
  const networks = new Map<RecordId, NetworkRecord[]>()
  const containers = new Map<RecordId, ContainerRecord[]>()
  const netns = new Map<RecordId, NetnsRecord[]>()
  const ifaces = new Map<RecordId, InterfaceRecord[]>()
  const inNetns = new Map<RecordId, ContainerRecord[]>()
  const byBridge = new Map<RecordId, NetworkRecord>()
  const byEndpoint = new Map<RecordId, RecordId>()
  const records = snapshot.records
  for (const r of Object.values(records)) {
    switch (r.kind) {
      case 'host':
        hosts.push(r)
        break
      case 'segment':
        segments.push(r)
        break
      case 'network':
        push(networks, r.host, r)
        if (r.bridge !== undefined) byBridge.set(r.bridge, r)
        break
      case 'container':
        push(containers, r.host, r)
        if (r.netns !== undefined) push(inNetns, r.netns, r)
        for (const ep of r.endpoints) byEndpoint.set(ep.iface, ep.network)
        break
      case 'netns':
        push(netns, r.host, r)
        break
      case 'interface':
        push(ifaces, r.netns, r)
        break
    }
  }
  hosts.sort((a, b) => a.index - b.index)
  segments.sort((a, b) => (a.name < b.name ? -1 : 1))
  for (const list of networks.values()) list.sort((a, b) => a.index - b.index)
  for (const list of containers.values()) list.sort(byCreation)
  for (const list of inNetns.values()) list.sort(byCreation)
  for (const list of ifaces.values()) list.sort((a, b) => a.ifindex - b.ifindex)
  for (const list of netns.values()) list.sort((a, b) => seq(a.id) - seq(b.id))
  const overlays = overlaySandboxes(netns, networks, ifaces)
  for (const [ns, net] of overlays)
    for (const i of ifaces.get(ns) ?? []) if (i.linkKind === 'bridge') byBridge.set(i.id, net)
  const byNetworkId = new Map<string, NetworkRecord[]>()
  for (const h of hosts)
    for (const n of networks.get(h.id) ?? [])
      if (n.scope === 'swarm') push(byNetworkId, n.networkId, n)
  const vnis = new Set<number>()
  for (const list of networks.values()) for (const n of list) if (n.overlay) vnis.add(n.overlay.vni)
  for (const list of ifaces.values())
    for (const i of list) if (i.tunnel && i.linkKind === 'vxlan') vnis.add(i.tunnel.vni)
  const get = <T>(m: Map<RecordId, T[]>, k: RecordId): readonly T[] => m.get(k) ?? []
  const network = (id: RecordId): NetworkRecord | undefined => {
    const r = records[id]
    return r?.kind === 'network' ? r : undefined
  }
  const iface = (id: RecordId): InterfaceRecord | undefined => {
    const r = records[id]
    return r?.kind === 'interface' ? r : undefined
  }
  return {
    hosts,
    segments,
    networksOf: (h) => get(networks, h),
    containersOf: (h) => get(containers, h),
    netnsOf: (h) => get(netns, h),
    ifacesOf: (ns) => get(ifaces, ns),
    containersIn: (ns) => get(inNetns, ns),
    networkOfIface(id) {
      const endpoint = byEndpoint.get(id)
      if (endpoint !== undefined) return network(endpoint)
      const own = byBridge.get(id)
      if (own) return own
      const r = iface(id)
      if (r?.master !== undefined) return byBridge.get(r.master)
      // A container end whose endpoint is gone (a stopped container keeps no namespace).
      const peer = r?.peer === undefined ? undefined : iface(r.peer)
      return peer?.master === undefined ? undefined : byBridge.get(peer.master)
    },
    network,
    iface,
    container(id) {
      const r = records[id]
      return r?.kind === 'container' ? r : undefined
    },
    networkNamed: (h, name) => get(networks, h).find((n) => n.name === name),
    overlayOf: (ns) => overlays.get(ns),
    siblings: (n) => (n.scope === 'swarm' ? (byNetworkId.get(n.networkId) ?? [n]) : [n]),
    vnis: [...vnis].sort((a, b) => a - b),
  }
}

/** Overlay sandboxes → their network: by the mount name, else by the VNI of their vxlan0. */
function overlaySandboxes(
  netns: ReadonlyMap<RecordId, readonly NetnsRecord[]>,
  networks: ReadonlyMap<RecordId, readonly NetworkRecord[]>,
  ifaces: ReadonlyMap<RecordId, readonly InterfaceRecord[]>,
): Map<RecordId, NetworkRecord> {
  const out = new Map<RecordId, NetworkRecord>()
  for (const [host, list] of netns)
    for (const ns of list) {
      if (ns.role !== 'sandbox') continue
      const id10 = SANDBOX_NAME.exec(ns.path)?.[2]
      const vni = ifaces.get(ns.id)?.find((i) => i.linkKind === 'vxlan')?.tunnel?.vni
      const nets = networks.get(host) ?? []
      const net =
        (id10 === undefined ? undefined : nets.find((n) => n.networkId.startsWith(id10))) ??
        (vni === undefined ? undefined : nets.find((n) => n.overlay?.vni === vni))
      if (net) out.set(ns.id, net)
    }
  return out
}

/**
 * The records a network's elements belong to (focus, legend): its own first (drops act on it),
 * then the same overlay's records on the other hosts.
 */
export function networkIds(ix: WorldIndex, n: NetworkRecord): RecordId[] {
  return [n.id, ...ix.siblings(n).flatMap((s) => (s.id === n.id ? [] : [s.id]))]
}

/** The trailing number of a record id (`netns:host1/n12` → 12): kernel creation order. */
export const seq = (id: string): number => Number(/(\d+)$/.exec(id)?.[1] ?? 0)
