// The engine: the current World plus the one way to change it, a transaction. Pure apart from
// holding the current value; no clock, no randomness beyond the world's seeded streams.

import type { Result } from '../lib/result'
import { buildWorld } from './build-world'
import type { DockerError } from './daemon/errors'
import { OpContext } from './model/context'
import type { WorldSpec } from './model/spec'
import type { World } from './model/world'
import { toSnapshot } from './snapshot/to-snapshot'
import type { Snapshot } from './snapshot/records'

export type EngineOptions = {
  /** Seeds every ID, MAC and name the world draws. Same seed + same commands ⇒ same world. */
  readonly seed: number
  readonly spec: WorldSpec
}

export interface Engine {
  /** The current world; replaced (never mutated) by each committed transaction. */
  readonly world: World
  /**
   * Runs `fn` on a fresh context; on `ok` commits its world if it changed (advancing the virtual
   * clock by one second), on error keeps the previous world untouched.
   */
  transact<T>(fn: (ctx: OpContext) => Result<T, DockerError>): Result<T, DockerError>
  /** The snapshot of the current world, reusing unchanged records of the previous call. */
  snapshot(): Snapshot
  /**
   * An independent engine starting from this one's current world (worlds are immutable, so this
   * is O(1)): what runs there never reaches this one. Dry runs use it.
   */
  fork(): Engine
}

export function createEngine(options: EngineOptions): Engine {
  return engineFrom(buildWorld(options.spec, options.seed), undefined)
}

function engineFrom(start: World, snapshot: Snapshot | undefined): Engine {
  let world = start
  let last = snapshot
  return {
    fork() {
      return engineFrom(world, last)
    },
    get world() {
      return world
    },
    transact(fn) {
      const ctx = new OpContext(world)
      const result = fn(ctx)
      if (result.ok && ctx.changed) world = ctx.commit(1)
      return result
    },
    snapshot() {
      if (last?.rev !== world.rev) last = toSnapshot(world, last)
      return last
    },
  }
}
