// Deterministic placement (same snapshot ⇒ same picture), O(n), no generic force layout. Per
// host, three rows: the host namespace's NICs, bridges and lo; the host ends of the veth pairs;
// the container namespaces, each a row of its interfaces. A veth's two ends sit one above the
// other, and each bridge sits above the middle of its ports, so the cables do not cross. The LAN
// floats above the NICs cabled to it.

import type { ContainerRecord, InterfaceRecord, NetnsRecord, Snapshot } from '../../engine'

export type Position = { readonly x: number; readonly y: number }

const SLOT = 150
const HOST_GAP = 220
const ROW_VETH = 130
const ROW_CONTAINERS = 300
const LAN_Y = -190

export function layout(snapshot: Snapshot): ReadonlyMap<string, Position> {
  const pos = new Map<string, Position>()
  const records = Object.values(snapshot.records)
  const hosts = records
    .flatMap((r) => (r.kind === 'host' ? [r] : []))
    .sort((a, b) => a.index - b.index)
  const ifaces = records.flatMap((r) => (r.kind === 'interface' ? [r] : []))
  const netns = records.flatMap((r) => (r.kind === 'netns' ? [r] : []))
  let origin = 0
  for (const host of hosts) {
    const width = placeHost(
      pos,
      origin,
      netns.filter((n) => n.host === host.id),
      ifaces.filter((i) => i.host === host.id),
      records.flatMap((r) => (r.kind === 'container' && r.host === host.id ? [r] : [])),
    )
    origin += width + HOST_GAP
  }
  for (const s of records) {
    if (s.kind !== 'segment') continue
    const xs = ifaces.filter((n) => n.segment === s.id).flatMap((n) => pos.get(n.id)?.x ?? [])
    pos.set(s.id, { x: xs.length ? Math.min(...xs) : 0, y: LAN_Y })
  }
  return pos
}

const seq = (id: string): number => Number(/(\d+)$/.exec(id)?.[1] ?? 0)

/** Places one host's interfaces from x = origin; returns the width used. */
function placeHost(
  pos: Map<string, Position>,
  origin: number,
  namespaces: readonly NetnsRecord[],
  ifaces: readonly InterfaceRecord[],
  containers: readonly ContainerRecord[],
): number {
  const hostNs = new Set(namespaces.filter((n) => n.role === 'host').map((n) => n.id))
  const containerNs = namespaces
    .filter((n) => n.role !== 'host')
    .sort((a, b) => seq(a.id) - seq(b.id))
  const byNs = new Map<string, InterfaceRecord[]>()
  for (const i of ifaces) byNs.set(i.netns, [...(byNs.get(i.netns) ?? []), i])
  const inHost = ifaces.filter((i) => hostNs.has(i.netns))
  const nics = inHost.filter((i) => i.linkKind === 'ether').sort((a, b) => a.ifindex - b.ifindex)
  const bridges = inHost
    .filter((i) => i.linkKind === 'bridge')
    .sort((a, b) => a.ifindex - b.ifindex)
  const others = inHost.filter((i) => !['ether', 'bridge', 'veth', 'loopback'].includes(i.linkKind))
  const loopbacks = inHost.filter((i) => i.linkKind === 'loopback')
  const hostMode = containers.filter(
    (c) => c.networkMode === 'host' && c.netns !== undefined && hostNs.has(c.netns),
  )
  const hostVeths = new Map(inHost.filter((i) => i.linkKind === 'veth').map((i) => [i.id, i]))

  // Row C first: container namespaces left to right, then the veth ends above their peers.
  let x = origin + (nics.length + 1) * SLOT
  for (const ns of containerNs) {
    const list = (byNs.get(ns.id) ?? []).sort(
      (a, b) =>
        Number(a.linkKind === 'loopback') - Number(b.linkKind === 'loopback') ||
        a.ifindex - b.ifindex,
    )
    for (const i of list) {
      pos.set(i.id, { x, y: ROW_CONTAINERS })
      const peer = i.peer === undefined ? undefined : hostVeths.get(i.peer)
      if (peer) pos.set(peer.id, { x, y: ROW_VETH })
      x += SLOT
    }
    x += SLOT / 3
  }
  // Unpaired host veths (a peer elsewhere) continue the row.
  for (const v of hostVeths.values()) {
    if (!pos.has(v.id)) {
      pos.set(v.id, { x, y: ROW_VETH })
      x += SLOT
    }
  }
  // Row A: NICs on the left, each bridge above the middle of its ports, then the rest.
  nics.forEach((n, i) => pos.set(n.id, { x: origin + i * SLOT, y: 0 }))
  let next = origin + nics.length * SLOT
  const wanted = bridges.map((b) => {
    const xs = inHost.filter((p) => p.master === b.id).flatMap((p) => pos.get(p.id)?.x ?? [])
    return { b, x: xs.length ? (Math.min(...xs) + Math.max(...xs)) / 2 : Number.NaN }
  })
  for (const w of wanted) {
    const at = Number.isNaN(w.x) ? next : Math.max(w.x, next)
    pos.set(w.b.id, { x: at, y: 0 })
    next = at + SLOT
  }
  for (const i of [...others, ...loopbacks, ...hostMode]) {
    pos.set(i.id, { x: next, y: 0 })
    next += SLOT
  }
  return Math.max(next, x) - origin
}
