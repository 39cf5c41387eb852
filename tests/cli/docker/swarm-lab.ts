// Seed 002's three hosts (docker01 10.10.0.11, docker02 10.10.0.12 on `lan`, docker03
// 10.20.0.13 on `lan2`), a terminal on each, and the swarm the tests build on them.

import { readFileSync } from 'node:fs'
import { createSession, type CommandOutput, type Session } from '../../../src/cli'
import { createEngine, hostId, type Engine, type Host } from '../../../src/engine'
import { parseWorldFile } from '../../../src/scenarios/world-file'

export type HostName = 'docker01' | 'docker02' | 'docker03'

export type SwarmLab = {
  readonly engine: Engine
  /** Runs a line in the terminal of `host` (traces left out). */
  run(host: HostName, line: string): CommandOutput
  /** Runs a line that must succeed; returns its stdout. */
  ok(host: HostName, line: string): string
  host(name: HostName): Host
}

export function swarmLab(): SwarmLab {
  const parsed = parseWorldFile(readFileSync('public/worlds/seed-002.json', 'utf8'))
  if (!parsed.ok) throw new Error(parsed.error)
  const engine = createEngine({ seed: 2, spec: parsed.spec })
  const sessions = new Map<HostName, Session>()
  const run = (host: HostName, line: string): CommandOutput => {
    let s = sessions.get(host)
    if (!s) {
      s = createSession(engine, hostId(host))
      sessions.set(host, s)
    }
    const { traces: _traces, ...shown } = s.run(line)
    return shown
  }
  return {
    engine,
    run,
    ok(host, line) {
      const r = run(host, line)
      if (r.exitCode !== 0) throw new Error(`${host}$ ${line}: ${r.stderr}`)
      return r.stdout
    },
    host: (name) => engine.world.hosts[hostId(name)] as Host,
  }
}

/** docker01 the manager, docker02 and docker03 workers (joined through the CLI). */
export function threeNodeSwarm(): SwarmLab {
  const lab = swarmLab()
  lab.ok('docker01', 'docker swarm init')
  const token = lab.ok('docker01', 'docker swarm join-token -q worker').trim()
  lab.ok('docker02', `docker swarm join --token ${token} 10.10.0.11:2377`)
  lab.ok('docker03', `docker swarm join --token ${token} 10.10.0.11:2377`)
  return lab
}

export const ok0 = (stdout: string): CommandOutput => ({ stdout, stderr: '', exitCode: 0 })
export const err = (stderr: string, exitCode = 1): CommandOutput => ({
  stdout: '',
  stderr,
  exitCode,
})
