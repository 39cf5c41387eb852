// `docker node ls` (docker/cli v28.5.2 cli/command/node/list.go, formatter.go): the swarm's
// nodes as a manager sees them, sorted by hostname in natural order, the current node marked
// ` *`. Every other `docker node` subcommand needs a manager first, then is not simulated.

import { naturalCompare } from '../../lib/natural-sort'
import { ENGINE_VERSION, type SwarmNode, type World } from '../../engine'
import type { CommandContext } from '../context'
import { templateLayout } from '../format/template-layout'
import { fail, out, type CommandOutput } from '../output'
import { helpText, runManagementCommand, type ArgRule, type DockerCommand } from './command'
import { daemonError } from './daemon-error'
import { flagsFromHelp } from './help-flags'
import { managerError, managerOnly } from './swarm'

/** formatter.go defaultNodeTableFormat. */
const DEFAULT_FORMAT =
  'table {{.ID}} {{if .Self}}*{{else}} {{ end }}\t{{.Hostname}}\t{{.Status}}\t{{.Availability}}\t{{.ManagerStatus}}\t{{.EngineVersion}}'

const HEADERS: Readonly<Record<string, string>> = {
  ID: 'ID',
  Self: '',
  Hostname: 'HOSTNAME',
  Status: 'STATUS',
  Availability: 'AVAILABILITY',
  ManagerStatus: 'MANAGER STATUS',
  EngineVersion: 'ENGINE VERSION',
  TLSStatus: 'TLS STATUS',
}

type NodeRow = {
  readonly ID: string
  readonly Self: boolean
  readonly Hostname: string
  readonly Status: string
  readonly Availability: string
  readonly ManagerStatus: string
  readonly EngineVersion: string
  readonly TLSStatus: string
}

function rowOf(world: World, self: string, n: SwarmNode): NodeRow {
  return {
    ID: n.id,
    Self: n.host === self,
    Hostname: world.hosts[n.host]?.hostname ?? n.host,
    Status: 'Ready',
    Availability: 'Active',
    // formatter.go ManagerStatus: Leader, else the reachability; empty for a worker.
    ManagerStatus: n.role !== 'manager' ? '' : n.leader ? 'Leader' : 'Reachable',
    EngineVersion: ENGINE_VERSION.version,
    TLSStatus: 'Ready',
  }
}

/** daemon/cluster/filters.go newListNodesFilters: the keys a node list accepts. */
function keep(n: SwarmNode, row: NodeRow, filters: readonly string[]): boolean | string {
  for (const f of filters) {
    const i = f.indexOf('=')
    const key = i < 0 ? f : f.slice(0, i)
    const value = f.slice(i + 1)
    switch (i < 0 ? '' : key) {
      case 'id':
        if (!n.id.startsWith(value)) return false
        break
      case 'name':
        if (!row.Hostname.includes(value)) return false
        break
      case 'role':
        if (value !== 'manager' && value !== 'worker') return `Invalid role filter: '${value}'`
        if (n.role !== value) return false
        break
      case 'membership':
        if (value !== 'accepted' && value !== 'pending')
          return `Invalid membership filter: '${value}'`
        if (value !== 'accepted') return false
        break
      case 'label':
      case 'node.label':
        return false
      default:
        return `invalid filter '${key}'`
    }
  }
  return true
}

const lsCommand: DockerCommand = {
  path: 'docker node ls',
  usage: 'docker node ls [OPTIONS]',
  flags: flagsFromHelp('docker node ls'),
  args: { kind: 'none' },
  run: (ctx, p) => {
    const world = ctx.engine.world
    const refused = managerError(world, ctx.host)
    if (refused) return daemonError(refused)
    const filters = p.flags.lists.get('filter') ?? []
    const rows: NodeRow[] = []
    for (const n of world.swarm?.nodes ?? []) {
      const row = rowOf(world, ctx.host, n)
      const k = keep(n, row, filters)
      if (typeof k === 'string') return fail(`Error response from daemon: ${k}\n`, 1)
      if (k) rows.push(row)
    }
    rows.sort((a, b) => naturalCompare(a.Hostname, b.Hostname))
    if (p.flags.bools.has('quiet')) return out(rows.map((r) => `${r.ID}\n`).join(''))
    const given = p.flags.lists.get('format')?.at(-1) ?? ''
    const format =
      given === '' || given === 'table' ? DEFAULT_FORMAT : given === 'json' ? '{{json .}}' : given
    const r = templateLayout(rows, format, HEADERS)
    return r.ok ? out(r.value) : fail(`${r.error}\n`, 64)
  },
}

const MIN1: ArgRule = { kind: 'min', n: 1 }
const rm = managerOnly('node', 'rm', 'docker node rm [OPTIONS] NODE [NODE...]', MIN1)

const SUBCOMMANDS: Readonly<Record<string, DockerCommand>> = {
  ls: lsCommand,
  list: lsCommand,
  demote: managerOnly('node', 'demote', 'docker node demote NODE [NODE...]', MIN1),
  inspect: managerOnly(
    'node',
    'inspect',
    'docker node inspect [OPTIONS] self|NODE [NODE...]',
    MIN1,
  ),
  promote: managerOnly('node', 'promote', 'docker node promote NODE [NODE...]', MIN1),
  ps: managerOnly('node', 'ps', 'docker node ps [OPTIONS] [NODE...]', { kind: 'any' }),
  rm,
  remove: rm,
  update: managerOnly('node', 'update', 'docker node update [OPTIONS] NODE', {
    kind: 'exact',
    n: 1,
  }),
}

export function runNode(ctx: CommandContext, argv: readonly string[]): CommandOutput {
  return runManagementCommand('docker node', SUBCOMMANDS, helpText('docker node'), ctx, argv)
}
