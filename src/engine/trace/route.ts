// Route lookup in one namespace, as fib_lookup does it for a first packet: the local table (the
// namespace's own addresses and 127/8) before the main table, then longest prefix, then lowest
// metric, then the table's order. Mirrors linux v6.12 net/ipv4/fib_frontend.c fib_lookup with
// the default rules (local, main); link state and policy routing are not modelled.

import { contains } from '../model/ipv4'
import type { Ipv4 } from '../model/ipv4'
import { getLink } from '../kernel/queries'
import type { Link, Netns, Route } from '../kernel/types'
import { netnsIndex } from '../kernel/netns-index'

export type RouteMatch =
  /** The destination is one of this namespace's addresses: delivered here (via `lo`). */
  | { readonly kind: 'local'; readonly link: Link }
  /** A main-table route and its device; `nextHop` is the gateway, or the destination on-link. */
  | { readonly kind: 'route'; readonly route: Route; readonly dev: Link; readonly nextHop: Ipv4 }

const LOOPBACK_NET = { addr: 0x7f000000, len: 8 }

/** The device holding `ip` in this namespace (127/8 belongs to `lo`). */
export function localLink(ns: Netns, ip: Ipv4): Link | undefined {
  const index = netnsIndex(ns)
  const owner = index.byAddr.get(ip)
  if (owner) return owner
  return contains(LOOPBACK_NET, ip) ? index.loopback : undefined
}

export function isLocal(ns: Netns, ip: Ipv4): boolean {
  return localLink(ns, ip) !== undefined
}

export function lookupRoute(ns: Netns, dst: Ipv4): RouteMatch | undefined {
  const local = localLink(ns, dst)
  if (local) return { kind: 'local', link: local }
  let best: Route | undefined
  for (const r of ns.routes) {
    if (!contains(r.dst, dst)) continue
    if (
      best === undefined ||
      r.dst.len > best.dst.len ||
      (r.dst.len === best.dst.len && (r.metric ?? 0) < (best.metric ?? 0))
    )
      best = r
  }
  const dev = best && getLink(ns, best.dev)
  if (!best || !dev) return undefined
  return { kind: 'route', route: best, dev, nextHop: best.via ?? dst }
}

/** The source address of a locally generated packet (inet_select_addr, simplified). */
export function sourceFor(m: RouteMatch, dst: Ipv4): Ipv4 {
  // A local destination is its own source when a device holds it (`ip route get 172.18.0.2`:
  // src 172.18.0.2); elsewhere in 127/8 (127.0.0.11) the source is lo's address, 127.0.0.1.
  if (m.kind === 'local') {
    const held = m.link.addrs.some((a) => a.cidr.addr === dst)
    return held ? dst : (m.link.addrs[0]?.cidr.addr ?? dst)
  }
  return m.route.src ?? m.dev.addrs[0]?.cidr.addr ?? 0
}
