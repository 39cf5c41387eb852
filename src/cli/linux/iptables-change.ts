// `iptables [-t TABLE] -A|-I|-D|-F|-N|-X|-P …`: the commands that change the rules, for what
// learners type (Docker's "restrict connections" recipes in DOCKER-USER, a DROP to see a trace
// stop). A rule-spec is read into the model's matches in iptables-save's order (-s -d -i -o -p,
// then the match modules as given) so that it prints and compares like Docker's own rules.
// Mirrors iptables 1.8.9 iptables/xshared.c do_parse, iptables/nft.c (the error texts of
// nft_strerror) and the extensions libxt_tcp/udp, libxt_conntrack/state, libxt_addrtype,
// libxt_DNAT/SNAT/MASQUERADE. Not modelled: other modules and targets (REJECT, LOG, …).

import {
  BUILTIN_CHAINS,
  getNetns,
  parseCidr,
  parseIpv4,
  sameRule,
  type AddrType,
  type CtState,
  type Match,
  type RuleSpec,
  type TableName,
  type OpContext,
  type Target,
} from '../../engine'
import type { CommandContext } from '../context'
import { fail, out, type CommandOutput } from '../output'

const PREFIX = 'iptables v1.8.9 (nf_tables): '
const TRY = "Try `iptables -h' or 'iptables --help' for more information.\n"
const problem = (msg: string): CommandOutput => fail(`${PREFIX}${msg}\n${TRY}`, 2)
const nft = (msg: string): CommandOutput => fail(`iptables: ${msg}.\n`, 1)

export type ChangeCommand = 'A' | 'I' | 'D' | 'F' | 'N' | 'X' | 'P'

const COMMANDS: Readonly<Record<string, ChangeCommand>> = {
  '-A': 'A',
  '--append': 'A',
  '-I': 'I',
  '--insert': 'I',
  '-D': 'D',
  '--delete': 'D',
  '-F': 'F',
  '--flush': 'F',
  '-N': 'N',
  '--new-chain': 'N',
  '-X': 'X',
  '--delete-chain': 'X',
  '-P': 'P',
  '--policy': 'P',
}

/** Whether argv holds a command this module runs (the listing ones stay with iptables.ts). */
export const isChange = (argv: readonly string[]): boolean => argv.some((w) => w in COMMANDS)

type Parsed = {
  command: ChangeCommand
  table: string
  chain?: string
  /** -I's position, -D's rule number. */
  number?: number
  /** -P's policy. */
  policy?: string
  spec: Spec
}

type Spec = {
  src?: Match
  dst?: Match
  in?: Match
  out?: Match
  proto?: Extract<Match, { kind: 'proto' }>
  modules: Match[]
  target?: string
  toDestination?: string
  toSource?: string
}

const CT_STATES: readonly CtState[] = [
  'INVALID',
  'NEW',
  'ESTABLISHED',
  'RELATED',
  'UNTRACKED',
  'SNAT',
  'DNAT',
]
const ADDR_TYPES: readonly AddrType[] = ['LOCAL', 'UNICAST', 'BROADCAST', 'MULTICAST']

function address(text: string): Extract<Match, { kind: 'src' }>['cidr'] | undefined {
  if (!text.includes('/')) {
    const ip = parseIpv4(text)
    return ip === undefined ? undefined : { addr: ip, len: 32 }
  }
  const c = parseCidr(text)
  // iptables masks the address with the prefix (10.10.0.5/24 is saved as 10.10.0.0/24).
  return c && { addr: c.len === 0 ? 0 : (c.addr & (~0 << (32 - c.len))) >>> 0, len: c.len }
}

function port(text: string): { port: number; to?: number } | undefined {
  const m = /^(\d{1,5})(?::(\d{1,5}))?$/.exec(text)
  const from = Number(m?.[1])
  const to = m?.[2] === undefined ? undefined : Number(m[2])
  if (!m || from > 65535 || (to !== undefined && (to > 65535 || to < from))) return undefined
  return to === undefined ? { port: from } : { port: from, to }
}

/** Reads argv: the command and its chain, the table, the rule-spec. */
function parse(argv: readonly string[]): Parsed | CommandOutput {
  let command: ChangeCommand | undefined
  let table = 'filter'
  let chain: string | undefined
  let number: number | undefined
  let policy: string | undefined
  const spec: Spec = { modules: [] }
  let proto: string | undefined
  let not = false
  const value = (i: number, opt: string): string | CommandOutput => {
    const v = argv[i]
    return v === undefined ? problem(`option "${opt}" requires an argument`) : v
  }
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i] ?? ''
    if (w === '!') {
      not = true
      continue
    }
    const negated = not
    not = false
    const cmd = COMMANDS[w]
    if (cmd) {
      if (command !== undefined) return problem(`Cannot use -${cmd} with -${command}`)
      command = cmd
      const next = argv[i + 1]
      const optional = cmd === 'F' || cmd === 'X'
      if (next !== undefined && !next.startsWith('-')) {
        chain = next
        i++
      } else if (!optional) return problem(`option "${w}" requires an argument`)
      const after = argv[i + 1]
      if ((cmd === 'I' || cmd === 'D') && after !== undefined && /^\d+$/.test(after)) {
        number = Number(after)
        if (number === 0) return problem(`Invalid rule number \`${after}'`)
        i++
      } else if (cmd === 'P') {
        if (after === undefined) return problem(`option "${w}" requires an argument`)
        policy = after
        i++
      }
      continue
    }
    const v = value(i + 1, w)
    if (typeof v !== 'string') return v
    i++
    switch (w) {
      case '-t':
      case '--table':
        table = v
        break
      case '-s':
      case '--source':
      case '-d':
      case '--destination': {
        const cidr = address(v)
        if (!cidr) return problem(`host/network \`${v}' not found`)
        const kind = w === '-s' || w === '--source' ? 'src' : 'dst'
        spec[kind] = { kind, cidr, ...(negated ? { not: true } : {}) }
        break
      }
      case '-i':
      case '--in-interface':
      case '-o':
      case '--out-interface': {
        const kind = w === '-i' || w === '--in-interface' ? 'in' : 'out'
        spec[kind] = { kind, iface: v, ...(negated ? { not: true } : {}) }
        break
      }
      case '-p':
      case '--protocol': {
        const p = v.toLowerCase()
        if (p === 'all' || p === '0') break
        if (p !== 'tcp' && p !== 'udp' && p !== 'icmp' && p !== 'sctp')
          return problem(`unknown protocol "${v}" specified`)
        proto = p
        spec.proto = { kind: 'proto', proto: p, ...(negated ? { not: true } : {}) }
        break
      }
      case '-m':
      case '--match':
        // tcp/udp/conntrack/state/addrtype: the options that follow carry the match.
        if (!['tcp', 'udp', 'conntrack', 'state', 'addrtype', 'comment'].includes(v))
          return problem(`Couldn't load match \`${v}':No such file or directory`)
        break
      case '--dport':
      case '--destination-port':
      case '--sport':
      case '--source-port': {
        if (proto !== 'tcp' && proto !== 'udp') return problem(`unknown option "${w}"`)
        const p = port(v)
        if (!p) return problem(`invalid port/service \`${v}' specified`)
        const dport = w === '--dport' || w === '--destination-port'
        spec.modules.push(
          dport ? { kind: 'dport', proto, ...p } : { kind: 'sport', proto, port: p.port },
        )
        break
      }
      case '--ctstate':
      case '--state': {
        const states = v.split(',').map((s) => s.toUpperCase())
        const bad = states.find((s) => !CT_STATES.includes(s as CtState))
        if (bad !== undefined) return problem(`Bad ctstate "${bad}"`)
        spec.modules.push({ kind: 'ctstate', states: states as CtState[] })
        break
      }
      case '--src-type':
      case '--dst-type': {
        const t = v.toUpperCase() as AddrType
        if (!ADDR_TYPES.includes(t)) return problem(`addrtype: invalid address type "${v}"`)
        const key = w === '--src-type' ? 'srcType' : 'dstType'
        const last = spec.modules[spec.modules.length - 1]
        if (last?.kind === 'addrtype') spec.modules[spec.modules.length - 1] = { ...last, [key]: t }
        else spec.modules.push({ kind: 'addrtype', [key]: t })
        break
      }
      case '--comment':
        break
      case '-j':
      case '--jump':
        spec.target = v
        break
      case '--to-destination':
        spec.toDestination = v
        break
      case '--to-source':
        spec.toSource = v
        break
      default:
        return problem(`unknown option "${w}"`)
    }
  }
  if (command === undefined) return problem('no command specified')
  return {
    command,
    table,
    ...(chain === undefined ? {} : { chain }),
    ...(number === undefined ? {} : { number }),
    ...(policy === undefined ? {} : { policy }),
    spec,
  }
}

const TERMINAL = ['ACCEPT', 'DROP', 'RETURN', 'MASQUERADE', 'DNAT', 'SNAT'] as const

/** The rule's target: a standard verdict, a NAT target with its option, or a user chain. */
function target(spec: Spec, chains: ReadonlySet<string>): Target | CommandOutput {
  const name = spec.target
  if (name === undefined) return problem('no target: a rule without -j is not simulated here')
  if (name === 'ACCEPT' || name === 'DROP' || name === 'RETURN') return { kind: name }
  if (name === 'MASQUERADE') return { kind: 'MASQUERADE' }
  if (name === 'DNAT') {
    const m = /^(\d+\.\d+\.\d+\.\d+)(?::(\d+))?$/.exec(spec.toDestination ?? '')
    const addr = m?.[1] === undefined ? undefined : parseIpv4(m[1])
    if (addr === undefined) return problem('DNAT: --to-destination IP[:PORT] is required')
    return { kind: 'DNAT', addr, ...(m?.[2] === undefined ? {} : { port: Number(m[2]) }) }
  }
  if (name === 'SNAT') {
    const addr = parseIpv4(spec.toSource ?? '')
    if (addr === undefined) return problem('SNAT: --to-source IP is required')
    return { kind: 'SNAT', addr }
  }
  if (chains.has(name)) return { kind: 'jump', chain: name }
  return problem(`Couldn't load target \`${name}':No such file or directory`)
}

function ruleOf(spec: Spec, t: Target): RuleSpec {
  const matches: Match[] = []
  for (const m of [spec.src, spec.dst, spec.in, spec.out, spec.proto]) if (m) matches.push(m)
  return { matches: [...matches, ...spec.modules], target: t }
}

/** Runs a change command in the shell's namespace. */
export function runIptablesChange(ctx: CommandContext, argv: readonly string[]): CommandOutput {
  const p = parse(argv)
  if ('exitCode' in p) return p
  if (!(p.table in BUILTIN_CHAINS)) {
    return fail(
      `${PREFIX}table '${p.table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`,
      3,
    )
  }
  const table = p.table as TableName
  const ns = getNetns(ctx.engine.world.hosts[ctx.host]?.kernel, ctx.netns)
  if (!ns) return fail(`${PREFIX}Could not fetch rule set generation id: Invalid argument\n`, 4)
  const builtins = BUILTIN_CHAINS[table]
  const chains = ns.netfilter.tables[table]?.chains ?? {}
  const names = new Set([...builtins, ...Object.keys(chains)])
  const chain = p.chain
  const at = { host: ctx.host, netns: ctx.netns, table }
  const apply = (ops: (tx: OpContext) => { ok: true; value: undefined }): CommandOutput => {
    ctx.engine.transact(ops)
    return out('')
  }
  if (chain !== undefined && p.command !== 'N' && !names.has(chain)) {
    return nft('No chain/target/match by that name')
  }
  switch (p.command) {
    case 'N':
      if (chain === undefined) return problem('option "-N" requires an argument')
      if (names.has(chain) || TERMINAL.some((t) => t === chain)) return nft('Chain already exists')
      return apply((tx) => {
        tx.apply({ kind: 'nf.chain.add', ...at, chain })
        return { ok: true, value: undefined }
      })
    case 'P': {
      if (chain === undefined || !builtins.includes(chain)) return nft('Bad built-in chain name')
      if (p.policy !== 'ACCEPT' && p.policy !== 'DROP') return nft('Bad policy name')
      const policy = p.policy
      return apply((tx) => {
        tx.apply({ kind: 'nf.policy', ...at, chain, policy })
        return { ok: true, value: undefined }
      })
    }
    case 'F': {
      const flushed = chain === undefined ? [...names].filter((n) => chains[n]) : [chain]
      return apply((tx) => {
        for (const c of flushed)
          for (const r of [...(chains[c]?.rules ?? [])])
            tx.apply({ kind: 'nf.rule.del', ...at, chain: c, rule: r })
        return { ok: true, value: undefined }
      })
    }
    case 'X': {
      const users = (chain === undefined ? Object.keys(chains) : [chain]).filter(
        (n) => !builtins.includes(n),
      )
      if (chain !== undefined && builtins.includes(chain)) return nft('Bad built-in chain name')
      const referenced = (n: string) =>
        Object.values(chains).some((c) =>
          c.rules.some((r) => r.target.kind === 'jump' && r.target.chain === n),
        )
      const busy = users.find((n) => (chains[n]?.rules.length ?? 0) > 0 || referenced(n))
      if (busy !== undefined)
        return fail(`${PREFIX}CHAIN_USER_DEL failed (Device or resource busy): chain ${busy}\n`, 1)
      return apply((tx) => {
        for (const n of users) tx.apply({ kind: 'nf.chain.del', ...at, chain: n })
        return { ok: true, value: undefined }
      })
    }
    case 'A':
    case 'I':
    case 'D': {
      if (chain === undefined) return problem(`option "-${p.command}" requires an argument`)
      const rules = chains[chain]?.rules ?? []
      if (p.command === 'D' && p.number !== undefined) {
        const rule = rules[p.number - 1]
        if (!rule) return nft('Index of deletion too big')
        return apply((tx) => {
          tx.apply({ kind: 'nf.rule.del', ...at, chain, rule })
          return { ok: true, value: undefined }
        })
      }
      const t = target(p.spec, names)
      if ('exitCode' in t) return t
      const rule = ruleOf(p.spec, t)
      if (p.command === 'D') {
        const exists = rules.some((r) => sameRule(r, rule))
        if (!exists) return nft('Bad rule (does a matching rule exist in that chain?)')
        return apply((tx) => {
          tx.apply({ kind: 'nf.rule.del', ...at, chain, rule })
          return { ok: true, value: undefined }
        })
      }
      const position = p.number ?? 1
      if (p.command === 'I' && position > rules.length + 1) return nft('Index of insertion too big')
      return apply((tx) => {
        if (p.command === 'A') tx.apply({ kind: 'nf.rule.append', ...at, chain, rule })
        else tx.apply({ kind: 'nf.rule.insert', ...at, chain, rule, position })
        return { ok: true, value: undefined }
      })
    }
  }
}
