// The kernel view: hosts holding their network namespaces, namespaces holding their devices,
// veth pairs crossing from a container's namespace to the host's, bridge ports, NICs cabled to
// the LAN. Placement is deterministic and incremental: per host, bridges grow to the right of
// the NICs (lo and host-mode containers grow to the left), container namespaces grow to the
// right in creation order with each veth's host end right above its container end, so a new
// container or network never moves what is already drawn.

import type { ContainerRecord, InterfaceRecord, NetnsRecord, RecordId } from '../../engine'
import { networkColor } from './colors'
import { edge, node, sameKey, textSize, type Pos, type UnitCache } from './elements'
import { ruleNotes, type RuleNote } from './rules-notes'
import { underlay } from './underlay'
import type { ViewElement } from './types'
import type { WorldIndex } from './world-index'
import type { World } from '../../engine'

export const KERNEL = {
  slot: 150,
  hostGap: 260,
  rowVeth: 130,
  rowContainers: 300,
  rowBadges: 392,
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

export function kernelView(
  ix: WorldIndex,
  world: World,
  opts: { readonly light: boolean; readonly rules: boolean },
  cache?: UnitCache,
): ViewElement[] {
  const elements: ViewElement[] = []
  const out: Out = { elements, add: (e) => elements.push(e) }
  let origin = 0
  let lanY = -KERNEL.lanGap
  const nicX = new Map<RecordId, number>()
  ix.hosts.forEach((host, n) => {
    // The first host keeps x = 0 at its first bridge; the next ones start clear of the last.
    if (n > 0) origin += leftExtent(ix, host.id, opts)
    const placed = placeHost(out, ix, world, host.id, origin, opts, cache)
    for (const [id, x] of placed.nics) nicX.set(id, x)
    lanY = Math.min(lanY, placed.top - KERNEL.lanGap)
    origin = placed.right + KERNEL.hostGap
  })
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

/** How far left of its origin a host's drawing reaches (what placeHost puts leftwards). */
function leftExtent(
  ix: WorldIndex,
  hostId: RecordId,
  opts: { readonly light: boolean; readonly rules: boolean },
): number {
  const hostNs = ix.netnsOf(hostId).find((n) => n.role === 'host')
  const devices = hostNs ? ix.ifacesOf(hostNs.id) : []
  const leftward = devices.filter(
    (i) => i.linkKind === 'ether' || (!opts.light && !['bridge', 'veth'].includes(i.linkKind)),
  ).length
  const hostMode = ix
    .containersOf(hostId)
    .filter((c) => c.networkMode === 'host' && c.netns === hostNs?.id).length
  const slots = leftward + hostMode + (opts.light ? 1 : 0) + (opts.rules ? 0.6 : 0)
  return slots * KERNEL.slot + KERNEL.slot / 2
}

type Placed = {
  readonly right: number
  readonly top: number
  readonly nics: ReadonlyMap<RecordId, number>
}

/** Interfaces inside a namespace: eth0, eth1… by name, lo last. */
const deviceOrder = (a: InterfaceRecord, b: InterfaceRecord): number =>
  Number(a.linkKind === 'loopback') - Number(b.linkKind === 'loopback') ||
  (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

function placeHost(
  out: Out,
  ix: WorldIndex,
  world: World,
  hostId: RecordId,
  origin: number,
  opts: { readonly light: boolean; readonly rules: boolean },
  cache: UnitCache | undefined,
): Placed {
  const { slot } = KERNEL
  const namespaces = ix.netnsOf(hostId)
  const hostNs = namespaces.find((n) => n.role === 'host')
  const containerNs = namespaces.filter((n) => n.role !== 'host')
  const host = ix.hosts.find((h) => h.id === hostId)
  const hostLabel = host?.hostname ?? hostId
  // Parents: none in the light representation (titles are nodes of their own there).
  const hostParent = opts.light ? undefined : hostId
  const nsParent = (ns: RecordId): string | undefined => (opts.light ? undefined : ns)
  if (!opts.light) out.add(node('host', hostId, hostLabel, hostId, 'host', undefined))

  const nics = new Map<RecordId, number>()
  const hostIfaces = hostNs ? ix.ifacesOf(hostNs.id) : []
  const bridges = hostIfaces.filter((i) => i.linkKind === 'bridge')
  const firstNic = hostIfaces.find((i) => i.linkKind === 'ether')
  const notes = opts.rules && hostNs ? ruleNotes(world, hostId, bridges, firstNic) : undefined
  const bridgeSlot = notes ? slot * 2.4 : slot
  const hostPos = new Map<RecordId, number>()
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
    out.add(ifaceNode(nic, at, hostNsParent, ix, []))
    if (nic.segment !== undefined)
      out.add(edge('cable', `cable:${nic.id}`, nic.id, nic.segment, nic.id))
  }
  const others = hostIfaces.filter(
    (i) => !['ether', 'bridge', 'veth', 'loopback'].includes(i.linkKind),
  )
  for (const i of [...others, ...hostIfaces.filter((i) => i.linkKind === 'loopback')])
    if (!opts.light) out.add(ifaceNode(i, leftward(), hostNsParent, ix, []))
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

  // Container namespaces, left to right (or in rows of units, light), veth ends above.
  const hostVeths = new Map(hostIfaces.filter((i) => i.linkKind === 'veth').map((i) => [i.id, i]))
  const placedVeths = new Set<RecordId>()
  let x = origin
  let right = origin + Math.max(0, bridges.length - 1) * bridgeSlot
  containerNs.forEach((ns, n) => {
    const containers = ix.containersIn(ns.id)
    const devices = [...ix.ifacesOf(ns.id)].sort(deviceOrder)
    const shown = opts.light ? devices.filter((d) => d.linkKind !== 'loopback') : devices
    const base: Pos = opts.light
      ? {
          x: origin + (n % KERNEL.lightPerRow) * KERNEL.lightUnit,
          y: KERNEL.rowVeth + Math.floor(n / KERNEL.lightPerRow) * KERNEL.lightRow,
        }
      : { x, y: KERNEL.rowVeth }
    const owner = containers[0]
    const peers = shown.map((d) => (d.peer === undefined ? undefined : hostVeths.get(d.peer)))
    for (const p of peers) if (p) placedVeths.add(p.id)
    const key = [
      opts.light,
      base.x,
      base.y,
      hostNsParent,
      hostParent,
      ns,
      ...containers,
      ...shown,
      ...peers,
      ...shown.map((d) => ix.networkOfIface(d.id)),
    ]
    const hit = cache?.get(ns.id)
    const unit: ViewElement[] = []
    const saved = out.add
    const cached = hit !== undefined && sameKey(hit.key, key)
    if (cached) for (const e of hit.elements) saved(e)
    else
      out.add = (e) => {
        unit.push(e)
        saved(e)
      }
    const nets = new Set<RecordId>()
    if (!cached)
      shown.forEach((d, k) => {
        const at = { x: base.x + k * slot, y: base.y + (KERNEL.rowContainers - KERNEL.rowVeth) }
        const net = ix.networkOfIface(d.id)
        if (net) nets.add(net.id)
        out.add(ifaceNode(d, at, nsParent(ns.id), ix, net ? [net.id] : [], owner?.id))
        const peer = peers[k]
        if (peer) {
          out.add(
            ifaceNode(
              peer,
              { x: at.x, y: base.y },
              hostNsParent,
              ix,
              net ? [net.id] : [],
              owner?.id,
            ),
          )
          out.add(vethEdge(d, peer, net ? networkColor(net) : undefined, owner?.id))
          // The light drawing leaves the bridge ports out: at hundreds of containers they are
          // a fan of long lines; the veth end wears its bridge's colour instead.
          if (peer.master !== undefined && !opts.light)
            out.add(portEdge(peer, net ? networkColor(net) : undefined))
        }
      })
    if (cached) {
      // The namespace's elements are the ones made last time.
    } else if (opts.light) {
      out.add(
        node(
          'netns',
          ns.id,
          netnsTitle(ns, containers),
          owner?.id ?? ns.id,
          'netns netns-title',
          {
            x: base.x + ((Math.max(shown.length, 1) - 1) * slot) / 2,
            y: base.y + KERNEL.rowContainers - KERNEL.rowVeth + 62,
          },
          {
            stands: [ns.id, ...containers.map((c) => c.id)],
            networks: [...nets],
            ...(owner ? { container: owner.id } : {}),
          },
        ),
      )
    } else {
      out.add(
        node(
          'netns',
          ns.id,
          netnsTitle(ns, containers),
          owner?.id ?? ns.id,
          `netns netns-${ns.role}`,
          undefined,
          {
            parent: hostId,
            stands: [ns.id, ...containers.map((c) => c.id)],
            networks: [...nets],
            ...(owner ? { container: owner.id } : {}),
          },
        ),
      )
    }
    const badge = portsBadge(
      containers,
      {
        x: base.x,
        y: base.y + (KERNEL.rowBadges - KERNEL.rowVeth) + (opts.light ? 62 : 0),
      },
      hostParent,
    )
    if (badge && !cached) out.add(badge)
    if (!cached) cache?.set(ns.id, { key, elements: unit })
    out.add = saved
    const width = Math.max(shown.length, opts.light ? 1 : KERNEL.minSlots) * slot + KERNEL.nsGap
    if (!opts.light) x += width
    right = Math.max(right, opts.light ? base.x + KERNEL.lightUnit : x)
  })
  // Host veths whose peer is elsewhere (another namespace without a record, or moved away).
  for (const v of hostVeths.values()) {
    if (placedVeths.has(v.id)) continue
    out.add(ifaceNode(v, { x, y: KERNEL.rowVeth }, hostNsParent, ix, []))
    if (v.master !== undefined) out.add(portEdge(v, undefined))
    x += slot
    right = Math.max(right, x)
  }
  // Veth pairs between two namespaces that are both a container's (rare: `ip link set netns`).
  let top = -35
  if (notes) top = placeNotes(out, notes, hostPos, hostParent)
  return { right, top, nics }
}

function titleAt(hostId: RecordId, label: string, left: number): ViewElement {
  return node('title', `title:${hostId}`, label, hostId, 'title title-host', {
    x: left - KERNEL.slot,
    y: -80,
  })
}

function netnsTitle(ns: NetnsRecord, containers: readonly ContainerRecord[]): string {
  if (containers.length === 0) return ns.path
  return containers.map((c) => `${c.name} (${c.image})`).join(' + ')
}

function ifaceNode(
  r: InterfaceRecord,
  at: Pos,
  parent: string | undefined,
  ix: WorldIndex,
  networks: readonly RecordId[],
  container?: RecordId,
): ViewElement {
  const net = networks[0] === undefined ? undefined : ix.network(networks[0])
  const lines = [r.name, ...r.addresses]
  if (r.linkKind === 'bridge' && net) lines.push(`network “${net.name}”`)
  if (r.state === 'DOWN') lines.push(r.linkKind === 'bridge' ? 'DOWN · no ports yet' : 'DOWN')
  return node(
    'interface',
    r.id,
    lines.join('\n'),
    r.id,
    `interface link-${r.linkKind} state-${r.state.toLowerCase()}${net ? ' on-network' : ''}`,
    at,
    {
      ...(parent !== undefined ? { parent } : {}),
      ...(net ? { color: networkColor(net) } : {}),
      networks,
      ...(container !== undefined ? { container } : {}),
    },
  )
}

function vethEdge(
  inner: InterfaceRecord,
  outer: InterfaceRecord,
  color: string | undefined,
  container: RecordId | undefined,
): ViewElement {
  const [a, b] = inner.id < outer.id ? [inner, outer] : [outer, inner]
  return edge('veth', `veth:${a.id}`, a.id, b.id, a.id, {
    stands: [b.id],
    classes: `veth${color ? ' on-network' : ''}`,
    ...(color ? { color } : {}),
    ...(container ? { container } : {}),
  })
}

function portEdge(port: InterfaceRecord, color: string | undefined): ViewElement {
  return edge('port', `port:${port.id}`, port.id, port.master ?? '', port.id, {
    classes: `port${color ? ' on-network' : ''}`,
    ...(color ? { color } : {}),
  })
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
