// `docker service ls | ps | inspect` (docker/cli v28.5.2 cli/command/service list.go, ps.go,
// inspect.go): they only read the cluster's state, which only a manager has — elsewhere the
// daemon refuses (daemon/cluster/cluster.go errNoManager) before anything is listed.

import { daemon, type SwarmService, type World } from '../../engine'
import { err, ok } from '../../lib/result'
import type { ParsedArgs } from '../flags'
import { serviceInspectJson, serviceInspectPretty } from '../format/inspect-service'
import {
  SERVICE_HEADERS,
  SERVICE_TABLE,
  TASK_HEADERS,
  TASK_TABLE,
  serviceRows,
  taskRows,
  type ServiceRow,
} from '../format/service'
import { templateLayout } from '../format/template-layout'
import { fail, out, type CommandOutput } from '../output'
import type { DockerCommand } from './command'
import { daemonError } from './daemon-error'
import { flagsFromHelp } from './help-flags'
import { inspectAll } from './inspect'
import { managerError } from './swarm'

const last = (p: ParsedArgs, name: string): string | undefined => p.flags.lists.get(name)?.at(-1)

/** `table`, `json` and templates, as formatter.Format reads `--format`. */
function layout(
  rows: readonly Readonly<Record<string, unknown>>[],
  given: string,
  table: string,
  headers: Readonly<Record<string, string>>,
): CommandOutput {
  const format = given === '' || given === 'table' ? table : given === 'json' ? '{{json .}}' : given
  const r = templateLayout(rows, format, headers)
  return r.ok ? out(r.value) : fail(`${r.error}\n`, 64)
}

/** `key=value` filters: the key, the value, or the daemon's error for an unknown key. */
function splitFilters(
  filters: readonly string[],
  keys: readonly string[],
): { key: string; value: string }[] | string {
  const out: { key: string; value: string }[] = []
  for (const f of filters) {
    const i = f.indexOf('=')
    const key = i < 0 ? f : f.slice(0, i)
    if (i < 0) return `bad format of filter (expected name=value)`
    if (!keys.includes(key)) return `invalid filter '${key}'`
    out.push({ key, value: f.slice(i + 1) })
  }
  return out
}

/** daemon/cluster/filters.go newListServicesFilters: id and name prefixes, label, mode. */
function keepService(s: SwarmService, filters: readonly { key: string; value: string }[]): boolean {
  return filters.every(({ key, value }) => {
    switch (key) {
      case 'id':
        return s.id.startsWith(value)
      case 'name':
        return s.name.startsWith(value)
      case 'mode':
        return value === 'replicated'
      default: {
        const eq = value.indexOf('=')
        const k = eq < 0 ? value : value.slice(0, eq)
        return k in s.labels && (eq < 0 || s.labels[k] === value.slice(eq + 1))
      }
    }
  })
}

export const lsCommand: DockerCommand = {
  path: 'docker service ls',
  usage: 'docker service ls [OPTIONS]',
  flags: flagsFromHelp('docker service ls'),
  args: { kind: 'none' },
  run: (ctx, p) => {
    const world = ctx.engine.world
    const refused = managerError(world, ctx.host)
    if (refused) return daemonError(refused)
    const filters = splitFilters(p.flags.lists.get('filter') ?? [], ['id', 'label', 'mode', 'name'])
    if (typeof filters === 'string') return fail(`Error response from daemon: ${filters}\n`, 1)
    const services = (world.swarm?.services ?? []).filter((s) => keepService(s, filters))
    const rows: ServiceRow[] = serviceRows(world, services)
    if (p.flags.bools.has('quiet')) return out(rows.map((r) => `${r.ID}\n`).join(''))
    return layout(rows, last(p, 'format') ?? '', SERVICE_TABLE, SERVICE_HEADERS)
  },
}

/**
 * ps.go createFilter: each argument by full ID, then full name, then unique ID prefix; the
 * ones not found are reported after the table, or alone when none was found.
 */
function resolveServices(
  world: World,
  refs: readonly string[],
): { found: SwarmService[]; missing: string[] } | string {
  const all = world.swarm?.services ?? []
  const found: SwarmService[] = []
  const missing: string[] = []
  for (const ref of refs) {
    const exact = all.find((s) => s.id === ref) ?? all.find((s) => s.name === ref)
    const byPrefix = exact ? [exact] : all.filter((s) => s.id.startsWith(ref))
    if (byPrefix.length > 1) return `multiple services found with provided prefix: ${ref}`
    const s = byPrefix[0]
    if (!s) missing.push(`no such service: ${ref}`)
    else if (!found.includes(s)) found.push(s)
  }
  return { found, missing }
}

export const psCommand: DockerCommand = {
  path: 'docker service ps',
  usage: 'docker service ps [OPTIONS] SERVICE [SERVICE...]',
  flags: flagsFromHelp('docker service ps'),
  args: { kind: 'min', n: 1 },
  run: (ctx, p) => {
    const world = ctx.engine.world
    const refused = managerError(world, ctx.host)
    if (refused) return daemonError(refused)
    const r = resolveServices(world, p.args)
    if (typeof r === 'string') return fail(`${r}\n`, 1)
    if (r.found.length === 0) return fail(`${r.missing.join('\n')}\n`, 1)
    const keys = ['desired-state', 'id', 'name', 'node', 'service']
    const filters = splitFilters(p.flags.lists.get('filter') ?? [], keys)
    if (typeof filters === 'string') return fail(`Error response from daemon: ${filters}\n`, 1)
    const quiet = p.flags.bools.has('quiet')
    const trunc = !p.flags.bools.has('no-trunc') && !quiet
    const resolve = !p.flags.bools.has('no-resolve')
    const rows = taskRows(world, r.found, { trunc, resolve }).filter((row) =>
      filters.every(({ key, value }) => {
        if (key === 'desired-state') return value === 'running'
        if (key === 'id') return row.ID.startsWith(value)
        if (key === 'name') return row.Name.startsWith(value)
        if (key === 'node') return row.Node === value
        return true
      }),
    )
    const given = last(p, 'format') ?? ''
    const shown =
      quiet && given === ''
        ? out(rows.map((row) => `${row.ID}\n`).join(''))
        : layout(rows, given, TASK_TABLE, TASK_HEADERS)
    if (r.missing.length === 0 || shown.exitCode !== 0) return shown
    return { ...shown, stderr: `${r.missing.join('\n')}\n`, exitCode: 1 }
  },
}

export const inspectCommand: DockerCommand = {
  path: 'docker service inspect',
  usage: 'docker service inspect [OPTIONS] SERVICE [SERVICE...]',
  flags: flagsFromHelp('docker service inspect'),
  args: { kind: 'min', n: 1 },
  run: (ctx, p) => {
    const pretty = p.flags.bools.has('pretty')
    const given = last(p, 'format') ?? ''
    if (pretty && given !== '')
      return fail('--format is incompatible with human friendly format\n', 1)
    const format = pretty ? 'pretty' : given
    if (format.startsWith('pretty') && format !== 'pretty')
      return fail('cannot supply extra formatting options to the pretty template\n', 1)
    const world = ctx.engine.world
    const refused = managerError(world, ctx.host)
    const lookup = (ref: string) => {
      if (refused) return err(`Error response from daemon: ${refused.message}`)
      const s = daemon.findService(world, ref)
      return s ? ok(s) : err(`Error: no such service: ${ref}`)
    }
    if (format === 'pretty') {
      // InspectFormatWrite: the first failure ends it, and nothing is printed then.
      let text = ''
      for (const ref of p.args) {
        const s = lookup(ref)
        if (!s.ok) return fail(`${s.error}\n`, 1)
        text += serviceInspectPretty(world, s.value)
      }
      return out(text)
    }
    return inspectAll(p.args, format, (ref) => {
      const s = lookup(ref)
      return s.ok ? ok(serviceInspectJson(world, s.value)) : s
    })
  },
}
