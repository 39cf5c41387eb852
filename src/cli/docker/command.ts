// A docker CLI command as cobra defines it: its path, usage line, flags and argument rule, and
// the errors the docker CLI prints when they are not met (docker/cli cli/required.go, cobra.go).

import { parseFlags, type FlagSpec, type ParsedArgs } from '../flags'
import { fail, out, type CommandOutput } from '../output'
import type { CommandContext } from '../context'
import { DOCKER_HELP } from './help-texts'

export type ArgRule =
  | { readonly kind: 'none' }
  | { readonly kind: 'min'; readonly n: number }
  | { readonly kind: 'exact'; readonly n: number }
  | { readonly kind: 'any' }

export type DockerCommand = {
  /** `docker network ls` */
  readonly path: string
  /** `docker network ls [OPTIONS]` */
  readonly usage: string
  readonly flags: readonly FlagSpec[]
  readonly args: ArgRule
  readonly interspersed?: boolean
  readonly run: (ctx: CommandContext, parsed: ParsedArgs) => CommandOutput
}

const HELP_FLAG: FlagSpec = { name: 'help', type: 'bool' }

export function usageError(
  cmd: Pick<DockerCommand, 'path' | 'usage'>,
  message: string,
  hint = 'Run',
): string {
  return `${message}\n\nUsage:  ${cmd.usage}\n\n${hint} '${cmd.path} --help' for more information\n`
}

export function helpText(path: string): string {
  return DOCKER_HELP[path] ?? `Usage:  ${path}\n`
}

const withHelp = new WeakMap<DockerCommand, readonly FlagSpec[]>()

/** The command's flags and `--help`, one array per command (parseFlags indexes it once). */
function flagsWithHelp(cmd: DockerCommand): readonly FlagSpec[] {
  let flags = withHelp.get(cmd)
  if (!flags) {
    flags = [...cmd.flags, HELP_FLAG]
    withHelp.set(cmd, flags)
  }
  return flags
}

export function runDockerCommand(
  cmd: DockerCommand,
  ctx: CommandContext,
  argv: readonly string[],
): CommandOutput {
  const parsed = parseFlags(argv, flagsWithHelp(cmd), {
    interspersed: cmd.interspersed ?? true,
  })
  if (!parsed.ok) return fail(usageError(cmd, parsed.error), 125)
  if (parsed.value.flags.bools.has('help')) return out(helpText(cmd.path))
  const n = parsed.value.args.length
  const rule = cmd.args
  const plural = (k: number): string => (k === 1 ? 'argument' : 'arguments')
  if (rule.kind === 'none' && n > 0) {
    return fail(usageError(cmd, `docker: '${cmd.path}' accepts no arguments`), 1)
  }
  if (rule.kind === 'min' && n < rule.n) {
    const msg = `docker: '${cmd.path}' requires at least ${rule.n} ${plural(rule.n)}`
    return fail(usageError(cmd, msg, 'See'), 1)
  }
  if (rule.kind === 'exact' && n !== rule.n) {
    return fail(usageError(cmd, `docker: '${cmd.path}' requires ${rule.n} ${plural(rule.n)}`), 1)
  }
  return cmd.run(ctx, parsed.value)
}

/**
 * A management command (`docker network`, `docker swarm`, `docker node`): its help without a
 * subcommand, the subcommand, or cobra's errors for an unknown flag or command.
 */
export function runManagementCommand(
  path: string,
  subcommands: Readonly<Record<string, DockerCommand>>,
  help: string,
  ctx: CommandContext,
  argv: readonly string[],
): CommandOutput {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '--help' || sub === '-h') return out(help)
  const cmd = subcommands[sub]
  if (cmd) return runDockerCommand(cmd, ctx, rest)
  const tail = `\n\nUsage:  ${path}\n\nRun '${path} --help' for more information\n`
  if (sub.startsWith('-')) {
    const msg = sub.startsWith('--')
      ? `unknown flag: ${sub.split('=')[0] ?? sub}`
      : `unknown shorthand flag: '${sub[1] ?? ''}' in ${sub}`
    return fail(`${msg}${tail}`, 125)
  }
  return fail(`docker: unknown command: ${path} ${sub}${tail}`, 1)
}
