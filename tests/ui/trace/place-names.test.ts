// The trace player's names for places: containers, hosts, devices, and Docker's own namespaces.

import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { createSession } from '../../../src/cli'
import { createEngine, daemon, hostId, INIT_NETNS, type NetnsId } from '../../../src/engine'
import { parseWorldFile } from '../../../src/scenarios/world-file'
import { placeNames } from '../../../src/ui/trace/place-names'

it('names overlay sandboxes after their network and other Docker namespaces after their file', () => {
  const parsed = parseWorldFile(readFileSync('public/worlds/two-hosts.json', 'utf8'))
  if (!parsed.ok) throw new Error(parsed.error)
  const engine = createEngine({ seed: 5, spec: parsed.spec })
  const s = createSession(engine, hostId('host1'))
  for (const line of [
    'docker swarm init',
    'docker network create -d overlay --attachable vnet',
    'docker run -d --name web --network vnet busybox sleep 1d',
  ])
    expect(s.run(line).exitCode, line).toBe(0)
  const names = placeNames(engine.snapshot())
  const net = daemon.clusterNetwork(engine.world, 'vnet')
  const nsOf = (suffix: string): NetnsId => {
    const ns = Object.values(engine.snapshot().records).find(
      (r) => r.kind === 'netns' && r.path.endsWith(suffix),
    )
    return (ns?.id.split('/').pop() ?? '') as NetnsId
  }
  expect(names({ host: hostId('host1'), netns: nsOf(`1-${net?.id.slice(0, 10)}`) })).toBe(
    'host1 vnet sandbox',
  )
  expect(names({ host: hostId('host1'), netns: nsOf('/ingress_sbox') })).toBe('host1 ingress_sbox')
  expect(names({ host: hostId('host1'), netns: INIT_NETNS })).toBe('host1')
})
