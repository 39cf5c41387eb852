// Netfilter evaluation at scale (packet tracer building block): one host with 20 networks and
// 1,000 containers, each publishing a port, built through the docker CLI; then single hooks and a
// whole forwarded path evaluated on its rule set. Target: a trace under 1 ms p95. Run with
// `npx vitest bench --run --project bench tests/bench/netfilter.bench.ts`.

import { bench, describe } from 'vitest'
import {
  evaluateHook,
  getNetns,
  INIT_NETNS,
  linksOf,
  parseIpv4,
  type NfContext,
  type NfPacket,
} from '../../src/engine'
import { createTestLab } from '../helpers/lab'

const NETWORKS = 20
const CONTAINERS = 1000

const ip = (text: string): number => parseIpv4(text) ?? 0

function build() {
  const lab = createTestLab()
  for (let n = 0; n < NETWORKS; n++)
    lab.run(`docker network create --subnet 10.${100 + n}.0.0/16 net${n}`)
  for (let i = 0; i < CONTAINERS; i++) {
    const cmd = `docker run -d --name c${i} --network net${i % NETWORKS} -p ${10000 + i}:80 nginx`
    const r = lab.run(cmd)
    if (r.exitCode !== 0) throw new Error(r.stderr)
  }
  const ns = getNetns(lab.world.hosts['host1' as never]?.kernel, INIT_NETNS)
  if (!ns) throw new Error('no host namespace')
  return ns
}

describe('netfilter evaluation, 20 networks × 1,000 containers with a published port each', () => {
  const t0 = performance.now()
  const ns = build()
  console.log(`built in ${Math.round(performance.now() - t0)} ms`)
  const nf = ns.netfilter
  const links = linksOf(ns)
  const locals = new Set(links.flatMap((l) => l.addrs.map((a) => a.cidr.addr)))
  const ctx = (ctState: NfContext['ctState']): NfContext => ({
    ctState,
    isLocal: (a) => a >>> 24 === 127 || locals.has(a),
  })
  const NEW = ctx('NEW')
  const ESTABLISHED = ctx('ESTABLISHED')
  const masq = (iface: string) => links.find((l) => l.name === iface)?.addrs[0]?.cidr.addr
  const br0 = links.find((l) => l.addrs[0]?.cidr.addr === ip('10.100.0.1'))?.name ?? ''
  const rules = Object.values(nf.tables).reduce(
    (sum, t) => sum + Object.values(t.chains).reduce((s, c) => s + c.rules.length, 0),
    0,
  )
  console.log(`${rules} rules; c0 (10.100.0.2 on ${br0}) has the oldest, last-listed port rule`)

  // c0's port rule was inserted first, so it is the last of filter DOCKER's ~1,000 ACCEPTs.
  const fromLan: NfPacket = {
    src: ip('10.10.0.50'),
    dst: ip('10.10.0.11'),
    proto: 'tcp',
    sport: 40000,
    dport: 10000,
    inIface: 'eth0',
  }
  const toC0: NfPacket = { ...fromLan, dst: ip('10.100.0.2'), dport: 80, outIface: br0 }
  const toInternet: NfPacket = {
    src: ip('10.100.0.2'),
    dst: ip('203.0.113.10'),
    proto: 'tcp',
    sport: 40000,
    dport: 443,
    inIface: br0,
    outIface: 'eth0',
  }
  const reply: NfPacket = { ...toC0, src: toC0.dst, dst: toC0.src, sport: 80, dport: 40000 }

  bench('FORWARD: LAN → published port of c0 (worst case: last port rule)', () => {
    evaluateHook(nf, 'FORWARD', toC0, NEW)
  })
  bench('FORWARD: container → Internet (DOCKER-FORWARD -i br ACCEPT)', () => {
    evaluateHook(nf, 'FORWARD', toInternet, NEW)
  })
  bench('FORWARD: ESTABLISHED reply (DOCKER-CT ACCEPT)', () => {
    evaluateHook(nf, 'FORWARD', { ...reply, inIface: 'eth0', outIface: br0 }, ESTABLISHED)
  })
  bench('whole path LAN → c0: PREROUTING (raw + DNAT) + FORWARD + POSTROUTING', () => {
    const pre = evaluateHook(nf, 'PREROUTING', fromLan, NEW)
    const p = { ...pre.packet, outIface: br0 }
    evaluateHook(nf, 'FORWARD', p, NEW)
    evaluateHook(nf, 'POSTROUTING', p, NEW, masq)
  })
})
