// A Docker host for the Linux tools' tests: the default world with a fixed eth0 MAC, plus
// containers and bridges built from kernel ops (the way the daemon will build them), and a way
// to run a program inside a container's namespace or with busybox's userland.

import { getNetns, linksOf } from '../../../src/engine'
import { createSession, type CommandOutput } from '../../../src/cli'
import type { Userland } from '../../../src/cli/context'
import { LINUX_PROGRAMS } from '../../../src/cli/linux/programs'
import { tokenize } from '../../../src/cli/tokenize'
import {
  createEngine,
  hostId,
  INIT_NETNS,
  type Engine,
  type KernelOp,
  type LinkId,
  type Match,
  type RuleSpec,
  type TableName,
  type Target,
  type NetnsId,
  type OpContext,
} from '../../../src/engine'
import { ok } from '../../../src/lib/result'
import { DEFAULT_WORLD, defaultHost } from '../../../src/scenarios/default-world'

export const HOST = hostId('host1')
export const ETH0_MAC = '52:54:00:12:34:56'

type OpWithoutHost = KernelOp extends infer K
  ? K extends { host: unknown }
    ? Omit<K, 'host'>
    : never
  : never

/** Where a command runs: the host's shell by default. */
export type Where = { readonly netns?: NetnsId; readonly userland?: Userland }

/** One row of a tool's table of cases: the command, where, and the whole expected output. */
export type Case = {
  readonly line: string
  /** For the test's title: `the host`, `web (busybox)`… */
  readonly in: string
  readonly where: Where
  readonly expected: CommandOutput
}

export type Lab = {
  readonly engine: Engine
  /** Runs a command line in the host's shell, or in a namespace / userland of choice. */
  run(line: string, where?: Where): CommandOutput
  /** Applies kernel ops as one committed transaction. */
  apply(build: (ctx: OpContext, put: (op: OpWithoutHost) => void) => void): void
  link(name: string, netns?: NetnsId): { id: LinkId; mac: string; ifindex: number }
}

export function createLab(): Lab {
  const base = defaultHost('host1', '10.10.0.11/24')
  const nic = {
    ...base.nics[0],
    name: 'eth0',
    segment: 'lan',
    address: '10.10.0.11/24',
    mac: ETH0_MAC,
  }
  const spec = { ...DEFAULT_WORLD, hosts: [{ ...base, nics: [nic] }] }
  const engine = createEngine({ seed: 1, spec })
  const session = createSession(engine, HOST)
  return {
    engine,
    run(line, where = {}) {
      if (where.netns === undefined && where.userland === undefined) return session.run(line)
      const words = tokenize(line)
      if (!words.ok) throw new Error(words.error)
      const [name = '', ...argv] = words.value
      const program = LINUX_PROGRAMS[name]
      if (!program) throw new Error(`no program ${name}`)
      const ctx = {
        engine,
        host: HOST,
        netns: where.netns ?? INIT_NETNS,
        userland: where.userland ?? 'host',
        shell: {
          execIn: () => err('no containers here\n', 1),
          enter: () => undefined,
          foreground: () => undefined,
          ticks: false,
          unshareUts: () => undefined,
          login: () => ({ stdout: '', stderr: '', exitCode: 0 }),
          setHostname: () => undefined,
          runProgram: () => undefined,
        },
      }
      return program(ctx, argv)
    },
    apply(build) {
      engine.transact((ctx) => {
        build(ctx, (op) => ctx.apply({ ...op, host: HOST }))
        return ok(undefined)
      })
    },
    link(name, netns = INIT_NETNS) {
      const l = linksOf(getNetns(engine.world.hosts[HOST]?.kernel, netns)).find(
        (x) => x.name === name,
      )
      if (!l) throw new Error(`no link ${name}`)
      return { id: l.id, mac: l.mac, ifindex: l.ifindex }
    },
  }
}

export type ContainerSpec = {
  readonly bridge: string
  readonly veth: string
  readonly vethMac: string
  readonly mac: string
  /** Address as a 32-bit number, /16. */
  readonly ip: number
  readonly gateway?: number
}

/** A container namespace joined to a bridge the way libnetwork does it (bridge_linux.go Join). */
export function addContainer(
  lab: Lab,
  c: ContainerSpec,
): { netns: NetnsId; eth0: LinkId; veth: LinkId } {
  const bridge = lab.link(c.bridge).id
  let result: { netns: NetnsId; eth0: LinkId; veth: LinkId } | undefined
  lab.apply((ctx, put) => {
    const netns = ctx.newNetnsId(HOST)
    put({ kind: 'netns.add', netns, role: 'container', path: `/var/run/docker/netns/${netns}` })
    const lo = ctx.newLinkId(HOST)
    const loSpec = {
      name: 'lo',
      kind: 'loopback',
      mac: '00:00:00:00:00:00',
      mtu: 65536,
      txqlen: 1000,
    } as const
    put({ kind: 'link.add', netns, link: lo, spec: loSpec })
    put({
      kind: 'addr.add',
      netns,
      link: lo,
      addr: { cidr: { addr: 0x7f000001, len: 8 }, scope: 'host' },
    })
    put({ kind: 'link.set-up', netns, link: lo, up: true })
    const veth = ctx.newLinkId(HOST)
    const eth0 = ctx.newLinkId(HOST)
    put({
      kind: 'veth.add',
      a: { netns: INIT_NETNS, link: veth, name: c.veth, mac: c.vethMac, mtu: 1500 },
      b: { netns, link: eth0, name: 'eth0', mac: c.mac, mtu: 1500 },
    })
    put({ kind: 'link.set-master', netns: INIT_NETNS, link: veth, master: bridge })
    put({ kind: 'link.set-up', netns: INIT_NETNS, link: veth, up: true })
    const cidr = { addr: c.ip, len: 16 }
    put({
      kind: 'addr.add',
      netns,
      link: eth0,
      addr: { cidr, brd: (c.ip | 0xffff) >>> 0, scope: 'global' },
    })
    put({ kind: 'link.set-up', netns, link: eth0, up: true })
    if (c.gateway !== undefined) {
      const route = {
        dst: { addr: 0, len: 0 },
        via: c.gateway,
        dev: eth0,
        proto: 'boot',
        scope: 'global',
      } as const
      put({ kind: 'route.add', netns, route })
    }
    result = { netns, eth0, veth }
  })
  if (!result) throw new Error('container not created')
  return result
}

/** A user-defined bridge network's device (bridge.go createBridgeDevice). */
export function addBridge(lab: Lab, name: string, mac: string, gateway: number): LinkId {
  let id: LinkId | undefined
  lab.apply((ctx, put) => {
    const link = ctx.newLinkId(HOST)
    put({
      kind: 'link.add',
      netns: INIT_NETNS,
      link,
      spec: { name, kind: 'bridge', mac, mtu: 1500, txqlen: 0 },
    })
    const cidr = { addr: gateway, len: 16 }
    put({
      kind: 'addr.add',
      netns: INIT_NETNS,
      link,
      addr: { cidr, brd: (gateway | 0xffff) >>> 0, scope: 'global' },
    })
    put({ kind: 'link.set-up', netns: INIT_NETNS, link, up: true })
    id = link
  })
  if (!id) throw new Error('bridge not created')
  return id
}

/** The EUI-64 link-local of a MAC, written out the way the expected texts need it. */
export function linkLocal(mac: string): string {
  const b = mac.split(':').map((h) => parseInt(h, 16))
  const g = [
    ((b[0] ?? 0) ^ 2) * 256 + (b[1] ?? 0),
    (b[2] ?? 0) * 256 + 0xff,
    0xfe00 + (b[3] ?? 0),
    (b[4] ?? 0) * 256 + (b[5] ?? 0),
  ]
  return `fe80::${g.map((x) => x.toString(16)).join(':')}`
}

export const ok0 = (stdout: string): CommandOutput => ({ stdout, stderr: '', exitCode: 0 })
export const err = (stderr: string, exitCode: number): CommandOutput => ({
  stdout: '',
  stderr,
  exitCode,
})

export type DockerHost = {
  readonly lab: Lab
  /** docker0's MAC (drawn from the seed) and its link-local address. */
  readonly d0: string
  readonly d0ll: string
  readonly web: { netns: NetnsId; eth0: LinkId; veth: LinkId }
  readonly api: { netns: NetnsId; eth0: LinkId; veth: LinkId }
}

/** docker0 with `web` (172.17.0.2) and a user network br-8c2d5e7f9a01 with `api` (172.18.0.2). */
export function dockerHost(): DockerHost {
  const lab = createLab()
  addBridge(lab, 'br-8c2d5e7f9a01', '9e:3b:41:c2:7d:5b', 0xac120001)
  const web = addContainer(lab, {
    bridge: 'docker0',
    veth: 'veth5c1d2e3',
    vethMac: 'd6:6c:f2:8c:a9:07',
    mac: '4e:8f:12:ab:cd:ef',
    ip: 0xac110002,
    gateway: 0xac110001,
  })
  const api = addContainer(lab, {
    bridge: 'br-8c2d5e7f9a01',
    veth: 'veth0aa11bb',
    vethMac: 'd6:6c:f2:8c:a9:08',
    mac: '4e:8f:12:ab:cd:f0',
    ip: 0xac120002,
    gateway: 0xac120001,
  })
  const d0 = lab.link('docker0').mac
  const docker0 = lab.link('docker0').id
  lab.apply((_ctx, put) => {
    // What a first `curl` from the host to web leaves behind: ARP entries and a learnt MAC.
    const entry = {
      ip: 0xac110002,
      dev: docker0,
      mac: '4e:8f:12:ab:cd:ef',
      state: 'REACHABLE',
    } as const
    put({ kind: 'neigh.set', netns: INIT_NETNS, entry })
    const back = { ip: 0xac110001, dev: web.eth0, mac: d0, state: 'STALE' } as const
    put({ kind: 'neigh.set', netns: web.netns, entry: back })
    const fdb = { bridge: docker0, port: web.veth, mac: '4e:8f:12:ab:cd:ef', permanent: false }
    put({ kind: 'fdb.set', netns: INIT_NETNS, entry: fdb })
    // `-p 8080:80`: a docker-proxy per address family, nginx in web.
    for (const [i, hostIp] of ['0.0.0.0', '::'].entries()) {
      const pid = 2345 + i * 7
      const args = [
        '/usr/bin/docker-proxy',
        '-proto',
        'tcp',
        '-host-ip',
        hostIp,
        '-host-port',
        '8080',
      ]
      put({ kind: 'proc.start', process: { pid, name: 'docker-proxy', args, netns: INIT_NETNS } })
      const socket = {
        proto: 'tcp',
        family: i === 0 ? 4 : 6,
        local: hostIp,
        port: 8080,
        pid,
      } as const
      put({ kind: 'socket.listen', netns: INIT_NETNS, socket })
    }
    const nginx = 2401
    const args = ['nginx', '-g', 'daemon off;']
    put({ kind: 'proc.start', process: { pid: nginx, name: 'nginx', args, netns: web.netns } })
    const socket = { proto: 'tcp', family: 4, local: '0.0.0.0', port: 80, pid: nginx } as const
    put({ kind: 'socket.listen', netns: web.netns, socket })
    // A host resolver, for UDP: systemd-resolved's stub listener.
    const resolved = 456
    const stub = ['/lib/systemd/systemd-resolved']
    put({
      kind: 'proc.start',
      process: { pid: resolved, name: 'systemd-resolve', args: stub, netns: INIT_NETNS },
    })
    for (const proto of ['udp', 'tcp'] as const) {
      const socket = { proto, family: 4, local: '127.0.0.53', port: 53, pid: resolved } as const
      put({ kind: 'socket.listen', netns: INIT_NETNS, socket })
    }
  })
  return { lab, d0, d0ll: linkLocal(d0), web, api }
}

type NfPut = (table: TableName, chain: string, kind: 'append' | 'insert', rule: RuleSpec) => void

const m = {
  in: (iface: string, not = false): Match => ({ kind: 'in', iface, ...(not ? { not } : {}) }),
  out: (iface: string, not = false): Match => ({ kind: 'out', iface, ...(not ? { not } : {}) }),
  src: (addr: number, len: number, not = false): Match => ({
    kind: 'src',
    cidr: { addr, len },
    ...(not ? { not } : {}),
  }),
  dst: (addr: number, len: number, not = false): Match => ({
    kind: 'dst',
    cidr: { addr, len },
    ...(not ? { not } : {}),
  }),
}
const jump = (chain: string): Target => ({ kind: 'jump', chain })

/**
 * A namespace holding exactly the rules Docker 28.5 programs for `docker run -d -p 8080:80 web`
 * on a clean host (facts §3.2), in Docker's order of appends and inserts.
 */
export function canonicalRulesNetns(lab: Lab): NetnsId {
  let id: NetnsId | undefined
  lab.apply((ctx, put) => {
    const netns = ctx.newNetnsId(HOST)
    put({ kind: 'netns.add', netns, role: 'host', path: '' })
    const chain = (table: TableName, name: string): void =>
      put({ kind: 'nf.chain.add', netns, table, chain: name })
    const rule: NfPut = (table, name, kind, r) =>
      kind === 'append'
        ? put({ kind: 'nf.rule.append', netns, table, chain: name, rule: r })
        : put({ kind: 'nf.rule.insert', netns, table, chain: name, rule: r, position: 1 })
    const r = (target: Target, ...matches: Match[]): RuleSpec => ({ matches, target })
    const ACCEPT: Target = { kind: 'ACCEPT' }
    const DROP: Target = { kind: 'DROP' }
    for (const c of ['DOCKER', 'DOCKER-FORWARD', 'DOCKER-BRIDGE', 'DOCKER-CT']) chain('filter', c)
    for (const c of ['DOCKER-ISOLATION-STAGE-1', 'DOCKER-ISOLATION-STAGE-2', 'DOCKER-USER'])
      chain('filter', c)
    put({ kind: 'nf.policy', netns, table: 'filter', chain: 'FORWARD', policy: 'DROP' })
    rule('filter', 'FORWARD', 'insert', r(jump('DOCKER-FORWARD')))
    rule('filter', 'FORWARD', 'insert', r(jump('DOCKER-USER')))
    for (const c of ['DOCKER-CT', 'DOCKER-ISOLATION-STAGE-1', 'DOCKER-BRIDGE']) {
      rule('filter', 'DOCKER-FORWARD', 'append', r(jump(c)))
    }
    chain('nat', 'DOCKER')
    const local: Match = { kind: 'addrtype', dstType: 'LOCAL' }
    rule('nat', 'PREROUTING', 'append', r(jump('DOCKER'), local))
    rule('nat', 'OUTPUT', 'append', r(jump('DOCKER'), m.dst(0x7f000000, 8, true), local))
    // The docker0 network (network.go setupIPTables).
    rule(
      'nat',
      'POSTROUTING',
      'insert',
      r({ kind: 'MASQUERADE' }, m.src(0xac110000, 16), m.out('docker0', true)),
    )
    rule('nat', 'DOCKER', 'insert', r({ kind: 'RETURN' }, m.in('docker0')))
    rule('filter', 'DOCKER-FORWARD', 'append', r(ACCEPT, m.in('docker0')))
    rule('filter', 'DOCKER', 'append', r(DROP, m.in('docker0', true), m.out('docker0')))
    const established: Match = { kind: 'ctstate', states: ['RELATED', 'ESTABLISHED'] }
    rule('filter', 'DOCKER-CT', 'append', r(ACCEPT, m.out('docker0'), established))
    rule('filter', 'DOCKER-BRIDGE', 'append', r(jump('DOCKER'), m.out('docker0')))
    rule(
      'filter',
      'DOCKER-ISOLATION-STAGE-1',
      'append',
      r(jump('DOCKER-ISOLATION-STAGE-2'), m.in('docker0'), m.out('docker0', true)),
    )
    rule('filter', 'DOCKER-ISOLATION-STAGE-2', 'insert', r(DROP, m.out('docker0')))
    // The container 172.17.0.2 (endpoint.go filterDirectAccess) and -p 8080:80 (port.go).
    rule('raw', 'PREROUTING', 'append', r(DROP, m.dst(0xac110002, 32), m.in('docker0', true)))
    const tcp: Match[] = [{ kind: 'proto', proto: 'tcp' }]
    const dnat: Target = { kind: 'DNAT', addr: 0xac110002, port: 80 }
    rule(
      'nat',
      'DOCKER',
      'append',
      r(dnat, m.in('docker0', true), ...tcp, { kind: 'dport', proto: 'tcp', port: 8080 }),
    )
    const toWeb = [m.dst(0xac110002, 32), m.in('docker0', true), m.out('docker0'), ...tcp]
    rule(
      'filter',
      'DOCKER',
      'insert',
      r(ACCEPT, ...toWeb, { kind: 'dport', proto: 'tcp', port: 80 }),
    )
    id = netns
  })
  if (!id) throw new Error('netns not created')
  return id
}

/** A namespace with nothing in it yet (no devices, no netfilter tables). */
export function emptyNetns(lab: Lab): NetnsId {
  let id: NetnsId | undefined
  lab.apply((ctx, put) => {
    id = ctx.newNetnsId(HOST)
    put({ kind: 'netns.add', netns: id, role: 'container', path: `/var/run/docker/netns/${id}` })
  })
  if (!id) throw new Error('netns not created')
  return id
}
