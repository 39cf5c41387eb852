import { describe, expect, it } from 'vitest'
import { createSession } from '../../../src/cli'
import { hostId } from '../../../src/engine'
import { MACVLAN_MV1 } from '../../helpers/by-hand'
import { createTestLab } from '../../helpers/lab'

// Docker's own bridge tutorial (docs network-tutorial-standalone): names resolve on a
// user-defined network, not on the default bridge; another network's addresses do not answer.
function tutorial() {
  const lab = createTestLab()
  lab.run('docker network create my-net')
  lab.run('docker run -dit --name alpine1 --network my-net alpine ash')
  lab.run('docker run -dit --name alpine2 --network my-net alpine ash')
  lab.run('docker run -dit --name alpine3 alpine ash')
  lab.run('docker run -dit --name alpine4 alpine ash')
  return lab
}

describe('ping', () => {
  it('reaches a container by name on a user-defined network (busybox format)', () => {
    expect(tutorial().run('docker exec alpine1 ping -c 2 alpine2')).toEqual({
      stdout:
        'PING alpine2 (172.18.0.3): 56 data bytes\n' +
        '64 bytes from 172.18.0.3: seq=0 ttl=64 time=0.080 ms\n' +
        '64 bytes from 172.18.0.3: seq=1 ttl=64 time=0.084 ms\n' +
        '\n--- alpine2 ping statistics ---\n' +
        '2 packets transmitted, 2 packets received, 0% packet loss\n' +
        'round-trip min/avg/max = 0.080/0.082/0.084 ms\n',
      stderr: '',
      exitCode: 0,
    })
  })

  it('does not resolve names on the default bridge', () => {
    expect(tutorial().run('docker exec alpine3 ping -c 2 alpine4')).toEqual({
      stdout: '',
      stderr: "ping: bad address 'alpine4'\n",
      exitCode: 1,
    })
  })

  it('gets no answer from a container on another network (dropped in the host)', () => {
    const r = tutorial().run('docker exec alpine1 ping -c 2 172.17.0.2')
    expect(r.stdout).toContain('2 packets transmitted, 0 packets received, 100% packet loss\n')
    expect(r.exitCode).toBe(1)
  })

  it('prints iputils’ format on the host', () => {
    const r = tutorial().run('ping -c 1 172.18.0.2')
    expect(r.stdout).toBe(
      'PING 172.18.0.2 (172.18.0.2) 56(84) bytes of data.\n' +
        '64 bytes from 172.18.0.2: icmp_seq=1 ttl=64 time=0.080 ms\n' +
        '\n--- 172.18.0.2 ping statistics ---\n' +
        '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n' +
        'rtt min/avg/max/mdev = 0.080/0.080/0.080/0.000 ms\n',
    )
  })

  // The expected text is what iputils 20221126 printed on this machine for a neighbour that
  // never answers (a veth pair in a namespace, `ping -c 1` and `ping -c 3`).
  it('prints the kernel’s host unreachable for each echo when ARP gets no reply (host → its macvlan child)', () => {
    const lab = createTestLab()
    for (const line of MACVLAN_MV1) lab.run(line)
    expect(lab.run('ping -c 1 10.10.0.192')).toEqual({
      stdout:
        'PING 10.10.0.192 (10.10.0.192) 56(84) bytes of data.\n' +
        'From 10.10.0.11 icmp_seq=1 Destination Host Unreachable\n' +
        '\n--- 10.10.0.192 ping statistics ---\n' +
        '1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n\n',
      stderr: '',
      exitCode: 1,
    })
    expect(lab.run('ping -c 3 10.10.0.192').stdout).toMatch(
      /icmp_seq=3 Destination Host Unreachable\n\n--- 10\.10\.0\.192 ping statistics ---\n3 packets transmitted, 0 received, \+3 errors, 100% packet loss, time \d+ms\npipe 3\n$/,
    )
  })

  it('ends an unanswered run with iputils’ empty closing line', () => {
    const r = tutorial().run('ping -c 2 192.168.77.7')
    expect(r.stdout).toMatch(/2 packets transmitted, 0 received, 100% packet loss, time \d+ms\n\n$/)
  })

  it('cannot send from a none-mode container', () => {
    const lab = createTestLab()
    lab.run('docker run -dit --name lonely --network none busybox')
    expect(lab.run('docker exec lonely ping -c 1 8.8.8.8')).toEqual({
      stdout: '',
      stderr: 'ping: sendto: Network unreachable\n',
      exitCode: 1,
    })
  })
})

describe('what a ping leaves behind', () => {
  it('fills the neighbour caches on both ends and the bridge FDB (ARP learnt as traffic flows)', () => {
    const lab = tutorial()
    expect(lab.run('docker exec alpine1 ip neigh').stdout).toBe('')
    lab.run('docker exec alpine1 ping -c 1 alpine2')
    expect(lab.run('docker exec alpine1 ip neigh').stdout).toMatch(
      /^172\.18\.0\.3 dev eth0 lladdr [0-9a-f:]{17} .*REACHABLE\n$/,
    )
    expect(lab.run('docker exec alpine2 ip neigh').stdout).toMatch(
      /^172\.18\.0\.2 dev eth0 lladdr [0-9a-f:]{17} .*STALE\n$/,
    )
    expect(lab.run('bridge fdb | grep -v permanent').stdout).toMatch(
      /^[0-9a-f:]{17} dev veth[0-9a-f]{7} master br-[0-9a-f]{12} \n?$/,
    )
  })

  it('trace leaves the world as it was', () => {
    const lab = tutorial()
    const before = lab.world
    lab.run('trace alpine1 alpine2')
    expect(lab.world).toBe(before)
  })
})

describe('ping without -c in a terminal that keeps time', () => {
  it('holds the terminal, answers once a second, and prints the statistics at Ctrl-C', () => {
    const lab = createTestLab()
    lab.run('docker network create net1')
    lab.run('docker run -d --name alpine1 --network net1 alpine sleep 1000')
    lab.run('docker run -d --name alpine2 --network net1 alpine sleep 1000')
    const term = createSession(lab.engine, hostId('host1'), { ticks: true })
    const first = term.run('docker exec -it alpine1 ping alpine2')
    expect(first.stdout).toMatch(
      /^PING alpine2 \(172\.18\.0\.3\): 56 data bytes\n64 bytes from 172\.18\.0\.3: seq=0 ttl=64 time=[\d.]+ ms\n$/,
    )
    expect(term.prompt()).toBe('')
    expect(term.ticking()).toBe(true)
    expect(term.tick()).toMatch(/^64 bytes from 172\.18\.0\.3: seq=1 ttl=64 time=[\d.]+ ms\n$/)
    expect(term.tick()).toMatch(/seq=2 /)
    const stopped = term.interrupt()
    expect(stopped.stdout).toMatch(
      /^\n--- alpine2 ping statistics ---\n3 packets transmitted, 3 packets received, 0% packet loss\nround-trip min\/avg\/max = [\d.]+\/[\d.]+\/[\d.]+ ms\n$/,
    )
    expect(term.ticking()).toBe(false)
    expect(term.prompt()).toBe('root@host1:~# ')
  })
})
