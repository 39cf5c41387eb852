// The Linux kernel model of one host: network namespaces holding links (devices), their
// addresses and the routing table. Plain readonly data; kernel/apply.ts is the only writer.

import type { Cidr, Ipv4 } from '../model/ipv4'
import type { LinkId, NetnsId, SegmentId } from '../model/ids'
import type { Table } from '../../lib/table'
import type { ConntrackEntry } from './conntrack'
import type { Netfilter } from './netfilter/types'

/** Device types, as `ip -d link` names them (`ether` is a physical NIC). */
export type LinkKind =
  'loopback' | 'ether' | 'bridge' | 'veth' | 'dummy' | 'vxlan' | 'macvlan' | 'ipvlan' | 'vlan'

/**
 * What `ip -d link` prints after the device type: a VXLAN tunnel's VNI and UDP port, the lower
 * device and mode of a macvlan/ipvlan child, the id of an 802.1Q sub-interface.
 */
export type LinkInfo =
  | {
      readonly kind: 'vxlan'
      readonly vni: number
      /** UDP destination port (IANA 4789, Docker's default). */
      readonly port: number
      /**
       * The namespace whose UDP socket sends and receives the tunnel's packets: where the device
       * was created, kept when it moves (vxlan_dev->net; Docker creates vxlan devices in the host
       * namespace and moves them into the overlay sandbox).
       */
      readonly underlay: NetnsId
      /** Docker's flags (netlink.Vxlan): answer ARP from the neighbour table (proxy), report misses, learn. */
      readonly proxy: boolean
      readonly learning: boolean
    }
  | {
      readonly kind: 'macvlan'
      readonly lower: LinkRef
      readonly mode: 'bridge' | 'vepa' | 'private' | 'passthru'
    }
  | {
      readonly kind: 'ipvlan'
      readonly lower: LinkRef
      readonly mode: 'l2' | 'l3' | 'l3s'
      readonly flag: 'bridge' | 'private' | 'vepa'
    }
  | { readonly kind: 'vlan'; readonly lower: LinkRef; readonly id: number }

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
  /** vxlan, macvlan, ipvlan, vlan: the type's own settings (see LinkInfo). */
  readonly info?: LinkInfo
  /**
   * The kernel drew the MAC (NET_ADDR_RANDOM: `ip link add` without `address`). Such a bridge
   * takes the lowest MAC of its ports (br_stp_recalculate_bridge_id); setting a MAC clears it.
   */
  readonly randomMac?: true
  /**
   * A bridge port in hairpin mode (BR_HAIRPIN_MODE): frames may go back out the port they came
   * in by. Docker sets it on its veths when the userland proxy is off (setHairpinMode).
   */
  readonly hairpin?: true
  readonly addrs: readonly IfAddr[]
  /** Traffic the device moved (`ip -s link`, `ifconfig`); absent until its first packet. */
  readonly stats?: LinkStats
}

/**
 * Packet and byte counters of a device (rtnl_link_stats64). Bytes are frame lengths without
 * the FCS, as drivers count them: the IP packet plus the 14-byte Ethernet header.
 */
export type LinkStats = {
  readonly rxPackets: number
  readonly rxBytes: number
  readonly txPackets: number
  readonly txBytes: number
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

/**
 * What a namespace is for; the kernel does not care, the picture and the shell do. `named`: made
 * by `ip netns add` and mounted under /var/run/netns, so `ip netns` and `ip -n` find it.
 * `sandbox`: one Docker made for itself under /var/run/docker/netns (an overlay network's
 * `1-<id10>`, `ingress_sbox`).
 */
export type NetnsRole = 'host' | 'container' | 'named' | 'sandbox'

/** An ARP (neighbour) cache entry: `ip neigh` → `172.17.0.3 dev docker0 lladdr … REACHABLE`. */
export type NeighEntry = {
  readonly ip: Ipv4
  readonly dev: LinkId
  readonly mac: string
  readonly state: 'REACHABLE' | 'STALE' | 'PERMANENT' | 'INCOMPLETE' | 'FAILED'
}

/** A bridge forwarding database entry: `bridge fdb` → which port a MAC was learnt on. */
export type FdbEntry = {
  readonly bridge: LinkId
  readonly port: LinkId
  readonly mac: string
  /** `permanent` for the ports' own MACs; learnt entries are dynamic. */
  readonly permanent: boolean
  /**
   * A VXLAN device's own entry (`bridge fdb add MAC dev vxlan0 dst IP self permanent`): the
   * remote tunnel endpoint the MAC sits behind. `bridge` and `port` are then the vxlan device.
   */
  readonly dst?: Ipv4
}

/** A listening socket, as `ss -ltnp` / `netstat -plnt` show it. */
export type Socket = {
  readonly proto: 'tcp' | 'udp'
  readonly family: 4 | 6
  /** Bound address as text: `0.0.0.0`, `::`, `127.0.0.1`, `172.17.0.2`. */
  readonly local: string
  readonly port: number
  /** Owning process (see Kernel.processes). */
  readonly pid: number
}

/**
 * An IPVS virtual service (`ipvsadm -ln`): Docker makes firewall-mark services (`FWM 256 rr`)
 * whose real servers are a service's tasks (port 0: the packet's port is kept; Masq: NAT).
 */
export type IpvsService = {
  readonly fwmark: number
  readonly scheduler: 'rr'
  readonly dests: readonly {
    readonly addr: Ipv4
    readonly port: number
    readonly weight: number
    readonly forward: 'Masq'
  }[]
}

export type Netns = {
  readonly id: NetnsId
  readonly role: NetnsRole
  /** Where it is mounted, e.g. `/var/run/docker/netns/1a2b3c4d5e6f`; empty for the host's own. */
  readonly path: string
  /** Next interface index handed out in this namespace (lo is 1). */
  readonly nextIfindex: number
  /**
   * Indexes at or above `nextIfindex` held by devices that moved in keeping theirs: the counter
   * skips them (kept so that a new device costs O(1), not a scan of every device).
   */
  readonly movedIfindexes?: readonly number[]
  /** Read through kernel/queries.ts (a persistent table). */
  readonly links: Table<Link>
  /** Main routing table, in insertion order; `ip route` sorts on output. */
  readonly routes: readonly Route[]
  readonly neigh: readonly NeighEntry[]
  readonly fdb: readonly FdbEntry[]
  readonly netfilter: Netfilter
  /**
   * The connection tracking table, in the order entries were made; expired entries linger
   * until the next write and are never shown (see conntrack.ts liveEntries).
   */
  readonly conntrack: readonly ConntrackEntry[]
  readonly sockets: readonly Socket[]
  /** IPVS virtual services, when any (Docker's load balancers). */
  readonly ipvs?: readonly IpvsService[]
  /** `net.ipv4.ip_forward` and friends, as the text `sysctl` prints (`1`). */
  readonly sysctl: Readonly<Record<string, string>>
}

/** A process of the host, for `ps`, `netstat -p` and the sockets it owns. */
export type Process = {
  readonly pid: number
  /** `comm`, e.g. `docker-proxy`, `nginx`. */
  readonly name: string
  readonly args: readonly string[]
  readonly netns: NetnsId
  /** What it has written to its terminal (nc: the lines it received), when anything. */
  readonly output?: string
  /** The process at the other end of its one TCP connection (nc), while connected. */
  readonly peer?: number
  /** The inode of a UTS namespace of its own (`unshare -u`), when it has one. */
  readonly uts?: number
}

export type Kernel = {
  /** Read through kernel/queries.ts (persistent tables keyed by id, and by pid as text). */
  readonly netns: Table<Netns>
  readonly processes: Table<Process>
  readonly nextPid: number
  /** Sequence for new LinkIds and NetnsIds of this host. */
  readonly nextLinkSeq: number
  readonly nextNetnsSeq: number
}
