// busybox's `ip` applet, as Alpine-based containers have it: `-4`/`-6`/`-0`/`-o`/`-f`, objects
// and commands abbreviated to a unique prefix, no `-s`, `-d` or `-br`. Mirrors busybox 1.36
// networking/ip.c ip_main and networking/libiproute (ip_parse_common_args, do_ipaddr,
// do_iplink, do_iproute, do_ipneigh).

import { fail, type CommandOutput } from '../output'
import type { Program } from '../program'
import { listLinks, type IpGlobals } from './ip-addr'
import type { IpFamily } from './ip-link'
import { listNeighbours, listRoutes } from './ip-route'
import { linkByName, netnsView, type NetnsView } from './netns-view'
import { indexInSubstrings } from './prefix-match'
import { BUSYBOX_IP_USAGE } from './usage-texts'

const usage = (): CommandOutput => fail(BUSYBOX_IP_USAGE, 1)
const invalid = (word: string, code: number): CommandOutput =>
  fail(`ip: invalid argument '${word}' to 'ip'\n`, code)

/** The device a listing names (`dev X` or a bare word), checked the way busybox dies on it. */
function checkDevice(
  v: NetnsView,
  args: readonly string[],
  valued: readonly string[],
  code: number,
) {
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string
    if (valued.includes(word)) {
      i++
      continue
    }
    if (word === 'up') continue
    const dev = word === 'dev' ? args[++i] : word
    if (dev === undefined) return fail("ip: command line is not complete, try 'ip help'\n", code)
    if (!linkByName(v, dev)) return fail(`ip: can't find device '${dev}'\n`, code)
  }
  return undefined
}

type Run = (v: NetnsView, args: readonly string[], g: IpGlobals) => CommandOutput

function withCommands(
  commands: readonly string[],
  listAt: readonly number[],
  code: number,
  run: Run,
): Run {
  return (v, args, g) => {
    const [cmd, ...rest] = args
    if (cmd === undefined) return run(v, [], g)
    const i = indexInSubstrings(commands, cmd)
    if (i < 0 || !listAt.includes(i)) return invalid(cmd, code)
    return run(v, rest, g)
  }
}

const addr: Run = (v, args, g) =>
  checkDevice(v, args, ['to', 'scope', 'label'], 1) ?? listLinks(v, args, g, 'busybox', false)
const link: Run = (v, args, g) =>
  checkDevice(v, args, [], 2) ?? listLinks(v, args, g, 'busybox', true)
const route: Run = (v, args, g) => {
  const d = args.indexOf('dev')
  const dev = d >= 0 ? args[d + 1] : undefined
  if (dev !== undefined && !linkByName(v, dev)) return fail(`ip: can't find device '${dev}'\n`, 1)
  return listRoutes(v, args, g, 'busybox')
}
const neigh: Run = (v, args) => listNeighbours(v, args, 'busybox')

const OBJECTS: readonly (readonly [string, Run | undefined])[] = [
  [
    'address',
    withCommands(
      ['add', 'change', 'chg', 'replace', 'delete', 'list', 'show', 'lst', 'flush'],
      [5, 6, 7],
      1,
      addr,
    ),
  ],
  ['route', undefined],
  ['r', undefined],
  ['link', withCommands(['add', 'delete', 'set', 'show', 'lst', 'list'], [3, 4, 5], 2, link)],
  ['tunnel', undefined],
  ['tunl', undefined],
  ['rule', undefined],
  ['neigh', withCommands(['show', 'flush'], [0], 1, neigh)],
]

const ROUTE_COMMANDS = ['a', 'add', 'append', 'change', 'chg', 'delete', 'get', 'list', 'show']
const routeRun = withCommands(
  [...ROUTE_COMMANDS, 'prepend', 'replace', 'test', 'flush'],
  [7, 8],
  1,
  route,
)

const FAMILIES: readonly IpFamily[] = ['inet', 'inet6', 'link']

function parseCommon(
  argv: readonly string[],
): { g: IpGlobals; rest: readonly string[] } | CommandOutput {
  let family: IpFamily = 'any'
  let oneline = false
  let i = 0
  for (; i < argv.length; i++) {
    let opt = argv[i] as string
    if (!opt.startsWith('-')) break
    opt = opt.slice(opt.startsWith('--') ? 2 : 1)
    if (opt === '') {
      i++
      break
    }
    const k = indexInSubstrings(['oneline', 'family', '4', '6', '0'], opt)
    if (k < 0) return usage()
    if (k === 0) oneline = true
    else if (k === 1) {
      const name = argv[++i]
      if (name === undefined) return usage()
      const f = FAMILIES.find((x) => x === name)
      if (!f) return fail(`ip: invalid argument '${name}' to 'family'\n`, 1)
      family = f
    } else family = FAMILIES[k - 2] ?? 'any'
  }
  return {
    g: { family, oneline, details: false, stats: false, brief: false },
    rest: argv.slice(i),
  }
}

export const runBusyboxIp: Program = (ctx, argv) => {
  const parsed = parseCommon(argv)
  if ('exitCode' in parsed) return parsed
  const [object, ...args] = parsed.rest
  const key =
    object === undefined
      ? -1
      : indexInSubstrings(
          OBJECTS.map((o) => o[0]),
          object,
        )
  const name = OBJECTS[key]?.[0]
  const run = name === 'route' || name === 'r' ? routeRun : OBJECTS[key]?.[1]
  if (!run) return usage()
  const v = netnsView(ctx)
  if (!v) return fail('ip: socket: No such file or directory\n', 1)
  return run(v, args, parsed.g)
}
