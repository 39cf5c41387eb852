// `docker network …`: the management command and its subcommands.

import { formatNetworkLs } from '../format/network-ls'
import { fail, out, type CommandOutput } from '../output'
import type { CommandContext } from '../context'
import { helpText, runDockerCommand, type DockerCommand } from './command'

const lsCommand: DockerCommand = {
  path: 'docker network ls',
  usage: 'docker network ls [OPTIONS]',
  flags: [
    { name: 'filter', short: 'f', type: 'list' },
    { name: 'format', type: 'string' },
    { name: 'no-trunc', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
  ],
  args: { kind: 'none' },
  run: (ctx, { flags }) => {
    const host = ctx.engine.world.hosts[ctx.host]
    const networks = Object.values(host?.daemon.networks ?? {})
    return out(
      formatNetworkLs(networks, {
        quiet: flags.bools.has('quiet'),
        noTrunc: flags.bools.has('no-trunc'),
      }),
    )
  },
}

const SUBCOMMANDS: Readonly<Record<string, DockerCommand>> = { ls: lsCommand, list: lsCommand }

export function runNetwork(ctx: CommandContext, argv: readonly string[]): CommandOutput {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '--help') return out(helpText('docker network'))
  const cmd = SUBCOMMANDS[sub]
  if (cmd) return runDockerCommand(cmd, ctx, rest)
  if (sub.startsWith('-')) {
    const msg = `unknown ${sub.startsWith('--') ? 'flag' : 'shorthand flag'}: ${sub}`
    return fail(
      `${msg}\n\nUsage:  docker network\n\nRun 'docker network --help' for more information\n`,
      125,
    )
  }
  return fail(
    `docker: unknown command: docker network ${sub}\n\nUsage:  docker network\n\nRun 'docker network --help' for more information\n`,
    1,
  )
}
