// `ip address add|delete|flush` as kernel ops. Mirrors iproute2 6.1 ip/ipaddress.c
// ipaddr_modify (the default scope, `brd +`/`brd -`, the wildcard deletion of an address given
// without a length) and ipaddr_flush, and Linux 6.x net/ipv4/devinet.c inet_rtm_newaddr /
// inet_rtm_deladdr (what already exists, what is not found).

import { networkOf, type IfAddr } from '../../engine'
import type { CommandContext } from '../context'
import { fail, out, type CommandOutput } from '../output'
import type { IpGlobals } from './ip-addr'
import {
  badAddress,
  badPrefix,
  change,
  duparg,
  duparg2,
  extack,
  findLink,
  INCOMPLETE,
  invarg,
  notSimulated,
  parsePrefix,
  rtnl,
  txView,
  type FamilyName,
} from './ip-change'
import { inet4Addrs } from './inet4'
import { linkById, type NetnsView } from './netns-view'
import { matches } from './prefix-match'
import { IP_ADDR_USAGE } from './usage-texts'

type AddrArgs = {
  dev?: string
  local?: { readonly addr: number; readonly len: number; readonly lenGiven: boolean }
  localText?: string
  /** An address, or `+` / `-` (all host bits set / cleared). */
  brd?: number | '+' | '-'
  scope?: IfAddr['scope']
}

/** Address flags iproute2 accepts by name (ifa_flag_data); none is simulated. */
const FLAGS = new Set(
  (
    'secondary temporary nodad optimistic dadfailed home deprecated tentative permanent ' +
    'mngtmpaddr noprefixroute autojoin stable-privacy'
  ).split(' '),
)

const SCOPES: Readonly<Record<string, IfAddr['scope']>> = {
  global: 'global',
  '0': 'global',
  link: 'link',
  '253': 'link',
  host: 'host',
  '254': 'host',
}

function parseAddrArgs(argv: readonly string[], g: IpGlobals): AddrArgs | CommandOutput {
  const a: AddrArgs = {}
  let family: FamilyName = g.family === 'inet' ? 'inet' : 'any valid'
  if (g.family === 'inet6') return notSimulated('-6')
  for (let i = 0; i < argv.length; i++) {
    let word = argv[i] as string
    const next = (): string | CommandOutput => argv[++i] ?? fail(INCOMPLETE, 255)
    if (word === 'peer' || word === 'remote' || word === 'anycast' || word === 'label') {
      return notSimulated(word)
    } else if (matches(word, 'broadcast') || word === 'brd') {
      const value = next()
      if (typeof value !== 'string') return value
      if (a.brd !== undefined) return duparg('broadcast', value)
      if (value === '+' || value === '-') a.brd = value
      else {
        const p = parsePrefix(value, false)
        if (!p) return badAddress(family, value)
        if (p.family === 'inet6') return notSimulated('IPv6')
        family = 'inet'
        a.brd = p.addr
      }
    } else if (word === 'scope') {
      const value = next()
      if (typeof value !== 'string') return value
      const scope = SCOPES[value]
      if (!scope) {
        return /^(site|nowhere|\d+)$/.test(value)
          ? notSimulated(`scope ${value}`)
          : invarg('invalid scope value.', value)
      }
      a.scope = scope
    } else if (word === 'dev') {
      const value = next()
      if (typeof value !== 'string') return value
      a.dev = value
    } else if (
      ['metric', 'priority', 'preference', 'valid_lft', 'preferred_lft'].some((k) =>
        matches(word, k),
      ) ||
      FLAGS.has(word)
    ) {
      return notSimulated(word)
    } else {
      if (word === 'local') {
        const value = next()
        if (typeof value !== 'string') return value
        word = value
      }
      if (matches(word, 'help')) return fail(IP_ADDR_USAGE, 255)
      if (a.local) return duparg2('local', word)
      const p = parsePrefix(word)
      if (!p) return badPrefix(family, word)
      if (p.family === 'inet6') return notSimulated('IPv6')
      family = 'inet'
      a.local = p
      a.localText = word
    }
  }
  return a
}

const DEV_REQUIRED = fail('Not enough information: "dev" argument is required.\n', 1)

/** brd + / brd -: the local address with every host bit set or cleared, up to a /30. */
function broadcast(a: AddrArgs, local: number, len: number): number | undefined {
  if (typeof a.brd === 'number') return a.brd
  if (a.brd === undefined || len > 30) return undefined
  const host = len === 0 ? 0xffffffff : ~(0xffffffff << (32 - len)) >>> 0
  return (a.brd === '+' ? local | host : local & ~host) >>> 0
}

export function addrAdd(
  ctx: CommandContext,
  v: NetnsView,
  argv: readonly string[],
  g: IpGlobals,
): CommandOutput {
  const a = parseAddrArgs(argv, g)
  if ('exitCode' in a) return a
  if (a.dev === undefined) return DEV_REQUIRED
  const link = findLink(v, a.dev)
  if (!link) return fail(`Cannot find device "${a.dev}"\n`, 1)
  const local = a.local
  if (!local) return rtnl('Operation not supported')
  const brd = broadcast(a, local.addr, local.len)
  const scope = a.scope ?? (local.addr >>> 24 === 127 ? 'host' : 'global')
  const addr: IfAddr = {
    cidr: { addr: local.addr, len: local.len },
    ...(brd === undefined ? {} : { brd }),
    scope,
  }
  return change(ctx, (tx) => {
    const sameNet = link.addrs.filter(
      (x) => x.cidr.len === local.len && networkOf(x.cidr) === networkOf(addr.cidr),
    )
    if (sameNet.some((x) => x.cidr.addr === local.addr)) {
      return extack('ipv4: Address already assigned')
    }
    if (sameNet[0] && sameNet[0].scope !== scope) return extack('ipv4: Invalid scope value')
    tx.apply({ kind: 'addr.add', host: ctx.host, netns: ctx.netns, link: link.id, addr })
    return out('')
  })
}

export function addrDel(
  ctx: CommandContext,
  v: NetnsView,
  argv: readonly string[],
  g: IpGlobals,
): CommandOutput {
  const a = parseAddrArgs(argv, g)
  if ('exitCode' in a) return a
  if (a.dev === undefined) return DEV_REQUIRED
  const local = a.local
  const warning =
    local && !local.lenGiven
      ? 'Warning: Executing wildcard deletion to stay compatible with old scripts.\n' +
        `         Explicitly specify the prefix length (${a.localText ?? ''}/32) to avoid this warning.\n` +
        '         This special behaviour is likely to disappear in further releases,\n' +
        '         fix your scripts!\n'
      : ''
  const link = findLink(v, a.dev)
  if (!link) return fail(`${warning}Cannot find device "${a.dev}"\n`, 1)
  // The first address in the kernel's list that matches what was given (inet_rtm_deladdr).
  const gone = inet4Addrs(link).find(
    (x) => !local || (x.cidr.addr === local.addr && (!local.lenGiven || x.cidr.len === local.len)),
  )
  if (!gone) return fail(`${warning}Error: ipv4: Address not found.\n`, 2)
  const { secondary: _s, ...addr } = gone
  return change(ctx, (tx) => {
    tx.apply({ kind: 'addr.del', host: ctx.host, netns: ctx.netns, link: link.id, addr })
    return fail(warning, 0)
  })
}

/** `ip address flush dev DEV`: every IPv4 address of the device, primaries first. */
export function addrFlush(
  ctx: CommandContext,
  v: NetnsView,
  argv: readonly string[],
  g: IpGlobals,
): CommandOutput {
  if (argv.length === 0) return fail('Flush requires arguments.\n', 1)
  if (g.family === 'inet6') return notSimulated('-6')
  const [first, second, ...more] = argv
  const dev = first === 'dev' ? second : first
  if (dev === undefined) return fail(INCOMPLETE, 255)
  const rest = first === 'dev' ? more : argv.slice(1)
  if (rest[0] !== undefined) return notSimulated(`flush ${rest[0]}`)
  const link = findLink(v, dev)
  if (!link) return fail(`Device "${dev}" does not exist.\n`, 1)
  // Deleting a primary may take its secondaries along: delete what is still there.
  return change(ctx, (tx) => {
    for (const { secondary: _s, ...addr } of inet4Addrs(link)) {
      const now = linkById(txView(ctx, tx, ctx.netns), link.id)
      if (!now?.addrs.some((a) => plainCidrEqual(a, addr))) continue
      tx.apply({ kind: 'addr.del', host: ctx.host, netns: ctx.netns, link: link.id, addr })
    }
    return out('')
  })
}

const plainCidrEqual = (a: IfAddr, b: IfAddr): boolean =>
  a.cidr.addr === b.cidr.addr && a.cidr.len === b.cidr.len
