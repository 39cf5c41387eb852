// The UI side of the protocol: sends requests with sequential ids, resolves them on replies,
// keeps the latest snapshot up to date from patches, and, if the worker dies, starts a new one
// and replays the command log (same seed + same commands ⇒ same world).

import { applyRecordDiff } from '../lib/record-diff'
import type { Snapshot, SnapshotDiff } from '../engine'
import {
  PROTOCOL_VERSION,
  type CompletionReply,
  type ExecReply,
  type FromEngine,
  type RequestId,
} from './protocol'
import type { Transport } from './transport'

export type ClientOptions = {
  readonly seed: number
  /** Opens a transport to a fresh engine (called again after a crash). */
  readonly connect: () => Transport
}

export type SnapshotListener = (snapshot: Snapshot, diff: SnapshotDiff | null) => void

export interface EngineClient {
  /** Resolves with the first snapshot once the engine is up. */
  readonly ready: Promise<Snapshot>
  exec(line: string): Promise<ExecReply>
  /** Tab completion of `line` at `cursor` in the engine's current shell (changes nothing). */
  complete(line: string, cursor: number): Promise<CompletionReply>
  snapshot(): Snapshot | undefined
  prompt(): string
  /** Called on every new snapshot, with the diff that produced it (null for a full one). */
  subscribe(fn: SnapshotListener): () => void
  close(): void
}

type Pending = { line: string; resolve: (r: ExecReply) => void; reject: (e: Error) => void }
type PendingCompletion = {
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
  const log: string[] = []
  const listeners = new Set<SnapshotListener>()
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
      case 'reply': {
        prompt = msg.reply.prompt
        const p = pending.get(msg.id)
        pending.delete(msg.id)
        if (p) {
          log.push(p.line)
          p.resolve(msg.reply)
        }
        return
      }
      case 'completion': {
        const c = completions.get(msg.id)
        completions.delete(msg.id)
        c?.resolve({ replacement: msg.replacement, candidates: msg.candidates })
        return
      }
      case 'failed': {
        const p = pending.get(msg.id) ?? completions.get(msg.id)
        pending.delete(msg.id)
        completions.delete(msg.id)
        p?.reject(new Error(msg.message))
        return
      }
      case 'fatal':
        rejectReady(new Error(msg.message))
        for (const p of [...pending.values(), ...completions.values()])
          p.reject(new Error(msg.message))
        pending.clear()
        completions.clear()
        return
    }
  }

  const open = (replay: readonly string[]): void => {
    transport = options.connect()
    unlisten = [transport.listen(onMessage), transport.onError(restart)]
    transport.post({ type: 'hello', protocol: PROTOCOL_VERSION, seed: options.seed })
    // Rebuild the world the crashed engine had; replies to these are not awaited by anyone.
    for (const line of replay) transport.post({ type: 'exec', id: nextId++, line })
    for (const [id, p] of pending) transport.post({ type: 'exec', id, line: p.line })
    for (const [id, c] of completions)
      transport.post({ type: 'complete', id, line: c.line, cursor: c.cursor })
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
    exec(line) {
      const id = nextId++
      return new Promise<ExecReply>((resolve, reject) => {
        pending.set(id, { line, resolve, reject })
        transport.post({ type: 'exec', id, line })
      })
    },
    complete(line, cursor) {
      const id = nextId++
      return new Promise<CompletionReply>((resolve, reject) => {
        completions.set(id, { line, cursor, resolve, reject })
        transport.post({ type: 'complete', id, line, cursor })
      })
    },
    snapshot: () => current,
    prompt: () => prompt,
    subscribe(fn) {
      listeners.add(fn)
      return () => listeners.delete(fn)
    },
    close() {
      for (const u of unlisten) u()
      transport.close()
    },
  }
}
