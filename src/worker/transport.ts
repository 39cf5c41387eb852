// How the client reaches the engine: a Web Worker in the app, an in-process loopback in tests
// (Comlink's Endpoint idea; "transport" because "endpoint" is a Docker word).

import type { FromEngine, ToEngine } from './protocol'

export interface Transport {
  post(msg: ToEngine): void
  /** Subscribes to engine messages; returns the unsubscribe function. */
  listen(fn: (msg: FromEngine) => void): () => void
  /** Subscribes to the transport dying (worker crash); returns the unsubscribe function. */
  onError(fn: (message: string) => void): () => void
  close(): void
}

export function workerTransport(worker: Worker): Transport {
  return {
    post: (msg) => worker.postMessage(msg),
    listen(fn) {
      const h = (e: MessageEvent<FromEngine>): void => fn(e.data)
      worker.addEventListener('message', h)
      return () => worker.removeEventListener('message', h)
    },
    onError(fn) {
      const h = (e: ErrorEvent): void => fn(e.message || 'the engine worker stopped')
      worker.addEventListener('error', h)
      return () => worker.removeEventListener('error', h)
    },
    close: () => worker.terminate(),
  }
}
