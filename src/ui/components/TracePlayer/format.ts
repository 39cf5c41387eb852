// Plain text for the trace player: addresses, places, routes and netfilter rules from the trace's
// data (the UI imports engine types only, so these are small UI-side formatters).

import type { ChainStep, Headers, Match, Route, Rule, Target, Trace, Where } from '../../../engine'

/** Turns a place (a step's `where`, or a device as `{ host, link }`) into a name for people. */
export type NameOf = (where: Where) => string

/** `Delivered`, `Dropped: connection refused`, `Dropped in FORWARD by filter …`. */
export function verdictText(t: Trace): string {
  if (t.verdict === 'delivered') return 'Delivered'
  if (t.reason === undefined) return 'Dropped'
  return t.reason.startsWith('dropped ') ? `D${t.reason.slice(1)}` : `Dropped: ${t.reason}`
}

/** `2886860802` → `172.18.0.2` */
export function formatIp(a: number): string {
  return [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.')
}

/** The ids a place has, compactly: `host1:ns1/l7`, or the LAN segment's name. */
export function whereText(w: Where): string {
  if (w.host === undefined) return w.segment ?? 'outside'
  const ns = w.netns === undefined ? '' : `:${w.netns}`
  const link = w.link === undefined ? '' : `/${w.link}`
  return `${w.host}${ns}${link}`
}

export function protoText(h: Headers): string {
  return h.proto === 'icmp' ? 'ICMP' : h.proto.toUpperCase()
}

/** `172.18.0.2 → 172.18.0.3:80 (TCP)` */
export function headersText(h: Headers): string {
  const port = (p: number | undefined): string => (p === undefined ? '' : `:${p}`)
  return `${formatIp(h.src)}${port(h.sport)} → ${formatIp(h.dst)}${port(h.dport)} (${protoText(h)})`
}

/** `172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2`, as `ip route` prints it. */
export function routeText(r: Route, dev: string): string {
  return [
    r.dst.len === 0 ? 'default' : `${formatIp(r.dst.addr)}/${r.dst.len}`,
    r.via === undefined ? '' : `via ${formatIp(r.via)}`,
    `dev ${dev} proto ${r.proto} scope ${r.scope}`,
    r.src === undefined ? '' : `src ${formatIp(r.src)}`,
    r.metric === undefined ? '' : `metric ${r.metric}`,
  ]
    .filter((s) => s !== '')
    .join(' ')
}

/** One match as iptables-save spells it: `! -i br-1a2b3c4d5e6f`. */
export function matchText(m: Match): string {
  const bang = 'not' in m && m.not === true ? '! ' : ''
  switch (m.kind) {
    case 'src':
      return `${bang}-s ${formatIp(m.cidr.addr)}/${m.cidr.len}`
    case 'dst':
      return `${bang}-d ${formatIp(m.cidr.addr)}/${m.cidr.len}`
    case 'in':
      return `${bang}-i ${m.iface}`
    case 'out':
      return `${bang}-o ${m.iface}`
    case 'proto':
      return `${bang}-p ${m.proto}`
    case 'dport':
      return `-m ${m.proto} --dport ${m.port}${m.to === undefined ? '' : `:${m.to}`}`
    case 'sport':
      return `-m ${m.proto} --sport ${m.port}`
    case 'ctstate':
      return `-m conntrack --ctstate ${m.states.join(',')}`
    case 'addrtype': {
      const src = m.srcType === undefined ? '' : ` --src-type ${m.srcType}`
      const dst = m.dstType === undefined ? '' : ` --dst-type ${m.dstType}`
      return `-m addrtype${src}${dst}`
    }
    case 'ipvs':
      return '-m ipvs --ipvs'
  }
}

export function targetText(t: Target): string {
  switch (t.kind) {
    case 'jump':
      return `-j ${t.chain}`
    case 'DNAT': {
      const to = t.portTo === undefined ? '' : `-${t.portTo}`
      const port = t.port === undefined ? '' : `:${t.port}${to}`
      return `-j DNAT --to-destination ${formatIp(t.addr)}${port}`
    }
    case 'SNAT':
      return `-j SNAT --to-source ${t.addr === undefined ? '' : formatIp(t.addr)}${t.port === undefined ? '' : `:${t.port}`}`
    case 'MARK':
      return `-j MARK --set-xmark 0x${(t.value >>> 0).toString(16)}/0x${(t.mask >>> 0).toString(16)}`
    case 'REDIRECT':
      return `-j REDIRECT --to-ports ${t.port}`
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
    case 'MASQUERADE':
      return `-j ${t.kind}`
  }
}

export function ruleText(rule: Rule): string {
  return [...rule.matches.map(matchText), targetText(rule.target)].join(' ')
}

const DECIDES_NOTHING: ReadonlySet<Target['kind']> = new Set(['jump', 'RETURN'])

/**
 * Index in `chain` of what decided the hook, as the engine's trace line says it: for a DROP the
 * last step; for an ACCEPT the last matched rule with a verdict or NAT target (a jump or RETURN
 * decides nothing), else the last table's policy.
 */
export function decidingIndex(chain: readonly ChainStep[], verdict: 'ACCEPT' | 'DROP'): number {
  let policy = -1
  for (let i = chain.length - 1; i >= 0; i--) {
    const s = chain[i]
    if (s?.kind === 'policy') {
      if (verdict === 'DROP') return i
      if (policy === -1) policy = i
    }
    if (s?.kind === 'rule' && s.matched && !DECIDES_NOTHING.has(s.rule.target.kind)) return i
  }
  return policy
}
