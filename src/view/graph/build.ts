// Snapshot (+ world, for the rules overlay) → the diagram's model for one view. O(records);
// runs in the worker after every change. Same world, same options ⇒ same model.

import type { NetworkRecord, Snapshot, World } from '../../engine'
import { isBuiltinNetwork, networkColor } from './colors'
import { dockerView } from './docker-view'
import { kernelView } from './kernel-view'
import type { GraphModel, LegendEntry, ViewElement, ViewOptions } from './types'
import { indexWorld, type WorldIndex } from './world-index'
import type { CachedUnit, UnitCache } from './elements'

/**
 * Above this many container namespaces the diagram switches to its light representation: no
 * compound parents with labels (they dominate Cytoscape's cost; shared/reference/performance.md
 * §1.5), titles as nodes of their own, fewer details per node.
 */
export const LIGHT_ABOVE = 60

/** Per-view element caches a caller keeps between builds (the worker does): see UnitCache. */
export type GraphCache = {
  readonly docker: Map<string, CachedUnit>
  readonly kernel: Map<string, CachedUnit>
}

export function createGraphCache(): GraphCache {
  return { docker: new Map(), kernel: new Map() }
}

/** A cache that forgets, after a build, the units that build did not draw (removed ones). */
function pruning(cache: Map<string, CachedUnit> | undefined): {
  readonly units: UnitCache | undefined
  readonly prune: () => void
} {
  if (!cache) return { units: undefined, prune: () => undefined }
  const used = new Set<string>()
  return {
    units: {
      get(id) {
        used.add(id)
        return cache.get(id)
      },
      set(id, unit) {
        used.add(id)
        cache.set(id, unit)
      },
    },
    prune: () => {
      for (const id of cache.keys()) if (!used.has(id)) cache.delete(id)
    },
  }
}

export function buildGraph(
  snapshot: Snapshot,
  world: World,
  options: ViewOptions,
  cache?: GraphCache,
): GraphModel {
  const ix = indexWorld(snapshot)
  const namespaces = ix.hosts.reduce(
    (n, h) => n + ix.netnsOf(h.id).filter((ns) => ns.role !== 'host').length,
    0,
  )
  const containers = ix.hosts.reduce((n, h) => n + ix.containersOf(h.id).length, 0)
  const light = Math.max(namespaces, containers) > LIGHT_ABOVE
  const units = pruning(options.level === 'docker' ? cache?.docker : cache?.kernel)
  const list: ViewElement[] =
    options.level === 'docker'
      ? dockerView(ix, { light }, units.units)
      : kernelView(ix, world, { light, rules: options.rules }, units.units)
  units.prune()
  const elements: Record<string, ViewElement> = {}
  for (const e of list) elements[e.id] = e
  return {
    level: options.level,
    rules: options.rules,
    light,
    elements,
    legend: legend(ix),
  }
}

/**
 * The legend: per host, the default bridge, then user networks in creation order, host and none
 * only when used. A swarm overlay is listed once (where it first appears), counting its
 * containers on every host; a local network is named `host/name` only when another host has
 * one of the same name.
 */
function legend(ix: WorldIndex): LegendEntry[] {
  const members = new Map<string, number>()
  for (const h of ix.hosts)
    for (const c of ix.containersOf(h.id)) {
      for (const ep of c.endpoints) {
        const n = ix.network(ep.network)
        const key = n?.scope === 'swarm' ? n.networkId : ep.network
        members.set(key, (members.get(key) ?? 0) + 1)
      }
      // `docker network inspect host` lists the running host-mode containers.
      const mode =
        c.networkMode === 'host' && c.netns !== undefined
          ? ix.networkNamed(h.id, 'host')
          : undefined
      if (mode) members.set(mode.id, (members.get(mode.id) ?? 0) + 1)
    }
  const shown = ix.hosts.map((h) => {
    // The default bridge, then user networks in creation order; host and none only when used.
    const rank = (n: NetworkRecord): number =>
      !isBuiltinNetwork(n) ? 1 : n.name === 'bridge' ? 0 : 2
    const used = new Set(
      ix
        .containersOf(h.id)
        .flatMap((c) =>
          c.networkMode === 'host' || c.networkMode === 'none' ? [c.networkMode] : [],
        ),
    )
    return ix
      .networksOf(h.id)
      .filter((n) => !isBuiltinNetwork(n) || n.name === 'bridge' || used.has(n.name))
      .sort((a, b) => rank(a) - rank(b) || a.index - b.index)
  })
  const localNames = new Map<string, number>()
  for (const n of shown.flat())
    if (n.scope !== 'swarm') localNames.set(n.name, (localNames.get(n.name) ?? 0) + 1)
  const listed = new Set<string>()
  return shown.flat().flatMap((n) => {
    const swarm = n.scope === 'swarm'
    if (swarm && listed.has(n.networkId)) return []
    listed.add(n.networkId)
    const h = ix.hosts.find((x) => x.id === n.host)
    const ambiguous = !swarm && (localNames.get(n.name) ?? 0) > 1
    return [
      {
        network: n.id,
        ...(ambiguous && h ? { host: h.hostname } : {}),
        name: n.name,
        driver: legendDriver(ix, n),
        subnet: n.subnets.join(', '),
        color: networkColor(n),
        containers: members.get(swarm ? n.networkId : n.id) ?? 0,
      },
    ]
  })
}

/** `overlay, VNI 4097` (`, encrypted`), `macvlan on eth0`, else the driver's name. */
function legendDriver(ix: WorldIndex, n: NetworkRecord): string {
  if (n.overlay)
    return `${n.driver}, VNI ${n.overlay.vni}${n.overlay.encrypted ? ', encrypted' : ''}`
  const parent = n.parent === undefined ? undefined : ix.iface(n.parent)
  return parent ? `${n.driver} on ${parent.name}` : n.driver
}
