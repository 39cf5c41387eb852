// A root shell on a host of the world: splits a line into words, runs the program and returns
// what the terminal shows. The REPL, the worker and the tests all drive the engine through it.

import { INIT_NETNS, type Engine, type HostId } from '../engine'
import type { CommandContext } from './context'
import { runDocker } from './docker/docker'
import { LINUX_PROGRAMS } from './linux/programs'
import { fail, out, type CommandOutput } from './output'
import type { Program } from './program'
import { tokenize } from './tokenize'

const PROGRAMS: Readonly<Record<string, Program>> = {
  ...LINUX_PROGRAMS,
  docker: runDocker,
  hostname: (ctx) => out(`${ctx.engine.world.hosts[ctx.host]?.hostname ?? ''}\n`),
  echo: (_ctx, argv) => out(`${argv.join(' ')}\n`),
  true: () => out(''),
  false: () => fail('', 1),
}

export interface Session {
  /** Runs one command line. */
  run(line: string): CommandOutput
  /** The prompt the terminal shows before the next line, e.g. `root@host1:~# `. */
  prompt(): string
}

export function createSession(engine: Engine, host: HostId): Session {
  const ctx: CommandContext = { engine, host, netns: INIT_NETNS, userland: 'host' }
  return {
    run(line) {
      const words = tokenize(line)
      if (!words.ok) return fail(`bash: ${words.error}\n`, 2)
      const [name, ...argv] = words.value
      if (name === undefined) return out('')
      const program = PROGRAMS[name]
      if (!program) return fail(`bash: ${name}: command not found\n`, 127)
      return program(ctx, argv)
    },
    prompt() {
      return `root@${engine.world.hosts[host]?.hostname ?? host}:~# `
    },
  }
}
