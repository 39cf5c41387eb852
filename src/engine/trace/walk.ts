// The packet tracer: the first packet of a probe walked through the kernel model as Linux moves
// it (net/ipv4 ip_output/ip_rcv/ip_forward, net/bridge br_input/br_forward with br_netfilter,
// which Docker enables: bridged IPv4 frames traverse the host's PREROUTING, FORWARD and
// POSTROUTING with -i/-o the bridge). A probe is a connection's first packet (ctstate NEW); a
// later packet or a reply walks the same way with its connection's state and NAT bindings
// (conn.ts, exchange.ts). What the walk leaves behind (ARP, FDB, conntrack, counters) is
// learn.ts's and account.ts's business: the walk itself changes nothing.

import { formatIpv4 } from '../model/ipv4'
import { INIT_NETNS, type HostId } from '../model/ids'
import type { Host, World } from '../model/world'
import { getLink, getNetns, resolveLink } from '../kernel/queries'
import type { Link, Netns } from '../kernel/types'
import { lookupContainer } from '../daemon/queries'
import { containerNetns } from '../daemon/container-records'
import { runHook } from './hooks'
import { lookupRoute, sourceFor, type RouteMatch } from './route'
import { arpStep, drop, inStack, MAX_HOPS, onWire, unreachable, type Walk } from './state'
import type { Headers, Probe, Trace } from './types'
import { verdictOf } from './verdict'
import { bridgeNeighbour, vethOwns } from './wire'
import { fromOutside, nicOut } from './segment'
import { lowerOut } from './lower'
import { adviseOn } from './advice'
import { FIRST_PACKET, type Conn } from './conn'
import { decapsulate, tunnelNeighbour, VXLAN_PORT } from './vxlan'
import { bridgedDnat } from './bridge-dnat'
import { deliverToStack } from './deliver'
import { intoBridge, ipvsForward, tunnelOut, type WalkOps } from './walk-overlay'

/** The ephemeral source port of every tcp/udp probe (deterministic, in 32768–60999). */
export const PROBE_SPORT = 40000

/** Traces the first packet of `probe` through `world`. */
export function traceProbe(world: World, probe: Probe): Trace {
  const trace = walkProbe(world, probe, FIRST_PACKET)
  const advice = adviseOn(world, probe, trace)
  return advice ? { ...trace, advice } : trace
}

/** Walks a packet of `probe`'s connection, as conntrack sees it (`conn`), from its sender. */
export function walkProbe(world: World, probe: Probe, conn: Conn): Trace {
  const l4 = probe.proto === 'icmp' ? {} : { sport: PROBE_SPORT, dport: probe.dport ?? 80 }
  const w = newWalk(world, { src: 0, dst: probe.to, proto: probe.proto, ...l4 }, conn)
  const from = probe.from
  switch (from.kind) {
    case 'container':
    case 'host':
    case 'netns': {
      const host = world.hosts[from.host]
      if (!host) {
        drop(w, {}, `no host ${from.host}`)
        break
      }
      const nsId =
        from.kind === 'host'
          ? INIT_NETNS
          : from.kind === 'netns'
            ? from.netns
            : containerNs(host, from.container)
      const ns = nsId === undefined ? undefined : getNetns(host.kernel, nsId)
      if (!ns)
        drop(
          w,
          { host: host.id },
          from.kind === 'container'
            ? `container ${from.container} is not running`
            : `no network namespace ${nsId ?? ''} on ${host.id}`,
        )
      else localOut(w, host, ns, false)
      break
    }
    case 'lan':
    case 'internet':
      fromOutside(w, from.kind, from.ip, receive)
      break
  }
  return verdictOf(w.steps)
}

export function newWalk(world: World, packet: Headers, conn: Conn): Walk {
  return { world, steps: [], packet, ctNat: {}, hops: 0, conn, mark: undefined, ipvs: false }
}

/** A reply leaving the namespace that answers, from the address the request was sent to. */
export function sendReply(w: Walk, host: Host, ns: Netns): void {
  w.mark = undefined
  w.ipvs = false
  localOut(w, host, ns, true)
}

function containerNs(host: Host, name: string) {
  const found = lookupContainer(host.daemon, name)
  return found.kind === 'found' ? containerNetns(host.daemon, found.container) : undefined
}

function routeStep(w: Walk, host: HostId, ns: Netns, m: RouteMatch | undefined): void {
  const dst = formatIpv4(w.packet.dst)
  const where = { host, netns: ns.id }
  if (m === undefined) {
    w.steps.push({
      kind: 'route',
      where,
      what: `no route to ${dst}`,
      packet: inStack(w),
      local: false,
    })
  } else if (m.kind === 'local') {
    const what = `${dst} is local (on ${m.link.name})`
    w.steps.push({
      kind: 'route',
      where: { ...where, link: m.link.id },
      what,
      packet: inStack(w),
      local: true,
    })
  } else {
    const via = m.route.via === undefined ? '' : ` via ${formatIpv4(m.route.via)}`
    const what = `route to ${dst}${via} dev ${m.dev.name}`
    const step = { kind: 'route', where: { ...where, link: m.dev.id }, what, packet: inStack(w) }
    w.steps.push({ ...step, kind: 'route', local: false, route: m.route })
  }
}

/**
 * A locally generated packet: OUTPUT route lookup, OUTPUT and POSTROUTING hooks, out device. A
 * reply keeps its source (the address the request reached); a new packet takes the route's.
 */
function localOut(w: Walk, host: Host, ns: Netns, keepSrc: boolean): void {
  let m = lookupRoute(ns, w.packet.dst)
  if (m && !keepSrc) w.packet = { ...w.packet, src: sourceFor(m, w.packet.dst) }
  routeStep(w, host.id, ns, m)
  // connect()/sendto() fail with ENETUNREACH before any packet exists.
  if (!m) return unreachable(w, { host: host.id, netns: ns.id }, 'Network is unreachable', 'net')
  const dev = m.kind === 'local' ? m.link : m.dev
  const dst = w.packet.dst
  if (!runHook(w, host.id, ns, 'OUTPUT', { out: dev.name })) return
  if (w.ctNat.dst === true || w.packet.dst !== dst) {
    m = lookupRoute(ns, w.packet.dst) ?? m
    // ip_route_me_harder: a loopback source may leave by another device only where
    // route_localnet allows it (route.c __mkroute_output), as after 127.0.0.1 is DNATed away.
    const leaves = m.kind === 'local' ? undefined : m.dev
    if (leaves && w.packet.src >>> 24 === 127 && !routeLocalnet(ns, leaves.name)) {
      const why = `the source ${formatIpv4(w.packet.src)} may not leave by ${leaves.name} after DNAT: net.ipv4.conf.${leaves.name}.route_localnet is 0, so the re-route fails`
      return drop(w, { host: host.id, netns: ns.id, link: leaves.id }, why)
    }
  }
  const out = m.kind === 'local' ? 'lo' : m.dev.name
  if (!runHook(w, host.id, ns, 'POSTROUTING', { out })) return
  if (m.kind === 'local') {
    if (!runHook(w, host.id, ns, 'INPUT', { in: 'lo' })) return
    return deliverLocal(w, host.id, ns, m.link)
  }
  transmit(w, host, ns, m.dev, m.nextHop)
}

/** IN_DEV_ROUTE_LOCALNET: the device's route_localnet or `all`'s. */
const routeLocalnet = (ns: Netns, dev: string): boolean =>
  ns.sysctl[`net.ipv4.conf.${dev}.route_localnet`] === '1' ||
  ns.sysctl['net.ipv4.conf.all.route_localnet'] === '1'

/** A packet received on `link` of `ns`: PREROUTING (unless the bridge ran it), routing, on. */
function routeIn(w: Walk, host: Host, ns: Netns, link: Link, prerouted: boolean): void {
  const where = { host: host.id, netns: ns.id, link: link.id }
  if (!prerouted) {
    // A packet entering a namespace carries no mark of the one it left (skb_scrub_packet),
    // and meets that namespace's own conntrack: no NAT done there yet.
    w.mark = undefined
    w.ipvs = false
    w.ctNat = {}
    if (!runHook(w, host.id, ns, 'PREROUTING', { in: link.name })) return
  }
  const m = lookupRoute(ns, w.packet.dst)
  routeStep(w, host.id, ns, m)
  if (!m) return unreachable(w, where, `no route to host ${formatIpv4(w.packet.dst)}`, 'net')
  if (m.kind === 'local') {
    if (!runHook(w, host.id, ns, 'INPUT', { in: link.name })) return
    // IPVS sits at LOCAL_IN after the filter table (ip_vs_remote_request4).
    const svc = w.mark === undefined ? undefined : ns.ipvs?.find((s) => s.fwmark === w.mark)
    if (svc) return ipvsForward(OPS, w, host, ns, svc)
    return deliverLocal(w, host.id, ns, m.link)
  }
  if (ns.sysctl['net.ipv4.ip_forward'] !== '1')
    return drop(w, where, 'not for this namespace and net.ipv4.ip_forward is 0')
  const devs = { in: link.name, out: m.dev.name }
  if (!runHook(w, host.id, ns, 'FORWARD', devs)) return
  if (!runHook(w, host.id, ns, 'POSTROUTING', devs)) return
  transmit(w, host, ns, m.dev, m.nextHop)
}

function deliverLocal(w: Walk, host: HostId, ns: Netns, link: Link): void {
  const p = w.packet
  const h = w.world.hosts[host]
  if (p.tunnel && p.proto === 'udp' && p.dport === VXLAN_PORT && h)
    return decapsulate(w, h, ns, (w2, h2, ns2, port) => intoBridge(OPS, w2, h2, ns2, port))
  deliverToStack(w, host, ns, link)
}

/** A frame arriving from the LAN on a host's NIC. */
export const receive = (w: Walk, host: Host, ns: Netns, link: Link): void =>
  routeIn(w, host, ns, link, false)

/** Sends the packet out of `dev` towards `nextHop`. */
function transmit(w: Walk, host: Host, ns: Netns, dev: Link, nextHop: number): void {
  const where = { host: host.id, netns: ns.id, link: dev.id }
  if (++w.hops > MAX_HOPS) return drop(w, where, 'TTL exceeded (routing loop)')
  switch (dev.kind) {
    case 'veth':
      return vethOut(w, host, ns, dev, nextHop)
    case 'bridge':
      return bridgeOut(w, host, ns, dev, nextHop)
    case 'ether':
      return nicOut(w, host.id, ns, dev, nextHop, receive)
    case 'loopback':
      return drop(w, where, `${formatIpv4(nextHop)} routed to lo but is not local`)
    case 'dummy':
      return drop(w, where, `${dev.name} is a dummy device: it discards what it is sent`)
    case 'macvlan':
    case 'ipvlan':
    case 'vlan':
      return lowerOut(w, host, ns, dev, nextHop, receive)
    case 'vxlan':
      return drop(w, where, `${dev.name}: no FDB entry for ${formatIpv4(nextHop)}`)
  }
}

function vethOut(w: Walk, host: Host, ns: Netns, dev: Link, nextHop: number): void {
  const where = { host: host.id, netns: ns.id, link: dev.id }
  const peer = dev.peer && resolveLink(host.kernel, dev.peer)
  const peerNs = dev.peer && getNetns(host.kernel, dev.peer.netns)
  if (!dev.peer || !peer || !peerNs || !peer.up) return drop(w, where, `${dev.name} has no carrier`)
  const bridge = peer.master === undefined ? undefined : getLink(peerNs, peer.master)
  if (bridge && !bridge.up) {
    // A bridge that is down disables its ports (br_stp_disable_bridge): br_handle_frame drops
    // every frame they receive, ARP requests included.
    arpStep(w, where, nextHop, dev.name, undefined)
    const why = `${bridge.name} is down: its ports are disabled and drop every frame, the ARP request for ${formatIpv4(nextHop)} too`
    return unreachable(w, { host: host.id, netns: peerNs.id, link: peer.id }, why, 'host')
  }
  const hit = bridge ? bridgeNeighbour(host.kernel, peerNs, bridge, nextHop, peer) : undefined
  const remote = bridge && !hit ? tunnelNeighbour(peerNs, bridge, nextHop) : undefined
  if (bridge && remote)
    return tunnelOut(OPS, w, host, ns, dev, peerNs, peer, bridge, nextHop, remote)
  const owner = hit
    ? hit.kind === 'self'
      ? hit.bridge
      : hit.far
    : vethOwns(peer, nextHop)
      ? peer
      : undefined
  const ownerNs = hit?.kind === 'port' ? hit.farNs : peerNs.id
  arpStep(
    w,
    where,
    nextHop,
    dev.name,
    owner && {
      text: `${owner.name} is at ${owner.mac}`,
      ans: { kind: 'link', netns: ownerNs, link: owner.id, mac: owner.mac },
    },
  )
  if (!owner)
    return unreachable(
      w,
      where,
      `no ARP reply for ${formatIpv4(nextHop)}: Host is unreachable`,
      'host',
    )
  w.steps.push({
    kind: 'veth',
    where,
    what: `${dev.name} → its peer ${peer.name}${bridge ? ` (a port of ${bridge.name})` : ''}`,
    packet: onWire(w, dev.mac, owner.mac),
    from: { netns: ns.id, link: dev.id },
    to: { netns: peerNs.id, link: peer.id },
  })
  if (!bridge || !hit) return routeIn(w, host, peerNs, peer, false)
  // br_netfilter: PREROUTING sees the bridge as the in device, before the FDB decision; a new
  // destination (DNAT) sends the frame up to be routed (br_nf_pre_routing_finish).
  const hostWhere = { host: host.id, netns: peerNs.id, link: bridge.id }
  const dst = w.packet.dst
  // Another namespace's conntrack and marks.
  w.ctNat = {}
  w.mark = undefined
  w.ipvs = false
  if (!runHook(w, host.id, peerNs, 'PREROUTING', { in: bridge.name })) return
  const wire = onWire(w, dev.mac, owner.mac)
  const dnat = w.ctNat.dst === true || w.packet.dst !== dst
  if (dnat && bridgedDnat(bridgeForward, w, host, peerNs, bridge, peer, dev)) return
  if (hit.kind === 'self' || dnat) {
    const what = `${bridge.name}: frame for the bridge's own MAC, up to the host's IP stack`
    w.steps.push({
      kind: 'bridge',
      where: hostWhere,
      what,
      packet: wire,
      bridge: bridge.id,
      inPort: peer.id,
      fdb: 'local',
    })
    return routeIn(w, host, peerNs, bridge, true)
  }
  bridgeForward(w, host, peerNs, bridge, peer, hit.port, hit.far, hit.farNs, wire)
}

/** L2 forwarding from `inPort` (undefined: the bridge itself sends) to `outPort`, then the veth. */
export function bridgeForward(
  w: Walk,
  host: Host,
  ns: Netns,
  bridge: Link,
  inPort: Link | undefined,
  outPort: Link,
  far: Link,
  farNs: Netns['id'],
  wire: Headers,
): void {
  const known = ns.fdb.some((e) => e.bridge === bridge.id && e.mac === far.mac)
  const from = inPort ? inPort.name : `${bridge.name} itself`
  const what = `${bridge.name}: ${far.mac} ${known ? 'is in the FDB on' : 'unknown, flooded; answered on'} ${outPort.name} (from ${from})`
  w.steps.push({
    kind: 'bridge',
    where: { host: host.id, netns: ns.id, link: bridge.id },
    what,
    packet: wire,
    bridge: bridge.id,
    ...(inPort ? { inPort: inPort.id } : {}),
    outPort: outPort.id,
    fdb: known ? 'hit' : 'flood',
  })
  if (inPort) {
    const devs = { in: bridge.name, out: bridge.name }
    if (!runHook(w, host.id, ns, 'FORWARD', devs)) return
    if (!runHook(w, host.id, ns, 'POSTROUTING', devs)) return
  }
  const farNamespace = getNetns(host.kernel, farNs)
  if (!farNamespace)
    return drop(w, { host: host.id, netns: ns.id, link: outPort.id }, `${outPort.name} has no peer`)
  w.steps.push({
    kind: 'veth',
    where: { host: host.id, netns: ns.id, link: outPort.id },
    what: `${outPort.name} → its peer ${far.name}`,
    packet: onWire(w, wire.srcMac, far.mac),
    from: { netns: ns.id, link: outPort.id },
    to: { netns: farNs, link: far.id },
  })
  routeIn(w, host, farNamespace, far, false)
}

function bridgeOut(w: Walk, host: Host, ns: Netns, bridge: Link, nextHop: number): void {
  const where = { host: host.id, netns: ns.id, link: bridge.id }
  const hit = bridgeNeighbour(host.kernel, ns, bridge, nextHop)
  const port = hit?.kind === 'port' ? hit : undefined
  arpStep(
    w,
    where,
    nextHop,
    bridge.name,
    port && {
      text: `${port.far.name} behind ${port.port.name} is at ${port.far.mac}`,
      ans: { kind: 'link', netns: port.farNs, link: port.far.id, mac: port.far.mac },
    },
  )
  if (!port)
    return unreachable(
      w,
      where,
      `no ARP reply for ${formatIpv4(nextHop)}: Host is unreachable`,
      'host',
    )
  bridgeForward(
    w,
    host,
    ns,
    bridge,
    undefined,
    port.port,
    port.far,
    port.farNs,
    onWire(w, bridge.mac, port.far.mac),
  )
}

/** What walk-overlay.ts needs of the walk. */
const OPS: WalkOps = {
  localOut: (w, host, ns) => localOut(w, host, ns, true),
  localNew: (w, host, ns) => localOut(w, host, ns, false),
  bridgeForward,
}
