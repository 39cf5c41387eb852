// The connection tracking table of one namespace, as nf_conntrack keeps it: one entry per
// connection with its original and reply tuples, the TCP state, the flags conntrack -L shows and
// when it times out on the virtual clock. Mirrors linux v6.12 net/netfilter/nf_conntrack_core.c
// (tuples, confirmation), nf_conntrack_proto_tcp.c tcp_timeouts, nf_conntrack_proto_udp.c
// (30 s unreplied, 120 s for a stream) and nf_conntrack_proto_icmp.c (30 s).

import type { Ipv4 } from '../model/ipv4'

/** TCP states as conntrack names them (tcp_conntrack_names). */
export type TcpCtState =
  | 'SYN_SENT'
  | 'SYN_RECV'
  | 'ESTABLISHED'
  | 'FIN_WAIT'
  | 'CLOSE_WAIT'
  | 'LAST_ACK'
  | 'TIME_WAIT'
  | 'CLOSE'

/** Seconds each TCP state lasts without traffic (nf_conntrack_proto_tcp.c tcp_timeouts). */
export const TCP_TIMEOUTS: Readonly<Record<TcpCtState, number>> = {
  SYN_SENT: 120,
  SYN_RECV: 60,
  ESTABLISHED: 432000,
  FIN_WAIT: 120,
  CLOSE_WAIT: 60,
  LAST_ACK: 30,
  TIME_WAIT: 120,
  CLOSE: 10,
}

/** nf_conntrack_udp_timeout (unreplied, or replied within 2 s) and _stream (an ASSURED flow). */
export const UDP_TIMEOUT = 30
export const UDP_STREAM_TIMEOUT = 120
/** nf_conntrack_icmp_timeout. */
export const ICMP_TIMEOUT = 30

/** One direction of a connection: addresses and ports, or an ICMP query's type, code and id. */
export type CtTuple =
  | { readonly src: Ipv4; readonly dst: Ipv4; readonly sport: number; readonly dport: number }
  | {
      readonly src: Ipv4
      readonly dst: Ipv4
      readonly type: number
      readonly code: number
      readonly id: number
    }

export type ConntrackEntry = {
  readonly proto: 'tcp' | 'udp' | 'icmp'
  /** TCP only. */
  readonly state?: TcpCtState
  /** The virtual clock second it times out; `conntrack -L` shows what is left of it. */
  readonly expires: number
  /** The first packet's tuple as conntrack saw it, before any NAT. */
  readonly orig: CtTuple
  /** What a reply looks like when it arrives: the inverse of the packet after NAT. */
  readonly reply: CtTuple
  /** IPS_SEEN_REPLY: something came back (`[UNREPLIED]` when not). */
  readonly seenReply: boolean
  /** IPS_ASSURED: kept when the table is full (`[ASSURED]`). */
  readonly assured: boolean
}

/** The same connection: the same protocol and original tuple (the table's hash key). */
export function sameConnection(a: ConntrackEntry, b: ConntrackEntry): boolean {
  return a.proto === b.proto && sameTuple(a.orig, b.orig)
}

function sameTuple(a: CtTuple, b: CtTuple): boolean {
  if (a.src !== b.src || a.dst !== b.dst) return false
  if ('sport' in a) return 'sport' in b && a.sport === b.sport && a.dport === b.dport
  return 'id' in b && a.id === b.id && a.type === b.type && a.code === b.code
}

/** The entries still alive at `now` (the kernel's garbage collector removes the rest). */
export function liveEntries(
  table: readonly ConntrackEntry[],
  now: number,
): readonly ConntrackEntry[] {
  return table.every((e) => e.expires > now) ? table : table.filter((e) => e.expires > now)
}

/** Adds an entry, or replaces the one of the same connection, keeping its place. */
export function withEntry(
  table: readonly ConntrackEntry[],
  entry: ConntrackEntry,
): readonly ConntrackEntry[] {
  const i = table.findIndex((e) => sameConnection(e, entry))
  if (i < 0) return [...table, entry]
  return [...table.slice(0, i), entry, ...table.slice(i + 1)]
}
