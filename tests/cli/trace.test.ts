// `trace FROM TO` in the host shell: a probe from names and addresses, one line per step, and the
// verdict; only the host userland has it.

import { describe, expect, it } from 'vitest'
import { labAfter } from '../helpers/trace'

describe('trace', () => {
  const lab = labAfter(
    'docker run -d --name c1 busybox sleep 1000',
    'docker run -d --name web -p 8080:80 nginx',
  )

  it('prints each step and the refusal of an unpublished port', () => {
    const { traces, ...printed } = lab.runTraced('trace lan 10.10.0.11:8081')
    // The request, refused, and the RST that carries the refusal back to the LAN machine.
    expect(traces?.map((t) => [t.direction ?? 'request', t.verdict])).toEqual([
      ['request', 'dropped'],
      ['reply', 'delivered'],
    ])
    expect(printed).toEqual({
      stdout: [
        '1. lan: ARP who-has 10.10.0.11 on lan (from 10.10.0.50): host1 eth0 is at ae:60:09:aa:0b:07',
        '2. lan: on the LAN lan to host1 eth0',
        '3. host1: netfilter PREROUTING: ACCEPT by the nat PREROUTING policy',
        '4. host1: 10.10.0.11 is local (on eth0)',
        '5. host1: netfilter INPUT: ACCEPT by the nat INPUT policy',
        '6. host1: no socket listens on 10.10.0.11 tcp/8081: the kernel answers with TCP RST',
        'verdict: dropped (connection refused)',
        'reply:',
        '7. host1: route to 10.10.0.50 dev eth0',
        '8. host1: netfilter OUTPUT: ACCEPT by the filter OUTPUT policy',
        '9. host1: netfilter POSTROUTING: ACCEPT',
        '10. host1: ARP who-has 10.10.0.50 on eth0: a machine on the LAN answers',
        '11. host1: leaves on the LAN lan to 10.10.0.50',
        'reply verdict: delivered',
        'why: Nothing listens on host1 (10.10.0.11) tcp/8081: its kernel answers with a TCP RST.',
        'fix: Use a port host1 (10.10.0.11) listens on (tcp/8080), or start a server on tcp/8081.',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 1,
    })
  })

  it('follows a published port from the LAN to nginx in web', () => {
    const r = lab.run('trace lan host:8080')
    const rows = r.stdout.trimEnd().split('\n')
    expect(rows[2]).toContain('DNAT 10.10.0.11 → 172.17.0.3:80')
    const verdict = rows.indexOf('verdict: delivered')
    expect(rows[verdict - 1]).toBe('11. web: delivered to nginx listening on 0.0.0.0:80/tcp')
    // The SYN-ACK goes back with its source un-DNATed by conntrack.
    expect(rows[verdict + 1]).toBe('reply:')
    expect(r.stdout).toContain(
      "conntrack undoes the connection's DNAT: source 172.17.0.3:80 → 10.10.0.11:8080",
    )
    expect(rows[rows.length - 1]).toBe('reply verdict: delivered')
    expect(r.exitCode).toBe(0)
  })

  it('takes container names, internet and --proto/--port', () => {
    const ping = lab.run('trace c1 web')
    expect(ping.stdout).toMatch(/^1\. c1: route to 172\.17\.0\.3 dev eth0\n/)
    expect(ping.stdout).toContain('web: the kernel answers the echo request to 172.17.0.3\n')
    const out = lab.run('trace c1 internet --port 443')
    expect(out.stdout).toContain('MASQUERADE source 172.17.0.2 → 10.10.0.11')
    expect(out.stdout).toContain(
      'host1: leaves on the LAN lan through the router 10.10.0.1 to the Internet\nverdict: delivered\n',
    )
    const udp = lab.run('trace 10.10.0.50 host --proto udp --port 53')
    expect(udp.stdout).toContain('verdict: dropped (port unreachable)\n')
    expect(udp.exitCode).toBe(1)
  })

  it('takes the host by its name too', () => {
    expect(lab.run('trace host1 c1').stdout).toMatch(/\nverdict: delivered\n/)
    expect(lab.run('trace c1 host1').stdout).toMatch(
      /^1\. c1: route to 10\.10\.0\.11 via 172\.17\.0\.1 dev eth0\n/,
    )
  })

  it('explains bad arguments', () => {
    expect(lab.run('trace').exitCode).toBe(2)
    expect(lab.run('trace').stdout).toBe('')
    expect(lab.run('trace').stderr).toMatch(/^Usage: trace FROM TO/)
    expect(lab.run('trace nope host').stderr).toBe("trace: unknown source 'nope'\n")
    expect(lab.run('trace c1 nope').stderr).toBe("trace: unknown destination 'nope'\n")
    expect(lab.run('trace c1 web --proto sctp').stderr).toBe(
      "trace: invalid protocol 'sctp' (icmp, tcp or udp)\n",
    )
    expect(lab.run('trace c1 web:99999').stderr).toBe("trace: invalid port '99999'\n")
  })

  it('is not a program inside containers', () => {
    expect(lab.run('docker exec c1 trace c1 web')).toMatchObject({ exitCode: 127 })
  })
})
