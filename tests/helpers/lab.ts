// The test harness: a lab on the default world, driven like a learner's terminal session.

import { createSession, type CommandOutput, type Completion } from '../../src/cli'
import { createEngine, hostId, type Engine, type Snapshot, type World } from '../../src/engine'
import { DEFAULT_SEED, DEFAULT_WORLD } from '../../src/scenarios/default-world'

export type TestLab = {
  readonly engine: Engine
  readonly world: World
  /** What the terminal shows (the traces a command produced left out; see `runTraced`). */
  run(line: string): CommandOutput
  /** The whole output, with the packet traces of ping, nc, curl, wget, trace… */
  runTraced(line: string): CommandOutput
  /** Tab completion of `line` at `cursor` in the current shell. */
  complete(line: string, cursor: number): Completion
  snapshot(): Snapshot
}

/** `userlandProxy: false`: host1's daemon.json has `"userland-proxy": false`. */
export function createTestLab(options: { seed?: number; userlandProxy?: boolean } = {}): TestLab {
  const spec =
    options.userlandProxy === false
      ? {
          ...DEFAULT_WORLD,
          hosts: DEFAULT_WORLD.hosts.map((h) => ({
            ...h,
            daemon: { ...h.daemon, userlandProxy: false },
          })),
        }
      : DEFAULT_WORLD
  const engine = createEngine({ seed: options.seed ?? DEFAULT_SEED, spec })
  const session = createSession(engine, hostId('host1'))
  return {
    engine,
    get world() {
      return engine.world
    },
    run: (line) => {
      const { traces: _traces, ...shown } = session.run(line)
      return shown
    },
    runTraced: (line) => session.run(line),
    complete: (line, cursor) => session.complete(line, cursor),
    snapshot: () => engine.snapshot(),
  }
}
