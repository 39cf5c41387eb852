// Swarm services (swarmkit orchestrator, scheduler and allocator; moby daemon/cluster and
// libnetwork service_linux.go, v28.5.2): `docker service create/rm/scale`. A replicated service
// gets a virtual IP on each of its networks (ingress first when it publishes ports), tasks spread
// over the nodes with the fewest of its tasks, each task a container on its node; each node with
// tasks on a network gets a load-balancer sandbox `lb_<id9>` holding the VIP, whose IPVS
// firewall-mark service sends VIP traffic to the tasks; published ports go through the routing
// mesh: every node DNATs them to its ingress_sbox, whose IPVS picks a task over the ingress
// overlay, where the task redirects the published port to its target port.

import { err, ok, type Result } from '../../../lib/result'
import type { OpContext } from '../../model/context'
import type { HostId, NetworkId } from '../../model/ids'
import type { Ipv4 } from '../../model/ipv4'
import type { World } from '../../model/world'
import { containerRequest, createContainer } from '../containers'
import { TASK_LABEL } from '../drivers/overlay'
import { dockerErrors, type DockerError } from '../errors'
import { releaseAddress, requestAddress } from '../ipam/allocate'
import { removeContainer, startContainer } from '../lifecycle'
import { randomName } from '../names'
import { findNetwork } from '../networks'
import { endpointsOfContainer, getContainer } from '../queries'
import { clusterNetwork, nodeOf, setClusterNetwork } from './cluster'
import { redirectIngress, syncLoadBalancing, unprogram } from './load-balancing'
import type { ServicePort, ServiceTask, SwarmNetwork, SwarmService } from './types'

export type ServiceCreateRequest = {
  /** `--name`; a random name (as containers get) when absent. */
  readonly name?: string
  readonly image: string
  /** Arguments after the image. */
  readonly command: readonly string[]
  /** `--replicas` (default 1). */
  readonly replicas: number
  /** `--network NAME|ID`, in order. */
  readonly networks: readonly string[]
  /** `-p`: publishedPort 0 asks for one from 30000–32767. */
  readonly ports: readonly ServicePort[]
  readonly endpointMode: 'vip' | 'dnsrr'
  readonly labels: Readonly<Record<string, string>>
}

/** A service by ID, name, or unique ID prefix. */
export function findService(world: World, ref: string): SwarmService | undefined {
  const all = world.swarm?.services ?? []
  const direct = all.find((s) => s.id === ref) ?? all.find((s) => s.name === ref)
  if (direct || ref === '') return direct
  const byPrefix = all.filter((s) => s.id.startsWith(ref))
  return byPrefix.length === 1 ? byPrefix[0] : undefined
}

/** What a scheduler weighs: this service's tasks on the node, then all tasks there. */
function pickNode(world: World, svc: SwarmService, nodes: readonly HostId[]): HostId | undefined {
  const tasksOn = (h: HostId): number =>
    (world.swarm?.services ?? []).reduce(
      (n, s) => n + s.tasks.filter((t) => t.node === h).length,
      0,
    )
  let best: HostId | undefined
  let bestKey: readonly [number, number] = [Infinity, Infinity]
  for (const h of nodes) {
    const key = [svc.tasks.filter((t) => t.node === h).length, tasksOn(h)] as const
    if (key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
      best = h
      bestKey = key
    }
  }
  return best
}

function managerCheck(ctx: OpContext, host: HostId): DockerError | undefined {
  const swarm = ctx.world.swarm
  const node = nodeOf(ctx.world, host)
  if (!swarm || !node || swarm.mode !== 'swarm') return dockerErrors.notSwarmManager()
  if (node.role !== 'manager') return dockerErrors.workerNotManager()
  return undefined
}

function setService(ctx: OpContext, svc: SwarmService | undefined, id: string): void {
  const swarm = ctx.world.swarm
  if (!swarm) return
  const others = (swarm.services ?? []).filter((s) => s.id !== id)
  ctx.setSwarm({ ...swarm, services: svc ? [...others, svc] : others })
}

const current = (ctx: OpContext, id: string): SwarmService | undefined =>
  ctx.world.swarm?.services?.find((s) => s.id === id)

/** Published ports: 0 takes the first free one of 30000–32767 (swarmkit portallocator). */
function allocatePorts(
  ctx: OpContext,
  ports: readonly ServicePort[],
): Result<ServicePort[], DockerError> {
  const taken = new Map<string, SwarmService>()
  for (const s of ctx.world.swarm?.services ?? [])
    for (const p of s.ports) taken.set(`${p.protocol}/${p.publishedPort}`, s)
  const out: ServicePort[] = []
  for (const p of ports) {
    let published = p.publishedPort
    if (published === 0) {
      published = 30000
      while (taken.has(`${p.protocol}/${published}`) && published < 32767) published++
    }
    const other = taken.get(`${p.protocol}/${published}`)
    if (other) return err(dockerErrors.portInUseByService(published, other.name, other.id))
    taken.set(`${p.protocol}/${published}`, { id: '', name: '' } as SwarmService)
    out.push({ ...p, publishedPort: published })
  }
  return ok(out)
}

export function serviceCreate(
  ctx: OpContext,
  host: HostId,
  req: ServiceCreateRequest,
): Result<SwarmService, DockerError> {
  const refused = managerCheck(ctx, host)
  if (refused) return err(refused)
  if (req.endpointMode === 'dnsrr' && req.ports.length) return err(dockerErrors.dnsrrWithIngress())
  const nets: SwarmNetwork[] = []
  for (const ref of req.networks) {
    const sn = clusterNetwork(ctx.world, ref)
    if (!sn || sn.ingress) {
      const local = findNetwork(ctx.host(host), ref)
      if (local && local.scope === 'local') return err(dockerErrors.localNetworkForService(ref))
      return err(dockerErrors.networkNotFound(ref))
    }
    nets.push(sn)
  }
  const ports = allocatePorts(ctx, req.ports)
  if (!ports.ok) return ports
  const all = ctx.world.swarm?.services ?? []
  const name = req.name ?? randomName(ctx.rng, (n) => all.some((s) => s.name === n))
  if (all.some((s) => s.name === name)) return err(dockerErrors.serviceExists(name))
  const id = ctx.rng.base36('swarm', 25)
  const ingress = ports.value.length ? clusterNetwork(ctx.world, 'ingress') : undefined
  // Allocator.allocateService: the ingress VIP first, then one per network (vip mode only).
  const vips: { network: NetworkId; addr: Ipv4 }[] = []
  if (req.endpointMode === 'vip') {
    for (const sn of [...(ingress ? [ingress] : []), ...nets]) {
      const fresh = clusterNetwork(ctx.world, sn.id) ?? sn
      const got = requestAddress(fresh.pool, undefined)
      if (!got.ok) return got
      setClusterNetwork(ctx, { ...fresh, pool: got.value.pool })
      vips.push({ network: sn.id, addr: got.value.ip })
    }
  }
  const svc: SwarmService = {
    id,
    name,
    image: req.image,
    command: req.command,
    replicas: req.replicas,
    networks: nets.map((n) => n.id),
    ports: ports.value,
    endpointMode: req.endpointMode,
    vips,
    tasks: [],
    labels: req.labels,
    created: ctx.now,
    updated: ctx.now,
  }
  setService(ctx, svc, id)
  const started = startTasks(ctx, id, 1, req.replicas)
  if (!started.ok) return started
  syncLoadBalancing(ctx, id)
  return ok(current(ctx, id) ?? svc)
}

/** Tasks for slots `from`…`to`, each scheduled, its container created and started on its node. */
function startTasks(
  ctx: OpContext,
  id: string,
  from: number,
  to: number,
): Result<void, DockerError> {
  const nodes = (ctx.world.swarm?.nodes ?? []).map((n) => n.host)
  for (let slot = from; slot <= to; slot++) {
    const svc = current(ctx, id)
    if (!svc) return ok(undefined)
    const node = pickNode(ctx.world, svc, nodes)
    if (node === undefined) return ok(undefined)
    const taskId = ctx.rng.base36('swarm', 25)
    const ingress = svc.ports.length ? clusterNetwork(ctx.world, 'ingress') : undefined
    const attach = [...(ingress ? [ingress.id] : []), ...svc.networks]
    const swarmNode = nodeOf(ctx.world, node)
    const made = createContainer(
      ctx,
      node,
      containerRequest({
        name: `${svc.name}.${slot}.${taskId}`,
        // The CLI resolves the reference before it reaches swarm (`nginx` → `nginx:latest`).
        image: /:[^/]*$|@/.test(svc.image) ? svc.image : `${svc.image}:latest`,
        cmd: svc.command,
        networkMode: attach[0] ?? 'bridge',
        networks: attach.map((n) => ({ name: n, aliases: [], links: [], gwPriority: 0 })),
        // daemon/cluster/executor/container/container.go labels()
        labels: {
          ...svc.labels,
          'com.docker.swarm.node.id': swarmNode?.id ?? '',
          'com.docker.swarm.service.id': svc.id,
          'com.docker.swarm.service.name': svc.name,
          'com.docker.swarm.task': '',
          [TASK_LABEL]: taskId,
          'com.docker.swarm.task.name': `${svc.name}.${slot}.${taskId}`,
        },
      }),
    )
    if (!made.ok) return made
    const run = startContainer(ctx, node, made.value.id)
    if (!run.ok) return run
    const d = ctx.host(node).daemon
    const c = getContainer(d, made.value.id)
    const addresses = (c ? endpointsOfContainer(d, c) : []).flatMap((ep) =>
      attach.includes(ep.network) && ep.ipv4 ? [{ network: ep.network, addr: ep.ipv4.addr }] : [],
    )
    addresses.sort((a, b) => attach.indexOf(a.network) - attach.indexOf(b.network))
    const task: ServiceTask = {
      id: taskId,
      slot,
      node,
      container: made.value.id,
      created: ctx.now,
      addresses,
    }
    setService(ctx, { ...svc, tasks: [...svc.tasks, task] }, id)
    redirectIngress(ctx, node, svc, task)
  }
  return ok(undefined)
}

export function serviceRemove(
  ctx: OpContext,
  host: HostId,
  ref: string,
): Result<SwarmService, DockerError> {
  const refused = managerCheck(ctx, host)
  if (refused) return err(refused)
  const svc = findService(ctx.world, ref)
  if (!svc) return err(dockerErrors.serviceNotFound(ref))
  stopTasks(ctx, svc.id, 0)
  const now = current(ctx, svc.id) ?? svc
  for (const v of now.vips) {
    const sn = clusterNetwork(ctx.world, v.network)
    if (sn) setClusterNetwork(ctx, { ...sn, pool: releaseAddress(sn.pool, v.addr) })
  }
  unprogram(ctx, now)
  setService(ctx, undefined, svc.id)
  return ok(now)
}

/** Removes the tasks of slots above `keep` (their containers go, as swarmkit's reaper does). */
function stopTasks(ctx: OpContext, id: string, keep: number): void {
  const svc = current(ctx, id)
  if (!svc) return
  for (const t of svc.tasks.filter((x) => x.slot > keep))
    removeContainer(ctx, t.node, t.container, true)
  setService(ctx, { ...svc, tasks: svc.tasks.filter((x) => x.slot <= keep) }, id)
}

export function serviceScale(
  ctx: OpContext,
  host: HostId,
  ref: string,
  replicas: number,
): Result<SwarmService, DockerError> {
  const refused = managerCheck(ctx, host)
  if (refused) return err(refused)
  const svc = findService(ctx.world, ref)
  if (!svc) return err(dockerErrors.serviceNotFound(ref))
  const have = svc.tasks.length
  setService(ctx, { ...svc, replicas, updated: ctx.now }, svc.id)
  if (replicas < have) stopTasks(ctx, svc.id, replicas)
  else {
    const started = startTasks(ctx, svc.id, have + 1, replicas)
    if (!started.ok) return started
  }
  syncLoadBalancing(ctx, svc.id)
  return ok(current(ctx, svc.id) ?? svc)
}
