// The macvlan and ipvlan drivers: networks on a parent (an existing NIC, an 802.1Q
// sub-interface Docker makes, a dummy), the child device each container gets (name, MAC, MTU,
// mode, routes), the modes, `-p` being ignored, and every error Docker gives, byte for byte.

import { describe, expect, it } from 'vitest'
import {
  allProcesses,
  daemon,
  formatCidr,
  getNetns,
  hostId,
  INIT_NETNS,
  linksOf,
  type KernelOp,
  type Link,
} from '../../../src/engine'
import { createTestLab, type TestLab } from '../../helpers/lab'
import { labAfter } from '../../helpers/trace'
import {
  container,
  host1,
  hostLinkNames,
  interfaces,
  network,
  routesOf,
  subnetOf,
} from '../../helpers/world'

const H1 = hostId('host1')

function hostLink(lab: TestLab, name: string): Link {
  const l = linksOf(getNetns(host1(lab).kernel, INIT_NETNS)).find((x) => x.name === name)
  if (!l) throw new Error(`no host link ${name}`)
  return l
}

function ctrLink(lab: TestLab, ctr: string, name = 'eth0'): Link {
  const l = interfaces(lab, ctr).find((x) => x.name === name)
  if (!l) throw new Error(`${ctr} has no ${name}`)
  return l
}

const daemonError = (msg: string) => ({
  stdout: '',
  stderr: `Error response from daemon: ${msg}\n`,
  exitCode: 1,
})

const runError = (msg: string) => ({
  stdout: '',
  stderr: `docker: Error response from daemon: failed to set up container networking: ${msg}\n\nRun 'docker run --help' for more information\n`,
  exitCode: 125,
})

const MV =
  'docker network create -d macvlan --subnet 10.10.0.0/24 --gateway 10.10.0.1 -o parent=eth0 mv'

describe('macvlan networks', () => {
  it('uses an existing parent as it is, and inspect prints the options as given', () => {
    const lab = labAfter(MV)
    const net = network(lab, 'mv')
    expect(net).toMatchObject({ driver: 'macvlan', scope: 'local', internal: false })
    expect(net.lowerDev).toEqual({
      parent: 'eth0',
      link: hostLink(lab, 'eth0').id,
      created: false,
      mode: 'bridge',
    })
    expect(hostLinkNames(lab)).toEqual(['lo', 'eth0', 'docker0'])
    const opts = lab.run('docker network inspect -f "{{json .Options}} {{.Driver}}" mv')
    expect(opts.stdout).toBe('{"parent":"eth0"} macvlan\n')
  })

  it('takes the next free local pool and its first address as gateway without --subnet', () => {
    const lab = labAfter('docker network create -d macvlan -o parent=eth0 mv')
    expect(subnetOf(lab, 'mv')).toBe('172.18.0.0/16')
    expect(network(lab, 'mv').pools[0]?.gateway).toBe(0xac120001)
  })

  it('keeps the modes it was given in Options, and the parsed mode on the record', () => {
    const lab = labAfter(
      'docker network create -d macvlan -o parent=eth0 -o macvlan_mode=private mv',
      'docker network create -d ipvlan -o parent=eth0.30 -o ipvlan_mode=l3 -o ipvlan_flag=vepa iv',
    )
    expect(network(lab, 'mv').lowerDev?.mode).toBe('private')
    expect(network(lab, 'iv').lowerDev).toMatchObject({ mode: 'l3', flag: 'vepa' })
    const opts = lab.run('docker network inspect -f "{{json .Options}}" iv')
    expect(opts.stdout).toBe('{"ipvlan_flag":"vepa","ipvlan_mode":"l3","parent":"eth0.30"}\n')
  })

  it('makes the 802.1Q sub-interface eth0.10 on eth0 and deletes it with the last network on it', () => {
    const lab = labAfter(
      'ip link set dev eth0 mtu 1400',
      'docker network create -d macvlan -o parent=eth0.10 v10a',
      'docker network create -d macvlan -o parent=eth0.10 v10b',
    )
    const eth0 = hostLink(lab, 'eth0')
    const vlan = hostLink(lab, 'eth0.10')
    expect(vlan).toMatchObject({
      kind: 'vlan',
      up: true,
      mac: eth0.mac,
      mtu: 1400,
      info: { kind: 'vlan', id: 10, lower: { netns: INIT_NETNS, link: eth0.id } },
    })
    expect(network(lab, 'v10a').lowerDev).toMatchObject({ parent: 'eth0.10', created: true })
    // The second network found it made by the first, and counts as its maker too.
    expect(network(lab, 'v10b').lowerDev).toMatchObject({ parent: 'eth0.10', created: true })
    lab.run('docker network rm v10a')
    expect(hostLinkNames(lab)).toContain('eth0.10')
    lab.run('docker network rm v10b')
    expect(hostLinkNames(lab)).toEqual(['lo', 'eth0', 'docker0'])
  })

  it('keeps its books per driver: macvlan deletes its eth0.10 even under an ipvlan network', () => {
    const lab = labAfter(
      'docker network create -d macvlan -o parent=eth0.10 v10a',
      'docker network create -d ipvlan -o parent=eth0.10 i10',
    )
    // ipvlan found eth0.10 there: not its own to delete.
    expect(network(lab, 'i10').lowerDev).toMatchObject({ created: false })
    lab.run('docker network rm v10a')
    expect(hostLinkNames(lab)).toEqual(['lo', 'eth0', 'docker0'])
    expect(lab.run('docker network rm i10').exitCode).toBe(0)
  })

  it('never deletes a parent that was there before', () => {
    const lab = labAfter(MV, 'docker network rm mv')
    expect(hostLinkNames(lab)).toEqual(['lo', 'eth0', 'docker0'])
  })

  it('makes a dummy dm-<id12> without parent: the network is internal to the driver', () => {
    const lab = labAfter('docker network create -d macvlan nopar')
    const net = network(lab, 'nopar')
    const dummy = hostLink(lab, `dm-${net.id.slice(0, 12)}`)
    expect(dummy).toMatchObject({ kind: 'dummy', up: true })
    expect(net.lowerDev).toMatchObject({ parent: dummy.name, link: dummy.id, created: true })
    // libnetwork does not learn it is internal (inspect: false), but no gateway is allocated.
    expect(net.internal).toBe(false)
    expect(net.pools[0]?.gateway).toBeUndefined()
    lab.run('docker run -d --name c1 --network nopar busybox sleep 1000')
    expect(routesOf(lab, 'c1')).toEqual(['172.18.0.0/16 dev eth0'])
    lab.run('docker rm -f c1')
    lab.run('docker network rm nopar')
    expect(hostLinkNames(lab)).toEqual(['lo', 'eth0', 'docker0'])
  })

  it('makes a dummy di-<id12> for an ipvlan network without parent', () => {
    const lab = labAfter('docker network create -d ipvlan nopar')
    const net = network(lab, 'nopar')
    expect(hostLink(lab, `di-${net.id.slice(0, 12)}`).kind).toBe('dummy')
  })

  it('gives --internal networks no gateway and their containers no default route', () => {
    const lab = labAfter(
      'docker network create -d macvlan --internal --subnet 10.10.0.0/24 -o parent=eth0 mv',
      'docker run -d --name c1 --network mv busybox sleep 1000',
    )
    expect(network(lab, 'mv').internal).toBe(true)
    expect(network(lab, 'mv').pools[0]?.gateway).toBeUndefined()
    expect(routesOf(lab, 'c1')).toEqual(['10.10.0.0/24 dev eth0'])
  })
})

describe('a container on a macvlan network', () => {
  const lab = labAfter(
    'ip link set dev eth0 mtu 1400',
    MV,
    'docker run -d --name web --network mv nginx',
    'docker run -d --name web2 --network mv --ip 10.10.0.60 nginx',
  )

  it('gets a macvlan child of eth0 named eth0, with a random MAC and the parent MTU', () => {
    const eth0 = hostLink(lab, 'eth0')
    const child = ctrLink(lab, 'web')
    expect(child).toMatchObject({
      kind: 'macvlan',
      mtu: 1400,
      up: true,
      info: { kind: 'macvlan', mode: 'bridge', lower: { netns: INIT_NETNS, link: eth0.id } },
    })
    expect(child.mac).not.toBe(eth0.mac)
    expect(child.mac).not.toBe(ctrLink(lab, 'web2').mac)
    expect(child.mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/)
    expect(interfaces(lab, 'web').map((l) => l.name)).toEqual(['lo', 'eth0'])
    expect(hostLinkNames(lab)).toEqual(['lo', 'eth0', 'docker0'])
  })

  it('takes its address from IPAM and its default route through the gateway', () => {
    expect(child4(lab, 'web')).toEqual(['10.10.0.2/24'])
    expect(child4(lab, 'web2')).toEqual(['10.10.0.60/24'])
    expect(routesOf(lab, 'web')).toEqual([
      '10.10.0.0/24 dev eth0',
      'default via 10.10.0.1 dev eth0',
    ])
    const ep = lab.run('docker inspect -f "{{json .NetworkSettings.Networks.mv.Gateway}}" web')
    expect(ep.stdout).toBe('"10.10.0.1"\n')
  })

  it('records the MAC it gave the child', () => {
    const mac = lab.run('docker inspect -f "{{.NetworkSettings.Networks.mv.MacAddress}}" web')
    expect(mac.stdout).toBe(`${ctrLink(lab, 'web').mac}\n`)
  })
})

function child4(lab: TestLab, ctr: string): string[] {
  return ctrLink(lab, ctr).addrs.map((a) => formatCidr(a.cidr))
}

describe('plumbing, as libnetwork does it', () => {
  it('creates the child in the host namespace as veth…, moves it in, renames it, addresses it, raises it', () => {
    const lab = labAfter(MV, 'docker run -d --name web busybox sleep 1000')
    let ops: KernelOp[] = []
    const r = lab.engine.transact((t) => {
      const c = daemon.connectContainer(t, H1, 'mv', 'web', {
        aliases: [],
        links: [],
        gwPriority: 0,
      })
      ops = [...t.ops]
      return c
    })
    expect(r.ok).toBe(true)
    const kinds = ops.map((o) => o.kind)
    const at = (k: KernelOp['kind']) => kinds.indexOf(k)
    expect(at('link.add')).toBeLessThan(at('link.set-netns'))
    expect(at('link.set-netns')).toBeLessThan(at('link.rename'))
    expect(at('link.rename')).toBeLessThan(at('addr.add'))
    expect(at('addr.add')).toBeLessThan(at('link.set-up'))
    const add = ops.find((o) => o.kind === 'link.add')
    expect(add).toMatchObject({ netns: INIT_NETNS, spec: { kind: 'macvlan' } })
    expect(add?.kind === 'link.add' && add.spec.name).toMatch(/^veth[0-9a-f]{7}$/)
    expect(ops.find((o) => o.kind === 'link.rename')).toMatchObject({ name: 'eth1' })
  })

  it('deletes the child with the container and gives the address back', () => {
    const lab = labAfter(MV, 'docker run -d --name web --network mv busybox sleep 1000')
    lab.run('docker rm -f web')
    expect(network(lab, 'mv').pools[0]?.used).toEqual([0x0a0a0001])
    lab.run('docker run -d --name web --network mv busybox sleep 1000')
    expect(child4(lab, 'web')).toEqual(['10.10.0.2/24'])
  })

  it('loses the child when stopped and gets a new one on start', () => {
    const lab = labAfter(MV, 'docker run -d --name web --network mv busybox sleep 1000')
    const first = ctrLink(lab, 'web')
    lab.run('docker stop web')
    expect(network(lab, 'mv').pools[0]?.used).toEqual([0x0a0a0001])
    lab.run('docker start web')
    const again = ctrLink(lab, 'web')
    expect(again).toMatchObject({ kind: 'macvlan', name: 'eth0', up: true })
    expect(again.id).not.toBe(first.id)
    expect(child4(lab, 'web')).toEqual(['10.10.0.2/24'])
  })

  it('deletes the children when their parent goes, as the kernel does', () => {
    const lab = labAfter(
      'docker network create -d macvlan -o parent=eth0.10 v10',
      'docker run -d --name web --network v10 busybox sleep 1000',
      'ip link del eth0.10',
    )
    expect(interfaces(lab, 'web').map((l) => l.name)).toEqual(['lo'])
    expect(lab.run('docker run -d --name web2 --network v10 busybox sleep 1000')).toEqual(
      runError('the requested parent interface eth0.10 was not found on the Docker host'),
    )
  })

  it('ignores -p: no docker-proxy, no DNAT, no published port', () => {
    const lab = labAfter(MV, 'docker run -d --name web --network mv -p 8080:80 nginx')
    expect(lab.run('docker port web').stdout).toBe('')
    expect(lab.run('iptables -t nat -S DOCKER').stdout).not.toContain('8080')
    const names = allProcesses(host1(lab).kernel).map((p) => p.name)
    expect(names).not.toContain('docker-proxy')
    // The same run on a bridge network does start one.
    lab.run('docker run -d --name web2 -p 8081:80 nginx')
    expect(allProcesses(host1(lab).kernel).map((p) => p.name)).toContain('docker-proxy')
  })
})

describe('ipvlan', () => {
  it('l2: a child with the parent MAC and MTU, no MAC of its own in inspect, a gateway route', () => {
    const lab = labAfter(
      'docker network create -d ipvlan --subnet 10.10.0.0/24 -o parent=eth0 iv',
      'docker run -d --name c1 --network iv busybox sleep 1000',
    )
    const eth0 = hostLink(lab, 'eth0')
    expect(ctrLink(lab, 'c1')).toMatchObject({
      kind: 'ipvlan',
      mac: eth0.mac,
      mtu: eth0.mtu,
      info: { kind: 'ipvlan', mode: 'l2', flag: 'bridge', lower: { link: eth0.id } },
    })
    expect(routesOf(lab, 'c1')).toEqual(['10.10.0.0/24 dev eth0', 'default via 10.10.0.1 dev eth0'])
    const mac = lab.run('docker inspect -f "{{json .NetworkSettings.Networks.iv.MacAddress}}" c1')
    expect(mac.stdout).toBe('""\n')
  })

  it('l3: no gateway address, the default route goes straight out of eth0', () => {
    const lab = labAfter(
      'docker network create -d ipvlan --subnet 192.168.50.0/24 -o ipvlan_mode=l3 -o parent=eth0 l3',
      'docker run -d --name c1 --network l3 busybox sleep 1000',
    )
    expect(network(lab, 'l3').pools[0]?.gateway).toBeUndefined()
    // No gateway reserved: the first container takes the first address.
    expect(child4(lab, 'c1')).toEqual(['192.168.50.1/24'])
    expect(routesOf(lab, 'c1')).toEqual(['192.168.50.0/24 dev eth0', 'default dev eth0'])
    const ns = getNetns(host1(lab).kernel, container(lab, 'c1').sandbox?.netns ?? INIT_NETNS)
    expect(ns?.routes.find((r) => r.dst.len === 0)).toMatchObject({ scope: 'link', proto: 'boot' })
    const gw = lab.run('docker inspect -f "{{json .NetworkSettings.Networks.l3.Gateway}}" c1')
    expect(gw.stdout).toBe('""\n')
  })

  it('l3 with --gateway still reserves it, but routes by device', () => {
    const lab = labAfter(
      'docker network create -d ipvlan --subnet 192.168.50.0/24 --gateway 192.168.50.254 -o ipvlan_mode=l3s -o parent=eth0 l3',
      'docker run -d --name c1 --network l3 busybox sleep 1000',
    )
    expect(network(lab, 'l3').pools[0]?.gateway).toBe(0xc0a832fe)
    expect(routesOf(lab, 'c1')).toEqual(['192.168.50.0/24 dev eth0', 'default dev eth0'])
  })
})

describe('modes the kernel enforces at join', () => {
  it('passthru: one child, which hands its MAC to the parent', () => {
    const lab = labAfter(
      'docker network create -d macvlan -o parent=eth0 -o macvlan_mode=passthru pt',
      'docker run -d --name c1 --network pt busybox sleep 1000',
    )
    expect(hostLink(lab, 'eth0').mac).toBe(ctrLink(lab, 'c1').mac)
    expect(lab.run('docker run -d --name c2 --network pt busybox sleep 1000')).toEqual(
      runError('failed to create the macvlan port: invalid argument'),
    )
  })

  it('a parent with macvlan children cannot take ipvlan ones, nor the reverse', () => {
    const lab = labAfter(
      MV,
      'docker run -d --name c1 --network mv busybox sleep 1000',
      'docker network create -d ipvlan -o parent=eth0 iv',
    )
    expect(lab.run('docker run -d --name c2 --network iv busybox sleep 1000')).toEqual(
      runError('failed to create the ipvlan port: device or resource busy'),
    )
  })
})

describe('errors', () => {
  const cases: [string, string][] = [
    [
      '-d macvlan -o parent=eth0 -o macvlan_mode=foo',
      "requested macvlan mode 'foo' is not valid, 'bridge' mode is the macvlan driver default",
    ],
    [
      '-d ipvlan -o parent=eth0 -o ipvlan_mode=l4',
      "requested ipvlan mode 'l4' is not valid, 'l2' mode is the ipvlan driver default",
    ],
    [
      '-d ipvlan -o parent=eth0 -o ipvlan_flag=x',
      "requested ipvlan flag 'x' is not valid, 'bridge' is the ipvlan driver default",
    ],
    ['-d macvlan -o parent=lo', 'loopback interface is not a valid macvlan parent link'],
    ['-d ipvlan -o parent=lo', 'loopback interface is not a valid ipvlan parent link'],
    [
      '-d macvlan -o parent=eth9',
      'invalid subinterface vlan name eth9, example formatting is eth0.10',
    ],
    [
      '-d macvlan -o parent=eth0.10.5',
      'required interface name format is: name.vlan_id, ex. eth0.10 for vlan 10, instead received eth0.10.5',
    ],
    [
      '-d ipvlan -o parent=eth0.abc',
      'unable to parse a valid vlan id from: abc (ex. eth0.10 for vlan 10)',
    ],
    ['-d macvlan -o parent=eth9.10', '-o parent interface was not found on the host: eth9'],
    ['-d macvlan -o parent=eth0.5000', 'vlan id must be between 1-4094, received: 5000'],
    ['-d ipvlan -o parent=eth0.0', 'vlan id must be between 1-4094, received: 0'],
    ['-d macvlan -o parent=eth0.-3', 'vlan id must be between 1-4094, received: -3'],
  ]
  for (const [flags, msg] of cases) {
    it(`network create ${flags}`, () => {
      const lab = createTestLab()
      expect(lab.run(`docker network create ${flags} bad`)).toEqual(daemonError(msg))
      expect(hostLinkNames(lab)).toEqual(['lo', 'eth0', 'docker0'])
      expect(lab.run('docker network ls -q -f name=bad').stdout).toBe('')
    })
  }

  it('checks the mode before IPAM, and the parent after', () => {
    const lab = labAfter(MV)
    const again = '-d macvlan --subnet 10.10.0.0/24'
    expect(lab.run(`docker network create ${again} -o macvlan_mode=x -o parent=eth0 m2`)).toEqual(
      daemonError(
        "requested macvlan mode 'x' is not valid, 'bridge' mode is the macvlan driver default",
      ),
    )
    expect(lab.run(`docker network create ${again} -o parent=eth9 m2`)).toEqual(
      daemonError('invalid pool request: Pool overlaps with other one on this address space'),
    )
  })

  it('passthru takes a parent alone, either way round', () => {
    const lab = labAfter(MV)
    const id = network(lab, 'mv').id
    expect(
      lab.run('docker network create -d macvlan -o parent=eth0 -o macvlan_mode=passthru pt'),
    ).toEqual(
      daemonError(
        `cannot use mode passthru, macvlan network ${id} is already using parent interface eth0`,
      ),
    )
    const lab2 = labAfter(
      'docker network create -d macvlan -o parent=eth0 -o macvlan_mode=passthru pt',
    )
    const pt = network(lab2, 'pt').id
    expect(lab2.run('docker network create -d macvlan -o parent=eth0 m2')).toEqual(
      daemonError(`macvlan network ${pt} is already using parent interface eth0 in mode passthru`),
    )
  })

  it('shares a parent between macvlan networks otherwise', () => {
    const lab = labAfter(MV)
    expect(lab.run('docker network create -d macvlan -o parent=eth0 m2').exitCode).toBe(0)
  })

  it('gives an ipvlan parent to one network only, naming the other by its dummy name', () => {
    const lab = labAfter('docker network create -d ipvlan -o parent=eth0 iv')
    const other = network(lab, 'iv').id.slice(0, 12)
    expect(lab.run('docker network create -d ipvlan -o ipvlan_mode=l3 -o parent=eth0 iv2')).toEqual(
      daemonError(`network di-${other} is already using parent interface eth0`),
    )
  })
})
