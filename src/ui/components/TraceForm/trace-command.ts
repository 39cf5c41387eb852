// What the trace form offers and the command line it stands for: the ends `trace` accepts
// (running containers by name, `host`, `lan`, `internet`) and `trace FROM TO --proto P --port N`.

import type { Snapshot } from '../../../engine'
import { naturalCompare } from '../../../lib/natural-sort'
import type { TraceProto } from '../../store/lab-store'

/** One choice of a From/To select: the `trace` word and what the learner reads. */
export type TraceEnd = { readonly value: string; readonly label: string }

/** Ends outside any container, as `trace` names them (src/cli/trace.ts). */
export const PLACES: readonly TraceEnd[] = [
  { value: 'host', label: 'host (the Docker host)' },
  { value: 'lan', label: 'lan (a machine on the LAN)' },
  { value: 'internet', label: 'internet (a server on the Internet)' },
]

/** Running containers, by name in natural order, labelled with their image. */
export function containerEnds(snapshot: Snapshot | null): TraceEnd[] {
  const seen = new Set<string>()
  const ends: TraceEnd[] = []
  for (const r of Object.values(snapshot?.records ?? {})) {
    if (r.kind !== 'container' || !r.status.startsWith('running') || seen.has(r.name)) continue
    seen.add(r.name)
    ends.push({ value: r.name, label: `${r.name} (${r.image})` })
  }
  return ends.sort((a, b) => naturalCompare(a.value, b.value))
}

export const PORT_RANGE = { min: 1, max: 65535 } as const

/** Why `port` cannot be used with `proto`, or null when it can (ICMP has no port). */
export function portError(proto: TraceProto, port: string): string | null {
  if (proto === 'icmp') return null
  const text = port.trim()
  const n = Number(text)
  if (!/^\d{1,5}$/.test(text) || n < PORT_RANGE.min || n > PORT_RANGE.max)
    return `Enter a port from ${PORT_RANGE.min} to ${PORT_RANGE.max}.`
  return null
}

/** The `trace` command line for the form's choices (the port only for TCP and UDP). */
export function traceCommand(from: string, to: string, proto: TraceProto, port: string): string {
  const words = ['trace', from, to, '--proto', proto]
  if (proto !== 'icmp') words.push('--port', port.trim())
  return words.join(' ')
}
