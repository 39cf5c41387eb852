// The LAN segment under the hosts' NICs: ARP there (another host's NIC or a device stacked on
// one, the router, a LAN machine), frames into a host (or a container's macvlan/ipvlan child),
// out through the router to the Internet, and probes that start on the LAN or the Internet. A
// frame for a host goes back to the walk through `receive`.

import { contains, formatIpv4, type Ipv4 } from '../model/ipv4'
import type { HostId, SegmentId } from '../model/ids'
import type { Host, Segment } from '../model/world'
import type { Link, Netns } from '../kernel/types'
import { arpStep, drop, onWire, unreachable, type Walk } from './state'
import type { Where } from './types'
import { childrenOf, deviceText } from './stack'
import { segmentNeighbour, silence, type SegmentHit, type WireSender } from './wire'

/** Hands a frame that reached a host's NIC to that host's IP stack. */
export type Receive = (w: Walk, host: Host, ns: Netns, link: Link) => void

export function nicOut(
  w: Walk,
  host: HostId,
  ns: Netns,
  nic: Link,
  nextHop: Ipv4,
  receive: Receive,
): void {
  const where = { host, netns: ns.id, link: nic.id }
  const seg = nic.segment
  if (seg === undefined) return drop(w, where, `${nic.name} is not cabled`)
  const from = { host, nic: nic.id, nicNs: ns.id, vlan: 0, dev: nic }
  onSegment(w, seg, nextHop, nic.name, where, nic.mac, receive, from)
}

/**
 * A frame sent by a device stacked on a NIC (a macvlan/ipvlan child, an 802.1Q sub-interface)
 * leaves through that NIC's cable with the device's own MAC and the stack's VLAN tag.
 */
export function stackedOut(
  w: Walk,
  where: Where,
  seg: SegmentId,
  from: WireSender,
  nextHop: Ipv4,
  receive: Receive,
): void {
  onSegment(w, seg, nextHop, from.dev.name, where, from.dev.mac, receive, from)
}

/** How a device on a host's stack is named in the trace: `eth0 of container web on host1 (macvlan on eth0)`. */
function hitText(w: Walk, hit: Extract<SegmentHit, { kind: 'nic' }>): string {
  const host = w.world.hosts[hit.host]
  if (!hit.stacked?.lower || !host) return `${hit.host} ${hit.nic.name}`
  const desc = deviceText(host, hit.ns.id, hit.nic)
  const on = desc.startsWith(`${hit.host}'s`) ? '' : ` on ${hit.host}`
  return `${desc}${on} (${hit.nic.kind} on ${hit.stacked.lower.name})`
}

/** ARP and delivery of a frame on a LAN segment: into a host's NIC, to the router, or a LAN machine. */
function onSegment(
  w: Walk,
  seg: NonNullable<Link['segment']>,
  nextHop: number,
  dev: string,
  where: Where,
  srcMac: string | undefined,
  receive: Receive,
  from?: WireSender,
): void {
  const hit = segmentNeighbour(w.world, seg, nextHop, from)
  const segment = w.world.segments[seg]
  const text =
    hit?.kind === 'nic'
      ? `${hitText(w, hit)} is at ${hit.nic.mac}`
      : hit?.kind === 'router'
        ? 'the router answers'
        : 'a machine on the LAN answers'
  arpStep(
    w,
    { ...where, segment: seg },
    nextHop,
    dev,
    hit && {
      text,
      ans:
        hit.kind === 'nic'
          ? { kind: 'link', netns: hit.ns.id, link: hit.nic.id, mac: hit.nic.mac }
          : { kind: hit.kind, segment: seg },
    },
  )
  if (!hit || !segment) {
    const why = silence(w.world, seg, nextHop, from)
    const vlan = from?.vlan ?? 0
    const reason = why
      ? `ARP who-has ${formatIpv4(nextHop)} on ${dev}: no answer: ${why}`
      : vlan
        ? `no ARP reply for ${formatIpv4(nextHop)} in VLAN ${vlan}: nothing on the LAN ${seg} answers in that VLAN (its router and machines are untagged)`
        : `no ARP reply for ${formatIpv4(nextHop)}: Host is unreachable`
    return unreachable(w, { ...where, segment: seg }, reason, 'host')
  }
  if (hit.kind === 'nic') {
    const host = w.world.hosts[hit.host]
    if (!host) return drop(w, { segment: seg }, `no host ${hit.host}`)
    const tag = from?.vlan ? `, tagged VLAN ${from.vlan},` : ''
    w.steps.push({
      kind: 'egress',
      where: { ...where, segment: seg },
      what: `on the LAN ${seg}${tag} to ${hitText(w, hit)}`,
      packet: onWire(w, srcMac, hit.nic.mac),
      segment: seg,
      to: 'lan',
      into: { host: hit.host, netns: hit.ns.id, link: hit.nic.id },
    })
    return intoDevice(w, host, hit.ns, hit.nic, srcMac, receive)
  }
  // A router serving several LANs forwards to the one the destination is on.
  const beyond = hit.kind === 'router' && !contains(segment.subnet, w.packet.dst)
  const next = beyond ? joinedLan(w.world, segment, w.packet.dst) : undefined
  if (next && segment.router !== undefined) {
    w.steps.push({
      kind: 'route',
      where: { segment: seg },
      what: `the router ${segment.router} forwards to ${formatIpv4(w.packet.dst)} on the LAN ${next.id} (${formatIpv4(next.subnet.addr)}/${next.subnet.len}), from its address ${formatIpv4(next.gateway)}`,
      packet: onWire(w, srcMac),
      local: false,
    })
    const from = `${segment.router} (${next.id})`
    return onSegment(w, next.id, w.packet.dst, from, { segment: next.id }, undefined, receive)
  }
  const toInternet = beyond
  if (toInternet && !reachesInternet(w.world, segment))
    return drop(w, { segment: seg }, `the router of ${seg} has no way to the Internet`)
  if (toInternet && isPrivate(w.packet.dst))
    return drop(
      w,
      { segment: seg },
      `the router of ${seg} has no route to the private address ${formatIpv4(w.packet.dst)} (RFC 1918 addresses are not routed on the Internet)`,
    )
  const what = toInternet
    ? `leaves on the LAN ${seg} through the router ${formatIpv4(segment.gateway)} to the Internet`
    : `leaves on the LAN ${seg} to ${formatIpv4(w.packet.dst)}`
  w.steps.push({
    kind: 'egress',
    where: { ...where, segment: seg },
    what,
    packet: onWire(w, srcMac),
    segment: seg,
    to: toInternet ? 'internet' : 'lan',
  })
}

/**
 * A frame reaching a device with ipvlan slaves: the port's rx_handler looks the destination
 * address up among them and hands the packet to the one holding it before the host's stack
 * sees it (ipvlan_handle_mode_l3; l2 mode does the same for unicast). That is how a packet
 * routed to the host's address reaches an l3 slave. (l3s passes through the host's stack and
 * its l3mdev hook first; the tracer hands it over directly, like l3.)
 */
function intoDevice(
  w: Walk,
  host: Host,
  ns: Netns,
  dev: Link,
  srcMac: string | undefined,
  receive: Receive,
): void {
  const dst = w.packet.dst
  const slave = childrenOf(host.kernel, ns.id, dev).find(
    (c) => c.link.kind === 'ipvlan' && c.link.addrs.some((a) => a.cidr.addr === dst),
  )
  if (!slave) return receive(w, host, ns, dev)
  w.steps.push({
    kind: 'veth',
    where: { host: host.id, netns: ns.id, link: dev.id },
    what: `${dev.name}: its ipvlan port hands the packet for ${formatIpv4(dst)} to the slave ${deviceText(host, slave.ns.id, slave.link)} (a lookup of the destination address; ${host.id}'s own stack never sees it)`,
    packet: onWire(w, srcMac, slave.link.mac),
    from: { netns: ns.id, link: dev.id },
    to: { netns: slave.ns.id, link: slave.link.id },
  })
  receive(w, host, slave.ns, slave.link)
}

/**
 * Whether a LAN's router leads to the Internet: its own uplink, or a router it shares with a
 * LAN that has one (one machine routes for all its LANs).
 */
function reachesInternet(world: Walk['world'], segment: Segment): boolean {
  if (segment.internet) return true
  const router = segment.router
  return (
    router !== undefined &&
    Object.values(world.segments).some((s) => s.router === router && s.internet)
  )
}

/** Another LAN of the same router that holds `dst`. */
function joinedLan(world: Walk['world'], from: Segment, dst: Ipv4): Segment | undefined {
  if (from.router === undefined) return undefined
  return Object.values(world.segments).find(
    (s) => s.id !== from.id && s.router === from.router && contains(s.subnet, dst),
  )
}

/** RFC 1918 and shared (RFC 6598) space: never routed on the Internet. */
function isPrivate(ip: Ipv4): boolean {
  const a = ip >>> 24
  const b = (ip >>> 16) & 0xff
  return (
    a === 10 ||
    (a === 172 && b >= 16 && b < 32) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b < 128)
  )
}

/** A LAN machine or an Internet host sends: straight onto the segment, or in through the router. */
export function fromOutside(w: Walk, kind: 'lan' | 'internet', ip: Ipv4, receive: Receive): void {
  w.packet = { ...w.packet, src: ip }
  const segs = Object.values(w.world.segments)
  const dst = w.packet.dst
  const seg =
    kind === 'lan'
      ? (segs.find((s) => contains(s.subnet, ip)) ?? segs[0])
      : segs.find((s) => reachesInternet(w.world, s) && contains(s.subnet, dst))
  if (!seg)
    return drop(
      w,
      {},
      `no route from the ${kind === 'lan' ? 'LAN' : 'Internet'} to ${formatIpv4(dst)}`,
    )
  const nextHop = contains(seg.subnet, dst) ? dst : seg.gateway
  const dev = kind === 'lan' ? `${seg.id} (from ${formatIpv4(ip)})` : `${seg.id} (from the router)`
  onSegment(w, seg.id, nextHop, dev, {}, undefined, receive)
}
