// The whole wire between the UI and the engine worker: plain, structured-clone-safe messages,
// discriminated by `type`. Types only (engine types are imported as types), so the UI bundle
// stays free of engine code. Bump PROTOCOL_VERSION on any incompatible change.

import type { Snapshot, SnapshotDiff, Trace, WorldSpec } from '../engine'
import type { GraphDiff, ViewOptions } from '../view/graph/types'

export const PROTOCOL_VERSION = 4

/** Correlates a request with its reply; assigned sequentially by the client. */
export type RequestId = number

/**
 * A shell on a host (a terminal tab), chosen by the client. Session 1 exists from `hello` on;
 * others are opened with `open`. Each has its own nested shells, history and foreground job.
 */
export type SessionId = number

/** The first session, opened by `hello`. */
export const FIRST_SESSION: SessionId = 1

/** What a command line printed, plus the prompt for the next one. */
export type ExecReply = {
  readonly stdout: string
  readonly stderr: string
  readonly exitCode: number
  readonly prompt: string
  /** A program holds the session and keeps time (`ping`): send a `tick` every second. */
  readonly ticking?: boolean
  /** The packets it sent, traced (ping, nc, curl, wget, nslookup, trace): the trace player's input. */
  readonly traces?: readonly Trace[]
}

/** What Tab does to a line, as bash does it. */
export type CompletionReply = {
  /**
   * The whole line after completion: the word at the cursor completed (plus a space when it is
   * a whole word), or to the candidates' common prefix; the line itself when nothing fits. The
   * text after the cursor is unchanged, so the new cursor is `replacement.length - tail length`.
   */
  readonly replacement: string
  /** Every word matching what was typed, sorted: bash lists them on a second Tab. */
  readonly candidates: readonly string[]
}

export type ToEngine =
  /** First message: builds the world from the default scenario and this seed. */
  | {
      readonly type: 'hello'
      readonly protocol: number
      readonly seed: number
      /** The world to build (a world file's); the default host when absent. */
      readonly world?: WorldSpec
    }
  /**
   * Runs one command line in a session; while a foreground program runs there (`nc`), the line
   * is that program's input instead.
   */
  | {
      readonly type: 'exec'
      readonly id: RequestId
      readonly session: SessionId
      readonly line: string
    }
  /** Ctrl-C in a session: stops its foreground program, if any (replies like `exec`). */
  | { readonly type: 'interrupt'; readonly id: RequestId; readonly session: SessionId }
  /** A second passes for a session's time-keeping program (replies like `exec`). */
  | { readonly type: 'tick'; readonly id: RequestId; readonly session: SessionId }
  /** Opens another root shell on the first host (replies like `exec`, with its prompt). */
  | { readonly type: 'open'; readonly id: RequestId; readonly session: SessionId }
  /** Closes a session: what runs in its foreground is stopped, as when a terminal hangs up. */
  | { readonly type: 'close'; readonly session: SessionId }
  /** Tab: completes the word at `cursor` (a UTF-16 offset into `line`) in a session's shell. */
  | {
      readonly type: 'complete'
      readonly id: RequestId
      readonly session: SessionId
      readonly line: string
      readonly cursor: number
    }
  /** The client lost track of revisions: send the full snapshot again (as `ready`). */
  | { readonly type: 'resync' }
  /**
   * What the diagram shows: the worker answers with a full `graph` and follows every change of
   * the world with a `graph` diff (sent after the `patch`, before the `reply`).
   */
  | { readonly type: 'view'; readonly options: ViewOptions }
  /**
   * Runs a line on a throw-away copy of the world, in a fresh shell at the first host's prompt,
   * and replies like `exec`: nothing changes (no patch), nothing is logged. Forms use it to show
   * Docker's error before anything is done; the inspector to read `docker inspect`.
   */
  | { readonly type: 'query'; readonly id: RequestId; readonly line: string }

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
  /**
   * Output a session's foreground program wrote because of something done elsewhere (an `nc`
   * server receiving what a client in another tab typed), or the prompt it returned to.
   */
  | {
      readonly type: 'output'
      readonly session: SessionId
      readonly stdout: string
      readonly stderr: string
      readonly prompt: string
      readonly ticking: boolean
    }
  /** The diagram's model changed (or was asked for with `view`). */
  | { readonly type: 'graph'; readonly diff: GraphDiff }
  /** Answer to `complete`; reads the world, never changes it (no patch). */
  | ({ readonly type: 'completion'; readonly id: RequestId } & CompletionReply)
  /** A request hit a broken invariant; the world is unchanged and the engine keeps running. */
  | { readonly type: 'failed'; readonly id: RequestId; readonly message: string }
  /** The engine cannot continue (e.g. protocol mismatch). */
  | { readonly type: 'fatal'; readonly message: string }
