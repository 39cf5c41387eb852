// The kernel view: hosts holding their network namespaces, namespaces holding their devices,
// veth pairs crossing from a container's namespace to the host's, bridge ports, NICs cabled to
// the LAN. Placement is deterministic and incremental: per host, bridges grow to the right of
// the NICs (lo and host-mode containers grow to the left), container namespaces grow to the
// right in creation order with each veth's host end right above its container end, so a new
// container or network never moves what is already drawn. Swarm overlays add a band per overlay
// below the containers (kernel-sandboxes.ts) and VXLAN tunnels between the hosts' bands.

import type { InterfaceRecord, RecordId } from '../../engine'
import { edge, node, textSize, type Pos, type UnitCache } from './elements'
import { ifaceNode, lowerEdge, portEdge } from './kernel-devices'
import { placeSandboxes, SANDBOX } from './kernel-sandboxes'
import { placeUnit, type UnitContext } from './kernel-units'
import { ruleNotes, type RuleNote } from './rules-notes'
import { tunnels, type TunnelEnd } from './tunnels'
import { underlay } from './underlay'
import type { ViewElement } from './types'
import type { WorldIndex } from './world-index'
import type { World } from '../../engine'

export const KERNEL = {
  slot: 150,
  hostGap: 260,
  /** The host ends of veths (and the namespaces' rows below: kernel-units.ts UNIT). */
  rowVeth: 130,
  lanGap: 190,
  /** Container namespaces reserve this many device slots (eth0, eth1, lo) before widening. */
  minSlots: 3,
  nsGap: 50,
  /** The light representation: container units per row, and their size. */
  lightPerRow: 20,
  lightUnit: 280,
  lightRow: 260,
} as const

type Out = { readonly elements: ViewElement[]; add: (e: ViewElement) => void }
type Opts = { readonly light: boolean; readonly rules: boolean }

export function kernelView(
  ix: WorldIndex,
  world: World,
  opts: Opts,
  cache?: UnitCache,
): ViewElement[] {
  const elements: ViewElement[] = []
  const out: Out = { elements, add: (e) => elements.push(e) }
  let origin = 0
  let lanY = -KERNEL.lanGap
  const nicX = new Map<RecordId, number>()
  const ends: TunnelEnd[] = []
  ix.hosts.forEach((host, n) => {
    // The first host keeps x = 0 at its first bridge; the next ones start clear of the last.
    if (n > 0) origin += leftExtent(ix, host.id, opts)
    const placed = placeHost(out, ix, world, host.id, origin, opts, cache)
    for (const [id, x] of placed.nics) nicX.set(id, x)
    ends.push(...placed.ends)
    lanY = Math.min(lanY, placed.top - KERNEL.lanGap)
    origin = placed.right + KERNEL.hostGap
  })
  // Tunnels run under the bands (over them in the light drawing, whose bands are on top).
  const sign = opts.light ? -1 : 1
  for (const e of tunnels(ix, ends, (k) => sign * (SANDBOX.bend + k * SANDBOX.bendPerSkip)))
    out.add(e)
  for (const e of underlay(
    ix.segments,
    (seg) =>
      ix.hosts.flatMap((h) =>
        ix
          .netnsOf(h.id)
          .flatMap((ns) =>
            ix.ifacesOf(ns.id).flatMap((i) => (i.segment === seg ? (nicX.get(i.id) ?? []) : [])),
          ),
      ),
    lanY,
  ))
    out.add(e)
  return elements
}

/** A VLAN sub-interface on one of the host's NICs: drawn stacked under the NICs. */
const isNicVlan = (i: InterfaceRecord, nics: ReadonlySet<RecordId>): boolean =>
  i.linkKind === 'vlan' && i.lower !== undefined && nics.has(i.lower)

/** How far left of its origin a host's drawing reaches (what placeHost puts leftwards). */
function leftExtent(ix: WorldIndex, hostId: RecordId, opts: Opts): number {
  const hostNs = ix.netnsOf(hostId).find((n) => n.role === 'host')
  const devices = hostNs ? ix.ifacesOf(hostNs.id) : []
  const nics = new Set(devices.filter((i) => i.linkKind === 'ether').map((i) => i.id))
  const vlans = devices.filter((i) => isNicVlan(i, nics)).length
  const leftward = devices.filter(
    (i) =>
      i.linkKind === 'ether' ||
      (!opts.light && !isNicVlan(i, nics) && !['bridge', 'veth'].includes(i.linkKind)),
  ).length
  const hostMode = ix
    .containersOf(hostId)
    .filter((c) => c.networkMode === 'host' && c.netns === hostNs?.id).length
  const extra = (opts.light ? 1 : 0) + (opts.rules ? 0.6 : 0)
  const slots = Math.max(leftward + hostMode, vlans + (nics.size ? 1 : 0)) + extra
  // Overlay sandboxes put vxlan0 two slots left of the origin, in their bands below: within
  // the host gap's margin, so a host's first overlay container moves nothing.
  return (slots + 0.5) * KERNEL.slot
}

type Placed = {
  readonly right: number
  readonly top: number
  readonly nics: ReadonlyMap<RecordId, number>
  readonly ends: readonly TunnelEnd[]
}

function placeHost(
  out: Out,
  ix: WorldIndex,
  world: World,
  hostId: RecordId,
  origin: number,
  opts: Opts,
  cache: UnitCache | undefined,
): Placed {
  const { slot } = KERNEL
  const namespaces = ix.netnsOf(hostId)
  const hostNs = namespaces.find((n) => n.role === 'host')
  // Overlay sandboxes are drawn in bands of their own (kernel-sandboxes.ts).
  const rowNs = namespaces.filter((n) => n.role !== 'host' && ix.overlayOf(n.id) === undefined)
  const host = ix.hosts.find((h) => h.id === hostId)
  const hostLabel = host?.hostname ?? hostId
  // Parents: none in the light representation (titles are nodes of their own there).
  const hostParent = opts.light ? undefined : hostId
  if (!opts.light) out.add(node('host', hostId, hostLabel, hostId, 'host', undefined))

  const nics = new Map<RecordId, number>()
  const hostIfaces = hostNs ? ix.ifacesOf(hostNs.id) : []
  const bridges = hostIfaces.filter((i) => i.linkKind === 'bridge')
  const firstNic = hostIfaces.find((i) => i.linkKind === 'ether')
  const notes = opts.rules && hostNs ? ruleNotes(world, hostId, bridges, firstNic) : undefined
  const bridgeSlot = notes ? slot * 2.4 : slot
  const hostPos = new Map<RecordId, number>()
  const lowers = new Set<RecordId>()
  // Host namespace, row 0: bridges to the right of the origin, the rest to its left.
  if (hostNs && !opts.light)
    out.add(
      node('netns', hostNs.id, 'host network namespace', hostNs.id, 'netns netns-host', undefined, {
        parent: hostId,
      }),
    )
  const hostNsParent = hostNs && !opts.light ? hostNs.id : undefined
  bridges.forEach((b, i) => {
    const net = ix.networkOfIface(b.id)
    hostPos.set(b.id, origin + i * bridgeSlot)
    out.add(
      ifaceNode(b, { x: origin + i * bridgeSlot, y: 0 }, hostNsParent, ix, net ? [net.id] : []),
    )
  })
  let left = origin
  const leftward = (): Pos => {
    left -= notes && left === origin ? slot * 1.6 : slot
    return { x: left, y: 0 }
  }
  for (const nic of hostIfaces.filter((i) => i.linkKind === 'ether')) {
    const at = leftward()
    nics.set(nic.id, at.x)
    hostPos.set(nic.id, at.x)
    lowers.add(nic.id)
    out.add(ifaceNode(nic, at, hostNsParent, ix, []))
    if (nic.segment !== undefined)
      out.add(edge('cable', `cable:${nic.id}`, nic.id, nic.segment, nic.id))
  }
  // VLAN sub-interfaces stacked under the NICs (in the veth row, which is free left of the
  // origin), leftwards from the first NIC; then other devices (not in the light drawing), lo.
  const nicIds = new Set(nics.keys())
  let vlanX = nics.values().next().value ?? origin - slot
  for (const i of hostIfaces.filter((i) => isNicVlan(i, nicIds))) {
    out.add(ifaceNode(i, { x: vlanX, y: KERNEL.rowVeth }, hostNsParent, ix, []))
    out.add(lowerEdge(i, [], undefined, undefined))
    lowers.add(i.id)
    vlanX -= slot
  }
  const others = hostIfaces.filter(
    (i) => !isNicVlan(i, nicIds) && !['ether', 'bridge', 'veth', 'loopback'].includes(i.linkKind),
  )
  for (const i of [...others, ...hostIfaces.filter((i) => i.linkKind === 'loopback')]) {
    if (opts.light) continue
    out.add(ifaceNode(i, leftward(), hostNsParent, ix, []))
    if (i.lower !== undefined && lowers.has(i.lower))
      out.add(lowerEdge(i, [], undefined, undefined))
    lowers.add(i.id)
  }
  for (const c of ix.containersOf(hostId)) {
    if (c.networkMode !== 'host' || c.netns === undefined || c.netns !== hostNs?.id) continue
    out.add(
      node(
        'container',
        c.id,
        `${c.name} (${c.image})\nhost network mode`,
        c.id,
        'container container-host-mode',
        leftward(),
        { ...(hostNsParent ? { parent: hostNsParent } : {}), container: c.id },
      ),
    )
  }
  if (opts.light) out.add(titleAt(hostId, hostLabel, left))

  // Namespaces, left to right (or in rows of units, light), veth ends above (or below).
  const units: UnitContext = {
    add: (e) => out.add(e),
    ix,
    light: opts.light,
    host: hostId,
    hostNsParent,
    hostVeths: new Map(hostIfaces.filter((i) => i.linkKind === 'veth').map((i) => [i.id, i])),
    sandboxPorts: new Map(
      namespaces.flatMap((ns) =>
        ix.overlayOf(ns.id)
          ? ix.ifacesOf(ns.id).flatMap((i) => (i.linkKind === 'veth' ? [[i.id, i] as const] : []))
          : [],
      ),
    ),
    lowers,
    portPlaces: new Map(),
    placedVeths: new Set(),
    cache,
  }
  let x = origin
  let right = origin + Math.max(0, bridges.length - 1) * bridgeSlot
  rowNs.forEach((ns, n) => {
    const base: Pos = opts.light
      ? {
          x: origin + (n % KERNEL.lightPerRow) * KERNEL.lightUnit,
          y: KERNEL.rowVeth + Math.floor(n / KERNEL.lightPerRow) * KERNEL.lightRow,
        }
      : { x, y: KERNEL.rowVeth }
    const shown = placeUnit(units, ns, base)
    const width = Math.max(shown, opts.light ? 1 : KERNEL.minSlots) * slot + KERNEL.nsGap
    if (!opts.light) x += width
    right = Math.max(right, opts.light ? base.x + KERNEL.lightUnit : x)
  })
  // Host veths whose peer is elsewhere (another namespace without a record, or moved away).
  for (const v of units.hostVeths.values()) {
    if (units.placedVeths.has(v.id)) continue
    out.add(ifaceNode(v, { x, y: KERNEL.rowVeth }, hostNsParent, ix, []))
    if (v.master !== undefined) out.add(portEdge(v, undefined))
    x += slot
    right = Math.max(right, x)
  }
  let top = -35
  if (notes) top = placeNotes(out, notes, hostPos, hostParent)
  const sandboxes = placeSandboxes(
    (e) => out.add(e),
    ix,
    hostId,
    origin,
    { light: opts.light, slot, top },
    units.portPlaces,
    cache,
  )
  return { right, top: sandboxes.top, nics, ends: sandboxes.ends }
}

function titleAt(hostId: RecordId, label: string, left: number): ViewElement {
  return node('title', `title:${hostId}`, label, hostId, 'title title-host', {
    x: left - KERNEL.slot,
    y: -80,
  })
}

function placeNotes(
  out: Out,
  notes: readonly RuleNote[],
  xs: ReadonlyMap<RecordId, number>,
  parent: string | undefined,
): number {
  let top = -35
  for (const n of notes) {
    const x = xs.get(n.at)
    if (x === undefined) continue
    const height = n.lines.length * 12 + 14
    const y = -45 - height / 2
    top = Math.min(top, y - height / 2)
    const id = `rules:${n.at}`
    out.add(
      node(
        'rules',
        id,
        n.lines.join('\n'),
        n.at,
        'rules',
        { x, y },
        {
          ...(parent !== undefined ? { parent } : {}),
          size: textSize(n.lines, 9),
        },
      ),
    )
    out.add(edge('note', `note:${n.at}`, id, n.at, n.at))
  }
  return top
}
