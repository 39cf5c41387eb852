// `conntrack` (conntrack-tools 1.4.7) on the host: the flows the simulated programs made, as the
// host's conntrack saw them (bridged traffic too, br_netfilter), with what is left of their
// timeouts on the virtual clock; -L [-p], -C and -F, and not in the containers.

import { describe, expect, it } from 'vitest'
import { createSession } from '../../../src/cli'
import { hostId } from '../../../src/engine'
import { createTestLab, type TestLab } from '../../helpers/lab'

const SHOWN = (n: number): string =>
  `conntrack v1.4.7 (conntrack-tools): ${n} flow entries have been shown.\n`

/** web (nginx, 172.18.0.2), c1 and server (busybox, 172.18.0.3 and .4) on the network app. */
function appLab(): TestLab {
  const lab = createTestLab()
  for (const line of [
    'docker network create app',
    'docker run -d --name web --network app nginx',
    'docker run -dit --name c1 --network app busybox',
    'docker run -dit --name server --network app busybox',
  ]) {
    const r = lab.run(line)
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`)
  }
  return lab
}

describe('conntrack -L', () => {
  it('shows nothing before any traffic', () => {
    expect(appLab().run('conntrack -L')).toEqual({ stdout: '', stderr: SHOWN(0), exitCode: 0 })
  })

  it('shows a ping between two containers, one entry for the whole run', () => {
    const lab = appLab()
    const pid = lab.world.hosts[hostId('host1')]?.kernel.nextPid ?? 0
    lab.run('docker exec c1 ping -c 3 web')
    expect(lab.run('conntrack -L')).toEqual({
      stdout:
        `icmp     1 29 src=172.18.0.3 dst=172.18.0.2 type=8 code=0 id=${pid} ` +
        `src=172.18.0.2 dst=172.18.0.3 type=0 code=0 id=${pid} mark=0 use=1\n`,
      stderr: SHOWN(1),
      exitCode: 0,
    })
  })

  it('shows an HTTP exchange in TIME_WAIT, an open nc connection ESTABLISHED, -p filters', () => {
    const lab = appLab()
    // Every committed step after curl (the listener, the DNS query for `server`, the connect,
    // its process) takes a second.
    lab.run('curl -s -o /dev/null http://172.18.0.2/')
    const a = createSession(lab.engine, hostId('host1'))
    const b = createSession(lab.engine, hostId('host1'))
    a.run('docker exec -it server nc -lp 8888')
    b.run('docker exec -it c1 nc server 8888')
    expect(lab.run('conntrack -L -p tcp')).toEqual({
      stdout:
        'tcp      6 115 TIME_WAIT src=172.18.0.1 dst=172.18.0.2 sport=40000 dport=80 src=172.18.0.2 dst=172.18.0.1 sport=80 dport=40000 [ASSURED] mark=0 use=1\n' +
        'tcp      6 431998 ESTABLISHED src=172.18.0.3 dst=172.18.0.4 sport=40000 dport=8888 src=172.18.0.4 dst=172.18.0.3 sport=8888 dport=40000 [ASSURED] mark=0 use=1\n',
      stderr: SHOWN(2),
      exitCode: 0,
    })
    expect(lab.run('conntrack -L -p udp')).toEqual({ stdout: '', stderr: SHOWN(0), exitCode: 0 })
    expect(lab.run('conntrack -C')).toEqual({ stdout: '2\n', stderr: '', exitCode: 0 })
  })

  it('shows a MASQUERADEd flow with the host as the reply’s destination, and a refused one', () => {
    const lab = appLab()
    lab.run('docker exec c1 ping -c 1 8.8.8.8')
    lab.run('docker exec c1 nc 172.18.0.1 81')
    expect(lab.run('conntrack -L').stdout).toMatch(
      /^icmp {5}1 28 src=172\.18\.0\.3 dst=8\.8\.8\.8 type=8 code=0 id=(\d+) src=8\.8\.8\.8 dst=10\.10\.0\.11 type=0 code=0 id=\1 mark=0 use=1\n/,
    )
    expect(lab.run('conntrack -L -p tcp -s 172.18.0.3').stdout).toBe(
      'tcp      6 9 CLOSE src=172.18.0.3 dst=172.18.0.1 sport=40000 dport=81 src=172.18.0.1 dst=172.18.0.3 sport=81 dport=40000 mark=0 use=1\n',
    )
  })

  it('marks an unanswered flow [UNREPLIED]', () => {
    const lab = appLab()
    lab.run('docker exec c1 wget -q -O - http://203.0.113.10/')
    expect(lab.run('conntrack -L').stdout).toBe(
      'tcp      6 119 SYN_SENT src=172.18.0.3 dst=203.0.113.10 sport=40000 dport=80 [UNREPLIED] src=203.0.113.10 dst=10.10.0.11 sport=80 dport=40000 mark=0 use=1\n',
    )
  })

  it('forgets an entry once its timeout has run out on the virtual clock', () => {
    const lab = appLab()
    lab.run('docker exec c1 ping -c 1 web')
    // Every committed command is a second: 28 more leave the entry its last second.
    for (let i = 0; i < 28; i++) lab.run(`ip link add d${i} type dummy`)
    expect(lab.run('conntrack -L').stdout).toMatch(/^icmp {5}1 1 /)
    lab.run('ip link add d28 type dummy')
    expect(lab.run('conntrack -L')).toEqual({ stdout: '', stderr: SHOWN(0), exitCode: 0 })
    expect(lab.run('conntrack -C').stdout).toBe('0\n')
  })
})

describe('conntrack -F and errors', () => {
  it('empties the table', () => {
    const lab = appLab()
    lab.run('docker exec c1 ping -c 1 web')
    expect(lab.run('conntrack -F')).toEqual({
      stdout: '',
      stderr: 'conntrack v1.4.7 (conntrack-tools): connection tracking table has been emptied.\n',
      exitCode: 0,
    })
    expect(lab.run('conntrack -L').stderr).toBe(SHOWN(0))
  })

  it('says what is wrong, as conntrack-tools does', () => {
    const lab = appLab()
    const TRY = "Try `conntrack -h' or 'conntrack --help' for more information.\n"
    expect(lab.run('conntrack -x')).toEqual({
      stdout: '',
      stderr: `conntrack v1.4.7 (conntrack-tools): unknown option \`-x'\n${TRY}`,
      exitCode: 2,
    })
    expect(lab.run('conntrack -L -p foo').stderr).toBe(
      `conntrack v1.4.7 (conntrack-tools): \`foo' unsupported protocol\n${TRY}`,
    )
    expect(lab.run('conntrack -L -F').stderr).toBe(
      `conntrack v1.4.7 (conntrack-tools): Invalid commands combination\n${TRY}`,
    )
    expect(lab.run('conntrack -V').stdout).toBe('conntrack v1.4.7 (conntrack-tools)\n')
    expect(lab.run('conntrack -L foo').stderr).toBe(
      `conntrack v1.4.7 (conntrack-tools): unknown type \`foo'\n${TRY}`,
    )
    expect(lab.run('conntrack -L exp')).toEqual({
      stdout: '',
      stderr: 'conntrack v1.4.7 (conntrack-tools): 0 expectations have been shown.\n',
      exitCode: 0,
    })
  })

  it('is not installed in containers', () => {
    expect(appLab().run('docker exec c1 conntrack -L')).toEqual({
      stdout: '',
      stderr: 'sh: conntrack: not found\n',
      exitCode: 127,
    })
  })
})
