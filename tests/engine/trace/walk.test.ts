// The packet tracer on the worlds a learner builds: the first packet of a probe walked through
// routes, ARP, veth pairs, bridges and the host's netfilter hooks, to a socket or a drop.

import { describe, expect, it } from 'vitest'
import {
  formatIpv4,
  getEndpoint,
  traceProbe,
  type Probe,
  type Trace,
  type TraceEndpoint,
  type TraceStep,
} from '../../../src/engine'
import { createTestLab, type TestLab } from '../../helpers/lab'
import { container, host1, network } from '../../helpers/world'
import { HOST1, ip, labAfter, ctr } from '../../helpers/trace'

/** The container's address on a network. */
function ipOf(lab: TestLab, name: string, net: string): number {
  const id = container(lab, name).endpoints[network(lab, net).id]
  const addr = id === undefined ? undefined : getEndpoint(host1(lab).daemon, id)?.ipv4?.addr
  if (addr === undefined) throw new Error(`${name} has no address on ${net}`)
  return addr
}

/** The Linux bridge of a Docker network. */
const bridgeName = (lab: TestLab, net: string): string => {
  const br = network(lab, net).bridge
  if (!br) throw new Error(`${net} has no bridge`)
  return br.options.name
}

/** Steps as `kind` (netfilter steps as `netfilter HOOK VERDICT`). */
const kinds = (t: Trace): string[] =>
  t.steps.map((s) => (s.kind === 'netfilter' ? `netfilter ${s.hook} ${s.verdict}` : s.kind))

function stepOf<K extends TraceStep['kind']>(
  t: Trace,
  kind: K,
  n = 0,
): Extract<TraceStep, { kind: K }> {
  const found = t.steps.filter((s): s is Extract<TraceStep, { kind: K }> => s.kind === kind)[n]
  if (!found) throw new Error(`no ${kind} step #${n}`)
  return found
}

const hook = (t: Trace, name: string) => {
  const s = t.steps.find((x) => x.kind === 'netfilter' && x.hook === name)
  if (s?.kind !== 'netfilter') throw new Error(`no ${name} step`)
  return s
}

const trace = (lab: TestLab, probe: Probe): Trace => traceProbe(lab.world, probe)

describe('two containers on the default bridge', () => {
  const lab = labAfter(
    'docker run -d --name c1 busybox sleep 1000',
    'docker run -d --name c2 busybox sleep 1000',
  )
  const t = trace(lab, { from: ctr('c1'), to: ipOf(lab, 'c2', 'bridge'), proto: 'icmp' })

  it('crosses docker0 at L2, through the host FORWARD chain (br_netfilter), to the kernel', () => {
    expect(kinds(t)).toEqual([
      'route',
      'arp',
      'veth',
      'netfilter PREROUTING ACCEPT',
      'bridge',
      'netfilter FORWARD ACCEPT',
      'netfilter POSTROUTING ACCEPT',
      'veth',
      'route',
      'deliver',
    ])
    expect(t).toMatchObject({ verdict: 'delivered' })
    expect(t.reason).toBeUndefined()
  })

  it('takes the on-link route and ARPs for c2 itself', () => {
    expect(stepOf(t, 'route').what).toBe('route to 172.17.0.3 dev eth0')
    expect(stepOf(t, 'route').packet).toMatchObject({
      src: ip('172.17.0.2'),
      dst: ip('172.17.0.3'),
    })
    const arp = stepOf(t, 'arp')
    expect(arp.ip).toBe(ip('172.17.0.3'))
    expect(arp.answer).toMatchObject({ kind: 'link', netns: container(lab, 'c2').sandbox?.netns })
  })

  it('is bridged from c1 port to c2 port, accepted by DOCKER-FORWARD -i docker0', () => {
    const br = stepOf(t, 'bridge')
    expect(br.inPort).toBe(stepOf(t, 'veth', 0).to.link)
    expect(br.outPort).toBe(stepOf(t, 'veth', 1).from.link)
    const answer = stepOf(t, 'arp').answer
    expect(answer?.kind === 'link' && answer.mac).toBe(br.packet.dstMac)
    expect(br.packet.srcMac).toBe(stepOf(t, 'veth', 0).packet.srcMac)
    expect(hook(t, 'FORWARD').what).toBe(
      'netfilter FORWARD: ACCEPT by filter DOCKER-FORWARD rule #4 (-i docker0 -j ACCEPT)',
    )
    expect(stepOf(t, 'deliver')).toMatchObject({
      outcome: 'echo-reply',
      where: { netns: container(lab, 'c2').sandbox?.netns },
    })
  })
})

describe('a container on network A to a container IP on network B', () => {
  const lab = labAfter(
    'docker network create A',
    'docker network create B',
    'docker run -d --name c1 --network A busybox sleep 1000',
    'docker run -d --name c2 --network B busybox sleep 1000',
  )
  const c2 = ipOf(lab, 'c2', 'B')

  it('goes to the gateway br-A and is dropped by the raw PREROUTING direct-access rule', () => {
    const t = trace(lab, { from: ctr('c1'), to: c2, proto: 'icmp' })
    // c1 is on a user network: its namespace has the embedded DNS's nat rules, so the packet
    // passes its own OUTPUT and POSTROUTING hooks before it leaves.
    expect(kinds(t)).toEqual([
      'route',
      'netfilter OUTPUT ACCEPT',
      'netfilter POSTROUTING ACCEPT',
      'arp',
      'veth',
      'netfilter PREROUTING DROP',
      'drop',
    ])
    expect(stepOf(t, 'route').route?.via).toBe(ip('172.18.0.1'))
    expect(stepOf(t, 'arp').what).toContain(`${bridgeName(lab, 'A')} is at`)
    const rule = `-d ${formatIpv4(c2)}/32 ! -i ${bridgeName(lab, 'B')} -j DROP`
    expect(t.verdict).toBe('dropped')
    expect(t.reason).toContain('raw PREROUTING rule #')
    expect(t.reason).toContain(rule)
  })

  it('is delivered directly on bridge B once c1 is connected to B', () => {
    const r = lab.run('docker network connect B c1')
    expect(r.exitCode).toBe(0)
    const t = trace(lab, { from: ctr('c1'), to: c2, proto: 'icmp' })
    expect(kinds(t)).toEqual([
      'route',
      'netfilter OUTPUT ACCEPT',
      'netfilter POSTROUTING ACCEPT',
      'arp',
      'veth',
      'netfilter PREROUTING ACCEPT',
      'bridge',
      'netfilter FORWARD ACCEPT',
      'netfilter POSTROUTING ACCEPT',
      'veth',
      'netfilter PREROUTING ACCEPT',
      'route',
      'netfilter INPUT ACCEPT',
      'deliver',
    ])
    expect(stepOf(t, 'route').route?.via).toBeUndefined()
    expect(stepOf(t, 'route').what).toBe(`route to ${formatIpv4(c2)} dev eth1`)
    expect(hook(t, 'FORWARD').what).toContain(`-i ${bridgeName(lab, 'B')} -j ACCEPT`)
    expect(t.verdict).toBe('delivered')
  })
})

describe('out to the Internet and in from the LAN', () => {
  const lab = labAfter('docker run -d --name web -p 8080:80 nginx')
  const lan: TraceEndpoint = { kind: 'lan', ip: ip('10.10.0.50') }

  it('a container reaches 203.0.113.10:443, MASQUERADEd to 10.10.0.11 via eth0', () => {
    const t = trace(lab, { from: ctr('web'), to: ip('203.0.113.10'), proto: 'tcp', dport: 443 })
    expect(kinds(t)).toEqual([
      'route',
      'arp',
      'veth',
      'netfilter PREROUTING ACCEPT',
      'bridge',
      'route',
      'netfilter FORWARD ACCEPT',
      'netfilter POSTROUTING ACCEPT',
      'arp',
      'egress',
    ])
    expect(stepOf(t, 'bridge')).toMatchObject({ fdb: 'local' })
    expect(stepOf(t, 'route', 1).what).toBe('route to 203.0.113.10 via 10.10.0.1 dev eth0')
    const post = hook(t, 'POSTROUTING')
    expect(post.nat).toMatchObject({ kind: 'MASQUERADE' })
    expect(post.before.src).toBe(ip('172.17.0.2'))
    expect(post.packet.src).toBe(ip('10.10.0.11'))
    expect(stepOf(t, 'arp', 1).answer).toEqual({ kind: 'router', segment: 'lan' })
    expect(stepOf(t, 'egress')).toMatchObject({
      to: 'internet',
      packet: { src: ip('10.10.0.11'), dst: ip('203.0.113.10'), dport: 443, sport: 40000 },
    })
    expect(t.verdict).toBe('delivered')
  })

  it('the LAN reaches 10.10.0.11:8080: DNAT to 172.17.0.2:80, DOCKER port rule, nginx', () => {
    const t = trace(lab, { from: lan, to: ip('10.10.0.11'), proto: 'tcp', dport: 8080 })
    expect(kinds(t)).toEqual([
      'arp',
      'egress',
      'netfilter PREROUTING ACCEPT',
      'route',
      'netfilter FORWARD ACCEPT',
      'netfilter POSTROUTING ACCEPT',
      'arp',
      'bridge',
      'veth',
      'route',
      'deliver',
    ])
    const pre = hook(t, 'PREROUTING')
    expect(pre.nat).toMatchObject({ kind: 'DNAT', rule: { table: 'nat', chain: 'DOCKER' } })
    expect(pre.packet).toMatchObject({ dst: ip('172.17.0.2'), dport: 80 })
    expect(hook(t, 'FORWARD').what).toBe(
      'netfilter FORWARD: ACCEPT by filter DOCKER rule #1 (-d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT)',
    )
    expect(stepOf(t, 'deliver')).toMatchObject({
      outcome: 'accepted',
      socket: { proto: 'tcp', port: 80, local: '0.0.0.0' },
      what: 'delivered to nginx listening on 0.0.0.0:80/tcp',
      where: { netns: container(lab, 'web').sandbox?.netns },
    })
    expect(t.verdict).toBe('delivered')
  })

  it('the LAN to 10.10.0.11:8081 (not published) is refused by the host kernel', () => {
    const t = trace(lab, { from: lan, to: ip('10.10.0.11'), proto: 'tcp', dport: 8081 })
    expect(kinds(t)).toEqual([
      'arp',
      'egress',
      'netfilter PREROUTING ACCEPT',
      'route',
      'netfilter INPUT ACCEPT',
      'deliver',
    ])
    expect(stepOf(t, 'route')).toMatchObject({ local: true })
    expect(stepOf(t, 'deliver')).toMatchObject({ outcome: 'tcp-rst', where: { netns: 'ns0' } })
    expect(t).toMatchObject({ verdict: 'dropped', reason: 'connection refused' })
  })
})

describe('containers without a way out', () => {
  it('an --internal network has no default route: Network is unreachable', () => {
    const lab = labAfter(
      'docker network create --internal inside',
      'docker run -d --name c1 --network inside busybox sleep 1000',
    )
    const t = trace(lab, { from: ctr('c1'), to: ip('203.0.113.10'), proto: 'tcp', dport: 443 })
    expect(kinds(t)).toEqual(['route', 'drop'])
    expect(stepOf(t, 'route').route).toBeUndefined()
    expect(t).toMatchObject({ verdict: 'dropped', reason: 'Network is unreachable' })
  })

  it('a none-mode container has only lo: no route anywhere', () => {
    const lab = labAfter('docker run -d --name c1 --network none busybox sleep 1000')
    for (const to of ['172.17.0.1', '10.10.0.11', '203.0.113.10']) {
      const t = trace(lab, { from: ctr('c1'), to: ip(to), proto: 'icmp' })
      expect(kinds(t)).toEqual(['route', 'drop'])
      expect(t).toMatchObject({ verdict: 'dropped', reason: 'Network is unreachable' })
    }
  })

  it('a stopped container sends nothing', () => {
    const lab = labAfter('docker create --name c1 busybox')
    const t = trace(lab, { from: ctr('c1'), to: ip('172.17.0.1'), proto: 'icmp' })
    expect(t).toMatchObject({ verdict: 'dropped', reason: 'container c1 is not running' })
  })
})

describe('the host itself', () => {
  it('reaches a container on docker0 (OUTPUT, POSTROUTING, bridge from the bridge itself)', () => {
    const lab = labAfter('docker run -d --name web nginx')
    const t = trace(lab, {
      from: { kind: 'host', host: HOST1 },
      to: ip('172.17.0.2'),
      proto: 'tcp',
      dport: 80,
    })
    expect(kinds(t)).toEqual([
      'route',
      'netfilter OUTPUT ACCEPT',
      'netfilter POSTROUTING ACCEPT',
      'arp',
      'bridge',
      'veth',
      'route',
      'deliver',
    ])
    expect(stepOf(t, 'route').packet.src).toBe(ip('172.17.0.1'))
    expect(stepOf(t, 'bridge').inPort).toBeUndefined()
    expect(t.verdict).toBe('delivered')
  })

  it('pings its own address through lo', () => {
    const lab = createTestLab()
    const t = trace(lab, {
      from: { kind: 'host', host: HOST1 },
      to: ip('10.10.0.11'),
      proto: 'icmp',
    })
    expect(stepOf(t, 'route')).toMatchObject({ local: true })
    expect(stepOf(t, 'deliver').outcome).toBe('echo-reply')
    expect(t.verdict).toBe('delivered')
  })
})

describe('the userland proxy, host mode and icc=false', () => {
  it('host → localhost:8080 reaches docker-proxy (nat OUTPUT skips 127.0.0.0/8)', () => {
    const lab = labAfter('docker run -d --name web -p 8080:80 nginx')
    const t = trace(lab, {
      from: { kind: 'host', host: HOST1 },
      to: ip('127.0.0.1'),
      proto: 'tcp',
      dport: 8080,
    })
    expect(kinds(t)).toEqual([
      'route',
      'netfilter OUTPUT ACCEPT',
      'netfilter POSTROUTING ACCEPT',
      'netfilter INPUT ACCEPT',
      'deliver',
    ])
    expect(stepOf(t, 'route')).toMatchObject({ local: true })
    // The OUTPUT DOCKER jump has `! -d 127.0.0.0/8`: no DNAT, the proxy's socket takes it.
    expect(hook(t, 'OUTPUT').nat).toBeUndefined()
    expect(stepOf(t, 'deliver').what).toBe(
      'delivered to docker-proxy listening on 0.0.0.0:8080/tcp',
    )
  })

  it('a host-mode container sends from the host namespace, with the host address', () => {
    const lab = labAfter(
      'docker run -d --name web nginx',
      'docker run -d --name hn --network host busybox sleep 1000',
    )
    const t = trace(lab, { from: ctr('hn'), to: ip('172.17.0.2'), proto: 'icmp' })
    expect(stepOf(t, 'route').where.netns).toBe('ns0')
    expect(stepOf(t, 'route').packet.src).toBe(ip('172.17.0.1'))
    expect(t.verdict).toBe('delivered')
  })

  it('icc=false: two containers on the network are dropped in FORWARD', () => {
    const lab = labAfter(
      'docker network create -o com.docker.network.bridge.enable_icc=false quiet',
      'docker run -d --name c1 --network quiet busybox sleep 1000',
      'docker run -d --name c2 --network quiet busybox sleep 1000',
    )
    const t = trace(lab, { from: ctr('c1'), to: ipOf(lab, 'c2', 'quiet'), proto: 'icmp' })
    const forward = hook(t, 'FORWARD')
    expect(forward.verdict).toBe('DROP')
    const decided = forward.chain.filter((c) => c.kind === 'rule' && c.matched).pop()
    expect(decided).toMatchObject({ kind: 'rule', rule: { target: { kind: 'DROP' } } })
    expect(t.verdict).toBe('dropped')
  })
})
