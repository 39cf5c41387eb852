// The name lookup a program makes before it sends, as its own trace (issue 5): to the embedded
// DNS on a user-defined network, to the host's nameserver on the default bridge.

import { describe, expect, it } from 'vitest'
import type { Trace } from '../../../src/engine'
import { createTestLab } from '../../helpers/lab'

const whats = (t: Trace | undefined): string[] => (t?.steps ?? []).map((s) => s.what)

describe('DNS lookups in traces', () => {
  it('on a user network: 127.0.0.11:53, DNAT to dockerd’s port in the container, answered from :53', () => {
    const lab = createTestLab()
    lab.run('docker network create net1')
    lab.run('docker run -d --name c1 --network net1 busybox sleep 1000')
    lab.run('docker run -d --name c2 --network net1 busybox sleep 1000')
    const port = /127\.0\.0\.11:(\d+)/.exec(lab.run('docker exec c1 netstat -lnu').stdout)?.[1]
    const { traces = [] } = lab.runTraced('docker exec c1 ping -c 1 c2')
    const [query, answer, echo] = traces
    expect(traces.map((t) => [t.direction ?? 'request', t.steps[0]?.packet.proto])).toEqual([
      ['request', 'udp'],
      ['reply', 'udp'],
      ['request', 'icmp'],
      ['reply', 'icmp'],
    ])
    expect(whats(query)).toEqual([
      '127.0.0.11 is local (on lo)',
      `netfilter OUTPUT: ACCEPT by nat DOCKER_OUTPUT rule #2 (-d 127.0.0.11/32 -p udp -m udp --dport 53 -j DNAT --to-destination 127.0.0.11:${port}), DNAT 127.0.0.11 → 127.0.0.11:${port}`,
      'netfilter POSTROUTING: ACCEPT by the nat POSTROUTING policy',
      'netfilter INPUT: ACCEPT by the nat INPUT policy',
      `delivered to dockerd listening on 127.0.0.11:${port}/udp`,
    ])
    expect(whats(answer).join('\n')).toContain(
      `conntrack undoes the connection's DNAT: source 127.0.0.11:${port} → 127.0.0.11:53`,
    )
    expect(echo?.verdict).toBe('delivered')
  })

  it('on the default bridge: to the host’s nameserver through MASQUERADE; the name is unknown there', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name d1 busybox sleep 1000')
    lab.run('docker run -d --name d2 busybox sleep 1000')
    const r = lab.runTraced('docker exec d1 ping -c 1 d2')
    expect(r.stderr).toBe("ping: bad address 'd2'\n")
    const [query, answer] = r.traces ?? []
    expect(query?.steps[0]?.what).toBe('route to 10.10.0.1 via 172.17.0.1 dev eth0')
    expect(whats(query).join('\n')).toContain('MASQUERADE source 172.17.0.2 → 10.10.0.11')
    expect(answer?.direction).toBe('reply')
    expect(answer?.verdict).toBe('delivered')
    // Why: the default bridge has no embedded DNS; the fix and its command come with the lookup.
    expect(query?.advice?.blocker).toMatch(/^d2 is a container, but d1 is on the default bridge/)
    expect(query?.advice?.command).toBe(
      'docker network create app && docker network connect app d1 && docker network connect app d2',
    )
  })

  it('not for a name in /etc/hosts, nor for an address', () => {
    const lab = createTestLab()
    lab.run('docker run -d --name d1 --add-host db:172.17.0.9 busybox sleep 1000')
    expect(
      lab.runTraced('docker exec d1 ping -c 1 db').traces?.map((t) => t.steps[0]?.packet.proto),
    ).toEqual(['icmp'])
    expect(lab.runTraced('docker exec d1 ping -c 1 172.17.0.9').traces).toHaveLength(1)
  })
})
