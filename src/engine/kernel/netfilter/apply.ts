// Changes to one namespace's netfilter tables, as iptables makes them: a table appears with its
// built-in chains (policy ACCEPT) the first time it is used; rules are appended, inserted at a
// 1-based position or deleted by their spec.

import { assert } from '../../../lib/assert'
import { plainEqual } from '../../../lib/record-diff'
import {
  BUILTIN_CHAINS,
  ZERO,
  type Chain,
  type Counters,
  type Netfilter,
  type Rule,
  type Table,
  type TableName,
} from './types'

export type NetfilterOp =
  /**
   * `iptables-restore --noflush` of one table: the chains created if missing, each one's rules
   * appended in order (one change for what would be many `iptables` calls).
   */
  | {
      readonly kind: 'nf.restore'
      readonly table: TableName
      readonly chains: readonly { readonly name: string; readonly rules: readonly RuleLike[] }[]
    }
  | { readonly kind: 'nf.chain.add'; readonly table: TableName; readonly chain: string }
  | { readonly kind: 'nf.chain.del'; readonly table: TableName; readonly chain: string }
  | {
      readonly kind: 'nf.policy'
      readonly table: TableName
      readonly chain: string
      readonly policy: 'ACCEPT' | 'DROP'
    }
  | {
      readonly kind: 'nf.rule.append'
      readonly table: TableName
      readonly chain: string
      readonly rule: RuleLike
    }
  | {
      readonly kind: 'nf.rule.insert'
      readonly table: TableName
      readonly chain: string
      readonly rule: RuleLike
      readonly position: number
    }
  | {
      readonly kind: 'nf.rule.del'
      readonly table: TableName
      readonly chain: string
      readonly rule: RuleLike
    }
  | { readonly kind: 'nf.zero'; readonly table: TableName; readonly chain?: string }
  | {
      readonly kind: 'nf.count'
      readonly table: TableName
      readonly chain: string
      readonly rule?: number
      readonly add: Counters
    }

type RuleLike = Pick<Rule, 'matches' | 'target'>

function loadTable(nf: Netfilter, name: TableName): Table {
  const existing = nf.tables[name]
  if (existing) return existing
  const chains: Record<string, Chain> = {}
  for (const c of BUILTIN_CHAINS[name])
    chains[c] = { name: c, policy: 'ACCEPT', counters: ZERO, rules: [] }
  return { chains }
}

function withChain(
  nf: Netfilter,
  table: TableName,
  chain: string,
  fn: (c: Chain) => Chain,
): Netfilter {
  const t = loadTable(nf, table)
  const c = t.chains[chain]
  assert(c, `iptables: chain ${chain} does not exist in table ${table}`)
  return { tables: { ...nf.tables, [table]: { chains: { ...t.chains, [chain]: fn(c) } } } }
}

export function applyNetfilterOp(nf: Netfilter, op: NetfilterOp): Netfilter {
  switch (op.kind) {
    case 'nf.restore': {
      const chains: Record<string, Chain> = { ...loadTable(nf, op.table).chains }
      for (const c of op.chains) {
        const current = chains[c.name] ?? { name: c.name, counters: ZERO, rules: [] }
        chains[c.name] = { ...current, rules: [...current.rules, ...c.rules.map(newRule)] }
      }
      return { tables: { ...nf.tables, [op.table]: { chains } } }
    }
    case 'nf.chain.add': {
      const t = loadTable(nf, op.table)
      if (t.chains[op.chain]) return { tables: { ...nf.tables, [op.table]: t } }
      const chain: Chain = { name: op.chain, counters: ZERO, rules: [] }
      return {
        tables: { ...nf.tables, [op.table]: { chains: { ...t.chains, [op.chain]: chain } } },
      }
    }
    case 'nf.chain.del': {
      const t = loadTable(nf, op.table)
      const { [op.chain]: _gone, ...chains } = t.chains
      return { tables: { ...nf.tables, [op.table]: { chains } } }
    }
    case 'nf.policy':
      return withChain(nf, op.table, op.chain, (c) => ({ ...c, policy: op.policy }))
    case 'nf.rule.append':
      return withChain(nf, op.table, op.chain, (c) => ({
        ...c,
        rules: [...c.rules, newRule(op.rule)],
      }))
    case 'nf.rule.insert':
      return withChain(nf, op.table, op.chain, (c) => {
        const at = Math.min(Math.max(op.position - 1, 0), c.rules.length)
        return { ...c, rules: [...c.rules.slice(0, at), newRule(op.rule), ...c.rules.slice(at)] }
      })
    case 'nf.rule.del':
      return withChain(nf, op.table, op.chain, (c) => {
        const i = c.rules.findIndex((r) => sameRule(r, op.rule))
        return i < 0 ? c : { ...c, rules: [...c.rules.slice(0, i), ...c.rules.slice(i + 1)] }
      })
    case 'nf.zero': {
      if (op.chain !== undefined) return withChain(nf, op.table, op.chain, zeroed)
      const t = nf.tables[op.table]
      if (!t) return nf
      const chains = Object.fromEntries(Object.entries(t.chains).map(([k, c]) => [k, zeroed(c)]))
      return { tables: { ...nf.tables, [op.table]: { chains } } }
    }
    case 'nf.count':
      return withChain(nf, op.table, op.chain, (c) => {
        if (op.rule === undefined) return { ...c, counters: plus(c.counters, op.add) }
        const i = op.rule - 1
        const r = c.rules[i]
        assert(r, `iptables: no rule ${op.rule} in chain ${op.chain}`)
        const rules = c.rules.slice()
        rules[i] = { ...r, counters: plus(r.counters, op.add) }
        return { ...c, rules }
      })
  }
}

function zeroed(c: Chain): Chain {
  const rules = c.rules.map((r) => (r.counters === ZERO ? r : { ...r, counters: ZERO }))
  return { ...c, counters: ZERO, rules }
}

const plus = (a: Counters, b: Counters): Counters => ({
  packets: a.packets + b.packets,
  bytes: a.bytes + b.bytes,
})

function newRule(r: RuleLike): Rule {
  return { matches: r.matches, target: r.target, counters: ZERO }
}

export function sameRule(a: RuleLike, b: RuleLike): boolean {
  return plainEqual(a.matches, b.matches) && plainEqual(a.target, b.target)
}
