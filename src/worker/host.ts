// The engine side of the protocol, transport-free: `createEngineHost(send)` returns the handler
// for incoming messages. engine.worker.ts wires it to `self`; tests wire it to a loopback.
// Several sessions (terminal tabs) share one engine; what one does can make another's foreground
// program print (an `nc` client's line appears at its server), so after every request each other
// session is asked for new output and told with an `output` message.

import { exhaustive } from '../lib/assert'
import { createEngine, diffSnapshots, hostId, type Engine } from '../engine'
import { createSession, type CommandOutput, type Session } from '../cli'
import { DEFAULT_WORLD } from '../scenarios/default-world'
import { buildGraph, createGraphCache, type GraphCache } from '../view/graph/build'
import { diffGraph, emptyGraphDiff } from '../view/graph/diff'
import type { GraphModel, ViewOptions } from '../view/graph/types'
import {
  FIRST_SESSION,
  PROTOCOL_VERSION,
  type FromEngine,
  type RequestId,
  type SessionId,
  type ToEngine,
} from './protocol'

type Running = {
  readonly engine: Engine
  readonly sessions: Map<SessionId, Session>
  /** The prompt each session was last known to show (to tell when a job gives it back). */
  readonly prompts: Map<SessionId, string>
}

/** What the diagram shows and the model last sent for it (kept across a new `hello`). */
type Viewing = { options: ViewOptions; sent: GraphModel | undefined; cache: GraphCache }

export function createEngineHost(send: (msg: FromEngine) => void): (msg: ToEngine) => void {
  let running: Running | undefined
  let viewing: Viewing | undefined
  // Shells open on the world's first host.
  let firstHost = hostId(DEFAULT_WORLD.hosts[0]?.hostname ?? 'host1')

  const failed = (id: RequestId, e: unknown): void =>
    send({ type: 'failed', id, message: e instanceof Error ? e.message : String(e) })

  /** Sends the diagram's change since the last model sent (nothing when nothing changed). */
  const sendGraph = (r: Running): void => {
    if (!viewing) return
    const next = buildGraph(r.engine.snapshot(), r.engine.world, viewing.options, viewing.cache)
    const diff = diffGraph(viewing.sent, next)
    if (emptyGraphDiff(viewing.sent, diff)) return
    viewing.sent = next
    send({ type: 'graph', diff })
  }

  /** Runs a request against a session: patch, reply, then the other sessions' new output. */
  const request = (
    r: Running,
    id: RequestId,
    session: SessionId,
    fn: (s: Session) => CommandOutput,
  ): void => {
    const s = r.sessions.get(session)
    if (!s) {
      failed(id, `no session ${session}`)
      return
    }
    try {
      const before = r.engine.snapshot()
      const output = fn(s)
      const after = r.engine.snapshot()
      if (after !== before) {
        send({ type: 'patch', diff: diffSnapshots(before, after) })
        sendGraph(r)
      }
      const prompt = s.prompt()
      r.prompts.set(session, prompt)
      const stdout = output.stdout + s.drain()
      send({ type: 'reply', id, reply: { ...output, stdout, prompt, ticking: s.ticking() } })
      flushOthers(r, session)
    } catch (e) {
      failed(id, e)
    }
  }

  const flushOthers = (r: Running, except: SessionId): void => {
    for (const [id, s] of r.sessions) {
      if (id === except) continue
      const stdout = s.drain()
      const prompt = s.prompt()
      if (stdout === '' && prompt === r.prompts.get(id)) continue
      r.prompts.set(id, prompt)
      send({ type: 'output', session: id, stdout, stderr: '', prompt, ticking: s.ticking() })
    }
  }

  return (msg) => {
    if (msg.type === 'hello') {
      if (msg.protocol !== PROTOCOL_VERSION) {
        send({ type: 'fatal', message: `protocol ${msg.protocol} is not ${PROTOCOL_VERSION}` })
        return
      }
      const spec = msg.world ?? DEFAULT_WORLD
      firstHost = hostId(spec.hosts[0]?.hostname ?? 'host1')
      const engine = createEngine({ seed: msg.seed, spec })
      const session = createSession(engine, firstHost, { ticks: true })
      running = {
        engine,
        sessions: new Map([[FIRST_SESSION, session]]),
        prompts: new Map([[FIRST_SESSION, session.prompt()]]),
      }
      send({
        type: 'ready',
        protocol: PROTOCOL_VERSION,
        snapshot: engine.snapshot(),
        prompt: session.prompt(),
      })
      // A new world (after an undo): the diagram is sent whole again.
      if (viewing) viewing.sent = undefined
      sendGraph(running)
      return
    }
    if (msg.type === 'view') {
      viewing = {
        options: msg.options,
        sent: viewing?.sent,
        cache: viewing?.cache ?? createGraphCache(),
      }
      if (running) sendGraph(running)
      return
    }
    const r = running
    if (!r) {
      if ('id' in msg)
        send({ type: 'failed', id: msg.id, message: 'engine not started (no hello)' })
      return
    }
    switch (msg.type) {
      case 'exec':
        request(r, msg.id, msg.session, (s) => s.run(msg.line))
        return
      case 'interrupt':
        request(r, msg.id, msg.session, (s) => s.interrupt())
        return
      case 'tick':
        request(r, msg.id, msg.session, (s) => ({ stdout: s.tick(), stderr: '', exitCode: 0 }))
        return
      case 'open':
        if (!r.sessions.has(msg.session))
          r.sessions.set(msg.session, createSession(r.engine, firstHost, { ticks: true }))
        request(r, msg.id, msg.session, () => ({ stdout: '', stderr: '', exitCode: 0 }))
        return
      case 'close': {
        const s = r.sessions.get(msg.session)
        if (!s || msg.session === FIRST_SESSION) return
        const before = r.engine.snapshot()
        s.close()
        r.sessions.delete(msg.session)
        r.prompts.delete(msg.session)
        const after = r.engine.snapshot()
        if (after !== before) {
          send({ type: 'patch', diff: diffSnapshots(before, after) })
          sendGraph(r)
        }
        flushOthers(r, msg.session)
        return
      }
      case 'query': {
        try {
          const engine = r.engine.fork()
          const s = createSession(engine, firstHost)
          const output = s.run(msg.line)
          send({ type: 'reply', id: msg.id, reply: { ...output, prompt: s.prompt() } })
        } catch (e) {
          failed(msg.id, e)
        }
        return
      }
      case 'complete': {
        const s = r.sessions.get(msg.session)
        try {
          if (!s) throw new Error(`no session ${msg.session}`)
          const { replacement, candidates } = s.complete(msg.line, msg.cursor)
          send({ type: 'completion', id: msg.id, replacement, candidates })
        } catch (e) {
          failed(msg.id, e)
        }
        return
      }
      case 'resync':
        send({
          type: 'ready',
          protocol: PROTOCOL_VERSION,
          snapshot: r.engine.snapshot(),
          prompt: r.sessions.get(FIRST_SESSION)?.prompt() ?? '',
        })
        if (viewing) viewing.sent = undefined
        sendGraph(r)
        return
      default:
        exhaustive(msg)
    }
  }
}
