// `docker run` and `docker create`: flags → a create request; `run` then starts the container
// and, in the foreground, runs a one-shot command in it or opens its shell (-it). Create and
// start are two transactions, as in Docker: a failed start leaves the container Created.
// Mirrors docker/cli cli/command/container/{run,create,opts}.go.

import { daemon, type PortBinding } from '../../engine'
import type { CommandContext } from '../context'
import type { ParsedArgs } from '../flags'
import { out, type CommandOutput } from '../output'
import type { DockerCommand } from './command'
import { runDaemonError, runError } from './daemon-error'
import { flagsFromHelp } from './help-flags'
import { parsePublish } from './publish'
import { shellName } from '../shell/shells'

const HIDDEN_FLAGS = [
  { name: 'net', type: 'list' },
  { name: 'net-alias', type: 'list' },
] as const

const last = (p: ParsedArgs, name: string): string | undefined => p.flags.lists.get(name)?.at(-1)
const all = (p: ParsedArgs, name: string): string[] => [...(p.flags.lists.get(name) ?? [])]
const bool = (p: ParsedArgs, name: string): boolean => p.flags.bools.has(name)

/** Programs that keep running until stopped (services, shells attached to a terminal, sleep…). */
function isLongRunning(
  argv: readonly string[],
  tty: boolean,
  stdin: boolean,
  service: boolean,
): boolean {
  const prog = argv[0]?.split('/').pop() ?? ''
  if (service) return true
  if (shellName(prog) && argv.length === 1) return tty || stdin
  if (prog === 'sleep') return true
  if (prog === 'tail' && argv.includes('-f')) return true
  if (prog === 'nc' && argv.some((a) => a.startsWith('-l'))) return true
  if (prog === 'ping' && !argv.includes('-c')) return true
  return false
}

function buildRequest(
  command: 'run' | 'create',
  p: ParsedArgs,
): daemon.ContainerCreateRequest | CommandOutput {
  const [image, ...cmd] = p.args
  const given = [...all(p, 'network'), ...all(p, 'net')]
  // --ip without --network asks the default network for it (and the daemon refuses it there).
  const networks = given.length === 0 && last(p, 'ip') !== undefined ? ['bridge'] : given
  const mode = networks[0] ?? ''
  const aliases = [...all(p, 'network-alias'), ...all(p, 'net-alias')]
  const isDefault = mode === '' || mode === 'bridge' || mode === 'default'
  if (aliases.length && isDefault)
    return runError(command, 'network-scoped aliases are only supported for user-defined networks')
  const publish: PortBinding[] = []
  for (const spec of all(p, 'publish')) {
    const parsed = parsePublish(spec)
    if (!parsed.ok) return runError(command, parsed.error)
    publish.push(...parsed.value)
  }
  const special = mode === 'host' || mode === 'none' || mode.startsWith('container:')
  const ip = last(p, 'ip')
  const name = last(p, 'name')
  const hostname = last(p, 'hostname')
  const entrypoint = last(p, 'entrypoint')
  return {
    ...(name === undefined ? {} : { name }),
    image: image ?? '',
    cmd,
    ...(entrypoint === undefined ? {} : { entrypoint: entrypoint === '' ? [] : [entrypoint] }),
    ...(hostname === undefined ? {} : { hostname }),
    env: all(p, 'env'),
    // HostConfig.NetworkMode: the first network named, or the default.
    networkMode: special ? mode : (given[0] ?? ''),
    networks: special
      ? []
      : networks.map((n, i) => ({
          name: n,
          aliases: i === 0 ? aliases : [],
          ...(i === 0 && ip !== undefined ? { ipv4: ip } : {}),
          links: [],
          gwPriority: 0,
        })),
    links: isDefault ? all(p, 'link') : [],
    publish,
    publishAll: bool(p, 'publish-all'),
    expose: all(p, 'expose').map((e) => (e.includes('/') ? e : `${e}/tcp`)),
    dns: all(p, 'dns'),
    dnsSearch: all(p, 'dns-search'),
    dnsOptions: all(p, 'dns-option'),
    addHosts: all(p, 'add-host').map((h) => h.replace('=', ':')),
    tty: bool(p, 'tty'),
    openStdin: bool(p, 'interactive'),
    autoRemove: bool(p, 'rm'),
    labels: Object.fromEntries(
      all(p, 'label').map((l) => [l.split('=')[0] ?? l, l.split('=').slice(1).join('=')]),
    ),
  }
}

function create(
  ctx: CommandContext,
  command: 'run' | 'create',
  p: ParsedArgs,
): { id: string; warnings: string } | CommandOutput {
  const req = buildRequest(command, p)
  if ('exitCode' in req) return req
  const created = ctx.engine.transact((tx) => daemon.createContainer(tx, ctx.host, req))
  if (!created.ok) return runDaemonError(command, created.error)
  const hostMode = req.networkMode === 'host' && (req.publish.length > 0 || req.publishAll)
  return {
    id: created.value.id,
    // daemon/daemon_unix.go verifyPlatformContainerSettings; the CLI prints warnings on stderr.
    warnings: hostMode
      ? 'WARNING: Published ports are discarded when using host network mode\n'
      : '',
  }
}

export const createCommand: DockerCommand = {
  path: 'docker create',
  usage: 'docker create [OPTIONS] IMAGE [COMMAND] [ARG...]',
  flags: [...flagsFromHelp('docker create'), ...HIDDEN_FLAGS],
  args: { kind: 'min', n: 1 },
  interspersed: false,
  run: (ctx, p) => {
    const r = create(ctx, 'create', p)
    if ('exitCode' in r) return r
    return { stdout: `${r.id}\n`, stderr: r.warnings, exitCode: 0 }
  },
}

export const runCommand: DockerCommand = {
  path: 'docker run',
  usage: 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]',
  flags: [...flagsFromHelp('docker run'), ...HIDDEN_FLAGS],
  args: { kind: 'min', n: 1 },
  interspersed: false,
  run: (ctx, p) => {
    const r = create(ctx, 'run', p)
    if ('exitCode' in r) return r
    const started = ctx.engine.transact((tx) => daemon.startContainer(tx, ctx.host, r.id))
    if (!started.ok)
      return {
        ...runDaemonError('run', started.error),
        stderr: r.warnings + runDaemonError('run', started.error).stderr,
      }
    const c = started.value
    const argv = [...c.entrypoint, ...c.cmd]
    const image = daemon.resolveImage(c.image)
    const service =
      image.services.length > 0 && c.cmd.join(' ') === (image.config.Cmd ?? []).join(' ')
    const long = isLongRunning(c.cmd.length ? c.cmd : argv, c.tty, c.openStdin, service)
    const finish = (code: number): void => {
      ctx.engine.transact((tx) => {
        const stopped = daemon.stopContainer(tx, ctx.host, c.id, code)
        return stopped.ok && c.autoRemove
          ? daemon.removeContainer(tx, ctx.host, c.id, true)
          : stopped
      })
    }
    if (bool(p, 'detach')) {
      if (!long) finish(0)
      return { stdout: `${c.id}\n`, stderr: r.warnings, exitCode: 0 }
    }
    if (long) {
      const prog = argv[0]?.split('/').pop() ?? ''
      if (shellName(prog) && c.tty && c.openStdin) ctx.shell.enter(c.id, prog, true)
      return { stdout: '', stderr: r.warnings, exitCode: 0 }
    }
    // A one-shot command: it runs in the container, then the container exits with its code.
    const result = c.cmd.length ? ctx.shell.execIn(c.id, c.cmd) : out('')
    finish(result.exitCode)
    return { ...result, stderr: r.warnings + result.stderr }
  },
}
