// The walk through Docker's multi-host plumbing: a frame for a container on another node
// leaving through its overlay's VXLAN port, a decapsulated frame entering its bridge, and IPVS
// forwarding in a load balancer's namespace. walk.ts hands in the pieces of the walk these use.

import { formatIpv4 } from '../model/ipv4'
import { getLink } from '../kernel/queries'
import type { Host } from '../model/world'
import type { IpvsService, Link, Netns } from '../kernel/types'
import { allNetworks } from '../daemon/queries'
import { runHook } from './hooks'
import { arpStep, drop, inStack, onWire, type Walk } from './state'
import { bridgeNeighbour } from './wire'
import { encapsulate, type TunnelHit } from './vxlan'
import type { bridgeForward } from './walk'

export type WalkOps = {
  /** Sends a packet already addressed (a reply's, IPVS's) from a namespace's own stack. */
  readonly localOut: (w: Walk, host: Host, ns: Netns) => void
  /** Sends a new packet from a namespace's stack (the source from the route). */
  readonly localNew: (w: Walk, host: Host, ns: Netns) => void
  readonly bridgeForward: typeof bridgeForward
}

/**
 * A frame for a container on another node: the vxlan port answers ARP from its neighbour table,
 * br0 forwards the frame to it, and the device encapsulates it for the remote node.
 */
export function tunnelOut(
  ops: WalkOps,
  w: Walk,
  host: Host,
  ns: Netns,
  dev: Link,
  brNs: Netns,
  port: Link,
  bridge: Link,
  nextHop: number,
  remote: TunnelHit,
): void {
  const where = { host: host.id, netns: ns.id, link: dev.id }
  const { vxlan, mac } = remote
  arpStep(w, where, nextHop, dev.name, {
    text: `${vxlan.name} answers from its neighbour table (proxy ARP, an entry Docker programmed for a container on another node): ${mac}`,
    ans: { kind: 'link', netns: brNs.id, link: vxlan.id, mac },
  })
  const wire = onWire(w, dev.mac, mac)
  w.steps.push({
    kind: 'veth',
    where,
    what: `${dev.name} → its peer ${port.name} (a port of ${bridge.name})`,
    packet: wire,
    from: { netns: ns.id, link: dev.id },
    to: { netns: brNs.id, link: port.id },
  })
  if (!runHook(w, host.id, brNs, 'PREROUTING', { in: bridge.name })) return
  const learnt = brNs.fdb.some((e) => e.bridge === bridge.id && e.mac === mac)
  w.steps.push({
    kind: 'bridge',
    where: { host: host.id, netns: brNs.id, link: bridge.id },
    what: `${bridge.name}: ${mac} ${learnt ? 'is in the FDB on' : 'unknown, flooded; only'} ${vxlan.name}${learnt ? '' : ' can deliver it'} (from ${port.name})`,
    packet: wire,
    bridge: bridge.id,
    inPort: port.id,
    outPort: vxlan.id,
    fdb: learnt ? 'hit' : 'flood',
  })
  const devs = { in: bridge.name, out: bridge.name }
  if (!runHook(w, host.id, brNs, 'FORWARD', devs)) return
  if (!runHook(w, host.id, brNs, 'POSTROUTING', devs)) return
  const esp = encrypted(host, vxlan)
  encapsulate(w, host, brNs, vxlan, wire, remote.vtep, esp, (w2, h, under) =>
    ops.localNew(w2, h, under),
  )
}

// The VXLAN devices of encrypted overlays, per daemon record (Docker programs IPsec for them).
const encryptedDevices = new WeakMap<Host['daemon'], ReadonlySet<string>>()

/** Whether the overlay this VXLAN device belongs to is encrypted. */
function encrypted(host: Host, vxlan: Link): boolean {
  let set = encryptedDevices.get(host.daemon)
  if (!set) {
    set = new Set(
      allNetworks(host.daemon).flatMap((n) =>
        n.overlay?.encrypted && n.overlay.sandbox ? [n.overlay.sandbox.vxlan] : [],
      ),
    )
    encryptedDevices.set(host.daemon, set)
  }
  return set.has(vxlan.id)
}

/** The inner frame of a decapsulated packet enters its VXLAN device's bridge. */
export function intoBridge(ops: WalkOps, w: Walk, host: Host, ns: Netns, inPort: Link): void {
  const bridge = inPort.master === undefined ? undefined : getLink(ns, inPort.master)
  const where = { host: host.id, netns: ns.id, link: inPort.id }
  if (!bridge) return drop(w, where, `${inPort.name} is not a port of a bridge`)
  const hit = bridgeNeighbour(host.kernel, ns, bridge, w.packet.dst)
  if (hit?.kind !== 'port')
    return drop(
      w,
      where,
      `${bridge.name}: no port leads to ${formatIpv4(w.packet.dst)} (the container is not on this node any more)`,
    )
  const wire = onWire(w, w.packet.srcMac, hit.far.mac)
  ops.bridgeForward(w, host, ns, bridge, inPort, hit.port, hit.far, hit.farNs, wire)
}

/**
 * IPVS forwarding in NAT (Masq) mode: a real server of the firewall-mark service is picked (round
 * robin: here by the flow, so a trace is repeatable), the destination rewritten (the port kept:
 * Docker's real servers have port 0), and the packet sent on from this namespace, where
 * POSTROUTING's `-m ipvs --ipvs` SNAT rule gives it the load balancer's source (ip_vs_nat_xmit).
 */
export function ipvsForward(ops: WalkOps, w: Walk, host: Host, ns: Netns, svc: IpvsService): void {
  const live = svc.dests.filter((d) => d.weight > 0)
  const where = { host: host.id, netns: ns.id }
  if (live.length === 0)
    return drop(w, where, `IPVS FWM ${svc.fwmark}: no real server with a weight above 0`)
  const p = w.packet
  const pick = live[flowHash(p.src, p.sport ?? 0, p.dst) % live.length] ?? live[0]
  if (!pick) return drop(w, where, `IPVS FWM ${svc.fwmark}: no real server`)
  const before = inStack(w)
  w.packet = { ...p, dst: pick.addr }
  w.ipvs = true
  w.steps.push({
    kind: 'ipvs',
    where,
    what: `IPVS: the firewall-mark service FWM ${svc.fwmark} (rr, ${live.length} real server${live.length === 1 ? '' : 's'}) sends it to ${formatIpv4(pick.addr)}, destination NAT from ${formatIpv4(before.dst)}`,
    packet: inStack(w),
    fwmark: svc.fwmark,
    before,
    dest: pick.addr,
    of: live.length,
  })
  ops.localOut(w, host, ns)
}

function flowHash(src: number, sport: number, dst: number): number {
  const h = Math.imul(src ^ Math.imul(dst, 2654435761) ^ (sport << 7), 2246822519)
  return (h ^ (h >>> 13)) >>> 0
}
