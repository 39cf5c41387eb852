// A service's load balancing as libnetwork programs it on every node (service_linux.go,
// v28.5.2): per network, the VIP as a /32 on the load-balancer sandbox's eth0 (`lb_<id9>`, or
// ingress_sbox for ingress), a mangle INPUT rule marking packets to it, an IPVS firewall-mark
// service whose real servers are the tasks, and a nat rule giving IPVS-forwarded packets the
// sandbox's source (configureFWMark). For published ports, the routing mesh (programIngress):
// DOCKER-INGRESS on the host DNATs them to ingress_sbox, which marks them by port; in each task
// the published port is redirected to the target port (addRedirectRules).

import type { OpContext } from '../../model/context'
import { INIT_NETNS, type HostId, type NetnsId, type NetworkId } from '../../model/ids'
import type { Ipv4 } from '../../model/ipv4'
import { allNetns, getNetns } from '../../kernel/queries'
import type { RuleSpec } from '../../kernel/ops'
import type { Match } from '../../kernel/netfilter/types'
import { openLoadBalancer } from '../drivers/overlay'
import { DOCKERD_PID } from '../dns/resolver'
import { allEndpoints, getContainer, getEndpoint, getNetwork } from '../queries'
import { clusterNetwork } from './cluster'
import type { ServiceTask, SwarmService } from './types'

const INGRESS_CHAIN = 'DOCKER-INGRESS'
const GWBRIDGE = 'docker_gwbridge'
const FIRST_MARK = 256
const ALL = 0xffffffff

type Sandbox = { readonly netns: NetnsId; readonly link: string; readonly addr: Ipv4 }

/** The load balancer of `network` on `host`: ingress_sbox for ingress, else lb_<id9>. */
function sandboxOf(ctx: OpContext, host: HostId, network: NetworkId): Sandbox | undefined {
  const d = ctx.host(host).daemon
  const net = getNetwork(d, network)
  if (!net?.overlay) return undefined
  const ep = net.ingress
    ? allEndpoints(d).find((e) => e.network === network && e.container === 'ingress-sbox')
    : net.overlay.lb && getEndpoint(d, net.overlay.lb.endpoint)
  if (!ep?.ipv4) return undefined
  const netns = net.ingress
    ? allNetns(ctx.host(host).kernel).find((n) => n.path.endsWith('/ingress_sbox'))?.id
    : net.overlay.lb?.netns
  return netns === undefined ? undefined : { netns, link: ep.containerLink, addr: ep.ipv4.addr }
}

const markKey = (host: HostId, network: NetworkId): string => `${host}/${network}`

/** fwMarkCtr: each daemon counts its load balancers' marks from 256. */
function nextMark(ctx: OpContext, host: HostId): number {
  let max = FIRST_MARK - 1
  for (const s of ctx.world.swarm?.services ?? [])
    for (const [k, m] of Object.entries(s.marks ?? {}))
      if (k.startsWith(`${host}/`) && m > max) max = m
  return max + 1
}

const mark = (value: number): RuleSpec['target'] => ({ kind: 'MARK', value, mask: ALL })
const dst32 = (addr: Ipv4): Match => ({ kind: 'dst', cidr: { addr, len: 32 } })
const src32 = (addr: Ipv4): Match => ({ kind: 'src', cidr: { addr, len: 32 } })
const tcpDport = (port: number, proto: 'tcp' | 'udp'): Match[] => [
  { kind: 'proto', proto },
  { kind: 'dport', proto, port },
]

/** (Re)programs the service's VIPs and IPVS real servers on every node. */
export function syncLoadBalancing(ctx: OpContext, id: string): void {
  const svc = ctx.world.swarm?.services?.find((s) => s.id === id)
  if (!svc) return
  const marks: Record<string, number> = { ...(svc.marks ?? {}) }
  for (const vip of svc.vips) {
    const sn = clusterNetwork(ctx.world, vip.network)
    if (!sn) continue
    const dests = svc.tasks
      .flatMap((t) => t.addresses.filter((a) => a.network === vip.network).map((a) => a.addr))
      .sort((a, b) => a - b)
    for (const node of ctx.world.swarm?.nodes ?? []) {
      const host = node.host
      // A node's load balancer comes with its first task on the network (allocateNode).
      if (!sn.ingress && svc.tasks.some((t) => t.node === host && hasAddress(t, vip.network)))
        openLoadBalancer(ctx, host, vip.network)
      const sb = sandboxOf(ctx, host, vip.network)
      if (!sb) continue
      const key = markKey(host, vip.network)
      let m = marks[key]
      if (m === undefined) {
        m = nextMark(ctx, host)
        marks[key] = m
        saveMarks(ctx, id, marks)
        configureFwMark(ctx, host, sb, vip.addr, m, sn.ingress ? svc : undefined, sn.pool.subnet)
      }
      const service = {
        fwmark: m,
        scheduler: 'rr',
        dests: dests.map((addr) => ({ addr, port: 0, weight: 1, forward: 'Masq' }) as const),
      } as const
      ctx.apply({ kind: 'ipvs.set', host, netns: sb.netns, service })
    }
  }
  saveMarks(ctx, id, marks)
}

const hasAddress = (t: ServiceTask, network: NetworkId): boolean =>
  t.addresses.some((a) => a.network === network)

function saveMarks(ctx: OpContext, id: string, marks: Readonly<Record<string, number>>): void {
  const swarm = ctx.world.swarm
  if (!swarm) return
  const services = (swarm.services ?? []).map((s) => (s.id === id ? { ...s, marks } : s))
  ctx.setSwarm({ ...swarm, services })
}

/** configureFWMark: the VIP on the sandbox, its mark, the SNAT rule; ingress ports too. */
function configureFwMark(
  ctx: OpContext,
  host: HostId,
  sb: Sandbox,
  vip: Ipv4,
  m: number,
  ingress: SwarmService | undefined,
  subnet: { addr: Ipv4; len: number },
): void {
  const netns = sb.netns
  ctx.apply({
    kind: 'addr.add',
    host,
    netns,
    link: sb.link as never,
    addr: { cidr: { addr: vip, len: 32 }, scope: 'global' },
  })
  for (const p of ingress?.ports ?? []) {
    const rule = { matches: tcpDport(p.publishedPort, p.protocol), target: mark(m) }
    ctx.apply({ kind: 'nf.rule.append', host, netns, table: 'mangle', chain: 'PREROUTING', rule })
  }
  const ns = getNetns(ctx.host(host).kernel, netns)
  const snat = ns?.netfilter.tables.nat?.chains.POSTROUTING?.rules.some((r) =>
    r.matches.some((x) => x.kind === 'ipvs'),
  )
  if (!snat) {
    const rule: RuleSpec = {
      matches: [{ kind: 'dst', cidr: subnet }, { kind: 'ipvs' }],
      target: { kind: 'SNAT', addr: sb.addr },
    }
    ctx.apply({ kind: 'nf.rule.append', host, netns, table: 'nat', chain: 'POSTROUTING', rule })
  }
  const input = { matches: [dst32(vip)], target: mark(m) }
  ctx.apply({ kind: 'nf.rule.append', host, netns, table: 'mangle', chain: 'INPUT', rule: input })
  if (ingress) programIngress(ctx, host, ingress)
}

/** The ingress sandbox's docker_gwbridge address: where the host sends published ports. */
function ingressGateway(ctx: OpContext, host: HostId): Ipv4 | undefined {
  const d = ctx.host(host).daemon
  return allEndpoints(d).find(
    (e) => e.container === 'ingress-sbox' && e.role === 'gateway' && e.ipv4 !== undefined,
  )?.ipv4?.addr
}

/** programIngress: the host's DOCKER-INGRESS chains (once) and each published port's rules. */
function programIngress(ctx: OpContext, host: HostId, svc: SwarmService): void {
  const gw = ingressGateway(ctx, host)
  if (gw === undefined) return
  const netns = INIT_NETNS
  const at = { host, netns } as const
  const ns = getNetns(ctx.host(host).kernel, netns)
  if (!ns?.netfilter.tables.nat?.chains[INGRESS_CHAIN]) {
    const local: Match = { kind: 'addrtype', dstType: 'LOCAL' }
    const jump: RuleSpec = { matches: [local], target: { kind: 'jump', chain: INGRESS_CHAIN } }
    const ret: RuleSpec = { matches: [], target: { kind: 'RETURN' } }
    ctx.apply({ ...at, kind: 'nf.chain.add', table: 'nat', chain: INGRESS_CHAIN })
    ctx.apply({ ...at, kind: 'nf.rule.append', table: 'nat', chain: INGRESS_CHAIN, rule: ret })
    for (const chain of ['OUTPUT', 'PREROUTING'])
      ctx.apply({ ...at, kind: 'nf.rule.insert', table: 'nat', chain, rule: jump, position: 1 })
    const masq: RuleSpec = {
      matches: [
        { kind: 'out', iface: GWBRIDGE },
        { kind: 'addrtype', srcType: 'LOCAL' },
      ],
      target: { kind: 'MASQUERADE' },
    }
    ctx.apply({
      ...at,
      kind: 'nf.rule.insert',
      table: 'nat',
      chain: 'POSTROUTING',
      rule: masq,
      position: 1,
    })
    ctx.apply({ ...at, kind: 'nf.chain.add', table: 'filter', chain: INGRESS_CHAIN })
    ctx.apply({ ...at, kind: 'nf.rule.append', table: 'filter', chain: INGRESS_CHAIN, rule: ret })
    const toIngress: RuleSpec = { matches: [], target: { kind: 'jump', chain: INGRESS_CHAIN } }
    ctx.apply({
      ...at,
      kind: 'nf.rule.insert',
      table: 'filter',
      chain: 'DOCKER-FORWARD',
      rule: toIngress,
      position: 1,
    })
    const key = `net.ipv4.conf.${GWBRIDGE}.route_localnet`
    ctx.apply({ ...at, kind: 'sysctl.set', key, value: '1' })
  }
  for (const p of svc.ports) {
    const port = p.publishedPort
    const dnat: RuleSpec = {
      matches: tcpDport(port, p.protocol),
      target: { kind: 'DNAT', addr: gw, port },
    }
    const back: RuleSpec = {
      matches: [
        { kind: 'proto', proto: p.protocol },
        { kind: 'sport', proto: p.protocol, port },
        { kind: 'ctstate', states: ['RELATED', 'ESTABLISHED'] },
      ],
      target: { kind: 'ACCEPT' },
    }
    const accept: RuleSpec = { matches: tcpDport(port, p.protocol), target: { kind: 'ACCEPT' } }
    for (const [table, rule] of [
      ['nat', dnat],
      ['filter', back],
      ['filter', accept],
    ] as const)
      ctx.apply({ ...at, kind: 'nf.rule.insert', table, chain: INGRESS_CHAIN, rule, position: 1 })
    // plumbProxy: dockerd holds the port so nothing else takes it.
    const socket = { proto: p.protocol, family: 6, local: '::', port, pid: DOCKERD_PID } as const
    ctx.apply({ ...at, kind: 'socket.listen', socket })
  }
}

/** addRedirectRules: in a task, the published port to the target port, and nothing else in. */
export function redirectIngress(
  ctx: OpContext,
  host: HostId,
  svc: SwarmService,
  task: ServiceTask,
): void {
  const ingress = clusterNetwork(ctx.world, 'ingress')
  const e = task.addresses.find((a) => a.network === ingress?.id)?.addr
  const c = getContainer(ctx.host(host).daemon, task.container)
  const netns = c?.sandbox?.netns
  if (e === undefined || netns === undefined || svc.ports.length === 0) return
  const at = { host, netns } as const
  for (const p of svc.ports) {
    const redirect: RuleSpec = {
      matches: [dst32(e), ...tcpDport(p.publishedPort, p.protocol)],
      target: { kind: 'REDIRECT', port: p.targetPort },
    }
    ctx.apply({ ...at, kind: 'nf.rule.append', table: 'nat', chain: 'PREROUTING', rule: redirect })
    const accept: RuleSpec = {
      matches: [
        dst32(e),
        ...tcpDport(p.targetPort, p.protocol),
        { kind: 'ctstate', states: ['NEW', 'ESTABLISHED'] },
      ],
      target: { kind: 'ACCEPT' },
    }
    const back: RuleSpec = {
      matches: [
        src32(e),
        { kind: 'proto', proto: p.protocol },
        { kind: 'sport', proto: p.protocol, port: p.targetPort },
        { kind: 'ctstate', states: ['ESTABLISHED'] },
      ],
      target: { kind: 'ACCEPT' },
    }
    ctx.apply({
      ...at,
      kind: 'nf.rule.insert',
      table: 'filter',
      chain: 'INPUT',
      rule: accept,
      position: 1,
    })
    ctx.apply({
      ...at,
      kind: 'nf.rule.insert',
      table: 'filter',
      chain: 'OUTPUT',
      rule: back,
      position: 1,
    })
  }
  for (const proto of ['sctp', 'udp', 'tcp'] as const) {
    const drop = { kind: 'DROP' } as const
    const inRule: RuleSpec = { matches: [dst32(e), { kind: 'proto', proto }], target: drop }
    const outRule: RuleSpec = { matches: [src32(e), { kind: 'proto', proto }], target: drop }
    ctx.apply({ ...at, kind: 'nf.rule.append', table: 'filter', chain: 'INPUT', rule: inRule })
    ctx.apply({ ...at, kind: 'nf.rule.append', table: 'filter', chain: 'OUTPUT', rule: outRule })
  }
}

/** A removed service: its IPVS services, marks, VIPs and published ports go from every node. */
export function unprogram(ctx: OpContext, svc: SwarmService): void {
  for (const [key, m] of Object.entries(svc.marks ?? {})) {
    const [host = '', network = ''] = key.split('/') as [HostId, NetworkId]
    const h = ctx.world.hosts[host as HostId]
    const sb = h && sandboxOf(ctx, host as HostId, network as NetworkId)
    if (!sb) continue
    const netns = sb.netns
    const at = { host: host as HostId, netns } as const
    ctx.apply({ ...at, kind: 'ipvs.set', service: { fwmark: m, scheduler: 'rr', dests: [] } })
    const vip = svc.vips.find((v) => v.network === network)?.addr
    if (vip !== undefined) {
      ctx.apply({
        ...at,
        kind: 'nf.rule.del',
        table: 'mangle',
        chain: 'INPUT',
        rule: { matches: [dst32(vip)], target: mark(m) },
      })
      ctx.apply({
        ...at,
        kind: 'addr.del',
        link: sb.link as never,
        addr: { cidr: { addr: vip, len: 32 }, scope: 'global' },
      })
    }
    for (const p of svc.ports) {
      const rule = { matches: tcpDport(p.publishedPort, p.protocol), target: mark(m) }
      const ingress = clusterNetwork(ctx.world, network)?.ingress === true
      if (!ingress) continue
      ctx.apply({ ...at, kind: 'nf.rule.del', table: 'mangle', chain: 'PREROUTING', rule })
    }
  }
  const gwHosts = new Set(Object.keys(svc.marks ?? {}).map((k) => k.split('/')[0] as HostId))
  for (const host of gwHosts) {
    const gw = ingressGateway(ctx, host)
    if (gw === undefined) continue
    for (const p of svc.ports) {
      const at = { host, netns: INIT_NETNS } as const
      const port = p.publishedPort
      ctx.apply({
        ...at,
        kind: 'nf.rule.del',
        table: 'nat',
        chain: INGRESS_CHAIN,
        rule: { matches: tcpDport(port, p.protocol), target: { kind: 'DNAT', addr: gw, port } },
      })
      ctx.apply({
        ...at,
        kind: 'nf.rule.del',
        table: 'filter',
        chain: INGRESS_CHAIN,
        rule: { matches: tcpDport(port, p.protocol), target: { kind: 'ACCEPT' } },
      })
      ctx.apply({
        ...at,
        kind: 'nf.rule.del',
        table: 'filter',
        chain: INGRESS_CHAIN,
        rule: {
          matches: [
            { kind: 'proto', proto: p.protocol },
            { kind: 'sport', proto: p.protocol, port },
            { kind: 'ctstate', states: ['RELATED', 'ESTABLISHED'] },
          ],
          target: { kind: 'ACCEPT' },
        },
      })
      ctx.apply({
        ...at,
        kind: 'socket.close',
        socket: { proto: p.protocol, family: 6, local: '::', port, pid: DOCKERD_PID },
      })
    }
  }
}
