// `docker swarm init / join / leave` (moby daemon/cluster/swarm.go, swarmkit node start-up).
// A node entering the swarm gets docker_gwbridge and the `ingress` network with its
// `ingress_sbox` sandbox (eth0 on ingress, eth1 on docker_gwbridge: the routing mesh's entry);
// a manager also lists every cluster network. Leaving undoes it; docker_gwbridge stays.

import { err, ok, type Result } from '../../../lib/result'
import type { OpContext } from '../../model/context'
import { INIT_NETNS, type HostId, type NetnsId } from '../../model/ids'
import { formatIpv4, parseIpv4, type Ipv4 } from '../../model/ipv4'
import { allNetns, getNetns, linksOf } from '../../kernel/queries'
import { planLoopback } from '../../kernel/plans'
import { closeOverlaySandbox } from '../drivers/overlay'
import { removeContainer } from '../lifecycle'
import { syncLoadBalancing } from './load-balancing'
import { ensureGwbridge } from '../drivers/gwbridge'
import { leaveNetwork, plumbEndpoint, updateGateway } from '../endpoints'
import { dockerErrors, type DockerError } from '../errors'
import {
  allContainers,
  allEndpoints,
  allNetworks,
  endpointsOfContainer,
  getContainer,
  getNetwork,
} from '../queries'
import { writeContainerFiles } from '../sandbox-files'
import {
  clusterNetwork,
  createClusterNetwork,
  FIRST_VNI,
  nodeOf,
  syncNodeNetworks,
} from './cluster'
import type { NodeRole, Swarm, SwarmNode } from './types'

export const SWARM_PORT = 2377
/** The sandbox of the routing mesh on every node, and its name in `docker network inspect`. */
export const INGRESS_SBOX = 'ingress-sbox'
const INGRESS_SBOX_PATH = '/var/run/docker/netns/ingress_sbox'

/** The IPv4 addresses of the host's physical NICs (what swarm may advertise), with their device. */
function nicAddresses(ctx: OpContext, host: HostId): { dev: string; ip: Ipv4 }[] {
  const ns = getNetns(ctx.host(host).kernel, INIT_NETNS)
  return linksOf(ns)
    .filter((l) => l.kind === 'ether')
    .flatMap((l) =>
      l.addrs.filter((a) => a.scope === 'global').map((a) => ({ dev: l.name, ip: a.cidr.addr })),
    )
}

/** resolveAdvertiseAddr: an address, an interface name, or the only NIC address there is. */
function advertiseAddr(
  ctx: OpContext,
  host: HostId,
  given: string | undefined,
): Result<Ipv4, DockerError> {
  const nics = nicAddresses(ctx, host)
  if (given !== undefined && given !== '') {
    const bare = given.replace(/:\d+$/, '')
    const ip = parseIpv4(bare)
    if (ip !== undefined && ip !== 0) return ok(ip)
    if (ip !== undefined) return err(dockerErrors.advertiseAddress())
    const byDev = nics.find((n) => n.dev === bare)
    if (byDev) return ok(byDev.ip)
    return err(dockerErrors.noSuchInterface())
  }
  const first = nics[0]
  if (!first) return err(dockerErrors.advertiseAddress())
  if (nics.length > 1) {
    const list = nics.map((n) => `${formatIpv4(n.ip)} on ${n.dev}`).join(' and ')
    return err(dockerErrors.multipleAddresses(list))
  }
  return ok(first.ip)
}

function newNode(ctx: OpContext, host: HostId, role: NodeRole, addr: Ipv4, leader: boolean) {
  return {
    id: ctx.rng.base36('swarm', 25),
    host,
    role,
    addr,
    leader,
    peerName: ctx.rng.hex('swarm', 12),
  }
}

const token = (ctx: OpContext, root: string): string =>
  `SWMTKN-1-${root}-${ctx.rng.base36('swarm', 25)}`

/** `docker swarm init [--advertise-addr A]`: the node becomes the leader of a new swarm. */
export function swarmInit(
  ctx: OpContext,
  host: HostId,
  advertise?: string,
): Result<{ swarm: Swarm; node: SwarmNode }, DockerError> {
  if (ctx.world.swarm?.mode === 'kv')
    return err(dockerErrors.kvStoreMode(ctx.world.swarm.store ?? ''))
  if (nodeOf(ctx.world, host)) return err(dockerErrors.alreadyInSwarm())
  if (ctx.world.swarm) return err(dockerErrors.secondSwarm())
  const addr = advertiseAddr(ctx, host, advertise)
  if (!addr.ok) return addr
  const id = ctx.rng.base36('swarm', 25)
  const node = newNode(ctx, host, 'manager', addr.value, true)
  const root = ctx.rng.base36('swarm', 50)
  const swarm: Swarm = {
    mode: 'swarm',
    id,
    created: ctx.now,
    nodes: [node],
    tokens: { worker: token(ctx, root), manager: token(ctx, root) },
    networks: [],
    nextVni: FIRST_VNI,
  }
  ctx.setSwarm(swarm)
  // swarmkit manager.go newIngressNetwork: the first network, the first /24 and VNI.
  const ingress = createClusterNetwork(
    ctx,
    host,
    {
      name: 'ingress',
      driver: 'overlay',
      ipam: [],
      internal: false,
      attachable: false,
      ingress: true,
      options: {},
      labels: {},
    },
    [],
  )
  if (!ingress.ok) return ingress
  const set = setUpNode(ctx, host)
  if (!set.ok) return set
  return ok({ swarm: ctx.world.swarm ?? swarm, node })
}

/** `docker swarm join --token T ADDR[:2377]`. */
export function swarmJoin(
  ctx: OpContext,
  host: HostId,
  joinToken: string,
  remote: string,
  advertise?: string,
): Result<SwarmNode, DockerError> {
  if (ctx.world.swarm?.mode === 'kv')
    return err(dockerErrors.kvStoreMode(ctx.world.swarm.store ?? ''))
  if (nodeOf(ctx.world, host)) return err(dockerErrors.alreadyInSwarm())
  if (!/^SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}$/.test(joinToken))
    return err(dockerErrors.invalidJoinToken())
  const swarm = ctx.world.swarm
  const [addrText = '', portText = String(SWARM_PORT)] = remote.split(':')
  const target = parseIpv4(addrText) ?? hostAddress(ctx, addrText)
  const manager = swarm?.nodes.find((n) => n.role === 'manager' && n.addr === target)
  if (!swarm || !manager || portText !== String(SWARM_PORT)) return err(dockerErrors.joinTimeout())
  const role: NodeRole | undefined =
    joinToken === swarm.tokens.worker
      ? 'worker'
      : joinToken === swarm.tokens.manager
        ? 'manager'
        : undefined
  if (!role) {
    // The CA digest matches but the secret does not: the manager refuses; another swarm's
    // token fails the CA check until the join times out.
    const sameCa = joinToken.slice(0, 59) === swarm.tokens.worker.slice(0, 59)
    return err(sameCa ? dockerErrors.wrongJoinToken() : dockerErrors.joinTimeout())
  }
  const addr = advertiseAddr(ctx, host, advertise)
  if (!addr.ok) return addr
  const node = newNode(ctx, host, role, addr.value, false)
  ctx.setSwarm({ ...swarm, nodes: [...swarm.nodes, node] })
  const set = setUpNode(ctx, host)
  if (!set.ok) return set
  return ok(node)
}

/** A hostname of the world (join accepts names the host can resolve). */
function hostAddress(ctx: OpContext, name: string): Ipv4 | undefined {
  const h = ctx.world.hosts[name as HostId]
  return h && nodeOf(ctx.world, h.id)?.addr
}

/** docker_gwbridge, the cluster networks the node lists, and ingress_sbox. */
function setUpNode(ctx: OpContext, host: HostId): Result<void, DockerError> {
  const gwbridge = ensureGwbridge(ctx, host)
  if (!gwbridge.ok) return gwbridge
  syncNodeNetworks(ctx, host)
  const ingress = clusterNetwork(ctx.world, 'ingress')
  if (!ingress) return ok(undefined)
  const netns = ctx.newNetnsId(host)
  ctx.apply({
    kind: 'netns.add',
    host,
    netns,
    role: 'sandbox',
    path: INGRESS_SBOX_PATH,
  })
  for (const op of planLoopback(host, netns, ctx.newLinkId(host))) ctx.apply(op)
  // The routing mesh forwards through it (IPVS replies go out again).
  ctx.apply({ kind: 'sysctl.set', host, netns, key: 'net.ipv4.ip_forward', value: '1' })
  const attach = (network: string) => ({
    network: network as never,
    aliases: [],
    links: [],
    gwPriority: 0,
  })
  const onIngress = plumbEndpoint(ctx, host, INGRESS_SBOX, netns, attach(ingress.id))
  if (!onIngress.ok) return onIngress
  const onGw = plumbEndpoint(ctx, host, INGRESS_SBOX, netns, attach(gwbridge.value.id), 'gateway')
  if (!onGw.ok) return onGw
  const via = onGw.value.gateway
  if (via !== undefined) {
    const route = {
      dst: { addr: 0, len: 0 },
      via,
      dev: onGw.value.containerLink,
      proto: 'boot',
      scope: 'global',
    } as const
    ctx.apply({ kind: 'route.add', host, netns, route })
  }
  return ok(undefined)
}

/** The namespace of ingress_sbox on a host, if it has one. */
function ingressSandbox(ctx: OpContext, host: HostId): NetnsId | undefined {
  return allNetns(ctx.host(host).kernel).find((ns) => ns.path === INGRESS_SBOX_PATH)?.id
}

/** Everything swarm made on the node goes: endpoints on cluster networks, ingress_sbox, sandboxes. */
function tearDownNode(ctx: OpContext, host: HostId): void {
  const d = () => ctx.host(host).daemon
  const isSwarm = (id: string) => getNetwork(d(), id)?.scope === 'swarm'
  for (const c of allContainers(d())) {
    const swarmAttachments = c.attachments.filter((a) => isSwarm(a.network))
    if (swarmAttachments.length === 0) continue
    const eps = c.sandbox ? endpointsOfContainer(d(), c).filter((ep) => isSwarm(ep.network)) : []
    for (const ep of eps) if (c.sandbox) leaveNetwork(ctx, host, ep, c.sandbox.netns)
    const now = getContainer(d(), c.id) ?? c
    const after = { ...now, attachments: now.attachments.filter((a) => !isSwarm(a.network)) }
    ctx.setContainer(host, after)
    if (c.sandbox) {
      updateGateway(ctx, host, after, c.sandbox.netns)
      writeContainerFiles(ctx, host, c.id)
    }
  }
  const sbox = ingressSandbox(ctx, host)
  for (const ep of allEndpoints(d()).filter((e) => e.container === INGRESS_SBOX)) {
    if (sbox !== undefined) leaveNetwork(ctx, host, ep, sbox)
  }
  if (sbox !== undefined) ctx.apply({ kind: 'netns.del', host, netns: sbox })
  for (const n of allNetworks(d()))
    if (n.scope === 'swarm') closeOverlaySandbox(ctx, host, n.id, true)
}

/**
 * A node leaving takes its services' tasks with it: their containers go and the load balancers
 * elsewhere forget them (swarmkit would reschedule them; the lab leaves the service short).
 */
function dropTasksOf(ctx: OpContext, host: HostId): void {
  for (const svc of ctx.world.swarm?.services ?? []) {
    const gone = svc.tasks.filter((t) => t.node === host)
    if (gone.length === 0) continue
    for (const t of gone) removeContainer(ctx, host, t.container, true)
    const swarm = ctx.world.swarm
    if (!swarm) return
    const services = (swarm.services ?? []).map((s) =>
      s.id === svc.id ? { ...s, tasks: s.tasks.filter((t) => t.node !== host) } : s,
    )
    ctx.setSwarm({ ...swarm, services })
    syncLoadBalancing(ctx, svc.id)
  }
}

/** `docker swarm leave [--force]`. */
export function swarmLeave(
  ctx: OpContext,
  host: HostId,
  force: boolean,
): Result<void, DockerError> {
  const swarm = ctx.world.swarm
  const node = nodeOf(ctx.world, host)
  if (!swarm || !node || swarm.mode === 'kv') return err(dockerErrors.notInSwarm())
  const managers = swarm.nodes.filter((n) => n.role === 'manager').length
  if (node.role === 'manager' && !force) return err(dockerErrors.leaveManager(managers))
  dropTasksOf(ctx, host)
  tearDownNode(ctx, host)
  const nodes = swarm.nodes.filter((n) => n.host !== host)
  const after = ctx.world.swarm ?? swarm
  if (nodes.some((n) => n.role === 'manager')) {
    const leader = nodes.some((n) => n.leader)
    let promoted = leader
    ctx.setSwarm({
      ...after,
      nodes: nodes.map((n) => {
        if (promoted || n.role !== 'manager') return n
        promoted = true
        return { ...n, leader: true }
      }),
    })
    return ok(undefined)
  }
  // The last manager gone, the cluster's state is gone: the other nodes are left on their own.
  ctx.setSwarm({ ...after, nodes })
  for (const n of nodes) tearDownNode(ctx, n.host)
  ctx.setSwarm(undefined)
  return ok(undefined)
}
