// Frames sent on a device stacked on another: a macvlan or ipvlan child (in a container, on the
// parent Docker chose) or an 802.1Q sub-interface. Linux drivers/net/macvlan.c
// macvlan_queue_xmit, drivers/net/ipvlan/ipvlan_core.c ipvlan_queue_xmit, net/8021q:
// - macvlan: in bridge mode a frame for another bridge-mode child of the same parent is switched
//   to it inside the host; anything else leaves on the parent's wire with the child's own MAC.
//   private children never reach each other; vepa ones only through a switch that reflects
//   frames (802.1Qbg hairpin), which the lab's LAN does not.
// - ipvlan l2: the same with the parent's MAC (flag bridge: slaves reach each other inside;
//   private: never; vepa: only through the switch).
// - ipvlan l3/l3s: no ARP at all (NOARP); a packet for another slave is handed to it, anything
//   else is routed in the parent's namespace out of the parent (ipvlan_process_v4_outbound:
//   ip_route_output with flowi4_oif = the parent, then ip_local_out, so the host's OUTPUT and
//   POSTROUTING chains see it) and leaves with the parent's MAC.
// - vlan: the frame leaves on the lower NIC tagged with the VLAN id; only devices of the same
//   VLAN on that LAN hear it (the router and LAN machines are untagged).
// The parent never hears its children on the wire, nor they it (wire.ts silence): the host
// cannot reach its own macvlan/ipvlan containers (libnetwork/docs/macvlan.md, ipvlan.md).
// Simplified: one VLAN tag (no QinQ); l3s is walked like l3 (its l3mdev hooks are not run);
// the l3 route lookup takes any local address of the host as local, whatever its device.

import { contains, formatIpv4, type Ipv4 } from '../model/ipv4'
import type { Host } from '../model/world'
import { lowerOf } from '../kernel/links'
import { getNetns, resolveLink } from '../kernel/queries'
import { netnsIndex } from '../kernel/netns-index'
import type { Link, LinkRef, Netns, Route } from '../kernel/types'
import { runHook } from './hooks'
import { localLink, lookupRoute, type RouteMatch } from './route'
import { nicOut, stackedOut, type Receive } from './segment'
import { childrenOf, deviceText, descend, firstDown } from './stack'
import { arpStep, drop, inStack, onWire, unreachable, type Walk } from './state'

const owns = (l: Link, ip: Ipv4): boolean => l.addrs.some((a) => a.cidr.addr === ip)

export function lowerOut(
  w: Walk,
  host: Host,
  ns: Netns,
  dev: Link,
  nextHop: Ipv4,
  receive: Receive,
): void {
  const where = { host: host.id, netns: ns.id, link: dev.id }
  const ref = lowerOf(dev)
  const lower = ref && resolveLink(host.kernel, ref)
  if (!ref || !lower) return drop(w, where, `${dev.name} has no carrier: its lower device is gone`)
  const d = descend(host.kernel, ns.id, dev)
  if (!d?.up) {
    const down = firstDown(host.kernel, dev)
    const why = down === dev || !down ? 'it is down' : `${down.name} below it is down`
    return drop(w, where, `${dev.name} has no carrier: ${why}`)
  }
  const info = dev.info
  if (info?.kind === 'ipvlan' && info.mode !== 'l2') {
    return l3Out(w, host, ns, dev, ref, lower, receive)
  }
  if (info?.kind === 'macvlan' || info?.kind === 'ipvlan') {
    const siblings = childrenOf(host.kernel, ref.netns, lower, dev).filter(
      (c) => c.link.kind === dev.kind,
    )
    // The one holding the address, else one whose namespace holds it elsewhere: Linux answers
    // ARP for any of its namespace's addresses on any device (arp_ignore=0, the default).
    const sibling =
      siblings.find((c) => owns(c.link, nextHop)) ??
      siblings.find((c) => c.link.up && answersArpFor(c.ns, c.link, nextHop))
    if (sibling) return toSibling(w, host, ns, dev, lower, sibling, nextHop, receive)
  }
  const seg = d.bottom.kind === 'ether' ? d.bottom.segment : undefined
  if (seg === undefined) {
    const what =
      d.bottom.kind === 'dummy'
        ? `the dummy ${d.bottom.name}, which discards what it is sent: a ${dev.kind} network without -o parent only joins its own containers`
        : `${d.bottom.name} (a ${d.bottom.kind}), which leads to no LAN here`
    return drop(w, where, `${dev.name} is stacked on ${what}`)
  }
  const from = { host: host.id, nic: d.bottom.id, nicNs: d.bottomNs, vlan: d.vlan, dev }
  stackedOut(w, where, seg, from, nextHop, receive)
}

type Child = { readonly link: Link; readonly ns: Netns }

/**
 * Whether `dev` answers an ARP request for `ip`, an address of its namespace on another device:
 * yes with arp_ignore 0 (the weak host model, arp_process/inet_addr_type), no from 1 up.
 */
function answersArpFor(ns: Netns, dev: Link, ip: Ipv4): boolean {
  const ignore = Math.max(
    Number(ns.sysctl['net.ipv4.conf.all.arp_ignore'] ?? 0),
    Number(ns.sysctl[`net.ipv4.conf.${dev.name}.arp_ignore`] ?? 0),
  )
  return ignore === 0 && netnsIndex(ns).byAddr.has(ip)
}

/**
 * Another child of the same parent holds the next hop: switched inside the host when the mode
 * allows (macvlan bridge ↔ bridge: macvlan_queue_xmit; ipvlan l2 flag bridge:
 * ipvlan_xmit_mode_l2), else nothing brings it back.
 */
function toSibling(
  w: Walk,
  host: Host,
  ns: Netns,
  dev: Link,
  lower: Link,
  sib: Child,
  nextHop: Ipv4,
  receive: Receive,
): void {
  const where = { host: host.id, netns: ns.id, link: dev.id }
  const name = deviceText(host, sib.ns.id, sib.link)
  const info = dev.info
  const sibInfo = sib.link.info
  const ip = formatIpv4(nextHop)
  const answer = {
    text: `${name} (${dev.kind} on ${lower.name}) is at ${sib.link.mac}`,
    ans: { kind: 'link', netns: sib.ns.id, link: sib.link.id, mac: sib.link.mac } as const,
  }
  let blocked: string | undefined
  if (info?.kind === 'macvlan') {
    const bothBridge =
      info.mode === 'bridge' && sibInfo?.kind === 'macvlan' && sibInfo.mode === 'bridge'
    if (!bothBridge) {
      // macvlan_broadcast reaches only bridge-mode children: nobody inside answers.
      arpStep(w, where, nextHop, dev.name, undefined)
      const mode = info.mode === 'bridge' && sibInfo?.kind === 'macvlan' ? sibInfo.mode : info.mode
      const bottom = descend(host.kernel, ns.id, dev)?.bottom
      const out =
        bottom?.kind === 'ether'
          ? `goes out to the switch, which would have to send it back out of the port it came in by (802.1Qbg reflective relay, "hairpin"); the LAN's switch does not`
          : `goes down to ${bottom?.name ?? lower.name}, which sends nothing back`
      const why =
        mode === 'private'
          ? `macvlan private mode: the children of ${lower.name} never reach each other (${ip} is ${name})`
          : `macvlan ${mode} mode: the frame for ${ip} (${name}, also on ${lower.name}) ${out}`
      return unreachable(w, where, `ARP who-has ${ip} on ${dev.name}: no answer: ${why}`, 'host')
    }
  } else if (info?.kind === 'ipvlan') {
    // The ARP request is multicast: every slave gets it and answers with the shared MAC; the
    // unicast that follows (destination = source MAC) is what the flag decides on.
    if (info.flag === 'private')
      blocked = `ipvlan private flag: the slaves of ${lower.name} never reach each other (ipvlan_xmit_mode_l2 drops the frame for ${name})`
    else if (info.flag === 'vepa')
      blocked = `ipvlan vepa flag: the frame for ${name} goes out to the switch, which would have to send it back out of the port it came in by; the LAN's switch does not`
  }
  arpStep(w, where, nextHop, dev.name, answer)
  if (blocked) return drop(w, where, blocked)
  const how =
    info?.kind === 'macvlan'
      ? `macvlan bridge mode switches frames between the children of ${lower.name} inside ${host.id}, never on the wire`
      : `ipvlan (l2, flag bridge) delivers between the slaves of ${lower.name} inside ${host.id}, never on the wire`
  w.steps.push({
    kind: 'veth',
    where,
    what: `${dev.name} → ${name}: ${how}`,
    packet: onWire(w, dev.mac, sib.link.mac),
    from: { netns: ns.id, link: dev.id },
    to: { netns: sib.ns.id, link: sib.link.id },
  })
  receive(w, host, sib.ns, sib.link)
}

/**
 * The route an ipvlan l3 slave's packet takes in its parent's namespace: a local address, or
 * the best route through the parent (the lookup is bound to it: flowi4_oif).
 */
function routeVia(ns: Netns, dst: Ipv4, parent: Link): RouteMatch | undefined {
  const local = localLink(ns, dst)
  if (local) return { kind: 'local', link: local }
  let best: Route | undefined
  for (const r of ns.routes) {
    if (r.dev !== parent.id || !contains(r.dst, dst)) continue
    if (
      best === undefined ||
      r.dst.len > best.dst.len ||
      (r.dst.len === best.dst.len && (r.metric ?? 0) < (best.metric ?? 0))
    )
      best = r
  }
  return best && { kind: 'route', route: best, dev: parent, nextHop: best.via ?? dst }
}

/** ipvlan l3/l3s: another slave directly, else the parent's namespace routes the packet. */
function l3Out(
  w: Walk,
  host: Host,
  ns: Netns,
  dev: Link,
  ref: LinkRef,
  lower: Link,
  receive: Receive,
): void {
  const where = { host: host.id, netns: ns.id, link: dev.id }
  const info = dev.info?.kind === 'ipvlan' ? dev.info : undefined
  const mode = info?.mode ?? 'l3'
  const dst = w.packet.dst
  const sib = childrenOf(host.kernel, ref.netns, lower, dev).find(
    (c) => c.link.kind === 'ipvlan' && owns(c.link, dst),
  )
  // ipvlan_xmit_mode_l3: unless vepa, the port looks the destination up among its slaves.
  if (sib && info?.flag !== 'vepa') {
    const name = deviceText(host, sib.ns.id, sib.link)
    if (info?.flag === 'private')
      return drop(
        w,
        where,
        `ipvlan private flag: the slaves of ${lower.name} never reach each other (${formatIpv4(dst)} is ${name})`,
      )
    w.steps.push({
      kind: 'veth',
      where,
      what: `${dev.name} → ${name}: the ipvlan ${mode} port hands the packet to the slave that holds ${formatIpv4(dst)} (no ARP: ${mode} slaves are NOARP)`,
      packet: onWire(w, dev.mac, sib.link.mac),
      from: { netns: ns.id, link: dev.id },
      to: { netns: sib.ns.id, link: sib.link.id },
    })
    return receive(w, host, sib.ns, sib.link)
  }
  const hostNs = getNetns(host.kernel, ref.netns)
  if (!hostNs) return drop(w, where, `${dev.name}: the namespace of ${lower.name} is gone`)
  routedByParent(w, host, hostNs, dev, lower, mode, receive)
}

/** ipvlan_process_v4_outbound: route, OUTPUT and POSTROUTING in the parent's namespace, then out. */
function routedByParent(
  w: Walk,
  host: Host,
  ns: Netns,
  dev: Link,
  lower: Link,
  mode: string,
  receive: Receive,
): void {
  const dst = w.packet.dst
  const m = routeVia(ns, dst, lower)
  const at = { host: host.id, netns: ns.id, link: lower.id }
  const lead = `ipvlan ${mode}: ${dev.name} hands the packet to ${host.id}'s stack, which routes it out of ${lower.name}`
  if (!m) {
    w.steps.push({
      kind: 'route',
      where: at,
      what: `${lead}: no route`,
      packet: inStack(w),
      local: false,
    })
    return drop(
      w,
      at,
      `no route to ${formatIpv4(dst)} through ${lower.name} in ${host.id}'s namespace`,
    )
  }
  if (m.kind === 'local') {
    const what = `${lead}: ${formatIpv4(dst)} is local (on ${m.link.name})`
    w.steps.push({
      kind: 'route',
      where: { ...at, link: m.link.id },
      what,
      packet: inStack(w),
      local: true,
    })
  } else {
    const via = m.route.via === undefined ? '' : ` via ${formatIpv4(m.route.via)}`
    const what = `${lead}: route to ${formatIpv4(dst)}${via} dev ${m.dev.name}`
    w.steps.push({
      kind: 'route',
      where: at,
      what,
      packet: inStack(w),
      local: false,
      route: m.route,
    })
  }
  if (!runHook(w, host.id, ns, 'OUTPUT', { out: m.kind === 'local' ? 'lo' : m.dev.name })) return
  // A DNAT in OUTPUT sends the packet by another route (ip_route_me_harder, not bound to the parent).
  const out = w.packet.dst === dst ? m : (lookupRoute(ns, w.packet.dst) ?? m)
  const outName = out.kind === 'local' ? 'lo' : out.dev.name
  if (!runHook(w, host.id, ns, 'POSTROUTING', { out: outName })) return
  if (out.kind === 'local') {
    // Looped back through lo: PREROUTING and INPUT, as any packet to a local address.
    const lo = netnsIndex(ns).loopback ?? out.link
    return receive(w, host, ns, lo)
  }
  transmitFrom(w, host, ns, out.dev, out.nextHop, receive)
}

/** The devices an l3 packet may leave the parent's namespace by: the NIC, or a stacked one. */
function transmitFrom(
  w: Walk,
  host: Host,
  ns: Netns,
  dev: Link,
  nextHop: Ipv4,
  receive: Receive,
): void {
  if (dev.kind === 'ether') return nicOut(w, host.id, ns, dev, nextHop, receive)
  if (lowerOf(dev)) return lowerOut(w, host, ns, dev, nextHop, receive)
  const where = { host: host.id, netns: ns.id, link: dev.id }
  drop(w, where, `ipvlan l3 traffic sent on to ${dev.name} (a ${dev.kind}) is not modelled`)
}
