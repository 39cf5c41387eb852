// `docker swarm init | join | join-token | leave` (docker/cli v28.5.2 cli/command/swarm): the
// daemon does the work (engine swarm/swarm.ts) and answers with its own errors; the CLI prints
// the join instructions (join_token.go printJoinCommand) and its few client-side errors.

import {
  daemon,
  dockerErrors,
  formatIpv4,
  type DockerError,
  type HostId,
  type World,
} from '../../engine'
import type { CommandContext } from '../context'
import type { ParsedArgs } from '../flags'
import { fail, out, type CommandOutput } from '../output'
import { helpText, runManagementCommand, type ArgRule, type DockerCommand } from './command'
import { daemonError } from './daemon-error'
import { flagsFromHelp } from './help-flags'

const last = (p: ParsedArgs, name: string): string | undefined => p.flags.lists.get(name)?.at(-1)

/**
 * daemon/cluster/cluster.go errNoManager: what a command needing the cluster's state gets on a
 * node outside any swarm, or on a worker.
 */
export function managerError(world: World, host: HostId): DockerError | undefined {
  const node = daemon.nodeOf(world, host)
  if (!node) return dockerErrors.notSwarmManager()
  return node.role === 'manager' ? undefined : dockerErrors.workerNotManager()
}

/**
 * A subcommand known by its help only (`docker node rm`, `docker service logs`…): refused off a
 * manager as the daemon does, else said to be outside the simulation.
 */
export function managerOnly(
  group: 'node' | 'service',
  name: string,
  usage: string,
  args: ArgRule,
): DockerCommand {
  const path = `docker ${group} ${name}`
  return {
    path,
    usage,
    flags: flagsFromHelp(path),
    args,
    run: (ctx) => {
      const refused = managerError(ctx.engine.world, ctx.host)
      if (refused) return daemonError(refused)
      return fail(`${path} is not simulated here\n`, 1)
    },
  }
}

/** init.go / join.go: `--availability` is checked by the CLI before the request goes out. */
function availabilityError(p: ParsedArgs): CommandOutput | undefined {
  const given = last(p, 'availability')
  if (given === undefined || ['active', 'pause', 'drain'].includes(given.toLowerCase()))
    return undefined
  return fail(`invalid availability "${given}", only active, pause and drain are supported\n`, 1)
}

/** The node's manager address as ManagerStatus.Addr reports it: advertise address, port 2377. */
function managerAddr(ctx: CommandContext): string {
  const node = daemon.nodeOf(ctx.engine.world, ctx.host)
  return node ? `${formatIpv4(node.addr)}:${daemon.SWARM_PORT}` : ''
}

/** join_token.go printJoinCommand. */
function joinCommand(role: 'worker' | 'manager', token: string, addr: string): string {
  return `To add a ${role} to this swarm, run the following command:\n\n    docker swarm join --token ${token} ${addr}\n\n`
}

const initCommand: DockerCommand = {
  path: 'docker swarm init',
  usage: 'docker swarm init [OPTIONS]',
  flags: flagsFromHelp('docker swarm init'),
  args: { kind: 'none' },
  run: (ctx, p) => {
    const bad = availabilityError(p)
    if (bad) return bad
    const r = ctx.engine.transact((t) => daemon.swarmInit(t, ctx.host, last(p, 'advertise-addr')))
    if (!r.ok) return daemonError(r.error)
    const { swarm, node } = r.value
    return out(
      `Swarm initialized: current node (${node.id}) is now a manager.\n\n` +
        joinCommand('worker', swarm.tokens.worker, managerAddr(ctx)) +
        "To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n",
    )
  },
}

const joinCommandSpec: DockerCommand = {
  path: 'docker swarm join',
  usage: 'docker swarm join [OPTIONS] HOST:PORT',
  flags: flagsFromHelp('docker swarm join'),
  args: { kind: 'exact', n: 1 },
  run: (ctx, p) => {
    const bad = availabilityError(p)
    if (bad) return bad
    const token = last(p, 'token') ?? ''
    const remote = p.args[0] ?? ''
    const advertise = last(p, 'advertise-addr')
    const r = ctx.engine.transact((t) => daemon.swarmJoin(t, ctx.host, token, remote, advertise))
    if (!r.ok) return daemonError(r.error)
    // join.go: the role comes from `docker info` (Swarm.ControlAvailable) after the join.
    return out(`This node joined a swarm as a ${r.value.role}.\n`)
  },
}

const joinTokenCommand: DockerCommand = {
  path: 'docker swarm join-token',
  usage: 'docker swarm join-token [OPTIONS] (worker|manager)',
  flags: flagsFromHelp('docker swarm join-token'),
  args: { kind: 'exact', n: 1 },
  run: (ctx, p) => {
    const role = p.args[0] ?? ''
    if (role !== 'worker' && role !== 'manager') return fail(`unknown role ${role}\n`, 1)
    const refused = managerError(ctx.engine.world, ctx.host)
    if (refused) return daemonError(refused)
    if (p.flags.bools.has('rotate'))
      return fail('docker swarm join-token --rotate is not simulated here\n', 1)
    const swarm = ctx.engine.world.swarm
    const token = swarm?.tokens[role] ?? ''
    if (p.flags.bools.has('quiet')) return out(`${token}\n`)
    return out(joinCommand(role, token, managerAddr(ctx)))
  },
}

const leaveCommand: DockerCommand = {
  path: 'docker swarm leave',
  usage: 'docker swarm leave [OPTIONS]',
  flags: flagsFromHelp('docker swarm leave'),
  args: { kind: 'none' },
  run: (ctx, p) => {
    const force = p.flags.bools.has('force')
    const r = ctx.engine.transact((t) => daemon.swarmLeave(t, ctx.host, force))
    return r.ok ? out('Node left the swarm.\n') : daemonError(r.error)
  },
}

/** Subcommands the simulator knows only by their help (ca, unlock, unlock-key, update). */
function notSimulated(name: string, usage: string): DockerCommand {
  const path = `docker swarm ${name}`
  return {
    path,
    usage,
    flags: flagsFromHelp(path),
    args: { kind: 'any' },
    run: (ctx) => {
      const refused = managerError(ctx.engine.world, ctx.host)
      if (refused) return daemonError(refused)
      return fail(`${path} is not simulated here\n`, 1)
    },
  }
}

const SUBCOMMANDS: Readonly<Record<string, DockerCommand>> = {
  init: initCommand,
  join: joinCommandSpec,
  'join-token': joinTokenCommand,
  leave: leaveCommand,
  ca: notSimulated('ca', 'docker swarm ca [OPTIONS]'),
  unlock: notSimulated('unlock', 'docker swarm unlock'),
  'unlock-key': notSimulated('unlock-key', 'docker swarm unlock-key [OPTIONS]'),
  update: notSimulated('update', 'docker swarm update [OPTIONS]'),
}

/**
 * What the `swarm` annotation of each subcommand requires; the CLI hides the others from
 * `docker swarm --help` (cmd/docker/docker.go hideUnsupportedFeatures): `manager` needs a
 * manager, `active` any swarm membership.
 */
const NEEDS: Readonly<Record<string, 'manager' | 'active'>> = {
  ca: 'manager',
  'join-token': 'manager',
  unlock: 'manager',
  'unlock-key': 'manager',
  update: 'manager',
  leave: 'active',
}

/** `docker swarm --help` as the node's state shows it. */
export function swarmHelp(world: World, host: HostId): string {
  const node = daemon.nodeOf(world, host)
  const shown = (sub: string): boolean => {
    const need = NEEDS[sub]
    if (need === 'manager') return node?.role === 'manager'
    if (need === 'active') return node !== undefined
    return true
  }
  return helpText('docker swarm')
    .split('\n')
    .filter((line) => {
      const m = /^ {2}([a-z-]+) {2,}/.exec(line)
      return !m?.[1] || shown(m[1])
    })
    .join('\n')
}

export function runSwarm(ctx: CommandContext, argv: readonly string[]): CommandOutput {
  const help = swarmHelp(ctx.engine.world, ctx.host)
  return runManagementCommand('docker swarm', SUBCOMMANDS, help, ctx, argv)
}
