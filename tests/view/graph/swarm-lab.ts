// Seed 002's three hosts in one swarm (docker01 manager, docker02 and docker03 workers), as
// tests/engine/swarm/overlay.test.ts builds it, with overlays and containers made by commands
// typed on a host; and a view model of it.

import { readFileSync } from 'node:fs'
import { expect } from 'vitest'
import { createSession } from '../../../src/cli'
import {
  createEngine,
  daemon,
  hostId,
  type Engine,
  type InterfaceRecord,
  type NetworkRecord,
  type RecordId,
} from '../../../src/engine'
import { parseWorldFile } from '../../../src/scenarios/world-file'
import { buildGraph } from '../../../src/view/graph/build'
import type { GraphModel, ViewOptions } from '../../../src/view/graph/types'

export const D1 = hostId('docker01')
export const D2 = hostId('docker02')
export const D3 = hostId('docker03')

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

export type SwarmLab = {
  readonly engine: Engine
  /** Runs a command on a host (docker01 by default); it must succeed. */
  run(line: string, host?: string): void
  /** A swarm-scoped overlay made on the manager (`docker network create -d overlay`). */
  overlay(name: string, subnet: string, options?: Record<string, string>): void
  model(options: ViewOptions): GraphModel
}

export function swarmLab(): SwarmLab {
  const parsed = parseWorldFile(readFileSync('public/worlds/seed-002.json', 'utf8'))
  if (!parsed.ok) throw new Error(parsed.error)
  const engine = createEngine({ seed: 2, spec: parsed.spec })
  must(engine.transact((t) => daemon.swarmInit(t, D1)))
  const token = engine.world.swarm?.tokens.worker ?? ''
  must(engine.transact((t) => daemon.swarmJoin(t, D2, token, '10.10.0.11:2377')))
  must(engine.transact((t) => daemon.swarmJoin(t, D3, token, '10.10.0.11:2377')))
  return {
    engine,
    run(line, host = 'docker01') {
      const r = createSession(engine, hostId(host)).run(line)
      expect(r.stderr, line).toBe('')
      expect(r.exitCode, line).toBe(0)
    },
    overlay(name, subnet, options = {}) {
      must(
        engine.transact((t) =>
          daemon.createNetwork(t, D1, {
            name,
            driver: 'overlay',
            ipam: [{ subnet, auxAddresses: {} }],
            internal: false,
            attachable: true,
            options,
            labels: {},
          }),
        ),
      )
    },
    model: (options) => buildGraph(engine.snapshot(), engine.world, options),
  }
}

/** The usual lab: `vnet` (192.168.0.0/24, VNI 4097), c02 on docker02 and c03 on docker03. */
export function vnetLab(options?: Record<string, string>): SwarmLab {
  const lab = swarmLab()
  lab.overlay('vnet', '192.168.0.0/24', options)
  lab.run('docker run -itd --name=c02 --net=vnet busybox', 'docker02')
  lab.run('docker run -itd --name=c03 --net=vnet busybox', 'docker03')
  return lab
}

export function networkOn(lab: SwarmLab, host: string, name: string): NetworkRecord {
  const found = Object.values(lab.engine.snapshot().records).find(
    (r): r is NetworkRecord => r.kind === 'network' && r.host === `host:${host}` && r.name === name,
  )
  expect(found, `${host}/${name}`).toBeDefined()
  return found as NetworkRecord
}

/** An interface record by host, namespace path (its last part; '' for the host's) and name. */
export function ifaceOn(lab: SwarmLab, host: string, path: string, name: string): InterfaceRecord {
  const records = Object.values(lab.engine.snapshot().records)
  const ns = records.find(
    (r) =>
      r.kind === 'netns' &&
      r.host === `host:${host}` &&
      (path === '' ? r.role === 'host' : r.path.endsWith(`/${path}`)),
  )
  const found = records.find(
    (r): r is InterfaceRecord => r.kind === 'interface' && r.netns === ns?.id && r.name === name,
  )
  expect(found, `${name} in ${host}:${path}`).toBeDefined()
  return found as InterfaceRecord
}

/** The overlay sandbox namespace record of a network on a host (`1-<id10>`). */
export function sandboxOf(lab: SwarmLab, host: string, name: string): RecordId {
  const net = networkOn(lab, host, name)
  const ns = Object.values(lab.engine.snapshot().records).find(
    (r) =>
      r.kind === 'netns' &&
      r.host === `host:${host}` &&
      r.path.endsWith(`/1-${net.networkId.slice(0, 10)}`),
  )
  expect(ns, `sandbox of ${name} on ${host}`).toBeDefined()
  return ns?.id ?? ''
}
