// `iptables -L` and `iptables -S`: chains with their policy or reference count, rules in
// columns or as rule-specs. Mirrors iptables 1.8.9 iptables/nft.c nft_rule_list /
// nft_rule_list_save and iptables/xshared.c print_header / print_rule_details /
// xtables_print_num, and nft-ipv4.c print_ipv4_addresses / print_ifaces.

import {
  formatIpv4,
  type Chain,
  type Cidr,
  type Counters,
  type Rule,
  type Table,
} from '../../engine'
import { listedRule, references, ruleSpec, targetName } from './iptables-rule'

export type ListFormat = {
  readonly numeric: boolean
  readonly verbose: boolean
  readonly exact: boolean
  readonly lineNumbers: boolean
  /** Names /etc/hosts and /etc/networks give addresses when not numeric. */
  readonly hostName: (ip: number) => string | undefined
}

/** xtables_print_num: a counter right-aligned, abbreviated with K/M/G/T unless exact. */
export function counterText(n: number, f: ListFormat, inTable = true): string {
  if (f.exact) return inTable ? `${String(n).padStart(8)} ` : `${n} `
  if (n <= 99999) return inTable ? `${String(n).padStart(5)} ` : `${n} `
  let v = n
  for (const unit of ['K', 'M', 'G', 'T']) {
    v = Math.floor((v + 500) / 1000)
    if (v <= 9999 || unit === 'T')
      return inTable ? `${String(v).padStart(4)}${unit} ` : `${v}${unit} `
  }
  return `${n} `
}

export function chainHeader(table: Table, chain: Chain, f: ListFormat): string {
  if (chain.policy === undefined)
    return `Chain ${chain.name} (${references(table, chain.name)} references)`
  if (!f.verbose) return `Chain ${chain.name} (policy ${chain.policy})`
  const c = chain.counters
  return `Chain ${chain.name} (policy ${chain.policy} ${counterText(c.packets, f, false)}packets, ${counterText(c.bytes, f, false)}bytes)`
}

export function columnsHeader(f: ListFormat): string {
  let s = f.lineNumbers ? 'num  ' : ''
  if (f.verbose) s += f.exact ? `${'pkts'.padStart(8)} ${'bytes'.padStart(10)} ` : ' pkts bytes '
  s += 'target     prot opt'
  if (f.verbose) s += ' in     out    '
  return `${s} ${'source'.padEnd(20)} ${'destination'.padEnd(19)} `
}

function addressText(m: { cidr: Cidr } | undefined, f: ListFormat): string {
  if (!m || (m.cidr.len === 0 && !f.numeric))
    return m ? 'anywhere' : f.numeric ? '0.0.0.0/0' : 'anywhere'
  const addr = m.cidr.addr
  const name = f.numeric ? undefined : f.hostName(addr)
  const mask = m.cidr.len === 32 ? '' : `/${m.cidr.len}`
  return `${name ?? formatIpv4(addr)}${mask}`
}

export function ruleLine(rule: Rule, num: number, f: ListFormat): string {
  const r = listedRule(rule, f.numeric)
  let s = f.lineNumbers ? `${String(num).padEnd(4)} ` : ''
  if (f.verbose) s += counterText(rule.counters.packets, f) + counterText(rule.counters.bytes, f)
  s += `${targetName(rule.target).padEnd(9)} ${r.protoNot ? '!' : ' '}${r.proto.padEnd(5)}-- `
  if (f.verbose) {
    const any = f.numeric ? '*' : 'any'
    s += ` ${(r.inIface ?? any).padEnd(6)} ${(r.outIface ?? any).padEnd(6)} `
  }
  s += `${r.src?.not ? '!' : ' '}${addressText(r.src, f).padEnd(19)} `
  s += `${r.dst?.not ? '!' : ' '}${addressText(r.dst, f).padEnd(19)} `
  return s + r.extra
}

/** `iptables -L [CHAIN [RULENUM]]`. */
export function listChains(
  table: Table,
  chains: readonly Chain[],
  f: ListFormat,
  ruleNumber?: number,
): string {
  if (ruleNumber !== undefined) {
    const chain = chains[0]
    const rule = chain?.rules[ruleNumber - 1]
    return rule ? `${ruleLine(rule, ruleNumber, f)}\n` : ''
  }
  const blocks = chains.map((c) =>
    [chainHeader(table, c, f), columnsHeader(f), ...c.rules.map((r, i) => ruleLine(r, i + 1, f))]
      .map((l) => `${l}\n`)
      .join(''),
  )
  return blocks.join('\n')
}

const cnt = (c: Counters, verbose: boolean): Counters | undefined => (verbose ? c : undefined)

/** `iptables -S [CHAIN [RULENUM]]`. */
export function listRuleSpecs(
  chains: readonly Chain[],
  verbose: boolean,
  ruleNumber?: number,
): string {
  const lines: string[] = []
  if (ruleNumber !== undefined) {
    const chain = chains[0]
    const rule = chain?.rules[ruleNumber - 1]
    if (chain && rule) lines.push(`-A ${chain.name} ${ruleSpec(rule, cnt(rule.counters, verbose))}`)
  } else {
    for (const c of chains) {
      if (c.policy === undefined) lines.push(`-N ${c.name}`)
      else {
        const counters = verbose ? ` -c ${c.counters.packets} ${c.counters.bytes}` : ''
        lines.push(`-P ${c.name} ${c.policy}${counters}`)
      }
    }
    for (const c of chains) {
      for (const r of c.rules) lines.push(`-A ${c.name} ${ruleSpec(r, cnt(r.counters, verbose))}`)
    }
  }
  return lines.map((l) => `${l}\n`).join('')
}
