// One netfilter hook on the walk: builds what the kernel hands the hook (headers, in/out devices,
// the connection's conntrack state and NAT bindings, local addresses, MASQUERADE's address),
// records the chains traversed as one step, applies the NAT (a rule's, or the binding of an
// existing connection) to the packet, and turns a DROP into a step naming the rule or policy.

import { formatIpv4 } from '../model/ipv4'
import type { HostId } from '../model/ids'
import type { Netns } from '../kernel/types'
import {
  evaluateHook,
  type HookResult,
  type NfContext,
  type NfHook,
  type NfPacket,
} from '../kernel/netfilter/evaluate'
import { natBits, nsKey, rebind } from './conn'
import { isLocal, lookupRoute } from './route'
import { ruleText } from './rule-text'
import { drop, inStack, type Walk } from './state'
import type { Headers } from './types'
import { netnsIndex } from '../kernel/netns-index'

export type Devices = { readonly in?: string; readonly out?: string }

/** Runs `hook` in `ns`; false when the packet was dropped (the drop step is recorded). */
export function runHook(w: Walk, host: HostId, ns: Netns, hook: NfHook, dev: Devices): boolean {
  // A namespace without tables (an overlay sandbox, most containers) has no hook to run.
  if (!hasTables(ns)) return true
  const before = inStack(w)
  // Built field by field: this runs at every hook of every trace (object spreads cost here).
  const packet: { -readonly [K in keyof NfPacket]: NfPacket[K] } = {
    src: before.src,
    dst: before.dst,
    proto: before.proto,
  }
  if (before.sport !== undefined) packet.sport = before.sport
  if (before.dport !== undefined) packet.dport = before.dport
  if (dev.in !== undefined) packet.inIface = dev.in
  if (dev.out !== undefined) packet.outIface = dev.out
  if (w.mark !== undefined) packet.mark = w.mark
  if (w.ipvs) packet.ipvs = true
  const key = nsKey(host, ns.id)
  const ctx: { -readonly [K in keyof NfContext]: NfContext[K] } = {
    ctState: w.conn.state,
    isLocal: (ip) => isLocal(ns, ip),
    ctNat: w.conn.bindings ? natBits(w.conn, key) : w.ctNat,
    reroute: (p) => {
      const m = lookupRoute(ns, p.dst)
      return m?.kind === 'route' ? m.dev.name : m?.link.name
    },
  }
  if (w.conn.bindings) {
    ctx.natDone = true
    ctx.binding = (at, p) => rebind(w.conn, key, at, p)
  }
  const r = evaluateHook(
    ns.netfilter,
    hook,
    packet,
    ctx,
    (iface) => netnsIndex(ns).byName.get(iface)?.addrs[0]?.cidr.addr,
  )
  // No table has this hook's chain: nothing to show.
  if (r.steps.length === 0) return true
  const after: { -readonly [K in keyof Headers]: Headers[K] } = {
    src: r.packet.src,
    dst: r.packet.dst,
    proto: r.packet.proto,
  }
  if (r.packet.sport !== undefined) after.sport = r.packet.sport
  if (r.packet.dport !== undefined) after.dport = r.packet.dport
  if (before.tunnel !== undefined) after.tunnel = before.tunnel
  if (r.packet.mark !== undefined) w.mark = r.packet.mark
  w.packet = after
  if (r.nat) w.ctNat = r.nat.kind === 'DNAT' ? { ...w.ctNat, dst: true } : { ...w.ctNat, src: true }
  if (r.bound?.kind === 'DNAT' && !r.bound.reverse) w.ctNat = { ...w.ctNat, dst: true }
  const where = { host, netns: ns.id }
  w.steps.push({
    kind: 'netfilter',
    where,
    what: hookLine(hook, r),
    packet: after,
    hook,
    verdict: r.verdict,
    chain: r.steps,
    before,
    ...(r.nat ? { nat: r.nat } : {}),
    ...(r.bound ? { bound: r.bound } : {}),
  })
  if (r.verdict === 'DROP') drop(w, where, dropReason(hook, r))
  return r.verdict === 'ACCEPT'
}

function hasTables(ns: Netns): boolean {
  for (const _ in ns.netfilter.tables) return true
  return false
}

function natLine(r: HookResult): string {
  if (!r.nat) return ''
  const { kind, before, after } = r.nat
  if (kind === 'DNAT') {
    const port = after.dport === undefined ? '' : `:${after.dport}`
    return `, ${kind} ${formatIpv4(before.dst)} → ${formatIpv4(after.dst)}${port}`
  }
  return `, ${kind} source ${formatIpv4(before.src)} → ${formatIpv4(after.src)}`
}

/** What a connection's binding did to a later packet or a reply. */
function boundLine(r: HookResult): string {
  if (!r.bound) return ''
  const { kind, reverse, before, after } = r.bound
  const port = (p?: number): string => (p === undefined ? '' : `:${p}`)
  const dst = `destination ${formatIpv4(before.dst)}${port(before.dport)} → ${formatIpv4(after.dst)}${port(after.dport)}`
  const src = `source ${formatIpv4(before.src)}${port(before.sport)} → ${formatIpv4(after.src)}${port(after.sport)}`
  if (!reverse)
    return `, conntrack applies the connection's ${kind}: ${kind === 'DNAT' ? dst : src}`
  return `, conntrack undoes the connection's ${kind}: ${kind === 'SNAT' ? dst : src}`
}

function hookLine(hook: NfHook, r: HookResult): string {
  const last = deciding(r)
  const by = last ? ` by ${last}` : ''
  return `netfilter ${hook}: ${r.verdict}${by}${natLine(r)}${boundLine(r)}`
}

/**
 * What decided the hook: for a DROP its last step; for an ACCEPT the last rule that matched with
 * a verdict or NAT target (a jump decides nothing), else the last table's policy.
 */
function deciding(r: HookResult): string | undefined {
  let policy: string | undefined
  for (let i = r.steps.length - 1; i >= 0; i--) {
    const s = r.steps[i]
    if (s?.kind === 'policy') {
      if (r.verdict === 'DROP') return `the ${s.table} ${s.chain} policy`
      policy ??= `the ${s.table} ${s.chain} policy`
    }
    if (s?.kind === 'rule' && s.matched && !['jump', 'RETURN'].includes(s.rule.target.kind))
      return `${s.table} ${s.chain} rule #${s.index} (${ruleText(s.rule)})`
  }
  return policy
}

function dropReason(hook: NfHook, r: HookResult): string {
  const last = r.steps[r.steps.length - 1]
  if (last?.kind === 'rule' && last.rule.target.kind === 'MASQUERADE')
    return `MASQUERADE found no address on the out device (${hook})`
  const by = deciding(r)
  return by === undefined ? `dropped in ${hook}` : `dropped in ${hook} by ${by}`
}
