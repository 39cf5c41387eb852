// `nsenter` (util-linux 2.39) into Docker's own namespaces, and `ls` of where they are mounted:
// the overlay sandbox `1-<id10>` and `ingress_sbox` on a swarm node (research-7 §8–9).

import { describe, expect, it } from 'vitest'
import { lookupContainer } from '../../../src/engine'
import { err, ok0, threeNodeSwarm, type SwarmLab } from '../docker/swarm-lab'

/** A worker (docker02) with a container on an attachable overlay, and one on docker03. */
function overlayLab(): { lab: SwarmLab; sandbox: string; id: string } {
  const lab = threeNodeSwarm()
  const id = lab.ok('docker01', 'docker network create -d overlay --attachable vnet').trim()
  lab.ok('docker02', 'docker run -itd --name c02 --net vnet busybox')
  lab.ok('docker03', 'docker run -itd --name c03 --net vnet busybox')
  return { lab, id, sandbox: `/var/run/docker/netns/1-${id.slice(0, 10)}` }
}

describe('nsenter --net=FILE', () => {
  it('runs the host’s programs in an overlay sandbox', () => {
    const { lab, sandbox } = overlayLab()
    const brief = lab.ok('docker02', `nsenter --net=${sandbox} ip -br link`)
    expect(brief.split('\n').map((l) => l.split(/\s+/)[0])).toEqual([
      'lo',
      'br0',
      'veth0@if2',
      'veth1@if2',
      'vxlan0',
      '',
    ])
    // vxlan0 came first (moved in from the host namespace): the host is nsid 0 there.
    const link = lab.ok('docker02', `nsenter --net=${sandbox} ip link`)
    expect(link).toMatch(
      /master br0 state UNKNOWN mode DEFAULT group default .*\n {4}link\/ether \S+ brd ff:ff:ff:ff:ff:ff link-netnsid 0\n/,
    )
    expect(link).toMatch(
      /veth0@if2: .*\n {4}link\/ether \S+ brd ff:ff:ff:ff:ff:ff link-netnsid 1\n/,
    )
    expect(lab.run('docker02', `nsenter --net=${sandbox} ip neigh`)).toEqual(
      ok0(
        '10.0.1.4 dev vxlan0 lladdr 02:42:0a:00:01:04 PERMANENT \n10.0.1.5 dev vxlan0 lladdr 02:42:0a:00:01:05 PERMANENT \n',
      ),
    )
    expect(lab.ok('docker02', `nsenter --net=${sandbox} bridge fdb show dev vxlan0`)).toContain(
      '02:42:0a:00:01:04 dst 10.20.0.13 link-netnsid 0 self permanent\n',
    )
    expect(lab.ok('docker02', 'nsenter -n/run/docker/netns/ingress_sbox ip -4 -br addr')).toBe(
      'lo               UNKNOWN        127.0.0.1/8 \neth0@if3         UP             10.0.0.3/24 \neth1@if6         UP             172.18.0.2/16 \n',
    )
  })

  it('takes the namespace of a process with --target', () => {
    const { lab } = overlayLab()
    const d2 = lab.host('docker02')
    const found = lookupContainer(d2.daemon, 'c02')
    const pid = found.kind === 'found' ? found.container.pid : undefined
    expect(lab.ok('docker02', `nsenter -t ${pid} -n ip -4 -br addr`)).toBe(
      'lo               UNKNOWN        127.0.0.1/8 \neth0@if3         UP             10.0.1.2/24 \neth1@if8         UP             172.18.0.3/16 \n',
    )
    expect(lab.ok('docker02', `nsenter --target=${pid} --net --uts ip -br link show lo`)).toBe(
      'lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n',
    )
  })

  it('fails as util-linux does', () => {
    const { lab } = overlayLab()
    expect(lab.run('docker02', 'nsenter --net=/var/run/docker/netns/x ip a')).toEqual(
      err('nsenter: cannot open /var/run/docker/netns/x: No such file or directory\n'),
    )
    // An optional argument must be attached: `--net FILE` asks the target for its namespace.
    expect(lab.run('docker02', 'nsenter --net /var/run/docker/netns/ingress_sbox ip a')).toEqual(
      err('nsenter: no target PID specified\n'),
    )
    expect(lab.run('docker02', 'nsenter ip a')).toEqual(err('nsenter: no namespace specified\n'))
    expect(lab.run('docker02', 'nsenter -t 99999 -n ip a')).toEqual(
      err('nsenter: cannot open /proc/99999/ns/net: No such file or directory\n'),
    )
    expect(lab.run('docker02', 'nsenter -t x -n ip a')).toEqual(
      err("nsenter: failed to parse pid: 'x'\n"),
    )
    expect(lab.run('docker02', 'nsenter --nett ip a')).toEqual(
      err("nsenter: unrecognized option '--nett'\nTry 'nsenter --help' for more information.\n"),
    )
    expect(lab.run('docker02', 'nsenter -q')).toEqual(
      err("nsenter: invalid option -- 'q'\nTry 'nsenter --help' for more information.\n"),
    )
    expect(lab.run('docker02', 'nsenter --net=/run/docker/netns/ingress_sbox nosuch')).toEqual(
      err('nsenter: failed to execute nosuch: No such file or directory\n', 127),
    )
    expect(lab.ok('docker02', 'nsenter --help')).toMatch(
      /^\nUsage:\n nsenter \[options\] \[<program> \[<argument>\.\.\.\]\]\n/,
    )
  })
})

describe('ls of the namespace mounts', () => {
  it('lists Docker’s namespaces, and ip netns’s once there are some', () => {
    const { lab, id } = overlayLab()
    const d2 = lab.host('docker02')
    const found = lookupContainer(d2.daemon, 'c02')
    const key = found.kind === 'found' ? found.container.sandbox?.key.split('/').pop() : ''
    const ingress = lab.engine.world.swarm?.networks.find((n) => n.ingress)?.id ?? ''
    const names = [
      `1-${id.slice(0, 10)}`,
      `1-${ingress.slice(0, 10)}`,
      key ?? '',
      'ingress_sbox',
      // The node's load balancer on the overlay.
      `lb_${id.slice(0, 9)}`,
    ]
    const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    expect(lab.run('docker02', 'ls /var/run/docker/netns')).toEqual(
      ok0(sorted.map((n) => `${n}\n`).join('')),
    )
    expect(lab.ok('docker02', 'ls -l /run/docker/netns/')).toBe(
      `total 0\n${sorted.map((n) => `-r--r--r-- 1 root root 0 Jan  1 00:00 ${n}\n`).join('')}`,
    )
    expect(lab.ok('docker02', 'ls /var/run/docker/netns/ingress_sbox')).toBe(
      '/var/run/docker/netns/ingress_sbox\n',
    )
    expect(lab.run('docker02', 'ls /var/run/netns')).toEqual(
      err("ls: cannot access '/var/run/netns': No such file or directory\n", 2),
    )
    lab.ok('docker02', 'ip netns add blue')
    expect(lab.ok('docker02', 'ls /var/run/netns')).toBe('blue\n')
  })
})
