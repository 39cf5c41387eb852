// A swarm overlay's VXLAN tunnels, drawn the same way in both views: one line per pair of hosts
// that both have the overlay's vxlan0 (Docker programs a unicast tunnel to every peer: no
// multicast), in the overlay's colour, routed around what lies between its ends, and labelled
// with what goes on the wire: the VNI, UDP 4789 (ESP around it when encrypted) and the two
// hosts' underlay addresses the outer packet travels between.

import type { HostRecord, NetworkRecord, RecordId } from '../../engine'
import { networkColor } from './colors'
import { edge } from './elements'
import type { ViewElement } from './types'
import { networkIds, type WorldIndex } from './world-index'

/** One host's end of an overlay: the element the tunnel starts from (vxlan0, or the bar). */
export type TunnelEnd = {
  readonly element: string
  readonly host: HostRecord
  readonly net: NetworkRecord
  readonly vni: number
  readonly port: number
}

/** Docker's VXLAN UDP port (`--data-path-port`, default 4789, IANA's). */
export const VXLAN_PORT = 4789

/** The address the host's VTEP sends from: its first NIC's (the swarm's advertise address). */
export function underlayAddress(ix: WorldIndex, host: RecordId): string | undefined {
  const hostNs = ix.netnsOf(host).find((n) => n.role === 'host')
  const nic = hostNs
    ? ix.ifacesOf(hostNs.id).find((i) => i.linkKind === 'ether' && i.addresses.length > 0)
    : undefined
  return nic?.addresses[0]?.replace(/\/\d+$/, '')
}

export function tunnelLabel(
  end: TunnelEnd,
  from: string | undefined,
  to: string | undefined,
): string {
  const wire = `VXLAN ${end.vni} · UDP ${end.port}${end.net.overlay?.encrypted ? ' · ESP' : ''}`
  return from !== undefined && to !== undefined ? `${wire}\n${from} ⇄ ${to}` : wire
}

/**
 * The tunnels between `ends` (at most one per host and VNI), left to right in host order;
 * `bend(skipped)` says how far a tunnel is routed from the straight line when it passes
 * `skipped` hosts of the same overlay on its way (so it clears their ends).
 */
export function tunnels(
  ix: WorldIndex,
  ends: readonly TunnelEnd[],
  bend: (skipped: number) => number,
): ViewElement[] {
  const byVni = new Map<number, TunnelEnd[]>()
  for (const e of ends) byVni.set(e.vni, [...(byVni.get(e.vni) ?? []), e])
  const out: ViewElement[] = []
  for (const [, group] of [...byVni].sort(([a], [b]) => a - b)) {
    group.sort((a, b) => a.host.index - b.host.index)
    group.forEach((a, i) => {
      for (const [k, b] of group.slice(i + 1).entries()) {
        const encrypted = a.net.overlay?.encrypted === true
        out.push(
          edge('tunnel', `tunnel:${a.element}:${b.element}`, a.element, b.element, a.net.id, {
            label: tunnelLabel(a, underlayAddress(ix, a.host.id), underlayAddress(ix, b.host.id)),
            classes: `tunnel routed${encrypted ? ' encrypted' : ''}`,
            stands: [b.net.id],
            color: networkColor(a.net),
            networks: [...new Set([...networkIds(ix, a.net), ...networkIds(ix, b.net)])],
            bend: bend(k),
          }),
        )
      }
    })
  }
  return out
}
