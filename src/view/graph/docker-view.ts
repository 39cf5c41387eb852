// The Docker view: what `docker network ls` and `docker ps` know, drawn compactly. Per host,
// each network is a bar at the top of its own column (creation order, so a new network opens a
// column on the right); each container hangs below the network it was started on (its first),
// in creation order, two to a row (five in the light representation), with a line to every
// network it is attached to, labelled with its address there. A new container or network never
// moves what is already drawn. A swarm overlay is one network on several hosts: its bars share
// its colour and VXLAN tunnels join them (over the bars); a macvlan/ipvlan network's bar hangs
// from its parent NIC, on the LAN.

import type { ContainerRecord, NetworkRecord, RecordId } from '../../engine'
import { isBuiltinNetwork, networkColor } from './colors'
import { edge, node, sameKey, textSize, type Pos, type UnitCache } from './elements'
import { portText } from './kernel-units'
import { barDetails, overlayEnds, parentEdge } from './docker-bars'
import { tunnels, type TunnelEnd } from './tunnels'
import { underlay } from './underlay'
import type { ViewElement } from './types'
import { networkIds, type WorldIndex } from './world-index'

export const DOCKER = {
  slot: 170,
  row: 120,
  perRow: 2,
  colGap: 60,
  firstRow: 130,
  lightSlot: 120,
  lightRow: 70,
  lightPerRow: 5,
  hostGap: 200,
  lanY: -150,
  /** How far above the bars tunnels run, and further per host of the overlay they pass. */
  tunnel: 125,
  tunnelPerSkip: 22,
} as const

type Geometry = { slot: number; row: number; perRow: number; colWidth: number }

export function dockerView(
  ix: WorldIndex,
  opts: { readonly light: boolean },
  cache?: UnitCache,
): ViewElement[] {
  const out: ViewElement[] = []
  const slot = opts.light ? DOCKER.lightSlot : DOCKER.slot
  const perRow = opts.light ? DOCKER.lightPerRow : DOCKER.perRow
  const g: Geometry = {
    slot,
    row: opts.light ? DOCKER.lightRow : DOCKER.row,
    perRow,
    colWidth: perRow * slot + DOCKER.colGap,
  }
  let origin = 0
  const nicX = new Map<RecordId, number>()
  const ends: TunnelEnd[] = []
  ix.hosts.forEach((host, n) => {
    // The first host keeps x = 0 at its first network; the next ones start clear of the last.
    if (n > 0) origin += leftExtent(ix, host.id, g, opts.light)
    const right = placeHost(out, ix, host.id, host.hostname, origin, g, opts.light, nicX, cache)
    origin = right + DOCKER.hostGap
    ends.push(...overlayEnds(ix, host.id))
  })
  out.push(...tunnels(ix, ends, (k) => -(DOCKER.tunnel + k * DOCKER.tunnelPerSkip)))
  out.push(
    ...underlay(
      ix.segments,
      (seg) => [...nicX.entries()].flatMap(([id, x]) => (ix.iface(id)?.segment === seg ? [x] : [])),
      DOCKER.lanY - 60,
    ),
  )
  return out
}

/** How far left of its origin a host's drawing reaches: NICs, the host/none columns, title. */
function leftExtent(ix: WorldIndex, hostId: RecordId, g: Geometry, light: boolean): number {
  const hostNs = ix.netnsOf(hostId).find((n) => n.role === 'host')
  const nics = hostNs ? ix.ifacesOf(hostNs.id).filter((i) => i.linkKind === 'ether').length : 0
  const modes = new Set(ix.containersOf(hostId).map((c) => c.networkMode))
  const columns = modes.has('none') ? 2 : modes.has('host') ? 1 : 0
  const nicBlock = Math.max(nics, 1) * g.slot + g.slot / 2
  return nicBlock + columns * g.colWidth + (light ? g.slot : 0) + g.slot / 2
}

/** The network a container is drawn under: its first endpoint's, else its first configured. */
function homeNetwork(ix: WorldIndex, c: ContainerRecord): NetworkRecord | undefined {
  const first = c.endpoints[0]
  if (first) return ix.network(first.network)
  if (c.networkMode === 'host' || c.networkMode === 'none')
    return ix.networkNamed(c.host, c.networkMode)
  const name = c.networks[0]
  return name === undefined ? undefined : ix.networkNamed(c.host, name)
}

function placeHost(
  out: ViewElement[],
  ix: WorldIndex,
  hostId: RecordId,
  hostname: string,
  origin: number,
  g: Geometry,
  light: boolean,
  nicX: Map<RecordId, number>,
  cache: UnitCache | undefined,
): number {
  const parent = light ? undefined : hostId
  const inHost = parent === undefined ? {} : { parent }
  if (light)
    out.push(
      node('title', `title:${hostId}`, hostname, hostId, 'title title-host', {
        x: origin - g.slot,
        y: DOCKER.lanY,
      }),
    )
  else out.push(node('host', hostId, hostname, hostId, 'host', undefined))
  // The host's NICs, left of the first column (where published ports arrive).
  const hostNs = ix.netnsOf(hostId).find((n) => n.role === 'host')
  const nics = hostNs ? ix.ifacesOf(hostNs.id).filter((i) => i.linkKind === 'ether') : []
  nics.forEach((nic, i) => {
    const x = origin - (i + 1) * g.slot - g.slot / 2
    nicX.set(nic.id, x)
    out.push(
      node(
        'interface',
        nic.id,
        [nic.name, ...nic.addresses].join('\n'),
        nic.id,
        'interface link-ether',
        { x, y: 0 },
        inHost,
      ),
    )
    if (nic.segment !== undefined)
      out.push(edge('cable', `cable:${nic.id}`, nic.id, nic.segment, nic.id))
  })

  // Columns: the default bridge and user networks from the origin rightwards, in creation
  // order; `host` then `none` at fixed places left of the NICs, drawn once a container uses
  // them (so showing one never moves anything else).
  const all = ix.networksOf(hostId)
  const modes = new Set(ix.containersOf(hostId).map((c) => c.networkMode))
  const builtinMode = (n: NetworkRecord): boolean =>
    isBuiltinNetwork(n) && (n.name === 'host' || n.name === 'none')
  const networks = all.filter((n) => !builtinMode(n))
  const leftCols = all.filter((n) => builtinMode(n) && modes.has(n.name))
  const column = new Map<RecordId, number>([
    ...networks.map((n, i): [RecordId, number] => [n.id, i]),
    ...leftCols.map((n): [RecordId, number] => [n.id, n.name === 'host' ? -1 : -2]),
  ])
  const filled = new Map<RecordId, number>()
  const nicBlock = Math.max(nics.length, 1) * g.slot + g.slot / 2
  const colX = (i: number): number =>
    i >= 0 ? origin + i * g.colWidth : origin - nicBlock + i * g.colWidth
  // Container `B` in `--network container:A` mode is drawn under A.
  const byName = new Map(ix.containersOf(hostId).map((c) => [c.name, c]))
  const homeOf = (c: ContainerRecord, depth = 0): NetworkRecord | undefined => {
    const shared = /^container:(.+)$/.exec(c.networkMode)?.[1]
    const other = shared === undefined ? undefined : byName.get(shared)
    return other && depth < 4 ? homeOf(other, depth + 1) : homeNetwork(ix, c)
  }
  let parents = 0
  // An overlay is plumbed on a host (sandbox, vxlan0) only once a container there uses it.
  const plumbed = new Set(overlayEnds(ix, hostId).map((e) => e.net.id))
  for (const n of [...leftCols, ...networks]) {
    const i = column.get(n.id) ?? 0
    const color = networkColor(n)
    const bridge = n.bridge === undefined ? undefined : ix.iface(n.bridge)
    const title = n.driver === 'bridge' ? n.name : `${n.name} (${n.driver})`
    const detail = [n.subnets.join(', '), bridge?.name, ...barDetails(ix, n)].filter(
      (s) => s !== undefined && s !== '',
    )
    out.push(
      node(
        'network',
        n.id,
        `${title}${n.internal ? ' · internal' : ''}${detail.length ? `\n${detail.join(' · ')}` : ''}`,
        n.id,
        `network driver-${n.driver}${n.internal ? ' internal' : ''}${light ? ' light' : ''}${
          n.overlay && !plumbed.has(n.id) ? ' dormant' : ''
        }`,
        { x: colX(i) + ((g.perRow - 1) * g.slot) / 2, y: 0 },
        {
          ...inHost,
          color,
          networks: networkIds(ix, n),
          size: { w: g.colWidth - DOCKER.colGap, h: light ? 40 : 52 },
          ...(bridge ? { stands: [bridge.id] } : {}),
        },
      ),
    )
    const parentLine = parentEdge(ix, n, nicX, parents)
    if (parentLine) {
      out.push(parentLine)
      parents += 1
    }
  }
  const containers = ix.containersOf(hostId)
  let right = colX(Math.max(networks.length, 1)) - DOCKER.colGap
  for (const c of containers) {
    const home = homeOf(c)
    const col = home === undefined ? networks.length : (column.get(home.id) ?? networks.length)
    const key = home?.id ?? '(none)'
    const n = filled.get(key) ?? 0
    filled.set(key, n + 1)
    const at: Pos = {
      x: colX(col) + (n % g.perRow) * g.slot,
      y: DOCKER.firstRow + Math.floor(n / g.perRow) * g.row,
    }
    right = Math.max(right, at.x + g.slot)
    // Reused as made last time when made from the same records at the same place.
    const shared = /^container:(.+)$/.exec(c.networkMode)?.[1]
    const inputs = [
      light,
      at.x,
      at.y,
      inHost.parent,
      home,
      c,
      shared === undefined ? undefined : byName.get(shared),
      ...c.endpoints.map((ep) => ix.iface(ep.iface)),
      ...c.endpoints.map((ep) => ix.network(ep.network)),
      // An overlay's records on the other hosts (its endpoints focus with them).
      ...c.endpoints.flatMap((ep) => {
        const n = ix.network(ep.network)
        return n ? ix.siblings(n) : []
      }),
      ...c.networks.map((name) => ix.networkNamed(c.host, name)),
      ix.networkNamed(c.host, c.networkMode),
    ]
    const hit = cache?.get(c.id)
    if (hit && sameKey(hit.key, inputs)) out.push(...hit.elements)
    else {
      const from = out.length
      placeContainer(out, ix, c, at, home, byName, inHost, light)
      cache?.set(c.id, { key: inputs, elements: out.slice(from) })
    }
  }
  return right
}

function placeContainer(
  out: ViewElement[],
  ix: WorldIndex,
  c: ContainerRecord,
  at: Pos,
  home: NetworkRecord | undefined,
  byName: ReadonlyMap<string, ContainerRecord>,
  inHost: { parent?: string },
  light: boolean,
): void {
  const running = c.status === 'running'
  const netnsStands = c.netns === undefined ? [] : [c.netns]
  const ifaces = c.endpoints.flatMap((ep) => {
    const i = ix.iface(ep.iface)
    return i ? [ep.iface, ...(i.peer === undefined ? [] : [i.peer])] : [ep.iface]
  })
  const nets = c.endpoints.map((ep) => ep.network)
  const status = running ? '' : `\n${c.status}`
  const label = light ? c.name : `${c.name}\n${c.image}${status}`
  out.push(
    node(
      'container',
      c.id,
      label,
      c.id,
      `container status-${c.status}${light ? ' light' : ''}`,
      at,
      {
        ...inHost,
        stands: [...netnsStands, ...ifaces],
        ...(home ? { color: networkColor(home) } : {}),
        networks: nets.length ? nets : home ? [home.id] : [],
        container: c.id,
      },
    ),
  )
  // Running: its endpoints; stopped: the networks it will join (dashed).
  if (c.endpoints.length > 0) {
    for (const ep of c.endpoints) {
      const net = ix.network(ep.network)
      const i = ix.iface(ep.iface)
      // A swarm container's way out: docker_gwbridge, its default route (libnetwork's
      // "gateway endpoint", attached after the overlay).
      const gateway = net?.name === 'docker_gwbridge' && ep !== c.endpoints[0]
      const text = `${i?.name ?? ''} ${ep.ipv4?.replace(/\/\d+$/, '') ?? ''}`.trim()
      out.push(
        edge('endpoint', `endpoint:${c.id}:${ep.network}`, c.id, ep.network, ep.iface, {
          label: light ? '' : `${text}${gateway ? '\n(default route)' : ''}`,
          classes: `endpoint${gateway ? ' gateway' : ''}`,
          stands: i?.peer === undefined ? [] : [i.peer],
          ...(net ? { color: networkColor(net) } : {}),
          networks: net ? networkIds(ix, net) : [ep.network],
          container: c.id,
        }),
      )
    }
  } else if (c.networkMode === 'host' || c.networkMode === 'none') {
    const net = ix.networkNamed(c.host, c.networkMode)
    if (net)
      out.push(
        edge('endpoint', `endpoint:${c.id}:${net.id}`, c.id, net.id, c.id, {
          label: light ? '' : c.networkMode === 'host' ? "host's stack" : 'lo only',
          classes: `endpoint mode-${c.networkMode}${running ? '' : ' configured'}`,
          color: networkColor(net),
          networks: [net.id],
          container: c.id,
        }),
      )
  } else if (!c.networkMode.startsWith('container:')) {
    for (const name of c.networks) {
      const net = ix.networkNamed(c.host, name)
      if (!net) continue
      out.push(
        edge('endpoint', `endpoint:${c.id}:${net.id}`, c.id, net.id, c.id, {
          label: '',
          classes: 'endpoint configured',
          color: networkColor(net),
          networks: [net.id],
          container: c.id,
        }),
      )
    }
  }
  const shared = /^container:(.+)$/.exec(c.networkMode)?.[1]
  const other = shared === undefined ? undefined : byName.get(shared)
  if (other)
    out.push(
      edge('share', `share:${c.id}`, c.id, other.id, c.id, {
        label: light ? '' : 'shares its netns',
        classes: 'share',
        container: c.id,
      }),
    )
  if (c.ports.length > 0)
    out.push(
      node(
        'badge',
        `badge:${c.id}`,
        c.ports.map((p) => portText(p, c)).join('\n'),
        c.id,
        'badge',
        {
          x: at.x,
          y: at.y + (light ? 28 : 46),
        },
        { ...inHost, container: c.id, size: textSize(c.ports.map((p) => portText(p, c))) },
      ),
    )
}
