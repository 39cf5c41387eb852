// Counters that count the simulated packets: iptables rule and policy counters (`-v`,
// `iptables-save -c` and its chain headers), and device statistics (`ip -s link`, ifconfig).

import { describe, expect, it } from 'vitest'
import { busyboxBytes, netToolsBytes, statsLines } from '../../../src/cli/linux/link-stats'
import { createTestLab, type TestLab } from '../../helpers/lab'

/** web (nginx, 172.17.0.2, port 8080 published) and c1 (busybox, 172.17.0.3) on docker0. */
function pingLab(): TestLab {
  const lab = createTestLab()
  for (const line of [
    'docker run -d --name web -p 8080:80 nginx',
    'docker run -dit --name c1 busybox',
    'docker exec c1 ping -c 4 172.17.0.2',
  ]) {
    const r = lab.run(line)
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`)
  }
  return lab
}

describe('iptables counters', () => {
  it('count the 4 requests and 4 replies bridged on docker0 in FORWARD', () => {
    expect(pingLab().run('iptables -nvL FORWARD').stdout).toBe(
      'Chain FORWARD (policy DROP 0 packets, 0 bytes)\n' +
        ' pkts bytes target     prot opt in     out     source               destination         \n' +
        '    8   672 DOCKER-USER  0    --  *      *       0.0.0.0/0            0.0.0.0/0           \n' +
        '    8   672 DOCKER-FORWARD  0    --  *      *       0.0.0.0/0            0.0.0.0/0           \n',
    )
  })

  it('count every packet after the first at DOCKER-CT (ctstate ESTABLISHED)', () => {
    expect(pingLab().run('iptables -L DOCKER-CT -v -n -x').stdout).toBe(
      'Chain DOCKER-CT (1 references)\n' +
        '    pkts      bytes target     prot opt in     out     source               destination         \n' +
        '       7      588 ACCEPT     0    --  *      docker0  0.0.0.0/0            0.0.0.0/0            ctstate RELATED,ESTABLISHED\n',
    )
  })

  it('show the nat table seeing the first packet only, in the chain headers of iptables-save', () => {
    const { stdout } = pingLab().run('iptables-save -t nat')
    expect(stdout).toContain(
      ':PREROUTING ACCEPT [1:84]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [1:84]\n',
    )
  })

  it('prefix each rule with [packets:bytes] under -c', () => {
    const lab = pingLab()
    lab.run('docker exec c1 ping -c 2 8.8.8.8')
    const { stdout } = lab.run('iptables-save -t nat -c')
    expect(stdout).toContain('[1:84] -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n')
    expect(stdout).toContain('[0:0] -A DOCKER -i docker0 -j RETURN\n')
  })

  it('are reset by -Z, alone or after a listing (-L -Z), for a chain or the whole table', () => {
    const lab = pingLab()
    const forward = (): string => lab.run('iptables -nvL FORWARD').stdout.split('\n')[2] ?? ''
    expect(lab.run('iptables -Z DOCKER-CT')).toEqual({ stdout: '', stderr: '', exitCode: 0 })
    expect(lab.run('iptables -nvL DOCKER-CT').stdout).toContain('    0     0 ACCEPT')
    expect(forward()).toMatch(/^ {4}8 {3}672 DOCKER-USER/)
    expect(lab.run('iptables -L FORWARD -v -n -Z').stdout).toContain('    8   672 DOCKER-USER')
    expect(forward()).toMatch(/^ {4}0 {5}0 DOCKER-USER/)
    lab.run('iptables -t nat -Z')
    expect(lab.run('iptables-save -t nat').stdout).toContain(':PREROUTING ACCEPT [0:0]\n')
  })

  it('count a dropped packet at the rule that drops it', () => {
    const lab = createTestLab()
    lab.run('docker network create A')
    lab.run('docker network create B')
    lab.run('docker run -dit --name c1 --network A busybox')
    lab.run('docker run -dit --name c2 --network B busybox')
    lab.run('docker exec c1 ping -c 3 172.19.0.2')
    expect(lab.run('iptables -t raw -nvL PREROUTING').stdout).toBe(
      'Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)\n' +
        ' pkts bytes target     prot opt in     out     source               destination         \n' +
        '    0     0 DROP       0    --  !br-f6306c9a42c0 *       0.0.0.0/0            172.18.0.2          \n' +
        '    3   252 DROP       0    --  !br-43364bdba4fc *       0.0.0.0/0            172.19.0.2          \n',
    )
  })
})

describe('device statistics', () => {
  it('count frames (IP packet + 14-byte Ethernet header) on the container’s eth0', () => {
    expect(pingLab().run('docker exec c1 ifconfig eth0').stdout).toBe(
      'eth0      Link encap:Ethernet  HWaddr 12:EE:18:39:7F:B5  \n' +
        '          inet addr:172.17.0.3  Bcast:172.17.255.255  Mask:255.255.0.0\n' +
        '          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n' +
        '          RX packets:4 errors:0 dropped:0 overruns:0 frame:0\n' +
        '          TX packets:4 errors:0 dropped:0 overruns:0 carrier:0\n' +
        '          collisions:0 txqueuelen:0 \n' +
        '          RX bytes:392 (392.0 B)  TX bytes:392 (392.0 B)\n\n',
    )
  })

  it('leave docker0 alone for bridged frames, count it for routed ones, and eth0', () => {
    const lab = pingLab()
    const zero = '             0       0      0       0       0       0 '
    expect(lab.run('ip -s link show docker0').stdout.split('\n').slice(3, 6)).toEqual([
      zero,
      '    TX:  bytes packets errors dropped carrier collsns           ',
      zero,
    ])
    lab.run('docker exec c1 ping -c 3 8.8.8.8')
    const three = '           294       3      0       0       0       0 '
    for (const dev of ['docker0', 'eth0'])
      expect(lab.run(`ip -s link show ${dev}`).stdout.split('\n').slice(2, 6)).toEqual([
        '    RX:  bytes packets errors dropped  missed   mcast           ',
        three,
        '    TX:  bytes packets errors dropped carrier collsns           ',
        three,
      ])
    expect(lab.run('ifconfig eth0').stdout).toContain(
      '        RX packets 3  bytes 294 (294.0 B)\n' +
        '        RX errors 0  dropped 0  overruns 0  frame 0\n' +
        '        TX packets 3  bytes 294 (294.0 B)\n',
    )
  })

  it('widen iproute2’s columns for long numbers and scale ifconfig’s bytes', () => {
    expect(
      statsLines({ rxPackets: 12345678, rxBytes: 12345678901, txPackets: 1, txBytes: 98 }),
    ).toEqual([
      '    RX:   bytes  packets errors dropped  missed   mcast           ',
      '    12345678901 12345678      0       0       0       0 ',
      '    TX:   bytes  packets errors dropped carrier collsns           ',
      '             98        1      0       0       0       0 ',
    ])
    expect(netToolsBytes(1024)).toBe('1024 (1024.0 B)')
    expect(netToolsBytes(1536)).toBe('1536 (1.5 KiB)')
    expect(netToolsBytes(5 * 1048576 + 1)).toBe('5242881 (5.0 MiB)')
    expect(busyboxBytes(1024)).toBe('1024 (1.0 KiB)')
    expect(busyboxBytes(1536)).toBe('1536 (1.5 KiB)')
    expect(busyboxBytes(300)).toBe('300 (300.0 B)')
  })
})
