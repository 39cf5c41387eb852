// Derived device state, as `ip link` reports it: carrier, operstate and the flag list.
// Mirrors the kernel: a bridge has carrier when one of its ports is up with carrier; a veth when
// its peer is up; a NIC when it is cabled to a segment; loopback and dummy always (operstate
// UNKNOWN: they never report a carrier change).

import { allNetns, getLink, getNetns } from './queries'
import { tableValues } from '../../lib/table'
import type { LinkId, NetnsId } from '../model/ids'
import type { Kernel, Link, LinkRef } from './types'

export type OperState = 'UP' | 'DOWN' | 'UNKNOWN'

/** Lookups the derivations need; build once per query with `linkEnv` (ports index is O(n)). */
export type LinkEnv = {
  readonly link: (netns: NetnsId, id: LinkId) => Link | undefined
  readonly ports: (netns: NetnsId, bridge: LinkId) => readonly Link[]
}

export function linkEnv(kernel: Kernel): LinkEnv {
  const ports = new Map<string, Link[]>()
  for (const ns of allNetns(kernel)) {
    for (const l of tableValues(ns.links)) {
      if (l.master === undefined) continue
      const key = `${ns.id}/${l.master}`
      const list = ports.get(key)
      if (list) list.push(l)
      else ports.set(key, [l])
    }
  }
  return {
    link: (netns, id) => getLink(getNetns(kernel, netns), id),
    ports: (netns, bridge) => ports.get(`${netns}/${bridge}`) ?? [],
  }
}

export function hasCarrier(env: LinkEnv, netns: NetnsId, link: Link): boolean {
  if (!link.up) return false
  switch (link.kind) {
    case 'loopback':
    case 'dummy':
      return true
    case 'ether':
      return link.segment !== undefined
    case 'veth': {
      const peer = link.peer && env.link(link.peer.netns, link.peer.link)
      return peer !== undefined && peer.up
    }
    case 'bridge':
      return env.ports(netns, link.id).some((port) => hasCarrier(env, netns, port))
    case 'vxlan':
      return true
    case 'macvlan':
    case 'ipvlan':
    case 'vlan': {
      // A child has carrier when its lower device has (netif_stacked_transfer_operstate).
      const ref = lowerOf(link)
      const lower = ref && env.link(ref.netns, ref.link)
      return ref !== undefined && lower !== undefined && hasCarrier(env, ref.netns, lower)
    }
  }
}

export function operState(env: LinkEnv, netns: NetnsId, link: Link): OperState {
  // Loopback, dummy and vxlan report UNKNOWN while up (they never set an operstate), DOWN when down.
  if (link.kind === 'loopback' || link.kind === 'dummy' || link.kind === 'vxlan')
    return link.up ? 'UNKNOWN' : 'DOWN'
  return hasCarrier(env, netns, link) ? 'UP' : 'DOWN'
}

/** The `<…>` flag list of `ip link`, e.g. `NO-CARRIER,BROADCAST,MULTICAST,UP`. */
export function linkFlags(env: LinkEnv, netns: NetnsId, link: Link): string[] {
  const carrier = hasCarrier(env, netns, link)
  const flags: string[] = []
  if (link.up && !carrier) flags.push('NO-CARRIER')
  flags.push(...LINK_TYPE_FLAGS[link.kind])
  // ipvlan l3/l3s slaves answer no ARP (ipvlan_set_port_mode sets IFF_NOARP).
  if (link.info?.kind === 'ipvlan' && link.info.mode !== 'l2') flags.push('NOARP')
  if (link.up) flags.push('UP')
  if (carrier) flags.push('LOWER_UP')
  return flags
}

/** The flags a device type sets at creation (loopback_setup, ether_setup, dummy_setup). */
const LINK_TYPE_FLAGS: Readonly<Record<Link['kind'], readonly string[]>> = {
  loopback: ['LOOPBACK'],
  ether: ['BROADCAST', 'MULTICAST'],
  bridge: ['BROADCAST', 'MULTICAST'],
  veth: ['BROADCAST', 'MULTICAST'],
  dummy: ['BROADCAST', 'NOARP'],
  vxlan: ['BROADCAST', 'MULTICAST'],
  macvlan: ['BROADCAST', 'MULTICAST'],
  ipvlan: ['BROADCAST', 'MULTICAST'],
  vlan: ['BROADCAST', 'MULTICAST'],
}

/** The lower device of a macvlan, ipvlan or vlan child (`eth0.10@eth0`), if it has one. */
export function lowerOf(link: Link): LinkRef | undefined {
  const info = link.info
  return info && info.kind !== 'vxlan' ? info.lower : undefined
}
