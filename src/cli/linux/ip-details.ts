// What `ip -d link` adds: promiscuity and MTU limits, the device kind (veth, bridge) with the
// bridge's and the bridge port's attributes, queues and offload sizes. Mirrors iproute2 6.1
// ip/ipaddress.c print_linkinfo (show_details), ip/iplink_bridge.c and iplink_bridge_slave.c.
// Values are the kernel defaults Docker leaves alone; timers read as idle.

import type { Link } from '../../engine'
import { carrier, linkById, type NetnsView } from './netns-view'

/** A veth has one queue per possible CPU: the simulated host has two. */
const VETH_QUEUES = 2

const timer = (seconds: number): string => seconds.toFixed(2).padStart(7)

const bridgeId = (mac: string): string => `8000.${mac}`

/** The bridge port number: ports are numbered from 1 in the order they joined. */
export function portNumber(v: NetnsView, port: Link): number {
  const ports = v.links.filter((l) => l.master !== undefined && l.master === port.master)
  return ports.findIndex((l) => l.id === port.id) + 1
}

/** STP is off on Docker's bridges: a port forwards as soon as it and its bridge are up. */
export function portState(v: NetnsView, port: Link): 'forwarding' | 'disabled' {
  const bridge = port.master === undefined ? undefined : linkById(v, port.master)
  return bridge?.up && carrier(v, port) ? 'forwarding' : 'disabled'
}

/**
 * `bridge link` path cost (br_if.c port_cost): veths report 10 Gb/s (cost 2), NICs 1 Gb/s
 * (cost 4); a device with no speed to report (vxlan) gets the default, 100.
 */
export const portCost = (port: Link): number =>
  port.kind === 'ether' ? 4 : port.kind === 'vxlan' ? 100 : 2

function bridgeAttrs(link: Link): string {
  const id = bridgeId(link.mac)
  return (
    `bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 ` +
    `priority 32768 vlan_filtering 0 bridge_id ${id} designated_root ${id} root_port 0 ` +
    `root_path_cost 0 topology_change 0 topology_change_detected 0 hello_timer ${timer(0)} ` +
    `tcn_timer ${timer(0)} topology_change_timer ${timer(0)} gc_timer ${timer(0)} ` +
    `group_fwd_mask 0 group_address 01:80:c2:00:00:00 mcast_snooping 1 no_linklocal_learn 0 ` +
    `mcast_vlan_snooping 0 mcast_router 1 mcast_query_use_ifaddr 0 mcast_querier 0 ` +
    `mcast_hash_elasticity 16 mcast_hash_max 4096 mcast_last_member_count 2 ` +
    `mcast_startup_query_count 2 mcast_last_member_interval 100 ` +
    `mcast_membership_interval 26000 mcast_querier_interval 25500 mcast_query_interval 12500 ` +
    `mcast_query_response_interval 1000 mcast_startup_query_interval 3124 ` +
    `mcast_stats_enabled 0 mcast_igmp_version 2 mcast_mld_version 1 nf_call_iptables 0 ` +
    `nf_call_ip6tables 0 nf_call_arptables 0 `
  )
}

function bridgeSlaveAttrs(v: NetnsView, port: Link, bridge: Link): string {
  const no = portNumber(v, port)
  const id = bridgeId(bridge.mac)
  return (
    `bridge_slave state ${portState(v, port)} priority 32 cost ${portCost(port)} hairpin ${port.hairpin ? 'on' : 'off'} ` +
    `guard off root_block off fastleave off learning on flood on ` +
    `port_id 0x${(0x8000 + no).toString(16)} port_no 0x${no.toString(16)} ` +
    `designated_port ${0x8000 + no} designated_cost 0 designated_bridge ${id} ` +
    `designated_root ${id} hold_timer ${timer(0)} message_age_timer ${timer(0)} ` +
    `forward_delay_timer ${timer(0)} topology_change_ack 0 config_pending 0 proxy_arp off ` +
    `proxy_arp_wifi off mcast_router 1 mcast_fast_leave off mcast_flood on bcast_flood on ` +
    `mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 ` +
    `vlan_tunnel off isolated off locked off `
  )
}

/**
 * Devices keeping the legacy 64 KiB TSO limit: NICs, VXLAN devices, and the children of a NIC,
 * which inherit its limit (netif_inherit_tso_max in macvlan, ipvlan and vlan init).
 */
const TSO_LEGACY: ReadonlySet<Link['kind']> = new Set([
  'ether',
  'vxlan',
  'macvlan',
  'ipvlan',
  'vlan',
])

/**
 * The kind line of a VXLAN device or a macvlan / ipvlan / vlan child: iproute2 6.1
 * ip/iplink_vxlan.c vxlan_print_opt, iplink_macvlan.c macvlan_print_opt, iplink_ipvlan.c
 * ipvlan_print_opt (its ` mode` has a leading space: two spaces after the kind) and
 * iplink_vlan.c vlan_print_opt. The VXLAN attributes are those Docker sets (moby
 * libnetwork/drivers/overlay/ov_utils.go createVxlan: proxy, l2miss, l3miss, port 4789) and the
 * kernel's defaults (source ports 0 0, TTL 0 = auto, ageing 300, UDP checksums on).
 */
function stackedAttrs(link: Link): string | undefined {
  const info = link.info
  switch (info?.kind) {
    case 'vxlan':
      return (
        `vxlan id ${info.vni} srcport 0 0 dstport ${info.port} ` +
        (info.learning ? '' : 'nolearning ') +
        (info.proxy ? 'proxy ' : '') +
        'l2miss l3miss ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx '
      )
    case 'macvlan':
      return `macvlan mode ${info.mode} bcqueuelen 1000 usedbcqueuelen 1000 `
    case 'ipvlan':
      return `ipvlan  mode ${info.mode} ${info.flag} `
    case 'vlan':
      return `vlan protocol 802.1Q id ${info.id} <REORDER_HDR> `
    case undefined:
      return undefined
  }
}

/**
 * The detail text of a device: what follows its `link/…` line on that line, then the kind and
 * bridge-port lines. `addrGenMode` is only reported by `ip link` (it asks for IFLA_AF_SPEC).
 */
export function detailLines(
  v: NetnsView,
  link: Link,
  addrGenMode: boolean,
): { readonly sameLine: string; readonly lines: readonly string[] } {
  const port = link.master === undefined ? undefined : linkById(v, link.master)
  const isPort = port?.kind === 'bridge'
  // Loopback and dummy set no MTU limits (0: none); a vlan device no minimum (vlan_setup).
  const unlimited = link.kind === 'loopback' || link.kind === 'dummy'
  const minMtu = unlimited || link.kind === 'vlan' ? 0 : 68
  const maxMtu = unlimited ? 0 : 65535
  const promisc = isPort ? 1 : 0
  const head = ` promiscuity ${promisc}  allmulti ${promisc} minmtu ${minMtu} maxmtu ${maxMtu} `
  const queues = link.kind === 'veth' ? VETH_QUEUES : 1
  const tso = TSO_LEGACY.has(link.kind) ? 65536 : 524280
  const tail =
    (addrGenMode ? 'addrgenmode eui64 ' : '') +
    `numtxqueues ${queues} numrxqueues ${queues} gso_max_size 65536 gso_max_segs 65535 ` +
    `tso_max_size ${tso} tso_max_segs 65535 gro_max_size 65536 ` +
    (link.kind === 'ether' ? 'parentbus virtio parentdev virtio0 ' : '')
  const kindLine =
    link.kind === 'veth' || link.kind === 'dummy'
      ? `${link.kind} `
      : link.kind === 'bridge'
        ? bridgeAttrs(link)
        : stackedAttrs(link)
  const lines: string[] = []
  if (kindLine !== undefined) lines.push(`    ${kindLine}`)
  if (isPort && port) lines.push(`    ${bridgeSlaveAttrs(v, link, port)}`)
  const last = lines.pop()
  if (last === undefined) return { sameLine: head + tail, lines: [] }
  return { sameLine: head, lines: [...lines, last + tail] }
}
