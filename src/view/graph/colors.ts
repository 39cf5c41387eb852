// A colour per network, the same on every element that belongs to it (bridge, veths, the
// container's interface, the Docker-view endpoint) and in the legend. Mid-tone hues that read on
// the light and the dark theme alike; the default bridge keeps Docker's blue. A swarm overlay
// is one network on every host, so its colour comes from its VNI (cluster-wide), not from the
// host's creation order.

import type { NetworkRecord } from '../../engine'

/** Docker's brand blue, for the default `bridge` network (docker0). */
export const DEFAULT_BRIDGE_COLOR = '#1d63ed'
/** docker_gwbridge, the way out of overlay containers, on every node. */
export const GWBRIDGE_COLOR = '#047857'
/** The built-in `host` and `none` networks: no data plane of their own. */
export const BUILTIN_COLOR = '#64748b'

/** User-defined networks in creation order (Tableau-like, checked against both themes). */
export const NETWORK_PALETTE = [
  '#db2777',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#0891b2',
  '#dc2626',
  '#65a30d',
  '#c026d3',
  '#0d9488',
  '#ea580c',
  '#4f46e5',
  '#a16207',
] as const

/**
 * Swarm overlays by VNI from 4096 (Docker's first, the `ingress` routing mesh), hues kept apart
 * from the local palette's first ones where they can be.
 */
export const OVERLAY_PALETTE = [
  '#0284c7',
  '#9333ea',
  '#e11d48',
  '#16a34a',
  '#b45309',
  '#9d174d',
  '#155e75',
  '#5b21b6',
] as const

/** The first VNI Docker's swarm allocator hands out (`ingress`). */
export const FIRST_VNI = 4096

/** The three networks every daemon creates at start (index 0-2 in creation order). */
const BUILTIN = new Set(['bridge', 'host', 'none'])

export function isBuiltinNetwork(n: NetworkRecord): boolean {
  return BUILTIN.has(n.name) && n.seq < BUILTIN.size
}

/**
 * The network's colour: fixed for the built-ins, by creation order for the others (the daemon's
 * ordinal, so removing an older network recolours nothing).
 */
export function networkColor(n: NetworkRecord): string {
  // Cluster networks (swarm, or Docker 1.9's global ones) look the same on every host.
  if (n.scope !== 'local') return overlayColor(n.overlay?.vni ?? idNumber(n.networkId))
  // Every swarm node makes its own docker_gwbridge: one colour for the role, on every host.
  if (n.name === 'docker_gwbridge' && n.driver === 'bridge') return GWBRIDGE_COLOR
  if (isBuiltinNetwork(n)) return n.name === 'bridge' ? DEFAULT_BRIDGE_COLOR : BUILTIN_COLOR
  const nth = Math.max(0, n.seq - BUILTIN.size)
  return NETWORK_PALETTE[nth % NETWORK_PALETTE.length] ?? DEFAULT_BRIDGE_COLOR
}

/** An overlay's colour: the same on every host, from its VNI. */
export function overlayColor(vni: number): string {
  const nth =
    (((vni - FIRST_VNI) % OVERLAY_PALETTE.length) + OVERLAY_PALETTE.length) % OVERLAY_PALETTE.length
  return OVERLAY_PALETTE[nth] ?? DEFAULT_BRIDGE_COLOR
}

/** A swarm network without a VNI still gets one colour cluster-wide: from its ID. */
const idNumber = (id: string): number =>
  [...id].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 65521, 0)
