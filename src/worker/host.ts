// The engine side of the protocol, transport-free: `createEngineHost(send)` returns the handler
// for incoming messages. engine.worker.ts wires it to `self`; tests wire it to a loopback.

import { exhaustive } from '../lib/assert'
import { createEngine, diffSnapshots, hostId, type Engine } from '../engine'
import { createSession, type Session } from '../cli'
import { DEFAULT_WORLD } from '../scenarios/default-world'
import { PROTOCOL_VERSION, type FromEngine, type ToEngine } from './protocol'

type Running = { readonly engine: Engine; readonly session: Session }

export function createEngineHost(send: (msg: FromEngine) => void): (msg: ToEngine) => void {
  let running: Running | undefined
  return (msg) => {
    switch (msg.type) {
      case 'hello': {
        if (msg.protocol !== PROTOCOL_VERSION) {
          send({ type: 'fatal', message: `protocol ${msg.protocol} is not ${PROTOCOL_VERSION}` })
          return
        }
        const engine = createEngine({ seed: msg.seed, spec: DEFAULT_WORLD })
        const session = createSession(engine, hostId(DEFAULT_WORLD.hosts[0]?.hostname ?? 'host1'))
        running = { engine, session }
        const snapshot = engine.snapshot()
        send({ type: 'ready', protocol: PROTOCOL_VERSION, snapshot, prompt: session.prompt() })
        return
      }
      case 'exec': {
        if (!running) {
          send({ type: 'failed', id: msg.id, message: 'engine not started (no hello)' })
          return
        }
        const { engine, session } = running
        try {
          const before = engine.snapshot()
          const output = session.run(msg.line)
          const after = engine.snapshot()
          if (after !== before) send({ type: 'patch', diff: diffSnapshots(before, after) })
          send({ type: 'reply', id: msg.id, reply: { ...output, prompt: session.prompt() } })
        } catch (e) {
          send({ type: 'failed', id: msg.id, message: e instanceof Error ? e.message : String(e) })
        }
        return
      }
      case 'complete': {
        if (!running) {
          send({ type: 'failed', id: msg.id, message: 'engine not started (no hello)' })
          return
        }
        try {
          const { replacement, candidates } = running.session.complete(msg.line, msg.cursor)
          send({ type: 'completion', id: msg.id, replacement, candidates })
        } catch (e) {
          send({ type: 'failed', id: msg.id, message: e instanceof Error ? e.message : String(e) })
        }
        return
      }
      case 'resync':
        if (running) {
          const { engine, session } = running
          send({
            type: 'ready',
            protocol: PROTOCOL_VERSION,
            snapshot: engine.snapshot(),
            prompt: session.prompt(),
          })
        }
        return
      default:
        exhaustive(msg)
    }
  }
}
