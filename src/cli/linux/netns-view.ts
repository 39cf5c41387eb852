// One network namespace as the Linux tools see it from inside: devices in ifindex order and the
// state the kernel derives for them (carrier, operstate, flags, qdisc, peer, link-netnsid).
// Mirrors Linux 6.x net/core/link_watch.c default_operstate and net/core/dev.c dev_get_flags.

import { allNetns, getNetns, linksOf } from '../../engine'
import { lowerOf, resolveLink } from '../../engine'
import {
  hasCarrier,
  linkEnv,
  linkFlags,
  type Kernel,
  type Link,
  type LinkEnv,
  type LinkRef,
  type Netns,
  type NetnsId,
} from '../../engine'
import type { CommandContext } from '../context'

export type NetnsView = {
  readonly kernel: Kernel
  readonly netns: Netns
  readonly env: LinkEnv
  /** Every device of the namespace, by ifindex. */
  readonly links: readonly Link[]
}

export type LinkState = 'UP' | 'DOWN' | 'UNKNOWN' | 'LOWERLAYERDOWN'

export function netnsView(ctx: CommandContext): NetnsView | undefined {
  return viewOf(ctx.engine.world.hosts[ctx.host]?.kernel, ctx.netns)
}

/** One namespace of a kernel, e.g. as a transaction has changed it so far. */
export function viewOf(kernel: Kernel | undefined, id: NetnsId): NetnsView | undefined {
  const netns = getNetns(kernel, id)
  if (!kernel || !netns) return undefined
  const links = linksOf(netns)
  return { kernel, netns, env: linkEnv(kernel), links }
}

/** Where `ip netns add` mounts a namespace (iproute2 NETNS_RUN_DIR; /run is /var/run). */
export const NETNS_RUN_DIR = '/var/run/netns/'

/** The name `ip netns` knows a namespace by: only those mounted under NETNS_RUN_DIR have one. */
export function netnsName(ns: Netns): string | undefined {
  return ns.role === 'named' && ns.path.startsWith(NETNS_RUN_DIR)
    ? ns.path.slice(NETNS_RUN_DIR.length)
    : undefined
}

/** The namespace `ip netns add NAME` made, by its name. */
export function namedNetns(kernel: Kernel | undefined, name: string): Netns | undefined {
  return allNetns(kernel).find((ns) => netnsName(ns) === name)
}

export const linkByName = (v: NetnsView, name: string): Link | undefined =>
  v.links.find((l) => l.name === name)

export const linkByIfindex = (v: NetnsView, ifindex: number): Link | undefined =>
  v.links.find((l) => l.ifindex === ifindex)

export const linkById = (v: NetnsView, id: string): Link | undefined =>
  v.links.find((l) => l.id === id)

export const carrier = (v: NetnsView, link: Link): boolean => hasCarrier(v.env, v.netns.id, link)

/**
 * The device IFLA_LINK names: a veth's peer, or the lower device of a macvlan, ipvlan or vlan
 * (`eth0.10@eth0`). A VXLAN device Docker makes has none (no `dev` given at creation).
 */
export function linkRefOf(link: Link): LinkRef | undefined {
  return link.peer ?? lowerOf(link)
}

/**
 * The namespace IFLA_LINK_NETNSID points at: the peer's or lower device's, or for a VXLAN
 * device the namespace of its UDP socket (vxlan_get_link_net: where it was created).
 */
function linkNetOf(link: Link): NetnsId | undefined {
  const ref = linkRefOf(link)
  if (ref) return ref.netns
  return link.info?.kind === 'vxlan' ? link.info.underlay : undefined
}

/** The veth peer or lower device and the namespace it lives in, if the device has one. */
export function peerOf(v: NetnsView, link: Link): { link: Link; netns: NetnsId } | undefined {
  const ref = linkRefOf(link)
  if (!ref) return undefined
  const peer = resolveLink(v.kernel, ref)
  return peer ? { link: peer, netns: ref.netns } : undefined
}

/** IFLA_OPERSTATE. A carrierless device whose lower device (looked up by index in its own
 * namespace) has no carrier either is LOWERLAYERDOWN (default_operstate, Linux ≥6.10). */
export function linkState(v: NetnsView, link: Link): LinkState {
  if (!link.up) return 'DOWN'
  // Drivers that never report a carrier change leave IF_OPER_UNKNOWN (vxlan: no
  // netif_carrier_on/off in drivers/net/vxlan).
  if (link.kind === 'loopback' || link.kind === 'dummy' || link.kind === 'vxlan') return 'UNKNOWN'
  if (carrier(v, link)) return 'UP'
  const peer = peerOf(v, link)
  if (!peer || peer.link.ifindex === link.ifindex) return 'DOWN'
  const lower = linkByIfindex(v, peer.link.ifindex)
  return lower && !carrier(v, lower) ? 'LOWERLAYERDOWN' : 'DOWN'
}

/** Whether the `@ifN` / `@peer` part of a name says M-DOWN (ll_index_to_flags of the index in
 * this namespace: a missing device counts as down). */
export function lowerDown(v: NetnsView, ifindex: number): boolean {
  return !(linkByIfindex(v, ifindex)?.up ?? false)
}

/** The `<…>` flag list without M-DOWN. */
export const flagList = (v: NetnsView, link: Link): string[] => linkFlags(v.env, v.netns.id, link)

/** What iproute2's qdisc field shows: noop until the device is up, then the default qdisc. */
export function qdiscOf(link: Link): string {
  if (!link.up) return 'noop'
  return link.kind === 'ether' ? 'fq_codel' : 'noqueue'
}

/**
 * The peer's namespace id as this namespace knows it (`link-netnsid`): ids are handed out in
 * order of first reference; approximated by the creation order of the devices pointing there.
 */
export function linkNetnsId(v: NetnsView, link: Link): number | undefined {
  const target = linkNetOf(link)
  return target === undefined ? undefined : nsidOf(v, target)
}

/** The id this namespace gave another one (see linkNetnsId), if it has had to give one. */
export function nsidOf(v: NetnsView, target: NetnsId): number | undefined {
  if (target === v.netns.id) return undefined
  const order: NetnsId[] = []
  // In the order the devices were made (a device moved in, like Docker's vxlan0, keeps the
  // ifindex it had, so ifindex order is not creation order).
  const seq = (l: Link): number => Number(l.id.replace(/^\D+/, ''))
  for (const l of [...v.links].sort((a, b) => seq(a) - seq(b))) {
    const ns = linkNetOf(l)
    if (ns !== undefined && ns !== v.netns.id && !order.includes(ns)) order.push(ns)
  }
  const id = order.indexOf(target)
  return id < 0 ? undefined : id
}

/**
 * The end of a device's `link/…` line naming its peer's namespace: `link-netns NAME` when
 * `ip netns` knows it (print_linkinfo asks get_name_from_nsid), else `link-netnsid N`.
 */
export function linkNetnsText(v: NetnsView, link: Link): string {
  const nsid = linkNetnsId(v, link)
  const target = linkNetOf(link)
  if (nsid === undefined || target === undefined) return ''
  const peerNs = getNetns(v.kernel, target)
  const name = peerNs && netnsName(peerNs)
  return name === undefined ? ` link-netnsid ${nsid}` : ` link-netns ${name}`
}

/**
 * What follows the name of a device with a lower link. iproute2 `ip` prints `@ifN` when the
 * peer is in another namespace and the peer's name when it is local (with M-DOWN if it is
 * down); `bridge link` and busybox resolve the index in the local namespace either way.
 */
export function peerSuffix(
  v: NetnsView,
  link: Link,
  resolveLocally: boolean,
): { text: string; mDown: boolean } | undefined {
  const peer = peerOf(v, link)
  if (!peer) return undefined
  const index = peer.link.ifindex
  if (!resolveLocally && peer.netns !== v.netns.id) return { text: `if${index}`, mDown: false }
  const local = linkByIfindex(v, index)
  return { text: local?.name ?? `if${index}`, mDown: lowerDown(v, index) }
}

/** IPv6 is on for every device of the host and of `ip netns add`'s namespaces; Docker turns it
 * off on IPv4-only container interfaces (26.1+), leaving only `::1` on the container's `lo`. */
export function ipv6Enabled(v: NetnsView, link: Link): boolean {
  return link.kind === 'loopback' || v.netns.role !== 'container'
}
