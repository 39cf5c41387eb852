// `docker service create | rm | scale` (docker/cli v28.5.2 cli/command/service create.go,
// remove.go, scale.go) and the management command; ls, ps and inspect are in service-list.ts.
// The daemon (engine swarm/services.ts) does the work and answers with its own errors; the CLI
// prints the service ID, then waits for it to converge, printing the progress
// (format/service.ts convergeProgress) unless `-d` or `-q`.

import { daemon } from '../../engine'
import type { CommandContext } from '../context'
import type { ParsedArgs } from '../flags'
import { convergeProgress, runningTasks } from '../format/service'
import { fail, out, type CommandOutput } from '../output'
import {
  helpText,
  runManagementCommand,
  usageError,
  type ArgRule,
  type DockerCommand,
} from './command'
import { daemonError } from './daemon-error'
import { flagsFromHelp } from './help-flags'
import { inspectCommand, lsCommand, psCommand } from './service-list'
import { serviceRequest } from './service-options'
import { managerError, managerOnly } from './swarm'

const bool = (p: ParsedArgs, name: string): boolean => p.flags.bools.has(name)

const createCommand: DockerCommand = {
  path: 'docker service create',
  usage: 'docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]',
  flags: flagsFromHelp('docker service create'),
  args: { kind: 'min', n: 1 },
  // create.go: flags.SetInterspersed(false) — what follows the image is the task's command.
  interspersed: false,
  run: (ctx, p) => {
    const req = serviceRequest(p)
    if (!req.ok) {
      const e = req.error
      if ('flag' in e) {
        const msg = `invalid argument "${e.value}" for "${e.flag}" flag: ${e.reason}`
        return fail(usageError(createCommand, msg), 125)
      }
      if ('cli' in e) return fail(`${e.cli}\n`, 1)
      return fail(`docker service create: ${e.unsupported} is not simulated here\n`, 1)
    }
    const mode: string = req.value.endpointMode
    if (mode !== 'vip' && mode !== 'dnsrr') {
      // convert/service.go serviceEndpointSpecToGRPC, behind the daemon's manager check.
      const refused = managerError(ctx.engine.world, ctx.host)
      if (refused) return daemonError(refused)
      return fail(`Error response from daemon: invalid resolution mode: "${mode}"\n`, 1)
    }
    const r = ctx.engine.transact((t) => daemon.serviceCreate(t, ctx.host, req.value))
    if (!r.ok) return daemonError(r.error)
    const s = r.value
    if (bool(p, 'detach') || bool(p, 'quiet')) return out(`${s.id}\n`)
    return out(`${s.id}\n${convergeProgress(s.id, s.replicas, 0)}`)
  },
}

/** scale.go scaleArgs: every argument is SERVICE=REPLICAS, checked before any request. */
function scaleSpecError(args: readonly string[]): string | undefined {
  for (const arg of args) {
    const eq = arg.indexOf('=')
    if (eq <= 0 || eq === arg.length - 1) {
      return (
        `invalid scale specifier '${arg}'.\nSee 'docker service scale --help'.\n\n` +
        `Usage:  docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]\n\n` +
        'Scale one or multiple replicated services\n'
      )
    }
  }
  return undefined
}

const scaleCommand: DockerCommand = {
  path: 'docker service scale',
  usage: 'docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]',
  flags: flagsFromHelp('docker service scale'),
  args: { kind: 'min', n: 1 },
  run: (ctx, p) => {
    const specError = scaleSpecError(p.args)
    if (specError) return fail(specError, 1)
    const errors: string[] = []
    const scaled: { ref: string; replicas: number; kept: number }[] = []
    let stdout = ''
    for (const arg of p.args) {
      const eq = arg.indexOf('=')
      const ref = arg.slice(0, eq)
      const value = arg.slice(eq + 1)
      const n = /^\d+$/.test(value) ? Number(value) : NaN
      if (!Number.isSafeInteger(n)) {
        const why = /^\d+$/.test(value) ? 'value out of range' : 'invalid syntax'
        errors.push(
          `${ref}: invalid replicas value ${value}: strconv.ParseUint: parsing "${value}": ${why}`,
        )
        continue
      }
      const before = daemon.findService(ctx.engine.world, ref)
      const running = before ? runningTasks(ctx.engine.world, before) : 0
      const r = ctx.engine.transact((t) => daemon.serviceScale(t, ctx.host, ref, n))
      if (!r.ok) {
        errors.push(`${ref}: Error response from daemon: ${r.error.message}`)
        continue
      }
      stdout += `${ref} scaled to ${n}\n`
      scaled.push({ ref, replicas: n, kept: Math.min(running, n) })
    }
    // runScale: once every service is updated, it waits for each to converge in turn.
    if (!bool(p, 'detach')) {
      for (const s of scaled) stdout += convergeProgress(s.ref, s.replicas, s.kept)
    }
    const stderr = errors.length ? `${errors.join('\n')}\n` : ''
    return { stdout, stderr, exitCode: errors.length ? 1 : 0 }
  },
}

const rmCommand: DockerCommand = {
  path: 'docker service rm',
  usage: 'docker service rm SERVICE [SERVICE...]',
  flags: flagsFromHelp('docker service rm'),
  args: { kind: 'min', n: 1 },
  run: (ctx, p) => {
    // remove.go: each service as it was named, the errors joined after.
    let stdout = ''
    const errors: string[] = []
    for (const ref of p.args) {
      const r = ctx.engine.transact((t) => daemon.serviceRemove(t, ctx.host, ref))
      if (r.ok) stdout += `${ref}\n`
      else errors.push(`Error response from daemon: ${r.error.message}`)
    }
    const stderr = errors.length ? `${errors.join('\n')}\n` : ''
    return { stdout, stderr, exitCode: errors.length ? 1 : 0 }
  },
}

const ONE: ArgRule = { kind: 'exact', n: 1 }

const SUBCOMMANDS: Readonly<Record<string, DockerCommand>> = {
  create: createCommand,
  inspect: inspectCommand,
  logs: managerOnly('service', 'logs', 'docker service logs [OPTIONS] SERVICE|TASK', ONE),
  ls: lsCommand,
  list: lsCommand,
  ps: psCommand,
  rm: rmCommand,
  remove: rmCommand,
  rollback: managerOnly('service', 'rollback', 'docker service rollback [OPTIONS] SERVICE', ONE),
  scale: scaleCommand,
  update: managerOnly('service', 'update', 'docker service update [OPTIONS] SERVICE', ONE),
}

export function runService(ctx: CommandContext, argv: readonly string[]): CommandOutput {
  return runManagementCommand('docker service', SUBCOMMANDS, helpText('docker service'), ctx, argv)
}
