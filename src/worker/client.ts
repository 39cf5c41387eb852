// The UI side of the protocol: sends requests with sequential ids, resolves them on replies,
// keeps the latest snapshot up to date from patches, and, if the worker dies, starts a new one
// and replays the command log (same seed + same commands ⇒ same world). Undo replays the log up
// to the last command that changed the world on a fresh engine; redo runs the undone part again.

import { applyRecordDiff, plainEqual } from '../lib/record-diff'
import type { Snapshot, SnapshotDiff, SnapshotRecord, WorldSpec } from '../engine'
import { applyGraphDiff, diffGraph, emptyGraphDiff } from '../view/graph/diff'
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
  /** The world to build (see scenarios/world-file.ts); the default host when absent. */
  readonly world?: WorldSpec
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

/** Whether undo and redo can run, and the command line each would take back or run again. */
export type HistoryState = {
  readonly canUndo: boolean
  readonly canRedo: boolean
  readonly undoLabel?: string
  readonly redoLabel?: string
}
export type HistoryListener = (history: HistoryState) => void

/** What an undo or a redo did, for the terminal tabs. */
export type HistoryStep = {
  /** The command line undone or redone. */
  readonly label: string
  /**
   * Every session open afterwards, and only those, with the prompt its last reply gave (inside
   * `docker exec -it c sh` again if it was then). A tab missing here was opened after the undone
   * change and is gone; a session with no tab was closed after it and is back.
   */
  readonly prompts: ReadonlyMap<SessionId, string>
  /** Sessions whose program keeps time afterwards (they want a `tick` a second). */
  readonly ticking: ReadonlySet<SessionId>
}

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
  /**
   * Called on every new snapshot, with the diff that produced it (null for a full one). A replay
   * (after a crash, an undo, a redo) calls it once, with the world it ended in; records equal to
   * the ones shown before keep their identity.
   */
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
  /**
   * Takes back the last command that changed the world (an `exec` that sent a patch): a fresh
   * engine replays the log before it, in every session; it and all that ran after it become one
   * redo step. Waits for pending requests first. Null when there is nothing to undo.
   */
  undo(): Promise<HistoryStep | null>
  /**
   * Runs the last undone step's requests again (waits for pending requests). Null when there is
   * none: a new change, or a line that moved a shell (`docker exec -it`, `exit`), forgets them.
   */
  redo(): Promise<HistoryStep | null>
  history(): HistoryState
  /** Called whenever `history()` changes. */
  onHistory(fn: HistoryListener): () => void
  close(): void
}

/** A request that changes the world: kept, in order, to be replayed after a crash or an undo. */
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

/** A session's shell as its last reply or output left it. */
type Shell = { readonly prompt: string; readonly ticking: boolean }

/**
 * Replayed requests in flight (after a crash, an undo or a redo). Nobody awaits their replies,
 * and listeners see only the world they end in, once the barrier (a completion posted after
 * them: the host answers in order) comes back.
 */
type Replay = {
  readonly barrier: RequestId
  /** Each replayed request's session, to keep the prompt its reply gives. */
  readonly sessions: ReadonlyMap<RequestId, SessionId>
  /** On a new engine: the shells known before are gone when its `ready` comes. */
  fresh: boolean
  readonly done: () => void
}

/** The sessions open once `log` has run: the first, plus those opened and not closed. */
function liveSessions(log: readonly Logged[]): SessionId[] {
  const live = new Set<SessionId>([FIRST_SESSION])
  for (const r of log)
    if (r.type === 'open') live.add(r.session)
    else if (r.type === 'close') live.delete(r.session)
  return [...live].sort((a, b) => a - b)
}

const labelOf = (r: Logged | undefined): string => (r?.type === 'exec' ? r.line : '')

/**
 * `next` as a diff from `prev`, keeping `prev`'s records where they are equal: a replayed world
 * is all new objects, and unchanged records must keep their identity (cheap re-renders).
 */
function rebase(prev: Snapshot | undefined, next: Snapshot): [Snapshot, SnapshotDiff | null] {
  if (!prev) return [next, null]
  const added: SnapshotRecord[] = []
  const updated: SnapshotRecord[] = []
  for (const [id, r] of Object.entries(next.records)) {
    const old = prev.records[id]
    if (old === undefined) added.push(r)
    else if (!plainEqual(old, r)) updated.push(r)
  }
  const removed = Object.keys(prev.records).filter((id) => next.records[id] === undefined)
  const diff = { fromRev: prev.rev, toRev: next.rev, added, updated, removed }
  return [{ rev: next.rev, records: applyRecordDiff(prev.records, diff) }, diff]
}

export function createEngineClient(options: ClientOptions): EngineClient {
  let transport: Transport
  let unlisten: Array<() => void> = []
  let nextId: RequestId = 1
  // The engine's world (patches apply to it) and what listeners were last shown: they differ
  // while a replay runs. The same goes for the diagram's model.
  let current: Snapshot | undefined
  let shown: Snapshot | undefined
  const shells = new Map<SessionId, Shell>()
  const pending = new Map<RequestId, Pending>()
  // Completions are not part of the command log: they read the world and are never replayed.
  const completions = new Map<RequestId, PendingCompletion>()
  const queries = new Map<RequestId, PendingQuery>()
  let view: ViewOptions | undefined
  let graph: GraphModel | undefined
  let shownGraph: GraphModel | undefined
  const graphListeners = new Set<GraphListener>()
  const log: Logged[] = []
  /** Where in `log` the execs that changed the world are: the undo steps, in order. */
  const changes: number[] = []
  /** Undone steps, the last undone last: each a change and all that ran after it. */
  const undone: Logged[][] = []
  const historyListeners = new Set<HistoryListener>()
  // A patch came since the last answer: the next reply's request changed the world (the host
  // sends a request's patch right before its reply).
  let patched = false
  let replay: Replay | undefined
  let idleWaiters: Array<() => void> = []
  let moving: Promise<unknown> = Promise.resolve()
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
    shown = s
    for (const fn of listeners) fn(s, diff)
  }
  const showGraph = (model: GraphModel, diff: GraphDiff): void => {
    graph = model
    shownGraph = model
    for (const fn of graphListeners) fn(model, diff)
  }

  const history = (): HistoryState => {
    const last = changes.at(-1)
    const undo = last === undefined ? undefined : log[last]
    const redo = undone.at(-1)?.[0]
    return {
      canUndo: undo !== undefined,
      canRedo: redo !== undefined,
      ...(undo && { undoLabel: labelOf(undo) }),
      ...(redo && { redoLabel: labelOf(redo) }),
    }
  }
  const historyChanged = (): void => {
    const h = history()
    for (const fn of historyListeners) fn(h)
  }

  /** Wakes those waiting for no request to be pending (undo and redo). */
  const settle = (): void => {
    if (pending.size > 0) return
    const waiters = idleWaiters
    idleWaiters = []
    for (const fn of waiters) fn()
  }

  /** The replay is over: listeners get the world it built, as one diff from what they saw. */
  const finishReplay = (): void => {
    const done = replay?.done
    replay = undefined
    if (current) {
      const [snapshot, diff] = rebase(shown, current)
      publish(snapshot, diff)
      resolveReady(snapshot)
    }
    if (graph && graph !== shownGraph) {
      const diff = diffGraph(shownGraph, graph)
      if (emptyGraphDiff(shownGraph, diff)) graph = shownGraph
      else showGraph(applyGraphDiff(shownGraph, diff), diff)
    }
    done?.()
  }

  const onMessage = (msg: FromEngine): void => {
    switch (msg.type) {
      case 'ready':
        patched = false
        if (replay?.fresh) {
          shells.clear()
          replay.fresh = false
        }
        shells.set(FIRST_SESSION, {
          prompt: msg.prompt,
          ticking: shells.get(FIRST_SESSION)?.ticking ?? false,
        })
        current = msg.snapshot
        if (replay) return
        publish(msg.snapshot, null)
        resolveReady(msg.snapshot)
        return
      case 'patch': {
        patched = true
        if (!current || current.rev !== msg.diff.fromRev) {
          transport.post({ type: 'resync' })
          return
        }
        current = { rev: msg.diff.toRev, records: applyRecordDiff(current.records, msg.diff) }
        if (!replay) publish(current, msg.diff)
        return
      }
      case 'graph':
        graph = applyGraphDiff(graph, msg.diff)
        if (!replay) showGraph(graph, msg.diff)
        return
      case 'reply': {
        const changed = patched
        patched = false
        const shell = { prompt: msg.reply.prompt, ticking: msg.reply.ticking ?? false }
        const replayed = replay?.sessions.get(msg.id)
        if (replayed !== undefined) {
          shells.set(replayed, shell)
          return
        }
        const q = queries.get(msg.id)
        if (q) {
          queries.delete(msg.id)
          q.resolve(msg.reply)
          return
        }
        const p = pending.get(msg.id)
        pending.delete(msg.id)
        if (p) {
          const { request } = p
          const step = request.type === 'exec' && changed
          // A typed line or Ctrl-C moved the shell (into or out of a container, a program took
          // or gave back the terminal): what was undone, run again now, would run elsewhere.
          const moved =
            (request.type === 'exec' || request.type === 'interrupt') &&
            shells.get(request.session)?.prompt !== shell.prompt
          shells.set(request.session, shell)
          if (step) changes.push(log.length)
          log.push(request)
          // After an undo, a new change also ends what can be redone.
          if (step || (moved && undone.length > 0)) {
            undone.length = 0
            historyChanged()
          }
          p.resolve(msg.reply)
          settle()
        }
        return
      }
      case 'output':
        shells.set(msg.session, { prompt: msg.prompt, ticking: msg.ticking })
        // A replay's output was printed the first time already.
        if (!replay) for (const fn of outputListeners) fn(msg)
        return
      case 'completion': {
        patched = false
        if (msg.id === replay?.barrier) {
          finishReplay()
          return
        }
        const c = completions.get(msg.id)
        completions.delete(msg.id)
        c?.resolve({ replacement: msg.replacement, candidates: msg.candidates })
        return
      }
      case 'failed': {
        patched = false
        if (msg.id === replay?.barrier) finishReplay()
        if (replay?.sessions.has(msg.id)) return
        const p = pending.get(msg.id) ?? completions.get(msg.id) ?? queries.get(msg.id)
        pending.delete(msg.id)
        completions.delete(msg.id)
        queries.delete(msg.id)
        p?.reject(new Error(msg.message))
        settle()
        return
      }
      case 'fatal':
        rejectReady(new Error(msg.message))
        for (const p of [...pending.values(), ...completions.values(), ...queries.values()])
          p.reject(new Error(msg.message))
        pending.clear()
        completions.clear()
        queries.clear()
        settle()
        if (replay) finishReplay()
        return
    }
  }

  /** A fresh engine on the transport (a second `hello` replaces the world), showing `view`. */
  const hello = (): void => {
    transport.post({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      seed: options.seed,
      ...(options.world ? { world: options.world } : {}),
    })
    if (view) transport.post({ type: 'view', options: view })
  }

  /** A completion on the first session: its answer comes after all that was posted before. */
  const barrier = (): RequestId => {
    const id = nextId++
    transport.post({ type: 'complete', id, session: FIRST_SESSION, line: '', cursor: 0 })
    return id
  }

  /** Posts `entries` as a replay (see Replay); resolves once the engine has run them all. */
  const startReplay = (entries: readonly Logged[], fresh: boolean): Promise<void> => {
    const sessions = new Map<RequestId, SessionId>()
    for (const r of entries) {
      const id = nextId++
      if (r.type !== 'close') sessions.set(id, r.session)
      transport.post(toMessage(r, id))
    }
    // A replay cut short by a crash ends with the one that replaces it.
    const before = replay?.done
    return new Promise<void>((resolve) => {
      const done = (): void => {
        before?.()
        resolve()
      }
      replay = { barrier: barrier(), sessions, fresh, done }
    })
  }

  /** Connects to a new engine; after a crash, rebuilds the world the dead one had from `log`. */
  const open = (replayed: readonly Logged[] | null): void => {
    transport = options.connect()
    unlisten = [transport.listen(onMessage), transport.onError(restart)]
    hello()
    if (replayed) void startReplay(replayed, true)
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
    patched = false
    open(log)
  }

  open(null)

  /**
   * One undo or redo at a time, each once no request is pending (so every reply is logged); `fn`
   * starts in the same turn as the check, before anything else can be sent.
   */
  const move = (fn: () => Promise<HistoryStep | null>): Promise<HistoryStep | null> => {
    const run = moving.then(async () => {
      while (pending.size > 0) await new Promise<void>((res) => idleWaiters.push(res))
      return fn()
    })
    moving = run.catch(() => undefined)
    return run
  }

  /** The sessions after an undo or redo of `group` (see HistoryStep). */
  const stepOf = (group: readonly Logged[]): HistoryStep => {
    const live = liveSessions(log)
    return {
      label: labelOf(group[0]),
      prompts: new Map(live.map((s) => [s, shells.get(s)?.prompt ?? ''])),
      ticking: new Set(live.filter((s) => shells.get(s)?.ticking === true)),
    }
  }

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
      // A patch the close makes comes before this answer: it is not taken for the next reply's.
      barrier()
    },
    complete(line, cursor, session = FIRST_SESSION) {
      const id = nextId++
      return new Promise<CompletionReply>((resolve, reject) => {
        completions.set(id, { session, line, cursor, resolve, reject })
        transport.post({ type: 'complete', id, session, line, cursor })
      })
    },
    snapshot: () => shown,
    prompt: () => shells.get(FIRST_SESSION)?.prompt ?? '',
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
    graph: () => shownGraph,
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
    undo: () =>
      move(async () => {
        const at = changes.pop()
        if (at === undefined) return null
        const group = log.splice(at)
        undone.push(group)
        historyChanged()
        hello()
        await startReplay(log, true)
        return stepOf(group)
      }),
    redo: () =>
      move(async () => {
        const group = undone.pop()
        if (!group) return null
        changes.push(log.length)
        log.push(...group)
        historyChanged()
        await startReplay(group, false)
        return stepOf(group)
      }),
    history,
    onHistory(fn) {
      historyListeners.add(fn)
      return () => historyListeners.delete(fn)
    },
    close() {
      for (const u of unlisten) u()
      transport.close()
    },
  }
}
