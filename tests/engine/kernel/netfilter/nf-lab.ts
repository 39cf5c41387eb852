// Helpers for netfilter evaluation tests: the host namespace's real rule set as the simulated
// Docker wrote it, the context the kernel would give a packet there, and steps as readable lines.

import { expect } from 'vitest'
import { ruleSpec } from '../../../../src/cli/linux/iptables-rule'
import {
  formatIpv4,
  getLink,
  getNetns,
  INIT_NETNS,
  linksOf,
  parseIpv4,
  type ChainStep,
  type Match,
  type Netfilter,
  type Netns,
  type NfContext,
  type NfPacket,
} from '../../../../src/engine'
import { createTestLab, type TestLab } from '../../../helpers/lab'
import { host1, network } from '../../../helpers/world'

/** A lab after `commands`, each of which must succeed. */
export function labAfter(...commands: string[]): TestLab {
  const lab = createTestLab()
  for (const c of commands) {
    const r = lab.run(c)
    if (r.exitCode !== 0) throw new Error(`${c}: ${r.stderr}`)
  }
  return lab
}

export function hostNetns(lab: TestLab): Netns {
  const ns = getNetns(host1(lab).kernel, INIT_NETNS)
  if (!ns) throw new Error('no host namespace')
  return ns
}

export const hostNetfilter = (lab: TestLab): Netfilter => hostNetns(lab).netfilter

/** The Linux bridge of a Docker network (`docker0`, `br-<id12>`). */
export function bridgeOf(lab: TestLab, name: string): string {
  const br = network(lab, name).bridge
  const link = br && getLink(hostNetns(lab), br.link)
  if (!link) throw new Error(`no bridge for ${name}`)
  return link.name
}

/** addrtype LOCAL: the host's interface addresses and 127/8, as its local routing table has. */
export function hostCtx(lab: TestLab, ctState: NfContext['ctState']): NfContext {
  const locals = linksOf(hostNetns(lab)).flatMap((l) => l.addrs.map((a) => a.cidr.addr))
  return { ctState, isLocal: (ip) => ip >>> 24 === 127 || locals.includes(ip) }
}

/** inet_select_addr, simplified: the out device's first address. */
export function masqueradeSource(lab: TestLab): (iface: string) => number | undefined {
  const links = linksOf(hostNetns(lab))
  return (iface) => links.find((l) => l.name === iface)?.addrs[0]?.cidr.addr
}

export function ip(text: string): number {
  const v = parseIpv4(text)
  if (v === undefined) throw new Error(`bad address ${text}`)
  return v
}

/** A packet written with dotted quads. */
export function packet(
  p: Omit<NfPacket, 'src' | 'dst'> & { readonly src: string; readonly dst: string },
): NfPacket {
  return { ...p, src: ip(p.src), dst: ip(p.dst) }
}

function matchText(m: Match): string {
  const bang = 'not' in m && m.not ? '! ' : ''
  switch (m.kind) {
    case 'src':
    case 'dst':
      return `${bang}-${m.kind[0] ?? ''} ${formatIpv4(m.cidr.addr)}/${m.cidr.len}`
    case 'in':
      return `${bang}-i ${m.iface}`
    case 'out':
      return `${bang}-o ${m.iface}`
    case 'proto':
      return `${bang}-p ${m.proto}`
    case 'dport':
      return `--dport ${m.port}${m.to === undefined ? '' : `:${m.to}`}`
    case 'sport':
      return `--sport ${m.port}`
    case 'ctstate':
      return `--ctstate ${m.states.join(',')}`
    case 'addrtype':
      return `addrtype ${m.srcType ?? '-'}/${m.dstType ?? '-'}`
    case 'ipvs':
      return '--ipvs'
  }
}

/**
 * Steps as lines: `enter T C`, `return T C`, `policy T C P`, `skip T C (STATE)`, and for rules
 * `T C #N ✓ <rule spec>` or `T C #N ✗ <first failing match> | <rule spec>`. Checks on the way
 * that each rule step points at that very rule of `nf`.
 */
export function lines(nf: Netfilter, steps: readonly ChainStep[]): string[] {
  return steps.map((s) => {
    switch (s.kind) {
      case 'enter':
        return `enter ${s.table} ${s.chain}`
      case 'return':
        return `return ${s.table} ${s.chain}`
      case 'policy':
        return `policy ${s.table} ${s.chain} ${s.policy}`
      case 'skip':
        return `skip ${s.table} ${s.chain} (${s.ctState})`
      case 'rule': {
        expect(nf.tables[s.table]?.chains[s.chain]?.rules[s.index - 1]).toBe(s.rule)
        const spec = ruleSpec(s.rule)
        if (s.matched) return `${s.table} ${s.chain} #${s.index} ✓ ${spec}`
        const failed = s.failed === undefined ? undefined : s.rule.matches[s.failed]
        return `${s.table} ${s.chain} #${s.index} ✗ ${failed ? matchText(failed) : '?'} | ${spec}`
      }
    }
  })
}
