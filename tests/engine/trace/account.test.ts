// What an exchange's packets leave behind: conntrack entries where netfilter confirmed the first
// packet, rule and policy counters for every packet (the nat table sees only the first), and
// device statistics on every device crossed.

import { describe, expect, it } from 'vitest'
import {
  accountExchange,
  getNetns,
  INIT_NETNS,
  liveEntries,
  pingTraffic,
  tcpTraffic,
  traceExchange,
  udpTraffic,
  type Exchange,
  type KernelOp,
  type Probe,
} from '../../../src/engine'
import { ok } from '../../../src/lib/result'
import { type TestLab } from '../../helpers/lab'
import { container, host1 } from '../../helpers/world'
import { HOST1, ip, labAfter, ctr } from '../../helpers/trace'

function commit(lab: TestLab, ops: readonly KernelOp[]): void {
  lab.engine.transact((tx) => {
    for (const op of ops) tx.apply(op)
    return ok(undefined)
  })
}

const hostNs = (lab: TestLab) => {
  const ns = getNetns(host1(lab).kernel, INIT_NETNS)
  if (!ns) throw new Error('no host netns')
  return ns
}

/** `table CHAIN #n` or `table CHAIN policy` → packets/bytes, for the counters that moved. */
function counted(ops: readonly KernelOp[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const op of ops)
    if (op.kind === 'nf.count')
      out[`${op.table} ${op.chain} ${op.rule === undefined ? 'policy' : `#${op.rule}`}`] =
        `${op.add.packets}/${op.add.bytes}`
  return out
}

describe('ping -c 4 from one container to another on docker0', () => {
  const lab = labAfter(
    'docker run -d --name c1 busybox sleep 1000',
    'docker run -d --name c2 busybox sleep 1000',
  )
  const ex = traceExchange(lab.world, { from: ctr('c1'), to: ip('172.17.0.3'), proto: 'icmp' })
  const ops = accountExchange(lab.world, ex, pingTraffic(4, 42))

  it('tracks the bridged flow in the host namespace (br_netfilter), not in the containers', () => {
    const ct = ops.filter((o) => o.kind === 'ct.set')
    expect(ct).toEqual([
      {
        kind: 'ct.set',
        host: HOST1,
        netns: INIT_NETNS,
        now: lab.world.clock,
        entry: {
          proto: 'icmp',
          orig: { src: ip('172.17.0.2'), dst: ip('172.17.0.3'), type: 8, code: 0, id: 42 },
          reply: { src: ip('172.17.0.3'), dst: ip('172.17.0.2'), type: 0, code: 0, id: 42 },
          seenReply: true,
          assured: false,
          expires: lab.world.clock + 30,
        },
      },
    ])
  })

  it('counts the first request as NEW, the 3 others and the 4 replies at DOCKER-CT', () => {
    expect(counted(ops)).toEqual({
      'raw PREROUTING policy': '8/672',
      // The nat table sees the connection's first packet only.
      'nat PREROUTING policy': '1/84',
      'nat POSTROUTING policy': '1/84',
      'filter FORWARD #1': '8/672',
      'filter FORWARD #2': '8/672',
      'filter DOCKER-FORWARD #1': '8/672',
      'filter DOCKER-CT #1': '7/588',
      'filter DOCKER-FORWARD #2': '1/84',
      'filter DOCKER-FORWARD #3': '1/84',
      'filter DOCKER-FORWARD #4': '1/84',
      // The jump to DOCKER-BRIDGE and its jump to DOCKER match; nothing in those chains does.
      'filter DOCKER-BRIDGE #1': '1/84',
    })
  })

  it('counts both ends of both veths, not docker0 itself (frames only bridged)', () => {
    const stats = ops.flatMap((o) => (o.kind === 'link.count' ? [[o.netns, o.link, o.add]] : []))
    const c1 = container(lab, 'c1').sandbox?.netns
    const c2 = container(lab, 'c2').sandbox?.netns
    const frames = { packets: 4, bytes: 4 * 98 }
    const both = {
      rxPackets: frames.packets,
      rxBytes: frames.bytes,
      txPackets: frames.packets,
      txBytes: frames.bytes,
    }
    expect(stats).toHaveLength(4)
    for (const [, , add] of stats) expect(add).toEqual(both)
    expect(stats.map(([netns]) => netns).sort()).toEqual([c1, c2, INIT_NETNS, INIT_NETNS].sort())
  })
})

describe('a container to the Internet and a published port from the LAN', () => {
  const lab = labAfter('docker run -d --name web -p 8080:80 nginx')

  it('MASQUERADE: the entry keeps the container as source and the host as reply destination', () => {
    const ex = traceExchange(
      lab.world,
      { from: ctr('web'), to: ip('203.0.113.10'), proto: 'tcp', dport: 443 },
      { outside: 'answers' },
    )
    const ops = accountExchange(lab.world, ex, tcpTraffic(ex, { kind: 'open' }))
    expect(ops.find((o) => o.kind === 'ct.set')).toMatchObject({
      netns: INIT_NETNS,
      entry: {
        proto: 'tcp',
        state: 'ESTABLISHED',
        expires: lab.world.clock + 432000,
        orig: { src: ip('172.17.0.2'), dst: ip('203.0.113.10'), sport: 40000, dport: 443 },
        reply: { src: ip('203.0.113.10'), dst: ip('10.10.0.11'), sport: 443, dport: 40000 },
        seenReply: true,
        assured: true,
      },
    })
    expect(counted(ops)).toMatchObject({
      'nat POSTROUTING #1': '1/60',
      'filter DOCKER-CT #1': '1/60',
      'filter DOCKER-ISOLATION-STAGE-1 #1': '2/112',
    })
  })

  it('DNAT: the entry has the published address first, the container in the reply tuple', () => {
    const lan = { kind: 'lan', ip: ip('10.10.0.50') } as const
    const probe: Probe = { from: lan, to: ip('10.10.0.11'), proto: 'tcp', dport: 8080 }
    const ex = traceExchange(lab.world, probe)
    const ops = accountExchange(
      lab.world,
      ex,
      tcpTraffic(ex, { kind: 'closed', sent: 80, received: 853 }),
    )
    expect(ops.find((o) => o.kind === 'ct.set')).toMatchObject({
      entry: {
        state: 'TIME_WAIT',
        expires: lab.world.clock + 120,
        orig: { src: ip('10.10.0.50'), dst: ip('10.10.0.11'), sport: 40000, dport: 8080 },
        reply: { src: ip('172.17.0.2'), dst: ip('10.10.0.50'), sport: 80, dport: 40000 },
        assured: true,
      },
    })
    // The SYN is accepted by the DOCKER port rule, the rest of the client's packets by DOCKER-CT.
    expect(counted(ops)).toMatchObject({
      'nat DOCKER #2': '1/60',
      'filter DOCKER #1': '1/60',
      'filter DOCKER-CT #1': '5/340',
    })
  })

  it('a refused connection leaves a CLOSE entry for 10 s', () => {
    const lan = { kind: 'lan', ip: ip('10.10.0.50') } as const
    const ex = traceExchange(lab.world, {
      from: lan,
      to: ip('10.10.0.11'),
      proto: 'tcp',
      dport: 81,
    })
    const ops = accountExchange(lab.world, ex, tcpTraffic(ex, { kind: 'open' }))
    expect(ops.find((o) => o.kind === 'ct.set')).toMatchObject({
      entry: { state: 'CLOSE', expires: lab.world.clock + 10, seenReply: true, assured: false },
    })
  })
})

describe('packets that do not get through', () => {
  it('a dropped SYN is confirmed only in the sender; every retransmission counts at the DROP rule', () => {
    const lab = labAfter(
      'docker network create A',
      'docker network create B',
      'docker run -d --name c1 --network A busybox sleep 1000',
      'docker run -d --name c2 --network B nginx',
    )
    const ex = traceExchange(lab.world, { from: ctr('c1'), to: ip('172.19.0.2'), proto: 'tcp' })
    expect(ex.request.verdict).toBe('dropped')
    const ops = accountExchange(lab.world, ex, tcpTraffic(ex, { kind: 'open' }))
    // Only c1's own conntrack (its namespace has the embedded DNS's nat table) saw the SYN go;
    // the host dropped it before confirming anything.
    expect(
      ops.flatMap((o) => (o.kind === 'ct.set' ? [[o.netns, o.entry.state ?? '-']] : [])),
    ).toEqual([['ns1', 'SYN_SENT']])
    // In c1, the nat table sees the first SYN only; the host's raw rule drops all seven.
    expect(counted(ops)).toEqual({
      'nat OUTPUT policy': '1/60',
      'nat POSTROUTING policy': '1/60',
      'raw PREROUTING #2': '7/420',
    })
  })

  it('an unanswered datagram leaves an [UNREPLIED] entry', () => {
    const lab = labAfter('docker run -d --name c1 busybox sleep 1000')
    const ex = traceExchange(lab.world, {
      from: ctr('c1'),
      to: ip('10.10.0.1'),
      proto: 'udp',
      dport: 53,
    })
    const ops = accountExchange(lab.world, ex, udpTraffic(ex, 30, 30))
    expect(ops.find((o) => o.kind === 'ct.set')).toMatchObject({
      entry: { proto: 'udp', seenReply: false, expires: lab.world.clock + 30 },
    })
  })
})

describe('the table in the kernel', () => {
  it('replaces the entry of the same connection and forgets expired ones', () => {
    const lab = labAfter(
      'docker run -d --name c1 busybox sleep 1000',
      'docker run -d --name c2 busybox sleep 1000',
    )
    const to = (dst: string): Exchange =>
      traceExchange(lab.world, { from: ctr('c1'), to: ip(dst), proto: 'icmp' })
    commit(lab, accountExchange(lab.world, to('172.17.0.3'), pingTraffic(1, 7)))
    commit(lab, accountExchange(lab.world, to('172.17.0.3'), pingTraffic(1, 7)))
    commit(lab, accountExchange(lab.world, to('8.8.8.8'), pingTraffic(1, 7)))
    const table = hostNs(lab).conntrack
    expect(table.map((e) => e.orig.dst)).toEqual([ip('172.17.0.3'), ip('8.8.8.8')])
    // Each commit advanced the clock a second: the 172.17.0.3 entry was refreshed 2 s ago.
    const now = lab.world.clock
    expect(liveEntries(table, now + 27)).toHaveLength(2)
    expect(liveEntries(table, now + 28).map((e) => e.orig.dst)).toEqual([ip('8.8.8.8')])
    expect(liveEntries(table, now + 29)).toEqual([])
  })
})
