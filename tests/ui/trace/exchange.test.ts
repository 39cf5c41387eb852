import { describe, expect, it } from 'vitest'
import type { Trace } from '../../../src/engine'
import { lastExchange } from '../../../src/ui/trace/exchange'

const trace = (n: number, reply = false): Trace => ({
  verdict: 'delivered',
  steps: Array.from({ length: n }, (_, i) => ({
    kind: 'route',
    where: {},
    what: `${reply ? 'back' : 'there'} ${i}`,
    packet: { src: 1, dst: 2, proto: 'icmp' },
    local: false,
  })),
  ...(reply ? { direction: 'reply' as const } : {}),
})

describe('lastExchange', () => {
  it('plays the last request and the reply that came back to it as one sequence', () => {
    const played = lastExchange([trace(1), trace(1, true), trace(3), trace(2, true)])
    expect(played?.trace.steps.map((s) => s.what)).toEqual([
      'there 0',
      'there 1',
      'there 2',
      'back 0',
      'back 1',
    ])
    expect(played?.replyFrom).toBe(3)
  })

  it('plays a request alone when nothing answered, and nothing without a request', () => {
    expect(lastExchange([trace(2)])).toEqual({ trace: trace(2) })
    expect(lastExchange([])).toBeUndefined()
  })
})
