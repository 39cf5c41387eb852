// Container lifecycle commands: start, stop, restart, kill, rm, rename, pause, unpause, exec.
// Each named container is handled in its own transaction; what succeeded is printed (the name
// as given), errors go to stderr and make the exit code 1 (docker/cli cli/command/container).

import { daemon, type DockerError } from '../../engine'
import type { CommandContext } from '../context'
import type { ParsedArgs } from '../flags'
import { out, type CommandOutput } from '../output'
import type { DockerCommand } from './command'
import { daemonError } from './daemon-error'
import { getProcess, lookupContainer } from '../../engine'
import { flagsFromHelp } from './help-flags'
import { shellName } from '../shell/shells'

type Op = (
  ctx: CommandContext,
  ref: string,
  p: ParsedArgs,
) => { ok: true } | { ok: false; error: DockerError }

function forEach(
  ctx: CommandContext,
  p: ParsedArgs,
  op: Op,
  failedSummary?: string,
): CommandOutput {
  let stdout = ''
  let stderr = ''
  const failed: string[] = []
  for (const ref of p.args) {
    const r = op(ctx, ref, p)
    if (r.ok) stdout += `${ref}\n`
    else {
      stderr += daemonError(r.error).stderr
      failed.push(ref)
    }
  }
  if (failed.length && failedSummary) stderr += `Error: ${failedSummary}: ${failed.join(', ')}\n`
  return { stdout, stderr, exitCode: failed.length ? 1 : 0 }
}

function lifecycle(name: string, usage: string, op: Op, summary?: string): DockerCommand {
  return {
    path: `docker ${name}`,
    usage,
    flags: flagsFromHelp(`docker ${name}`),
    args: { kind: 'min', n: 1 },
    run: (ctx, p) => forEach(ctx, p, op, summary),
  }
}

export const startCommand = lifecycle(
  'start',
  'docker start [OPTIONS] CONTAINER [CONTAINER...]',
  (ctx, ref) => ctx.engine.transact((t) => daemon.startContainer(t, ctx.host, ref)),
  'failed to start containers',
)

export const stopCommand = lifecycle(
  'stop',
  'docker stop [OPTIONS] CONTAINER [CONTAINER...]',
  (ctx, ref) =>
    ctx.engine.transact((t) => {
      const c = daemon.findContainer(t, ctx.host, ref)
      if (!c.ok) return c
      // Services exit cleanly on SIGTERM; a shell as PID 1 ignores it and is killed after 10 s.
      const shell = shellName(c.value.cmd[0]) !== undefined
      return daemon.stopContainer(t, ctx.host, ref, shell ? 137 : 0)
    }),
)

export const killCommand = lifecycle(
  'kill',
  'docker kill [OPTIONS] CONTAINER [CONTAINER...]',
  (ctx, ref) =>
    ctx.engine.transact((t) => {
      const c = daemon.findContainer(t, ctx.host, ref)
      if (!c.ok) return c
      if (c.value.status !== 'running' && c.value.status !== 'paused') {
        return {
          ok: false,
          error: {
            kind: 'not-running',
            message: `cannot kill container: ${ref}: container ${c.value.id} is not running`,
          },
        }
      }
      return daemon.stopContainer(t, ctx.host, ref, 137)
    }),
)

export const restartCommand = lifecycle(
  'restart',
  'docker restart [OPTIONS] CONTAINER [CONTAINER...]',
  (ctx, ref) => {
    const stopped = ctx.engine.transact((t) => daemon.stopContainer(t, ctx.host, ref, 0))
    if (!stopped.ok) return stopped
    return ctx.engine.transact((t) => daemon.startContainer(t, ctx.host, ref))
  },
)

export const rmCommand = lifecycle(
  'rm',
  'docker rm [OPTIONS] CONTAINER [CONTAINER...]',
  (ctx, ref, p) =>
    ctx.engine.transact((t) =>
      daemon.removeContainer(t, ctx.host, ref, p.flags.bools.has('force')),
    ),
)

export const pauseCommand = lifecycle(
  'pause',
  'docker pause CONTAINER [CONTAINER...]',
  (ctx, ref) => ctx.engine.transact((t) => daemon.pauseContainer(t, ctx.host, ref, true)),
)

export const unpauseCommand = lifecycle(
  'unpause',
  'docker unpause CONTAINER [CONTAINER...]',
  (ctx, ref) => ctx.engine.transact((t) => daemon.pauseContainer(t, ctx.host, ref, false)),
)

export const renameCommand: DockerCommand = {
  path: 'docker rename',
  usage: 'docker rename CONTAINER NEW_NAME',
  flags: flagsFromHelp('docker rename'),
  args: { kind: 'exact', n: 2 },
  run: (ctx, p) => {
    const [from = '', to = ''] = p.args
    const r = ctx.engine.transact((t) => daemon.renameContainer(t, ctx.host, from, to))
    return r.ok ? out('') : daemonError(r.error)
  },
}

export const execCommand: DockerCommand = {
  path: 'docker exec',
  usage: 'docker exec [OPTIONS] CONTAINER COMMAND [ARG...]',
  flags: flagsFromHelp('docker exec'),
  args: { kind: 'min', n: 2 },
  interspersed: false,
  run: (ctx, p) => {
    const [ref = '', ...argv] = p.args
    const world = ctx.engine.world
    const host = world.hosts[ctx.host]
    const found = host ? lookupContainer(host.daemon, ref) : undefined
    const c = found?.kind === 'found' ? found.container : undefined
    if (!c) return daemonError({ kind: 'no-such-container', message: `No such container: ${ref}` })
    if (c.status === 'paused') {
      return daemonError({
        kind: 'paused',
        message: `Container ${c.id} is paused, unpause the container before exec`,
      })
    }
    if (c.status !== 'running')
      return daemonError({ kind: 'not-running', message: `container ${c.id} is not running` })
    const prog = argv[0]?.split('/').pop() ?? ''
    if (shellName(prog) && argv.length === 1) {
      const image = daemon.resolveImage(c.image)
      if (prog === 'bash' && image.userland === 'busybox') {
        return {
          stdout: '',
          stderr:
            'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\n',
          exitCode: 127,
        }
      }
      if (p.flags.bools.has('interactive') && p.flags.bools.has('tty'))
        ctx.shell.enter(c.id, prog, false)
      return out('')
    }
    return ctx.shell.execIn(c.id, argv)
  },
}

export const logsCommand: DockerCommand = {
  path: 'docker logs',
  usage: 'docker logs [OPTIONS] CONTAINER',
  flags: flagsFromHelp('docker logs'),
  args: { kind: 'exact', n: 1 },
  run: (ctx, p) => {
    const ref = p.args[0] ?? ''
    const found = ctx.engine.transact((t) => daemon.findContainer(t, ctx.host, ref))
    if (!found.ok) return daemonError(found.error)
    // The simulated services log to stderr, as httpd and nginx do; nc prints what it receives.
    const c = found.value
    const running =
      c.pid === undefined ? undefined : getProcess(ctx.engine.world.hosts[ctx.host]?.kernel, c.pid)
    const logs = running?.output ? [...c.logs, { stream: 'stdout', text: running.output }] : c.logs
    const text = (stream: string): string =>
      logs
        .filter((l) => l.stream === stream)
        .map((l) => l.text)
        .join('')
    return { stdout: text('stdout'), stderr: text('stderr'), exitCode: 0 }
  },
}
