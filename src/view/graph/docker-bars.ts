// What the Docker view adds to a network's bar beyond its name and subnet: an overlay's VNI and
// the ends of its tunnels (the hosts where it is plumbed), a macvlan/ipvlan network's parent
// NIC and the line that hangs the bar from it.

import type { NetworkRecord, RecordId } from '../../engine'
import { networkColor } from './colors'
import { edge } from './elements'
import { VXLAN_PORT, type TunnelEnd } from './tunnels'
import type { ViewElement } from './types'
import type { WorldIndex } from './world-index'

/** How far above the bars a macvlan/ipvlan bar's line to its parent NIC runs (and the next). */
const PARENT_LANE = 88
const PARENT_STEP = 14

/** What a bar says beyond subnet and bridge: an overlay's VNI, a macvlan/ipvlan's parent. */
export function barDetails(ix: WorldIndex, n: NetworkRecord): string[] {
  const out: string[] = []
  if (n.overlay) out.push(`VNI ${n.overlay.vni}${n.overlay.encrypted ? ' · encrypted' : ''}`)
  const parent = n.parent === undefined ? undefined : ix.iface(n.parent)
  if (parent) out.push(`parent ${parent.name}`)
  return out
}

/**
 * A macvlan/ipvlan network to the NIC its children sit on (through a VLAN sub-interface, named
 * on the line): its containers are on that NIC's LAN. Routed over the bars, NIC (left) first,
 * each such network of the host a lane higher (they share the NIC's end).
 */
export function parentEdge(
  ix: WorldIndex,
  n: NetworkRecord,
  nicX: ReadonlyMap<RecordId, number>,
  lane: number,
): ViewElement | undefined {
  const parent = n.parent === undefined ? undefined : ix.iface(n.parent)
  const nic = parent?.linkKind === 'vlan' && parent.lower !== undefined ? parent.lower : parent?.id
  if (!parent || nic === undefined || !nicX.has(nic)) return undefined
  return edge('lower', `lower:${n.id}`, nic, n.id, n.id, {
    label: parent.id === nic ? '' : `${parent.name} (VLAN ${parent.mode ?? '?'})`,
    classes: `lower lower-${n.driver} on-network routed`,
    stands: [parent.id],
    color: networkColor(n),
    networks: [n.id],
    bend: -(PARENT_LANE + lane * PARENT_STEP),
  })
}

/** A host's overlays that have their sandbox (vxlan0) there: the ends of the Docker-view tunnels. */
export function overlayEnds(ix: WorldIndex, host: RecordId): TunnelEnd[] {
  const record = ix.hosts.find((h) => h.id === host)
  if (!record) return []
  return ix.netnsOf(host).flatMap((ns) => {
    const net = ix.overlayOf(ns.id)
    const vxlan = ix.ifacesOf(ns.id).find((i) => i.linkKind === 'vxlan')
    const vni = vxlan?.tunnel?.vni ?? net?.overlay?.vni
    if (!net || vni === undefined) return []
    return [{ element: net.id, host: record, net, vni, port: vxlan?.tunnel?.port ?? VXLAN_PORT }]
  })
}
