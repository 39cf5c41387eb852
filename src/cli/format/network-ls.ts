// `docker network ls`: docker/cli cli/command/network/formatter.go, defaultNetworkTableFormat
// `table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}`, rows sorted by name in natural order
// (cli/command/network/list.go sortorder.NaturalLess).

import { naturalCompare } from '../../lib/natural-sort'
import type { Network } from '../../engine'
import { formatTable } from './table'

export type NetworkLsOptions = { readonly quiet: boolean; readonly noTrunc: boolean }

export function formatNetworkLs(networks: readonly Network[], opts: NetworkLsOptions): string {
  const sorted = [...networks].sort((a, b) => naturalCompare(a.name, b.name))
  const id = (n: Network): string => (opts.noTrunc ? n.id : n.id.slice(0, 12))
  if (opts.quiet) return sorted.map((n) => `${id(n)}\n`).join('')
  const header = ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE']
  return formatTable([header, ...sorted.map((n) => [id(n), n.name, n.driver, n.scope])])
}
