// `iptables [-t TABLE] -L|-S [CHAIN [RULENUM]] [-n] [-v] [-x] [--line-numbers]` and `-Z
// [CHAIN]` (alone, or zeroing after the listing): the listing commands of iptables-nft and the
// counters' reset, with getopt_long's option handling and iptables' error texts.
// Mirrors iptables 1.8.9 iptables/xshared.c do_parse and iptables/xtables.c do_command.

import { getNetns } from '../../engine'
import { BUILTIN_CHAINS, TABLE_NAMES, parseIpv4, type TableName } from '../../engine'
import { fail, out, type CommandOutput } from '../output'
import type { Program } from '../program'
import { listChains, listRuleSpecs, type ListFormat } from './iptables-list'
import { orderedChains } from './iptables-rule'
import { tableOf } from './iptables-save'
import { isChange, runIptablesChange } from './iptables-change'
import { IPTABLES_HELP } from './usage-texts'

const PREFIX = 'iptables v1.8.9 (nf_tables): '
const TRY = "Try `iptables -h' or 'iptables --help' for more information.\n"
const problem = (msg: string): CommandOutput => fail(`${PREFIX}${msg}\n${TRY}`, 2)

/** getopt_long's table: the option, its short letter and whether it takes a value. */
const LONG: readonly (readonly [string, string, 'none' | 'required' | 'optional'])[] = [
  ['append', 'A', 'required'],
  ['delete', 'D', 'required'],
  ['check', 'C', 'required'],
  ['insert', 'I', 'required'],
  ['replace', 'R', 'required'],
  ['list', 'L', 'optional'],
  ['list-rules', 'S', 'optional'],
  ['flush', 'F', 'optional'],
  ['zero', 'Z', 'optional'],
  ['new-chain', 'N', 'required'],
  ['delete-chain', 'X', 'optional'],
  ['rename-chain', 'E', 'required'],
  ['policy', 'P', 'required'],
  ['source', 's', 'required'],
  ['destination', 'd', 'required'],
  ['protocol', 'p', 'required'],
  ['in-interface', 'i', 'required'],
  ['jump', 'j', 'required'],
  ['table', 't', 'required'],
  ['match', 'm', 'required'],
  ['numeric', 'n', 'none'],
  ['out-interface', 'o', 'required'],
  ['verbose', 'v', 'none'],
  ['wait', 'w', 'optional'],
  ['wait-interval', 'W', 'optional'],
  ['exact', 'x', 'none'],
  ['version', 'V', 'none'],
  ['help', 'h', 'optional'],
  ['line-numbers', '0', 'none'],
  ['modprobe', 'M', 'required'],
  ['set-counters', 'c', 'required'],
  ['goto', 'g', 'required'],
  ['ipv4', '4', 'none'],
  ['ipv6', '6', 'none'],
]

const SHORT_REQUIRED = 'ACDRIMNEPopsdjitmcg'
const SHORT_OPTIONAL = 'LSFZXhwW'
const SHORT_NONE = 'Vbvnx46'
const RULE_OPTIONS = 'psdjiomcg'

type Parsed = {
  command?: 'L' | 'S'
  /** -Z: zero the counters (after listing them, with -L or -S). */
  zero: boolean
  table: string
  chain?: string
  ruleNumber?: number
  numeric: boolean
  verbose: boolean
  exact: boolean
  lineNumbers: boolean
}

function findLong(name: string): (typeof LONG)[number] | undefined {
  const exact = LONG.find(([n]) => n === name)
  if (exact) return exact
  const hits = LONG.filter(([n]) => n.startsWith(name))
  return hits.length === 1 ? hits[0] : undefined
}

/** Walks argv like getopt_long with iptables' optional-argument rule (the next word counts
 * as the chain, then the rule number, unless it starts with `-` or `!`). */
function parse(argv: readonly string[]): Parsed | CommandOutput {
  const p: Parsed = {
    zero: false,
    table: 'filter',
    numeric: false,
    verbose: false,
    exact: false,
    lineNumbers: false,
  }
  const nextIsArg = (i: number): boolean => {
    const w = argv[i]
    return w !== undefined && !w.startsWith('-') && !w.startsWith('!')
  }
  const events: { letter: string; value?: string; word: string; at: number }[] = []
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string
    if (word === '!') continue
    if (!word.startsWith('-') || word === '-') return fail(`Bad argument \`${word}'\n${TRY}`, 2)
    if (word.startsWith('--')) {
      const [name = '', inline] = word.slice(2).split(/=(.*)/s)
      const opt = findLong(name)
      if (!opt) return problem(`unknown option "${word}"`)
      const [, letter, kind] = opt
      let value = inline
      if (kind === 'required' && value === undefined) {
        value = argv[++i]
        if (value === undefined) return problem(`option "${word}" requires an argument`)
      }
      events.push({ letter, ...(value === undefined ? {} : { value }), word, at: i })
      continue
    }
    for (let j = 1; j < word.length; j++) {
      const letter = word[j] as string
      const rest = word.slice(j + 1)
      if (SHORT_NONE.includes(letter)) events.push({ letter, word, at: i })
      else if (SHORT_OPTIONAL.includes(letter) || SHORT_REQUIRED.includes(letter)) {
        let value: string | undefined = rest === '' ? undefined : rest
        if (value === undefined && SHORT_REQUIRED.includes(letter)) {
          value = argv[++i]
          if (value === undefined) return problem(`option "-${letter}" requires an argument`)
        }
        events.push({ letter, ...(value === undefined ? {} : { value }), word, at: i })
        break
      } else return problem(`unknown option "${word}"`)
    }
    const last = events[events.length - 1]
    if (
      last &&
      last.at === i &&
      (last.letter === 'L' || last.letter === 'S' || last.letter === 'Z') &&
      last.value === undefined
    ) {
      if (nextIsArg(i + 1)) {
        last.value = argv[++i] as string
        last.at = i
      }
      if (nextIsArg(i + 1)) {
        const n = argv[++i] as string
        if (!/^\d+$/.test(n) || Number(n) === 0) return problem(`Invalid rule number \`${n}'`)
        p.ruleNumber = Number(n)
      }
    }
  }
  for (const e of events) {
    if (e.letter === 'Z') {
      // -Z goes with -L and -S (xshared.c add_command: CMD_ZERO, CMD_LIST|CMD_LIST_RULES).
      p.zero = true
      if (e.value !== undefined) p.chain = e.value
    } else if ('LSAIDCRFNXEP'.includes(e.letter)) {
      if (e.letter !== 'L' && e.letter !== 'S') return problem(`unknown option "${e.word}"`)
      if (p.command !== undefined && p.command !== e.letter) {
        return problem(`Cannot use -${e.letter} with -${p.command}`)
      }
      p.command = e.letter
      if (e.value !== undefined) p.chain = e.value
    } else if (e.letter === 't') p.table = e.value ?? p.table
    else if (e.letter === 'n') p.numeric = true
    else if (e.letter === 'v') p.verbose = true
    else if (e.letter === 'x') p.exact = true
    else if (e.letter === '0') p.lineNumbers = true
    else if (e.letter === 'V') return out('iptables v1.8.9 (nf_tables)\n')
    else if (e.letter === 'h') return out(IPTABLES_HELP)
    else if (RULE_OPTIONS.includes(e.letter) && p.command !== undefined) {
      return problem(`Illegal option \`-${e.letter}' with this command`)
    }
  }
  if (p.command === undefined && !p.zero) return problem('no command specified')
  return p
}

const NETWORKS: Readonly<Record<string, string>> = {
  '127.0.0.0': 'loopback',
  '169.254.0.0': 'link-local',
}

/** gethostbyaddr through /etc/hosts, then getnetbyaddr through /etc/networks. */
function hostNames(etcHosts: string): (ip: number) => string | undefined {
  const hosts = new Map<number, string>()
  for (const line of etcHosts.split('\n')) {
    const [addr, name] = line.split('#')[0]?.trim().split(/\s+/) ?? []
    const ip = addr === undefined ? undefined : parseIpv4(addr)
    if (ip !== undefined && name !== undefined && !hosts.has(ip)) hosts.set(ip, name)
  }
  return (ip) => {
    const dotted = `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`
    return hosts.get(ip) ?? NETWORKS[dotted]
  }
}

const isTable = (t: string): t is TableName => (TABLE_NAMES as readonly string[]).includes(t)

export const runIptables: Program = (ctx, argv) => {
  if (isChange(argv)) return runIptablesChange(ctx, argv)
  const p = parse(argv)
  if ('exitCode' in p) return p
  if (!isTable(p.table)) {
    return fail(
      `${PREFIX}table '${p.table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`,
      3,
    )
  }
  const host = ctx.engine.world.hosts[ctx.host]
  const ns = getNetns(host?.kernel, ctx.netns)
  if (!host || !ns)
    return fail(`${PREFIX}Could not fetch rule set generation id: Invalid argument\n`, 4)
  const table = tableOf(ns, p.table)
  let chains = orderedChains(table, BUILTIN_CHAINS[p.table])
  if (p.chain !== undefined) {
    chains = chains.filter((c) => c.name === p.chain)
    if (chains.length === 0) {
      return fail(
        `${PREFIX}chain \`${p.chain}' in table \`${p.table}' is incompatible, use 'nft' tool.\n`,
        1,
      )
    }
  }
  const format: ListFormat = {
    numeric: p.numeric,
    verbose: p.verbose,
    exact: p.exact,
    lineNumbers: p.lineNumbers,
    hostName: hostNames(host.files.etcHosts),
  }
  const text =
    p.command === 'S'
      ? listRuleSpecs(chains, p.verbose, p.ruleNumber)
      : p.command === 'L'
        ? listChains(table, chains, format, p.ruleNumber)
        : ''
  if (p.zero && ns.netfilter.tables[p.table]) {
    const at = { host: ctx.host, netns: ctx.netns, table: p.table }
    ctx.engine.transact((tx) => {
      tx.apply({ kind: 'nf.zero', ...at, ...(p.chain === undefined ? {} : { chain: p.chain }) })
      return { ok: true, value: undefined }
    })
  }
  return out(text)
}
