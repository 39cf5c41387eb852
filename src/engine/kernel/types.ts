// The Linux kernel model of one host: network namespaces holding links (devices), their
// addresses and the routing table. Plain readonly data; kernel/apply.ts is the only writer.

import type { Cidr, Ipv4 } from '../model/ipv4'
import type { LinkId, NetnsId, SegmentId } from '../model/ids'

/** Device types, as `ip -d link` names them (`ether` is a physical NIC). */
export type LinkKind = 'loopback' | 'ether' | 'bridge' | 'veth'

/** `ip addr` scope of an address or route. */
export type Scope = 'host' | 'link' | 'global'

/** An IPv4 address on a device (`inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0`). */
export type IfAddr = {
  readonly cidr: Cidr
  /** Broadcast address, if one was given (netlink callers like Docker fill it in). */
  readonly brd?: Ipv4
  readonly scope: Scope
}

/** A reference to a link that may live in another namespace (veth peer). */
export type LinkRef = { readonly netns: NetnsId; readonly link: LinkId }

export type Link = {
  readonly id: LinkId
  /** Assigned from the namespace's counter when the device is created in or moved into it. */
  readonly ifindex: number
  readonly name: string
  readonly kind: LinkKind
  readonly mac: string
  readonly mtu: number
  /** Administrative state (IFF_UP), set by `ip link set up`; carrier is derived (links.ts). */
  readonly up: boolean
  readonly txqlen: number
  /** The bridge this device is a port of (same namespace). */
  readonly master?: LinkId
  /** veth: the other end. */
  readonly peer?: LinkRef
  /** Physical NIC: the L2 segment its cable plugs into. */
  readonly segment?: SegmentId
  readonly addrs: readonly IfAddr[]
}

export type RouteProto = 'kernel' | 'boot' | 'static' | 'dhcp'

/** A route of the main table. Connected (proto kernel) routes are added by apply.ts. */
export type Route = {
  readonly dst: Cidr
  readonly via?: Ipv4
  readonly dev: LinkId
  readonly proto: RouteProto
  readonly scope: Scope
  readonly src?: Ipv4
  readonly metric?: number
}

/** What a namespace is for; the kernel does not care, the picture and the shell do. */
export type NetnsRole = 'host' | 'container'

export type Netns = {
  readonly id: NetnsId
  readonly role: NetnsRole
  /** Where it is mounted, e.g. `/var/run/docker/netns/1a2b3c4d5e6f`; empty for the host's own. */
  readonly path: string
  /** Next interface index handed out in this namespace (lo is 1). */
  readonly nextIfindex: number
  readonly links: Readonly<Record<LinkId, Link>>
  /** Main routing table, in insertion order; `ip route` sorts on output. */
  readonly routes: readonly Route[]
}

export type Kernel = {
  readonly netns: Readonly<Record<NetnsId, Netns>>
  /** Sequence for new LinkIds and NetnsIds of this host. */
  readonly nextLinkSeq: number
  readonly nextNetnsSeq: number
}
