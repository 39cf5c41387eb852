// What the "New host" form stands for: `lab host add [NAME] [--lan LAN]`, with the defaults the
// lab command takes (the next free hostN, the world's first LAN) shown rather than typed.

import type { SegmentRecord, Snapshot } from '../../../engine'
import { shellQuote } from './palette-commands'

/** The "New host" form's fields, as typed; an empty LAN is the world's first. */
export type HostDraft = {
  readonly name: string
  readonly lan: string
}

export const EMPTY_HOST: HostDraft = { name: '', lan: '' }

/** The world's LANs in its order (the snapshot keeps the order the world lists them in). */
export function lanChoices(snapshot: Snapshot | null): SegmentRecord[] {
  return Object.values(snapshot?.records ?? {}).filter((r) => r.kind === 'segment')
}

/** The name `lab host add` gives when none is typed: `hostN`, the lowest N no host has. */
export function nextHostName(snapshot: Snapshot | null): string {
  const taken = new Set(
    Object.values(snapshot?.records ?? {}).flatMap((r) => (r.kind === 'host' ? [r.hostname] : [])),
  )
  let n = 1
  while (taken.has(`host${n}`)) n++
  return `host${n}`
}

/** `lab host add` for the form; the first LAN is left implicit, as one would type it. */
export function hostCommand(d: HostDraft, firstLan: string | undefined): string {
  const words = ['lab', 'host', 'add']
  const name = d.name.trim()
  if (name !== '') words.push(shellQuote(name))
  if (d.lan !== '' && d.lan !== firstLan) words.push('--lan', shellQuote(d.lan))
  return words.join(' ')
}
