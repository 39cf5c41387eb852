// Devices stacked on a physical NIC as the tracer meets them on the wire: an 802.1Q
// sub-interface (its frames carry the VLAN tag), a macvlan or ipvlan child (its frames leave
// through the parent's cable, with its own MAC or the parent's), possibly one on the other
// (`eth0.10` under a macvlan). Linux net/8021q, drivers/net/macvlan.c, drivers/net/ipvlan.
// Indexed once per kernel record, like netns-index.ts: committed kernels never change.

import type { Ipv4 } from '../model/ipv4'
import type { Host } from '../model/world'
import type { NetnsId } from '../model/ids'
import { lowerOf } from '../kernel/links'
import { allNetns, getNetns, linksOf, resolveLink } from '../kernel/queries'
import type { Kernel, Link, LinkRef, Netns } from '../kernel/types'
import { allContainers } from '../daemon/queries'

/** Where a device's frames meet the wire: the device at the bottom of its stack. */
export type Descent = {
  /** The device with no lower (a NIC when the stack reaches a cable; else a dummy, a bridge…). */
  readonly bottom: Link
  readonly bottomNs: NetnsId
  /** The device directly below the one descended from (undefined: it is the bottom). */
  readonly lower?: Link
  /** The 802.1Q tag its frames carry (0: untagged). */
  readonly vlan: number
  /** The device and every one below it are up. */
  readonly up: boolean
}

/** A device that reaches a LAN segment: a NIC, or one stacked on it. */
export type Stacked = Descent & { readonly link: Link; readonly ns: Netns }

export type StackIndex = {
  /** The devices whose stack ends in a cabled NIC, by the addresses they hold. */
  readonly byAddr: ReadonlyMap<Ipv4, readonly Stacked[]>
  /** macvlan, ipvlan and vlan devices by their lower device (`lowerKey`). */
  readonly children: ReadonlyMap<string, readonly { readonly link: Link; readonly ns: Netns }[]>
}

export const lowerKey = (ref: LinkRef): string => `${ref.netns}/${ref.link}`

/** Follows a device's lower devices down to the bottom (or undefined if one is gone). */
export function descend(k: Kernel, ns: NetnsId, link: Link): Descent | undefined {
  let cur = link
  let curNs = ns
  let vlan = 0
  let up = link.up
  let lower: Link | undefined
  // Stacks are shallow (macvlan on a vlan on a NIC); the bound only guards a corrupt cycle.
  for (let depth = 0; depth < 8; depth++) {
    const ref = lowerOf(cur)
    if (!ref) return { bottom: cur, bottomNs: curNs, vlan, up, ...(lower ? { lower } : {}) }
    if (cur.info?.kind === 'vlan' && vlan === 0) vlan = cur.info.id
    const next = resolveLink(k, ref)
    if (!next) return undefined
    lower ??= next
    up &&= next.up
    cur = next
    curNs = ref.netns
  }
  return undefined
}

/** The first device that is down, from `link` down its stack. */
export function firstDown(k: Kernel, link: Link): Link | undefined {
  let cur: Link | undefined = link
  for (let depth = 0; cur && depth < 8; depth++) {
    if (!cur.up) return cur
    const ref = lowerOf(cur)
    cur = ref && resolveLink(k, ref)
  }
  return undefined
}

const indexes = new WeakMap<Kernel, StackIndex>()

export function stackIndex(k: Kernel): StackIndex {
  let index = indexes.get(k)
  if (index) return index
  const byAddr = new Map<Ipv4, Stacked[]>()
  const children = new Map<string, { link: Link; ns: Netns }[]>()
  for (const ns of allNetns(k)) {
    for (const link of linksOf(ns)) {
      const ref = lowerOf(link)
      if (ref) {
        const list = children.get(lowerKey(ref))
        if (list) list.push({ link, ns })
        else children.set(lowerKey(ref), [{ link, ns }])
      }
      if (link.addrs.length === 0 || (!ref && link.segment === undefined)) continue
      const d = descend(k, ns.id, link)
      if (!d || d.bottom.kind !== 'ether' || d.bottom.segment === undefined) continue
      const entry: Stacked = { ...d, link, ns }
      for (const a of link.addrs) {
        const list = byAddr.get(a.cidr.addr)
        if (list) list.push(entry)
        else byAddr.set(a.cidr.addr, [entry])
      }
    }
  }
  index = { byAddr, children }
  indexes.set(k, index)
  return index
}

/** The up children of `lower` (in `ns`) other than `except`, wherever they live. */
export function childrenOf(k: Kernel, ns: NetnsId, lower: Link, except?: Link) {
  const list = stackIndex(k).children.get(lowerKey({ netns: ns, link: lower.id })) ?? []
  return list.filter((c) => c.link !== except && c.link.up)
}

/** An ipvlan l3/l3s slave: IFF_NOARP, it neither asks nor answers ARP (ipvlan_set_port_mode). */
export function isNoArp(link: Link): boolean {
  return link.info?.kind === 'ipvlan' && link.info.mode !== 'l2'
}

/** `macvlan` / `ipvlan` for a child, undefined for anything else. */
export function childKind(link: Link): 'macvlan' | 'ipvlan' | undefined {
  return link.kind === 'macvlan' || link.kind === 'ipvlan' ? link.kind : undefined
}

/** A device as the traces name it: `eth0 of container web`, or `host1's eth0`. */
export function deviceText(host: Host, ns: NetnsId, link: Link): string {
  const owner = allContainers(host.daemon).find((c) => c.sandbox?.netns === ns)
  if (owner) return `${link.name} of container ${owner.name}`
  const netns = getNetns(host.kernel, ns)
  return netns?.role === 'host'
    ? `${host.id}'s ${link.name}`
    : `${link.name} in ${netns?.path || ns}`
}
