// br_netfilter's bridged DNAT: a frame whose destination the host's PREROUTING rewrote to an
// address behind the bridge it came in on is forwarded on that bridge, not routed; back out
// the port it came in by only in hairpin mode (how a container reaches its own published
// port with the userland proxy off). Checked on a real kernel by tests/kernel.

import { formatIpv4 } from '../model/ipv4'
import type { Host } from '../model/world'
import type { Link, Netns } from '../kernel/types'
import { lookupRoute } from './route'
import { drop, onWire, type Walk } from './state'
import { bridgeNeighbour } from './wire'
import type { WalkOps } from './walk-overlay'

type Forward = WalkOps['bridgeForward']

/**
 * br_netfilter's bridged DNAT (br_nf_pre_routing_finish): a frame whose destination PREROUTING
 * rewrote to an address behind the same bridge stays on the bridge: forwarded at L2 to that
 * port, with FORWARD and POSTROUTING run for it. Back out the port it came in by only in
 * hairpin mode (br_forward.c should_deliver). False when the new destination is elsewhere.
 */
export function bridgedDnat(
  forward: Forward,
  w: Walk,
  host: Host,
  ns: Netns,
  bridge: Link,
  inPort: Link,
  sender: Link,
): boolean {
  const m = lookupRoute(ns, w.packet.dst)
  if (!m || m.kind === 'local' || m.dev.id !== bridge.id) return false
  const hit = bridgeNeighbour(host.kernel, ns, bridge, m.nextHop)
  if (hit?.kind !== 'port') return false
  const wire = onWire(w, sender.mac, hit.far.mac)
  if (hit.port.id === inPort.id && !inPort.hairpin) {
    w.steps.push({
      kind: 'bridge',
      where: { host: host.id, netns: ns.id, link: bridge.id },
      what: `${bridge.name}: ${formatIpv4(w.packet.dst)} (after DNAT) is behind ${inPort.name}, the port the frame came in by`,
      packet: wire,
      bridge: bridge.id,
      inPort: inPort.id,
      outPort: hit.port.id,
      fdb: 'hit',
    })
    drop(
      w,
      { host: host.id, netns: ns.id, link: inPort.id },
      `a bridge never sends a frame back out the port it came in by unless that port is in hairpin mode, and ${inPort.name}'s is off`,
    )
    return true
  }
  forward(w, host, ns, bridge, inPort, hit.port, hit.far, hit.farNs, wire)
  return true
}
