// One netfilter rule as iptables writes it: the rule-spec of `iptables-save` / `iptables -S`
// (`-s`, `-d`, `-i`, `-o`, `-p`, then the match modules and the target) and the columns of
// `iptables -L`. Mirrors iptables 1.8.9 iptables/nft-ipv4.c nft_ipv4_save_rule /
// nft_ipv4_print_rule and extensions libxt_tcp, libxt_conntrack, libxt_addrtype, libxt_DNAT.

import {
  formatIpv4,
  snatText,
  type Chain,
  type Counters,
  type CtState,
  type Match,
  type Rule,
  type Table,
  type Target,
} from '../../engine'
import { serviceName } from './services'

type MatchOf<K extends Match['kind']> = Extract<Match, { kind: K }>

/** conntrack prints states in its own order, whatever order the rule gave them in. */
const CT_ORDER: readonly CtState[] = [
  'INVALID',
  'NEW',
  'RELATED',
  'ESTABLISHED',
  'UNTRACKED',
  'SNAT',
  'DNAT',
]

const PROTO_NUMBERS: Readonly<Record<string, number>> = { tcp: 6, udp: 17, icmp: 1, sctp: 132 }

const find = <K extends Match['kind']>(rule: Rule, kind: K): MatchOf<K> | undefined =>
  rule.matches.find((m): m is MatchOf<K> => m.kind === kind)

/** The rule's `-p`: given explicitly, or implied by a port match. */
function protoOf(rule: Rule): { name: string; not: boolean } | undefined {
  const p = find(rule, 'proto')
  if (p) return { name: p.proto, not: p.not ?? false }
  const port = find(rule, 'dport')
  return port ? { name: port.proto, not: false } : undefined
}

const bang = (not: boolean | undefined): string => (not ? '! ' : '')

export const ctStates = (states: readonly CtState[]): string =>
  CT_ORDER.filter((s) => states.includes(s)).join(',')

export function targetName(t: Target): string {
  return t.kind === 'jump' ? t.chain : t.kind
}

/** `0x100/0xffffffff` (xt_MARK's --set-xmark as iptables-save prints it). */
const markText = (value: number, mask: number): string =>
  `0x${(value >>> 0).toString(16)}/0x${(mask >>> 0).toString(16)}`

function dnatText(t: Extract<Target, { kind: 'DNAT' }>): string {
  const port =
    t.port === undefined ? '' : `:${t.port}${t.portTo === undefined ? '' : `-${t.portTo}`}`
  return `${formatIpv4(t.addr)}${port}`
}

/** The rule after `-A CHAIN`, with `-c P B` before the target when counters are asked for. */
export function ruleSpec(rule: Rule, counters?: Counters): string {
  const parts: string[] = []
  for (const kind of ['src', 'dst'] as const) {
    const m = find(rule, kind)
    if (m)
      parts.push(
        `${bang(m.not)}-${kind === 'src' ? 's' : 'd'} ${formatIpv4(m.cidr.addr)}/${m.cidr.len}`,
      )
  }
  for (const kind of ['in', 'out'] as const) {
    const m = find(rule, kind)
    if (m) parts.push(`${bang(m.not)}-${kind === 'in' ? 'i' : 'o'} ${m.iface}`)
  }
  const proto = protoOf(rule)
  if (proto) parts.push(`${bang(proto.not)}-p ${proto.name}`)
  for (const m of rule.matches) {
    if (m.kind === 'dport') {
      parts.push(`-m ${m.proto} --dport ${m.port}${m.to === undefined ? '' : `:${m.to}`}`)
    } else if (m.kind === 'sport') parts.push(`-m ${m.proto} --sport ${m.port}`)
    else if (m.kind === 'ctstate') parts.push(`-m conntrack --ctstate ${ctStates(m.states)}`)
    else if (m.kind === 'addrtype') {
      const src = m.srcType === undefined ? '' : ` --src-type ${m.srcType}`
      const dst = m.dstType === undefined ? '' : ` --dst-type ${m.dstType}`
      parts.push(`-m addrtype${src}${dst}`)
    } else if (m.kind === 'ipvs') parts.push('-m ipvs --ipvs')
  }
  if (counters) parts.push(`-c ${counters.packets} ${counters.bytes}`)
  const t = rule.target
  parts.push(`-j ${targetName(t)}`)
  if (t.kind === 'DNAT') parts.push(`--to-destination ${dnatText(t)}`)
  if (t.kind === 'SNAT') parts.push(`--to-source ${snatText(t)}`)
  if (t.kind === 'MARK') parts.push(`--set-xmark ${markText(t.value, t.mask)}`)
  if (t.kind === 'REDIRECT') parts.push(`--to-ports ${t.port}`)
  return parts.join(' ')
}

/** The columns of `iptables -L` after the target, as data. */
export type ListedRule = {
  readonly protoNot: boolean
  /** `all`/`tcp`, or with -n the protocol number. */
  readonly proto: string
  readonly inIface?: string
  readonly outIface?: string
  readonly src?: MatchOf<'src'>
  readonly dst?: MatchOf<'dst'>
  /** What the match modules and the target print after the addresses (` tcp dpt:80 …`). */
  readonly extra: string
}

const portText = (port: number, proto: 'tcp' | 'udp', numeric: boolean): string =>
  (numeric ? undefined : serviceName(port, proto)) ?? String(port)

export function listedRule(rule: Rule, numeric: boolean): ListedRule {
  const proto = protoOf(rule)
  const protoText = proto
    ? numeric
      ? String(PROTO_NUMBERS[proto.name] ?? proto.name)
      : proto.name
    : numeric
      ? '0'
      : 'all'
  let extra = ''
  for (const m of rule.matches) {
    if (m.kind === 'dport') {
      const from = portText(m.port, m.proto, numeric)
      extra +=
        m.to === undefined
          ? ` ${m.proto} dpt:${from}`
          : ` ${m.proto} dpts:${from}:${portText(m.to, m.proto, numeric)}`
    } else if (m.kind === 'sport') extra += ` ${m.proto} spt:${portText(m.port, m.proto, numeric)}`
    else if (m.kind === 'ctstate') extra += ` ctstate ${ctStates(m.states)}`
    else if (m.kind === 'addrtype') {
      extra += ' ADDRTYPE match'
      if (m.srcType !== undefined) extra += ` src-type ${m.srcType}`
      if (m.dstType !== undefined) extra += ` dst-type ${m.dstType}`
    } else if (m.kind === 'ipvs') extra += ' ipvs'
  }
  const t = rule.target
  if (t.kind === 'MARK')
    extra += ` MARK xset 0x${t.value.toString(16)}/0x${(t.mask >>> 0).toString(16)}`
  if (t.kind === 'REDIRECT') extra += ` redir ports ${t.port}`
  if (rule.target.kind === 'DNAT') extra += ` to:${dnatText(rule.target)}`
  if (rule.target.kind === 'SNAT') extra += ` to:${snatText(rule.target)}`
  const inM = find(rule, 'in')
  const outM = find(rule, 'out')
  const src = find(rule, 'src')
  const dst = find(rule, 'dst')
  return {
    protoNot: proto?.not ?? false,
    proto: protoText,
    ...(inM ? { inIface: `${inM.not ? '!' : ''}${inM.iface}` } : {}),
    ...(outM ? { outIface: `${outM.not ? '!' : ''}${outM.iface}` } : {}),
    ...(src ? { src } : {}),
    ...(dst ? { dst } : {}),
    extra,
  }
}

/** How many rules of the table jump to the chain (`Chain DOCKER (2 references)`). */
export function references(table: Table, chain: string): number {
  let n = 0
  for (const c of Object.values(table.chains)) {
    for (const r of c.rules) if (r.target.kind === 'jump' && r.target.chain === chain) n++
  }
  return n
}

/** Built-in chains in the table's order, then user chains by name (iptables-nft's listing). */
export function orderedChains(table: Table, builtins: readonly string[]): Chain[] {
  const all = Object.values(table.chains)
  const users = all
    .filter((c) => !builtins.includes(c.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const firsts = builtins.flatMap((b) => all.filter((c) => c.name === b))
  return [...firsts, ...users]
}
