// The UI side of the protocol: sends requests with sequential ids, resolves them on replies,
// keeps the latest snapshot up to date from patches, and, if the worker dies, starts a new one
// and replays the command log (same seed + same commands ⇒ same world).

import { applyRecordDiff } from '../lib/record-diff'
import type { Snapshot, SnapshotDiff } from '../engine'
import { applyGraphDiff } from '../view/graph/diff'
import type { GraphDiff, GraphModel, ViewOptions } from '../view/graph/types'
import {
  FIRST_SESSION,
  PROTOCOL_VERSION,
  type CompletionReply,
  type ExecReply,
  type FromEngine,
  type RequestId,
  type SessionId,
  type ToEngine,
} from './protocol'
import type { Transport } from './transport'

export type ClientOptions = {
  readonly seed: number
  /** Opens a transport to a fresh engine (called again after a crash). */
  readonly connect: () => Transport
}

export type SnapshotListener = (snapshot: Snapshot, diff: SnapshotDiff | null) => void

/** Output a session printed on its own (its foreground program heard from another session). */
export type SessionOutput = {
  readonly session: SessionId
  readonly stdout: string
  readonly stderr: string
  readonly prompt: string
  readonly ticking: boolean
}
export type OutputListener = (output: SessionOutput) => void
/** Called with the diagram's new model and the diff that made it. */
export type GraphListener = (model: GraphModel, diff: GraphDiff) => void

export interface EngineClient {
  /** Resolves with the first snapshot once the engine is up. */
  readonly ready: Promise<Snapshot>
  /** Runs a line in a session (default: the first); it is the foreground program's input if one runs. */
  exec(line: string, session?: SessionId): Promise<ExecReply>
  /** Ctrl-C in a session: stops its foreground program. */
  interrupt(session: SessionId): Promise<ExecReply>
  /** A second passes in a session whose program keeps time (ExecReply.ticking). */
  tick(session: SessionId): Promise<ExecReply>
  /** Opens another shell on the host (a terminal tab); resolves with its prompt. */
  openSession(): Promise<{ readonly session: SessionId; readonly prompt: string }>
  closeSession(session: SessionId): void
  /** Tab completion of `line` at `cursor` in a session's current shell (changes nothing). */
  complete(line: string, cursor: number, session?: SessionId): Promise<CompletionReply>
  snapshot(): Snapshot | undefined
  /** The first session's prompt. */
  prompt(): string
  /** Called on every new snapshot, with the diff that produced it (null for a full one). */
  subscribe(fn: SnapshotListener): () => void
  /** Called when a session prints without being asked (see SessionOutput). */
  onOutput(fn: OutputListener): () => void
  /**
   * Chooses what the diagram shows; the engine answers with a model (see `onGraph`) and keeps
   * it up to date. Kept across an engine restart.
   */
  setView(options: ViewOptions): void
  /** The diagram's current model, once a view was set and the engine answered. */
  graph(): GraphModel | undefined
  onGraph(fn: GraphListener): () => void
  /**
   * Runs a line on a throw-away copy of the world at the first host's prompt: what it would
   * print, with nothing changed and nothing logged (forms check commands with it).
   */
  query(line: string): Promise<ExecReply>
  close(): void
}

/** A request that changes the world: kept, in order, to be replayed after a crash. */
type Logged =
  | { readonly type: 'exec'; readonly session: SessionId; readonly line: string }
  | { readonly type: 'interrupt'; readonly session: SessionId }
  | { readonly type: 'tick'; readonly session: SessionId }
  | { readonly type: 'open'; readonly session: SessionId }
  | { readonly type: 'close'; readonly session: SessionId }

type Pending = {
  request: Exclude<Logged, { type: 'close' }>
  resolve: (r: ExecReply) => void
  reject: (e: Error) => void
}
type PendingQuery = {
  line: string
  resolve: (r: ExecReply) => void
  reject: (e: Error) => void
}
type PendingCompletion = {
  session: SessionId
  line: string
  cursor: number
  resolve: (r: CompletionReply) => void
  reject: (e: Error) => void
}

export function createEngineClient(options: ClientOptions): EngineClient {
  let transport: Transport
  let unlisten: Array<() => void> = []
  let nextId: RequestId = 1
  let current: Snapshot | undefined
  let prompt = ''
  const pending = new Map<RequestId, Pending>()
  // Completions are not part of the command log: they read the world and are never replayed.
  const completions = new Map<RequestId, PendingCompletion>()
  const queries = new Map<RequestId, PendingQuery>()
  let view: ViewOptions | undefined
  let graph: GraphModel | undefined
  const graphListeners = new Set<GraphListener>()
  const log: Logged[] = []
  let nextSession: SessionId = FIRST_SESSION + 1
  const listeners = new Set<SnapshotListener>()
  const outputListeners = new Set<OutputListener>()
  let resolveReady!: (s: Snapshot) => void
  let rejectReady!: (e: Error) => void
  const ready = new Promise<Snapshot>((res, rej) => {
    resolveReady = res
    rejectReady = rej
  })

  const publish = (s: Snapshot, diff: SnapshotDiff | null): void => {
    current = s
    for (const fn of listeners) fn(s, diff)
  }

  const onMessage = (msg: FromEngine): void => {
    switch (msg.type) {
      case 'ready':
        prompt = msg.prompt
        publish(msg.snapshot, null)
        resolveReady(msg.snapshot)
        return
      case 'patch': {
        if (!current || current.rev !== msg.diff.fromRev) {
          transport.post({ type: 'resync' })
          return
        }
        const records = applyRecordDiff(current.records, msg.diff)
        publish({ rev: msg.diff.toRev, records }, msg.diff)
        return
      }
      case 'graph':
        graph = applyGraphDiff(graph, msg.diff)
        for (const fn of graphListeners) fn(graph, msg.diff)
        return
      case 'reply': {
        const q = queries.get(msg.id)
        if (q) {
          queries.delete(msg.id)
          q.resolve(msg.reply)
          return
        }
        const p = pending.get(msg.id)
        pending.delete(msg.id)
        if (p) {
          if (p.request.session === FIRST_SESSION) prompt = msg.reply.prompt
          log.push(p.request)
          p.resolve(msg.reply)
        }
        return
      }
      case 'output':
        if (msg.session === FIRST_SESSION) prompt = msg.prompt
        for (const fn of outputListeners) fn(msg)
        return
      case 'completion': {
        const c = completions.get(msg.id)
        completions.delete(msg.id)
        c?.resolve({ replacement: msg.replacement, candidates: msg.candidates })
        return
      }
      case 'failed': {
        const p = pending.get(msg.id) ?? completions.get(msg.id) ?? queries.get(msg.id)
        pending.delete(msg.id)
        completions.delete(msg.id)
        queries.delete(msg.id)
        p?.reject(new Error(msg.message))
        return
      }
      case 'fatal':
        rejectReady(new Error(msg.message))
        for (const p of [...pending.values(), ...completions.values(), ...queries.values()])
          p.reject(new Error(msg.message))
        pending.clear()
        completions.clear()
        queries.clear()
        return
    }
  }

  const open = (replay: readonly Logged[]): void => {
    transport = options.connect()
    unlisten = [transport.listen(onMessage), transport.onError(restart)]
    transport.post({ type: 'hello', protocol: PROTOCOL_VERSION, seed: options.seed })
    if (view) transport.post({ type: 'view', options: view })
    // Rebuild the world the crashed engine had; replies to these are not awaited by anyone.
    for (const r of replay) transport.post(toMessage(r, nextId++))
    for (const [id, p] of pending) transport.post(toMessage(p.request, id))
    for (const [id, c] of completions)
      transport.post({ type: 'complete', id, session: c.session, line: c.line, cursor: c.cursor })
    for (const [id, q] of queries) transport.post({ type: 'query', id, line: q.line })
  }

  const toMessage = (r: Logged, id: RequestId): ToEngine =>
    r.type === 'close' ? r : r.type === 'exec' ? { ...r, id } : { ...r, id }

  const send = (request: Pending['request']): Promise<ExecReply> => {
    const id = nextId++
    return new Promise<ExecReply>((resolve, reject) => {
      pending.set(id, { request, resolve, reject })
      transport.post(toMessage(request, id))
    })
  }

  function restart(): void {
    for (const u of unlisten) u()
    transport.close()
    current = undefined
    open(log)
  }

  open([])

  return {
    ready,
    exec: (line, session = FIRST_SESSION) => send({ type: 'exec', session, line }),
    interrupt: (session) => send({ type: 'interrupt', session }),
    tick: (session) => send({ type: 'tick', session }),
    async openSession() {
      const session = nextSession++
      const reply = await send({ type: 'open', session })
      return { session, prompt: reply.prompt }
    },
    closeSession(session) {
      log.push({ type: 'close', session })
      transport.post({ type: 'close', session })
    },
    complete(line, cursor, session = FIRST_SESSION) {
      const id = nextId++
      return new Promise<CompletionReply>((resolve, reject) => {
        completions.set(id, { session, line, cursor, resolve, reject })
        transport.post({ type: 'complete', id, session, line, cursor })
      })
    },
    snapshot: () => current,
    prompt: () => prompt,
    subscribe(fn) {
      listeners.add(fn)
      return () => listeners.delete(fn)
    },
    onOutput(fn) {
      outputListeners.add(fn)
      return () => outputListeners.delete(fn)
    },
    setView(options) {
      view = options
      transport.post({ type: 'view', options })
    },
    graph: () => graph,
    onGraph(fn) {
      graphListeners.add(fn)
      return () => graphListeners.delete(fn)
    },
    query(line) {
      const id = nextId++
      return new Promise<ExecReply>((resolve, reject) => {
        queries.set(id, { line, resolve, reject })
        transport.post({ type: 'query', id, line })
      })
    },
    close() {
      for (const u of unlisten) u()
      transport.close()
    },
  }
}
