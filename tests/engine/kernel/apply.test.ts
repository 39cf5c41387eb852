// The kernel applier on its own: what Linux does by itself when a device moves, changes its MAC
// or MTU, when addresses come and go, and when namespaces are made and removed.

import { describe, expect, it } from 'vitest'
import {
  createEngine,
  formatCidr,
  getNetns,
  hostId,
  INIT_NETNS,
  linksOf,
  type KernelOp,
  type Link,
  type LinkId,
  type NetnsId,
  type OpContext,
} from '../../../src/engine'
import { ok } from '../../../src/lib/result'
import { DEFAULT_WORLD } from '../../../src/scenarios/default-world'

const HOST = hostId('host1')

type Op = KernelOp extends infer K ? (K extends { host: unknown } ? Omit<K, 'host'> : never) : never

function kernelLab() {
  const engine = createEngine({ seed: 7, spec: DEFAULT_WORLD })
  const ns = (netns: NetnsId) => getNetns(engine.world.hosts[HOST]?.kernel, netns)
  return {
    engine,
    /** Runs ops (built with fresh ids) in one transaction. */
    apply<T>(build: (tx: OpContext, put: (op: Op) => void) => T): T {
      let value: T | undefined
      engine.transact((tx) => {
        value = build(tx, (op) => tx.apply({ ...op, host: HOST }))
        return ok(undefined)
      })
      return value as T
    },
    ns,
    links: (netns: NetnsId = INIT_NETNS): Link[] => linksOf(ns(netns)),
    link(name: string, netns: NetnsId = INIT_NETNS): Link {
      const l = linksOf(ns(netns)).find((x) => x.name === name)
      if (!l) throw new Error(`no ${name} in ${netns}`)
      return l
    },
    routes: (netns: NetnsId = INIT_NETNS): string[] =>
      (ns(netns)?.routes ?? []).map((r) => `${formatCidr(r.dst)} ${r.dev} ${r.proto}`),
  }
}
type Lab = ReturnType<typeof kernelLab>

const LO_SPEC = {
  name: 'lo',
  kind: 'loopback',
  mac: '00:00:00:00:00:00',
  mtu: 65536,
  txqlen: 1000,
} as const

/** `ip netns add NAME`: a namespace with only lo, down. */
function namedNetns(lab: Lab, name: string): NetnsId {
  return lab.apply((tx, put) => {
    const netns = tx.newNetnsId(HOST)
    put({ kind: 'netns.add', netns, role: 'named', path: `/var/run/netns/${name}` })
    put({ kind: 'link.add', netns, link: tx.newLinkId(HOST), spec: LO_SPEC })
    return netns
  })
}

/** `ip link add A type veth peer name B` in the host's namespace (B first, as veth_newlink). */
function veth(lab: Lab, a: string, b: string, mac = ['02:00:00:00:00:0b', '02:00:00:00:00:0a']) {
  return lab.apply((tx, put) => {
    const peer = tx.newLinkId(HOST)
    const dev = tx.newLinkId(HOST)
    const end = (link: LinkId, name: string, m: string) => ({
      netns: INIT_NETNS,
      link,
      name,
      mac: m,
      mtu: 1500,
      txqlen: 1000,
    })
    put({ kind: 'veth.add', a: end(peer, b, mac[0] ?? ''), b: end(dev, a, mac[1] ?? '') })
    return { dev, peer }
  })
}

function bridge(lab: Lab, name: string, randomMac: boolean): LinkId {
  return lab.apply((tx, put) => {
    const link = tx.newLinkId(HOST)
    const spec = {
      name,
      kind: 'bridge',
      mac: '0e:00:00:00:00:99',
      mtu: 1500,
      txqlen: 1000,
    } as const
    put({
      kind: 'link.add',
      netns: INIT_NETNS,
      link,
      spec: randomMac ? { ...spec, randomMac: true } : spec,
    })
    return link
  })
}

const addr = (text: string, scope: 'global' | 'host' = 'global') => {
  const [ip, len] = text.split('/')
  const parts = (ip ?? '').split('.').map(Number)
  const value = parts.reduce((acc, p) => acc * 256 + p, 0)
  return { cidr: { addr: value, len: Number(len) }, scope } as const
}

describe('veth.add', () => {
  it('gives Docker’s veths no queue length and `ip link add`’s 1000', () => {
    const lab = kernelLab()
    veth(lab, 'v1', 'v1p')
    expect(lab.link('v1').txqlen).toBe(1000)
    lab.apply((tx, put) => {
      const end = (name: string) => ({
        netns: INIT_NETNS,
        link: tx.newLinkId(HOST),
        name,
        mac: tx.randomMac(),
        mtu: 1500,
      })
      put({ kind: 'veth.add', a: end('vd1'), b: end('vd2') })
    })
    expect(lab.link('vd1').txqlen).toBe(0)
  })

  it('registers the peer first: it gets the lower ifindex', () => {
    const lab = kernelLab()
    veth(lab, 'veth1', 'veth1-peer')
    expect(lab.links().map((l) => `${l.ifindex}:${l.name}`)).toEqual([
      '1:lo',
      '2:eth0',
      '3:docker0',
      '4:veth1-peer',
      '5:veth1',
    ])
  })
})

describe('link.set-netns', () => {
  it('moves a device down, without addresses or master, keeping its ifindex when free', () => {
    const lab = kernelLab()
    const br = bridge(lab, 'br0', false)
    const { dev, peer } = veth(lab, 'v1', 'v1p')
    lab.apply((_tx, put) => {
      put({ kind: 'link.set-master', netns: INIT_NETNS, link: peer, master: br })
      put({ kind: 'addr.add', netns: INIT_NETNS, link: peer, addr: addr('10.9.0.1/24') })
      put({ kind: 'link.set-up', netns: INIT_NETNS, link: peer, up: true })
    })
    expect(lab.routes()).toContain(`10.9.0.0/24 ${peer} kernel`)
    const ns1 = namedNetns(lab, 'ns1')
    lab.apply((_tx, put) => put({ kind: 'link.set-netns', netns: INIT_NETNS, link: peer, to: ns1 }))
    const moved = lab.link('v1p', ns1)
    expect(moved).toMatchObject({ ifindex: 5, up: false, addrs: [] })
    expect(moved.master).toBeUndefined()
    expect(lab.links().map((l) => l.name)).not.toContain('v1p')
    expect(lab.routes()).not.toContain(`10.9.0.0/24 ${peer} kernel`)
    // The peer pointers stay consistent both ways.
    expect(lab.link('v1').peer).toEqual({ netns: ns1, link: peer })
    expect(moved.peer).toEqual({ netns: INIT_NETNS, link: dev })
  })

  it('takes the namespace’s next free ifindex when its own is used there', () => {
    const lab = kernelLab()
    const ns1 = namedNetns(lab, 'ns1')
    // ns1 has lo (1); give it devices up to 6 so that v1p's index 5 is taken.
    lab.apply((tx, put) => {
      for (const name of ['d2', 'd3', 'd4', 'd5']) {
        const spec = { name, kind: 'dummy', mac: tx.randomMac(), mtu: 1500, txqlen: 1000 } as const
        put({ kind: 'link.add', netns: ns1, link: tx.newLinkId(HOST), spec })
      }
    })
    const { peer } = veth(lab, 'v1', 'v1p')
    expect(lab.link('v1p').ifindex).toBe(4)
    lab.apply((_tx, put) => put({ kind: 'link.set-netns', netns: INIT_NETNS, link: peer, to: ns1 }))
    expect(lab.link('v1p', ns1).ifindex).toBe(6)
    // The index it kept or took is not handed out again.
    lab.apply((tx, put) => {
      const spec = {
        name: 'd7',
        kind: 'dummy',
        mac: tx.randomMac(),
        mtu: 1500,
        txqlen: 1000,
      } as const
      put({ kind: 'link.add', netns: ns1, link: tx.newLinkId(HOST), spec })
    })
    expect(lab.link('d7', ns1).ifindex).toBe(7)
  })

  it('skips an index a device brought with it when handing out new ones', () => {
    const lab = kernelLab()
    const { peer } = veth(lab, 'v1', 'v1p')
    const ns1 = namedNetns(lab, 'ns1')
    lab.apply((_tx, put) => put({ kind: 'link.set-netns', netns: INIT_NETNS, link: peer, to: ns1 }))
    expect(lab.link('v1p', ns1).ifindex).toBe(4)
    lab.apply((tx, put) => {
      for (const name of ['d2', 'd3', 'd4']) {
        const spec = { name, kind: 'dummy', mac: tx.randomMac(), mtu: 1500, txqlen: 1000 } as const
        put({ kind: 'link.add', netns: ns1, link: tx.newLinkId(HOST), spec })
      }
    })
    expect(lab.links(ns1).map((l) => `${l.ifindex}:${l.name}`)).toEqual([
      '1:lo',
      '2:d2',
      '3:d3',
      '4:v1p',
      '5:d4',
    ])
  })
})

describe('a bridge whose MAC the kernel drew', () => {
  it('takes the lowest MAC of its ports, and zeros when the last one leaves', () => {
    const lab = kernelLab()
    const br = bridge(lab, 'br0', true)
    const a = veth(lab, 'a', 'ap', ['02:00:00:00:00:20', '02:00:00:00:00:30'])
    const b = veth(lab, 'b', 'bp', ['02:00:00:00:00:40', '02:00:00:00:00:10'])
    expect(lab.link('br0').mac).toBe('0e:00:00:00:00:99')
    lab.apply((_tx, put) =>
      put({ kind: 'link.set-master', netns: INIT_NETNS, link: a.dev, master: br }),
    )
    expect(lab.link('br0').mac).toBe('02:00:00:00:00:30')
    lab.apply((_tx, put) =>
      put({ kind: 'link.set-master', netns: INIT_NETNS, link: b.dev, master: br }),
    )
    expect(lab.link('br0').mac).toBe('02:00:00:00:00:10')
    lab.apply((_tx, put) => put({ kind: 'link.del', netns: INIT_NETNS, link: b.dev }))
    expect(lab.link('br0').mac).toBe('02:00:00:00:00:30')
    lab.apply((_tx, put) =>
      put({ kind: 'link.set-mac', netns: INIT_NETNS, link: a.dev, mac: '02:00:00:00:00:01' }),
    )
    expect(lab.link('br0').mac).toBe('02:00:00:00:00:01')
    lab.apply((_tx, put) =>
      put({ kind: 'link.set-master', netns: INIT_NETNS, link: a.dev, master: null }),
    )
    expect(lab.link('br0').mac).toBe('00:00:00:00:00:00')
  })

  it('keeps a MAC that was given or set (NET_ADDR_SET), as Docker’s bridges do', () => {
    const lab = kernelLab()
    const br = bridge(lab, 'br0', true)
    const a = veth(lab, 'a', 'ap')
    lab.apply((_tx, put) => {
      put({ kind: 'link.set-mac', netns: INIT_NETNS, link: br, mac: '02:11:22:33:44:55' })
      put({ kind: 'link.set-master', netns: INIT_NETNS, link: a.dev, master: br })
    })
    expect(lab.link('br0')).toMatchObject({ mac: '02:11:22:33:44:55' })
    expect(lab.link('br0').randomMac).toBeUndefined()
    const docker0 = lab.link('docker0')
    lab.apply((_tx, put) =>
      put({ kind: 'link.set-master', netns: INIT_NETNS, link: a.peer, master: docker0.id }),
    )
    expect(lab.link('docker0').mac).toBe(docker0.mac)
  })
})

describe('link.set-mtu', () => {
  it('changes the MTU only', () => {
    const lab = kernelLab()
    const { dev } = veth(lab, 'v1', 'v1p')
    lab.apply((_tx, put) => put({ kind: 'link.set-mtu', netns: INIT_NETNS, link: dev, mtu: 9000 }))
    expect(lab.link('v1')).toMatchObject({ mtu: 9000, up: false })
    expect(lab.link('v1p').mtu).toBe(1500)
  })
})

describe('addresses and their routes', () => {
  it('gives a loopback coming up 127.0.0.1/8, and no main-table route for it', () => {
    const lab = kernelLab()
    const ns1 = namedNetns(lab, 'ns1')
    const lo = lab.link('lo', ns1)
    expect(lo.addrs).toEqual([])
    lab.apply((_tx, put) => put({ kind: 'link.set-up', netns: ns1, link: lo.id, up: true }))
    expect(lab.link('lo', ns1).addrs.map((a) => `${formatCidr(a.cidr)} ${a.scope}`)).toEqual([
      '127.0.0.1/8 host',
    ])
    expect(lab.routes(ns1)).toEqual([])
  })

  it('adds no prefix route for a /32, and one for a host-scope address on a non-loopback', () => {
    const lab = kernelLab()
    const { dev } = veth(lab, 'v1', 'v1p')
    lab.apply((_tx, put) => {
      put({ kind: 'link.set-up', netns: INIT_NETNS, link: dev, up: true })
      put({ kind: 'addr.add', netns: INIT_NETNS, link: dev, addr: addr('10.0.1.1/32') })
      put({ kind: 'addr.add', netns: INIT_NETNS, link: dev, addr: addr('127.0.0.5/8', 'host') })
    })
    expect(lab.routes().filter((r) => r.includes(` ${dev} `))).toEqual([
      `127.0.0.0/8 ${dev} kernel`,
    ])
    // The host-scope address goes before the global one, as __inet_insert_ifa puts it.
    expect(lab.link('v1').addrs.map((a) => formatCidr(a.cidr))).toEqual([
      '127.0.0.5/8',
      '10.0.1.1/32',
    ])
  })

  it('deletes a primary’s secondaries with it, and every route once no address is left', () => {
    const lab = kernelLab()
    const { dev } = veth(lab, 'v1', 'v1p')
    lab.apply((_tx, put) => {
      put({ kind: 'link.set-up', netns: INIT_NETNS, link: dev, up: true })
      put({ kind: 'addr.add', netns: INIT_NETNS, link: dev, addr: addr('10.0.0.1/24') })
      put({ kind: 'addr.add', netns: INIT_NETNS, link: dev, addr: addr('10.0.0.2/24') })
      put({ kind: 'addr.add', netns: INIT_NETNS, link: dev, addr: addr('10.0.0.1/16') })
      const route = {
        dst: { addr: 0x0a050000, len: 16 },
        dev,
        proto: 'boot',
        scope: 'link',
      } as const
      put({ kind: 'route.add', netns: INIT_NETNS, route })
    })
    const mine = () => lab.routes().filter((r) => r.includes(` ${dev} `))
    expect(mine()).toEqual([
      `10.0.0.0/24 ${dev} kernel`,
      `10.0.0.0/16 ${dev} kernel`,
      `10.5.0.0/16 ${dev} boot`,
    ])
    lab.apply((_tx, put) =>
      put({ kind: 'addr.del', netns: INIT_NETNS, link: dev, addr: addr('10.0.0.1/24') }),
    )
    expect(lab.link('v1').addrs.map((a) => formatCidr(a.cidr))).toEqual(['10.0.0.1/16'])
    // The /16 still holds 10.0.0.1: its route stays.
    expect(mine()).toEqual([`10.0.0.0/16 ${dev} kernel`, `10.5.0.0/16 ${dev} boot`])
    lab.apply((_tx, put) =>
      put({ kind: 'addr.del', netns: INIT_NETNS, link: dev, addr: addr('10.0.0.1/16') }),
    )
    expect(mine()).toEqual([])
  })

  it('promotes the first secondary with promote_secondaries', () => {
    const lab = kernelLab()
    const { dev } = veth(lab, 'v1', 'v1p')
    lab.apply((_tx, put) => {
      put({
        kind: 'sysctl.set',
        netns: INIT_NETNS,
        key: 'net.ipv4.conf.all.promote_secondaries',
        value: '1',
      })
      put({ kind: 'link.set-up', netns: INIT_NETNS, link: dev, up: true })
      put({ kind: 'addr.add', netns: INIT_NETNS, link: dev, addr: addr('10.0.0.1/24') })
      put({ kind: 'addr.add', netns: INIT_NETNS, link: dev, addr: addr('10.0.0.2/24') })
      put({ kind: 'addr.del', netns: INIT_NETNS, link: dev, addr: addr('10.0.0.1/24') })
    })
    expect(lab.link('v1').addrs.map((a) => formatCidr(a.cidr))).toEqual(['10.0.0.2/24'])
    const route = lab.ns(INIT_NETNS)?.routes.find((r) => r.dev === dev)
    expect(route).toMatchObject({ proto: 'kernel', src: 0x0a000002 })
  })

  it('adds one connected route per prefix when a device with a secondary comes up', () => {
    const lab = kernelLab()
    const { dev } = veth(lab, 'v1', 'v1p')
    lab.apply((_tx, put) => {
      put({ kind: 'addr.add', netns: INIT_NETNS, link: dev, addr: addr('10.0.0.1/24') })
      put({ kind: 'addr.add', netns: INIT_NETNS, link: dev, addr: addr('10.0.0.2/24') })
      put({ kind: 'link.set-up', netns: INIT_NETNS, link: dev, up: true })
    })
    expect(lab.routes().filter((r) => r.includes(` ${dev} `))).toEqual([
      `10.0.0.0/24 ${dev} kernel`,
    ])
  })
})

describe('named namespaces', () => {
  it('keeps role and path for `ip netns`', () => {
    const lab = kernelLab()
    const ns1 = namedNetns(lab, 'ns1')
    expect(lab.ns(ns1)).toMatchObject({ role: 'named', path: '/var/run/netns/ns1' })
    expect(lab.links(ns1).map((l) => [l.name, l.up, l.addrs.length])).toEqual([['lo', false, 0]])
  })

  it('takes its devices along when deleted, and the peers of its veths elsewhere', () => {
    const lab = kernelLab()
    const br = bridge(lab, 'br0', true)
    const { dev, peer } = veth(lab, 'v1', 'v1p', ['02:00:00:00:00:01', '02:00:00:00:00:02'])
    const ns1 = namedNetns(lab, 'ns1')
    lab.apply((_tx, put) => {
      put({ kind: 'link.set-master', netns: INIT_NETNS, link: dev, master: br })
      put({ kind: 'link.set-netns', netns: INIT_NETNS, link: peer, to: ns1 })
    })
    expect(lab.link('br0').mac).toBe('02:00:00:00:00:02')
    lab.apply((_tx, put) => put({ kind: 'netns.del', netns: ns1 }))
    expect(lab.ns(ns1)).toBeUndefined()
    expect(lab.links().map((l) => l.name)).toEqual(['lo', 'eth0', 'docker0', 'br0'])
    expect(lab.link('br0').mac).toBe('00:00:00:00:00:00')
  })

  it('sends a physical NIC back to the host’s namespace when deleted', () => {
    const lab = kernelLab()
    const ns1 = namedNetns(lab, 'ns1')
    const eth0 = lab.link('eth0')
    lab.apply((_tx, put) =>
      put({ kind: 'link.set-netns', netns: INIT_NETNS, link: eth0.id, to: ns1 }),
    )
    expect(lab.links(ns1).map((l) => l.name)).toEqual(['lo', 'eth0'])
    expect(lab.routes()).not.toContain(`10.10.0.0/24 ${eth0.id} kernel`)
    lab.apply((_tx, put) => put({ kind: 'netns.del', netns: ns1 }))
    expect(lab.link('eth0')).toMatchObject({ ifindex: 2, up: false, addrs: [] })
  })
})

describe('link.del', () => {
  it('does nothing for a device already gone (libnetwork only warns)', () => {
    const lab = kernelLab()
    const { dev } = veth(lab, 'v1', 'v1p')
    lab.apply((_tx, put) => put({ kind: 'link.del', netns: INIT_NETNS, link: dev }))
    const before = lab.engine.world.hosts[HOST]?.kernel
    lab.apply((_tx, put) => put({ kind: 'link.del', netns: INIT_NETNS, link: dev }))
    expect(lab.engine.world.hosts[HOST]?.kernel).toStrictEqual(before)
  })
})
