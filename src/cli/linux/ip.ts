// `ip` from iproute2 6.1: global options, then an object (address, link, route, neigh, netns,
// rule) abbreviated to any prefix, then its command. Mirrors iproute2 6.1 ip/ip.c main/do_cmd
// and the do_ipaddr / do_iplink / do_iproute / do_ipneigh / do_netns dispatchers; the commands
// that change the kernel live in ip-*-change.ts and ip-netns.ts.

import type { CommandContext } from '../context'
import { fail, out, type CommandOutput } from '../output'
import type { Program } from '../program'
import { listLinks, type IpGlobals } from './ip-addr'
import { addrAdd, addrDel, addrFlush } from './ip-addr-change'
import { notSimulated } from './ip-change'
import type { IpFamily } from './ip-link'
import { linkAdd, linkDel, linkSet } from './ip-link-change'
import { runNetns } from './ip-netns'
import { listNeighbours, listRoutes } from './ip-route'
import { routeAdd, routeDel } from './ip-route-change'
import { namedNetns, netnsView, type NetnsView } from './netns-view'
import { matches } from './prefix-match'
import { IP_ADDR_USAGE, IP_LINK_USAGE, IP_ROUTE_USAGE, IP_USAGE } from './usage-texts'
import { runBusyboxIp } from './busybox-ip'

const usage = (): CommandOutput => fail(IP_USAGE, 255)

type Globals = IpGlobals & {
  readonly rest: readonly string[]
  /** `-n NAME` / `-netns NAME`: run in that namespace of `ip netns`. */
  readonly netns?: string
}

const FAMILIES: Readonly<Record<string, IpFamily>> = { inet: 'inet', inet6: 'inet6', link: 'link' }

/** Options that take no value and change nothing the simulator prints. */
const IGNORED = ['-human', '-human-readable', '-iec', '-resolve', '-timestamp', '-tshort']
const IGNORED_LATE = ['-force', '-json', '-pretty', '-color', '-colour', '-Numeric', '-all']

function parseGlobals(argv: readonly string[]): Globals | CommandOutput {
  const g = {
    family: 'any' as IpFamily,
    details: false,
    stats: false,
    brief: false,
    oneline: false,
  }
  let netns: string | undefined
  let i = 0
  for (; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--') {
      i++
      break
    }
    if (!arg.startsWith('-')) break
    const opt = arg.startsWith('--') ? arg.slice(1) : arg
    if (matches(opt, '-loops') || matches(opt, '-family')) {
      const value = argv[++i]
      if (value === undefined || value === 'help') return usage()
      if (matches(opt, '-family')) {
        const family = FAMILIES[value]
        if (!family)
          return fail(`Error: argument "${value}" is wrong: invalid protocol family\n`, 255)
        g.family = family
      }
    } else if (opt === '-4') g.family = 'inet'
    else if (opt === '-6') g.family = 'inet6'
    else if (opt === '-0') g.family = 'link'
    else if (IGNORED.some((o) => matches(opt, o))) continue
    else if (matches(opt, '-stats') || matches(opt, '-statistics')) g.stats = true
    else if (matches(opt, '-details')) g.details = true
    else if (matches(opt, '-oneline')) g.oneline = true
    else if (matches(opt, '-Version')) return out('ip utility, iproute2-6.1.0, libbpf 1.1.2\n')
    else if (matches(opt, '-batch')) return usage()
    else if (matches(opt, '-brief')) g.brief = true
    else if (IGNORED_LATE.some((o) => matches(opt, o))) continue
    else if (matches(opt, '-help')) return usage()
    else if (matches(opt, '-netns')) {
      netns = argv[++i]
      if (netns === undefined) return fail('Command line is not complete. Try option "help"\n', 255)
    } else return fail(`Option "${opt}" is unknown, try "ip -help".\n`, 255)
  }
  return { ...g, rest: argv.slice(i), ...(netns === undefined ? {} : { netns }) }
}

type ObjectRun = (
  ctx: CommandContext,
  v: NetnsView,
  args: readonly string[],
  g: IpGlobals,
) => CommandOutput

const isList = (cmd: string): boolean => ['show', 'lst', 'list'].some((a) => matches(cmd, a))

/**
 * An object whose only command here is its listing. `before` are the commands iproute2 tries
 * first, so that `ip neigh a` means `add`, not a listing; they are not simulated.
 */
function listing(
  help: string,
  before: readonly string[],
  run: (v: NetnsView, args: readonly string[], g: IpGlobals) => CommandOutput,
): ObjectRun {
  return (_ctx, v, args, g) => {
    const [cmd, ...rest] = args
    if (cmd === undefined) return run(v, [], g)
    if (!before.some((b) => matches(cmd, b)) && isList(cmd)) return run(v, rest, g)
    return fail(`Command "${cmd}" is unknown, try "ip ${help} help".\n`, 255)
  }
}

/** A command word and what runs it, in the dispatcher's order (the first one abbreviated wins). */
type Commands = readonly (readonly [word: string, run: ObjectRun])[]

function commands(help: string, list: ObjectRun, table: Commands): ObjectRun {
  return (ctx, v, args, g) => {
    const [cmd, ...rest] = args
    if (cmd === undefined) return list(ctx, v, [], g)
    const found = table.find(([word]) => word === cmd || (word !== 'chg' && matches(cmd, word)))
    if (found) return found[1](ctx, v, rest, g)
    return fail(`Command "${cmd}" is unknown, try "ip ${help} help".\n`, 255)
  }
}

const unsimulated =
  (what: string): ObjectRun =>
  () =>
    notSimulated(what)

const RULES =
  '0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n'

const neigh = listing('neigh', ['add', 'change', 'replace', 'delete', 'get'], (v, a) =>
  listNeighbours(v, a, 'iproute2'),
)

const listAddrs: ObjectRun = (_c, v, a, g) => listLinks(v, a, g, 'iproute2', false)
const listLinksRun: ObjectRun = (_c, v, a, g) => listLinks(v, a, g, 'iproute2', true)
const listRoutesRun: ObjectRun = (_c, v, a, g) => listRoutes(v, a, g, 'iproute2')

/** do_ipaddr. */
const address = commands('address', listAddrs, [
  ['add', (c, v, a, g) => addrAdd(c, v, a, g)],
  ['change', unsimulated('address change')],
  ['chg', unsimulated('address change')],
  ['replace', unsimulated('address replace')],
  ['delete', (c, v, a, g) => addrDel(c, v, a, g)],
  ['list', listAddrs],
  ['show', listAddrs],
  ['lst', listAddrs],
  ['flush', (c, v, a, g) => addrFlush(c, v, a, g)],
  ['help', () => fail(IP_ADDR_USAGE, 255)],
])

/** do_iproute. */
const route = commands('route', listRoutesRun, [
  ['add', (c, v, a, g) => routeAdd(c, v, a, g)],
  ['change', unsimulated('route change')],
  ['chg', unsimulated('route change')],
  ['replace', (c, v, a, g) => routeAdd(c, v, a, g, true)],
  ['prepend', unsimulated('route prepend')],
  ['append', unsimulated('route append')],
  ['test', unsimulated('route test')],
  ['delete', (c, v, a, g) => routeDel(c, v, a, g)],
  ['list', listRoutesRun],
  ['show', listRoutesRun],
  ['lst', listRoutesRun],
  ['help', () => fail(IP_ROUTE_USAGE, 255)],
])

/** do_iplink (`change` is `set`). */
const link = commands('link', listLinksRun, [
  ['add', (c, v, a) => linkAdd(c, v, a)],
  ['set', (c, v, a) => linkSet(c, v, a)],
  ['change', (c, v, a) => linkSet(c, v, a)],
  ['replace', unsimulated('link replace')],
  ['delete', (c, v, a) => linkDel(c, v, a)],
  ['show', listLinksRun],
  ['lst', listLinksRun],
  ['list', listLinksRun],
  ['help', () => fail(IP_LINK_USAGE, 255)],
])

/** ip/ip.c cmds[], in order (the first object the word abbreviates wins). */
const OBJECTS: readonly (readonly [string, ObjectRun | undefined])[] = [
  ['address', address],
  ['addrlabel', undefined],
  ['maddress', undefined],
  ['route', route],
  ['rule', listing('rule', [], () => out(RULES))],
  ['neighbor', neigh],
  ['neighbour', neigh],
  ['ntable', undefined],
  ['ntbl', undefined],
  ['link', link],
  ['netns', (c, v, a) => runNetns(c, v, a)],
  ['help', () => usage()],
]

export const runIp: Program = (ctx, argv) => {
  if (ctx.userland === 'busybox') return runBusyboxIp(ctx, argv)
  const g = parseGlobals(argv)
  if ('exitCode' in g) return g
  const [object, ...args] = g.rest
  if (object === undefined) return usage()
  const found = OBJECTS.find(([name]) => matches(object, name))
  const run = found?.[1]
  if (!run) return fail(`Object "${object}" is unknown, try "ip help".\n`, 1)
  const inNs = g.netns === undefined ? ctx : switchNetns(ctx, g.netns)
  if ('exitCode' in inNs) return inNs
  const v = netnsView(inNs)
  if (!v) return fail('Cannot open netlink socket: No such file or directory\n', 1)
  return run(inNs, v, args, g)
}

/** `ip -n NAME`: the rest of the command runs in a namespace of `ip netns` (lib/namespace.c). */
function switchNetns(ctx: CommandContext, name: string): CommandContext | CommandOutput {
  const ns = namedNetns(ctx.engine.world.hosts[ctx.host]?.kernel, name)
  if (!ns) return fail(`Cannot open network namespace "${name}": No such file or directory\n`, 255)
  return { ...ctx, netns: ns.id }
}
