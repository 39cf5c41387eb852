// An in-process Transport to a real engine host: messages are structured-cloned and delivered
// asynchronously, as a Web Worker would, so the client and the host are tested as they run.

import { createEngineHost } from '../../src/worker/host'
import type { FromEngine, ToEngine } from '../../src/worker/protocol'
import type { Transport } from '../../src/worker/transport'

export type LoopbackTransport = Transport & {
  /** Every message the engine sent, in order. */
  readonly received: FromEngine[]
  /** Simulates the worker dying. */
  crash(message: string): void
}

export function loopbackTransport(): LoopbackTransport {
  const listeners = new Set<(m: FromEngine) => void>()
  const errorListeners = new Set<(m: string) => void>()
  const received: FromEngine[] = []
  let closed = false
  const handle = createEngineHost((msg) => {
    const copy = structuredClone(msg)
    queueMicrotask(() => {
      if (closed) return
      received.push(copy)
      for (const l of listeners) l(copy)
    })
  })
  return {
    received,
    post(msg: ToEngine) {
      const copy = structuredClone(msg)
      queueMicrotask(() => {
        if (!closed) handle(copy)
      })
    },
    listen(fn) {
      listeners.add(fn)
      return () => listeners.delete(fn)
    },
    onError(fn) {
      errorListeners.add(fn)
      return () => errorListeners.delete(fn)
    },
    close() {
      closed = true
    },
    crash(message) {
      closed = true
      for (const l of errorListeners) l(message)
    },
  }
}
