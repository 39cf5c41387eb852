// `docker network ls`: docker/cli cli/command/network/formatter.go, defaultNetworkTableFormat
// `table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}`, rows sorted by name in natural order
// (cli/command/network/list.go sortorder.NaturalLess), `--format` templates and `--filter`.

import { naturalCompare } from '../../lib/natural-sort'
import { err, ok, type Result } from '../../lib/result'
import type { Network } from '../../engine'
import { formatTable } from './table'
import { templateLayout } from './template-layout'

export type NetworkLsOptions = {
  readonly quiet: boolean
  readonly noTrunc: boolean
  readonly format: string
  readonly filters: readonly string[]
}

const HEADERS: Readonly<Record<string, string>> = {
  ID: 'NETWORK ID',
  Name: 'NAME',
  Driver: 'DRIVER',
  Scope: 'SCOPE',
  IPv6: 'IPV6',
  Internal: 'INTERNAL',
  Labels: 'LABELS',
  CreatedAt: 'CREATED AT',
}

const BUILTIN = new Set(['bridge', 'host', 'none'])

/** daemon/network/filter.go: name and id match substrings/prefixes, type is custom|builtin. */
function matches(n: Network, filters: readonly string[]): Result<boolean, string> {
  for (const f of filters) {
    const i = f.indexOf('=')
    const key = f.slice(0, i)
    const value = f.slice(i + 1)
    switch (i < 0 ? '' : key) {
      case 'name':
        if (!n.name.includes(value)) return ok(false)
        break
      case 'id':
        if (!n.id.startsWith(value)) return ok(false)
        break
      case 'driver':
        if (n.driver !== value) return ok(false)
        break
      case 'scope':
        if (n.scope !== value) return ok(false)
        break
      case 'type':
        if (value !== 'custom' && value !== 'builtin')
          return err(`invalid filter: 'type'='${value}'`)
        if ((value === 'builtin') !== BUILTIN.has(n.name)) return ok(false)
        break
      case 'label': {
        const [k = '', v] = value.split('=')
        if (!(k in n.labels) || (v !== undefined && n.labels[k] !== v)) return ok(false)
        break
      }
      default:
        return err(`invalid filter '${i < 0 ? f : key}'`)
    }
  }
  return ok(true)
}

export function formatNetworkLs(
  networks: readonly Network[],
  opts: NetworkLsOptions,
): Result<string, string> {
  const kept: Network[] = []
  for (const n of networks) {
    const m = matches(n, opts.filters)
    if (!m.ok) return err(`Error response from daemon: ${m.error}`)
    if (m.value) kept.push(n)
  }
  const sorted = kept.sort((a, b) => naturalCompare(a.name, b.name))
  const id = (n: Network): string => (opts.noTrunc ? n.id : n.id.slice(0, 12))
  if (opts.quiet) return ok(sorted.map((n) => `${id(n)}\n`).join(''))
  if (opts.format === '' || opts.format === 'table') {
    const header = ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE']
    return ok(formatTable([header, ...sorted.map((n) => [id(n), n.name, n.driver, n.scope])]))
  }
  const rows = sorted.map((n) => ({
    ID: id(n),
    Name: n.name,
    Driver: n.driver,
    Scope: n.scope,
    IPv6: String(n.enableIPv6),
    Internal: String(n.internal),
    Labels: Object.entries(n.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
    CreatedAt: '',
  }))
  const format = opts.format === 'json' ? '{{json .}}' : opts.format
  return templateLayout(rows, format, HEADERS)
}
