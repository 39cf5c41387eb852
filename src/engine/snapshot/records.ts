// What the UI sees of the world: a flat map of immutable, JSON-safe records with kind-prefixed
// ids (`link:host1/l3`). Unchanged records keep their identity between revisions, so diffs are
// reference comparisons and the UI repaints only what changed.

import type { DriverName } from '../daemon/types'
import type { OperState } from '../kernel/links'
import type { LinkKind, NetnsRole } from '../kernel/types'

/** Record ids: `host:<host>`, `netns:<host>/<ns>`, `link:<host>/<link>`, `segment:<name>`, `network:<host>/<id12>`,
 * `container:<host>/<id12>`. */
export type RecordId = string

export type HostRecord = {
  readonly id: RecordId
  readonly kind: 'host'
  readonly hostname: string
  /** Ordinal in the world's host list (layout order). */
  readonly index: number
}

export type NetnsRecord = {
  readonly id: RecordId
  readonly kind: 'netns'
  readonly host: RecordId
  readonly role: NetnsRole
  /** Mount path (`/var/run/docker/netns/…`), empty for the host's own namespace. */
  readonly path: string
}

export type InterfaceRecord = {
  readonly id: RecordId
  readonly kind: 'interface'
  readonly host: RecordId
  readonly netns: RecordId
  readonly name: string
  readonly linkKind: LinkKind
  readonly ifindex: number
  readonly mac: string
  readonly mtu: number
  readonly state: OperState
  /** `ip link` flags, e.g. `['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP']`. */
  readonly flags: readonly string[]
  /** IPv4 addresses with prefix length, e.g. `172.17.0.1/16`. */
  readonly addresses: readonly string[]
  /** The bridge this device is a port of. */
  readonly master?: RecordId
  /** veth: the other end. */
  readonly peer?: RecordId
  /** Physical NIC: the segment it is cabled to. */
  readonly segment?: RecordId
  /** vxlan: the tunnel's VNI and UDP port (the same VNI on two hosts is one overlay). */
  readonly tunnel?: { readonly vni: number; readonly port: number }
  /** macvlan, ipvlan, vlan: the lower device (on the same host, maybe in another namespace). */
  readonly lower?: RecordId
  /** macvlan / ipvlan mode (`bridge`, `l2`…), vlan id as text. */
  readonly mode?: string
}

export type SegmentRecord = {
  readonly id: RecordId
  readonly kind: 'segment'
  readonly name: string
  readonly subnet: string
  readonly gateway: string
  readonly internet: boolean
  /** The router joining it to other LANs, when it has one of its own name. */
  readonly router?: string
  /** Named machines on it (Docker 1.9's key-value store): `consul 10.10.0.5`. */
  readonly machines?: readonly {
    readonly name: string
    readonly ip: string
    readonly role: string
  }[]
}

export type NetworkRecord = {
  readonly id: RecordId
  readonly kind: 'network'
  readonly host: RecordId
  readonly networkId: string
  readonly name: string
  readonly driver: DriverName
  readonly scope: 'local' | 'swarm' | 'global'
  readonly subnets: readonly string[]
  readonly gateways: readonly string[]
  readonly internal: boolean
  /** Its place in creation order among the host's networks now (0 = the first). */
  readonly index: number
  /** How many networks the daemon had made before it: stable when older ones are removed. */
  readonly seq: number
  /** bridge driver: the bridge device's record. */
  readonly bridge?: RecordId
  /** overlay driver: the VNI, and whether the tunnel is IPsec-encrypted. */
  readonly overlay?: { readonly vni: number; readonly encrypted: boolean }
  /** macvlan / ipvlan: the parent device's record on this host. */
  readonly parent?: RecordId
}

export type ContainerRecord = {
  readonly id: RecordId
  readonly kind: 'container'
  readonly host: RecordId
  readonly containerId: string
  readonly name: string
  readonly image: string
  readonly status: string
  /** The namespace the container's processes see (its own, the host's, another's), if running. */
  readonly netns?: RecordId
  /** `host`, `none`, `container:NAME`, or `default`/the networks it is on. */
  readonly networkMode: string
  /** Names of the networks it is attached to (configured, running or not). */
  readonly networks: readonly string[]
  /** Published ports as `docker ps` shows them: `0.0.0.0:8080->80/tcp`. */
  readonly ports: readonly string[]
  /** When it was created (the virtual clock, seconds): with the id, the creation order. */
  readonly created: number
  /** While running: its endpoint on each network (NetworkSettings.Networks), in attach order. */
  readonly endpoints: readonly EndpointRecord[]
}

/** A running container's attachment to a network. */
export type EndpointRecord = {
  readonly network: RecordId
  /** `172.18.0.2/16`, when the network gave it an address. */
  readonly ipv4?: string
  readonly mac: string
  /** Its interface inside the container (eth0…). */
  readonly iface: RecordId
}

export type SnapshotRecord =
  HostRecord | NetnsRecord | InterfaceRecord | SegmentRecord | NetworkRecord | ContainerRecord
export type SnapshotRecordKind = SnapshotRecord['kind']

/** The world as the UI sees it at one revision. */
export type Snapshot = {
  readonly rev: number
  readonly records: Readonly<Record<RecordId, SnapshotRecord>>
}

export type SnapshotDiff = {
  readonly fromRev: number
  readonly toRev: number
  readonly added: readonly SnapshotRecord[]
  readonly updated: readonly SnapshotRecord[]
  readonly removed: readonly RecordId[]
}
