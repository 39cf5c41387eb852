// Workload L of shared/reference/performance.md §7: 10 hosts on one LAN, a swarm of all of them,
// 2 attachable overlays, and on each host 20 bridge networks and 100 containers (every fifth on an
// overlay, the rest round-robin on the host's bridges), built through the docker CLI.

import { createSession, type Session } from '../../src/cli'
import { createEngine, daemon, hostId, type Engine, type WorldSpec } from '../../src/engine'
import { DEFAULT_EPOCH, defaultHost } from '../../src/scenarios/default-world'

export const L = { hosts: 10, networks: 20, containers: 100, overlays: 2 } as const

/** `hostN` at 10.10.0.(10+N) on the LAN 10.10.0.0/24, as the default world's host1. */
export function tenHosts(n: number = L.hosts): WorldSpec {
  const hosts = Array.from({ length: n }, (_, i) =>
    defaultHost(`host${i + 1}`, `10.10.0.${11 + i}/24`),
  )
  const etc = hosts
    .map((h) => `${h.nics[0]?.address.split('/')[0] ?? ''}\t${h.hostname}\n`)
    .join('')
  return {
    epoch: DEFAULT_EPOCH,
    segments: [{ name: 'lan', subnet: '10.10.0.0/24', gateway: '10.10.0.1', internet: true }],
    hosts: hosts.map((h) => ({ ...h, etcHosts: `${h.etcHosts}${etc}` })),
  }
}

/** The commands each host runs after the swarm is formed (host1 creates the overlays first). */
export function workloadCommands(host: number): string[] {
  const lines: string[] = []
  if (host === 1)
    for (let o = 1; o <= L.overlays; o++)
      lines.push(`docker network create -d overlay --attachable ov${o}`)
  for (let n = 1; n <= L.networks; n++) lines.push(`docker network create h${host}n${n}`)
  for (let c = 1; c <= L.containers; c++) {
    const net = c % 5 === 0 ? `ov${((c / 5) % L.overlays) + 1}` : `h${host}n${(c % L.networks) + 1}`
    lines.push(`docker run -d --name h${host}c${c} --network ${net} busybox sleep 1d`)
  }
  return lines
}

export type BuiltL = { readonly engine: Engine; readonly sessions: readonly Session[] }

/** Builds workload L in an engine: swarm init/join through the engine, the rest through the CLI. */
export function buildWorkloadL(): BuiltL {
  const engine = createEngine({ seed: 7, spec: tenHosts() })
  const ok = <T>(r: { ok: boolean; error?: { message: string } } & T): T => {
    if (!r.ok) throw new Error(r.error?.message)
    return r
  }
  ok(engine.transact((t) => daemon.swarmInit(t, hostId('host1'))))
  const token = engine.world.swarm?.tokens.worker ?? ''
  for (let i = 2; i <= L.hosts; i++)
    ok(engine.transact((t) => daemon.swarmJoin(t, hostId(`host${i}`), token, '10.10.0.11:2377')))
  const sessions = Array.from({ length: L.hosts }, (_, i) =>
    createSession(engine, hostId(`host${i + 1}`)),
  )
  sessions.forEach((s, i) => {
    for (const line of workloadCommands(i + 1)) {
      const r = s.run(line)
      if (r.exitCode !== 0) throw new Error(`host${i + 1}: ${line}: ${r.stderr}`)
    }
  })
  return { engine, sessions }
}
