// Netfilter for one packet at one hook, as the Linux kernel (v6.12, iptables backend) runs it,
// with every chain entered and every rule tried recorded for the packet tracer. Sources:
//
// - Tables per hook, in priority order (include/uapi/linux/netfilter_ipv4.h nf_ip_hook_priorities:
//   RAW -300, CONNTRACK -200, MANGLE -150, NAT_DST -100, FILTER 0, NAT_SRC 100; iptable_*.c
//   valid_hooks): PREROUTING raw → (conntrack) → mangle → nat; INPUT mangle → filter → nat (SNAT
//   on input, nf_nat_proto.c nf_nat_ipv4_ops); FORWARD mangle → filter; OUTPUT raw → mangle → nat
//   → filter; POSTROUTING mangle → nat. A table nobody loaded has no hook, so it is skipped.
// - The walk (net/ipv4/netfilter/ip_tables.c ipt_do_table): rules in order; a jump pushes the
//   return position; RETURN or falling off a user chain pops; RETURN or falling off a built-in
//   chain takes its underflow, the policy. ACCEPT ends this table only (the next table at the
//   hook still runs, nf_hook_slow); DROP ends the hook.
// - Raw runs before conntrack: `--ctstate` there sees no entry, i.e. INVALID (xt_conntrack.c).
//   Elsewhere it sees `ctx.ctState`, plus the virtual SNAT/DNAT states from `ctx.ctNat` and from
//   a NAT this hook's nat table just set up (IPS_SRC_NAT/IPS_DST_NAT).
// - NAT (net/netfilter/nf_nat_core.c nf_nat_inet_fn): the nat chains run only while the
//   connection's binding for this manip is not set up, i.e. for its first packet (NEW); later
//   packets (ESTABLISHED, RELATED, or `ctx.natDone`) reuse the binding, which the caller
//   supplies (`ctx.binding`) and which is applied where the nat table sits (nf_nat_packet);
//   untracked and invalid packets have no conntrack and are never NATed. Recorded as a `skip`. DNAT/SNAT/MASQUERADE return ACCEPT, ending the nat table
//   (xt_nat.c, xt_MASQUERADE.c). MASQUERADE takes the out device's address (here
//   `masqueradeSource`), DROPs when it has none ("ate my IP address") and leaves source 0.0.0.0
//   alone (nf_nat_masquerade.c nf_nat_masquerade_ipv4). A DNAT in nat OUTPUT reroutes the packet
//   before filter OUTPUT (nf_nat_ipv4_local_fn → ip_route_me_harder): `ctx.reroute`.
// - A RELATED packet is taken to belong to an already NATed connection (an ICMP error); a
//   helper's expected connection would run the nat chains on its first packet: no helpers here.
// - Interfaces: ipt_do_table compares a missing device (`state->in/out` NULL) as the empty name
//   (`nulldevname`), so `-o X` never matches where there is no out device and `! -o X` always
//   does; nf_tables' `oifname` does the same (nft_meta.c nft_meta_store_ifname stores "").

import { assert } from '../../../lib/assert'
import type { Ipv4 } from '../../model/ipv4'
import {
  firstFailingMatch,
  type BoundNat,
  type CtView,
  type NfContext,
  type NfPacket,
} from './match'
import {
  ZERO,
  type Chain,
  type Netfilter,
  type Rule,
  type Table,
  type TableName,
  type Target,
} from './types'

export type { BoundNat, NatHookPoint, NfContext, NfPacket } from './match'

export type NfHook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING'

/** The tables each hook runs, in kernel priority order. */
export const HOOK_TABLES: Readonly<Record<NfHook, readonly TableName[]>> = {
  PREROUTING: ['raw', 'mangle', 'nat'],
  INPUT: ['mangle', 'filter', 'nat'],
  FORWARD: ['mangle', 'filter'],
  OUTPUT: ['raw', 'mangle', 'nat', 'filter'],
  POSTROUTING: ['mangle', 'nat'],
}

/** A rule by position: `index` is 1-based, as `iptables -L --line-numbers` shows it. */
export type RuleRef = {
  readonly table: TableName
  readonly chain: string
  readonly index: number
  readonly rule: Rule
}

/** One rule tried; `failed` is the 0-based index in `rule.matches` of the first match that failed. */
export type RuleHit = RuleRef & { readonly matched: boolean; readonly failed?: number }

export type ChainStep =
  /** Entering a chain: a hook's built-in chain, or a user chain through a jump. */
  | { readonly kind: 'enter'; readonly table: TableName; readonly chain: string }
  /** Every rule tried, in order; the target of a matched rule says what happens next. */
  | ({ readonly kind: 'rule' } & RuleHit)
  /** Leaving a user chain (RETURN or its end) back to the rule after the jump. */
  | { readonly kind: 'return'; readonly table: TableName; readonly chain: string }
  /** A built-in chain's policy, taken at its end or on RETURN. */
  | {
      readonly kind: 'policy'
      readonly table: TableName
      readonly chain: string
      readonly policy: 'ACCEPT' | 'DROP'
    }
  /** The nat table not run: the connection is past its first packet, its binding applies. */
  | {
      readonly kind: 'skip'
      readonly table: 'nat'
      readonly chain: string
      readonly ctState: NfContext['ctState']
    }

export type NatRewrite = {
  readonly kind: 'DNAT' | 'SNAT' | 'MASQUERADE'
  readonly before: NfPacket
  readonly after: NfPacket
  readonly rule: RuleRef
}

/** A later packet of a connection rewritten by its binding (see NfContext.binding). */
export type BoundRewrite = {
  readonly kind: 'DNAT' | 'SNAT'
  readonly reverse: boolean
  readonly before: NfPacket
  readonly after: NfPacket
}

export type HookResult = {
  readonly verdict: 'ACCEPT' | 'DROP'
  readonly steps: ChainStep[]
  /** The packet after DNAT/SNAT/MASQUERADE (and a reroute after an OUTPUT DNAT). */
  readonly packet: NfPacket
  readonly nat?: NatRewrite
  readonly bound?: BoundRewrite
}

/** The address MASQUERADE picks on an out device (inet_select_addr), if it has one. */
export type MasqueradeSource = (outIface: string) => Ipv4 | undefined

/** Deep enough for any table the kernel would load (it refuses loops, mark_source_chains). */
const MAX_JUMP_DEPTH = 1024

const RAW_CT: CtView = { state: 'INVALID', snat: false, dnat: false }

/** Runs every table of `hook` on `packet`, as the kernel does, recording each step. */
export function evaluateHook(
  nf: Netfilter,
  hook: NfHook,
  packet: NfPacket,
  ctx: NfContext,
  masqueradeSource?: MasqueradeSource,
): HookResult {
  const steps: ChainStep[] = []
  const ct: CtView = {
    state: ctx.ctState,
    snat: ctx.ctNat?.src === true,
    dnat: ctx.ctNat?.dst === true,
  }
  let p = packet
  let nat: NatRewrite | undefined
  let bound: BoundRewrite | undefined
  const result = (verdict: 'ACCEPT' | 'DROP'): HookResult => ({
    verdict,
    steps,
    packet: p,
    ...(nat ? { nat } : {}),
    ...(bound ? { bound } : {}),
  })
  for (const name of HOOK_TABLES[hook]) {
    const table = nf.tables[name]
    if (table?.chains[hook] === undefined) continue
    if (name === 'nat' && (ctx.ctState !== 'NEW' || ctx.natDone === true)) {
      steps.push({ kind: 'skip', table: 'nat', chain: hook, ctState: ctx.ctState })
      const b = hook === 'FORWARD' ? undefined : ctx.binding?.(hook, p)
      if (b) {
        bound = rebound(b, p, hook, ctx)
        p = bound.after
      }
      continue
    }
    const box = { p }
    const run = runTable(
      steps,
      table,
      name,
      hook,
      box,
      name === 'raw' ? RAW_CT : natCt(ct, nat),
      ctx,
    )
    p = box.p
    if (run === 'DROP') return result('DROP')
    if (run === 'ACCEPT') continue
    const done = applyNat(run.target, p, hook, ctx, masqueradeSource)
    if (done === undefined) return result('DROP')
    if (done !== p) {
      // REDIRECT is a DNAT to a local address, for conntrack and the trace alike.
      const kind = run.target.kind === 'REDIRECT' ? 'DNAT' : run.target.kind
      nat = { kind, before: p, after: done, rule: run.ref }
      p = done
    }
  }
  return result('ACCEPT')
}

/** A binding's rewrite; a new destination in OUTPUT is routed again, as after a DNAT rule. */
function rebound(b: BoundNat, p: NfPacket, hook: NfHook, ctx: NfContext): BoundRewrite {
  let after = b.packet
  if (hook === 'OUTPUT' && after.dst !== p.dst && ctx.reroute !== undefined) {
    const out = ctx.reroute(after)
    const { outIface: _old, ...rest } = after
    after = out === undefined ? rest : { ...rest, outIface: out }
  }
  return { kind: b.kind, reverse: b.reverse, before: p, after }
}

/** Tables after this hook's nat see the connection's new SNAT/DNAT status bit. */
function natCt(ct: CtView, nat: NatRewrite | undefined): CtView {
  if (nat === undefined) return ct
  return nat.kind === 'DNAT' ? { ...ct, dnat: true } : { ...ct, snat: true }
}

type NatTarget = Extract<Target, { kind: 'DNAT' | 'SNAT' | 'MASQUERADE' | 'REDIRECT' }>

/** A table's outcome: its verdict, or the NAT target that ended it (with ACCEPT). */
type TableRun = 'ACCEPT' | 'DROP' | { readonly target: NatTarget; readonly ref: RuleRef }

/**
 * ipt_do_table for one table: the built-in chain `hook` and the user chains it jumps to, each
 * step appended to `steps`.
 */
function runTable(
  steps: ChainStep[],
  table: Table,
  name: TableName,
  hook: NfHook,
  box: { p: NfPacket },
  ct: CtView,
  ctx: NfContext,
): TableRun {
  const builtin = table.chains[hook]
  assert(builtin, `netfilter: no chain ${hook} in table ${name}`)
  const stack: Chain[] = []
  const resume: number[] = []
  let chain: Chain = builtin
  let i = 0
  steps.push({ kind: 'enter', table: name, chain: hook })
  for (;;) {
    const rule = chain.rules[i]
    let pop = rule === undefined
    if (rule !== undefined) {
      i++
      const failed = firstFailingMatch(rule, box.p, ct, ctx)
      if (failed >= 0) {
        steps.push({
          kind: 'rule',
          table: name,
          chain: chain.name,
          index: i,
          rule,
          matched: false,
          failed,
        })
        continue
      }
      steps.push({ kind: 'rule', table: name, chain: chain.name, index: i, rule, matched: true })
      const t = rule.target
      switch (t.kind) {
        case 'ACCEPT':
        case 'DROP':
          return t.kind
        case 'RETURN':
          pop = true
          break
        case 'jump': {
          // iptables cannot reference a missing chain; a model that does sees an empty one.
          const next = table.chains[t.chain] ?? { name: t.chain, counters: ZERO, rules: [] }
          assert(stack.length < MAX_JUMP_DEPTH, `netfilter: jump loop through ${t.chain}`)
          stack.push(chain)
          resume.push(i)
          steps.push({ kind: 'enter', table: name, chain: next.name })
          chain = next
          i = 0
          break
        }
        case 'MARK': {
          // A non-terminating target: the mark is set and the chain goes on.
          const mark = ((box.p.mark ?? 0) & ~t.mask) ^ t.value
          box.p = { ...box.p, mark: mark >>> 0 }
          break
        }
        case 'DNAT':
        case 'SNAT':
        case 'MASQUERADE':
        case 'REDIRECT':
          return { target: t, ref: { table: name, chain: chain.name, index: i, rule } }
      }
    }
    if (!pop) continue
    // The end of a chain or RETURN: back to the caller, or the built-in chain's policy.
    const caller = stack.pop()
    if (caller === undefined) {
      const policy = builtin.policy ?? 'ACCEPT'
      steps.push({ kind: 'policy', table: name, chain: hook, policy })
      return policy
    }
    steps.push({ kind: 'return', table: name, chain: chain.name })
    chain = caller
    i = resume.pop() ?? 0
  }
}

/** The packet after a NAT target; undefined when MASQUERADE has no address to take. */
function applyNat(
  t: NatTarget,
  p: NfPacket,
  hook: NfHook,
  ctx: NfContext,
  masqueradeSource: MasqueradeSource | undefined,
): NfPacket | undefined {
  switch (t.kind) {
    case 'DNAT': {
      // A port in --to-destination needs -p tcp|udp; the lowest of a range, as a free tuple would.
      const withPort = t.port !== undefined && p.proto !== 'icmp'
      const after: NfPacket = withPort
        ? { ...p, dst: t.addr, dport: t.port }
        : { ...p, dst: t.addr }
      if (hook !== 'OUTPUT' || ctx.reroute === undefined) return after
      const out = ctx.reroute(after)
      const { outIface: _old, ...rest } = after
      return out === undefined ? rest : { ...rest, outIface: out }
    }
    case 'SNAT': {
      const withPort = t.port !== undefined && p.proto !== 'icmp'
      const src = t.addr ?? p.src
      return withPort ? { ...p, src, sport: t.port } : { ...p, src }
    }
    case 'REDIRECT': {
      // The incoming interface's primary address (nf_nat_redirect_ipv4); 127.0.0.1 for OUTPUT.
      const local =
        hook === 'OUTPUT' || p.inIface === undefined ? 0x7f000001 : masqueradeSource?.(p.inIface)
      if (local === undefined) return undefined
      return p.proto === 'icmp' ? { ...p, dst: local } : { ...p, dst: local, dport: t.port }
    }
    case 'MASQUERADE': {
      if (p.src === 0) return p
      const addr = p.outIface === undefined ? undefined : masqueradeSource?.(p.outIface)
      return addr === undefined ? undefined : { ...p, src: addr }
    }
  }
}
