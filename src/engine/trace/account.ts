// What an exchange's packets leave in the kernels they cross: the conntrack entries confirmed on
// the way, the rule and policy counters of every hook they traversed, and the statistics of
// every device they went through. The first packet counts as the request's trace (the only one
// the nat table sees); later packets of the same direction walk again as conntrack sees them
// (ESTABLISHED once answered, the NAT bindings applied), and every reply packet as the reply.

import type { Counters } from '../kernel/netfilter/types'
import type { KernelOp } from '../kernel/ops'
import type { TcpCtState } from '../kernel/conntrack'
import type { World } from '../model/world'
import { bindingsOf } from './conn'
import { confirmedEntries } from './account-conntrack'
import { countTrace, type Tally } from './account-counters'
import type { Exchange } from './exchange'
import { walkProbe } from './walk'

/** The packets of one exchange, as IP packets (headers included). */
export type Traffic = {
  /** The client's packets, its first one included. */
  readonly orig: Counters
  /** The size of that first packet. */
  readonly first: number
  /** What came back (ignored when nothing answered). */
  readonly reply: Counters
  /** TCP: the connection's state once the exchange is over, if it was answered. */
  readonly tcpState?: TcpCtState
  /** ICMP: the echo identifier (ping's process id). */
  readonly icmpId?: number
}

/** The kernel ops that account `traffic` over `exchange`: conntrack, counters, device stats. */
export function accountExchange(world: World, exchange: Exchange, traffic: Traffic): KernelOp[] {
  const { request, reply } = exchange
  const entries = confirmedEntries(exchange, traffic, world.clock)
  const tally: Tally = new Map()
  const rest = minus(traffic.orig, { packets: 1, bytes: traffic.first })
  if (entries.length === 0 && !reply) {
    // Nothing confirmed a connection: every packet is a first packet again (a retransmission).
    countTrace(world, tally, request, traffic.orig)
  } else {
    countTrace(world, tally, request, { packets: 1, bytes: traffic.first })
    if (rest.packets > 0) {
      const answered = reply?.verdict === 'delivered' && exchange.answer !== 'port-unreachable'
      const later = walkProbe(world, exchange.probe, {
        state: answered ? 'ESTABLISHED' : 'NEW',
        dir: 'original',
        bindings: bindingsOf(request),
      })
      countTrace(world, tally, later, rest)
    }
  }
  if (reply) countTrace(world, tally, reply, traffic.reply)
  return [...entries, ...tally.values()]
}

const minus = (a: Counters, b: Counters): Counters => ({
  packets: Math.max(a.packets - b.packets, 0),
  bytes: Math.max(a.bytes - b.bytes, 0),
})
