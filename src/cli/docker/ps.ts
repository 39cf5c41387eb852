// `docker ps` / `docker container ls` (docker/cli cli/command/container/list.go) with the
// daemon's listing rules (moby v28.5.2 daemon/list.go): newest first, running containers unless
// -a, a status filter or -n/-l; filters name/id (regular expressions), status, exited, label,
// ancestor, network (name or ID prefix), before/since, publish/expose, volume, health, is-task.

import { daemon, type Container, type Host } from '../../engine'
import { err, ok, type Result } from '../../lib/result'
import type { CommandContext } from '../context'
import type { ParsedArgs } from '../flags'
import {
  checkPsFormat,
  containerSummary,
  formatPs,
  linkNamesIndex,
  type ContainerSummary,
} from '../format/ps'
import { isRunning } from '../format/inspect-ports'
import { fail, out, type CommandOutput } from '../output'
import { usageError, type DockerCommand } from './command'
import { allContainers, containerByName, getContainer } from '../../engine'
import { flagsFromHelp } from './help-flags'

const ACCEPTED = new Set([
  'ancestor',
  'before',
  'exited',
  'id',
  'isolation',
  'label',
  'name',
  'status',
  'health',
  'since',
  'volume',
  'network',
  'is-task',
  'publish',
  'expose',
])
const STATES = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']
const HEALTH = ['none', 'starting', 'healthy', 'unhealthy']

type Filters = ReadonlyMap<string, readonly string[]>

/** filters.Args.Match: no values, an exact value, or a value that is a matching regexp. */
function match(f: Filters, key: string, source: string): boolean {
  const values = f.get(key)
  if (!values?.length) return true
  return values.some((v) => {
    if (v === source) return true
    try {
      return new RegExp(v).test(source)
    } catch {
      return false
    }
  })
}

/** `--filter k=v`: the CLI lower-cases and trims the key and trims the value (opts.FilterOpt). */
function parseFilters(values: readonly string[]): Result<Map<string, string[]>, string> {
  const f = new Map<string, string[]>()
  for (const v of values) {
    if (v === '') continue
    const i = v.indexOf('=')
    if (i < 0)
      return err(
        `invalid argument "${v}" for "-f, --filter" flag: bad format of filter (expected name=value)`,
      )
    const key = v.slice(0, i).trim().toLowerCase()
    f.set(key, [...(f.get(key) ?? []), v.slice(i + 1).trim()])
  }
  return ok(f)
}

/** foldFilter's validation, in the daemon's order; the message after "Error response from daemon: ". */
function validate(f: Filters): string | undefined {
  for (const key of f.keys()) if (!ACCEPTED.has(key)) return `invalid filter '${key}'`
  for (const v of f.get('exited') ?? []) {
    if (!/^[+-]?\d+$/.test(v))
      return `invalid filter 'exited=${v}': strconv.Atoi: parsing "${v}": invalid syntax`
  }
  for (const v of f.get('status') ?? []) {
    if (!STATES.includes(v)) {
      return `invalid filter 'status=${v}': invalid value for state (${v}): must be one of ${STATES.join(', ')}`
    }
  }
  for (const v of f.get('health') ?? []) {
    if (!HEALTH.includes(v)) {
      return `invalid filter 'health=${v}': invalid value for health (${v}): must be one of ${HEALTH.join(', ')}`
    }
  }
  return undefined
}

/** idOrNameFilter: a full ID or a name (before/since). */
function idOrName(host: Host, ref: string): Container | undefined {
  return getContainer(host.daemon, ref) ?? containerByName(host.daemon, ref)
}

function matchesLabels(f: Filters, labels: Readonly<Record<string, string>>): boolean {
  const wanted = f.get('label') ?? []
  if (wanted.length === 0) return true
  return wanted.every((w) => {
    const i = w.indexOf('=')
    const v = labels[i < 0 ? w : w.slice(0, i)]
    return v !== undefined && (i < 0 || w.slice(i + 1) === v)
  })
}

function matchesAncestor(f: Filters, c: Container): boolean {
  const wanted = f.get('ancestor')
  if (!wanted) return true
  return wanted.some((a) => {
    const hex = a.replace(/^sha256:/, '')
    if (/^[0-9a-f]{1,64}$/.test(hex) && c.imageId.startsWith(`sha256:${hex}`)) return true
    return daemon.resolveImage(a).id === c.imageId
  })
}

function matchesPorts(f: Filters, s: ContainerSummary): boolean {
  const publish = f.get('publish') ?? []
  const expose = f.get('expose') ?? []
  if (publish.length === 0 && expose.length === 0) return true
  const wanted = (values: readonly string[], port: number, type: string): boolean =>
    values.some((v) => {
      const [range = '', proto = 'tcp'] = v.split('/')
      const [lo = '', hi = lo] = range.split('-')
      return proto === type && port >= Number(lo) && port <= Number(hi)
    })
  return s.ports.some(
    (p) => wanted(publish, p.PublicPort, p.Type) || wanted(expose, p.PrivatePort, p.Type),
  )
}

/** Everything but name/id, status and the limit: includeContainerInList's later checks. */
function matchesRest(f: Filters, c: Container, s: ContainerSummary): boolean {
  const exited = f.get('exited') ?? []
  if (
    exited.length &&
    !(exited.map(Number).includes(c.exitCode) && !isRunning(c) && c.startedAt !== undefined)
  ) {
    return false
  }
  if (!match(f, 'status', c.status)) return false
  if ((f.get('health') ?? []).length && !(f.get('health') ?? []).includes('none')) return false
  if (f.has('volume') || !matchesAncestor(f, c)) return false
  const nets = f.get('network') ?? []
  if (
    nets.length &&
    !nets.some(
      (v) => s.networks.includes(v) || Object.values(s.networkIds).some((id) => id.startsWith(v)),
    )
  ) {
    return false
  }
  return matchesPorts(f, s)
}

export type PsListOptions = { readonly all: boolean; readonly limit: number }

/** daemon.Containers: the listed containers, newest first. */
export function listContainers(
  host: Host,
  now: number,
  f: Filters,
  opts: PsListOptions,
): Result<ContainerSummary[], string> {
  const problem = validate(f)
  if (problem) return err(problem)
  let before = f.get('before')?.map((v) => idOrName(host, v))
  const since = f.get('since')?.map((v) => idOrName(host, v))
  const missing = [...(f.get('before') ?? []), ...(f.get('since') ?? [])].find(
    (v) => !idOrName(host, v),
  )
  if (missing !== undefined) return err(`No such container: ${missing}`)
  const all = opts.all || f.has('status')
  const isTask = f.get('is-task')
  const sorted = allContainers(host.daemon)
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.created - a.c.created || b.i - a.i)
  const out: ContainerSummary[] = []
  const links = linkNamesIndex(host)
  for (const { c } of sorted) {
    const b = before?.at(-1)
    if (b) {
      if (c.id === b.id) before = undefined
      continue
    }
    if (since?.at(-1)?.id === c.id) break
    if (!isRunning(c) && !all && opts.limit <= 0) continue
    if (!match(f, 'name', `/${c.name}`) && !match(f, 'name', c.name)) continue
    if (!match(f, 'id', c.id)) continue
    if (isTask && !isTask.some((v) => v === 'false' || v === '0')) continue
    if (!matchesLabels(f, c.labels)) continue
    if (opts.limit > 0 && out.length === opts.limit) break
    const s = containerSummary(host, c, now, links)
    if (matchesRest(f, c, s)) out.push(s)
  }
  return ok(out)
}

function runPs(path: string, usage: string) {
  return (ctx: CommandContext, p: ParsedArgs): CommandOutput => {
    const cmd = { path, usage }
    const lastText = p.flags.lists.get('last')?.at(-1) ?? '-1'
    if (!/^[+-]?\d+$/.test(lastText)) {
      const msg = `invalid argument "${lastText}" for "-n, --last" flag: strconv.ParseInt: parsing "${lastText}": invalid syntax`
      return fail(usageError(cmd, msg), 125)
    }
    const filters = parseFilters(p.flags.lists.get('filter') ?? [])
    if (!filters.ok) return fail(usageError(cmd, filters.error), 125)
    const format = p.flags.lists.get('format')?.at(-1) ?? ''
    const quiet = p.flags.bools.has('quiet')
    const last = Number(lastText)
    const limit = p.flags.bools.has('latest') && last === -1 ? 1 : last
    const host = ctx.engine.world.hosts[ctx.host]
    if (!host) return out('')
    const now = ctx.engine.world.clock
    const opts = {
      format,
      quiet,
      noTrunc: p.flags.bools.has('no-trunc'),
      size: p.flags.bools.has('size'),
    }
    const warning =
      format !== '' && quiet
        ? 'WARNING: Ignoring custom format, because both --format and --quiet are set.\n'
        : ''
    // The CLI checks the template before it asks the daemon (list.go buildContainerListOptions).
    const probe = checkPsFormat(format)
    if (!probe.ok) return fail(`${warning}${probe.error}\n`, 1)
    const listed = listContainers(host, now, filters.value, {
      all: p.flags.bools.has('all'),
      limit,
    })
    if (!listed.ok) return fail(`${warning}Error response from daemon: ${listed.error}\n`, 1)
    const text = formatPs(listed.value, now, opts)
    if (!text.ok) return fail(`${warning}${text.error}\n`, 1)
    return { stdout: text.value, stderr: warning, exitCode: 0 }
  }
}

function psLike(path: string, usage: string): DockerCommand {
  return {
    path,
    usage,
    flags: flagsFromHelp('docker ps'),
    args: { kind: 'none' },
    run: runPs(path, usage),
  }
}

/** `docker ps`. */
export const psCommand = psLike('docker ps', 'docker ps [OPTIONS]')

/** `docker container ls` (aliases `list`, `ps`): cobra names it `ls` in usage and errors. */
export const containerLsCommand = psLike('docker container ls', 'docker container ls [OPTIONS]')
