// A probe and what comes back: the first packet's trace, then the first reply walked from the
// answering end back to the sender as the kernel handles it: conntrack sees it ESTABLISHED (an
// ICMP error RELATED), the nat chains do not run, and each namespace undoes the NAT the request
// got there (un-DNAT at POSTROUTING/INPUT, un-SNAT at PREROUTING/OUTPUT; nf_nat_core.c).

import { getNetns } from '../kernel/queries'
import { formatIpv4 } from '../model/ipv4'
import type { World } from '../model/world'
import { bindingsOf, type Conn, type ReplyKind } from './conn'
import { afterTrace } from './learn'
import { fromOutside } from './segment'
import { drop } from './state'
import type { Headers, Probe, Trace, TraceStep } from './types'
import { verdictOf } from './verdict'
import { newWalk, receive, sendReply, traceProbe } from './walk'

export type { ReplyKind } from './conn'

/** A probe's request and, when something answered it, the answer's trace back. */
export type Exchange = {
  readonly probe: Probe
  readonly request: Trace
  /** What answered: an echo reply, a SYN-ACK or RST, a UDP answer, an ICMP port unreachable. */
  readonly answer?: ReplyKind
  /** The answer walked from where the request ended back to its sender. */
  readonly reply?: Trace
}

export type ExchangeOptions = {
  /**
   * Whether a machine on the LAN or the Internet answers a request that leaves the hosts: by
   * default echo requests are answered, and TCP and UDP are not (the lab runs no servers there).
   */
  readonly outside?: 'answers' | 'silent'
}

/** Traces `probe` and, when it is answered, the answer. */
export function traceExchange(world: World, probe: Probe, options: ExchangeOptions = {}): Exchange {
  const request = traceProbe(world, probe)
  const answer = answerOf(probe, request, options)
  if (answer === undefined) return { probe, request }
  return { probe, request, answer, reply: traceReply(afterTrace(world, request), request, answer) }
}

function answerOf(probe: Probe, request: Trace, o: ExchangeOptions): ReplyKind | undefined {
  const last = request.steps[request.steps.length - 1]
  if (last?.kind === 'deliver') {
    switch (last.outcome) {
      case 'echo-reply':
        return 'echo-reply'
      case 'tcp-rst':
        return 'rst'
      case 'icmp-port-unreachable':
        return 'port-unreachable'
      case 'accepted':
        return served(probe)
    }
  }
  if (last?.kind !== 'egress') return undefined
  const outside = o.outside ?? (probe.proto === 'icmp' ? 'answers' : 'silent')
  return outside === 'answers' ? served(probe) : undefined
}

const served = (probe: Probe): ReplyKind =>
  probe.proto === 'icmp' ? 'echo-reply' : probe.proto === 'tcp' ? 'syn-ack' : 'udp-reply'

/** The answer's first packet: from where the request ended, to where it came from. */
function replyHeaders(last: TraceStep, answer: ReplyKind): Headers {
  const p = last.packet
  if (answer === 'port-unreachable') return { src: p.dst, dst: p.src, proto: 'icmp' }
  const ports =
    p.sport === undefined || p.dport === undefined ? {} : { sport: p.dport, dport: p.sport }
  return { src: p.dst, dst: p.src, proto: p.proto, ...ports }
}

/** Walks the answer to a request that was delivered or left the hosts. */
export function traceReply(world: World, request: Trace, answer: ReplyKind): Trace {
  const last = request.steps[request.steps.length - 1]
  const conn: Conn = {
    state: answer === 'port-unreachable' ? 'RELATED' : 'ESTABLISHED',
    dir: 'reply',
    bindings: bindingsOf(request),
    answer,
  }
  const w = newWalk(
    world,
    last ? replyHeaders(last, answer) : { src: 0, dst: 0, proto: 'icmp' },
    conn,
  )
  if (last?.kind === 'deliver') {
    const { host: hostId, netns } = last.where
    const host = hostId === undefined ? undefined : world.hosts[hostId]
    const ns = netns === undefined ? undefined : getNetns(host?.kernel, netns)
    if (host && ns) sendReply(w, host, ns)
    else drop(w, last.where, 'the answering namespace is gone')
  } else if (last?.kind === 'egress') {
    fromOutside(w, last.to, last.packet.dst, receive)
  } else {
    drop(w, {}, 'nothing answered')
  }
  // The answer to a sender inside the hosts that ends up out on the LAN or the Internet went
  // the wrong way (a route of the LAN's wins over the sender's network): it never arrives.
  const end = w.steps[w.steps.length - 1]
  const sender = request.steps[0]?.packet.src
  if (
    end?.kind === 'egress' &&
    request.steps[0]?.where.host !== undefined &&
    sender !== undefined
  ) {
    const out = end.to === 'lan' ? `on the LAN ${end.segment}` : 'to the Internet'
    const why = `the answer to ${formatIpv4(sender)} leaves ${out} instead of going back to the sender: the route chosen for it points away from the sender's network`
    drop(w, end.where, why)
  }
  return { ...verdictOf(w.steps), direction: 'reply' }
}
