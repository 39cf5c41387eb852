// The parts of an iptables rule-spec as iptables-change.ts reads them, turned into the model's
// matches and target (iptables-save's order: -s -d -i -o -p, then the modules as given).

import {
  parseCidr,
  parseIpv4,
  type AddrType,
  type CtState,
  type Match,
  type RuleSpec,
  type Target,
} from '../../engine'
import { fail, type CommandOutput } from '../output'

const PREFIX = 'iptables v1.8.9 (nf_tables): '
const TRY = "Try `iptables -h' or 'iptables --help' for more information.\n"
export const problem = (msg: string): CommandOutput => fail(`${PREFIX}${msg}\n${TRY}`, 2)

export type Spec = {
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

export const CT_STATES: readonly CtState[] = [
  'INVALID',
  'NEW',
  'ESTABLISHED',
  'RELATED',
  'UNTRACKED',
  'SNAT',
  'DNAT',
]
export const ADDR_TYPES: readonly AddrType[] = ['LOCAL', 'UNICAST', 'BROADCAST', 'MULTICAST']

export function address(text: string): Extract<Match, { kind: 'src' }>['cidr'] | undefined {
  if (!text.includes('/')) {
    const ip = parseIpv4(text)
    return ip === undefined ? undefined : { addr: ip, len: 32 }
  }
  const c = parseCidr(text)
  // iptables masks the address with the prefix (10.10.0.5/24 is saved as 10.10.0.0/24).
  return c && { addr: c.len === 0 ? 0 : (c.addr & (~0 << (32 - c.len))) >>> 0, len: c.len }
}

export function port(text: string): { port: number; to?: number } | undefined {
  const m = /^(\d{1,5})(?::(\d{1,5}))?$/.exec(text)
  const from = Number(m?.[1])
  const to = m?.[2] === undefined ? undefined : Number(m[2])
  if (!m || from > 65535 || (to !== undefined && (to > 65535 || to < from))) return undefined
  return to === undefined ? { port: from } : { port: from, to }
}

/** Reads argv: the command and its chain, the table, the rule-spec. */

export const REAL_MATCHES = new Set([
  'comment',
  'limit',
  'multiport',
  'mac',
  'mark',
  'iprange',
  'physdev',
  'set',
  'string',
  'recent',
  'owner',
  'icmp',
  'connlimit',
  'length',
])
const REAL_TARGETS = new Set([
  'REJECT',
  'LOG',
  'MARK',
  'CONNMARK',
  'NFLOG',
  'TCPMSS',
  'CT',
  'NOTRACK',
  'REDIRECT',
  'TPROXY',
  'TRACE',
])

export const TERMINAL = ['ACCEPT', 'DROP', 'RETURN', 'MASQUERADE', 'DNAT', 'SNAT'] as const

/** The rule's target: a standard verdict, a NAT target with its option, or a user chain. */
export function target(spec: Spec, chains: ReadonlySet<string>): Target | CommandOutput {
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
  if (REAL_TARGETS.has(name)) return problem(`target \`${name}' is not simulated here`)
  return problem(`Couldn't load target \`${name}':No such file or directory`)
}

export function ruleOf(spec: Spec, t: Target): RuleSpec {
  const matches: Match[] = []
  for (const m of [spec.src, spec.dst, spec.in, spec.out, spec.proto]) if (m) matches.push(m)
  return { matches: [...matches, ...spec.modules], target: t }
}

/** Runs a change command in the shell's namespace. */
