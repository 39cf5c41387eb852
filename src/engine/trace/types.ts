// The packet tracer's vocabulary: a probe (who sends what to whom) and the steps the kernel model
// takes with its first packet, each saying where it happens and what the headers look like there.

import type { LinkId, HostId, NetnsId, SegmentId } from '../model/ids'
import type { Ipv4 } from '../model/ipv4'
import type { Route, Socket } from '../kernel/types'
import type { BoundRewrite, ChainStep, NatRewrite, NfHook } from '../kernel/netfilter/evaluate'
import type { Advice } from './advice'

/** Where a probe starts. `lan` is a machine on a host's LAN segment, `internet` one beyond the router. */
export type TraceEndpoint =
  | { readonly kind: 'container'; readonly host: HostId; readonly container: string }
  | { readonly kind: 'host'; readonly host: HostId }
  /** Another namespace of a host (`ip netns add`, `unshare -n`): `ip netns exec NS ping …`. */
  | { readonly kind: 'netns'; readonly host: HostId; readonly netns: NetnsId }
  | { readonly kind: 'lan'; readonly ip: Ipv4 }
  | { readonly kind: 'internet'; readonly ip: Ipv4 }

/** A first packet to trace; `dport` defaults to 80 for tcp/udp and is ignored for icmp. */
export type Probe = {
  readonly from: TraceEndpoint
  readonly to: Ipv4
  readonly proto: 'icmp' | 'tcp' | 'udp'
  readonly dport?: number
}

/** The packet at one step; MACs only while it is on a wire (veth, bridge, segment). */
export type Headers = {
  readonly src: Ipv4
  readonly dst: Ipv4
  readonly proto: 'icmp' | 'tcp' | 'udp'
  readonly sport?: number
  readonly dport?: number
  readonly srcMac?: string
  readonly dstMac?: string
  /**
   * A VXLAN packet (outer UDP to port 4789): the Ethernet frame it carries, its VNI, and whether
   * IPsec ESP encrypts it on the wire (an overlay created with `--opt encrypted`).
   */
  readonly tunnel?: Tunnel
}

export type Tunnel = {
  readonly vni: number
  readonly inner: Headers
  readonly esp: boolean
}

/** Where a step happens: a namespace of a host, and the device when one is involved. */
export type Where = {
  readonly host?: HostId
  readonly netns?: NetnsId
  readonly link?: LinkId
  /** On the underlay: the LAN segment (ARP and egress there). */
  readonly segment?: SegmentId
}

type Base = { readonly where: Where; readonly what: string; readonly packet: Headers }

/** Who answered an ARP request: a device (in some namespace), the LAN router, or a LAN machine. */
export type ArpAnswer =
  | { readonly kind: 'link'; readonly netns: NetnsId; readonly link: LinkId; readonly mac: string }
  | { readonly kind: 'router'; readonly segment: SegmentId }
  | { readonly kind: 'lan'; readonly segment: SegmentId }

export type DeliverOutcome = 'accepted' | 'echo-reply' | 'tcp-rst' | 'icmp-port-unreachable'

export type TraceStep =
  /** Route lookup: `local` for the local table, `route` for the main table's match, neither: none. */
  | (Base & { readonly kind: 'route'; readonly local: boolean; readonly route?: Route })
  | (Base & { readonly kind: 'arp'; readonly ip: Ipv4; readonly answer?: ArpAnswer })
  /** L2 forwarding on a bridge; `outPort` absent: the frame is for the bridge itself (goes up). */
  | (Base & {
      readonly kind: 'bridge'
      readonly bridge: LinkId
      readonly inPort?: LinkId
      readonly outPort?: LinkId
      readonly fdb: 'hit' | 'flood' | 'local'
    })
  | (Base & {
      readonly kind: 'veth'
      readonly from: { readonly netns: NetnsId; readonly link: LinkId }
      readonly to: { readonly netns: NetnsId; readonly link: LinkId }
    })
  | (Base & {
      readonly kind: 'netfilter'
      readonly hook: NfHook
      readonly verdict: 'ACCEPT' | 'DROP'
      readonly chain: readonly ChainStep[]
      readonly before: Headers
      readonly nat?: NatRewrite
      /** A later packet or a reply: the connection's NAT binding applied, or undone. */
      readonly bound?: BoundRewrite
    })
  | (Base & {
      readonly kind: 'deliver'
      readonly outcome: DeliverOutcome
      readonly socket?: Socket
    })
  | (Base & {
      readonly kind: 'drop'
      readonly reason: string
      /** The sender is told (see Unreachable); absent: dropped silently. */
      readonly unreachable?: Unreachable
    })
  /**
   * IPVS takes a packet marked for one of its firewall-mark services and sends it to a real
   * server (Docker's service load balancing): `packet` is the packet after the rewrite.
   */
  | (Base & {
      readonly kind: 'ipvs'
      readonly fwmark: number
      readonly before: Headers
      readonly dest: Ipv4
      /** How many real servers the service had to choose from (round robin). */
      readonly of: number
    })
  /**
   * A VXLAN device wraps the frame for the remote node (`encap`, the packet is then the outer
   * one) or unwraps it (`decap`, the packet is the inner frame again).
   */
  | (Base & {
      readonly kind: 'tunnel'
      readonly dir: 'encap' | 'decap'
      readonly vni: number
      /** The remote tunnel endpoint (encap) or the sender's (decap). */
      readonly peer: Ipv4
      readonly esp: boolean
      /** The arithmetic that makes the overlay's MTU: inner MTU + overhead = the underlay's. */
      readonly mtu: { readonly inner: number; readonly overhead: number; readonly underlay: number }
    })
  | (Base & {
      readonly kind: 'egress'
      readonly segment: SegmentId
      readonly to: 'lan' | 'internet'
      /** The host NIC that receives the frame, when it goes to one (not the router, a LAN machine). */
      readonly into?: { readonly host: HostId; readonly netns: NetnsId; readonly link: LinkId }
    })

/**
 * How a dropped packet's sender learns of it: `net`, no route (ENETUNREACH at the sender, an
 * ICMP net unreachable from a router); `host`, no ARP reply (EHOSTUNREACH, ICMP host
 * unreachable). Other drops are silent: the sender only times out.
 */
export type Unreachable = 'net' | 'host'

/** A probe's fate: every step in order, and why it was dropped. */
export type Trace = {
  readonly verdict: 'delivered' | 'dropped'
  readonly steps: readonly TraceStep[]
  readonly reason?: string
  /** A drop the sender is told of (see Unreachable). */
  readonly unreachable?: Unreachable
  /** For a dropped trace: what blocks it, the fix and its docker command (see advice.ts). */
  readonly advice?: Advice
  /** A reply walked back to the sender (see exchange.ts); absent for a probe's own packet. */
  readonly direction?: 'reply'
}
