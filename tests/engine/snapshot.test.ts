// Snapshots reuse what did not change: an unchanged host's records are the previous snapshot's
// (per-host memo), and rebuilding from scratch gives the same records.

import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { createSession } from '../../src/cli'
import { createEngine, hostId, toSnapshot } from '../../src/engine'
import { parseWorldFile } from '../../src/scenarios/world-file'

it('keeps an unchanged host whole and identical across commands on another host', () => {
  const parsed = parseWorldFile(readFileSync('public/worlds/two-hosts.json', 'utf8'))
  if (!parsed.ok) throw new Error(parsed.error)
  const engine = createEngine({ seed: 3, spec: parsed.spec })
  const h2 = createSession(engine, hostId('host2'))
  const host1 = (s: ReturnType<typeof engine.snapshot>) =>
    Object.values(s.records).filter((r) => r.id.includes(':host1'))
  const first = engine.snapshot()
  for (const name of ['a1', 'a2', 'a3']) {
    h2.run(`docker run -d --name ${name} busybox sleep 1d`)
    const now = engine.snapshot()
    expect(host1(now)).toEqual(host1(first))
    for (const r of host1(now)) expect(r).toBe(first.records[r.id])
  }
  // From scratch, the same records.
  expect(toSnapshot(engine.world).records).toEqual(engine.snapshot().records)
})
