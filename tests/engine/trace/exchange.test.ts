// Replies traced back: the answer to a probe walks from where the request ended to its sender,
// ESTABLISHED in the host's conntrack (RELATED for an ICMP error), past DOCKER-CT, with the
// request's MASQUERADE undone on the way in and its DNAT undone on the way out.

import { describe, expect, it } from 'vitest'
import {
  traceExchange,
  type Exchange,
  type Probe,
  type Trace,
  type TraceEndpoint,
  type TraceStep,
} from '../../../src/engine'
import { createTestLab, type TestLab } from '../../helpers/lab'
import { container } from '../../helpers/world'
import { HOST1, ip, labAfter, ctr } from '../../helpers/trace'

/** Steps as `kind` (netfilter steps as `netfilter HOOK VERDICT`). */
const kinds = (t: Trace | undefined): string[] =>
  (t?.steps ?? []).map((s) =>
    s.kind === 'netfilter' ? `netfilter ${s.hook} ${s.verdict}` : s.kind,
  )

function hook(t: Trace | undefined, name: string): Extract<TraceStep, { kind: 'netfilter' }> {
  const s = t?.steps.find((x) => x.kind === 'netfilter' && x.hook === name)
  if (s?.kind !== 'netfilter') throw new Error(`no ${name} step`)
  return s
}

const last = (t: Trace | undefined): TraceStep | undefined => t?.steps[t.steps.length - 1]

const exchange = (lab: TestLab, probe: Probe, outside?: 'answers' | 'silent'): Exchange =>
  traceExchange(lab.world, probe, outside ? { outside } : {})

describe('a ping between two containers on the default bridge', () => {
  const lab = labAfter(
    'docker run -d --name c1 busybox sleep 1000',
    'docker run -d --name c2 busybox sleep 1000',
  )
  const ex = exchange(lab, { from: ctr('c1'), to: ip('172.17.0.3'), proto: 'icmp' })

  it('keeps the request trace traceProbe gives', () => {
    expect(ex.request.verdict).toBe('delivered')
    expect(last(ex.request)).toMatchObject({ kind: 'deliver', outcome: 'echo-reply' })
  })

  it('walks the echo reply from c2 back to c1 through docker0', () => {
    expect(ex.answer).toBe('echo-reply')
    expect(ex.reply?.direction).toBe('reply')
    expect(kinds(ex.reply)).toEqual([
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
    expect(ex.reply?.steps[0]).toMatchObject({
      what: 'route to 172.17.0.2 dev eth0',
      packet: { src: ip('172.17.0.3'), dst: ip('172.17.0.2'), proto: 'icmp' },
      where: { netns: container(lab, 'c2').sandbox?.netns },
    })
    expect(last(ex.reply)).toMatchObject({
      kind: 'deliver',
      outcome: 'accepted',
      what: 'the echo reply from 172.17.0.3 reaches the pinging socket',
      where: { netns: container(lab, 'c1').sandbox?.netns },
    })
    expect(ex.reply?.verdict).toBe('delivered')
  })

  it('is ESTABLISHED: DOCKER-CT accepts it, the nat table is not consulted', () => {
    expect(hook(ex.reply, 'FORWARD').what).toBe(
      'netfilter FORWARD: ACCEPT by filter DOCKER-CT rule #1 (-o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT)',
    )
    expect(hook(ex.reply, 'PREROUTING').chain).toContainEqual({
      kind: 'skip',
      table: 'nat',
      chain: 'PREROUTING',
      ctState: 'ESTABLISHED',
    })
  })

  it('finds c1 in the FDB: the bridge learnt its MAC from the request', () => {
    const br = ex.reply?.steps.find((s) => s.kind === 'bridge')
    expect(br).toMatchObject({ kind: 'bridge', fdb: 'hit' })
  })
})

describe('a container to the Internet (MASQUERADE) and back', () => {
  const lab = labAfter('docker run -d --name web -p 8080:80 nginx')
  const probe: Probe = { from: ctr('web'), to: ip('203.0.113.10'), proto: 'tcp', dport: 443 }

  it('is not answered by default: the lab runs no server on the Internet', () => {
    const ex = exchange(lab, probe)
    expect(ex.request.verdict).toBe('delivered')
    expect(ex.answer).toBeUndefined()
    expect(ex.reply).toBeUndefined()
  })

  it('comes back through the router to eth0, where conntrack undoes the MASQUERADE', () => {
    const ex = exchange(lab, probe, 'answers')
    expect(ex.answer).toBe('syn-ack')
    expect(kinds(ex.reply)).toEqual([
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
    expect(ex.reply?.steps[1]).toMatchObject({
      kind: 'egress',
      what: 'on the LAN lan to host1 eth0',
      packet: { src: ip('203.0.113.10'), dst: ip('10.10.0.11'), sport: 443, dport: 40000 },
    })
    const pre = hook(ex.reply, 'PREROUTING')
    expect(pre.what).toBe(
      "netfilter PREROUTING: ACCEPT by the raw PREROUTING policy, conntrack undoes the connection's SNAT: destination 10.10.0.11:40000 → 172.17.0.2:40000",
    )
    expect(pre.bound).toMatchObject({ kind: 'SNAT', reverse: true })
    expect(pre.packet).toMatchObject({ dst: ip('172.17.0.2'), dport: 40000 })
    expect(hook(ex.reply, 'FORWARD').what).toContain('filter DOCKER-CT rule #1')
    expect(last(ex.reply)).toMatchObject({
      kind: 'deliver',
      what: 'the SYN-ACK from 203.0.113.10:443 reaches the connecting socket 172.17.0.2:40000: connected',
      where: { netns: container(lab, 'web').sandbox?.netns },
    })
  })

  it('answers a ping by default', () => {
    const ex = exchange(lab, { from: ctr('web'), to: ip('203.0.113.10'), proto: 'icmp' })
    expect(ex.answer).toBe('echo-reply')
    expect(ex.reply?.verdict).toBe('delivered')
  })
})

describe('the LAN to a published port (DNAT) and back', () => {
  const lab = labAfter('docker run -d --name web -p 8080:80 nginx')
  const lan: TraceEndpoint = { kind: 'lan', ip: ip('10.10.0.50') }

  it('leaves nginx for the gateway, is routed out of eth0 and un-DNATed in POSTROUTING', () => {
    const ex = exchange(lab, { from: lan, to: ip('10.10.0.11'), proto: 'tcp', dport: 8080 })
    expect(ex.answer).toBe('syn-ack')
    expect(kinds(ex.reply)).toEqual([
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
    expect(ex.reply?.steps[0]).toMatchObject({
      what: 'route to 10.10.0.50 via 172.17.0.1 dev eth0',
      packet: { src: ip('172.17.0.2'), sport: 80, dst: ip('10.10.0.50'), dport: 40000 },
    })
    expect(hook(ex.reply, 'FORWARD').what).toBe(
      'netfilter FORWARD: ACCEPT by filter DOCKER-FORWARD rule #4 (-i docker0 -j ACCEPT)',
    )
    const post = hook(ex.reply, 'POSTROUTING')
    expect(post.what).toBe(
      "netfilter POSTROUTING: ACCEPT, conntrack undoes the connection's DNAT: source 172.17.0.2:80 → 10.10.0.11:8080",
    )
    // Not MASQUERADEd on the way out, although -s 172.17.0.0/16 ! -o docker0 would match.
    expect(post.nat).toBeUndefined()
    expect(last(ex.reply)).toMatchObject({
      kind: 'egress',
      to: 'lan',
      packet: { src: ip('10.10.0.11'), sport: 8080, dst: ip('10.10.0.50'), dport: 40000 },
    })
  })

  it('an unpublished port: the host kernel answers with an RST, which travels back', () => {
    const ex = exchange(lab, { from: lan, to: ip('10.10.0.11'), proto: 'tcp', dport: 8081 })
    expect(ex.request).toMatchObject({ verdict: 'dropped', reason: 'connection refused' })
    expect(ex.answer).toBe('rst')
    expect(kinds(ex.reply)).toEqual([
      'route',
      'netfilter OUTPUT ACCEPT',
      'netfilter POSTROUTING ACCEPT',
      'arp',
      'egress',
    ])
    expect(last(ex.reply)).toMatchObject({ packet: { src: ip('10.10.0.11'), sport: 8081 } })
  })

  it('a port nobody may reach gets no answer at all', () => {
    const ex = exchange(lab, { from: lan, to: ip('172.17.0.2'), proto: 'tcp', dport: 80 })
    expect(ex.request.verdict).toBe('dropped')
    expect(ex.answer).toBeUndefined()
    expect(ex.reply).toBeUndefined()
  })
})

describe('answers from the kernel', () => {
  it('a UDP datagram to a closed port comes back as a RELATED ICMP port unreachable', () => {
    const lab = labAfter('docker run -d --name c1 busybox sleep 1000')
    const ex = exchange(lab, { from: ctr('c1'), to: ip('172.17.0.1'), proto: 'udp', dport: 99 })
    expect(ex.answer).toBe('port-unreachable')
    expect(ex.reply?.steps[0]?.packet).toEqual({
      src: ip('172.17.0.1'),
      dst: ip('172.17.0.2'),
      proto: 'icmp',
    })
    expect(hook(ex.reply, 'OUTPUT').chain).toContainEqual({
      kind: 'skip',
      table: 'nat',
      chain: 'OUTPUT',
      ctState: 'RELATED',
    })
    expect(last(ex.reply)).toMatchObject({
      what: 'the ICMP port unreachable from 172.17.0.1 reaches the sender: Connection refused',
    })
  })

  it('the host pinging itself: the reply goes through lo and INPUT', () => {
    const lab = createTestLab()
    const ex = exchange(lab, {
      from: { kind: 'host', host: HOST1 },
      to: ip('10.10.0.11'),
      proto: 'icmp',
    })
    expect(kinds(ex.reply)).toEqual([
      'route',
      'netfilter OUTPUT ACCEPT',
      'netfilter POSTROUTING ACCEPT',
      'netfilter INPUT ACCEPT',
      'deliver',
    ])
  })
})
