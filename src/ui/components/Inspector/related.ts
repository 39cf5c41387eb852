// Lookups between snapshot records (what lives in a namespace, which container owns it, which
// network a bridge serves…), for the inspector's links. Pure.

import type {
  ContainerRecord,
  InterfaceRecord,
  NetnsRecord,
  NetworkRecord,
  RecordId,
  Snapshot,
  SnapshotRecord,
} from '../../../engine'
import { link, type Part } from './view'

const all = (s: Snapshot): SnapshotRecord[] => Object.values(s.records)

/** How a record is called in the UI (its name, hostname, `host network namespace`…). */
export function nameOf(s: Snapshot, id: RecordId): string {
  const r = s.records[id]
  if (!r) return id
  switch (r.kind) {
    case 'host':
      return r.hostname
    case 'netns':
      // Docker's and `ip netns`'s namespaces are files named after the sandbox or the name.
      return r.role === 'host' ? 'host network namespace' : `netns ${r.path.split('/').pop() ?? ''}`
    case 'interface':
    case 'network':
    case 'segment':
    case 'container':
      return r.name
  }
}

/** A link to a record, named as nameOf names it (plain text if the record is not there). */
export const linkTo = (s: Snapshot, id: RecordId): Part =>
  s.records[id] ? link(nameOf(s, id), id) : id

export const interfacesIn = (s: Snapshot, netns: RecordId): InterfaceRecord[] =>
  all(s).filter((r): r is InterfaceRecord => r.kind === 'interface' && r.netns === netns)

export const interfacesOn = (s: Snapshot, host: RecordId): InterfaceRecord[] =>
  all(s).filter((r): r is InterfaceRecord => r.kind === 'interface' && r.host === host)

export const containersOf = (s: Snapshot, host: RecordId): ContainerRecord[] =>
  all(s).filter((r): r is ContainerRecord => r.kind === 'container' && r.host === host)

/** Containers whose processes see this namespace (its owner and those sharing it). */
export const containersIn = (s: Snapshot, netns: RecordId): ContainerRecord[] =>
  all(s).filter((r): r is ContainerRecord => r.kind === 'container' && r.netns === netns)

/** The container a namespace was made for (not one that joined it with `container:`). */
export function ownerOf(s: Snapshot, netns: RecordId): ContainerRecord | undefined {
  const inside = containersIn(s, netns)
  return inside.find((c) => !c.networkMode.startsWith('container:')) ?? inside[0]
}

/** The ports of a bridge (devices whose master it is). */
export const portsOf = (s: Snapshot, bridge: RecordId): InterfaceRecord[] =>
  all(s).filter((r): r is InterfaceRecord => r.kind === 'interface' && r.master === bridge)

export const networksOf = (s: Snapshot, host: RecordId): NetworkRecord[] =>
  all(s).filter((r): r is NetworkRecord => r.kind === 'network' && r.host === host)

/** The Docker networks a bridge device serves. */
export const networksOnBridge = (s: Snapshot, bridge: RecordId): NetworkRecord[] =>
  all(s).filter((r): r is NetworkRecord => r.kind === 'network' && r.bridge === bridge)

export const networkNamed = (
  s: Snapshot,
  host: RecordId,
  name: string,
): NetworkRecord | undefined => networksOf(s, host).find((n) => n.name === name)

/** A container by full or short ID, or by name. */
export const containerCalled = (
  s: Snapshot,
  host: RecordId,
  ref: string,
): ContainerRecord | undefined =>
  containersOf(s, host).find(
    (c) => c.name === ref || (ref.length >= 12 && c.containerId.startsWith(ref)),
  )

/**
 * The device a container has on a network: the end of a veth whose peer is a port of the
 * network's bridge, else the one with the endpoint's MAC.
 */
export function interfaceOnNetwork(
  s: Snapshot,
  netns: RecordId | undefined,
  network: NetworkRecord | undefined,
  mac = '',
): InterfaceRecord | undefined {
  if (netns === undefined) return undefined
  const inside = interfacesIn(s, netns)
  const bridge = network?.bridge
  const masterOfPeer = (i: InterfaceRecord): RecordId | undefined => {
    const peer = i.peer === undefined ? undefined : s.records[i.peer]
    return peer?.kind === 'interface' ? peer.master : undefined
  }
  const viaBridge =
    bridge === undefined ? undefined : inside.find((i) => masterOfPeer(i) === bridge)
  return viaBridge ?? (mac === '' ? undefined : inside.find((i) => i.mac === mac))
}

/**
 * The overlay network a Docker sandbox namespace serves (`/var/run/docker/netns/1-<id10>`), by
 * its file name, else by its vxlan0's VNI.
 */
export function overlayOfSandbox(s: Snapshot, ns: NetnsRecord): NetworkRecord | undefined {
  if (ns.role !== 'sandbox') return undefined
  const id10 = /\/\d+-([0-9a-z]{10})$/.exec(ns.path)?.[1]
  const vni = interfacesIn(s, ns.id).find((i) => i.linkKind === 'vxlan')?.tunnel?.vni
  const nets = networksOf(s, ns.host)
  return (
    (id10 === undefined ? undefined : nets.find((n) => n.networkId.startsWith(id10))) ??
    nets.find((n) => n.overlay !== undefined && n.overlay.vni === vni)
  )
}

/** The container a device belongs to (the owner of its namespace), if any. */
export function containerOf(s: Snapshot, i: InterfaceRecord): ContainerRecord | undefined {
  const ns = s.records[i.netns]
  return ns?.kind === 'netns' && ns.role === 'container' ? ownerOf(s, i.netns) : undefined
}

/** Where an interface lives, as a link: its container, else its namespace. */
export function placeOf(s: Snapshot, i: InterfaceRecord): Part {
  return linkTo(s, containerOf(s, i)?.id ?? i.netns)
}
