// Docker networks on one host: lookup, `docker network create`, `rm` and `prune`, carried out
// as kernel ops. Mirrors moby daemon/network.go (createNetwork, deleteNetwork, FindNetwork) and
// libnetwork/controller.go NewNetwork with the bridge driver (drivers/bridge/bridge_linux.go).

import { err, ok, type Result } from '../../lib/result'
import type { OpContext } from '../model/context'
import { INIT_NETNS, type HostId, type NetworkId } from '../model/ids'
import { formatCidr, parseCidr, parseIpv4, type Cidr, type Ipv4 } from '../model/ipv4'
import type { Host } from '../model/world'
import { createBridgeDevice } from './drivers/bridge'
import { createLowerDevNetwork, removeLowerDevNetwork } from './drivers/macvlan'
import { createOverlayNetwork, removeOverlayNetwork } from './drivers/overlay'
import { dockerErrors, type DockerError } from './errors'
import { planNetworkRules, type BridgeRuleConfig } from './iptables/docker-rules'
import { newPool, type PoolRequest } from './ipam/allocate'
import { firstFreePredefined, overlaps } from './ipam/pools'
import { reservedPrefixes } from './ipam/reserved'
import type { BridgeOptions, Endpoint, IpamPool, Network } from './types'
import { allEndpoints, allNetworks, getContainer, getNetwork, networkByName } from './queries'

export const PREDEFINED_NETWORKS = ['bridge', 'host', 'none', 'default'] as const

export const BRIDGE_OPT = {
  name: 'com.docker.network.bridge.name',
  icc: 'com.docker.network.bridge.enable_icc',
  masquerade: 'com.docker.network.bridge.enable_ip_masquerade',
  hostBinding: 'com.docker.network.bridge.host_binding_ipv4',
  mtu: 'com.docker.network.driver.mtu',
  defaultBridge: 'com.docker.network.bridge.default_bridge',
} as const

/**
 * FindNetwork: by full ID, then exact name, then unique ID prefix (daemon/network.go).
 */
export function findNetwork(host: Host, ref: string): Network | undefined {
  const d = host.daemon
  const direct = getNetwork(d, ref) ?? networkByName(d, ref)
  if (direct || ref === '') return direct
  const byPrefix = allNetworks(d).filter((n) => n.id.startsWith(ref))
  return byPrefix.length === 1 ? byPrefix[0] : undefined
}

export function requireNetwork(host: Host, ref: string): Result<Network, DockerError> {
  const n = findNetwork(host, ref)
  return n ? ok(n) : err(dockerErrors.networkNotFound(ref))
}

/** The subnet and gateway of a network's first pool (bridge networks have one IPv4 pool). */
export function primaryPool(n: Network): IpamPool | undefined {
  return n.pools[0]
}

export type IpamRequest = {
  readonly subnet: string
  readonly ipRange?: string
  readonly gateway?: string
  readonly auxAddresses: Readonly<Record<string, string>>
}

export type NetworkCreateRequest = {
  readonly name: string
  readonly driver: string
  readonly ipam: readonly IpamRequest[]
  readonly internal: boolean
  readonly attachable: boolean
  readonly options: Readonly<Record<string, string>>
  readonly labels: Readonly<Record<string, string>>
}

/** api/types/network/ipam.go ValidateIPAM: every problem of every pool, in order. */
export function validateIpam(reqs: readonly IpamRequest[]): Result<PoolRequest[], DockerError> {
  const problems: string[] = []
  const pools: PoolRequest[] = []
  for (const r of reqs) {
    const subnet = parseCidr(r.subnet)
    if (!subnet) {
      problems.push(`invalid subnet ${r.subnet}: invalid CIDR block notation`)
      continue
    }
    const masked = maskedCidr(subnet)
    if (masked.addr !== subnet.addr)
      problems.push(`invalid subnet ${r.subnet}: it should be ${formatCidr(masked)}`)
    let ipRange: Cidr | undefined
    if (r.ipRange !== undefined) {
      const range = parseCidr(r.ipRange)
      if (!range) problems.push(`invalid ip-range ${r.ipRange}: invalid CIDR block notation`)
      else {
        if (range.len < subnet.len) {
          problems.push(
            `invalid ip-range ${r.ipRange}: CIDR block is bigger than its parent subnet ${r.subnet}`,
          )
        }
        const m = maskedCidr(range)
        if (m.addr !== range.addr)
          problems.push(`invalid ip-range ${r.ipRange}: it should be ${formatCidr(m)}`)
        if (!overlaps(subnet, range)) {
          problems.push(
            `invalid ip-range ${r.ipRange}: parent subnet ${r.subnet} doesn't contain ip-range`,
          )
        }
        ipRange = m
      }
    }
    const gateway =
      r.gateway === undefined
        ? undefined
        : checkAddress(r.gateway, subnet, `invalid gateway ${r.gateway}`, problems)
    const aux: Record<string, Ipv4> = {}
    for (const [name, value] of Object.entries(r.auxAddresses)) {
      const ip = checkAddress(value, subnet, `invalid auxiliary address ${name}`, problems)
      if (ip !== undefined) aux[name] = ip
    }
    pools.push({
      subnet: masked,
      ...(ipRange ? { ipRange } : {}),
      ...(gateway === undefined ? {} : { gateway }),
      auxAddresses: aux,
      userSubnet: true,
    })
  }
  return problems.length ? err(dockerErrors.invalidNetworkConfig(problems)) : ok(pools)
}

function checkAddress(
  text: string,
  subnet: Cidr,
  label: string,
  problems: string[],
): Ipv4 | undefined {
  const ip = parseIpv4(text)
  if (ip === undefined) problems.push(`${label}: invalid address`)
  else if (!overlaps(subnet, { addr: ip, len: 32 })) {
    problems.push(`${label}: parent subnet ${formatCidr(subnet)} doesn't contain this address`)
  } else return ip
  return undefined
}

function maskedCidr(c: Cidr): Cidr {
  return {
    addr: c.len === 0 ? 0 : (c.addr & ((0xffffffff << (32 - c.len)) >>> 0)) >>> 0,
    len: c.len,
  }
}

function parseBool(v: string | undefined, fallback: boolean): boolean {
  if (v === undefined) return fallback
  return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)
}

export function bridgeOptions(
  id: string,
  options: Readonly<Record<string, string>>,
  defaultMtu: number,
): BridgeOptions {
  return {
    name: options[BRIDGE_OPT.name] ?? `br-${id.slice(0, 12)}`,
    icc: parseBool(options[BRIDGE_OPT.icc], true),
    masquerade: parseBool(options[BRIDGE_OPT.masquerade], true),
    mtu: Number(options[BRIDGE_OPT.mtu] ?? defaultMtu) || defaultMtu,
    hostBindingIpv4: parseIpv4(options[BRIDGE_OPT.hostBinding] ?? '0.0.0.0') ?? 0,
  }
}

export function ruleConfig(n: Network, userlandProxy: boolean): BridgeRuleConfig | undefined {
  const pool = primaryPool(n)
  if (!n.bridge || !pool) return undefined
  return {
    bridge: n.bridge.options.name,
    subnet: pool.subnet,
    internal: n.internal,
    icc: n.bridge.options.icc,
    masquerade: n.bridge.options.masquerade,
    userlandProxy,
  }
}

/**
 * Allocates the pools: the user's subnets (checked for overlap) or the first free predefined one.
 * `wantGateway` false: a driver that needs no gateway (GetSkipGwAlloc: macvlan/ipvlan internal,
 * ipvlan l3) gets one only where the user gave `--gateway` (network.go ipamAllocateVersion).
 */
export function allocatePools(
  ctx: OpContext,
  hostId: HostId,
  reqs: readonly PoolRequest[],
  wantGateway = true,
): Result<IpamPool[], DockerError> {
  const host = ctx.host(hostId)
  const allocated = allNetworks(host.daemon).flatMap((n) => n.pools.map((p) => p.subnet))
  if (reqs.length === 0) {
    const subnet = firstFreePredefined(allocated, reservedPrefixes(host))
    if (!subnet) return err(dockerErrors.poolExhausted())
    const pool = newPool({ subnet, auxAddresses: {}, userSubnet: false }, wantGateway)
    return pool.ok ? ok([pool.value]) : pool
  }
  const pools: IpamPool[] = []
  for (const r of reqs) {
    if ([...allocated, ...pools.map((p) => p.subnet)].some((a) => overlaps(a, r.subnet))) {
      return err(dockerErrors.poolOverlap())
    }
    const pool = newPool(r, wantGateway)
    if (!pool.ok) return pool
    pools.push(pool.value)
  }
  return ok(pools)
}

export function createNetwork(
  ctx: OpContext,
  hostId: HostId,
  req: NetworkCreateRequest,
): Result<Network, DockerError> {
  if ((PREDEFINED_NETWORKS as readonly string[]).includes(req.name))
    return err(dockerErrors.predefinedNetwork(req.name))
  const poolReqs = validateIpam(req.ipam)
  if (!poolReqs.ok) return poolReqs
  const host = ctx.host(hostId)
  if (networkByName(host.daemon, req.name)) return err(dockerErrors.networkExists(req.name))
  if (req.driver === 'host' || req.driver === 'null')
    return err(dockerErrors.singleInstance(req.driver))
  if (req.driver === 'overlay') return createOverlayNetwork(ctx, hostId, req, poolReqs.value)
  if (req.driver === 'macvlan' || req.driver === 'ipvlan')
    return createLowerDevNetwork(ctx, hostId, req, poolReqs.value, req.driver)
  if (req.driver !== 'bridge') return err(dockerErrors.pluginNotFound(req.driver))
  const pools = allocatePools(ctx, hostId, poolReqs.value)
  if (!pools.ok) return pools
  const id = ctx.randomId() as NetworkId
  const options = bridgeOptions(id, req.options, host.daemon.config.mtu)
  const pool = pools.value[0]
  const link = createBridgeDevice(ctx, hostId, {
    name: options.name,
    mtu: options.mtu,
    address: { addr: pool?.gateway ?? 0, len: pool?.subnet.len ?? 0 },
    hairpin: !host.daemon.config.userlandProxy,
  })
  const net: Network = {
    ...userNetwork(ctx, hostId, id, 'bridge', req, pools.value),
    bridge: { link, options },
  }
  const rules = ruleConfig(net, host.daemon.config.userlandProxy)
  if (rules) for (const op of planNetworkRules(hostId, rules, true)) ctx.apply(op)
  ctx.setNetwork(hostId, net)
  return ok(net)
}

/**
 * An endpoint's name as libnetwork keeps it: the container's name, `gateway_<sandbox id12>` on
 * docker_gwbridge (default_gateway.go), `ingress-endpoint` and `<net>-endpoint` for Docker's
 * own load-balancer sandboxes.
 */
export function endpointName(host: Host, ep: Endpoint): string {
  const c = getContainer(host.daemon, ep.container)
  if (ep.role === 'gateway') {
    const id = c?.sandbox?.id ?? ep.container
    return `gateway_${id.slice(0, 12)}`
  }
  if (ep.container === 'ingress-sbox') return 'ingress-endpoint'
  if (ep.container.startsWith('lb-')) return `${ep.container.slice(3)}-endpoint`
  return c?.name ?? ep.container
}

/** A user-created local network's record, before its driver's own part. */
export function userNetwork(
  ctx: OpContext,
  host: HostId,
  id: NetworkId,
  driver: Network['driver'],
  req: NetworkCreateRequest,
  pools: readonly IpamPool[],
): Network {
  return {
    id,
    name: req.name,
    driver,
    scope: 'local',
    created: ctx.now,
    internal: req.internal,
    attachable: req.attachable,
    ingress: false,
    enableIPv4: true,
    enableIPv6: false,
    ipamDriver: 'default',
    ipamOptions: {},
    pools,
    options: req.options,
    labels: req.labels,
    predefined: false,
    seq: ctx.host(host).daemon.networksMade,
  }
}

/** Endpoints of running containers on the network, as `name`/`id` pairs (for the rm error). */
export function activeEndpoints(
  host: Host,
  id: NetworkId,
  ingress = false,
): { name: string; id: string }[] {
  return allEndpoints(host.daemon)
    .filter((ep) => ep.network === id && !(ingress && ep.container === 'ingress-sbox'))
    .map((ep) => ({ name: endpointName(host, ep), id: ep.id }))
}

export function removeNetwork(
  ctx: OpContext,
  hostId: HostId,
  ref: string,
): Result<Network, DockerError> {
  const found = requireNetwork(ctx.host(hostId), ref)
  if (!found.ok) return found
  const net = found.value
  if (net.predefined) return err(dockerErrors.removePredefined(net.name))
  // The routing mesh's own endpoints (ingress_sbox) do not hold ingress: it goes with them.
  const active = activeEndpoints(ctx.host(hostId), net.id, net.ingress)
  if (active.length) return err(dockerErrors.activeEndpoints(net.name, active))
  const rules = ruleConfig(net, ctx.host(hostId).daemon.config.userlandProxy)
  if (rules) for (const op of planNetworkRules(hostId, rules, false)) ctx.apply(op)
  if (net.bridge)
    ctx.apply({ kind: 'link.del', host: hostId, netns: INIT_NETNS, link: net.bridge.link })
  if (net.lowerDev) removeLowerDevNetwork(ctx, hostId, net)
  if (net.overlay) {
    const removed = removeOverlayNetwork(ctx, hostId, net)
    if (!removed.ok) return removed
  }
  ctx.set(hostId, 'networks', net.id, undefined)
  return ok(net)
}

/**
 * Networks without active endpoints, except the predefined ones (daemon/prune.go
 * localNetworksPrune): a network only stopped containers use is removed too.
 */
export function pruneNetworks(ctx: OpContext, hostId: HostId): Network[] {
  const host = ctx.host(hostId)
  const inUse = new Set(allEndpoints(host.daemon).map((ep) => ep.network))
  const removed: Network[] = []
  for (const n of allNetworks(host.daemon)) {
    if (n.predefined || inUse.has(n.id)) continue
    const r = removeNetwork(ctx, hostId, n.id)
    if (r.ok) removed.push(r.value)
  }
  return removed
}
