// `lab`: the simulator's own commands in the host shell (not a Linux or Docker program, like
// `trace`). `lab host add/rm/ls` changes the world itself, whichever host the shell is on; as a
// command line it is in the scenario's log like any other, so undo, redo and share links replay it.

import { lab, type HostId, type World } from '../engine'
import type { CommandContext } from './context'
import { formatTable } from './format/table'
import { fail, out, type CommandOutput } from './output'
import type { Program } from './program'

export const LAB_USAGE = `Usage:  lab COMMAND

The lab's own commands: they change the world, not the host the shell is on.

Commands:
  host add [NAME] [--lan LAN] [--ip ADDR/LEN]
                  Add a host (default: hostN on the first LAN at its next free
                  address from .11 up), cabled to the LAN, dockerd running
  host rm NAME    Remove a host, with its containers and networks
  host ls         List the hosts: their LAN, address and swarm role
  help            Show this help
`

const HOST_USAGE = `Usage:  lab host COMMAND

Commands:
  add [NAME] [--lan LAN] [--ip ADDR/LEN]   Add a host
  rm NAME                                  Remove a host
  ls                                       List the hosts
`

const usageError = (message: string): CommandOutput =>
  fail(`lab: ${message}\nRun 'lab help' for usage.\n`, 2)

type AddArgs = { name?: string; lan?: string; address?: string }

/** `[NAME] [--lan LAN] [--ip ADDR/LEN]`, flags before or after the name, `--flag=value` too. */
function parseAdd(argv: readonly string[]): AddArgs | CommandOutput {
  const args: AddArgs = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    const eq = a.indexOf('=')
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a
    if (flag === '--lan' || flag === '--ip') {
      const value = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : argv[++i]
      if (value === undefined || value === '') return usageError(`flag needs an argument: ${flag}`)
      if (flag === '--lan') args.lan = value
      else args.address = value
    } else if (a.startsWith('-') && a !== '-') return usageError(`unknown flag: ${flag}`)
    else if (args.name === undefined) args.name = a
    else return usageError(`"lab host add" takes one NAME at most, not also "${a}"`)
  }
  return args
}

function add(ctx: CommandContext, argv: readonly string[]): CommandOutput {
  const args = parseAdd(argv)
  if ('exitCode' in args) return args
  const added = ctx.engine.transact((tx) => {
    const spec = lab.hostSpecFor(tx.world, args)
    if (!spec.ok) return spec
    const id = lab.addHost(tx, spec.value)
    return id.ok ? { ok: true, value: spec.value } : id
  })
  if (!added.ok) return fail(`lab: ${added.error.message}\n`, 1)
  const { hostname, nics } = added.value
  const nic = nics[0]
  return out(
    `Added ${hostname}: ${nic?.name ?? 'eth0'} ${nic?.address ?? ''} on ${nic?.segment ?? ''}` +
      ` (ssh ${hostname} to log in)\n`,
  )
}

function remove(ctx: CommandContext, argv: readonly string[]): CommandOutput {
  const [name, extra] = argv
  if (name === undefined || name.startsWith('-'))
    return usageError(name === undefined ? '"lab host rm" needs a NAME' : `unknown flag: ${name}`)
  if (extra !== undefined) return usageError(`"lab host rm" takes one NAME, not also "${extra}"`)
  const host = lab.findHost(ctx.engine.world, name)
  if (!host) return fail(`lab: no host named ${name}\n`, 1)
  // The shells of this terminal would be left on a machine that is gone.
  const here: readonly HostId[] = ctx.shell.hosts?.() ?? [ctx.host]
  if (here[0] === host.id)
    return fail(`lab: this terminal runs on ${host.hostname}: it cannot be removed\n`, 1)
  if (here.includes(host.id))
    return fail(`lab: you are logged in to ${host.hostname}: exit first\n`, 1)
  const removed = ctx.engine.transact((tx) => lab.removeHost(tx, host.id))
  if (!removed.ok) return fail(`lab: ${removed.error.message}\n`, 1)
  return out(`Removed ${host.hostname}\n`)
}

function list(ctx: CommandContext, argv: readonly string[]): CommandOutput {
  if (argv.length > 0) return usageError('"lab host ls" takes no arguments')
  const rows = lab
    .hostRows(ctx.engine.world)
    .map((r) => [r.name, r.lans.join(',') || '-', r.addresses.join(',') || '-', r.role ?? '-'])
  return out(formatTable([['NAME', 'LAN', 'ADDRESS', 'SWARM ROLE'], ...rows]))
}

export const runLab: Program = (ctx, argv) => {
  const [command, sub, ...rest] = argv
  if (command === undefined) return fail(LAB_USAGE, 2)
  if (command === 'help' || command === '--help' || command === '-h') return out(LAB_USAGE)
  if (command !== 'host') return usageError(`unknown command: ${command}`)
  switch (sub) {
    case 'add':
      return add(ctx, rest)
    case 'rm':
      return remove(ctx, rest)
    case 'ls':
      return list(ctx, rest)
    case undefined:
      return fail(HOST_USAGE, 2)
    case '--help':
    case 'help':
      return out(HOST_USAGE)
    default:
      return usageError(`unknown command: host ${sub}`)
  }
}

/** What may follow `lab` on a command line (`args`: the words after it), for Tab completion. */
export function labWords(world: World, args: readonly string[]): string[] {
  const [command, sub, ...rest] = args
  if (command === undefined) return ['help', 'host']
  if (command !== 'host') return []
  if (sub === undefined) return ['add', 'ls', 'rm']
  const last = rest[rest.length - 1]
  if (sub === 'add') {
    if (last === '--lan') return lab.lans(world).map((s) => s.id)
    return last === '--ip' ? [] : ['--ip', '--lan']
  }
  if (sub === 'rm' && rest.length === 0) return Object.values(world.hosts).map((h) => h.hostname)
  return []
}
