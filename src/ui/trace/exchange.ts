// What the trace player shows for a command: its last packet and, when one came back, the
// answer walked back to the sender, as one sequence of steps (the request's verdict and advice).

import type { Trace } from '../../engine'

export type PlayerTrace = {
  readonly trace: Trace
  /** Index of the first step of the reply, when the steps include one. */
  readonly replyFrom?: number
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
