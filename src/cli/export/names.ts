// The names the replay gives what it makes: every namespace carries the export's prefix so that
// parallel replays and leftovers never collide, and no command touches the machine's own network.

import { INIT_NETNS, type HostId, type NetnsId, type Segment, type World } from '../../engine'

/** What a replay names its namespaces after: the prefix and the host being exported. */
export type Naming = { readonly prefix: string; readonly host: HostId }

/** Linux interface names hold at most 15 bytes (IFNAMSIZ - 1). */
export const IFNAMSIZ_MAX = 15

/** A prefix a namespace name may start with: iproute2 takes any file name; we keep it tame. */
export function isValidPrefix(prefix: string): boolean {
  return /^[A-Za-z0-9_.-]{1,24}$/.test(prefix)
}

/**
 * `dnl-<4 hex>-`: a hash of the world's seed and revision (FNV-1a), so the same world always
 * exports the same script; replays running side by side pass their own `--prefix`.
 */
export function defaultPrefix(world: World): string {
  let h = 0x811c9dc5
  for (const ch of `${world.seed}:${world.rev}`) {
    h ^= ch.charCodeAt(0)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return `dnl-${(h & 0xffff).toString(16).padStart(4, '0')}-`
}

/** The replay's namespace for one of the host's: `h-<host>` for its own, `<host>-<nsid>` else. */
export function nsName(n: Naming, netns: NetnsId): string {
  return netns === INIT_NETNS ? `${n.prefix}h-${n.host}` : `${n.prefix}${n.host}-${netns}`
}

export const lanNs = (prefix: string, segment: Segment): string => `${prefix}lan-${segment.id}`

/** The machine routing a LAN (the segment's router, or one standing for its gateway alone). */
export const routerOf = (segment: Segment): string => segment.router ?? `gw-${segment.id}`
export const routerNs = (prefix: string, segment: Segment): string =>
  `${prefix}rt-${routerOf(segment)}`

/** The LAN end of a NIC's cable: `<host>-<nic>`, or `h<n>-<nic>` when that is too long. */
export function cableName(world: World, host: HostId, nic: string): string {
  const plain = `${host}-${nic}`
  if (plain.length <= IFNAMSIZ_MAX) return plain
  const index = Object.keys(world.hosts).indexOf(host)
  return `h${index}-${nic}`.slice(0, IFNAMSIZ_MAX)
}

/** A numeric id's sequence (`ns12`, `l7` → 12, 7), for a stable creation order. */
export const seqOf = (id: string): number => Number(id.replace(/^\D+/, '')) || 0
