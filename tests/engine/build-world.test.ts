import { describe, expect, it } from 'vitest'
import { allNetworks, getNetns, linksOf } from '../../src/engine'
import { createEngine, formatCidr, INIT_NETNS, type Link } from '../../src/engine'
import { DEFAULT_WORLD } from '../../src/scenarios/default-world'
import { createTestLab } from '../helpers/lab'

function hostLinks(seed = 1): Link[] {
  const lab = createTestLab({ seed })
  return linksOf(getNetns(lab.world.hosts['host1' as never]?.kernel, INIT_NETNS))
}

describe('a fresh Docker host', () => {
  it('has lo, eth0 and docker0 with their indexes and addresses', () => {
    const links = hostLinks()
    expect(
      links.map((l) => [l.ifindex, l.name, l.kind, l.addrs.map((a) => formatCidr(a.cidr))]),
    ).toEqual([
      [1, 'lo', 'loopback', ['127.0.0.1/8']],
      [2, 'eth0', 'ether', ['10.10.0.11/24']],
      [3, 'docker0', 'bridge', ['172.17.0.1/16']],
    ])
  })

  it('creates docker0 as Docker 28 does: up, MTU 1500, txqueuelen 0, a random locally administered MAC', () => {
    const docker0 = hostLinks().find((l) => l.name === 'docker0')
    expect(docker0).toMatchObject({ up: true, mtu: 1500, txqlen: 0 })
    expect(docker0?.mac).toMatch(/^[0-9a-f][26ae](:[0-9a-f]{2}){5}$/)
  })

  it('has the routes of the host: default via the LAN router, the LAN, and docker0', () => {
    const lab = createTestLab()
    const routes = getNetns(lab.world.hosts['host1' as never]?.kernel, INIT_NETNS)?.routes ?? []
    expect(routes.map((r) => [formatCidr(r.dst), r.proto, r.scope])).toEqual([
      ['10.10.0.0/24', 'kernel', 'link'],
      ['0.0.0.0/0', 'boot', 'global'],
      ['172.17.0.0/16', 'kernel', 'link'],
    ])
  })

  it('shows docker0 DOWN with NO-CARRIER while it has no ports', () => {
    const records = Object.values(createTestLab().snapshot().records)
    const docker0 = records.find((r) => r.kind === 'interface' && r.name === 'docker0')
    expect(docker0).toMatchObject({
      state: 'DOWN',
      flags: ['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP'],
    })
    const lo = records.find((r) => r.kind === 'interface' && r.name === 'lo')
    expect(lo).toMatchObject({ state: 'UNKNOWN', flags: ['LOOPBACK', 'UP', 'LOWER_UP'] })
    const eth0 = records.find((r) => r.kind === 'interface' && r.name === 'eth0')
    expect(eth0).toMatchObject({ state: 'UP', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'] })
  })

  it('has the three predefined networks with 64-hex IDs', () => {
    const networks = allNetworks(createTestLab().world.hosts['host1' as never]?.daemon)
    expect(networks.map((n) => [n.name, n.driver]).sort()).toEqual([
      ['bridge', 'bridge'],
      ['host', 'host'],
      ['none', 'null'],
    ])
    for (const n of networks) expect(n.id).toMatch(/^[0-9a-f]{64}$/)
  })

  it('is deterministic: the same seed builds the same world, another seed other IDs', () => {
    const a = createEngine({ seed: 7, spec: DEFAULT_WORLD }).world
    const b = createEngine({ seed: 7, spec: DEFAULT_WORLD }).world
    const c = createEngine({ seed: 8, spec: DEFAULT_WORLD }).world
    expect(a).toStrictEqual(b)
    expect(allNetworks(a.hosts['host1' as never]?.daemon).map((n) => n.id)).not.toEqual(
      allNetworks(c.hosts['host1' as never]?.daemon).map((n) => n.id),
    )
  })

  it('produces a JSON-safe snapshot that survives structuredClone', () => {
    const snapshot = createTestLab().snapshot()
    expect(structuredClone(snapshot)).toStrictEqual(snapshot)
    expect(JSON.parse(JSON.stringify(snapshot))).toStrictEqual(snapshot)
  })
})
