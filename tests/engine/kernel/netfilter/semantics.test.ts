// The kernel's netfilter semantics on small hand-made rule sets: traversal, verdicts, interfaces
// without a device, conntrack states per table and the NAT targets' corner cases.

import { describe, expect, it } from 'vitest'
import { applyNetfilterOp, type NetfilterOp } from '../../../../src/engine/kernel/netfilter/apply'
import {
  EMPTY_NETFILTER,
  type Match,
  type Netfilter,
  type TableName,
  type Target,
} from '../../../../src/engine/kernel/netfilter/types'
import { evaluateHook, type NfContext } from '../../../../src/engine'
import { ip, lines, packet } from './nf-lab'

type RuleLine = readonly [TableName, string, Target, ...Match[]]

/** A namespace's netfilter from chains to create, policies and rules to append, in order. */
function nfOf(rules: readonly RuleLine[], extra: readonly NetfilterOp[] = []): Netfilter {
  let nf = EMPTY_NETFILTER
  for (const op of extra) nf = applyNetfilterOp(nf, op)
  for (const [table, chain, target, ...matches] of rules)
    nf = applyNetfilterOp(nf, { kind: 'nf.rule.append', table, chain, rule: { matches, target } })
  return nf
}

const chain = (table: TableName, name: string): NetfilterOp => ({
  kind: 'nf.chain.add',
  table,
  chain: name,
})
const ACCEPT: Target = { kind: 'ACCEPT' }
const DROP: Target = { kind: 'DROP' }
const RETURN: Target = { kind: 'RETURN' }
const jump = (c: string): Target => ({ kind: 'jump', chain: c })
const out = (iface: string, not = false): Match =>
  not ? { kind: 'out', iface, not } : { kind: 'out', iface }
const ctx = (ctState: NfContext['ctState']): NfContext => ({
  ctState,
  isLocal: (a) => a === ip('10.0.0.1') || a >>> 24 === 127,
})
const tcp = packet({
  src: '10.0.0.9',
  dst: '10.0.0.1',
  proto: 'tcp',
  sport: 1234,
  dport: 80,
  inIface: 'eth0',
})

describe('interfaces at a hook without that device', () => {
  it('-o never matches in PREROUTING, ! -o always does (the name compared is empty)', () => {
    const nf = nfOf([
      ['raw', 'PREROUTING', ACCEPT, out('eth0')],
      ['raw', 'PREROUTING', DROP, out('eth0', true)],
    ])
    const r = evaluateHook(nf, 'PREROUTING', tcp, ctx('NEW'))
    expect(lines(nf, r.steps)).toEqual([
      'enter raw PREROUTING',
      'raw PREROUTING #1 ✗ -o eth0 | -o eth0 -j ACCEPT',
      'raw PREROUTING #2 ✓ ! -o eth0 -j DROP',
    ])
    expect(r.verdict).toBe('DROP')
  })

  it('a name ending in + matches by prefix', () => {
    const nf = nfOf([['filter', 'FORWARD', DROP, { kind: 'in', iface: 'br-+' }]])
    const p = { ...tcp, inIface: 'br-0123456789ab', outIface: 'eth0' }
    expect(evaluateHook(nf, 'FORWARD', p, ctx('NEW')).verdict).toBe('DROP')
    expect(evaluateHook(nf, 'FORWARD', { ...p, inIface: 'docker0' }, ctx('NEW')).verdict).toBe(
      'ACCEPT',
    )
  })
})

describe('traversal', () => {
  it('RETURN pops to the caller; RETURN in a built-in chain takes the policy', () => {
    const nf = nfOf(
      [
        ['filter', 'FORWARD', jump('U')],
        ['filter', 'FORWARD', RETURN],
        ['filter', 'FORWARD', ACCEPT],
        ['filter', 'U', RETURN],
        ['filter', 'U', ACCEPT],
      ],
      [
        chain('filter', 'U'),
        { kind: 'nf.policy', table: 'filter', chain: 'FORWARD', policy: 'DROP' },
      ],
    )
    const r = evaluateHook(nf, 'FORWARD', { ...tcp, outIface: 'eth1' }, ctx('NEW'))
    expect(lines(nf, r.steps)).toEqual([
      'enter filter FORWARD',
      'filter FORWARD #1 ✓ -j U',
      'enter filter U',
      'filter U #1 ✓ -j RETURN',
      'return filter U',
      'filter FORWARD #2 ✓ -j RETURN',
      'policy filter FORWARD DROP',
    ])
    expect(r.verdict).toBe('DROP')
  })

  it('ACCEPT ends only its table: the next table at the hook still runs', () => {
    const nf = nfOf([
      ['raw', 'OUTPUT', ACCEPT],
      ['filter', 'OUTPUT', DROP],
    ])
    const p = packet({
      src: '10.0.0.1',
      dst: '10.0.0.9',
      proto: 'udp',
      dport: 53,
      outIface: 'eth0',
    })
    const r = evaluateHook(nf, 'OUTPUT', p, ctx('NEW'))
    expect(lines(nf, r.steps)).toEqual([
      'enter raw OUTPUT',
      'raw OUTPUT #1 ✓ -j ACCEPT',
      'enter filter OUTPUT',
      'filter OUTPUT #1 ✓ -j DROP',
    ])
    expect(r.verdict).toBe('DROP')
  })

  it('skips tables nobody loaded, and a jump to a missing chain returns at once', () => {
    const nf = nfOf([['filter', 'INPUT', jump('GONE')]])
    const r = evaluateHook(nf, 'PREROUTING', tcp, ctx('NEW'))
    expect(r).toEqual({ verdict: 'ACCEPT', steps: [], packet: tcp })
    expect(lines(nf, evaluateHook(nf, 'INPUT', tcp, ctx('NEW')).steps)).toEqual([
      'enter filter INPUT',
      'filter INPUT #1 ✓ -j GONE',
      'enter filter GONE',
      'return filter GONE',
      'policy filter INPUT ACCEPT',
    ])
  })

  it('reports the first failing match in the kernel order: -s -d -i -o -p, then -m', () => {
    const nf = nfOf([
      [
        'filter',
        'FORWARD',
        DROP,
        { kind: 'ctstate', states: ['ESTABLISHED'] },
        { kind: 'in', iface: 'docker0' },
        { kind: 'dst', cidr: { addr: ip('172.17.0.0'), len: 16 } },
      ],
    ])
    const r = evaluateHook(nf, 'FORWARD', { ...tcp, outIface: 'eth1' }, ctx('NEW'))
    expect(r.steps[1]).toMatchObject({ kind: 'rule', matched: false, failed: 2 })
  })
})

describe('matches', () => {
  it('--dport takes ranges and needs the protocol', () => {
    const nf = nfOf([
      ['raw', 'PREROUTING', DROP, { kind: 'dport', proto: 'tcp', port: 79, to: 81 }],
    ])
    expect(evaluateHook(nf, 'PREROUTING', tcp, ctx('NEW')).verdict).toBe('DROP')
    expect(evaluateHook(nf, 'PREROUTING', { ...tcp, dport: 82 }, ctx('NEW')).verdict).toBe('ACCEPT')
    expect(evaluateHook(nf, 'PREROUTING', { ...tcp, proto: 'udp' }, ctx('NEW')).verdict).toBe(
      'ACCEPT',
    )
  })

  it('addrtype: LOCAL from the context, 224/4 MULTICAST, 255.255.255.255 BROADCAST', () => {
    const nf = nfOf([
      ['filter', 'INPUT', RETURN, { kind: 'addrtype', dstType: 'LOCAL' }],
      ['filter', 'INPUT', RETURN, { kind: 'addrtype', dstType: 'MULTICAST' }],
      ['filter', 'INPUT', RETURN, { kind: 'addrtype', dstType: 'BROADCAST' }],
      ['filter', 'INPUT', RETURN, { kind: 'addrtype', srcType: 'UNICAST' }],
    ])
    const matched = (dst: string): number | undefined => {
      const r = evaluateHook(nf, 'INPUT', { ...tcp, dst: ip(dst) }, ctx('NEW'))
      const hit = r.steps.find((s) => s.kind === 'rule' && s.matched)
      return hit?.kind === 'rule' ? hit.index : undefined
    }
    expect([matched('127.0.0.53'), matched('224.0.0.1'), matched('255.255.255.255')]).toEqual([
      1, 2, 3,
    ])
    expect(matched('10.0.0.77')).toBe(4)
  })

  it('raw runs before conntrack: --ctstate there sees INVALID', () => {
    const est: Match = { kind: 'ctstate', states: ['ESTABLISHED'] }
    const nf = nfOf([
      ['raw', 'PREROUTING', DROP, est],
      ['raw', 'PREROUTING', DROP, { kind: 'ctstate', states: ['INVALID'] }],
    ])
    const r = evaluateHook(nf, 'PREROUTING', tcp, ctx('ESTABLISHED'))
    expect(r.steps.map((s) => (s.kind === 'rule' ? s.matched : s.kind))).toEqual([
      'enter',
      false,
      true,
    ])
  })
})

describe('NAT', () => {
  const snatRules: RuleLine[] = [['nat', 'POSTROUTING', { kind: 'SNAT', addr: ip('192.0.2.1') }]]
  const fwd = { ...tcp, outIface: 'eth1' }

  it('runs the nat table for NEW only; RELATED, INVALID and UNTRACKED skip it', () => {
    const nf = nfOf(snatRules)
    expect(evaluateHook(nf, 'POSTROUTING', fwd, ctx('NEW')).packet.src).toBe(ip('192.0.2.1'))
    for (const state of ['RELATED', 'INVALID', 'UNTRACKED'] as const) {
      const r = evaluateHook(nf, 'POSTROUTING', fwd, ctx(state))
      expect(lines(nf, r.steps)).toEqual([`skip nat POSTROUTING (${state})`])
      expect(r.packet).toBe(fwd)
    }
  })

  it('MASQUERADE drops when the out device has no address and leaves 0.0.0.0 alone', () => {
    const nf = nfOf([['nat', 'POSTROUTING', { kind: 'MASQUERADE' }]])
    expect(evaluateHook(nf, 'POSTROUTING', fwd, ctx('NEW'), () => undefined).verdict).toBe('DROP')
    const dhcp = { ...fwd, src: 0 }
    const r = evaluateHook(nf, 'POSTROUTING', dhcp, ctx('NEW'), () => ip('192.0.2.7'))
    expect(r).toMatchObject({ verdict: 'ACCEPT', packet: dhcp })
    expect(r.nat).toBeUndefined()
  })

  it('DNAT keeps an ICMP packet portless; --ctstate DNAT holds after it in the same hook', () => {
    const nf = nfOf([
      ['nat', 'OUTPUT', { kind: 'DNAT', addr: ip('172.17.0.2'), port: 80 }],
      ['filter', 'OUTPUT', DROP, { kind: 'ctstate', states: ['DNAT'] }],
    ])
    const ping = packet({ src: '10.0.0.1', dst: '10.0.0.1', proto: 'icmp', outIface: 'lo' })
    const r = evaluateHook(nf, 'OUTPUT', ping, ctx('NEW'))
    expect(r.nat?.after).toEqual({ ...ping, dst: ip('172.17.0.2') })
    expect(r.verdict).toBe('DROP')
  })

  it('--ctstate SNAT/DNAT reads the connection bits from earlier hooks', () => {
    const nf = nfOf([['filter', 'FORWARD', DROP, { kind: 'ctstate', states: ['SNAT'] }]])
    const c = ctx('ESTABLISHED')
    expect(evaluateHook(nf, 'FORWARD', fwd, c).verdict).toBe('ACCEPT')
    expect(evaluateHook(nf, 'FORWARD', fwd, { ...c, ctNat: { src: true } }).verdict).toBe('DROP')
  })
})
