// Who answers ARP on the wire a device sends on: a veth's far end (or, when that end is a bridge
// port, the bridge and the far ends of its other ports), and on a physical NIC the LAN segment:
// another host's NIC, the router (the segment's gateway), or a LAN machine (any other address of
// the segment's subnet is taken to be one).

import type { HostId, NetnsId, SegmentId } from '../model/ids'
import { contains, type Ipv4 } from '../model/ipv4'
import type { World } from '../model/world'
import { INIT_NETNS } from '../model/ids'
import { getNetns, resolveLink } from '../kernel/queries'
import type { Kernel, Link, Netns } from '../kernel/types'
import { netnsIndex } from '../kernel/netns-index'

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
  | { readonly kind: 'nic'; readonly host: HostId; readonly ns: Netns; readonly nic: Link }
  | { readonly kind: 'router' }
  | { readonly kind: 'lan' }

/** ARP for `ip` on segment `seg`. */
export function segmentNeighbour(world: World, seg: SegmentId, ip: Ipv4): SegmentHit | undefined {
  const segment = world.segments[seg]
  if (!segment) return undefined
  for (const host of Object.values(world.hosts)) {
    const ns = getNetns(host.kernel, INIT_NETNS)
    const nic = ns && netnsIndex(ns).nics.find((l) => l.segment === seg && owns(l, ip))
    if (ns && nic) return { kind: 'nic', host: host.id, ns, nic }
  }
  if (ip === segment.gateway) return { kind: 'router' }
  return contains(segment.subnet, ip) ? { kind: 'lan' } : undefined
}
