// Seed 002's three hosts (docker01, docker02 on one LAN, docker03 behind the router) in a swarm:
// docker01 the manager, the others workers; overlays made through the daemon API.

import { readFileSync } from 'node:fs'
import { createEngine, daemon, hostId, type Engine, type Network } from '../../src/engine'
import { parseWorldFile } from '../../src/scenarios/world-file'

export const D1 = hostId('docker01')
export const D2 = hostId('docker02')
export const D3 = hostId('docker03')

export function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

/** public/worlds/NAME.json as an engine. */
export function worldEngine(name: string, seed = 2): Engine {
  const parsed = parseWorldFile(readFileSync(`public/worlds/${name}.json`, 'utf8'))
  if (!parsed.ok) throw new Error(parsed.error)
  return createEngine({ seed, spec: parsed.spec })
}

/** Seed 002 with `swarm init` on docker01 and the other two joined as workers. */
export function swarm3(): Engine {
  const e = worldEngine('seed-002')
  must(e.transact((t) => daemon.swarmInit(t, D1)))
  const token = e.world.swarm?.tokens.worker ?? ''
  for (const h of [D2, D3])
    must(e.transact((t) => daemon.swarmJoin(t, h, token, '10.10.0.11:2377')))
  return e
}

/** `docker network create -d overlay [--attachable] [-o …] NAME` on `host` (docker01). */
export function overlay(
  e: Engine,
  name: string,
  opts: { options?: Record<string, string>; attachable?: boolean; subnet?: string } = {},
  host = D1,
) {
  return e.transact((t) =>
    daemon.createNetwork(t, host, {
      name,
      driver: 'overlay',
      ipam: opts.subnet === undefined ? [] : [{ subnet: opts.subnet, auxAddresses: {} }],
      internal: false,
      attachable: opts.attachable ?? true,
      options: opts.options ?? {},
      labels: {},
    }),
  )
}

export const mustOverlay = (
  e: Engine,
  name: string,
  opts?: Parameters<typeof overlay>[2],
): Network => must(overlay(e, name, opts))
