// A namespace's forwarding database as the kernel dumps it (RTM_GETNEIGH, AF_BRIDGE): device by
// device, a bridge port's entries from its bridge (newest first, its own MAC last), then each
// device's own unicast/multicast list (`self`), or for a VXLAN device its own table (which MAC
// sits behind which remote tunnel endpoint). Mirrors Linux net/core/rtnetlink.c rtnl_fdb_dump /
// ndo_dflt_fdb_dump, net/bridge/br_fdb.c br_fdb_dump and drivers/net/vxlan vxlan_fdb_dump.

import type { Ipv4, Link } from '../../engine'
import { carrier, ipv6Enabled, linkById, linkNetnsId, type NetnsView } from './netns-view'

export type FdbRow = {
  readonly mac: string
  readonly dev: Link
  /** The bridge holding the entry; absent for a device's own (`self`) addresses. */
  readonly master?: Link
  readonly permanent: boolean
  /** A VXLAN entry: the remote endpoint, and the namespace id of the device's underlay. */
  readonly dst?: { readonly ip: Ipv4; readonly nsid?: number }
}

const ALL_NODES_6 = '33:33:00:00:00:01'
const ALL_HOSTS_4 = '01:00:5e:00:00:01'
/** The multicast-router groups a bridge joins (224.0.0.106, ff02::6a). */
const MCAST_ROUTER = ['01:00:5e:00:00:6a', '33:33:00:00:00:6a']

/** The multicast groups a device has joined: IPv6 all-nodes (from registration on, even with
 * IPv6 disabled), then once up the bridge's router groups, IPv4 all-hosts and the
 * solicited-node group of its link-local address. */
function selfRows(v: NetnsView, link: Link): FdbRow[] {
  const v6 = ipv6Enabled(v, link)
  const macs = [ALL_NODES_6]
  if (link.up) {
    if (link.kind === 'bridge') macs.push(...(v6 ? MCAST_ROUTER : MCAST_ROUTER.slice(0, 1)))
    macs.push(ALL_HOSTS_4)
    if (v6 && carrier(v, link)) macs.push(`33:33:ff:${link.mac.slice(9)}`)
  }
  return macs.map((mac) => ({ mac, dev: link, permanent: true }))
}

/** The bridge's entries that point at this port: learnt ones newest first, then its own MAC. */
function portRows(v: NetnsView, port: Link, bridge: Link): FdbRow[] {
  const entries = v.netns.fdb.filter(
    (f) => f.port === port.id && f.bridge === bridge.id && f.mac !== port.mac,
  )
  const learnt = [...entries]
    .reverse()
    .map((f) => ({ mac: f.mac, dev: port, master: bridge, permanent: f.permanent }))
  return [...learnt, { mac: port.mac, dev: port, master: bridge, permanent: true }]
}

/** vxlan_fdb_dump: the device's own entries (Docker's have a remote each, no default entry). */
function vxlanRows(v: NetnsView, link: Link): FdbRow[] {
  const nsid = linkNetnsId(v, link)
  return v.netns.fdb.flatMap((f): FdbRow[] => {
    if (f.bridge !== link.id || f.port !== link.id || f.dst === undefined) return []
    const dst = nsid === undefined ? { ip: f.dst } : { ip: f.dst, nsid }
    return [{ mac: f.mac, dev: link, permanent: f.permanent, dst }]
  })
}

export function fdbRows(v: NetnsView): FdbRow[] {
  const rows: FdbRow[] = []
  for (const link of v.links) {
    if (link.kind === 'loopback') continue
    const master = link.master === undefined ? undefined : linkById(v, link.master)
    if (master?.kind === 'bridge') rows.push(...portRows(v, link, master))
    rows.push(...(link.kind === 'vxlan' ? vxlanRows(v, link) : selfRows(v, link)))
    if (link.kind === 'bridge')
      rows.push({ mac: link.mac, dev: link, master: link, permanent: true })
  }
  return rows
}
