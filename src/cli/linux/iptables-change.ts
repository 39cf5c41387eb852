// `iptables [-t TABLE] -A|-I|-D|-F|-N|-X|-P …`: the commands that change the rules, for what
// learners type (Docker's "restrict connections" recipes in DOCKER-USER, a DROP to see a trace
// stop). A rule-spec is read into the model's matches in iptables-save's order (-s -d -i -o -p,
// then the match modules as given) so that it prints and compares like Docker's own rules.
// Mirrors iptables 1.8.9 iptables/xshared.c do_parse, iptables/nft.c (the error texts of
// nft_strerror) and the extensions libxt_tcp/udp, libxt_conntrack/state, libxt_addrtype,
// libxt_DNAT/SNAT/MASQUERADE. Other real modules and targets (REJECT, LOG, …) say they are not
// simulated here.

import {
  BUILTIN_CHAINS,
  getNetns,
  sameRule,
  type AddrType,
  type CtState,
  type TableName,
  type OpContext,
} from '../../engine'
import type { CommandContext } from '../context'
import { fail, out, type CommandOutput } from '../output'
import {
  ADDR_TYPES,
  address,
  CT_STATES,
  port,
  problem,
  REAL_MATCHES,
  ruleOf,
  target,
  TERMINAL,
  type Spec,
} from './iptables-spec'

const PREFIX = 'iptables v1.8.9 (nf_tables): '
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
        if (!['tcp', 'udp', 'conntrack', 'state', 'addrtype'].includes(v))
          return REAL_MATCHES.has(v)
            ? problem(`match \`${v}' is not simulated here`)
            : problem(`Couldn't load match \`${v}':No such file or directory`)
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

/** Extensions every iptables has that the simulator does not model (said so, not "missing"). */
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
