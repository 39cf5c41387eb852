// Frames sent on a device stacked on a physical NIC: a macvlan or ipvlan child in a container,
// or an 802.1Q sub-interface. (Filled in by the macvlan/ipvlan work.)

import type { Ipv4 } from '../model/ipv4'
import type { Host } from '../model/world'
import type { Link, Netns } from '../kernel/types'
import type { Receive } from './segment'
import { drop, type Walk } from './state'

export function lowerOut(
  w: Walk,
  host: Host,
  ns: Netns,
  dev: Link,
  _nextHop: Ipv4,
  _receive: Receive,
): void {
  drop(w, { host: host.id, netns: ns.id, link: dev.id }, `${dev.name}: not modelled yet`)
}
