// The kernel ops that record traffic: rule and policy counters, device statistics and the
// conntrack table (entries replaced per connection, expired ones collected, flushed).

import { describe, expect, it } from 'vitest'
import {
  createEngine,
  getNetns,
  hostId,
  INIT_NETNS,
  linksOf,
  type ConntrackEntry,
  type KernelOp,
  type OpContext,
} from '../../../src/engine'
import { ok } from '../../../src/lib/result'
import { DEFAULT_WORLD } from '../../../src/scenarios/default-world'

const HOST = hostId('host1')

type Op = KernelOp extends infer K ? (K extends { host: unknown } ? Omit<K, 'host'> : never) : never

function kernelLab() {
  const engine = createEngine({ seed: 7, spec: DEFAULT_WORLD })
  return {
    engine,
    apply(build: (tx: OpContext, put: (op: Op) => void) => void): void {
      engine.transact((tx) => {
        build(tx, (op) => tx.apply({ ...op, host: HOST }))
        return ok(undefined)
      })
    },
    ns: () => {
      const ns = getNetns(engine.world.hosts[HOST]?.kernel, INIT_NETNS)
      if (!ns) throw new Error('no netns')
      return ns
    },
  }
}

const RULE = { matches: [{ kind: 'in', iface: 'eth0' }], target: { kind: 'ACCEPT' } } as const

const entry = (dst: number, expires: number): ConntrackEntry => ({
  proto: 'udp',
  orig: { src: 1, dst, sport: 40000, dport: 53 },
  reply: { src: dst, dst: 1, sport: 53, dport: 40000 },
  seenReply: true,
  assured: false,
  expires,
})

describe('nf.count', () => {
  it('adds to a rule’s counters and to a built-in chain’s policy counters', () => {
    const lab = kernelLab()
    const at = { netns: INIT_NETNS, table: 'filter', chain: 'INPUT' } as const
    lab.apply((_tx, put) => {
      put({ ...at, kind: 'nf.rule.append', rule: RULE })
      put({ ...at, kind: 'nf.count', rule: 1, add: { packets: 2, bytes: 168 } })
      put({ ...at, kind: 'nf.count', rule: 1, add: { packets: 1, bytes: 84 } })
      put({ ...at, kind: 'nf.count', add: { packets: 5, bytes: 300 } })
    })
    const input = lab.ns().netfilter.tables.filter?.chains.INPUT
    expect(input?.rules[0]?.counters).toEqual({ packets: 3, bytes: 252 })
    expect(input?.counters).toEqual({ packets: 5, bytes: 300 })
    expect(lab.ns().netfilter.tables.filter?.chains.OUTPUT?.counters).toEqual({
      packets: 0,
      bytes: 0,
    })
  })
})

describe('link.count', () => {
  it('starts a device’s statistics at its first packet and adds up', () => {
    const lab = kernelLab()
    const eth0 = linksOf(lab.ns()).find((l) => l.name === 'eth0')
    if (!eth0) throw new Error('no eth0')
    expect(eth0.stats).toBeUndefined()
    const at = { netns: INIT_NETNS, link: eth0.id } as const
    lab.apply((_tx, put) => {
      put({ ...at, kind: 'link.count', add: { txPackets: 1, txBytes: 98 } })
      put({
        ...at,
        kind: 'link.count',
        add: { rxPackets: 2, rxBytes: 196, txPackets: 1, txBytes: 98 },
      })
    })
    const after = linksOf(lab.ns()).find((l) => l.name === 'eth0')
    expect(after?.stats).toEqual({ rxPackets: 2, rxBytes: 196, txPackets: 2, txBytes: 196 })
    // Other devices keep their records.
    const lo = (ns: ReturnType<typeof lab.ns>) => linksOf(ns).find((l) => l.name === 'lo')
    expect(lo(lab.ns())?.stats).toBeUndefined()
  })
})

describe('ct.set and ct.flush', () => {
  it('keeps one entry per connection, in creation order, and collects the expired', () => {
    const lab = kernelLab()
    lab.apply((_tx, put) => {
      put({ kind: 'ct.set', netns: INIT_NETNS, entry: entry(7, 130), now: 100 })
      put({ kind: 'ct.set', netns: INIT_NETNS, entry: entry(8, 110), now: 100 })
      put({ kind: 'ct.set', netns: INIT_NETNS, entry: entry(7, 140), now: 105 })
    })
    expect(lab.ns().conntrack.map((e) => [e.orig.dst, e.expires])).toEqual([
      [7, 140],
      [8, 110],
    ])
    lab.apply((_tx, put) => {
      put({ kind: 'ct.set', netns: INIT_NETNS, entry: entry(9, 150), now: 120 })
    })
    expect(lab.ns().conntrack.map((e) => e.orig.dst)).toEqual([7, 9])
    lab.apply((_tx, put) => put({ kind: 'ct.flush', netns: INIT_NETNS }))
    expect(lab.ns().conntrack).toEqual([])
  })
})
