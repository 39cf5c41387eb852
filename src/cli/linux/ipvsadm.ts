// `ipvsadm -L|-l [-n] [-f FWMARK] [--stats|--rate|--thresholds|--persistent-conn] [--nosort]`,
// `-S` (save), `-c`, `--timeout`, `--daemon`, `-v`: the IPVS table of the shell's network
// namespace as ipvsadm 1.31 prints it (ipvsadm.c parse_options / generic_opt_check / list_all /
// print_title / print_service_entry, libipvs ipvs_cmp_services / ipvs_cmp_dests). Docker keeps
// firewall-mark services in its load-balancer namespaces (`nsenter
// --net=/var/run/docker/netns/lb_… ipvsadm -ln`, `…/ingress_sbox`). Without `-n` ipvsadm looks
// the addresses up in DNS; task addresses have no reverse entries, and a firewall-mark service
// or port 0 has no name, so the listing is the same. The shell is root, so the "must be root"
// failure of ipvs_init never happens; the counters stay 0 (the simulator keeps none for IPVS).

import { formatIpv4, getNetns, type IpvsService } from '../../engine'
import { fail, out, type CommandOutput } from '../output'
import type { Program } from '../program'

const VERSION = 'ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n'
const TRY = "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n"

/** fail(): the message and a newline on stderr, exit status 2. */
const failure = (msg: string): CommandOutput => fail(`${msg}\n`, 2)

/** The popt table: long name, short letter (or a tag), whether it takes an argument. */
const OPTIONS: readonly (readonly [string, string, boolean])[] = [
  ['add-service', 'A', false],
  ['edit-service', 'E', false],
  ['delete-service', 'D', false],
  ['clear', 'C', false],
  ['list', 'L', false],
  ['zero', 'Z', false],
  ['add-server', 'a', false],
  ['edit-server', 'e', false],
  ['delete-server', 'd', false],
  ['set', 'set', false],
  ['help', 'h', false],
  ['version', 'v', false],
  ['restore', 'R', false],
  ['save', 'S', false],
  ['start-daemon', 'start-daemon', true],
  ['stop-daemon', 'stop-daemon', true],
  ['tcp-service', 't', true],
  ['udp-service', 'u', true],
  ['fwmark-service', 'f', true],
  ['scheduler', 's', true],
  ['persistent', 'p', false],
  ['netmask', 'M', true],
  ['real-server', 'r', true],
  ['masquerading', 'm', false],
  ['ipip', 'i', false],
  ['gatewaying', 'g', false],
  ['weight', 'w', true],
  ['u-threshold', 'x', true],
  ['l-threshold', 'y', true],
  ['numeric', 'n', false],
  ['connection', 'c', false],
  ['mcast-interface', 'mcast-interface', true],
  ['syncid', 'syncid', true],
  ['timeout', 'timeout', false],
  ['daemon', 'daemon', false],
  ['stats', 'stats', false],
  ['rate', 'rate', false],
  ['thresholds', 'thresholds', false],
  ['persistent-conn', 'persistent-conn', false],
  ['nosort', 'nosort', false],
  ['sort', 'sort', false],
  ['exact', 'X', false],
  ['ipv6', '6', false],
  ['ops', 'o', false],
]

/** optnames[] of the options the list command cares about, and what it allows of each. */
const LIST_OPTIONS: Readonly<Record<string, { name: string; rule: ' ' | '1' | 'x' }>> = {
  n: { name: 'numeric', rule: ' ' },
  c: { name: 'connection', rule: '1' },
  t: { name: 'service-address', rule: '1' },
  u: { name: 'service-address', rule: '1' },
  f: { name: 'service-address', rule: '1' },
  s: { name: 'scheduler', rule: 'x' },
  p: { name: 'persistent', rule: 'x' },
  M: { name: 'netmask', rule: 'x' },
  r: { name: 'real-server', rule: 'x' },
  m: { name: 'forwarding-method', rule: 'x' },
  i: { name: 'forwarding-method', rule: 'x' },
  g: { name: 'forwarding-method', rule: 'x' },
  w: { name: 'weight', rule: 'x' },
  x: { name: 'u-threshold', rule: 'x' },
  y: { name: 'l-threshold', rule: 'x' },
  'mcast-interface': { name: 'mcast-interface', rule: 'x' },
  timeout: { name: 'timeout', rule: '1' },
  daemon: { name: 'daemon', rule: '1' },
  stats: { name: 'stats', rule: ' ' },
  rate: { name: 'rate', rule: ' ' },
  thresholds: { name: 'thresholds', rule: ' ' },
  'persistent-conn': { name: 'persistent-conn', rule: ' ' },
  nosort: { name: 'nosort', rule: ' ' },
  syncid: { name: 'syncid', rule: ' ' },
  X: { name: 'exact', rule: ' ' },
  o: { name: 'ops', rule: 'x' },
}

const COMMANDS = new Set(['A', 'E', 'D', 'C', 'L', 'Z', 'a', 'e', 'd', 'set', 'R', 'S'])
const COMMAND_NAMES: Readonly<Record<string, string>> = { L: 'list', S: 'save' }

type Token = { readonly key: string; readonly shown: string; readonly arg?: string }

/** poptGetNextOpt over argv: the options in order, the leftover arguments, or popt's error. */
function tokenize(argv: readonly string[]): { tokens: Token[]; args: string[] } | CommandOutput {
  const tokens: Token[] = []
  const args: string[] = []
  const unknown = (shown: string): CommandOutput =>
    tokens.length === 0 ? fail(TRY, 255) : fail(`${shown}: unknown option\n`, 255)
  const missing = (shown: string): CommandOutput =>
    tokens.length === 0 ? fail(TRY, 255) : fail(`${shown}: missing argument\n`, 255)
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (a === '--') {
      args.push(...argv.slice(i + 1))
      break
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=')
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq)
      const opt = OPTIONS.find(([n]) => n === name)
      if (!opt) return unknown(a)
      let arg = eq < 0 ? undefined : a.slice(eq + 1)
      if (opt[2] && arg === undefined) {
        if (i + 1 >= argv.length) return missing(a)
        arg = argv[++i]
      }
      tokens.push({ key: opt[1], shown: a, ...(arg === undefined ? {} : { arg }) })
      continue
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j] ?? ''
        const key = c === 'l' ? 'L' : c
        const opt = OPTIONS.find(([, s]) => s === key && s.length === 1)
        if (!opt) return unknown(`-${c}`)
        if (!opt[2]) {
          tokens.push({ key, shown: `-${c}` })
          continue
        }
        let arg = a.slice(j + 1)
        if (arg === '') {
          if (i + 1 >= argv.length) return missing(`-${c}`)
          arg = argv[++i] ?? ''
        }
        tokens.push({ key, shown: `-${c}`, arg })
        break
      }
      continue
    }
    args.push(a)
  }
  return { tokens, args }
}

/** libipvs ipvs_cmp_services (fwmark first) and ipvs_cmp_dests (address, then port). */
function sorted(services: readonly IpvsService[]): IpvsService[] {
  return [...services]
    .sort((a, b) => a.fwmark - b.fwmark)
    .map((s) => ({
      ...s,
      dests: [...s.dests].sort((x, y) => (x.addr >>> 0) - (y.addr >>> 0) || x.port - y.port),
    }))
}

type Format = 'plain' | 'stats' | 'rate' | 'thresholds' | 'persistent-conn' | 'rule'

const TITLES: Readonly<Record<Exclude<Format, 'rule'>, string>> = {
  plain:
    'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n',
  stats: `${'Prot LocalAddress:Port'.padEnd(33)} ${['Conns', 'InPkts', 'OutPkts', 'InBytes', 'OutBytes'].map((h) => h.padStart(8)).join(' ')}\n  -> RemoteAddress:Port\n`,
  rate: `${'Prot LocalAddress:Port'.padEnd(33)} ${['CPS', 'InPPS', 'OutPPS', 'InBPS', 'OutBPS'].map((h) => h.padStart(8)).join(' ')}\n  -> RemoteAddress:Port\n`,
  thresholds: `${'Prot LocalAddress:Port'.padEnd(33)} ${['Uthreshold', 'Lthreshold', 'ActiveConn', 'InActConn'].map((h) => h.padEnd(10)).join(' ')}\n  -> RemoteAddress:Port\n`,
  'persistent-conn': `${'Prot LocalAddress:Port'.padEnd(33)} ${'Weight'.padEnd(9)} ${'PersistConn'.padEnd(11)} ${'ActiveConn'.padEnd(10)} ${'InActConn'.padEnd(10)}\n  -> RemoteAddress:Port\n`,
}

/** print_service_entry, every counter 0 (print_largenum: `%9llu`). */
function serviceEntry(s: IpvsService, format: Format): string {
  const zeros = (n: number): string => '0'.padStart(9).repeat(n)
  const name = `FWM  ${s.fwmark}`
  let text =
    format === 'rule'
      ? `-A -f ${s.fwmark} -s ${s.scheduler}\n`
      : format === 'stats' || format === 'rate'
        ? `${name.padEnd(33)}${zeros(5)}\n`
        : `${name} ${s.scheduler}\n`
  for (const d of s.dests) {
    const dname = `${formatIpv4(d.addr)}:${d.port}`.slice(0, 28)
    switch (format) {
      case 'rule':
        text += `-a -f ${s.fwmark} -r ${dname} -m -w ${d.weight}\n`
        break
      case 'stats':
        text += `  -> ${dname.padEnd(28)}${zeros(5)}\n`
        break
      case 'rate':
        text += `  -> ${dname.padEnd(28)} ${'0'.padStart(8)} ${'0'.padStart(8)} ${'0'.padStart(8)}${zeros(2)}\n`
        break
      case 'thresholds':
        text += `  -> ${dname.padEnd(28)} ${'0'.padEnd(10)} ${'0'.padEnd(10)} ${'0'.padEnd(10)} ${'0'.padEnd(10)}\n`
        break
      case 'persistent-conn':
        text += `  -> ${dname.padEnd(28)} ${String(d.weight).padEnd(9)} ${'0'.padEnd(11)} ${'0'.padEnd(10)} ${'0'.padEnd(10)}\n`
        break
      default:
        text += `  -> ${dname.padEnd(28)} ${d.forward.padEnd(7)} ${String(d.weight).padEnd(6)} ${'0'.padEnd(10)} ${'0'.padEnd(10)}\n`
    }
  }
  return text
}

function listAll(services: readonly IpvsService[], format: Format): string {
  const head = format === 'rule' ? '' : 'IP Virtual Server version 1.2.1 (size=4096)\n'
  const title = format === 'rule' ? '' : TITLES[format]
  return head + title + services.map((s) => serviceEntry(s, format)).join('')
}

export const runIpvsadm: Program = (ctx, argv) => {
  const kernel = ctx.engine.world.hosts[ctx.host]?.kernel
  const table = getNetns(kernel, ctx.netns)?.ipvs ?? []
  // main(): no argument at all lists the table (names looked up, see above).
  if (argv.length === 0) return out(listAll(sorted(table), 'plain'))
  const parsed = tokenize(argv)
  if ('exitCode' in parsed) return parsed
  const [first, ...rest] = parsed.tokens
  if (!first) return fail(TRY, 255)
  if (first.key === 'v') return out(VERSION)
  if (first.key === 'h') return fail('ipvsadm: --help is not simulated here\n', 1)
  if (!COMMANDS.has(first.key)) return fail(TRY, 255)
  const command = COMMAND_NAMES[first.key]
  if (command === undefined) return fail(`ipvsadm: only listing (-L, -S) is simulated here\n`, 1)
  const seen = new Map<string, string>()
  let fwmark: number | undefined
  let format: Format = command === 'save' ? 'rule' : 'plain'
  let sort = true
  for (const t of rest) {
    if (COMMANDS.has(t.key) || t.key === 'h' || t.key === 'v')
      return failure(`invalid option \`${t.shown}'`)
    const info = LIST_OPTIONS[t.key]
    const optName = info?.name ?? t.key
    if ([...seen.values()].includes(optName) && t.key !== 'sort')
      return failure(`multiple '${optName}' options specified`)
    seen.set(t.key, optName)
    if (t.key === 'f') {
      const n = /^\d+$/.test(t.arg ?? '') ? Number(t.arg) : 0
      if (n <= 0 || n > 0xffffffff)
        return failure(`invalid fwmark value \`${t.arg ?? ''}' specified`)
      fwmark = n
    }
    if (['stats', 'rate', 'thresholds', 'persistent-conn'].includes(t.key) && format !== 'rule')
      format = t.key as Format
    if (t.key === 'nosort') sort = false
  }
  // generic_opt_check against commands_v_options: list allows -n and the listing formats;
  // save only -n.
  let exclusive: string | undefined
  for (const t of rest) {
    if (t.key === 'sort') continue
    const info = LIST_OPTIONS[t.key]
    const name = info?.name ?? t.key
    const rule = command === 'save' ? (t.key === 'n' ? ' ' : 'x') : (info?.rule ?? 'x')
    if (rule === 'x') return failure(`Illegal '${name}' option with the '${command}' command`)
    if (rule === '1') {
      if (exclusive !== undefined && exclusive !== name)
        return failure(
          `The option '${name}' conflicts with the '${exclusive}' option in the '${command}' command`,
        )
      exclusive = name
    }
  }
  if (parsed.args[0] !== undefined) return failure(`unexpected argument ${parsed.args[0]}`)
  const services = sort ? sorted(table) : [...table]
  const keys = new Set(rest.map((t) => t.key))
  if (keys.has('c') || keys.has('timeout') || keys.has('daemon')) {
    if (['stats', 'rate', 'thresholds', 'persistent-conn'].some((k) => keys.has(k)))
      return failure('options conflicts in the list command')
  }
  if (keys.has('c'))
    return out(
      `IPVS connection entries\npro expire ${'state'.padEnd(11)} ${'source'.padEnd(18)} ${'virtual'.padEnd(18)} destination\n`,
    )
  if (keys.has('timeout')) return out('Timeout (tcp tcpfin udp): 900 120 300\n')
  if (keys.has('daemon')) return out('')
  if (keys.has('t') || keys.has('u') || fwmark !== undefined) {
    const one = fwmark === undefined ? undefined : services.find((s) => s.fwmark === fwmark)
    if (!one) return fail('No such service\n', 1)
    return out((format === 'rule' ? '' : TITLES[format]) + serviceEntry(one, format))
  }
  return out(listAll(services, format))
}
