// The underlay both views draw the same way: each LAN above the middle of the NICs cabled to it
// (so each cable enters its own host from the top), its router and the way to the Internet in
// its label, and a line between LANs one router joins (it forwards between them).

import type { RecordId, SegmentRecord } from '../../engine'
import { edge, node } from './elements'
import type { ViewElement } from './types'

export function underlay(
  segments: readonly SegmentRecord[],
  nicXs: (segment: RecordId) => readonly number[],
  y: number,
): ViewElement[] {
  const out: ViewElement[] = []
  const byRouter = new Map<string, SegmentRecord[]>()
  for (const s of segments) {
    const xs = nicXs(s.id)
    const router = s.router === undefined ? 'router' : `router ${s.router}`
    const label = `LAN ${s.subnet}\n${router} ${s.gateway}${s.internet ? ' → Internet' : ''}`
    out.push(
      node('segment', s.id, label, s.id, 'segment', {
        x: xs.length ? (Math.min(...xs) + Math.max(...xs)) / 2 : 0,
        y,
      }),
    )
    if (s.router !== undefined) byRouter.set(s.router, [...(byRouter.get(s.router) ?? []), s])
  }
  for (const [router, lans] of byRouter)
    lans.slice(1).forEach((s, i) => {
      const prev = lans[i]
      if (prev)
        out.push(
          edge('cable', `router:${prev.id}:${s.id}`, prev.id, s.id, prev.id, {
            label: router,
            classes: 'cable router-link',
          }),
        )
    })
  return out
}
