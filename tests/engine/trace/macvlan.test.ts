// Traces over macvlan and ipvlan networks on the two-host LAN (public/worlds/two-hosts.json):
// a LAN host reaches a container on its own address, the container reaches the LAN and the
// Internet through the router, children of one parent meet inside the host (bridge mode), and
// the host never reaches its own children (libnetwork/docs/macvlan.md).

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  createEngine,
  getNetns,
  hostId,
  INIT_NETNS,
  linksOf,
  lookupContainer,
  traceExchange,
  traceProbe,
  type Engine,
  type HostId,
  type Link,
  type Probe,
  type Trace,
  type TraceStep,
} from '../../../src/engine'
import { createSession } from '../../../src/cli'
import { parseWorldFile } from '../../../src/scenarios/world-file'
import { ip } from '../../helpers/trace'

const H1 = hostId('host1')
const H2 = hostId('host2')

function twoHosts(...steps: [HostId, string][]): Engine {
  const parsed = parseWorldFile(readFileSync('public/worlds/two-hosts.json', 'utf8'))
  if (!parsed.ok) throw new Error(parsed.error)
  const e = createEngine({ seed: 1, spec: parsed.spec })
  for (const [host, line] of steps) {
    const r = createSession(e, host).run(line)
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`)
  }
  return e
}

const ctr = (host: HostId, container: string) => ({ kind: 'container', host, container }) as const
const fromHost = (host: HostId) => ({ kind: 'host', host }) as const

function nsOf(e: Engine, host: HostId, name: string) {
  const h = e.world.hosts[host]
  const found = h && lookupContainer(h.daemon, name)
  if (found?.kind !== 'found' || !found.container.sandbox) throw new Error(`${name} not running`)
  return found.container.sandbox.netns
}

function eth0Of(e: Engine, host: HostId, name: string): Link {
  const l = linksOf(getNetns(e.world.hosts[host]?.kernel, nsOf(e, host, name))).find(
    (x) => x.name === 'eth0',
  )
  if (!l) throw new Error(`${name} has no eth0`)
  return l
}

function nic(e: Engine, host: HostId): Link {
  const l = linksOf(getNetns(e.world.hosts[host]?.kernel, INIT_NETNS)).find(
    (x) => x.name === 'eth0',
  )
  if (!l) throw new Error(`${host} has no eth0`)
  return l
}

/** Steps as `kind` (netfilter steps left out: the container namespaces add their own). */
const kinds = (t: Trace): string[] =>
  t.steps.filter((s) => s.kind !== 'netfilter').map((s) => s.kind)

function stepOf<K extends TraceStep['kind']>(t: Trace, kind: K, n = 0) {
  const found = t.steps.filter((s): s is Extract<TraceStep, { kind: K }> => s.kind === kind)[n]
  if (!found) throw new Error(`no ${kind} step #${n}`)
  return found
}

const icmp = (from: Probe['from'], to: string): Probe => ({ from, to: ip(to), proto: 'icmp' })

const MV =
  'docker network create -d macvlan --subnet 10.10.0.0/24 --gateway 10.10.0.1 -o parent=eth0 mv'

describe('a macvlan container on host1, seen from the LAN', () => {
  const e = twoHosts(
    [H1, MV],
    [H1, 'docker run -d --name web --network mv --ip 10.10.0.50 nginx'],
    [H1, 'docker run -d --name web2 --network mv --ip 10.10.0.51 nginx'],
  )

  it('host2 reaches it on its own address: the child answers ARP with its own MAC', () => {
    const ex = traceExchange(e.world, icmp(fromHost(H2), '10.10.0.50'))
    const child = eth0Of(e, H1, 'web')
    expect(kinds(ex.request)).toEqual(['route', 'arp', 'egress', 'route', 'deliver'])
    expect(stepOf(ex.request, 'arp')).toMatchObject({
      what: `ARP who-has 10.10.0.50 on eth0: eth0 of container web on host1 (macvlan on eth0) is at ${child.mac}`,
      answer: { kind: 'link', netns: nsOf(e, H1, 'web'), link: child.id, mac: child.mac },
    })
    expect(stepOf(ex.request, 'egress')).toMatchObject({
      packet: { srcMac: nic(e, H2).mac, dstMac: child.mac },
      into: { host: H1, netns: nsOf(e, H1, 'web'), link: child.id },
    })
    expect(stepOf(ex.request, 'deliver').outcome).toBe('echo-reply')
    expect(ex.reply?.verdict).toBe('delivered')
    // The answer leaves through host1's cable with the child's MAC, straight to host2.
    expect(stepOf(ex.reply as Trace, 'egress')).toMatchObject({
      where: { host: H1, netns: nsOf(e, H1, 'web'), link: child.id, segment: 'lan' },
      packet: { src: ip('10.10.0.50'), srcMac: child.mac, dstMac: nic(e, H2).mac },
      into: { host: H2, link: nic(e, H2).id },
    })
  })

  it('ping from host2 works and each side learns the other (in its own kernel)', () => {
    const e2 = twoHosts(
      [H1, MV],
      [H1, 'docker run -d --name web --network mv --ip 10.10.0.50 busybox sleep 1000'],
    )
    const r = createSession(e2, H2).run('ping -c 1 10.10.0.50')
    expect(r.stdout).toContain('1 packets transmitted, 1 received')
    const child = eth0Of(e2, H1, 'web')
    expect(createSession(e2, H2).run('ip neigh').stdout).toBe(
      `10.10.0.50 dev eth0 lladdr ${child.mac} REACHABLE \n`,
    )
    const ns = getNetns(e2.world.hosts[H1]?.kernel, nsOf(e2, H1, 'web'))
    expect(ns?.neigh).toContainEqual({
      ip: ip('10.10.0.12'),
      dev: child.id,
      mac: nic(e2, H2).mac,
      state: 'STALE',
    })
    expect(getNetns(e2.world.hosts[H2]?.kernel, INIT_NETNS)?.neigh).toHaveLength(1)
  })

  it('the container reaches host2, and the Internet through the LAN router', () => {
    expect(traceExchange(e.world, icmp(ctr(H1, 'web'), '10.10.0.12')).reply?.verdict).toBe(
      'delivered',
    )
    const out = traceExchange(e.world, icmp(ctr(H1, 'web'), '8.8.8.8'))
    expect(stepOf(out.request, 'route').what).toBe('route to 8.8.8.8 via 10.10.0.1 dev eth0')
    expect(stepOf(out.request, 'egress')).toMatchObject({
      to: 'internet',
      packet: { src: ip('10.10.0.50'), srcMac: eth0Of(e, H1, 'web').mac },
    })
    expect(out.reply?.verdict).toBe('delivered')
  })

  it('children of one parent in bridge mode meet inside the host, never on the wire', () => {
    const t = traceProbe(e.world, { from: ctr(H1, 'web'), to: ip('10.10.0.51'), proto: 'tcp' })
    expect(kinds(t)).toEqual(['route', 'arp', 'veth', 'route', 'deliver'])
    expect(stepOf(t, 'veth')).toMatchObject({
      what: 'eth0 → eth0 of container web2: macvlan bridge mode switches frames between the children of eth0 inside host1, never on the wire',
      to: { netns: nsOf(e, H1, 'web2'), link: eth0Of(e, H1, 'web2').id },
    })
    expect(stepOf(t, 'deliver').what).toBe('delivered to nginx listening on 0.0.0.0:80/tcp')
  })

  it('host1 cannot reach its own child through the parent', () => {
    const t = traceProbe(e.world, icmp(fromHost(H1), '10.10.0.50'))
    expect(t.verdict).toBe('dropped')
    expect(t.reason).toBe(
      'ARP who-has 10.10.0.50 on eth0: no answer: a macvlan child never hears its own parent eth0 (10.10.0.50 is eth0 of container web) — the kernel does not loop frames between a parent and its macvlan devices; give the host a macvlan interface of its own to reach it',
    )
  })

  it('nor the child its host', () => {
    const t = traceProbe(e.world, icmp(ctr(H1, 'web'), '10.10.0.11'))
    expect(t.reason).toBe(
      "ARP who-has 10.10.0.11 on eth0: no answer: a parent never hears its own macvlan children (10.10.0.11 is host1's eth0, under this macvlan device) — the kernel does not loop frames between a parent and its macvlan devices; give the host a macvlan interface of its own to reach it",
    )
  })
})

describe('macvlan modes between children of one parent', () => {
  it('private: never', () => {
    const e = twoHosts(
      [
        H1,
        'docker network create -d macvlan --subnet 10.10.0.0/24 -o parent=eth0 -o macvlan_mode=private mv',
      ],
      [H1, 'docker run -d --name c1 --network mv busybox sleep 1000'],
      [H1, 'docker run -d --name c2 --network mv busybox sleep 1000'],
    )
    const t = traceProbe(e.world, icmp(ctr(H1, 'c1'), '10.10.0.3'))
    expect(kinds(t)).toEqual(['route', 'arp', 'drop'])
    expect(t.reason).toBe(
      'ARP who-has 10.10.0.3 on eth0: no answer: macvlan private mode: the children of eth0 never reach each other (10.10.0.3 is eth0 of container c2)',
    )
  })

  it('vepa: only through a switch that sends frames back, which the LAN does not', () => {
    const e = twoHosts(
      [
        H1,
        'docker network create -d macvlan --subnet 10.10.0.0/24 -o parent=eth0 -o macvlan_mode=vepa mv',
      ],
      [H1, 'docker run -d --name c1 --network mv busybox sleep 1000'],
      [H1, 'docker run -d --name c2 --network mv busybox sleep 1000'],
    )
    const t = traceProbe(e.world, icmp(ctr(H1, 'c1'), '10.10.0.3'))
    expect(t.reason).toContain('macvlan vepa mode: the frame for 10.10.0.3')
    expect(t.reason).toContain('hairpin')
    // Other hosts are reached as in bridge mode.
    expect(traceProbe(e.world, icmp(ctr(H1, 'c1'), '10.10.0.12')).verdict).toBe('delivered')
  })

  it('no parent: children meet on the dummy, nothing leaves it', () => {
    const e = twoHosts(
      [H1, 'docker network create -d macvlan --subnet 10.30.0.0/24 inner'],
      [H1, 'docker run -d --name c1 --network inner busybox sleep 1000'],
      [H1, 'docker run -d --name c2 --network inner busybox sleep 1000'],
    )
    expect(traceProbe(e.world, icmp(ctr(H1, 'c1'), '10.30.0.2')).verdict).toBe('delivered')
    const lost = traceProbe(e.world, icmp(ctr(H1, 'c1'), '10.30.0.9'))
    expect(lost.reason).toMatch(
      /^eth0 is stacked on the dummy dm-[0-9a-f]{12}, which discards what it is sent: a macvlan network without -o parent only joins its own containers$/,
    )
    expect(traceProbe(e.world, icmp(ctr(H1, 'c1'), '8.8.8.8')).reason).toBe(
      'Network is unreachable',
    )
  })
})

describe('802.1Q: macvlan on eth0.10', () => {
  const v10 =
    'docker network create -d macvlan --subnet 10.10.0.0/24 --gateway 10.10.0.1 -o parent=eth0.10 v10'
  const e = twoHosts(
    [H1, v10],
    [H1, 'docker run -d --name a10 --network v10 --ip 10.10.0.91 nginx'],
    [H2, v10],
    [H2, 'docker run -d --name b10 --network v10 --ip 10.10.0.92 nginx'],
  )

  it('reaches the same VLAN on another host, tagged on the wire', () => {
    const ex = traceExchange(e.world, icmp(ctr(H1, 'a10'), '10.10.0.92'))
    expect(stepOf(ex.request, 'egress').what).toBe(
      'on the LAN lan, tagged VLAN 10, to eth0 of container b10 on host2 (macvlan on eth0.10)',
    )
    expect(ex.reply?.verdict).toBe('delivered')
  })

  it('does not reach the untagged LAN', () => {
    expect(traceProbe(e.world, icmp(ctr(H1, 'a10'), '10.10.0.12')).reason).toBe(
      "ARP who-has 10.10.0.12 on eth0: no answer: 10.10.0.12 is host2's eth0, in the untagged LAN: frames of VLAN 10 do not reach it",
    )
    expect(traceProbe(e.world, icmp(ctr(H1, 'a10'), '8.8.8.8')).reason).toBe(
      'no ARP reply for 10.10.0.1 in VLAN 10: nothing on the LAN lan answers in that VLAN (its router and machines are untagged)',
    )
  })
})

describe('carrier', () => {
  it('follows the stack: a child whose eth0.10 is down sends nothing', () => {
    const e = twoHosts(
      [H1, 'docker network create -d macvlan --subnet 10.10.0.0/24 -o parent=eth0.10 v10'],
      [H1, 'docker run -d --name c1 --network v10 busybox sleep 1000'],
      [H1, 'ip link set eth0.10 down'],
    )
    expect(traceProbe(e.world, icmp(ctr(H1, 'c1'), '10.10.0.12')).reason).toBe(
      'eth0 has no carrier: eth0.10 below it is down',
    )
  })
})

describe('ipvlan l2', () => {
  const e = twoHosts(
    [H1, 'docker network create -d ipvlan --subnet 10.10.0.0/24 -o parent=eth0 iv'],
    [H1, 'docker run -d --name c1 --network iv --ip 10.10.0.70 nginx'],
    [H1, 'docker run -d --name c2 --network iv --ip 10.10.0.71 nginx'],
  )

  it('answers ARP from the LAN with the parent MAC', () => {
    const t = traceProbe(e.world, icmp(fromHost(H2), '10.10.0.70'))
    expect(t.verdict).toBe('delivered')
    expect(stepOf(t, 'arp').answer).toMatchObject({ mac: nic(e, H1).mac })
  })

  it('slaves of one parent meet inside the host (flag bridge)', () => {
    const t = traceProbe(e.world, icmp(ctr(H1, 'c1'), '10.10.0.71'))
    expect(kinds(t)).toEqual(['route', 'arp', 'veth', 'route', 'deliver'])
    expect(stepOf(t, 'veth').packet).toMatchObject({
      srcMac: nic(e, H1).mac,
      dstMac: nic(e, H1).mac,
    })
  })

  it('the host does not reach its slaves', () => {
    expect(traceProbe(e.world, icmp(fromHost(H1), '10.10.0.70')).reason).toContain(
      'an ipvlan child never hears its own parent eth0',
    )
  })

  it('flag private: slaves never reach each other', () => {
    const p = twoHosts(
      [
        H1,
        'docker network create -d ipvlan --subnet 10.10.0.0/24 -o ipvlan_flag=private -o parent=eth0 iv',
      ],
      [H1, 'docker run -d --name c1 --network iv busybox sleep 1000'],
      [H1, 'docker run -d --name c2 --network iv busybox sleep 1000'],
    )
    expect(traceProbe(p.world, icmp(ctr(H1, 'c1'), '10.10.0.3')).reason).toBe(
      'ipvlan private flag: the slaves of eth0 never reach each other (ipvlan_xmit_mode_l2 drops the frame for eth0 of container c2)',
    )
  })
})

describe('ipvlan l3', () => {
  const L3 =
    'docker network create -d ipvlan --subnet 192.168.50.0/24 -o ipvlan_mode=l3 -o parent=eth0 l3'
  const e = twoHosts(
    [H1, L3],
    [H1, 'docker run -d --name c1 --network l3 nginx'],
    [H1, 'docker run -d --name c2 --network l3 nginx'],
    [H2, 'ip route add 192.168.50.0/24 via 10.10.0.11'],
  )

  it('hands a packet for another slave straight to it, without ARP', () => {
    const t = traceProbe(e.world, icmp(ctr(H1, 'c1'), '192.168.50.2'))
    expect(kinds(t)).toEqual(['route', 'veth', 'route', 'deliver'])
  })

  it('routes everything else in the host namespace, out of eth0 with its MAC', () => {
    const ex = traceExchange(e.world, icmp(ctr(H1, 'c1'), '10.10.0.12'))
    expect(kinds(ex.request)).toEqual(['route', 'route', 'arp', 'egress', 'route', 'deliver'])
    expect(stepOf(ex.request, 'route', 1)).toMatchObject({
      where: { host: H1, netns: INIT_NETNS, link: nic(e, H1).id },
      what: "ipvlan l3: eth0 hands the packet to host1's stack, which routes it out of eth0: route to 10.10.0.12 dev eth0",
    })
    const hooks = ex.request.steps.filter(
      (s) => s.kind === 'netfilter' && s.where.host === H1 && s.where.netns === INIT_NETNS,
    )
    expect(hooks.map((s) => s.kind === 'netfilter' && s.hook)).toEqual(['OUTPUT', 'POSTROUTING'])
    expect(stepOf(ex.request, 'egress').packet).toMatchObject({
      src: ip('192.168.50.1'),
      srcMac: nic(e, H1).mac,
    })
    // host2 answers through its route via host1; host1's eth0 hands it to the slave.
    expect(ex.reply?.verdict).toBe('delivered')
    expect(stepOf(ex.reply as Trace, 'veth').what).toBe(
      "eth0: its ipvlan port hands the packet for 192.168.50.1 to the slave eth0 of container c1 (a lookup of the destination address; host1's own stack never sees it)",
    )
  })

  it('is not found by ARP on the LAN: l3 slaves are NOARP', () => {
    const lan = twoHosts(
      [
        H1,
        'docker network create -d ipvlan --subnet 10.10.0.0/24 -o ipvlan_mode=l3 -o parent=eth0 l3',
      ],
      [H1, 'docker run -d --name c1 --network l3 --ip 10.10.0.80 busybox sleep 1000'],
    )
    expect(traceProbe(lan.world, icmp(fromHost(H2), '10.10.0.80')).reason).toBe(
      "ARP who-has 10.10.0.80 on eth0: no answer: 10.10.0.80 is eth0 of container c1, an ipvlan l3 slave of eth0: l3 slaves never answer ARP (NOARP), the LAN reaches them through a route via host1's 10.10.0.11",
    )
  })
})
