// The connection a walked packet belongs to, as conntrack sees it: a first packet (NEW, the nat
// chains decide its bindings), a later packet of the same direction, or a reply (ESTABLISHED,
// or RELATED for an ICMP error), for which each namespace's bindings from the first packet's
// trace are applied or undone instead (net/netfilter/nf_nat_core.c nf_nat_packet).

import type { BoundNat, NatHookPoint, NfPacket } from '../kernel/netfilter/evaluate'
import type { HostId, NetnsId } from '../model/ids'
import type { Ipv4 } from '../model/ipv4'
import type { Trace } from './types'

/** What answers a request: the kinds of first reply packet the tracer walks back. */
export type ReplyKind = 'echo-reply' | 'syn-ack' | 'rst' | 'udp-reply' | 'port-unreachable'

type NatEnd = { readonly ip: Ipv4; readonly port?: number }

/** The NAT one namespace gave a connection's first packet: what became what. */
export type Binding = {
  readonly dnat?: { readonly from: NatEnd; readonly to: NatEnd }
  readonly snat?: { readonly from: NatEnd; readonly to: NatEnd }
}

/** How conntrack sees the walked packet. */
export type Conn = {
  readonly state: 'NEW' | 'ESTABLISHED' | 'RELATED'
  readonly dir: 'original' | 'reply'
  /** Each namespace's bindings (`host/netns`), for packets after the first; none for a first. */
  readonly bindings?: Readonly<Record<string, Binding>>
  /** A reply walk: what it carries (for the step texts). */
  readonly answer?: ReplyKind
}

export const FIRST_PACKET: Conn = { state: 'NEW', dir: 'original' }

export const nsKey = (host: HostId, netns: NetnsId): string => `${host}/${netns}`

/** The bindings a first packet's trace set up, per namespace. */
export function bindingsOf(trace: Trace): Readonly<Record<string, Binding>> {
  const out: Record<string, Binding> = {}
  for (const s of trace.steps) {
    if (s.kind === 'ipvs') {
      // IPVS's Masq forwarding is a destination NAT conntrack keeps (net.ipv4.vs.conntrack=1).
      const { host, netns } = s.where
      if (host === undefined || netns === undefined) continue
      const key = nsKey(host, netns)
      const dnat = {
        from: end(s.before.dst, s.before.dport),
        to: end(s.packet.dst, s.packet.dport),
      }
      out[key] = { ...out[key], dnat }
      continue
    }
    if (s.kind !== 'netfilter' || !s.nat) continue
    const { host, netns } = s.where
    if (host === undefined || netns === undefined) continue
    const key = nsKey(host, netns)
    const { before, after } = s.nat
    if (s.nat.kind === 'DNAT') {
      const dnat = { from: end(before.dst, before.dport), to: end(after.dst, after.dport) }
      out[key] = { ...out[key], dnat }
    } else {
      const snat = { from: end(before.src, before.sport), to: end(after.src, after.sport) }
      out[key] = { ...out[key], snat }
    }
  }
  return out
}

const end = (ip: Ipv4, port: number | undefined): NatEnd =>
  port === undefined ? { ip } : { ip, port }

/** The connection's IPS_SRC_NAT / IPS_DST_NAT bits in one namespace. */
export function natBits(conn: Conn, key: string): { src?: boolean; dst?: boolean } {
  const b = conn.bindings?.[key]
  return { ...(b?.snat ? { src: true } : {}), ...(b?.dnat ? { dst: true } : {}) }
}

/** A missing port (an ICMP error's outer header) matches any. */
const samePort = (a: number | undefined, b: number | undefined): boolean =>
  a === undefined || b === undefined || a === b

function withDst(p: NfPacket, e: NatEnd): NfPacket {
  return p.dport === undefined || e.port === undefined
    ? { ...p, dst: e.ip }
    : { ...p, dst: e.ip, dport: e.port }
}

function withSrc(p: NfPacket, e: NatEnd): NfPacket {
  return p.sport === undefined || e.port === undefined
    ? { ...p, src: e.ip }
    : { ...p, src: e.ip, sport: e.port }
}

/**
 * The binding of namespace `key` at one nat hook: destination manips at PREROUTING and OUTPUT,
 * source manips at POSTROUTING and INPUT; a reply undoes the other side's manip there.
 */
export function rebind(
  conn: Conn,
  key: string,
  hook: NatHookPoint,
  p: NfPacket,
): BoundNat | undefined {
  const b = conn.bindings?.[key]
  if (!b) return undefined
  const dstManip = hook === 'PREROUTING' || hook === 'OUTPUT'
  const reverse = conn.dir === 'reply'
  if (dstManip && !reverse && b.dnat) {
    const { from, to } = b.dnat
    if (p.dst === from.ip && samePort(p.dport, from.port))
      return { kind: 'DNAT', reverse, packet: withDst(p, to) }
  }
  if (dstManip && reverse && b.snat) {
    const { from, to } = b.snat
    if (p.dst === to.ip && samePort(p.dport, to.port))
      return { kind: 'SNAT', reverse, packet: withDst(p, from) }
  }
  if (!dstManip && !reverse && b.snat) {
    const { from, to } = b.snat
    if (p.src === from.ip && samePort(p.sport, from.port))
      return { kind: 'SNAT', reverse, packet: withSrc(p, to) }
  }
  if (!dstManip && reverse && b.dnat) {
    const { from, to } = b.dnat
    if (p.src === to.ip && samePort(p.sport, to.port))
      return { kind: 'DNAT', reverse, packet: withSrc(p, from) }
  }
  return undefined
}
