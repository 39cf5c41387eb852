// `conntrack -L|-C|-F [-p PROTO] [-s IP] [-d IP]`: the connection tracking table of the shell's
// namespace, as conntrack-tools 1.4.7 prints it (src/conntrack.c do_parse / print_stats /
// exit_error) through libnetfilter_conntrack 1.0.9's default format
// (src/conntrack/snprintf_default.c): protocol name padded to 8 and number, seconds left, the TCP
// state, the original tuple, `[UNREPLIED]`, the reply tuple, `[ASSURED]`, `mark=0 use=1`.

import {
  formatIpv4,
  getNetns,
  liveEntries,
  parseIpv4,
  type ConntrackEntry,
  type CtTuple,
} from '../../engine'
import { fail, out, type CommandOutput } from '../output'
import type { Program } from '../program'

const PREFIX = 'conntrack v1.4.7 (conntrack-tools): '
const TRY = "Try `conntrack -h' or 'conntrack --help' for more information.\n"
const problem = (msg: string): CommandOutput => fail(`${PREFIX}${msg}\n${TRY}`, 2)

/** IANA protocol numbers of the protocols conntrack-tools has handlers for. */
const PROTOCOLS: Readonly<Record<string, number>> = {
  tcp: 6,
  udp: 17,
  icmp: 1,
  sctp: 132,
  udplite: 136,
  dccp: 33,
  gre: 47,
  icmpv6: 58,
}

type Command = 'L' | 'C' | 'F' | 'V' | 'h'

/** The tables conntrack-tools knows; only the conntrack table has entries here. */
type CtTable = 'conntrack' | 'expect' | 'dying' | 'unconfirmed'
const TABLES: readonly CtTable[] = ['expect', 'conntrack', 'dying', 'unconfirmed']

type Parsed = {
  command?: Command
  table: CtTable
  proto?: number
  src?: number
  dst?: number
  family?: 'ipv4' | 'ipv6'
  extended: boolean
}

const LONG: Readonly<Record<string, string>> = {
  dump: 'L',
  count: 'C',
  flush: 'F',
  version: 'V',
  help: 'h',
  protonum: 'p',
  proto: 'p',
  src: 's',
  'orig-src': 's',
  dst: 'd',
  'orig-dst': 'd',
  family: 'f',
  output: 'o',
}

const WITH_VALUE = 'psdfo'

function parse(argv: readonly string[]): Parsed | CommandOutput {
  const p: Parsed = { table: 'conntrack', extended: false }
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? ''
    const letter = word.startsWith('--')
      ? LONG[word.slice(2)]
      : /^-[A-Za-z]$/.test(word)
        ? word[1]
        : undefined
    if (letter === undefined || !'LCFVhpsdfo'.includes(letter))
      return problem(`unknown option \`${word}'`)
    if ('LCFVh'.includes(letter)) {
      if (p.command !== undefined) return problem('Invalid commands combination')
      p.command = letter as Command
      // check_type: an optional table name, any prefix of one (an empty one is `expect`).
      const next = argv[i + 1]
      if (next !== undefined && !next.startsWith('-') && !next.startsWith('!')) {
        const table = TABLES.find((t) => t.startsWith(next))
        if (table === undefined) return problem(`unknown type \`${next}'`)
        if (letter !== 'L' && (table === 'dying' || table === 'unconfirmed'))
          return problem("Can't do that command with tables `dying' and `unconfirmed'")
        p.table = table
        i++
      }
      continue
    }
    if (!WITH_VALUE.includes(letter)) continue
    const value = argv[++i]
    if (value === undefined) return problem(`option \`${word}' requires an argument`)
    const r = option(p, letter, value)
    if (r) return r
  }
  return p
}

function option(p: Parsed, letter: string, value: string): CommandOutput | undefined {
  switch (letter) {
    case 'p': {
      const proto = PROTOCOLS[value.toLowerCase()] ?? (/^\d+$/.test(value) ? Number(value) : NaN)
      if (Number.isNaN(proto)) return problem(`\`${value}' unsupported protocol`)
      p.proto = proto
      return undefined
    }
    case 's':
    case 'd': {
      const ip = parseIpv4(value)
      if (ip === undefined) return problem(`Bad parameter \`${value}'`)
      if (letter === 's') p.src = ip
      else p.dst = ip
      return undefined
    }
    case 'f':
      if (!value.startsWith('ipv4') && !value.startsWith('ipv6'))
        return problem(`\`${value}' unsupported protocol`)
      p.family = value.startsWith('ipv4') ? 'ipv4' : 'ipv6'
      return undefined
    case 'o':
      p.extended = value.split(',').includes('extended')
      return undefined
  }
  return undefined
}

function tupleText(t: CtTuple): string {
  const addrs = `src=${formatIpv4(t.src)} dst=${formatIpv4(t.dst)} `
  if ('sport' in t) return `${addrs}sport=${t.sport} dport=${t.dport} `
  return `${addrs}type=${t.type} code=${t.code} id=${t.id} `
}

/** One entry in libnetfilter_conntrack's default format (`-o extended` adds the family). */
export function entryLine(e: ConntrackEntry, now: number, extended = false): string {
  const l3 = extended ? `${'ipv4'.padEnd(8)} 2 ` : ''
  const state = e.state === undefined ? '' : `${e.state} `
  return (
    `${l3}${e.proto.padEnd(8)} ${PROTOCOLS[e.proto]} ${Math.max(e.expires - now, 0)} ${state}` +
    tupleText(e.orig) +
    (e.seenReply ? '' : '[UNREPLIED] ') +
    tupleText(e.reply) +
    (e.assured ? '[ASSURED] ' : '') +
    'mark=0 use=1'
  )
}

function selected(e: ConntrackEntry, p: Parsed): boolean {
  if (p.family === 'ipv6') return false
  if (p.proto !== undefined && PROTOCOLS[e.proto] !== p.proto) return false
  if (p.src !== undefined && e.orig.src !== p.src) return false
  return p.dst === undefined || e.orig.dst === p.dst
}

const USAGE =
  "Command line interface for the connection tracking system. Version 1.4.7\nUsage: conntrack [commands] [options]\n\nCommands:\n  -L [table] [options]\t\tList conntrack or expectation table\n  -G [table] parameters\t\tGet conntrack or expectation\n  -D [table] parameters\t\tDelete conntrack or expectation\n  -I [table] parameters\t\tCreate a conntrack or expectation\n  -U [table] parameters\t\tUpdate a conntrack\n  -E [table] [options]\t\tShow events\n  -F [table]\t\t\tFlush table\n  -C [table]\t\t\tShow counter\n  -S\t\t\t\tShow statistics\n\nTables: conntrack, expect, dying, unconfirmed\n\nConntrack parameters and options:\n  -n, --src-nat ip\t\t\tsource NAT ip\n  -g, --dst-nat ip\t\t\tdestination NAT ip\n  -j, --any-nat ip\t\t\tsource or destination NAT ip\n  -m, --mark mark\t\t\tSet mark\n  -c, --secmark secmark\t\t\tSet selinux secmark\n  -e, --event-mask eventmask\t\tEvent mask, eg. NEW,DESTROY\n  -z, --zero \t\t\t\tZero counters while listing\n  -o, --output type[,...]\t\tOutput format, eg. xml\n  -l, --label label[,...]\t\tconntrack labels\n\nExpectation parameters and options:\n  --tuple-src ip\tSource address in expect tuple\n  --tuple-dst ip\tDestination address in expect tuple\n\nUpdating parameters and options:\n  --label-add label\tAdd label\n  --label-del label\tDelete label\n\nCommon parameters and options:\n  -s, --src, --orig-src ip\t\tSource address from original direction\n  -d, --dst, --orig-dst ip\t\tDestination address from original direction\n  -r, --reply-src ip\t\tSource addres from reply direction\n  -q, --reply-dst ip\t\tDestination address from reply direction\n  -p, --protonum proto\t\tLayer 4 Protocol, eg. 'tcp'\n  -f, --family proto\t\tLayer 3 Protocol, eg. 'ipv6'\n  -t, --timeout timeout\t\tSet timeout\n  -u, --status status\t\tSet status, eg. ASSURED\n  -w, --zone value\t\tSet conntrack zone\n  --orig-zone value\t\tSet zone for original direction\n  --reply-zone value\t\tSet zone for reply direction\n  -b, --buffer-size\t\tNetlink socket buffer size\n  --mask-src ip\t\t\tSource mask address\n  --mask-dst ip\t\t\tDestination mask address\n\n"

export const runConntrack: Program = (ctx, argv) => {
  const p = parse(argv)
  if ('exitCode' in p) return p
  const ns = getNetns(ctx.engine.world.hosts[ctx.host]?.kernel, ctx.netns)
  if (!ns) return fail(`${PREFIX}Can't open handler\n`, 1)
  const now = ctx.engine.world.clock
  // Nothing here uses helpers (no expectations) and nothing is left dying or unconfirmed.
  const live = p.table === 'conntrack' ? liveEntries(ns.conntrack, now) : []
  if (p.table === 'expect' && p.command === 'L')
    return fail(`${PREFIX}0 expectations have been shown.\n`, 0)
  if (p.table === 'expect' && p.command === 'F')
    return fail(`${PREFIX}expectation table has been emptied.\n`, 0)
  switch (p.command) {
    case 'L': {
      const shown = live.filter((e) => selected(e, p))
      const stdout = shown.map((e) => `${entryLine(e, now, p.extended)}\n`).join('')
      const stderr = `${PREFIX}${shown.length} flow entries have been shown.\n`
      return { stdout, stderr, exitCode: 0 }
    }
    case 'C':
      return out(`${live.length}\n`)
    case 'F': {
      if (ns.conntrack.length > 0) {
        ctx.engine.transact((tx) => {
          tx.apply({ kind: 'ct.flush', host: ctx.host, netns: ctx.netns })
          return { ok: true, value: undefined }
        })
      }
      return fail(`${PREFIX}connection tracking table has been emptied.\n`, 0)
    }
    case 'V':
      return out('conntrack v1.4.7 (conntrack-tools)\n')
    case 'h':
    case undefined:
      break
  }
  return out(USAGE)
}
