// `ip route add|replace|delete` as kernel ops on the main table. Mirrors iproute2 6.1
// ip/iproute.c iproute_modify (proto boot and scope link by default, the keyword order) and
// Linux 6.x net/ipv4/fib_semantics.c fib_check_nh_v4_gw (a gateway must be reachable through a
// link-scope route or be a local address) and fib_trie.c fib_table_insert / fib_table_delete.

import { networkOf, type Link, type Route } from '../../engine'
import type { CommandContext } from '../context'
import { fail, out, type CommandOutput } from '../output'
import type { IpGlobals } from './ip-addr'
import {
  badAddress,
  badPrefix,
  change,
  duparg2,
  extack,
  findLink,
  INCOMPLETE,
  invarg,
  nodev,
  notSimulated,
  parseNumber,
  parsePrefix,
  rtnl,
  txView,
  type FamilyName,
} from './ip-change'
import { fibOrder } from './ip-route'
import { linkById, type NetnsView } from './netns-view'
import { matches } from './prefix-match'
import { IP_ROUTE_USAGE } from './usage-texts'

type RouteArgs = {
  dst?: { readonly addr: number; readonly len: number }
  via?: number
  src?: number
  dev?: string
  metric?: number
  scope?: Route['scope']
  proto?: Route['proto']
  /** A route type other than unicast (`blackhole`, `local`…). */
  type?: string
}

/** Keywords of iproute_modify in its order; `exact`: strcmp, else any prefix. */
const KEYWORDS: readonly (readonly [string, boolean])[] = [
  ['src', true],
  ['as', true],
  ['via', true],
  ['from', true],
  ['tos', true],
  ['dsfield', false],
  ['expires', true],
  ['metric', false],
  ['priority', false],
  ['preference', true],
  ['scope', true],
  ['mtu', true],
  ['hoplimit', true],
  ['advmss', true],
  ['reordering', false],
  ['rtt', true],
  ['rto_min', true],
  ['window', false],
  ['cwnd', false],
  ['initcwnd', false],
  ['initrwnd', false],
  ['features', false],
  ['quickack', false],
  ['congctl', false],
  ['rttvar', false],
  ['ssthresh', false],
  ['realms', false],
  ['onlink', true],
  ['nexthop', true],
  ['nhid', true],
  ['protocol', false],
  ['table', false],
  ['vrf', false],
  ['dev', true],
  ['oif', true],
  ['pref', false],
  ['encap', true],
  ['ttl-propagate', true],
  ['fastopen_no_cookie', false],
]

const SCOPES: Readonly<Record<string, Route['scope']>> = {
  global: 'global',
  '0': 'global',
  link: 'link',
  '253': 'link',
  host: 'host',
  '254': 'host',
}

const PROTOS: Readonly<Record<string, Route['proto']>> = {
  kernel: 'kernel',
  '2': 'kernel',
  boot: 'boot',
  '3': 'boot',
  static: 'static',
  '4': 'static',
  dhcp: 'dhcp',
  '16': 'dhcp',
}

/** rtm_map.c rtnl_rtntype_a2n: a route type word, or undefined. */
function routeType(word: string): string | undefined {
  if (word === 'local' || word === 'nat' || word === 'brd' || word === 'throw') return word
  const types = ['broadcast', 'anycast', 'multicast', 'prohibit', 'unreachable', 'blackhole']
  return [...types, 'xresolve', 'unicast'].find((t) => matches(word, t))
}

function parseRouteArgs(argv: readonly string[], g: IpGlobals): RouteArgs | CommandOutput {
  const a: RouteArgs = {}
  if (g.family === 'inet6') return notSimulated('-6')
  let family: FamilyName = g.family === 'inet' ? 'inet' : 'any valid'
  const address = (text: string): number | CommandOutput => {
    const p = parsePrefix(text, false)
    if (!p || (p.family === 'inet' && p.any)) return badAddress(family, text)
    if (p.family === 'inet6') return notSimulated('IPv6')
    family = 'inet'
    return p.addr
  }
  for (let i = 0; i < argv.length; i++) {
    let word = argv[i] as string
    const kw = KEYWORDS.find(([k, exact]) => (exact ? word === k : matches(word, k)))?.[0]
    if (kw === 'onlink' || kw === 'nexthop') return notSimulated(kw)
    const value = kw === undefined ? undefined : argv[++i]
    if (kw !== undefined && value === undefined) return fail(INCOMPLETE, 255)
    const arg = value ?? ''
    if (kw === 'src' || kw === 'via') {
      if (kw === 'via' && a.via !== undefined) {
        return invarg('use nexthop syntax to specify multiple via\n', word)
      }
      let text = arg
      if (kw === 'via' && ['inet', 'inet6', 'link', 'mpls', 'bridge'].includes(arg)) {
        if (arg !== 'inet') return notSimulated(`via ${arg}`)
        text = argv[++i] ?? ''
        if (argv[i] === undefined) return fail(INCOMPLETE, 255)
      }
      const ip = address(text)
      if (typeof ip !== 'number') return ip
      if (kw === 'via') a.via = ip
      else a.src = ip
    } else if (kw === 'metric' || kw === 'priority' || kw === 'preference') {
      const n = parseNumber(arg)
      if (n === undefined || n < 0 || n > 0xffffffff)
        return invarg('"metric" value is invalid\n', arg)
      a.metric = n
    } else if (kw === 'scope') {
      const scope = SCOPES[arg]
      if (scope) a.scope = scope
      else if (/^(site|nowhere|\d+)$/.test(arg)) return notSimulated(`scope ${arg}`)
      else return invarg('invalid "scope" value\n', arg)
    } else if (kw === 'protocol') {
      const proto = PROTOS[arg]
      if (!proto) return notSimulated(`proto ${arg}`)
      a.proto = proto
    } else if (kw === 'table') {
      if (arg !== 'main' && arg !== '254') return notSimulated(`table ${arg}`)
    } else if (kw === 'dev' || kw === 'oif') a.dev = arg
    else if (kw !== undefined) return notSimulated(word)
    else {
      if (word === 'to') {
        const next = argv[++i]
        if (next === undefined) return fail(INCOMPLETE, 255)
        word = next
      }
      const type = /^[0-9]/.test(word) ? undefined : routeType(word)
      if (type !== undefined) {
        const next = argv[++i]
        if (next === undefined) return fail(INCOMPLETE, 255)
        a.type = type
        word = next
      }
      if (matches(word, 'help')) return fail(IP_ROUTE_USAGE, 255)
      if (a.dst) return duparg2('to', word)
      const p = parsePrefix(word)
      if (!p) return badPrefix(family, word)
      if (p.family === 'inet6') return notSimulated('IPv6')
      family = 'inet'
      a.dst = { addr: p.addr, len: p.len }
    }
  }
  return a
}

/** What `ip route add|replace|delete` read, checked as far as `ip` checks it. */
function prepare(
  v: NetnsView,
  argv: readonly string[],
  g: IpGlobals,
): { a: RouteArgs & { dst: { addr: number; len: number } }; dev?: Link } | CommandOutput {
  const a = parseRouteArgs(argv, g)
  if ('exitCode' in a) return a
  const dst = a.dst
  if (!dst) return fail(IP_ROUTE_USAGE, 255)
  const dev = a.dev === undefined ? undefined : findLink(v, a.dev)
  if (a.dev !== undefined && !dev) return nodev(a.dev)
  if (a.type !== undefined && a.type !== 'unicast') return notSimulated(`${a.type} routes`)
  return dev ? { a: { ...a, dst }, dev } : { a: { ...a, dst } }
}

const hostBitsSet = (dst: { addr: number; len: number }): boolean =>
  networkOf(dst) !== dst.addr >>> 0

const sameDst = (r: Route, dst: { addr: number; len: number }): boolean =>
  r.dst.len === dst.len && networkOf(r.dst) === networkOf(dst)

const isLocal = (v: NetnsView, ip: number): Link | undefined =>
  v.links.find((l) => l.addrs.some((x) => x.cidr.addr === ip))

/**
 * fib_check_nh_v4_gw: the device through which the gateway is reachable: a local address, or
 * the longest link-scope route to it (restricted to `dev` when one was given).
 */
function gatewayDev(v: NetnsView, gw: number, dev: Link | undefined): Link | undefined {
  const local = isLocal(v, gw)
  if (local && (!dev || local.id === dev.id)) return local
  const route = fibOrder(v.netns.routes).find(
    (r) =>
      r.scope !== 'global' &&
      (!dev || r.dev === dev.id) &&
      networkOf({ addr: gw, len: r.dst.len }) === networkOf(r.dst),
  )
  return route && linkById(v, route.dev)
}

/** `ip route add` (and `replace`, which first takes out a route of the same prefix and metric). */
export function routeAdd(
  ctx: CommandContext,
  v: NetnsView,
  argv: readonly string[],
  g: IpGlobals,
  replace = false,
): CommandOutput {
  const p = prepare(v, argv, g)
  if ('exitCode' in p) return p
  const { a, dev } = p
  return change(ctx, (tx) => {
    const now = txView(ctx, tx, ctx.netns)
    if (hostBitsSet(a.dst)) return extack('Invalid prefix for given prefix length')
    let nhDev: Link | undefined = dev
    if (a.via !== undefined) {
      nhDev = gatewayDev(now, a.via, dev)
      if (!nhDev) return extack('Nexthop has invalid gateway')
      if (!nhDev.up) return rtnl('Network is down')
    } else if (!dev) return rtnl('No such device')
    else if (!dev.up) return extack('Device for nexthop is not up')
    if (!nhDev) return rtnl('No such device')
    if (a.src !== undefined && !isLocal(now, a.src)) return extack('Invalid prefsrc address')
    const metric = a.metric ?? 0
    const route: Route = {
      dst: { addr: a.dst.addr, len: a.dst.len },
      ...(a.via === undefined ? {} : { via: a.via }),
      dev: nhDev.id,
      proto: a.proto ?? 'boot',
      scope: a.scope ?? (a.via === undefined ? 'link' : 'global'),
      ...(a.src === undefined ? {} : { src: a.src }),
      ...(metric ? { metric } : {}),
    }
    const same = now.netns.routes.find((r) => sameDst(r, a.dst) && (r.metric ?? 0) === metric)
    const at = { host: ctx.host, netns: ctx.netns }
    if (same && !replace) return rtnl('File exists')
    if (same) tx.apply({ ...at, kind: 'route.del', route: same })
    tx.apply({ ...at, kind: 'route.add', route })
    return out('')
  })
}

/** `ip route delete`: the first route of the prefix matching every attribute given. */
export function routeDel(
  ctx: CommandContext,
  v: NetnsView,
  argv: readonly string[],
  g: IpGlobals,
): CommandOutput {
  const p = prepare(v, argv, g)
  if ('exitCode' in p) return p
  const { a, dev } = p
  if (hostBitsSet(a.dst)) return extack('Invalid prefix for given prefix length')
  const route = fibOrder(v.netns.routes).find(
    (r) =>
      sameDst(r, a.dst) &&
      (a.metric === undefined || (r.metric ?? 0) === a.metric) &&
      (a.scope === undefined || r.scope === a.scope) &&
      (a.proto === undefined || r.proto === a.proto) &&
      (a.src === undefined || r.src === a.src) &&
      (a.via === undefined || r.via === a.via) &&
      (!dev || r.dev === dev.id),
  )
  if (!route) return rtnl('No such process')
  return change(ctx, (tx) => {
    tx.apply({ kind: 'route.del', host: ctx.host, netns: ctx.netns, route })
    return out('')
  })
}
