// Reading and writing the swarm's cluster state, and its networks: the global address pool
// (10.0.0.0/8 split into /24s, handed out in order: moby libnetwork/ipamutils
// globalScopeDefaultNetworks via swarmkit's allocator) and VXLAN ids from 4096 upward
// (drivers/overlay/ovmanager/ovmanager.go vxlanIDStart).

import { err, ok, type Result } from '../../../lib/result'
import type { OpContext } from '../../model/context'
import type { HostId, NetworkId } from '../../model/ids'
import type { Cidr } from '../../model/ipv4'
import type { World } from '../../model/world'
import { dockerErrors, type DockerError } from '../errors'
import { newPool, type PoolRequest } from '../ipam/allocate'
import { overlaps } from '../ipam/pools'
import type { NetworkCreateRequest } from '../networks'
import { getNetwork } from '../queries'
import type { Network } from '../types'
import type { SwarmNetwork, SwarmNode } from './types'

export const FIRST_VNI = 4096
const GLOBAL_POOL: Cidr = { addr: 0x0a000000, len: 8 }
const GLOBAL_SIZE = 24

export function nodeOf(world: World, host: HostId): SwarmNode | undefined {
  return world.swarm?.nodes.find((n) => n.host === host)
}

/** A cluster network by ID, name or unique ID prefix. */
export function clusterNetwork(world: World, ref: string): SwarmNetwork | undefined {
  const nets = world.swarm?.networks ?? []
  const direct = nets.find((n) => n.id === ref) ?? nets.find((n) => n.name === ref)
  if (direct || ref === '') return direct
  const byPrefix = nets.filter((n) => n.id.startsWith(ref))
  return byPrefix.length === 1 ? byPrefix[0] : undefined
}

export function setClusterNetwork(ctx: OpContext, sn: SwarmNetwork): void {
  const swarm = ctx.world.swarm
  if (!swarm) return
  const networks = swarm.networks.some((n) => n.id === sn.id)
    ? swarm.networks.map((n) => (n.id === sn.id ? sn : n))
    : [...swarm.networks, sn]
  ctx.setSwarm({ ...swarm, networks })
}

export function removeClusterNetwork(ctx: OpContext, id: NetworkId): void {
  const swarm = ctx.world.swarm
  if (swarm) ctx.setSwarm({ ...swarm, networks: swarm.networks.filter((n) => n.id !== id) })
}

/** The first /24 of 10.0.0.0/8 no cluster network overlaps. */
function nextGlobalSubnet(taken: readonly Cidr[]): Cidr | undefined {
  const step = 2 ** (32 - GLOBAL_SIZE)
  const count = 2 ** (GLOBAL_SIZE - GLOBAL_POOL.len)
  for (let i = 0; i < count; i++) {
    const c = { addr: GLOBAL_POOL.addr + i * step, len: GLOBAL_SIZE }
    if (!taken.some((t) => overlaps(t, c))) return c
  }
  return undefined
}

/** The host-local record of a cluster network, as `docker network ls/inspect` show it on a node. */
export function localRecord(ctx: OpContext, host: HostId, sn: SwarmNetwork): Network {
  const existing = getNetwork(ctx.host(host).daemon, sn.id)
  const { used: _used, ...pool } = sn.pool
  return {
    id: sn.id,
    name: sn.name,
    driver: 'overlay',
    scope: ctx.world.swarm?.mode === 'kv' ? 'global' : 'swarm',
    created: sn.created,
    internal: sn.internal,
    attachable: sn.attachable,
    ingress: sn.ingress,
    enableIPv4: true,
    enableIPv6: false,
    ipamDriver: 'default',
    ipamOptions: null,
    pools: [{ ...pool, used: [] }],
    // Docker 1.9 kept the VNI to itself; swarm shows it as a driver option.
    options:
      ctx.world.swarm?.mode === 'kv'
        ? sn.options
        : { 'com.docker.network.driver.overlay.vxlanid_list': String(sn.vni), ...sn.options },
    labels: sn.labels,
    overlay: {
      vni: sn.vni,
      encrypted: sn.encrypted,
      ...(existing?.overlay?.sandbox ? { sandbox: existing.overlay.sandbox } : {}),
    },
    predefined: false,
    seq: existing?.seq ?? ctx.host(host).daemon.networksMade,
  }
}

export type ClusterNetworkRequest = NetworkCreateRequest & { readonly ingress?: boolean }

/** The cluster network and its record on every manager. */
export function createClusterNetwork(
  ctx: OpContext,
  host: HostId,
  req: ClusterNetworkRequest,
  pools: readonly PoolRequest[],
): Result<SwarmNetwork, DockerError> {
  const swarm = ctx.world.swarm
  const node = nodeOf(ctx.world, host)
  if (!swarm || !node) return err(dockerErrors.notSwarmManager())
  // daemon/network.go createNetwork: the same text outside a swarm and on a worker.
  if (node.role !== 'manager') return err(dockerErrors.notSwarmManager())
  const kv = swarm.mode === 'kv'
  if (swarm.networks.some((n) => n.name === req.name))
    return err(dockerErrors.networkExists(req.name))
  const taken = swarm.networks.map((n) => n.pool.subnet)
  const first = pools[0]
  let request: PoolRequest
  if (first) {
    if (taken.some((t) => overlaps(t, first.subnet))) return err(dockerErrors.poolOverlap())
    request = first
  } else {
    const subnet = nextGlobalSubnet(taken)
    if (!subnet) return err(dockerErrors.poolExhausted())
    request = { subnet, auxAddresses: {}, userSubnet: false }
  }
  const pool = newPool(request, true)
  if (!pool.ok) return pool
  const encrypted = 'encrypted' in req.options
  const sn: SwarmNetwork = {
    // Swarm's ids are swarmkit's (25 base36); a cluster store's are libnetwork's (64 hex).
    id: (kv ? ctx.randomId() : ctx.rng.base36('swarm', 25)) as NetworkId,
    name: req.name,
    vni: swarm.nextVni,
    pool: pool.value,
    attachable: req.attachable,
    ingress: req.ingress === true,
    internal: req.internal,
    encrypted,
    options: req.options,
    labels: req.labels,
    created: ctx.now,
    lb: {},
  }
  ctx.setSwarm({ ...swarm, networks: [...swarm.networks, sn], nextVni: swarm.nextVni + 1 })
  for (const n of swarm.nodes) {
    if (n.role === 'manager' || sn.ingress) ctx.setNetwork(n.host, localRecord(ctx, n.host, sn))
  }
  return ok(sn)
}

/** Makes sure `host` has the local record of every cluster network it should list. */
export function syncNodeNetworks(ctx: OpContext, host: HostId): void {
  const node = nodeOf(ctx.world, host)
  if (!node) return
  for (const sn of ctx.world.swarm?.networks ?? []) {
    const listed = node.role === 'manager' || sn.ingress
    if (listed && !getNetwork(ctx.host(host).daemon, sn.id))
      ctx.setNetwork(host, localRecord(ctx, host, sn))
  }
}
