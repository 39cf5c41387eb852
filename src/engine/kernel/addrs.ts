// IPv4 addresses of a device as the kernel keeps them: which are primaries and which secondaries,
// where a new one goes in the list, and the prefix route a primary brings. Mirrors Linux 6.x
// net/ipv4/devinet.c __inet_insert_ifa and net/ipv4/fib_frontend.c fib_add_ifaddr.

import { plainEqual } from '../../lib/record-diff'
import { networkOf } from '../model/ipv4'
import type { IfAddr, Link, Route } from './types'

/**
 * The prefix route Linux adds to the main table for a primary address (`proto kernel scope link
 * src …`; fib_frontend.c fib_add_ifaddr). None for a /32 or a 0.x network; a loopback's prefix
 * goes to the local table, which `ip route` does not show.
 */
export function connectedRoute(link: Link, addr: IfAddr): Route[] {
  const dst = { addr: networkOf(addr.cidr), len: addr.cidr.len }
  if (link.kind === 'loopback' || dst.len === 32 || dst.addr >>> 24 === 0) return []
  return [{ dst, dev: link.id, proto: 'kernel', scope: 'link', src: addr.cidr.addr }]
}

/** What a loopback gets when it comes up (devinet.c inetdev_event). */
export const LO_ADDR: IfAddr = { cidr: { addr: 0x7f000001, len: 8 }, scope: 'host' }

export const isSame = (a: IfAddr, b: IfAddr): boolean => plainEqual(a.cidr, b.cidr)

export const isSameRoute = (a: Route, b: Route): boolean =>
  plainEqual(a.dst, b.dst) && a.src === b.src && a.dev === b.dev

/** Same prefix length and network: the later of two such addresses is a secondary. */
export const sameSubnet = (a: IfAddr, b: IfAddr): boolean =>
  a.cidr.len === b.cidr.len && networkOf(a.cidr) === networkOf(b.cidr)

/** The addresses that are no other's secondary: the first of each subnet. */
export function primaries(addrs: readonly IfAddr[]): IfAddr[] {
  return addrs.filter((a, i) => !addrs.slice(0, i).some((b) => sameSubnet(a, b)))
}

const SCOPE_RANK: Readonly<Record<IfAddr['scope'], number>> = { global: 0, link: 253, host: 254 }

/**
 * Where the kernel puts a new primary: after the last primary of the same or a narrower scope
 * (devinet.c __inet_insert_ifa), so a host-scope address goes before global ones.
 */
export function insertPrimary(addrs: readonly IfAddr[], addr: IfAddr): IfAddr[] {
  const firsts = primaries(addrs)
  let at = 0
  addrs.forEach((a, i) => {
    if (firsts.includes(a) && SCOPE_RANK[addr.scope] <= SCOPE_RANK[a.scope]) at = i + 1
  })
  return [...addrs.slice(0, at), addr, ...addrs.slice(at)]
}
