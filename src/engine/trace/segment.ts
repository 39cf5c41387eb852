// The LAN segment under the hosts' NICs: ARP there (another host's NIC, the router, a LAN
// machine), frames into a host, out through the router to the Internet, and probes that start on
// the LAN or the Internet. A frame for a host goes back to the walk through `receive`.

import { contains, formatIpv4, type Ipv4 } from '../model/ipv4'
import type { HostId } from '../model/ids'
import type { Host, Segment } from '../model/world'
import type { Link, Netns } from '../kernel/types'
import { arpStep, drop, onWire, type Walk } from './state'
import type { Where } from './types'
import { segmentNeighbour } from './wire'

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
  onSegment(w, seg, nextHop, nic.name, where, nic.mac, receive)
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
): void {
  const hit = segmentNeighbour(w.world, seg, nextHop)
  const segment = w.world.segments[seg]
  const text =
    hit?.kind === 'nic'
      ? `${hit.host} ${hit.nic.name} is at ${hit.nic.mac}`
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
  if (!hit || !segment)
    return drop(
      w,
      { ...where, segment: seg },
      `no ARP reply for ${formatIpv4(nextHop)}: Host is unreachable`,
    )
  if (hit.kind === 'nic') {
    const host = w.world.hosts[hit.host]
    if (!host) return drop(w, { segment: seg }, `no host ${hit.host}`)
    w.steps.push({
      kind: 'egress',
      where: { ...where, segment: seg },
      what: `on the LAN ${seg} to ${hit.host} ${hit.nic.name}`,
      packet: onWire(w, srcMac, hit.nic.mac),
      segment: seg,
      to: 'lan',
      into: { host: hit.host, netns: hit.ns.id, link: hit.nic.id },
    })
    return receive(w, host, hit.ns, hit.nic)
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
  if (toInternet && !segment.internet)
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
      : segs.find((s) => s.internet && contains(s.subnet, dst))
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
