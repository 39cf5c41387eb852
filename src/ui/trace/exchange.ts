// What the trace player shows for a command: its last packet and, when one came back, the
// answer walked back to the sender, as one sequence of steps (the request's verdict and advice).

import type { Trace } from '../../engine'

export type PlayerTrace = {
  readonly trace: Trace
  /** Index of the first step of the reply, when the steps include one. */
  readonly replyFrom?: number
}

/** Each request of a command, with the reply that came back to it (a DNS query, then a ping…). */
export function exchangesOf(traces: readonly Trace[]): PlayerTrace[] {
  const out: PlayerTrace[] = []
  traces.forEach((t, i) => {
    if (t.direction === 'reply') return
    const reply = traces[i + 1]
    out.push(
      reply?.direction === 'reply'
        ? { trace: { ...t, steps: [...t.steps, ...reply.steps] }, replyFrom: t.steps.length }
        : { trace: t },
    )
  })
  return out
}

/** A short name for an exchange: `DNS query`, `icmp to 172.18.0.3`, `tcp to 10.10.0.11:8080`. */
export function exchangeLabel(p: PlayerTrace): string {
  const first = p.trace.steps[0]?.packet
  if (!first) return 'packet'
  const dst = [24, 16, 8, 0].map((s) => (first.dst >>> s) & 0xff).join('.')
  if (first.proto === 'udp' && first.dport === 53) return `DNS query to ${dst}`
  return first.proto === 'icmp' ? `icmp to ${dst}` : `${first.proto} to ${dst}:${first.dport ?? ''}`
}

export function lastExchange(traces: readonly Trace[]): PlayerTrace | undefined {
  const at = traces.findLastIndex((t) => t.direction !== 'reply')
  const request = traces[at]
  if (!request) return undefined
  const reply = traces[at + 1]
  if (reply?.direction !== 'reply') return { trace: request }
  return {
    trace: { ...request, steps: [...request.steps, ...reply.steps] },
    replyFrom: request.steps.length,
  }
}
