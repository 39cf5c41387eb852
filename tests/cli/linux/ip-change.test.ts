// `ip` changing the host's kernel: veth pairs, bridges and dummies by hand, addresses, routes
// and `ip netns`, whole outputs. Texts and exit codes were checked against iproute2 6.1 on a
// Linux 6.x kernel in throw-away namespaces (ifindexes there start after `lo` alone).

import { describe, expect, it } from 'vitest'
import { allNetns, getNetns, INIT_NETNS, linksOf, type NetnsId } from '../../../src/engine'
import { createTestLab, type TestLab } from '../../helpers/lab'

const HOST = 'host1' as never

function linkOf(lab: TestLab, name: string, netns: NetnsId = INIT_NETNS) {
  const found = linksOf(getNetns(lab.world.hosts[HOST]?.kernel, netns)).find((l) => l.name === name)
  if (!found) throw new Error(`no ${name}`)
  return found
}

const macOf = (lab: TestLab, name: string, netns?: NetnsId): string => linkOf(lab, name, netns).mac

/** The NetnsId of a namespace `ip netns add` made. */
function named(lab: TestLab, name: string): NetnsId {
  const ns = allNetns(lab.world.hosts[HOST]?.kernel).find(
    (n) => n.path === `/var/run/netns/${name}`,
  )
  if (!ns) throw new Error(`no netns ${name}`)
  return ns.id
}

const ok = (stdout = '') => ({ stdout, stderr: '', exitCode: 0 })
const err = (stderr: string, exitCode: number) => ({ stdout: '', stderr, exitCode })

/** Runs lines that must succeed silently. */
function setUp(lab: TestLab, ...lines: string[]): void {
  for (const line of lines) expect(lab.run(line), line).toEqual(ok())
}

describe('seed 001: a veth pair by hand, then one end in a network namespace', () => {
  it('creates both ends DOWN with M-DOWN and qlen 1000, the peer first', () => {
    const lab = createTestLab()
    expect(lab.run('ip link add name veth1 type veth peer name veth1-peer')).toEqual(ok())
    expect(lab.run('ip link show | grep veth')).toEqual(
      ok(
        '4: veth1-peer@veth1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n' +
          '5: veth1@veth1-peer: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n',
      ),
    )
    expect(lab.run('ip addr show veth1')).toEqual(
      ok(`5: veth1@veth1-peer: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN group default qlen 1000
    link/ether ${macOf(lab, 'veth1')} brd ff:ff:ff:ff:ff:ff
`),
    )
    // Linux draws locally administered unicast MACs.
    expect(macOf(lab, 'veth1')).toMatch(/^[0-9a-f][26ae](:[0-9a-f]{2}){5}$/)
    expect(lab.run('ip link add name veth1 type veth peer name veth1-peer')).toEqual(
      err('RTNETLINK answers: File exists\n', 2),
    )
  })

  it('moves the peer into a namespace: it vanishes from the host and shows there', () => {
    const lab = createTestLab()
    setUp(
      lab,
      'ip link add name veth1 type veth peer name veth1-peer',
      'ip netns add ns1',
      'ip link set veth1-peer netns ns1',
    )
    const ns1 = named(lab, 'ns1')
    expect(lab.run('ip link show | grep veth')).toEqual(
      ok(
        '5: veth1@if4: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n',
      ),
    )
    expect(lab.run('ip link show veth1')).toEqual(
      ok(`5: veth1@if4: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
    link/ether ${macOf(lab, 'veth1')} brd ff:ff:ff:ff:ff:ff link-netns ns1
`),
    )
    expect(lab.run('ip netns')).toEqual(ok('ns1 (id: 0)\n'))
    const inside = `1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
4: veth1-peer@if5: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
    link/ether ${macOf(lab, 'veth1-peer', ns1)} brd ff:ff:ff:ff:ff:ff link-netnsid 0
`
    expect(lab.run('ip netns exec ns1 ip link')).toEqual(ok(inside))
    expect(lab.run('ip -n ns1 link')).toEqual(ok(inside))
    // Seen from inside, the host's namespace has no name.
    expect(lab.run('ip netns exec ns1 ip netns')).toEqual(ok('ns1\n'))
  })

  it('wires the pair up: addresses, routes and a ping across', () => {
    const lab = createTestLab()
    setUp(
      lab,
      'ip netns add ns1',
      'ip link add veth1 type veth peer name veth1-peer',
      'ip link set veth1-peer netns ns1',
      'ip netns exec ns1 ip link set lo up',
      'ip netns exec ns1 ip addr add 10.200.0.2/24 dev veth1-peer',
      'ip netns exec ns1 ip link set veth1-peer up',
      'ip addr add 10.200.0.1/24 brd + dev veth1',
      'ip link set veth1 up',
      'ip netns exec ns1 ip route add default via 10.200.0.1',
    )
    const ns1 = named(lab, 'ns1')
    const peerMac = macOf(lab, 'veth1-peer', ns1)
    expect(lab.run('ip -n ns1 addr')).toEqual(
      ok(`1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever
4: veth1-peer@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
    link/ether ${peerMac} brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet 10.200.0.2/24 scope global veth1-peer
       valid_lft forever preferred_lft forever
    inet6 ${eui64(peerMac)}/64 scope link 
       valid_lft forever preferred_lft forever
`),
    )
    expect(lab.run('ip addr show veth1').stdout).toContain(
      '    inet 10.200.0.1/24 brd 10.200.0.255 scope global veth1\n',
    )
    expect(lab.run('ip -n ns1 route')).toEqual(
      ok(`default via 10.200.0.1 dev veth1-peer 
10.200.0.0/24 dev veth1-peer proto kernel scope link src 10.200.0.2 
`),
    )
    expect(lab.run('ip route show dev veth1')).toEqual(
      ok('10.200.0.0/24 proto kernel scope link src 10.200.0.1 \n'),
    )
    expect(lab.run('ip netns exec ns1 ip route add default via 10.200.0.1')).toEqual(
      err('RTNETLINK answers: File exists\n', 2),
    )
    expect(lab.run('ip netns exec ns1 ping -c 1 10.200.0.1').exitCode).toBe(0)
    expect(lab.run('trace host 10.200.0.2').stdout).toContain('verdict: delivered\n')
  })

  it('deletes the namespace with its devices, and the veth pair with them', () => {
    const lab = createTestLab()
    setUp(
      lab,
      'ip netns add ns1',
      'ip link add veth1 type veth peer name veth1-peer',
      'ip link set veth1-peer netns ns1',
      'ip netns del ns1',
    )
    expect(lab.run('ip link show veth1')).toEqual(err('Device "veth1" does not exist.\n', 1))
    expect(lab.run('ip netns')).toEqual(ok())
    expect(lab.run('ip netns del ns1')).toEqual(
      err('Cannot remove namespace file "/run/netns/ns1": No such file or directory\n', 1),
    )
  })
})

/** fe80:: + EUI-64 of a MAC (the universal/local bit flipped). */
function eui64(mac: string): string {
  const b = mac.split(':').map((h) => parseInt(h, 16))
  const g = [((b[0] ?? 0) ^ 2) * 256 + (b[1] ?? 0), (b[2] ?? 0) * 256 + 0xff]
  g.push(0xfe00 + (b[3] ?? 0), (b[4] ?? 0) * 256 + (b[5] ?? 0))
  return `fe80::${g.map((x) => x.toString(16)).join(':')}`
}

describe('ip link', () => {
  it('makes a bridge take its lowest port MAC, as a kernel-drawn MAC does', () => {
    const lab = createTestLab()
    setUp(
      lab,
      'ip link add br0 type bridge',
      'ip link add v1 type veth peer name v1p',
      'ip link set v1 master br0',
      'ip link set v1 address 02:00:00:00:00:09',
      'ip link set v1p address 0x2:0:0:0:0:1',
    )
    expect(lab.run('ip -br link show master br0')).toEqual(
      ok('v1@v1p           DOWN           02:00:00:00:00:09 <BROADCAST,MULTICAST,M-DOWN> \n'),
    )
    expect(lab.run('ip link show br0')).toEqual(
      ok(`4: br0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
    link/ether 02:00:00:00:00:09 brd ff:ff:ff:ff:ff:ff
`),
    )
    setUp(lab, 'ip link set br0 up', 'ip link set v1 up')
    expect(lab.run('ip link show v1')).toEqual(
      ok(`6: v1@v1p: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue master br0 state LOWERLAYERDOWN mode DEFAULT group default qlen 1000
    link/ether 02:00:00:00:00:09 brd ff:ff:ff:ff:ff:ff
`),
    )
    setUp(lab, 'ip link set v1p up')
    expect(lab.run('ip -br link show br0')).toEqual(
      ok('br0              UP             02:00:00:00:00:09 <BROADCAST,MULTICAST,UP,LOWER_UP> \n'),
    )
    setUp(lab, 'ip link set v1 nomaster')
    expect(lab.run('ip -br link show br0')).toEqual(
      ok(
        'br0              DOWN           00:00:00:00:00:00 <NO-CARRIER,BROADCAST,MULTICAST,UP> \n',
      ),
    )
  })

  it('names unnamed devices after their kind, the peer first', () => {
    const lab = createTestLab()
    setUp(lab, 'ip link add type veth', 'ip link add type bridge', 'ip link add type veth peer p9')
    expect(lab.run('ip -br link')).toEqual(
      ok(`lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> 
eth0             UP             ${macOf(lab, 'eth0')} <BROADCAST,MULTICAST,UP,LOWER_UP> 
docker0          DOWN           ${macOf(lab, 'docker0')} <NO-CARRIER,BROADCAST,MULTICAST,UP> 
veth0@veth1      DOWN           ${macOf(lab, 'veth0')} <BROADCAST,MULTICAST,M-DOWN> 
veth1@veth0      DOWN           ${macOf(lab, 'veth1')} <BROADCAST,MULTICAST,M-DOWN> 
bridge0          DOWN           ${macOf(lab, 'bridge0')} <BROADCAST,MULTICAST> 
p9@veth2         DOWN           ${macOf(lab, 'p9')} <BROADCAST,MULTICAST,M-DOWN> 
veth2@p9         DOWN           ${macOf(lab, 'veth2')} <BROADCAST,MULTICAST,M-DOWN> 
`),
    )
  })

  it('creates a dummy: NOARP, UNKNOWN once up, no MTU limits', () => {
    const lab = createTestLab()
    setUp(lab, 'ip link add d0 type dummy', 'ip link set d0 up')
    const mac = macOf(lab, 'd0')
    expect(lab.run('ip -d link show d0')).toEqual(
      ok(`4: d0: <BROADCAST,NOARP,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
    link/ether ${mac} brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 
    dummy addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 
`),
    )
  })

  it('applies the attributes of `ip link set` in the kernel’s order, keeping those before a failure', () => {
    const lab = createTestLab()
    setUp(lab, 'ip link add v1 type veth peer name v1p')
    expect(lab.run('ip link set v1 mtu 1400 name v1p')).toEqual(
      err('RTNETLINK answers: File exists\n', 2),
    )
    expect(lab.run('ip link set v1 address 02:00:00:00:00:05 mtu 10')).toEqual(
      err('Error: mtu less than device minimum.\n', 2),
    )
    expect(lab.run('ip link show v1')).toEqual(
      ok(`5: v1@v1p: <BROADCAST,MULTICAST,M-DOWN> mtu 1400 qdisc noop state DOWN mode DEFAULT group default qlen 1000
    link/ether 02:00:00:00:00:05 brd ff:ff:ff:ff:ff:ff
`),
    )
    setUp(lab, 'ip link set v1 down mtu 9000 up', 'ip link set v1 name v9')
    expect(lab.run('ip -br link show v9')).toEqual(
      ok(
        'v9@v1p           LOWERLAYERDOWN 02:00:00:00:00:05 <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> \n',
      ),
    )
    expect(linkOf(lab, 'v9').mtu).toBe(9000)
  })

  it('creates nothing when `ip link add` fails', () => {
    const lab = createTestLab()
    setUp(lab, 'ip link add br0 type bridge')
    const before = lab.world
    expect(lab.run('ip link add v2 master br0 mtu 10 type veth peer name v2p')).toEqual(
      err('RTNETLINK answers: Invalid argument\n', 2),
    )
    expect(lab.run('ip link add v2 type veth peer name br0')).toEqual(
      err('RTNETLINK answers: File exists\n', 2),
    )
    expect(lab.world).toBe(before)
  })

  it.each([
    ['ip link set nope up', 'Cannot find device "nope"\n', 1],
    ['ip link del nope', 'Cannot find device "nope"\n', 1],
    ['ip link del', 'Not enough information: "dev" argument is required.\n', 255],
    ['ip link set', 'Not enough information: "dev" argument is required.\n', 255],
    ['ip link add', 'Not enough information: "type" argument is required\n', 1],
    ['ip link add foo type nope', 'Error: Unknown device type.\n', 2],
    [
      'ip link set v1 master nope',
      'Error: argument "nope" is wrong: Device does not exist\n\n',
      255,
    ],
    [
      'ip link set v1 netns nope',
      'Error: argument "nope" is wrong: Invalid "netns" value\n\n',
      255,
    ],
    ['ip link set v1 netns 999999', 'RTNETLINK answers: No such process\n', 2],
    ['ip link set v1 mtu x', 'Error: argument "x" is wrong: Invalid "mtu" value\n\n', 255],
    ['ip link set v1 mtu 70000', 'Error: mtu greater than device maximum.\n', 2],
    ['ip link set v1 address zz', '"zz" is invalid lladdr.\n', 1],
    ['ip link set v1 address 1:2:3:4:5', 'Invalid address length 5 - must be 6 bytes\n', 1],
    [
      'ip link set v1 address 01:00:00:00:00:01',
      'RTNETLINK answers: Cannot assign requested address\n',
      2,
    ],
    ['ip link set v1 name v3 name v4', 'Error: duplicate "name": "v4" is the second value.\n', 255],
    ['ip link set dev v1 dev v2', 'Error: either "dev" is duplicate, or "v2" is a garbage.\n', 255],
    ['ip link set dev v1 foo', 'Error: either "dev" is duplicate, or "foo" is a garbage.\n', 255],
    // `a` abbreviates `address`, `d` `dynamic` (iplink_parse's keyword order).
    ['ip link add a type veth peer name b', '"type" is invalid lladdr.\n', 1],
    [
      'ip link add d type bridge',
      'Error: argument of "dynamic" must be "on" or "off", not "type"\n',
      1,
    ],
    [
      'ip link add name x type veth peer name y type veth',
      'Error: duplicate "type": "veth" is the second value.\n',
      255,
    ],
    [
      'ip link add abcdefghijklmnopq type bridge',
      'Error: Attribute failed policy validation.\n',
      2,
    ],
    [
      'ip link add name abcdefghijklmnopq type bridge',
      'Error: argument "abcdefghijklmnopq" is wrong: "name" not a valid ifname\n',
      255,
    ],
    ['ip link set br0 netns ns1', 'Error: The interface netns is immutable.\n', 2],
    ['ip link set lo netns ns1', 'Error: The interface netns is immutable.\n', 2],
    [
      'ip link set v1p netns ns1',
      'Error: An interface with the same name exists in the target netns.\n',
      2,
    ],
    ['ip link set v1 master v1p', 'RTNETLINK answers: Operation not supported\n', 2],
    ['ip link set lo master br0', 'RTNETLINK answers: Invalid argument\n', 2],
    ['ip link set br0 master br0', 'Error: Can not enslave a bridge to a bridge.\n', 2],
    ['ip link del lo', 'RTNETLINK answers: Operation not supported\n', 2],
    ['ip link del eth0', 'RTNETLINK answers: Operation not supported\n', 2],
  ] as const)('%s', (line, stderr, exitCode) => {
    const lab = createTestLab()
    setUp(
      lab,
      'ip link add v1 type veth peer name v1p',
      'ip link add br0 type bridge',
      'ip netns add ns1',
      'ip -n ns1 link add v1p type dummy',
    )
    expect(lab.run(line)).toEqual(err(stderr, exitCode))
  })

  it('prints veth’s usage on stdout when `peer` is missing', () => {
    const lab = createTestLab()
    expect(lab.run('ip link add v1 type veth foo')).toEqual({
      stdout:
        "Usage: ip link <options> type veth [peer <options>]\nTo get <options> type 'ip link add help'\n",
      stderr: '',
      exitCode: 1,
    })
  })

  it('moves a device into a container’s namespace by the PID of its process', () => {
    const lab = createTestLab()
    setUp(lab, 'ip link add vc type veth peer name vcp')
    expect(lab.run('docker run -d --name c1 busybox sleep 1d').exitCode).toBe(0)
    const pid = lab.run('docker inspect -f "{{.State.Pid}}" c1').stdout.trim()
    setUp(lab, `ip link set vcp netns ${pid}`)
    // busybox looks the peer's index up in the container's namespace: missing, so M-DOWN.
    expect(lab.run('docker exec c1 ip link show vcp')).toEqual(
      ok(`4: vcp@if5: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN qlen 1000
    link/ether ${macInAnyNetns(lab, 'vcp')} brd ff:ff:ff:ff:ff:ff
`),
    )
  })
})

function macInAnyNetns(lab: TestLab, name: string): string {
  const links = allNetns(lab.world.hosts[HOST]?.kernel).flatMap((ns) => linksOf(ns))
  return links.find((l) => l.name === name)?.mac ?? '?'
}

describe('ip address', () => {
  it('adds, lists secondaries last, and deletes a primary with its secondaries', () => {
    const lab = createTestLab()
    setUp(
      lab,
      'ip link add v1 type veth peer name v1p',
      'ip addr add 10.0.0.1/24 dev v1',
      'ip addr add 10.0.0.2/24 brd + dev v1',
      'ip addr add 10.0.1.1 dev v1',
      'ip addr add 10.0.2.1/16 broadcast 10.0.255.255 dev v1',
      'ip addr add 10.0.3.7/24 brd - dev v1',
    )
    expect(lab.run('ip addr show v1')).toEqual(
      ok(`5: v1@v1p: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN group default qlen 1000
    link/ether ${macOf(lab, 'v1')} brd ff:ff:ff:ff:ff:ff
    inet 10.0.0.1/24 scope global v1
       valid_lft forever preferred_lft forever
    inet 10.0.1.1/32 scope global v1
       valid_lft forever preferred_lft forever
    inet 10.0.2.1/16 brd 10.0.255.255 scope global v1
       valid_lft forever preferred_lft forever
    inet 10.0.3.7/24 brd 10.0.3.0 scope global v1
       valid_lft forever preferred_lft forever
    inet 10.0.0.2/24 brd 10.0.0.255 scope global secondary v1
       valid_lft forever preferred_lft forever
`),
    )
    setUp(lab, 'ip link set v1 up', 'ip link set v1p up')
    expect(lab.run('ip route show dev v1')).toEqual(
      ok(`10.0.0.0/24 proto kernel scope link src 10.0.0.1 
10.0.0.0/16 proto kernel scope link src 10.0.2.1 
10.0.3.0/24 proto kernel scope link src 10.0.3.7 
`),
    )
    setUp(lab, 'ip addr del 10.0.0.1/24 dev v1')
    expect(lab.run('ip -br addr show v1')).toEqual(
      ok(
        `v1@v1p           UP             10.0.1.1/32 10.0.2.1/16 10.0.3.7/24 ${eui64(macOf(lab, 'v1'))}/64 \n`,
      ),
    )
    expect(lab.run('ip addr del 10.0.0.1/24 dev v1')).toEqual(
      err('Error: ipv4: Address not found.\n', 2),
    )
    expect(lab.run('ip addr del 10.0.1.1 dev v1')).toEqual({
      stdout: '',
      stderr:
        'Warning: Executing wildcard deletion to stay compatible with old scripts.\n' +
        '         Explicitly specify the prefix length (10.0.1.1/32) to avoid this warning.\n' +
        '         This special behaviour is likely to disappear in further releases,\n' +
        '         fix your scripts!\n',
      exitCode: 0,
    })
    setUp(lab, 'ip addr flush dev v1')
    expect(lab.run('ip -4 addr show v1')).toEqual(ok())
    expect(lab.run('ip route show dev v1')).toEqual(ok())
  })

  it.each([
    ['ip addr add 10.0.0.1/24 dev v1', 'Error: ipv4: Address already assigned.\n', 2],
    ['ip addr add 10.0.0.3/24 dev nope', 'Cannot find device "nope"\n', 1],
    [
      'ip addr add 10.0.0.300/24 dev v1',
      'Error: any valid prefix is expected rather than "10.0.0.300/24".\n',
      1,
    ],
    [
      'ip addr add 10.0.0.3/33 dev v1',
      'Error: any valid prefix is expected rather than "10.0.0.3/33".\n',
      1,
    ],
    ['ip addr add x dev v1', 'Error: any valid prefix is expected rather than "x".\n', 1],
    ['ip addr add 10.0.0.3/24', 'Not enough information: "dev" argument is required.\n', 1],
    ['ip addr add', 'Not enough information: "dev" argument is required.\n', 1],
    ['ip addr add dev v1', 'RTNETLINK answers: Operation not supported\n', 2],
    ['ip addr del 10.0.0.9/24 dev v1', 'Error: ipv4: Address not found.\n', 2],
    ['ip addr flush dev nope', 'Device "nope" does not exist.\n', 1],
    ['ip addr flush', 'Flush requires arguments.\n', 1],
  ] as const)('%s', (line, stderr, exitCode) => {
    const lab = createTestLab()
    setUp(lab, 'ip link add v1 type veth peer name v1p', 'ip addr add 10.0.0.1/24 dev v1')
    expect(lab.run(line)).toEqual(err(stderr, exitCode))
  })
})

describe('ip route', () => {
  it('adds routes through a gateway on a link-scope route, or straight out of a device', () => {
    const lab = createTestLab()
    setUp(
      lab,
      'ip link add v1 type veth peer name v1p',
      'ip addr add 10.0.0.1/24 dev v1',
      'ip link set v1 up',
      'ip route add 192.168.5.0/24 via 10.0.0.253 dev v1',
      'ip route add 192.168.6.0/24 dev v1',
      'ip route add 192.168.7.1 dev v1',
      'ip route add 192.168.9.0/24 via 10.0.0.1',
      'ip route add 192.168.10.0/24 via 10.0.0.5 metric 100',
      'ip route add 10.9.0.0/16 via 192.168.6.1',
    )
    expect(lab.run('ip route show dev v1')).toEqual(
      ok(`10.0.0.0/24 proto kernel scope link src 10.0.0.1 linkdown 
10.9.0.0/16 via 192.168.6.1 linkdown 
192.168.5.0/24 via 10.0.0.253 linkdown 
192.168.6.0/24 scope link linkdown 
192.168.7.1 scope link linkdown 
192.168.9.0/24 via 10.0.0.1 linkdown 
192.168.10.0/24 via 10.0.0.5 metric 100 linkdown 
`),
    )
    setUp(
      lab,
      'ip route del 192.168.5.0/24',
      'ip route del 192.168.10.0/24 via 10.0.0.5',
      'ip route del 192.168.6.0/24 dev v1 scope link',
      'ip route replace 192.168.9.0/24 via 10.0.0.9',
    )
    expect(lab.run('ip route show dev v1')).toEqual(
      ok(`10.0.0.0/24 proto kernel scope link src 10.0.0.1 linkdown 
10.9.0.0/16 via 192.168.6.1 linkdown 
192.168.7.1 scope link linkdown 
192.168.9.0/24 via 10.0.0.9 linkdown 
`),
    )
    // Down, the device loses every route through it.
    setUp(lab, 'ip link set v1 down')
    expect(lab.run('ip route show dev v1')).toEqual(ok())
  })

  it.each([
    ['ip route add default via 10.0.0.254 dev v2', 'Error: Nexthop has invalid gateway.\n', 2],
    ['ip route add 10.5.0.0/16 via 10.9.9.9', 'Error: Nexthop has invalid gateway.\n', 2],
    ['ip route add default via 10.0.0.254', 'RTNETLINK answers: File exists\n', 2],
    ['ip route add 10.0.0.0/24 via 10.0.0.9', 'RTNETLINK answers: File exists\n', 2],
    ['ip route add 10.5.0.0/16 dev v2', 'Error: Device for nexthop is not up.\n', 2],
    ['ip route add 10.5.0.0/16 dev nope', 'Cannot find device "nope"\n', 1],
    ['ip route add 10.5.0.5/16 dev v1', 'Error: Invalid prefix for given prefix length.\n', 2],
    ['ip route add 10.5.0.0/16', 'RTNETLINK answers: No such device\n', 2],
    ['ip route add x dev v1', 'Error: any valid prefix is expected rather than "dev".\n', 1],
    ['ip route add 10.5.0.0/16 via x', 'Error: inet address is expected rather than "x".\n', 1],
    ['ip route add 10.5.0.0/16 via 10.0.0.5 src 10.0.0.2', 'Error: Invalid prefsrc address.\n', 2],
    ['ip route del 10.6.0.0/16', 'RTNETLINK answers: No such process\n', 2],
    ['ip route del default via 1.1.1.1', 'RTNETLINK answers: No such process\n', 2],
    ['ip route del 10.0.0.0/24 proto static', 'RTNETLINK answers: No such process\n', 2],
  ] as const)('%s', (line, stderr, exitCode) => {
    const lab = createTestLab()
    setUp(
      lab,
      'ip link add v1 type veth peer name v1p',
      'ip link add v2 type veth peer name v2p',
      'ip addr add 10.0.0.1/24 dev v1',
      'ip link set v1 up',
      'ip route del default',
      'ip route add default via 10.0.0.254',
    )
    expect(lab.run(line)).toEqual(err(stderr, exitCode))
  })

  it('prints the usage for `ip route add` without a prefix', () => {
    const r = createTestLab().run('ip route add')
    expect(r.exitCode).toBe(255)
    expect(r.stderr).toMatch(/^Usage: ip route \{ list \| flush \} SELECTOR\n/)
    expect(r.stderr).toMatch(/ROUTE_GET_FLAGS := \[ fibmatch \]\n$/)
  })
})

describe('ip netns', () => {
  it('lists namespaces in creation order, with the ids this one gave them', () => {
    const lab = createTestLab()
    setUp(
      lab,
      'ip netns add blue',
      'ip netns add red',
      'ip netns add green',
      'ip link add v1 type veth peer name v1p',
      'ip link set v1p netns red',
      'ip link add v2 netns green type veth peer name v2p netns blue',
    )
    expect(lab.run('ip netns list')).toEqual(ok('blue\nred (id: 0)\ngreen\n'))
    expect(lab.run('ip netns exec green ip netns')).toEqual(ok('blue (id: 0)\nred\ngreen\n'))
    expect(lab.run('ip -n green -br link')).toEqual(
      ok(`lo               DOWN           00:00:00:00:00:00 <LOOPBACK> 
v2@if2           DOWN           ${macOf(lab, 'v2', named(lab, 'green'))} <BROADCAST,MULTICAST> 
`),
    )
  })

  it('runs a command in a namespace with its exit status', () => {
    const lab = createTestLab()
    setUp(lab, 'ip netns add ns1')
    expect(lab.run('ip netns exec ns1 false')).toEqual(err('', 1))
    expect(lab.run('ip netns exec ns1 ip -br addr')).toEqual(
      ok('lo               DOWN           \n'),
    )
    expect(lab.run('ip netns exec ns1 ip addr | head -1')).toEqual(
      ok('1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN group default qlen 1000\n'),
    )
  })

  it.each([
    ['ip netns add ns1', 'Cannot create namespace file "/run/netns/ns1": File exists\n', 1],
    ['ip netns add', 'No netns name specified\n', 1],
    ['ip netns del', 'No netns name specified\n', 1],
    ['ip netns add a/b', 'Invalid netns name "a/b"\n', 255],
    ['ip netns exec', 'No netns name specified\n', 1],
    ['ip netns exec ns1', 'No command specified\n', 1],
    ['ip netns exec ns1 nosuchprog', 'exec of "nosuchprog" failed: No such file or directory\n', 1],
    [
      'ip netns exec nope ip a',
      'Cannot open network namespace "nope": No such file or directory\n',
      255,
    ],
    ['ip -n nope link', 'Cannot open network namespace "nope": No such file or directory\n', 255],
    ['ip netns foo', 'Command "foo" is unknown, try "ip netns help".\n', 255],
  ] as const)('%s', (line, stderr, exitCode) => {
    const lab = createTestLab()
    setUp(lab, 'ip netns add ns1')
    expect(lab.run(line)).toEqual(err(stderr, exitCode))
  })

  it('keeps Docker’s namespaces out of the list', () => {
    const lab = createTestLab()
    expect(lab.run('docker run -d --name web nginx').exitCode).toBe(0)
    expect(lab.run('ip netns')).toEqual(ok())
  })
})

describe('determinism', () => {
  it('replays the same commands into the same world', () => {
    const lines = [
      'ip netns add ns1',
      'ip link add veth1 type veth peer name veth1-peer',
      'ip link add br0 type bridge',
      'ip link set veth1 master br0',
      'ip link set veth1-peer netns ns1',
      'ip -n ns1 addr add 10.1.0.2/24 dev veth1-peer',
    ]
    const a = createTestLab({ seed: 42 })
    const b = createTestLab({ seed: 42 })
    for (const line of lines) {
      a.run(line)
      b.run(line)
    }
    expect(a.world).toStrictEqual(b.world)
  })
})
