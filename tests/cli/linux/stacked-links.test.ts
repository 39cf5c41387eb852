// The devices Docker stacks on others, as iproute2 6.1 prints them (research-7 §8–9): a VXLAN
// device moved into an overlay sandbox (`vxlan0`, state UNKNOWN, link-netnsid of its underlay),
// macvlan and ipvlan children moved into a container (`eth0@if2`), an 802.1Q sub-interface next
// to its parent (`eth0.10@eth0`); the VXLAN device's FDB with its remote endpoints, and the
// tools that must not trip over them (ifconfig, busybox ip). Built from kernel ops the way the
// drivers build them (moby libnetwork drivers/overlay ov_network.go, macvlan, ipvlan).

import { describe, expect, it } from 'vitest'
import { INIT_NETNS, type LinkInfo, type NetnsId } from '../../../src/engine'
import { createLab, ETH0_MAC, HOST, type Lab } from './fixture'

type Stacked = {
  readonly lab: Lab
  readonly sandbox: NetnsId
  readonly macvlanNs: NetnsId
  readonly ipvlanNs: NetnsId
}

const VX_MAC = '7a:3e:1f:a0:51:0c'
const BR_MAC = '7a:3e:1f:a0:51:0d'
const MV_MAC = '96:1c:5e:0b:7e:21'

function stacked(): Stacked {
  const lab = createLab()
  const eth0 = lab.link('eth0').id
  const lower = { netns: INIT_NETNS, link: eth0 }
  let ids: Omit<Stacked, 'lab'> | undefined
  lab.apply((ctx, put) => {
    const loIn = (netns: NetnsId): void => {
      const lo = ctx.newLinkId(HOST)
      const spec = {
        name: 'lo',
        kind: 'loopback',
        mac: '00:00:00:00:00:00',
        mtu: 65536,
        txqlen: 1000,
      } as const
      put({ kind: 'link.add', netns, link: lo, spec })
      put({
        kind: 'addr.add',
        netns,
        link: lo,
        addr: { cidr: { addr: 0x7f000001, len: 8 }, scope: 'host' },
      })
      put({ kind: 'link.set-up', netns, link: lo, up: true })
    }
    const newNs = (path: string, role: 'container' | 'sandbox'): NetnsId => {
      const netns = ctx.newNetnsId(HOST)
      put({ kind: 'netns.add', netns, role, path })
      loIn(netns)
      return netns
    }
    // A child made in the host namespace (netlink.LinkAdd), moved in and renamed (osl).
    const child = (
      to: NetnsId,
      name: string,
      mac: string,
      info: LinkInfo,
      ip: number,
      len: number,
    ) => {
      const link = ctx.newLinkId(HOST)
      const kind = info.kind
      put({
        kind: 'link.add',
        netns: INIT_NETNS,
        link,
        spec: {
          name: `tmp${link}`,
          kind,
          mac,
          mtu: kind === 'vxlan' ? 1450 : 1500,
          txqlen: 0,
          info,
        },
      })
      put({ kind: 'link.set-netns', netns: INIT_NETNS, link, to })
      put({ kind: 'link.rename', netns: to, link, name })
      if (ip)
        put({
          kind: 'addr.add',
          netns: to,
          link,
          addr: {
            cidr: { addr: ip, len },
            brd: (ip | (0xffffffff >>> len)) >>> 0,
            scope: 'global',
          },
        })
      put({ kind: 'link.set-up', netns: to, link, up: true })
      return link
    }
    // parent=eth0.10: the 802.1Q sub-interface Docker makes next to eth0.
    const vlan = ctx.newLinkId(HOST)
    put({
      kind: 'link.add',
      netns: INIT_NETNS,
      link: vlan,
      spec: {
        name: 'eth0.10',
        kind: 'vlan',
        mac: ETH0_MAC,
        mtu: 1500,
        txqlen: 0,
        info: { kind: 'vlan', lower, id: 10 },
      },
    })
    put({ kind: 'link.set-up', netns: INIT_NETNS, link: vlan, up: true })
    // The overlay sandbox 1-<id10>: br0 with the gateway, vxlan0 enslaved, a remote peer.
    const sandbox = newNs('/var/run/docker/netns/1-kviwxfejsu', 'sandbox')
    const br0 = ctx.newLinkId(HOST)
    put({
      kind: 'link.add',
      netns: sandbox,
      link: br0,
      spec: { name: 'br0', kind: 'bridge', mac: BR_MAC, mtu: 1450, txqlen: 0 },
    })
    put({
      kind: 'addr.add',
      netns: sandbox,
      link: br0,
      addr: { cidr: { addr: 0x0a000101, len: 24 }, brd: 0x0a0001ff, scope: 'global' },
    })
    put({ kind: 'link.set-up', netns: sandbox, link: br0, up: true })
    const vxInfo: LinkInfo = {
      kind: 'vxlan',
      vni: 4097,
      port: 4789,
      underlay: INIT_NETNS,
      proxy: true,
      learning: true,
    }
    const vxlan = child(sandbox, 'vxlan0', VX_MAC, vxInfo, 0, 0)
    put({ kind: 'link.set-master', netns: sandbox, link: vxlan, master: br0 })
    const peer = {
      ip: 0x0a000103,
      dev: vxlan,
      mac: '02:42:0a:00:01:03',
      state: 'PERMANENT',
    } as const
    put({ kind: 'neigh.set', netns: sandbox, entry: peer })
    put({
      kind: 'fdb.set',
      netns: sandbox,
      entry: {
        bridge: vxlan,
        port: vxlan,
        mac: '02:42:0a:00:01:03',
        permanent: true,
        dst: 0x0a0a000c,
      },
    })
    // A macvlan and an ipvlan container, each with its eth0 on the host's eth0.
    const macvlanNs = newNs('/var/run/docker/netns/5f0c2a9e7d31', 'container')
    child(macvlanNs, 'eth0', MV_MAC, { kind: 'macvlan', lower, mode: 'bridge' }, 0xc0a80102, 24)
    const ipvlanNs = newNs('/var/run/docker/netns/8b2e4d6f0a13', 'container')
    child(
      ipvlanNs,
      'eth0',
      ETH0_MAC,
      { kind: 'ipvlan', lower, mode: 'l2', flag: 'bridge' },
      0xc0a80103,
      24,
    )
    ids = { sandbox, macvlanNs, ipvlanNs }
  })
  if (!ids) throw new Error('not built')
  return { lab, ...ids }
}

const TAIL =
  'addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536 '

describe('ip link with stacked devices', () => {
  it('names a child in another namespace eth0@ifN with the link-netnsid of its lower device', () => {
    const s = stacked()
    expect(s.lab.run('ip -d link show eth0', { netns: s.macvlanNs }).stdout).toBe(
      `6: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default 
    link/ether ${MV_MAC} brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 
    macvlan mode bridge bcqueuelen 1000 usedbcqueuelen 1000 ${TAIL}
`,
    )
    expect(s.lab.run('ip -d link show eth0', { netns: s.ipvlanNs }).stdout).toBe(
      `${s.lab.link('eth0', s.ipvlanNs).ifindex}: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default 
    link/ether ${ETH0_MAC} brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 
    ipvlan  mode l2 bridge ${TAIL}
`,
    )
    expect(s.lab.run('ip addr show eth0', { netns: s.macvlanNs }).stdout).toBe(
      `6: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default 
    link/ether ${MV_MAC} brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet 192.168.1.2/24 brd 192.168.1.255 scope global eth0
       valid_lft forever preferred_lft forever
`,
    )
  })

  it('names a VLAN sub-interface after its parent in the same namespace', () => {
    const s = stacked()
    expect(s.lab.run('ip -d link show eth0.10').stdout).toBe(
      `4: eth0.10@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default 
    link/ether ${ETH0_MAC} brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 0 maxmtu 65535 
    vlan protocol 802.1Q id 10 <REORDER_HDR> ${TAIL}
`,
    )
    expect(s.lab.run('ip -br link show eth0.10').stdout).toBe(
      `eth0.10@eth0     UP             ${ETH0_MAC} <BROADCAST,MULTICAST,UP,LOWER_UP> \n`,
    )
  })

  it('shows vxlan0 in the overlay sandbox: state UNKNOWN, its underlay as link-netnsid 0', () => {
    const s = stacked()
    const vx = s.lab.link('vxlan0', s.sandbox).ifindex
    expect(s.lab.run('ip link show vxlan0', { netns: s.sandbox }).stdout).toBe(
      `${vx}: vxlan0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue master br0 state UNKNOWN mode DEFAULT group default 
    link/ether ${VX_MAC} brd ff:ff:ff:ff:ff:ff link-netnsid 0
`,
    )
    const lines = s.lab.run('ip -d link show vxlan0', { netns: s.sandbox }).stdout.split('\n')
    expect(lines[1]).toBe(
      `    link/ether ${VX_MAC} brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 1  allmulti 1 minmtu 68 maxmtu 65535 `,
    )
    expect(lines[2]).toBe(
      '    vxlan id 4097 srcport 0 0 dstport 4789 proxy l2miss l3miss ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx ',
    )
    expect(lines[3]).toMatch(/^ {4}bridge_slave state forwarding priority 32 cost 100 hairpin off /)
    expect(lines[3]?.endsWith(`locked off ${TAIL}`)).toBe(true)
  })
})

describe('the VXLAN device’s neighbours and forwarding entries', () => {
  it('lists each remote MAC with its tunnel endpoint, and the PERMANENT ARP entry', () => {
    const s = stacked()
    const where = { netns: s.sandbox }
    expect(s.lab.run('bridge fdb show dev vxlan0', where).stdout).toBe(
      `${VX_MAC} master br0 permanent\n02:42:0a:00:01:03 dst 10.10.0.12 link-netnsid 0 self permanent\n`,
    )
    expect(s.lab.run('bridge fdb show', where).stdout).toContain(
      `${VX_MAC} dev vxlan0 master br0 permanent\n02:42:0a:00:01:03 dev vxlan0 dst 10.10.0.12 link-netnsid 0 self permanent\n`,
    )
    expect(s.lab.run('ip neigh', where).stdout).toBe(
      '10.0.1.3 dev vxlan0 lladdr 02:42:0a:00:01:03 PERMANENT \n',
    )
    expect(s.lab.run('bridge link', where).stdout).toMatch(
      /^\d+: vxlan0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 master br0 state forwarding priority 32 cost 100 \n$/,
    )
  })
})

describe('other tools on stacked devices', () => {
  it('ifconfig and busybox ip print them like any Ethernet device', () => {
    // busybox looks the lower index up in its own namespace: none there, so M-DOWN.
    const s = stacked()
    expect(s.lab.run('ifconfig eth0', { netns: s.macvlanNs }).stdout).toContain(
      `        ether ${MV_MAC}  txqueuelen 0  (Ethernet)\n`,
    )
    expect(s.lab.run('ifconfig', { netns: s.sandbox }).exitCode).toBe(0)
    expect(s.lab.run('ip link', { netns: s.macvlanNs, userland: 'busybox' }).stdout).toContain(
      `6: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP \n    link/ether ${MV_MAC} brd ff:ff:ff:ff:ff:ff\n`,
    )
    expect(s.lab.run('ip addr', { netns: s.sandbox, userland: 'busybox' }).exitCode).toBe(0)
  })
})
