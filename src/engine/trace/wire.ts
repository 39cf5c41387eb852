// Who answers ARP on the wire a device sends on: a veth's far end (or, when that end is a bridge
// port, the bridge and the far ends of its other ports), and on a physical NIC the LAN segment:
// another host's NIC or a device stacked on one (a macvlan/ipvlan child in a container, an
// 802.1Q sub-interface: stack.ts), the router (the segment's gateway), or a LAN machine (any
// other address of the segment's subnet is taken to be one); and why nobody answered when a
// device does hold the address.

import type { HostId, LinkId, NetnsId, SegmentId } from '../model/ids'
import { contains, formatIpv4, type Ipv4 } from '../model/ipv4'
import type { World } from '../model/world'
import { resolveLink } from '../kernel/queries'
import type { Kernel, Link, Netns } from '../kernel/types'
import { netnsIndex } from '../kernel/netns-index'
import { childKind, deviceText, isNoArp, stackIndex, type Stacked } from './stack'

export type BridgeHit =
  /** The bridge device itself holds the address (the network's gateway). */
  | { readonly kind: 'self'; readonly bridge: Link }
  /** A port whose veth's far end holds it. */
  | {
      readonly kind: 'port'
      readonly bridge: Link
      readonly port: Link
      readonly far: Link
      readonly farNs: NetnsId
    }

const owns = (l: Link, ip: Ipv4): boolean => l.up && l.addrs.some((a) => a.cidr.addr === ip)

/** ARP for `ip` inside bridge `bridge` of `ns`. */
export function bridgeNeighbour(
  k: Kernel,
  ns: Netns,
  bridge: Link,
  ip: Ipv4,
  except?: Link,
): BridgeHit | undefined {
  if (owns(bridge, ip)) return { kind: 'self', bridge }
  const hit = portsByAddress(k, ns, bridge).get(ip)
  return hit && hit.port !== except ? hit : undefined
}

// Each bridge's ports by the address their veth's far end holds, once per kernel record (a
// committed kernel never changes; any change to it is a new record).
const byAddress = new WeakMap<Kernel, Map<string, Map<Ipv4, BridgeHit & { kind: 'port' }>>>()

function portsByAddress(k: Kernel, ns: Netns, bridge: Link) {
  let perBridge = byAddress.get(k)
  if (!perBridge) {
    perBridge = new Map()
    byAddress.set(k, perBridge)
  }
  const key = `${ns.id}/${bridge.id}`
  let map = perBridge.get(key)
  if (!map) {
    map = new Map()
    for (const port of netnsIndex(ns).ports.get(bridge.id) ?? []) {
      if (!port.up || !port.peer) continue
      const far = resolveLink(k, port.peer)
      if (!far?.up) continue
      for (const a of far.addrs) {
        if (!map.has(a.cidr.addr))
          map.set(a.cidr.addr, { kind: 'port', bridge, port, far, farNs: port.peer.netns })
      }
    }
    perBridge.set(key, map)
  }
  return map
}

/** A veth end that holds `ip` itself (the far end is not bridged). */
export const vethOwns = owns

export type SegmentHit =
  /**
   * A device of a host that holds the address: a NIC, or (`stacked`) a device on top of one (a
   * macvlan or ipvlan l2 child answering ARP itself, an 802.1Q sub-interface), possibly in a
   * container's namespace.
   */
  | {
      readonly kind: 'nic'
      readonly host: HostId
      readonly ns: Netns
      readonly nic: Link
      readonly stacked?: Stacked
    }
  | { readonly kind: 'router' }
  | { readonly kind: 'lan' }

/** Who puts a frame on the wire: the NIC it leaves by, and the 802.1Q tag it carries. */
export type WireSender = {
  readonly host: HostId
  readonly nic: LinkId
  readonly nicNs: NetnsId
  readonly vlan: number
  /** The device that sent it: the NIC, or one stacked on it (a macvlan child, `eth0.10`). */
  readonly dev: Link
}

/** Whether `s` (on `host`) hangs off the very NIC the frame leaves by. */
const onSendersNic = (s: Stacked, host: HostId, from: WireSender | undefined): boolean =>
  from !== undefined && from.host === host && from.nic === s.bottom.id && from.nicNs === s.bottomNs

/**
 * ARP for `ip` on segment `seg`, in the sender's VLAN. A NIC never hears its own frames (nor do
 * the devices stacked on it: a switch does not send a frame back out of the port it came in
 * by), ipvlan l3 slaves never answer (NOARP), and the router and LAN machines are untagged.
 */
export function segmentNeighbour(
  world: World,
  seg: SegmentId,
  ip: Ipv4,
  from?: WireSender,
): SegmentHit | undefined {
  const segment = world.segments[seg]
  if (!segment) return undefined
  const vlan = from?.vlan ?? 0
  // A device of the lab holds the address: no other machine on the LAN does.
  let held = false
  for (const host of Object.values(world.hosts)) {
    for (const s of stackIndex(host.kernel).byAddr.get(ip) ?? []) {
      if (s.bottom.segment !== seg) continue
      held = true
      if (!s.up || s.vlan !== vlan || onSendersNic(s, host.id, from) || isNoArp(s.link)) continue
      return {
        kind: 'nic',
        host: host.id,
        ns: s.ns,
        nic: s.link,
        ...(s.lower ? { stacked: s } : {}),
      }
    }
  }
  if (vlan !== 0 || held) return undefined
  if (ip === segment.gateway) return { kind: 'router' }
  return contains(segment.subnet, ip) ? { kind: 'lan' } : undefined
}

const article = (kind: string): string => (kind === 'ipvlan' ? 'an' : 'a')

/** Why a frame from the device's own stack cannot reach `s` (libnetwork/docs/macvlan.md). */
function loopText(world: World, host: HostId, from: WireSender, s: Stacked, addr: Ipv4): string {
  const h = world.hosts[host]
  const owner = h ? deviceText(h, s.ns.id, s.link) : s.link.name
  const ip = formatIpv4(addr)
  const sent = childKind(from.dev)
  const held = childKind(s.link)
  // Linux never loops a frame between a lower device and its macvlan/ipvlan children: the
  // parent transmits straight to the wire and its rx_handler only sees frames from the wire.
  const why = (kind: string) =>
    `the kernel does not loop frames between a parent and its ${kind} devices; give the host ${article(kind)} ${kind} interface of its own to reach it`
  if (held && !sent)
    return `${article(held)} ${held} child never hears its own parent ${s.lower?.name ?? from.dev.name} (${ip} is ${owner}) — ${why(held)}`
  if (sent && !held)
    return `a parent never hears its own ${sent} children (${ip} is ${owner}, under this ${sent} device) — ${why(sent)}`
  return `${ip} is ${owner}, stacked on the same NIC ${s.bottom.name}: a switch does not send a frame back out of the port it came in by, and nothing inside the host switches it between the two`
}

/**
 * Why nothing answered ARP for `ip` on `seg` when a device of the world does hold it: it hangs
 * off the sender's own NIC, it is an ipvlan l3 slave (NOARP), or it is in another VLAN.
 */
export function silence(
  world: World,
  seg: SegmentId,
  ip: Ipv4,
  from?: WireSender,
): string | undefined {
  const vlan = from?.vlan ?? 0
  let other: string | undefined
  for (const host of Object.values(world.hosts)) {
    for (const s of stackIndex(host.kernel).byAddr.get(ip) ?? []) {
      if (s.bottom.segment !== seg) continue
      const owner = deviceText(host, s.ns.id, s.link)
      if (!s.up) {
        other ??= `${formatIpv4(ip)} is ${owner}, which is down (or a device under it is)`
        continue
      }
      if (s.vlan !== vlan) {
        other ??= `${formatIpv4(ip)} is ${owner}, in ${s.vlan ? `VLAN ${s.vlan}` : 'the untagged LAN'}: frames ${vlan ? `of VLAN ${vlan}` : 'sent untagged'} do not reach it`
        continue
      }
      if (from && onSendersNic(s, host.id, from)) return loopText(world, host.id, from, s, ip)
      if (isNoArp(s.link)) {
        const nicAddr = s.bottom.addrs[0] ?? s.lower?.addrs[0]
        const via = nicAddr
          ? ` via ${host.id}'s ${formatIpv4(nicAddr.cidr.addr)}`
          : ` via ${host.id}`
        return `${formatIpv4(ip)} is ${owner}, an ipvlan ${s.link.info?.kind === 'ipvlan' ? s.link.info.mode : 'l3'} slave of ${s.lower?.name ?? s.bottom.name}: l3 slaves never answer ARP (NOARP), the LAN reaches them through a route${via}`
      }
    }
  }
  return other
}
