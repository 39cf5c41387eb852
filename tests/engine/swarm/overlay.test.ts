// Swarm mode and overlay networks on seed 002's three hosts: the cluster's pools and VNIs,
// docker_gwbridge, the overlay sandbox (br0, vxlan0, veths), FDB/ARP programming, MTU.

import { describe, expect, it } from 'vitest'
import {
  allNetworks,
  allNetns,
  formatCidr,
  formatIpv4,
  getContainer,
  getNetns,
  linksOf,
  lookupContainer,
  parseIpv4,
  traceProbe,
  type Engine,
  type Host,
} from '../../../src/engine'
import { createSession } from '../../../src/cli'
import { D1, D2, D3, must, mustOverlay, overlay, swarm3, worldEngine } from '../../helpers/swarm'

function run(e: Engine, host: typeof D1, line: string): void {
  const r = createSession(e, host).run(line)
  if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`)
}

function nsOf(h: Host, name: string) {
  const found = lookupContainer(h.daemon, name)
  if (found.kind !== 'found' || !found.container.sandbox) throw new Error(`${name} not running`)
  return getNetns(h.kernel, found.container.sandbox.netns)
}

function ifaces(h: Host, name: string): Record<string, string> {
  return Object.fromEntries(
    linksOf(nsOf(h, name)).map((l) => [
      l.name,
      `${l.addrs.map((a) => formatCidr(a.cidr)).join(' ')} mtu ${l.mtu}`,
    ]),
  )
}

describe('swarm init and join', () => {
  it('makes ingress (10.0.0.0/24, VNI 4096) and docker_gwbridge (172.18.0.0/16) on every node', () => {
    const e = swarm3()
    const sw = e.world.swarm
    expect(sw?.nodes.map((n) => [n.host, n.role, formatIpv4(n.addr), n.leader])).toEqual([
      ['docker01', 'manager', '10.10.0.11', true],
      ['docker02', 'worker', '10.10.0.12', false],
      ['docker03', 'worker', '10.20.0.13', false],
    ])
    expect(sw?.id).toMatch(/^[0-9a-z]{25}$/)
    expect(sw?.tokens.worker).toMatch(/^SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}$/)
    for (const h of [D1, D2, D3]) {
      const host = e.world.hosts[h]!
      const nets = allNetworks(host.daemon).map(
        (n) =>
          `${n.name} ${n.driver} ${n.scope} ${n.pools.map((p) => formatCidr(p.subnet)).join()}`,
      )
      expect(nets).toContain('docker_gwbridge bridge local 172.18.0.0/16')
      expect(nets).toContain('ingress overlay swarm 10.0.0.0/24')
      expect(allNetns(host.kernel).map((n) => n.path)).toContain(
        '/var/run/docker/netns/ingress_sbox',
      )
    }
  })
})

describe('overlay network', () => {
  it('gives --network OV containers eth0 on the overlay (MTU 1450) and eth1 on docker_gwbridge', () => {
    const e = swarm3()
    const net = mustOverlay(e, 'vnet', { subnet: '192.168.0.0/24' })
    expect(net.options['com.docker.network.driver.overlay.vxlanid_list']).toBe('4097')
    run(e, D2, 'docker run -itd --name=c02 --hostname=c02 --net=vnet busybox')
    run(e, D3, 'docker run -itd --name=c03 --hostname=c03 --net=vnet busybox')
    const d2 = e.world.hosts[D2]!
    expect(ifaces(d2, 'c02')).toEqual({
      lo: '127.0.0.1/8 mtu 65536',
      eth0: '192.168.0.2/24 mtu 1450',
      eth1: '172.18.0.3/16 mtu 1500',
    })
    const sandbox = allNetns(d2.kernel).find(
      (n) => n.path.startsWith('/var/run/docker/netns/1-') && n.path.includes(net.id.slice(0, 10)),
    )
    expect(
      linksOf(sandbox)
        .map((l) => `${l.name} ${l.kind} ${l.mtu}`)
        .sort(),
    ).toEqual([
      'br0 bridge 1450',
      'lo loopback 65536',
      'veth0 veth 1450',
      'veth1 veth 1450',
      'vxlan0 vxlan 1450',
    ])
    const neigh = sandbox?.neigh.map((n) => `${formatIpv4(n.ip)} ${n.mac} ${n.state}`)
    // c03 and docker03's load balancer.
    expect(neigh).toEqual([
      '192.168.0.4 02:42:c0:a8:00:04 PERMANENT',
      '192.168.0.5 02:42:c0:a8:00:05 PERMANENT',
    ])
    const fdb = sandbox?.fdb
      .filter((f) => f.dst !== undefined)
      .map((f) => `${f.mac} dst ${formatIpv4(f.dst ?? 0)}`)
    expect(fdb).toEqual(['02:42:c0:a8:00:04 dst 10.20.0.13', '02:42:c0:a8:00:05 dst 10.20.0.13'])
    const c02 = getContainer(
      d2.daemon,
      lookupContainer(d2.daemon, 'c02').kind === 'found'
        ? (lookupContainer(d2.daemon, 'c02') as { container: { id: string } }).container.id
        : '',
    )
    expect(c02?.status).toBe('running')
  })
})

describe('a packet across the overlay', () => {
  it('is encapsulated on docker02, routed over the underlay and decapsulated on docker03', () => {
    const e = swarm3()
    mustOverlay(e, 'vnet')
    run(e, D2, 'docker run -itd --name=c02 --net=vnet busybox')
    run(e, D3, 'docker run -itd --name=c03 --net=vnet busybox')
    const to = parseIpv4('10.0.1.4') ?? 0
    const trace = traceProbe(e.world, {
      from: { kind: 'container', host: D2, container: 'c02' },
      to,
      proto: 'icmp',
    })
    const text = trace.steps.map((s) => `${s.where.host ?? '-'} ${s.kind}: ${s.what}`)
    expect(trace.verdict, text.join('\n')).toBe('delivered')
    const encap = trace.steps.find((s) => s.kind === 'tunnel' && s.dir === 'encap')
    expect(encap?.packet.tunnel?.vni).toBe(4097)
    expect(encap?.packet.dst).toBe(parseIpv4('10.20.0.13'))
    expect(encap?.packet.dport).toBe(4789)
    expect(text.join('\n')).toMatchSnapshot()
  })
})

describe('names and pings across hosts', () => {
  it('c02 resolves c03 and c03.vnet and pings it on the other node', () => {
    const e = swarm3()
    mustOverlay(e, 'vnet')
    run(e, D2, 'docker run -itd --name=c02 --net=vnet busybox')
    run(e, D3, 'docker run -itd --name=c03 --net=vnet busybox')
    const s = createSession(e, D2)
    const ping = s.run('docker exec c02 ping -c 1 c03')
    expect(ping.stdout).toContain('64 bytes from 10.0.1.4')
    expect(s.run('docker exec c02 ping -c 1 c03.vnet').stdout).toContain('64 bytes from 10.0.1.4')
    // The default route goes through docker_gwbridge (eth1).
    expect(s.run('docker exec c02 ip route').stdout).toBe(
      'default via 172.18.0.1 dev eth1 \n10.0.1.0/24 dev eth0 scope link  src 10.0.1.2 \n172.18.0.0/16 dev eth1 scope link  src 172.18.0.3 \n',
    )
  })
})

describe('overlay rules', () => {
  it('hands out 10.0.1.0/24, 10.0.2.0/24 … and VNIs 4097, 4098 …; encrypted overlays get MTU 1424', () => {
    const e = swarm3()
    const a = must(overlay(e, 'ov1'))
    const b = mustOverlay(e, 'ov2', { options: { encrypted: '' } })
    expect([a.pools[0]?.subnet, b.pools[0]?.subnet].map((s) => (s ? formatCidr(s) : ''))).toEqual([
      '10.0.1.0/24',
      '10.0.2.0/24',
    ])
    expect([a.overlay?.vni, b.overlay?.vni]).toEqual([4097, 4098])
    expect(a.id).toMatch(/^[0-9a-z]{25}$/)
    run(e, D2, 'docker run -d --name enc --network ov2 busybox sleep 1d')
    expect(ifaces(e.world.hosts[D2]!, 'enc').eth0).toBe('10.0.2.2/24 mtu 1424')
  })

  it('keeps two overlays apart, on one host and across hosts', () => {
    const e = swarm3()
    must(overlay(e, 'ov1'))
    must(overlay(e, 'ov2'))
    run(e, D2, 'docker run -d --name ca --network ov1 busybox sleep 1d')
    run(e, D2, 'docker run -d --name cb --network ov2 busybox sleep 1d')
    run(e, D3, 'docker run -d --name cc --network ov2 busybox sleep 1d')
    const from = { kind: 'container', host: D2, container: 'ca' } as const
    for (const ip of ['10.0.2.2', '10.0.2.4']) {
      const t = traceProbe(e.world, { from, to: parseIpv4(ip) ?? 0, proto: 'icmp' })
      expect(t.verdict, ip).toBe('dropped')
      expect(t.steps.some((s) => s.kind === 'tunnel')).toBe(false)
    }
  })

  it('refuses what Docker refuses: overlays outside a swarm, on workers, and unattachable ones', () => {
    const e = worldEngine('seed-002')
    const outside = overlay(e, 'x')
    expect(!outside.ok && outside.error.message).toBe(
      'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.',
    )
    const s = swarm3()
    const onWorker = overlay(s, 'x', {}, D2)
    expect(!onWorker.ok && onWorker.error.kind).toBe('not-swarm-manager')
    mustOverlay(s, 'closed', { attachable: false })
    const r = createSession(s, D2).run('docker run -d --name xx --network closed busybox')
    expect(r.stderr).toBe(
      "docker: Error response from daemon: Could not attach to network closed: rpc error: code = PermissionDenied desc = network closed not manually attachable\n\nRun 'docker run --help' for more information\n",
    )
  })

  it('tears the sandbox down with the last local container, and a worker forgets the network', () => {
    const e = swarm3()
    const net = must(overlay(e, 'ov1'))
    run(e, D2, 'docker run -d --name ca --network ov1 busybox sleep 1d')
    const sandboxes = () =>
      allNetns(e.world.hosts[D2]!.kernel).filter((n) => n.path.endsWith(`1-${net.id.slice(0, 10)}`))
    expect(sandboxes()).toHaveLength(1)
    run(e, D2, 'docker rm -f ca')
    expect(sandboxes()).toHaveLength(0)
    expect(allNetworks(e.world.hosts[D2]!.daemon).map((n) => n.name)).not.toContain('ov1')
    expect(allNetworks(e.world.hosts[D1]!.daemon).map((n) => n.name)).toContain('ov1')
  })
})
