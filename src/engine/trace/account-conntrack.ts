// The conntrack entries an exchange leaves: one in each namespace whose conntrack saw the first
// packet and let it go on (nf_conntrack_confirm at the end of POSTROUTING or INPUT). Conntrack
// runs where netfilter has tables: on a Docker host in its own namespace, which sees forwarded,
// NATed and (br_netfilter) bridged traffic, and locally generated packets there; container
// namespaces load no tables here, so they track nothing. The original tuple is the packet as
// conntrack first saw it, the reply tuple the inverse of what left after NAT.

import {
  ICMP_TIMEOUT,
  TCP_TIMEOUTS,
  UDP_TIMEOUT,
  type ConntrackEntry,
  type CtTuple,
  type TcpCtState,
} from '../kernel/conntrack'
import type { KernelOp } from '../kernel/ops'
import type { HostId, NetnsId } from '../model/ids'
import { nsKey } from './conn'
import type { Exchange } from './exchange'
import type { Traffic } from './account'
import type { Headers, TraceStep } from './types'

type NfStep = Extract<TraceStep, { kind: 'netfilter' }>
type Visit = { host: HostId; netns: NetnsId; first: NfStep; last: NfStep }

/** The netfilter steps of a trace per namespace: the first and the last. */
function visits(steps: readonly TraceStep[]): Map<string, Visit> {
  const out = new Map<string, Visit>()
  for (const s of steps) {
    const { host, netns } = s.where
    if (s.kind !== 'netfilter' || host === undefined || netns === undefined) continue
    const key = nsKey(host, netns)
    const v = out.get(key)
    out.set(key, v ? { ...v, last: s } : { host, netns, first: s, last: s })
  }
  return out
}

const ECHO_REQUEST = 8
const ECHO_REPLY = 0

function tuple(p: Headers, type: number, id: number): CtTuple {
  if (p.proto === 'icmp') return { src: p.src, dst: p.dst, type, code: 0, id }
  return { src: p.src, dst: p.dst, sport: p.sport ?? 0, dport: p.dport ?? 0 }
}

/** The inverse of a packet: what its answer looks like. */
const inverse = (p: Headers): Headers => ({
  src: p.dst,
  dst: p.src,
  proto: p.proto,
  ...(p.sport === undefined ? {} : { dport: p.sport }),
  ...(p.dport === undefined ? {} : { sport: p.dport }),
})

function tcpState(seen: boolean, ex: Exchange, t: Traffic): TcpCtState {
  if (!seen) return 'SYN_SENT'
  return ex.answer === 'rst' ? 'CLOSE' : (t.tcpState ?? 'ESTABLISHED')
}

/** `ct.set` ops for the connections the exchange's first packet confirmed. */
export function confirmedEntries(ex: Exchange, t: Traffic, now: number): KernelOp[] {
  const answered = ex.reply ? visits(ex.reply.steps) : new Map<string, Visit>()
  const ops: KernelOp[] = []
  for (const [key, v] of visits(ex.request.steps)) {
    const confirmed =
      v.last.verdict === 'ACCEPT' && (v.last.hook === 'POSTROUTING' || v.last.hook === 'INPUT')
    if (!confirmed) continue
    // An ICMP error is RELATED: it does not mark the connection as answered.
    const seen = answered.has(key) && ex.answer !== 'port-unreachable'
    const proto = ex.probe.proto
    const id = t.icmpId ?? 0
    const base = {
      proto,
      orig: tuple(v.first.before, ECHO_REQUEST, id),
      reply: tuple(inverse(v.last.packet), ECHO_REPLY, id),
      seenReply: seen,
    }
    let entry: ConntrackEntry
    if (proto === 'tcp') {
      const state = tcpState(seen, ex, t)
      const assured = seen && !['SYN_SENT', 'SYN_RECV', 'CLOSE'].includes(state)
      entry = { ...base, state, expires: now + TCP_TIMEOUTS[state], assured }
    } else {
      const timeout = proto === 'udp' ? UDP_TIMEOUT : ICMP_TIMEOUT
      entry = { ...base, expires: now + timeout, assured: false }
    }
    ops.push({ kind: 'ct.set', host: v.host, netns: v.netns, entry, now })
  }
  return ops
}
