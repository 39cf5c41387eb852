// `nsenter` (util-linux 2.39, sys-utils/nsenter.c): runs a program in the network namespace of a
// file (`--net=/var/run/docker/netns/1-abcdef0123`, Docker's own namespaces) or of a process
// (`-t PID -n`), the way `ip netns exec` does: the host's programs, seeing that namespace. Only
// the network namespace is simulated; the other kinds are accepted and change nothing here.
// getopt_long rules: `--net` takes its file only as `--net=FILE` (`-nFILE` for the short form);
// `--net FILE` enters the target's namespace and runs FILE.

import { allNetns, getProcess, type NetnsId } from '../../engine'
import type { CommandContext } from '../context'
import { fail, type CommandOutput } from '../output'
import type { Program } from '../program'

/** Namespace options with an optional file (`m::u::i::n::p::C::U::T::`), by short letter. */
const NS_SHORT = new Set(['m', 'u', 'i', 'n', 'p', 'C', 'U', 'T'])
const NS_LONG: Readonly<Record<string, string>> = {
  mount: 'm',
  uts: 'u',
  ipc: 'i',
  net: 'n',
  pid: 'p',
  cgroup: 'C',
  user: 'U',
  time: 'T',
}
/** Options without a value that change nothing the simulator shows. */
const FLAGS_SHORT = new Set(['a', 'F', 'e', 'c', 'Z'])
const FLAGS_LONG = new Set([
  'all',
  'no-fork',
  'env',
  'join-cgroup',
  'preserve-credentials',
  'keep-caps',
  'user-parent',
  'follow-context',
])
/** Options whose value is required (`t:N:S:G:`) and those with an optional one (`r::w::W::`). */
const VALUE_SHORT: Readonly<Record<string, 'required' | 'optional'>> = {
  t: 'required',
  N: 'required',
  S: 'required',
  G: 'required',
  r: 'optional',
  w: 'optional',
  W: 'optional',
}
const VALUE_LONG: Readonly<Record<string, string>> = {
  target: 't',
  'net-socket': 'N',
  setuid: 'S',
  setgid: 'G',
  root: 'r',
  wd: 'w',
  wdns: 'W',
}
const REQUIRED_LONG = new Set(['target', 'net-socket', 'setuid', 'setgid'])

const USAGE = `
Usage:
 nsenter [options] [<program> [<argument>...]]

Run a program with namespaces of other processes.

Options:
 -a, --all              enter all namespaces
 -t, --target <pid>     target process to get namespaces from
 -m, --mount[=<file>]   enter mount namespace
 -u, --uts[=<file>]     enter UTS namespace (hostname etc)
 -i, --ipc[=<file>]     enter System V IPC namespace
 -n, --net[=<file>]     enter network namespace
 -N, --net-socket <fd>  enter socket's network namespace (use with --target)
 -p, --pid[=<file>]     enter pid namespace
 -C, --cgroup[=<file>]  enter cgroup namespace
 -U, --user[=<file>]    enter user namespace
     --user-parent      enter parent user namespace
 -T, --time[=<file>]    enter time namespace
 -S, --setuid[=<uid>]   set uid in entered namespace
 -G, --setgid[=<gid>]   set gid in entered namespace
     --preserve-credentials do not touch uids or gids
     --keep-caps        retain capabilities granted in user namespaces
 -r, --root[=<dir>]     set the root directory
 -w, --wd[=<dir>]       set the working directory
 -W, --wdns <dir>       set the working directory in namespace
 -e, --env              inherit environment variables from target process
 -F, --no-fork          do not fork before exec'ing <program>
 -c, --join-cgroup      join the cgroup of the target process

 -h, --help             display this help
 -V, --version          display version

For more details see nsenter(1).
`

/** namespace_files order (user first) and the /proc/PID/ns file of each. */
const NS_ORDER = ['U', 'C', 'i', 'u', 'n', 'p', 'm', 'T'] as const
const NS_FILE: Readonly<Record<string, string>> = {
  U: 'user',
  C: 'cgroup',
  i: 'ipc',
  u: 'uts',
  n: 'net',
  p: 'pid',
  m: 'mnt',
  T: 'time',
}

type Parsed = {
  /** Namespace letters asked for, with the file given (undefined: the target's). */
  readonly namespaces: Map<string, string | undefined>
  readonly target?: string
  readonly program: readonly string[]
}

const tryHelp = (msg: string): CommandOutput =>
  fail(`nsenter: ${msg}\nTry 'nsenter --help' for more information.\n`, 1)

/** getopt_long with "+" (options end at the first non-option). */
function parse(argv: readonly string[]): Parsed | CommandOutput {
  const namespaces = new Map<string, string | undefined>()
  let target: string | undefined
  let all = false
  let i = 0
  const take = (letter: string, value: string | undefined): CommandOutput | undefined => {
    if (NS_SHORT.has(letter)) namespaces.set(letter, value?.replace(/^=/, ''))
    else if (letter === 't') target = value
    else if (letter === 'a') all = true
    return undefined
  }
  for (; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (a === '--') {
      i++
      break
    }
    if (!a.startsWith('-') || a === '-') break
    if (a.startsWith('--')) {
      const eq = a.indexOf('=')
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq)
      const value = eq < 0 ? undefined : a.slice(eq + 1)
      const matches = [...Object.keys(NS_LONG), ...FLAGS_LONG, ...Object.keys(VALUE_LONG), 'help']
        .concat('version')
        .filter((o) => o.startsWith(name))
      const exact = matches.includes(name) ? name : matches.length === 1 ? matches[0] : undefined
      if (exact === undefined) {
        return matches.length > 1
          ? tryHelp(`option '${a.split('=')[0] ?? a}' is ambiguous`)
          : tryHelp(`unrecognized option '${a}'`)
      }
      if (exact === 'help') return { stdout: USAGE, stderr: '', exitCode: 0 }
      if (exact === 'version')
        return { stdout: 'nsenter from util-linux 2.39.3\n', stderr: '', exitCode: 0 }
      if (FLAGS_LONG.has(exact)) {
        if (value !== undefined) return tryHelp(`option '--${exact}' doesn't allow an argument`)
        if (exact === 'all') take('a', undefined)
        continue
      }
      let v = value
      if (REQUIRED_LONG.has(exact) && v === undefined) {
        v = argv[++i]
        if (v === undefined) return tryHelp(`option '--${exact}' requires an argument`)
      }
      const bad = take(NS_LONG[exact] ?? VALUE_LONG[exact] ?? '', v)
      if (bad) return bad
      continue
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j] ?? ''
      const rest = a.slice(j + 1)
      if (c === 'h') return { stdout: USAGE, stderr: '', exitCode: 0 }
      if (c === 'V') return { stdout: 'nsenter from util-linux 2.39.3\n', stderr: '', exitCode: 0 }
      if (FLAGS_SHORT.has(c)) {
        take(c, undefined)
        continue
      }
      const kind = NS_SHORT.has(c) ? 'optional' : VALUE_SHORT[c]
      if (kind === undefined) return tryHelp(`invalid option -- '${c}'`)
      let v: string | undefined = rest === '' ? undefined : rest
      if (kind === 'required' && v === undefined) {
        v = argv[++i]
        if (v === undefined) return tryHelp(`option requires an argument -- '${c}'`)
      }
      const bad = take(c, v)
      if (bad) return bad
      break
    }
  }
  // --all: every namespace not given a file, taken from the target.
  if (all) for (const n of NS_ORDER) if (!namespaces.has(n)) namespaces.set(n, undefined)
  return { namespaces, ...(target === undefined ? {} : { target }), program: argv.slice(i) }
}

/** The network namespace a file names: Docker's and `ip netns`'s mounts, or /proc/PID/ns/net. */
function netnsAtPath(ctx: CommandContext, path: string): NetnsId | undefined {
  const kernel = ctx.engine.world.hosts[ctx.host]?.kernel
  const full = path.replace(/^\/run\//, '/var/run/').replace(/\/+$/, '')
  const proc = /^\/proc\/(\d+|self)\/ns\/net$/.exec(full)
  if (proc) return proc[1] === 'self' ? ctx.netns : getProcess(kernel, Number(proc[1]))?.netns
  return allNetns(kernel).find((ns) => ns.path !== '' && ns.path === full)?.id
}

export const nsenter: Program = (ctx, argv) => {
  const parsed = parse(argv)
  if ('exitCode' in parsed) return parsed
  const { namespaces, target, program } = parsed
  let netns = ctx.netns
  const kernel = ctx.engine.world.hosts[ctx.host]?.kernel
  // Files are opened as the options are read (enable_namespace), before the target's.
  for (const [letter, file] of namespaces) {
    if (file === undefined || letter !== 'n') continue
    const found = netnsAtPath(ctx, file)
    if (found === undefined)
      return fail(`nsenter: cannot open ${file}: No such file or directory\n`, 1)
    netns = found
  }
  if (target !== undefined && !/^\d+$/.test(target))
    return fail(`nsenter: failed to parse pid: '${target}'\n`, 1)
  const fromTarget = NS_ORDER.filter((n) => namespaces.has(n) && namespaces.get(n) === undefined)
  if (fromTarget.length && target === undefined)
    return fail('nsenter: no target PID specified\n', 1)
  if (target !== undefined && fromTarget[0]) {
    const process = getProcess(kernel, Number(target))
    // No such process: pidfd_open fails, then opening its first namespace file too.
    if (!process) {
      const file = `/proc/${target}/ns/${NS_FILE[fromTarget[0]] ?? ''}`
      return fail(`nsenter: cannot open ${file}: No such file or directory\n`, 1)
    }
    if (fromTarget.includes('n')) netns = process.netns
  }
  if (namespaces.size === 0) return fail('nsenter: no namespace specified\n', 1)
  if (program.length === 0)
    return fail('nsenter: an interactive shell in another namespace is not simulated here\n', 1)
  const inside: CommandContext = {
    engine: ctx.engine,
    host: ctx.host,
    netns,
    userland: 'host',
    shell: ctx.shell,
    ...(ctx.stdin === undefined ? {} : { stdin: ctx.stdin }),
  }
  return (
    ctx.shell.runProgram(inside, program) ??
    fail(`nsenter: failed to execute ${program[0] ?? ''}: No such file or directory\n`, 127)
  )
}
