// The walk's working state for one probe: the world, the packet as it is now, the NAT bits its
// connection has picked up, and the steps so far. Only mutable inside one walk.

import type { World } from '../model/world'
import { formatIpv4 } from '../model/ipv4'
import type { Conn } from './conn'
import type { ArpAnswer, Headers, TraceStep, Unreachable, Where } from './types'

export type Walk = {
  readonly world: World
  readonly steps: TraceStep[]
  /** The packet's L3/L4 headers now (NAT rewrites them); MACs are added per wire step. */
  packet: Headers
  /** IPS_SRC_NAT / IPS_DST_NAT of the connection so far, for later hooks' --ctstate. */
  ctNat: { src?: boolean; dst?: boolean }
  /** Forwarding hops so far; a routing loop ends as TTL exceeded. */
  hops: number
  /** The packet's connection as conntrack sees it: a first packet, a later one, a reply. */
  readonly conn: Conn
  /** skb->mark in the current namespace (set by `-j MARK`; scrubbed when the packet leaves). */
  mark: number | undefined
  /** IPVS has handled the packet in this namespace (`-m ipvs --ipvs`). */
  ipvs: boolean
}

/** Hops before the walk gives up, as the first packet's TTL would (much) later. */
export const MAX_HOPS = 16

/** The current headers on a wire between two MACs (either may be unknown: the router's). */
export function onWire(w: Walk, srcMac?: string, dstMac?: string): Headers {
  // Built field by field (a hot path: every step of every trace makes one).
  const p = w.packet
  const h: { -readonly [K in keyof Headers]: Headers[K] } = {
    src: p.src,
    dst: p.dst,
    proto: p.proto,
  }
  if (p.sport !== undefined) h.sport = p.sport
  if (p.dport !== undefined) h.dport = p.dport
  if (srcMac !== undefined) h.srcMac = srcMac
  if (dstMac !== undefined) h.dstMac = dstMac
  if (p.tunnel !== undefined) h.tunnel = p.tunnel
  return h
}

/** The current headers off the wire (inside a namespace's stack). */
export const inStack = (w: Walk): Headers => onWire(w)

export function drop(w: Walk, where: Where, reason: string, what = `dropped: ${reason}`): void {
  w.steps.push({ kind: 'drop', where, what, packet: inStack(w), reason })
}

/**
 * A drop the sender learns of: no route (ENETUNREACH; from a router on the way, an ICMP net
 * unreachable) or no ARP reply (EHOSTUNREACH, and an ICMP host unreachable to the sender's own
 * raw sockets: `From 10.10.0.11 icmp_seq=1 Destination Host Unreachable`; arp_error_report).
 */
export function unreachable(w: Walk, where: Where, reason: string, kind: Unreachable): void {
  w.steps.push({
    kind: 'drop',
    where,
    what: `dropped: ${reason}`,
    packet: inStack(w),
    reason,
    unreachable: kind,
  })
}

export function arpStep(
  w: Walk,
  where: Where,
  ip: number,
  dev: string,
  answer: { readonly text: string; readonly ans: ArpAnswer } | undefined,
): void {
  const q = `who-has ${formatIpv4(ip)} on ${dev}`
  const what = answer ? `ARP ${q}: ${answer.text}` : `ARP ${q}: no answer`
  const step = { kind: 'arp', where, what, packet: inStack(w), ip } as const
  w.steps.push(answer ? { ...step, answer: answer.ans } : step)
}
