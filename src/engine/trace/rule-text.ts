// A netfilter rule as iptables-save would spell it, for the plain-English lines of a trace
// (the CLI has the full formatter; the engine may not import it).

import { formatIpv4 } from '../model/ipv4'
import type { Match, Rule, Target } from '../kernel/netfilter/types'

function matchText(m: Match): string {
  const bang = 'not' in m && m.not === true ? '! ' : ''
  switch (m.kind) {
    case 'src':
      return `${bang}-s ${formatIpv4(m.cidr.addr)}/${m.cidr.len}`
    case 'dst':
      return `${bang}-d ${formatIpv4(m.cidr.addr)}/${m.cidr.len}`
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
    case 'addrtype':
      return [
        '-m addrtype',
        m.srcType === undefined ? '' : ` --src-type ${m.srcType}`,
        m.dstType === undefined ? '' : ` --dst-type ${m.dstType}`,
      ].join('')
    case 'ipvs':
      return '-m ipvs --ipvs'
  }
}

/** `10.0.0.1`, `10.0.0.1:53` or `:53`, as --to-source takes it. */
export function snatText(t: Extract<Target, { kind: 'SNAT' }>): string {
  return `${t.addr === undefined ? '' : formatIpv4(t.addr)}${t.port === undefined ? '' : `:${t.port}`}`
}

function targetText(t: Target): string {
  switch (t.kind) {
    case 'jump':
      return `-j ${t.chain}`
    case 'DNAT': {
      const port =
        t.port === undefined ? '' : `:${t.port}${t.portTo === undefined ? '' : `-${t.portTo}`}`
      return `-j DNAT --to-destination ${formatIpv4(t.addr)}${port}`
    }
    case 'SNAT':
      return `-j SNAT --to-source ${snatText(t)}`
    case 'MARK':
      return `-j MARK --set-xmark ${markText(t.value, t.mask)}`
    case 'REDIRECT':
      return `-j REDIRECT --to-ports ${t.port}`
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
    case 'MASQUERADE':
      return `-j ${t.kind}`
  }
}

/** `0x100/0xffffffff`, as iptables-save prints a mark and its mask. */
export function markText(value: number, mask: number): string {
  return `0x${(value >>> 0).toString(16)}/0x${(mask >>> 0).toString(16)}`
}

/** `-d 172.18.0.2/32 ! -i br-1a2b3c4d5e6f -j DROP` */
export function ruleText(rule: Rule): string {
  return [...rule.matches.map(matchText), targetText(rule.target)].join(' ')
}
