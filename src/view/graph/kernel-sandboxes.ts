// The kernel view's overlay sandboxes: the namespace Docker makes per overlay on each host it
// runs containers of (`/var/run/docker/netns/1-<id>`), holding the overlay's bridge br0, its
// VXLAN device vxlan0 and a veth port per container. Drawn as one band per overlay below the
// containers: ports right under the containers' eth0 (as the host ends of veths are right above
// them), br0 below, vxlan0 beside it, where the tunnels to the other hosts start. A band's row
// is the overlay's VNI rank, cluster-wide, so the same overlay sits at the same height on every
// host and its tunnels run straight between hosts; a new overlay opens a band below.

import type { InterfaceRecord, NetnsRecord, NetworkRecord, RecordId } from '../../engine'
import { networkColor } from './colors'
import { node, sameKey, type Pos, type UnitCache } from './elements'
import { ifaceNode, portEdge } from './kernel-devices'
import { VXLAN_PORT, type TunnelEnd } from './tunnels'
import type { ViewElement } from './types'
import { networkIds, pathName, type WorldIndex } from './world-index'

export const SANDBOX = {
  /** The first band's port row (below the containers' row and their badges). */
  top: 560,
  /** From one band's port row to the next's. */
  band: 360,
  /** From the port row down to br0 and vxlan0. */
  bridgeRow: 120,
  /** How far below vxlan0 the tunnels run (under the band), and further per skipped host. */
  bend: 100,
  bendPerSkip: 20,
  /** The light drawing: bands above the host row instead (the containers' rows grow down). */
  lightTop: -260,
  lightBand: 170,
} as const

/** Where the containers' rows put each sandbox port: under its peer, and whose it is. */
export type PortPlaces = ReadonlyMap<
  RecordId,
  { readonly x: number; readonly container?: RecordId }
>

export type PlacedSandboxes = {
  readonly ends: readonly TunnelEnd[]
  /** The highest point used (light drawing: the LAN goes above it). */
  readonly top: number
}

/** A host's overlay sandboxes (namespaces with a network in `ix.overlayOf`). */
export function overlaySandboxes(ix: WorldIndex, host: RecordId): NetnsRecord[] {
  return ix.netnsOf(host).filter((ns) => ix.overlayOf(ns.id) !== undefined)
}

export function sandboxLabel(net: NetworkRecord, ns: NetnsRecord): string {
  const vni = net.overlay === undefined ? '' : ` · VNI ${net.overlay.vni}`
  return `overlay ${net.name}${vni}\n${pathName(ns.path)}`
}

export function placeSandboxes(
  add: (e: ViewElement) => void,
  ix: WorldIndex,
  host: RecordId,
  origin: number,
  opts: { readonly light: boolean; readonly slot: number; readonly top: number },
  ports: PortPlaces,
  cache: UnitCache | undefined,
): PlacedSandboxes {
  const ends: TunnelEnd[] = []
  const hostRecord = ix.hosts.find((h) => h.id === host)
  let top = opts.top
  for (const ns of overlaySandboxes(ix, host)) {
    const net = ix.overlayOf(ns.id)
    if (!net || !hostRecord) continue
    const devices = ix.ifacesOf(ns.id)
    const vxlan = devices.find((d) => d.linkKind === 'vxlan')
    const vni = vxlan?.tunnel?.vni ?? net.overlay?.vni ?? 0
    const rank = Math.max(0, ix.vnis.indexOf(vni))
    const y = opts.light
      ? Math.min(SANDBOX.lightTop, opts.top - 120) - rank * SANDBOX.lightBand
      : SANDBOX.top + rank * SANDBOX.band
    top = Math.min(top, y - 100)
    const placed = devices.flatMap((d) => {
      const p = ports.get(d.id)
      return p ? [d, p.x, p.container] : [d]
    })
    const key = [opts.light, origin, y, ns, ...ix.siblings(net), ...placed]
    const hit = cache?.get(ns.id)
    let unit: readonly ViewElement[]
    if (hit && sameKey(hit.key, key)) unit = hit.elements
    else {
      unit = opts.light
        ? lightBand(ix, ns, net, devices, { x: origin, y }, opts.slot)
        : band(ix, host, ns, net, devices, { x: origin, y }, opts.slot, ports)
      cache?.set(ns.id, { key, elements: unit })
    }
    for (const e of unit) add(e)
    if (vxlan)
      ends.push({
        element: vxlan.id,
        host: hostRecord,
        net,
        vni,
        port: vxlan.tunnel?.port ?? VXLAN_PORT,
      })
  }
  return { ends, top }
}

/** Full drawing: a namespace box with ports under their containers, br0 and vxlan0 below. */
function band(
  ix: WorldIndex,
  host: RecordId,
  ns: NetnsRecord,
  net: NetworkRecord,
  devices: readonly InterfaceRecord[],
  at: Pos,
  slot: number,
  ports: PortPlaces,
): ViewElement[] {
  const out: ViewElement[] = []
  const nets = networkIds(ix, net)
  const color = networkColor(net)
  out.push(
    node('netns', ns.id, sandboxLabel(net, ns), ns.id, 'netns netns-overlay', undefined, {
      parent: host,
      color,
      networks: nets,
    }),
  )
  const row = at.y + SANDBOX.bridgeRow
  const drawn = new Set<RecordId>()
  let spare = 0
  let left = 2
  for (const d of devices) {
    const p = ports.get(d.id)
    let pos: Pos | undefined
    if (d.linkKind === 'bridge') pos = { x: at.x - slot, y: row }
    else if (d.linkKind === 'vxlan') pos = { x: at.x - 2 * slot, y: row }
    else if (p) pos = { x: p.x, y: at.y }
    else if (d.linkKind === 'veth') pos = { x: at.x - slot * (1 + spare++), y: at.y }
    else if (d.linkKind !== 'loopback') pos = { x: at.x - slot * ++left, y: row }
    if (!pos) continue
    drawn.add(d.id)
    out.push(ifaceNode(d, pos, ns.id, ix, nets, p?.container))
  }
  for (const d of devices)
    if (drawn.has(d.id) && d.master !== undefined && drawn.has(d.master))
      out.push(portEdge(d, color))
  return out
}

/** Light drawing: no compound; a title, vxlan0 and br0 in a row above the host's bridges. */
function lightBand(
  ix: WorldIndex,
  ns: NetnsRecord,
  net: NetworkRecord,
  devices: readonly InterfaceRecord[],
  at: Pos,
  slot: number,
): ViewElement[] {
  const nets = networkIds(ix, net)
  const color = networkColor(net)
  const out: ViewElement[] = [
    node(
      'netns',
      ns.id,
      sandboxLabel(net, ns).replace('\n', ' · '),
      ns.id,
      'netns netns-title netns-overlay',
      { x: at.x + slot / 2, y: at.y - 58 },
      { color, networks: nets },
    ),
  ]
  const vxlan = devices.find((d) => d.linkKind === 'vxlan')
  const br = devices.find((d) => d.linkKind === 'bridge')
  if (vxlan) out.push(ifaceNode(vxlan, at, undefined, ix, nets))
  if (br) out.push(ifaceNode(br, { x: at.x + slot, y: at.y }, undefined, ix, nets))
  if (vxlan && br && vxlan.master === br.id) out.push(portEdge(vxlan, color))
  return out
}
