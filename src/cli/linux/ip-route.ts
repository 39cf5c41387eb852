// `ip route show` and `ip neigh show`: the main routing table in FIB order and the ARP cache.
// Mirrors iproute2 6.1 ip/iproute.c print_route and ip/ipneigh.c print_neigh, and busybox 1.36
// networking/libiproute/iproute.c print_route / ipneigh.c print_neigh.

import {
  formatIpv4,
  networkOf,
  parseCidr,
  parseIpv4,
  type Cidr,
  type NeighEntry,
  type Route,
} from '../../engine'
import { fail, out, type CommandOutput } from '../output'
import type { IpGlobals } from './ip-addr'
import type { IpFlavor } from './ip-link'
import { carrier, ipv6Enabled, linkById, linkByName, type NetnsView } from './netns-view'

const INCOMPLETE = 'Command line is not complete. Try option "help"\n'

type Filters = { dev?: string; prefix?: Cidr; proto?: string; scope?: string }
type Parsed = { ok: true; f: Filters } | { ok: false; output: CommandOutput }

function prefixOf(word: string): Cidr | undefined {
  if (word === 'default' || word === 'all' || word === 'any') return { addr: 0, len: 0 }
  if (word.includes('/')) return parseCidr(word)
  const ip = parseIpv4(word)
  return ip === undefined ? undefined : { addr: ip, len: 32 }
}

function parseFilters(v: NetnsView, args: readonly string[], keywords: string[]): Parsed {
  const f: Filters = {}
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string
    if (['dev', 'table', ...keywords].includes(word)) {
      const value = args[++i]
      if (value === undefined) return { ok: false, output: fail(INCOMPLETE, 255) }
      if (word === 'dev') f.dev = value
      else if (word === 'proto') f.proto = value
      else if (word === 'scope') f.scope = value
      continue
    }
    const p = prefixOf(['exact', 'match', 'to'].includes(word) ? (args[++i] ?? '') : word)
    if (!p) {
      return {
        ok: false,
        output: fail(`Error: any valid prefix is expected rather than "${word}".\n`, 1),
      }
    }
    f.prefix = p
  }
  if (f.dev !== undefined && !linkByName(v, f.dev)) {
    return { ok: false, output: fail(`Cannot find device "${f.dev}"\n`, 1) }
  }
  return { ok: true, f }
}

/** Kernel FIB order: by destination key, longer prefixes first, then by metric. */
export function fibOrder(routes: readonly Route[]): Route[] {
  return routes
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) =>
        networkOf(a.r.dst) - networkOf(b.r.dst) ||
        b.r.dst.len - a.r.dst.len ||
        (a.r.metric ?? 0) - (b.r.metric ?? 0) ||
        a.i - b.i,
    )
    .map((x) => x.r)
}

function dstText(dst: Cidr): string {
  if (dst.len === 0) return 'default'
  const net = formatIpv4(networkOf(dst))
  return dst.len === 32 ? net : `${net}/${dst.len}`
}

function routeText(
  v: NetnsView,
  r: Route,
  g: IpGlobals,
  flavor: IpFlavor,
  devShown: boolean,
): string {
  const dev = linkById(v, r.dev)
  const via = r.via === undefined ? '' : `via ${formatIpv4(r.via)} `
  const devText = devShown ? `dev ${dev?.name ?? '?'} ` : ''
  if (flavor === 'busybox') {
    return (
      `${dstText(r.dst)} ${via}dev ${dev?.name ?? '?'} ` +
      (r.scope === 'global' ? '' : `scope ${r.scope} `) +
      (r.src === undefined ? '' : ` src ${formatIpv4(r.src)} `) +
      (r.metric ? ` metric ${r.metric} ` : '')
    )
  }
  return (
    (g.details ? 'unicast ' : '') +
    `${dstText(r.dst)} ${via}${devText}` +
    (r.proto !== 'boot' || g.details ? `proto ${r.proto} ` : '') +
    (r.scope !== 'global' || g.details ? `scope ${r.scope} ` : '') +
    (r.src === undefined ? '' : `src ${formatIpv4(r.src)} `) +
    (r.metric ? `metric ${r.metric} ` : '') +
    (dev && !carrier(v, dev) ? 'linkdown ' : '')
  )
}

export function listRoutes(
  v: NetnsView,
  args: readonly string[],
  g: IpGlobals,
  flavor: IpFlavor,
): CommandOutput {
  const parsed = parseFilters(v, args, ['proto', 'scope'])
  if (!parsed.ok) return parsed.output
  const { f } = parsed
  const devLink = f.dev === undefined ? undefined : linkByName(v, f.dev)
  if (g.family === 'inet6') {
    const rows = v.links
      .filter((l) => l.kind !== 'loopback' && ipv6Enabled(v, l) && carrier(v, l))
      .filter((l) => !devLink || l.id === devLink.id)
      .map(
        (l) => `fe80::/64 ${devLink ? '' : `dev ${l.name} `}proto kernel metric 256 pref medium\n`,
      )
    return out(rows.join(''))
  }
  const rows = fibOrder(v.netns.routes)
    .filter((r) => !devLink || r.dev === devLink.id)
    .filter((r) => f.proto === undefined || r.proto === f.proto)
    .filter((r) => f.scope === undefined || r.scope === f.scope)
    .filter(
      (r) => !f.prefix || (r.dst.len === f.prefix.len && networkOf(r.dst) === networkOf(f.prefix)),
    )
    .map((r) => `${routeText(v, r, g, flavor, flavor === 'busybox' || !devLink)}\n`)
  return out(rows.join(''))
}

const HAS_LLADDR: ReadonlySet<NeighEntry['state']> = new Set(['REACHABLE', 'STALE', 'PERMANENT'])

export function listNeighbours(
  v: NetnsView,
  args: readonly string[],
  flavor: IpFlavor,
): CommandOutput {
  const parsed = parseFilters(v, args, ['nud', 'proxy'])
  if (!parsed.ok) return parsed.output
  const { f } = parsed
  const devLink = f.dev === undefined ? undefined : linkByName(v, f.dev)
  const rows: string[] = []
  for (const n of v.netns.neigh) {
    if (devLink && n.dev !== devLink.id) continue
    if (f.prefix && networkOf({ addr: n.ip, len: f.prefix.len }) !== networkOf(f.prefix)) continue
    const dev = devLink ? '' : `dev ${linkById(v, n.dev)?.name ?? '?'} `
    const mac = HAS_LLADDR.has(n.state) ? n.mac : undefined
    if (flavor === 'busybox') {
      const lladdr = mac === undefined ? '' : `lladdr ${mac}`
      rows.push(`${formatIpv4(n.ip)} ${dev}${lladdr} used 0/0/0 probes 0 ${n.state}\n`)
    } else {
      rows.push(
        `${formatIpv4(n.ip)} ${dev}${mac === undefined ? '' : `lladdr ${mac} `}${n.state} \n`,
      )
    }
  }
  return out(rows.join(''))
}
