// The whole wire between the UI and the engine worker: plain, structured-clone-safe messages,
// discriminated by `type`. Types only (engine types are imported as types), so the UI bundle
// stays free of engine code. Bump PROTOCOL_VERSION on any incompatible change.

import type { Snapshot, SnapshotDiff } from '../engine'

export const PROTOCOL_VERSION = 1

/** Correlates a request with its reply; assigned sequentially by the client. */
export type RequestId = number

/** What a command line printed, plus the prompt for the next one. */
export type ExecReply = {
  readonly stdout: string
  readonly stderr: string
  readonly exitCode: number
  readonly prompt: string
}

export type ToEngine =
  /** First message: builds the world from the default scenario and this seed. */
  | { readonly type: 'hello'; readonly protocol: number; readonly seed: number }
  /** Runs one command line in the host shell. */
  | { readonly type: 'exec'; readonly id: RequestId; readonly line: string }
  /** The client lost track of revisions: send the full snapshot again (as `ready`). */
  | { readonly type: 'resync' }

export type FromEngine =
  /** Answer to `hello`: the full snapshot, sent once; `patch`es follow. */
  | {
      readonly type: 'ready'
      readonly protocol: number
      readonly snapshot: Snapshot
      readonly prompt: string
    }
  /** The world changed: what changed, from `fromRev` to `toRev`. Sent before the `reply`. */
  | { readonly type: 'patch'; readonly diff: SnapshotDiff }
  | { readonly type: 'reply'; readonly id: RequestId; readonly reply: ExecReply }
  /** A request hit a broken invariant; the world is unchanged and the engine keeps running. */
  | { readonly type: 'failed'; readonly id: RequestId; readonly message: string }
  /** The engine cannot continue (e.g. protocol mismatch). */
  | { readonly type: 'fatal'; readonly message: string }
