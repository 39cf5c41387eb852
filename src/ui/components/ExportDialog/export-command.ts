// What the "Under the hood" dialog stands for: the `export-commands` line for a host (its build
// or its cleanup script), the hosts it can be asked about, and the name a download gets.

import type { HostRecord, Snapshot } from '../../../engine'
import { shellQuote } from '../Palette/palette-commands'

/** The world's hosts' names, in the diagram's order (the first is the default). */
export function exportHosts(snapshot: Snapshot | null): string[] {
  return Object.values(snapshot?.records ?? {})
    .filter((r): r is HostRecord => r.kind === 'host')
    .sort((a, b) => a.index - b.index)
    .map((h) => h.hostname)
}

/** The terminal line that prints `host`'s script: `export-commands [--cleanup] HOST`. */
export function exportCommand(host: string, cleanup: boolean): string {
  return `export-commands ${cleanup ? '--cleanup ' : ''}${shellQuote(host)}`
}

/** The file a download saves: `dnl-HOST.sh`, or `dnl-HOST-cleanup.sh` for the cleanup script. */
export function scriptFileName(host: string, cleanup: boolean): string {
  const safe = host.replace(/[^A-Za-z0-9._-]/g, '_')
  return `dnl-${safe}${cleanup ? '-cleanup' : ''}.sh`
}
