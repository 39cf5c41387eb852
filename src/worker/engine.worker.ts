// The Web Worker entry: the only file that touches the worker global.

import { createEngineHost } from './host'
import type { FromEngine, ToEngine } from './protocol'

declare const self: DedicatedWorkerGlobalScope
const handle = createEngineHost((msg: FromEngine) => self.postMessage(msg))
self.onmessage = (event: MessageEvent<ToEngine>) => handle(event.data)
