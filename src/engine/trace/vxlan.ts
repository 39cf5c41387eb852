// VXLAN on the walk: an overlay sandbox's br0 forwards a frame for a remote container to its
// vxlan0 port; the device looks the MAC up in its own FDB (`dst` = the remote node, programmed
// by Docker), wraps the frame in VXLAN/UDP/IP (RFC 7348) and sends it from the namespace it was
// created in (the host's: vxlan_xmit → udp_tunnel_xmit_skb → ip_local_out there), so the outer
// packet takes the host's routes, iptables and NIC like any other. The remote node's kernel
// hands UDP 4789 to the VXLAN socket (vxlan_rcv), which finds the device of that VNI and pushes
// the inner frame into its bridge. Linux net/vxlan/vxlan_core.c.

import { formatIpv4, type Ipv4 } from '../model/ipv4'
import type { Host } from '../model/world'
import { allNetns, getNetns } from '../kernel/queries'
import { netnsIndex } from '../kernel/netns-index'
import type { Kernel, Link, Netns } from '../kernel/types'
import { drop, inStack, type Walk } from './state'
import { lookupRoute, sourceFor } from './route'
import type { Headers } from './types'

/** IANA's VXLAN port (Docker's default data-path port). */
export const VXLAN_PORT = 4789
/** Outer Ethernet 14 + IP 20 + UDP 8 + VXLAN 8. */
export const VXLAN_OVERHEAD = 50

/** A remote container behind br0's VXLAN port: its MAC (proxy ARP) and node (FDB `dst`). */
export type TunnelHit = {
  readonly vxlan: Link
  readonly mac: string
  /** The remote node's address, when the FDB has an entry for the MAC. */
  readonly vtep?: Ipv4
}

/**
 * ARP for `ip` on `bridge` answered by one of its VXLAN ports from a PERMANENT neighbour entry
 * (Docker creates vxlan devices with `proxy`: the device answers for the remote endpoints).
 */
export function tunnelNeighbour(ns: Netns, bridge: Link, ip: Ipv4): TunnelHit | undefined {
  for (const port of netnsIndex(ns).ports.get(bridge.id) ?? []) {
    if (port.kind !== 'vxlan' || !port.up || port.info?.kind !== 'vxlan' || !port.info.proxy)
      continue
    const n = ns.neigh.find((e) => e.dev === port.id && e.ip === ip)
    if (!n) continue
    const f = ns.fdb.find((e) => e.bridge === port.id && e.mac === n.mac && e.dst !== undefined)
    return f?.dst === undefined
      ? { vxlan: port, mac: n.mac }
      : { vxlan: port, mac: n.mac, vtep: f.dst }
  }
  return undefined
}

/** The flow hash Linux turns into the outer source port (udp_flow_src_port), deterministic. */
function sourcePort(p: Headers): number {
  let h = (p.src ^ Math.imul(p.dst, 2654435761)) >>> 0
  h = (h ^ ((p.sport ?? 0) << 16) ^ (p.dport ?? 0) ^ (p.proto.length << 8)) >>> 0
  h = Math.imul(h ^ (h >>> 15), 2246822519) >>> 0
  return 32768 + (h % (60999 - 32768 + 1))
}

export type Send = (w: Walk, host: Host, ns: Netns) => void

/**
 * vxlan_xmit: `frame` (the inner packet on br0's wire) leaves through `vxlan` towards `hit.vtep`;
 * the outer packet is sent from the device's underlay namespace by `send` (a local output).
 */
export function encapsulate(
  w: Walk,
  host: Host,
  ns: Netns,
  vxlan: Link,
  frame: Headers,
  vtep: Ipv4 | undefined,
  esp: boolean,
  send: Send,
): void {
  const where = { host: host.id, netns: ns.id, link: vxlan.id }
  const info = vxlan.info
  if (info?.kind !== 'vxlan') return drop(w, where, `${vxlan.name} is not a VXLAN device`)
  if (vtep === undefined) {
    return drop(
      w,
      where,
      `${vxlan.name} has no FDB entry for ${frame.dstMac ?? 'the destination'} (no remote node known): the frame is dropped (l2miss)`,
    )
  }
  const underlay = getNetns(host.kernel, info.underlay)
  if (!underlay) return drop(w, where, `${vxlan.name}: its underlay namespace is gone`)
  const port = info.port
  // The outer source is the one the underlay's route to the remote node gives (vxlan_xmit_one
  // leaves `local` unset: the route's preferred source).
  const route = lookupRoute(underlay, vtep)
  w.packet = {
    src: route ? sourceFor(route, vtep) : 0,
    dst: vtep,
    proto: 'udp',
    sport: sourcePort(frame),
    dport: port,
    tunnel: { vni: info.vni, inner: frame, esp },
  }
  const espText = esp
    ? '; IPsec ESP (transport mode, AES-GCM) then encrypts the UDP payload between the two nodes'
    : ''
  w.steps.push({
    kind: 'tunnel',
    where,
    what: `${vxlan.name} encapsulates the frame for ${frame.dstMac ?? '?'} (FDB: dst ${formatIpv4(vtep)}): VXLAN VNI ${info.vni} in UDP ${w.packet.sport ?? 0} → ${port}, sent from the host's own stack to ${formatIpv4(vtep)}; +${VXLAN_OVERHEAD} bytes, so a ${vxlan.mtu}-byte inner packet fills the underlay's 1500${espText}`,
    packet: inStack(w),
    dir: 'encap',
    vni: info.vni,
    peer: vtep,
    esp,
    mtu: { inner: vxlan.mtu, overhead: VXLAN_OVERHEAD, underlay: vxlan.mtu + VXLAN_OVERHEAD },
  })
  send(w, host, underlay)
}

type VxlanDevice = { readonly ns: Netns; readonly link: Link }

// Each kernel's VXLAN devices by `underlay/vni`, once per kernel record (a committed kernel never
// changes): a trace looks a device up in O(1), not by scanning every namespace of the host.
const devices = new WeakMap<Kernel, Map<string, VxlanDevice>>()

function vxlanDevices(k: Kernel): Map<string, VxlanDevice> {
  let map = devices.get(k)
  if (!map) {
    map = new Map()
    for (const n of allNetns(k)) {
      for (const l of netnsIndex(n).links) {
        if (l.info?.kind === 'vxlan' && l.up)
          map.set(`${l.info.underlay}/${l.info.vni}`, { ns: n, link: l })
      }
    }
    devices.set(k, map)
  }
  return map
}

/** The VXLAN device of `vni` whose socket lives in `ns` (vxlan_vs_find_vni). */
function deviceFor(host: Host, ns: Netns, vni: number): VxlanDevice | undefined {
  return vxlanDevices(host.kernel).get(`${ns.id}/${vni}`)
}

export type Bridged = (w: Walk, host: Host, ns: Netns, inPort: Link) => void

/**
 * vxlan_rcv: a UDP packet to the VXLAN port reached `ns`'s stack; the device of its VNI unwraps
 * it and the inner frame enters that device (and its bridge) through `bridged`.
 */
export function decapsulate(w: Walk, host: Host, ns: Netns, bridged: Bridged): void {
  const t = w.packet.tunnel
  const where = { host: host.id, netns: ns.id }
  if (!t) return drop(w, where, 'not a VXLAN packet')
  const from = w.packet.src
  const dev = deviceFor(host, ns, t.vni)
  if (!dev)
    return drop(
      w,
      where,
      `no VXLAN device with VNI ${t.vni} on ${host.id}: the packet is dropped (the network has no sandbox here)`,
    )
  w.packet = t.inner
  w.steps.push({
    kind: 'tunnel',
    where: { host: host.id, netns: dev.ns.id, link: dev.link.id },
    what: `${dev.link.name} (VNI ${t.vni}) decapsulates the packet from ${formatIpv4(from)}${t.esp ? ' after IPsec ESP decryption' : ''}: the inner frame ${t.inner.srcMac ?? '?'} → ${t.inner.dstMac ?? '?'} enters ${dev.link.name}`,
    packet: inStack(w),
    dir: 'decap',
    vni: t.vni,
    peer: from,
    esp: t.esp,
    mtu: {
      inner: dev.link.mtu,
      overhead: VXLAN_OVERHEAD,
      underlay: dev.link.mtu + VXLAN_OVERHEAD,
    },
  })
  bridged(w, host, dev.ns, dev.link)
}
