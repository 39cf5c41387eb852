// The `docker` program: global flags, then a command or management command
// (docker/cli cmd/docker/docker.go). Unknown commands answer as the 28.x CLI does.

import { fail, out, type CommandOutput } from '../output'
import type { CommandContext } from '../context'
import { helpText, runDockerCommand, type DockerCommand } from './command'
import {
  execCommand,
  killCommand,
  logsCommand,
  pauseCommand,
  renameCommand,
  restartCommand,
  rmCommand,
  startCommand,
  stopCommand,
  unpauseCommand,
} from './container-commands'
import { infoCommand } from './info'
import { containerInspectCommand, inspectCommand } from './inspect'
import { runNetwork } from './network'
import { runNode } from './node'
import { containerPortCommand, portCommand } from './port'
import { containerLsCommand, psCommand } from './ps'
import { createCommand, runCommand } from './run'
import { runService } from './service'
import { runSwarm } from './swarm'
import { dockerShortVersion, versionCommand } from './version'

const COMMANDS: Readonly<Record<string, DockerCommand>> = {
  run: runCommand,
  create: createCommand,
  start: startCommand,
  stop: stopCommand,
  restart: restartCommand,
  kill: killCommand,
  rm: rmCommand,
  rename: renameCommand,
  pause: pauseCommand,
  unpause: unpauseCommand,
  exec: execCommand,
  ps: psCommand,
  inspect: inspectCommand,
  port: portCommand,
  logs: logsCommand,
  version: versionCommand,
  info: infoCommand,
}

/** `docker container X` is the long form of `docker X` for these. */
const CONTAINER_ALIASES: Readonly<Record<string, DockerCommand>> = {
  ...COMMANDS,
  remove: rmCommand,
}

/** Commands with their own `docker container …` definition (usage, flags). */
const CONTAINER_OWN: Readonly<Record<string, DockerCommand>> = {
  ls: containerLsCommand,
  list: containerLsCommand,
  ps: containerLsCommand,
  inspect: containerInspectCommand,
  port: containerPortCommand,
}

function unknownFlag(first: string, usage: string, path: string): CommandOutput {
  const msg = first.startsWith('--')
    ? `unknown flag: ${first.split('=')[0] ?? first}`
    : `unknown shorthand flag: '${first[1] ?? ''}' in ${first}`
  return fail(`${msg}\n\nUsage:  ${usage}\n\nRun '${path} --help' for more information\n`, 125)
}

function runContainer(ctx: CommandContext, argv: readonly string[]): CommandOutput {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '--help') return out(helpText('docker container'))
  const own = CONTAINER_OWN[sub]
  if (own) return runDockerCommand(own, ctx, rest)
  const cmd = CONTAINER_ALIASES[sub]
  if (cmd) {
    const long = (t: string): string => t.replace('docker ', 'docker container ')
    return runDockerCommand({ ...cmd, path: long(cmd.path), usage: long(cmd.usage) }, ctx, rest)
  }
  if (sub.startsWith('-')) return unknownFlag(sub, 'docker container', 'docker container')
  return fail(
    `docker: unknown command: docker container ${sub}\n\nUsage:  docker container\n\nRun 'docker container --help' for more information\n`,
    1,
  )
}

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
    case 'network':
      return runNetwork(ctx, rest)
    case 'swarm':
      return runSwarm(ctx, rest)
    case 'node':
      return runNode(ctx, rest)
    case 'service':
      return runService(ctx, rest)
    case 'container':
      return runContainer(ctx, rest)
    default: {
      const cmd = COMMANDS[first]
      if (cmd) return runDockerCommand(cmd, ctx, rest)
      if (first.startsWith('-'))
        return unknownFlag(first, 'docker [OPTIONS] COMMAND [ARG...]', 'docker')
      return fail(
        `docker: unknown command: docker ${first}\n\nRun 'docker --help' for more information\n`,
        1,
      )
    }
  }
}
