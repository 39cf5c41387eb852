// The `docker` program: global flags, then a command or management command
// (docker/cli cmd/docker/docker.go). Unknown commands answer as the 28.x CLI does.

import { fail, out, type CommandOutput } from '../output'
import type { CommandContext } from '../context'
import { helpText, runDockerCommand } from './command'
import { runNetwork } from './network'
import { dockerShortVersion, versionCommand } from './version'

export function runDocker(ctx: CommandContext, argv: readonly string[]): CommandOutput {
  const [first, ...rest] = argv
  switch (first) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      return out(helpText('docker'))
    case '--version':
    case '-v':
      return out(dockerShortVersion())
    case 'version':
      return runDockerCommand(versionCommand, ctx, rest)
    case 'network':
      return runNetwork(ctx, rest)
    default:
      if (first.startsWith('-')) {
        const msg = first.startsWith('--')
          ? `unknown flag: ${first.split('=')[0] ?? first}`
          : `unknown shorthand flag: '${first[1] ?? ''}' in ${first}`
        return fail(
          `${msg}\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n`,
          125,
        )
      }
      return fail(
        `docker: unknown command: docker ${first}\n\nRun 'docker --help' for more information\n`,
        1,
      )
  }
}
