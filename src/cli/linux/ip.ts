// `ip` from iproute2 6.1: global options, then an object (address, link, route, neigh, netns,
// rule) abbreviated to any prefix, then its command. Mirrors iproute2 6.1 ip/ip.c main/do_cmd
// and the do_ipaddr / do_iplink / do_iproute / do_ipneigh / do_netns dispatchers.

import { fail, out, type CommandOutput } from '../output'
import type { Program } from '../program'
import { listLinks, type IpGlobals } from './ip-addr'
import type { IpFamily } from './ip-link'
import { listNeighbours, listRoutes } from './ip-route'
import { netnsView, type NetnsView } from './netns-view'
import { matches } from './prefix-match'
import { IP_USAGE } from './usage-texts'
import { runBusyboxIp } from './busybox-ip'

const usage = (): CommandOutput => fail(IP_USAGE, 255)

type Globals = IpGlobals & { readonly rest: readonly string[] }

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
      const name = argv[i + 1]
      if (name === undefined) return fail('Command line is not complete. Try option "help"\n', 255)
      // Docker's namespaces are not mounted under /var/run/netns, so none can be named here.
      return fail(`Cannot open network namespace "${name}": No such file or directory\n`, 255)
    } else return fail(`Option "${opt}" is unknown, try "ip -help".\n`, 255)
  }
  return { ...g, rest: argv.slice(i) }
}

type ObjectRun = (v: NetnsView, args: readonly string[], g: IpGlobals) => CommandOutput

/**
 * An object whose only command here is its listing. `before` are the commands iproute2 tries
 * first, so that `ip link s` means `set`, not `show`; they are not simulated.
 */
function listing(help: string, before: readonly string[], run: ObjectRun): ObjectRun {
  return (v, args, g) => {
    const [cmd, ...rest] = args
    if (cmd === undefined) return run(v, [], g)
    const known = !before.some((b) => matches(cmd, b))
    if (known && ['show', 'lst', 'list'].some((a) => matches(cmd, a))) return run(v, rest, g)
    return fail(`Command "${cmd}" is unknown, try "ip ${help} help".\n`, 255)
  }
}

const RULES =
  '0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n'

const neigh = listing('neigh', ['add', 'change', 'replace', 'delete', 'get'], (v, a) =>
  listNeighbours(v, a, 'iproute2'),
)

/** ip/ip.c cmds[], in order (the first object the word abbreviates wins). */
const OBJECTS: readonly (readonly [string, ObjectRun | undefined])[] = [
  [
    'address',
    listing('address', ['add', 'change', 'replace', 'delete'], (v, a, g) =>
      listLinks(v, a, g, 'iproute2', false),
    ),
  ],
  ['addrlabel', undefined],
  ['maddress', undefined],
  [
    'route',
    listing(
      'route',
      ['add', 'change', 'replace', 'prepend', 'append', 'test', 'delete'],
      (v, a, g) => listRoutes(v, a, g, 'iproute2'),
    ),
  ],
  ['rule', listing('rule', [], () => out(RULES))],
  ['neighbor', neigh],
  ['neighbour', neigh],
  ['ntable', undefined],
  ['ntbl', undefined],
  [
    'link',
    listing('link', ['add', 'set', 'change', 'replace', 'delete'], (v, a, g) =>
      listLinks(v, a, g, 'iproute2', true),
    ),
  ],
  // Docker mounts its namespaces under /var/run/docker/netns, which `ip netns` does not read.
  ['netns', listing('netns', [], () => out(''))],
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
  const v = netnsView(ctx)
  if (!v) return fail('Cannot open netlink socket: No such file or directory\n', 1)
  return run(v, args, g)
}
