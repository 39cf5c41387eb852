// Does one rule match one packet: the per-rule half of the kernel's ipt_do_table. Mirrors
// linux v6.12 net/ipv4/netfilter/ip_tables.c ip_packet_match (addresses, interfaces, protocol),
// net/netfilter/xt_tcpudp.c (--dport), xt_conntrack.c conntrack_mt (--ctstate) and
// xt_addrtype.c addrtype_mt_v1 / net/ipv4/fib_frontend.c __inet_dev_addr_type (--src/dst-type).
// Integer and identity comparisons only: a trace runs thousands of these per millisecond.

import type { Ipv4 } from '../../model/ipv4'
import type { AddrType, CtState, Match, Rule } from './types'

/** A packet as netfilter sees it at one hook; addresses are uint32. */
export type NfPacket = {
  readonly src: Ipv4
  readonly dst: Ipv4
  readonly proto: 'tcp' | 'udp' | 'icmp'
  readonly sport?: number
  readonly dport?: number
  /** `state->in`: absent in OUTPUT (and in POSTROUTING for locally generated packets). */
  readonly inIface?: string
  /** `state->out`: absent in PREROUTING and INPUT. */
  readonly outIface?: string
  /** skb->mark, set by `-j MARK` (IPVS firewall-mark services key on it). */
  readonly mark?: number
  /** The packet was handled by IPVS (`-m ipvs --ipvs`). */
  readonly ipvs?: boolean
}

/** What the kernel knows about the packet besides its headers, supplied by the caller. */
export type NfContext = {
  /** Conntrack state of the packet's connection as the kernel would see it at this hook. */
  readonly ctState: 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED'
  /** Whether an address is local to this namespace (addrtype LOCAL): its interfaces' addresses, 127/8. */
  readonly isLocal: (ip: Ipv4) => boolean
  /**
   * The connection's NAT status bits (IPS_SRC_NAT / IPS_DST_NAT) from earlier hooks, for the
   * virtual `--ctstate SNAT|DNAT`; NAT done by this hook's own nat table is added automatically.
   */
  readonly ctNat?: { readonly src?: boolean; readonly dst?: boolean }
  /**
   * Route lookup after a DNAT in nat OUTPUT (nf_nat_ipv4_local_fn → ip_route_me_harder): the new
   * out interface for the rewritten packet, seen by filter OUTPUT. Without it the device is kept.
   */
  readonly reroute?: (packet: NfPacket) => string | undefined
  /**
   * The connection is past its first packet, so its NAT bindings are set up and the nat chains
   * no longer run, even for a packet still seen as NEW (a retransmitted, unanswered SYN).
   */
  readonly natDone?: boolean
  /**
   * The connection's NAT binding at this hook, applied where the nat table would run once the
   * chains no longer do (nf_nat_inet_fn → nf_nat_packet): DNAT at PREROUTING/OUTPUT and SNAT at
   * POSTROUTING/INPUT for the original direction, their reverse for replies.
   */
  readonly binding?: (hook: NatHookPoint, packet: NfPacket) => BoundNat | undefined
}

/** Where NAT happens: the nat table's hooks (destination at the first two, source at the others). */
export type NatHookPoint = 'PREROUTING' | 'OUTPUT' | 'POSTROUTING' | 'INPUT'

/** A packet rewritten by an existing binding: the connection's SNAT/DNAT, or its reverse. */
export type BoundNat = {
  readonly kind: 'DNAT' | 'SNAT'
  /** A reply: the binding is undone (un-SNAT rewrites the destination, un-DNAT the source). */
  readonly reverse: boolean
  readonly packet: NfPacket
}

/** The conntrack facts one table sees; raw runs before conntrack and sees none. */
export type CtView = { readonly state: CtState; readonly snat: boolean; readonly dnat: boolean }

/** A packet with neither interface: `state->in/out` NULL is compared as the empty name. */
const NO_IFACE = ''

/**
 * Index in `rule.matches` of the match that fails first, or -1 when every match holds (the rule
 * matches). The kernel tests the rule's ipt_ip header part first, in a fixed order (-s, -d, -i,
 * -o, -p: ip_packet_match), then the -m matches in rule order (IPT_MATCH_ITERATE), whatever order
 * the rule lists them in.
 */
export function firstFailingMatch(rule: Rule, p: NfPacket, ct: CtView, ctx: NfContext): number {
  const ms = rule.matches
  let failed = -1
  let failedRank = MODULE_RANK + 1
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]
    if (m === undefined) continue
    const rank = rankOf(m.kind)
    if (rank >= failedRank || matches(m, p, ct, ctx)) continue
    failed = i
    failedRank = rank
    if (rank === 0) break
  }
  return failed
}

/** Where each header field is tested in ip_packet_match; -m matches come after all of them. */
function rankOf(kind: Match['kind']): number {
  switch (kind) {
    case 'src':
      return 0
    case 'dst':
      return 1
    case 'in':
      return 2
    case 'out':
      return 3
    case 'proto':
      return 4
    default:
      return MODULE_RANK
  }
}
const MODULE_RANK = 5

function matches(m: Match, p: NfPacket, ct: CtView, ctx: NfContext): boolean {
  switch (m.kind) {
    case 'src':
      return inPrefix(p.src, m.cidr.addr, m.cidr.len) !== (m.not === true)
    case 'dst':
      return inPrefix(p.dst, m.cidr.addr, m.cidr.len) !== (m.not === true)
    case 'in':
      return ifaceEquals(p.inIface ?? NO_IFACE, m.iface) !== (m.not === true)
    case 'out':
      return ifaceEquals(p.outIface ?? NO_IFACE, m.iface) !== (m.not === true)
    case 'proto':
      return (p.proto === m.proto) !== (m.not === true)
    case 'dport':
      // `-m tcp` needs `-p tcp` (tcp_mt_check), so another protocol never reaches the port test.
      return (
        p.proto === m.proto &&
        p.dport !== undefined &&
        p.dport >= m.port &&
        p.dport <= (m.to ?? m.port)
      )
    case 'sport':
      return p.proto === m.proto && p.sport === m.port
    case 'ctstate':
      return ctStateMatches(m.states, ct)
    case 'addrtype':
      return (
        (m.srcType === undefined || addrTypeOf(p.src, ctx) === m.srcType) &&
        (m.dstType === undefined || addrTypeOf(p.dst, ctx) === m.dstType)
      )
    case 'ipvs':
      return p.ipvs === true
  }
}

/** `(addr & mask) == net`; the rule's address may carry host bits (iptables masks it on load). */
function inPrefix(ip: Ipv4, net: Ipv4, len: number): boolean {
  if (len === 0) return true
  const mask = -1 << (32 - len)
  return ((ip ^ net) & mask) === 0
}

/** ifname_compare_aligned: exact name, or a prefix when the rule's name ends in `+`. */
function ifaceEquals(name: string, pattern: string): boolean {
  const last = pattern.length - 1
  if (last >= 0 && pattern.charCodeAt(last) === 43 /* + */)
    return name.startsWith(pattern.slice(0, last))
  return name === pattern
}

/**
 * conntrack_mt: without a conntrack entry the state is INVALID (or UNTRACKED); SNAT/DNAT are
 * extra bits of a tracked connection whose tuple NAT changed.
 */
function ctStateMatches(states: readonly CtState[], ct: CtView): boolean {
  const tracked = ct.state !== 'INVALID' && ct.state !== 'UNTRACKED'
  for (let i = 0; i < states.length; i++) {
    const s = states[i]
    if (s === ct.state) return true
    if (tracked && ((s === 'SNAT' && ct.snat) || (s === 'DNAT' && ct.dnat))) return true
  }
  return false
}

/**
 * __inet_dev_addr_type without a device: 0/8 and 255.255.255.255 are BROADCAST, 224/4 MULTICAST,
 * then the local routing table decides (LOCAL for the namespace's own addresses); anything it
 * does not hold is UNICAST.
 */
function addrTypeOf(ip: Ipv4, ctx: NfContext): AddrType {
  if (ip >>> 24 === 0 || ip >>> 0 === 0xffffffff) return 'BROADCAST'
  if (ip >>> 28 === 14) return 'MULTICAST'
  return ctx.isLocal(ip) ? 'LOCAL' : 'UNICAST'
}
