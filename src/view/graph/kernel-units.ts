// One namespace of the kernel view's row of namespaces (a container's, `ingress_sbox`, one made
// with `ip netns`): its devices side by side, each veth's other end right above (in the host
// namespace) or, for an overlay, right below (in the overlay's sandbox, drawn with the sandbox),
// a macvlan/ipvlan child's line to its parent NIC, and the published ports' badge. Reused as
// made last time when made from the same records at the same place.

import type { ContainerRecord, InterfaceRecord, NetnsRecord, RecordId } from '../../engine'
import { networkColor } from './colors'
import { node, sameKey, textSize, type Pos, type UnitCache } from './elements'
import { ifaceNode, lowerEdge, portEdge, vethEdge } from './kernel-devices'
import type { ViewElement } from './types'
import { networkIds, pathName, type WorldIndex } from './world-index'

export const UNIT = {
  slot: 150,
  /** From the host ends of veths (the unit's base, y 130) down to the namespace's devices. */
  devices: 170,
  /** …and to the published ports' badge. */
  badge: 262,
  /** The light drawing: the namespace's title under its devices. */
  lightTitle: 62,
} as const

/** What the units of one host share. */
export type UnitContext = {
  readonly add: (e: ViewElement) => void
  readonly ix: WorldIndex
  readonly light: boolean
  readonly host: RecordId
  /** The host namespace's compound (none in the light drawing). */
  readonly hostNsParent: string | undefined
  readonly hostVeths: ReadonlyMap<RecordId, InterfaceRecord>
  /** Veth ports of the host's overlay sandboxes. */
  readonly sandboxPorts: ReadonlyMap<RecordId, InterfaceRecord>
  /** Devices already drawn that a stacked device may sit on (the host's NICs, VLANs…). */
  readonly lowers: ReadonlySet<RecordId>
  /** Filled in: where each sandbox port goes (under its peer), for the sandbox's band. */
  readonly portPlaces: Map<RecordId, { x: number; container?: RecordId }>
  /** Filled in: the host veths drawn above their peers. */
  readonly placedVeths: Set<RecordId>
  readonly cache: UnitCache | undefined
}

/** Interfaces inside a namespace: eth0, eth1… by name, lo last. */
const deviceOrder = (a: InterfaceRecord, b: InterfaceRecord): number =>
  Number(a.linkKind === 'loopback') - Number(b.linkKind === 'loopback') ||
  (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

/** Places one namespace with its base (the veth row) at `base`; returns how many devices. */
export function placeUnit(u: UnitContext, ns: NetnsRecord, base: Pos): number {
  const { ix, light } = u
  const containers = ix.containersIn(ns.id)
  const devices = [...ix.ifacesOf(ns.id)].sort(deviceOrder)
  const shown = light ? devices.filter((d) => d.linkKind !== 'loopback') : devices
  const owner = containers[0]
  const above = shown.map((d) => (d.peer === undefined ? undefined : u.hostVeths.get(d.peer)))
  const below = shown.map((d) => (d.peer === undefined ? undefined : u.sandboxPorts.get(d.peer)))
  const lowered = shown.map((d) => d.lower !== undefined && u.lowers.has(d.lower))
  for (const p of above) if (p) u.placedVeths.add(p.id)
  below.forEach((p, k) => {
    if (p)
      u.portPlaces.set(p.id, {
        x: base.x + k * UNIT.slot,
        ...(owner ? { container: owner.id } : {}),
      })
  })
  const nets = shown.map((d) => ix.networkOfIface(d.id))
  const key = [
    light,
    base.x,
    base.y,
    u.hostNsParent,
    ns,
    ...containers,
    ...shown,
    ...above,
    ...below,
    ...lowered,
    ...nets.flatMap((n): readonly unknown[] => (n ? ix.siblings(n) : [n])),
  ]
  const hit = u.cache?.get(ns.id)
  if (hit && sameKey(hit.key, key)) {
    for (const e of hit.elements) u.add(e)
    return shown.length
  }
  const unit: ViewElement[] = []
  const add = (e: ViewElement): void => {
    unit.push(e)
    u.add(e)
  }
  const parent = light ? undefined : ns.id
  const inNs = new Set<RecordId>()
  shown.forEach((d, k) => {
    const at = { x: base.x + k * UNIT.slot, y: base.y + UNIT.devices }
    const net = nets[k]
    const ids = net ? networkIds(ix, net) : []
    for (const id of ids) inNs.add(id)
    const color = net ? networkColor(net) : undefined
    add(ifaceNode(d, at, parent, ix, ids, owner?.id))
    const hostEnd = above[k]
    const port = below[k]
    if (hostEnd) {
      add(ifaceNode(hostEnd, { x: at.x, y: base.y }, u.hostNsParent, ix, ids, owner?.id))
      add(vethEdge(d, hostEnd, color, owner?.id))
      // The light drawing leaves the bridge ports out: at hundreds of containers they are a
      // fan of long lines; the veth end wears its bridge's colour instead.
      if (hostEnd.master !== undefined && !light) add(portEdge(hostEnd, color))
    } else if (port) {
      // The full drawing puts the sandbox end in the sandbox's band; the light one here.
      if (light) add(ifaceNode(port, { x: at.x, y: base.y }, undefined, ix, ids, owner?.id))
      add(vethEdge(d, port, color, owner?.id))
    }
    if (lowered[k]) add(lowerEdge(d, ids, color, owner?.id))
  })
  const title = netnsTitle(ns, containers)
  const stands = [ns.id, ...containers.map((c) => c.id)]
  const common = {
    stands,
    networks: [...inNs],
    ...(owner ? { container: owner.id } : {}),
  }
  const record = owner?.id ?? ns.id
  if (light)
    add(
      node(
        'netns',
        ns.id,
        title,
        record,
        'netns netns-title',
        {
          x: base.x + ((Math.max(shown.length, 1) - 1) * UNIT.slot) / 2,
          y: base.y + UNIT.devices + UNIT.lightTitle,
        },
        common,
      ),
    )
  else
    add(
      node('netns', ns.id, title, record, `netns netns-${ns.role}`, undefined, {
        parent: u.host,
        ...common,
      }),
    )
  const badge = portsBadge(
    containers,
    { x: base.x, y: base.y + UNIT.badge + (light ? UNIT.lightTitle : 0) },
    light ? undefined : u.host,
  )
  if (badge) add(badge)
  u.cache?.set(ns.id, { key, elements: unit })
  return shown.length
}

/** The containers in it, else the name of its file (`ingress_sbox`, an `ip netns` name). */
function netnsTitle(ns: NetnsRecord, containers: readonly ContainerRecord[]): string {
  if (containers.length === 0) return ns.role === 'sandbox' ? pathName(ns.path) : ns.path
  return containers.map((c) => `${c.name} (${c.image})`).join(' + ')
}

/** Published ports of the containers in a namespace, as one badge under it. */
export function portsBadge(
  containers: readonly ContainerRecord[],
  at: Pos,
  parent: string | undefined,
): ViewElement | undefined {
  const ports = containers.flatMap((c) => c.ports.map((p) => portText(p, c)))
  const owner = containers[0]
  if (!owner || ports.length === 0) return undefined
  return node('badge', `badge:${owner.id}`, ports.join('\n'), owner.id, 'badge', at, {
    ...(parent !== undefined ? { parent } : {}),
    container: owner.id,
    size: textSize(ports),
  })
}

/**
 * `0.0.0.0:8080->80/tcp` (as `docker ps` prints it) → `0.0.0.0:8080 → 172.17.0.2:80/tcp`: the
 * host address and port, and where Docker's DNAT rule sends it (the container's address on the
 * network that publishes, its first endpoint).
 */
export function portText(p: string, c: ContainerRecord): string {
  const [from = p, to = ''] = p.split('->')
  const ip = c.endpoints[0]?.ipv4?.replace(/\/\d+$/, '')
  return `${from} → ${ip === undefined ? '' : `${ip}:`}${to}`
}
