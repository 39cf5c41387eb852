// A device's traffic counters as the tools print them: iproute2 6.1's `ip -s link` block
// (ip/ipaddress.c print_stats64 with size_columns: columns widen to the longest number),
// net-tools 2.10's ifconfig lines (lib/interface.c ife_print_long: one decimal of KiB/MiB/GiB
// above 1024 bytes) and busybox 1.36's (networking/interface.c print_bytes_scaled).

import type { LinkStats } from '../../engine'

const NONE: LinkStats = { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 }

const digits = (n: number): number => String(n).length

/** `ip -s`: the RX and TX header and value lines. */
export function statsLines(stats: LinkStats = NONE): string[] {
  // strlen("*X errors:"), "packets", "errors", "dropped", "heartbt", "overrun", "compressed".
  const bytes = Math.max(10, digits(stats.rxBytes), digits(stats.txBytes))
  const packets = Math.max(7, digits(stats.rxPackets), digits(stats.txPackets))
  const head = (dir: string, fifth: string, sixth: string): string =>
    `    ${dir}: ${'bytes'.padStart(bytes - 4)} ${'packets'.padStart(packets)} errors dropped ` +
    `${fifth.padStart(7)} ${sixth.padStart(7)} ${''.padStart(10)}`
  const values = (b: number, p: number): string =>
    `    ${String(b).padStart(bytes)} ${String(p).padStart(packets)} ${'0'.padStart(6)} ` +
    `${'0'.padStart(7)} ${'0'.padStart(7)} ${'0'.padStart(7)} `
  return [
    head('RX', 'missed', 'mcast'),
    values(stats.rxBytes, stats.rxPackets),
    head('TX', 'carrier', 'collsns'),
    values(stats.txBytes, stats.txPackets),
  ]
}

/** net-tools: `196 (196.0 B)`, `2048 (2.0 KiB)`. */
export function netToolsBytes(n: number): string {
  const units: readonly [number, string][] = [
    [1073741824, 'GiB'],
    [1048576, 'MiB'],
    [1024, 'KiB'],
  ]
  const [div, unit] = units.find(([d]) => n > d) ?? [1, 'B']
  const tenths = Math.floor((n * 10) / div)
  return `${n} (${Math.floor(tenths / 10)}.${tenths % 10} ${unit})`
}

/** busybox: `196 (196.0 B)`, `2048 (2.0 KiB)`. */
export function busyboxBytes(n: number): string {
  let int = n
  let frac = 0
  let unit = ''
  for (const next of ['Ki', 'Mi', 'Gi', 'Ti']) {
    if (int < 1024) break
    frac = Math.floor(((int % 1024) * 10) / 1024)
    int = Math.floor(int / 1024)
    unit = next
  }
  return `${n} (${int}.${frac} ${unit}B)`
}
