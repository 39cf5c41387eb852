// Deterministic placement (same snapshot ⇒ same picture): hosts side by side, the LAN above
// them, each host namespace's devices in a row: NICs first (under the LAN, so the cable misses
// the compound titles), then bridges, other devices by index, loopback last.
// O(n); no generic force layout.

import type { Snapshot } from '../../engine'

export type Position = { readonly x: number; readonly y: number }

const IFACE_GAP = 170
const HOST_GAP = 260
const LAN_Y = -190

const ORDER: Readonly<Record<string, number>> = { ether: 0, bridge: 1, veth: 2, loopback: 3 }

export function layout(snapshot: Snapshot): ReadonlyMap<string, Position> {
  const pos = new Map<string, Position>()
  const records = Object.values(snapshot.records)
  const hosts = records
    .flatMap((r) => (r.kind === 'host' ? [r] : []))
    .sort((a, b) => a.index - b.index)
  const hostNetns = new Set(
    records.flatMap((r) => (r.kind === 'netns' && r.role === 'host' ? [r.id] : [])),
  )
  let x = 0
  for (const host of hosts) {
    const ifaces = records
      .flatMap((r) =>
        r.kind === 'interface' && r.host === host.id && hostNetns.has(r.netns) ? [r] : [],
      )
      .sort((a, b) => (ORDER[a.linkKind] ?? 9) - (ORDER[b.linkKind] ?? 9) || a.ifindex - b.ifindex)
    ifaces.forEach((r, i) => pos.set(r.id, { x: x + i * IFACE_GAP, y: 0 }))
    x += Math.max(ifaces.length, 1) * IFACE_GAP + HOST_GAP
  }
  const segments = records.filter((r) => r.kind === 'segment')
  const nics = records.flatMap((r) =>
    r.kind === 'interface' && r.segment !== undefined ? [r] : [],
  )
  segments.forEach((s, i) => {
    const cabled = nics.filter((n) => n.segment === s.id).map((n) => pos.get(n.id)?.x ?? 0)
    const cx = cabled.length ? cabled.reduce((a, b) => a + b, 0) / cabled.length : i * 300
    pos.set(s.id, { x: cx, y: LAN_Y })
  })
  return pos
}
