// A container joining and leaving networks, as libnetwork does it with the bridge driver
// (drivers/bridge/bridge_linux.go CreateEndpoint/Join, osl/interface_linux.go): an address from
// IPAM, a random MAC (28.x), a veth pair whose host end `veth` + 7 hex joins the bridge and whose
// other end is created directly in the container's namespace as the lowest free `ethN`, the
// direct-access filter rule, and the sandbox's default route through the gateway endpoint.

import { getLink, getNetns, linksOf } from '../kernel/queries'
import { endpointsOfContainer, getContainer, getEndpoint, getNetwork } from './queries'
import { err, ok, type Result } from '../../lib/result'
import type { OpContext } from '../model/context'
import { INIT_NETNS, type HostId, type NetnsId } from '../model/ids'
import { broadcastOf, type Ipv4 } from '../model/ipv4'
import { dockerErrors, type DockerError } from './errors'
import { planEndpointRules } from './iptables/docker-rules'
import { releaseAddress, requestAddress } from './ipam/allocate'
import { ruleConfig } from './networks'
import { programPorts, revokePorts } from './ports'
import type { Attachment, Container, Endpoint, Network } from './types'
import { startResolver } from './dns/resolver'
import { settleDefaultGw } from './drivers/gwbridge'
import { legacyNames } from './swarm/kv'
import { refreshNetworkPeers } from './sandbox-files'
import { joinLowerDev, leaveLowerDev } from './drivers/macvlan'
import { closeOverlaySandbox, joinOverlay, leaveOverlay } from './drivers/overlay'

const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The lowest `ethN` not used in the namespace (28.x generateIfaceName). */
export function nextIfname(ctx: OpContext, host: HostId, netns: NetnsId): string {
  const names = new Set(linksOf(getNetns(ctx.host(host).kernel, netns)).map((l) => l.name))
  let i = 0
  while (names.has(`eth${i}`)) i++
  return `eth${i}`
}

export function endpointsOf(ctx: OpContext, host: HostId, container: string): Endpoint[] {
  const d = ctx.host(host).daemon
  const c = getContainer(d, container)
  return c ? endpointsOfContainer(d, c) : []
}

export function joinNetwork(
  ctx: OpContext,
  host: HostId,
  c: Container,
  netns: NetnsId,
  a: Attachment,
): Result<Endpoint, DockerError> {
  const ep = recordJoin(ctx, host, c, plumbEndpoint(ctx, host, c.id, netns, a))
  if (ep.ok) refreshNetworkPeers(ctx, ep.value.network, c.id)
  return ep
}

function recordJoin(
  ctx: OpContext,
  host: HostId,
  c: Container,
  ep: Result<Endpoint, DockerError>,
): Result<Endpoint, DockerError> {
  if (!ep.ok) return ep
  const current = getContainer(ctx.host(host).daemon, c.id) ?? c
  ctx.setContainer(host, {
    ...current,
    endpoints: { ...current.endpoints, [ep.value.network]: ep.value.id },
  })
  return ep
}

/**
 * The driver's work for one endpoint in `netns` (CreateEndpoint + Join), recorded under
 * `owner`: a container ID, or a sandbox of Docker's own (`ingress-sbox`).
 */
export function plumbEndpoint(
  ctx: OpContext,
  host: HostId,
  owner: string,
  netns: NetnsId,
  a: Attachment,
  role?: Endpoint['role'],
): Result<Endpoint, DockerError> {
  const net = getNetwork(ctx.host(host).daemon, a.network)
  if (!net) return err(dockerErrors.networkNotFound(a.network))
  if (net.overlay) return joinOverlay(ctx, host, owner, netns, a, net)
  if (net.lowerDev) return joinLowerDev(ctx, host, owner, netns, a, net)
  if (!net.bridge) return err(dockerErrors.networkNotFound(net.name))
  const poolIndex = 0
  const pool = net.pools[poolIndex]
  if (!pool) return err(dockerErrors.noAvailableIps({ addr: 0, len: 0 }))
  const got = requestAddress(pool, a.ipv4)
  if (!got.ok) return got
  const ip = got.value.ip
  const pools = net.pools.map((p, i) => (i === poolIndex ? got.value.pool : p))
  ctx.setNetwork(host, { ...net, pools })

  const id = ctx.randomId()
  const mac = ctx.randomMac()
  const hostLink = ctx.newLinkId(host)
  const containerLink = ctx.newLinkId(host)
  const hostName = `veth${ctx.rng.hex('veth', 7)}`
  const ifname = nextIfname(ctx, host, netns)
  const mtu = net.bridge.options.mtu
  ctx.apply({
    kind: 'veth.add',
    host,
    a: { netns: INIT_NETNS, link: hostLink, name: hostName, mac: ctx.randomMac(), mtu },
    b: { netns, link: containerLink, name: ifname, mac, mtu },
  })
  ctx.apply({
    kind: 'link.set-master',
    host,
    netns: INIT_NETNS,
    link: hostLink,
    master: net.bridge.link,
  })
  // Without the userland proxy, a container reaches its own published port back through its
  // own bridge port (bridged DNAT): Docker turns hairpin mode on (bridge.go setHairpinMode).
  if (!ctx.host(host).daemon.config.userlandProxy)
    ctx.apply({ kind: 'link.set-hairpin', host, netns: INIT_NETNS, link: hostLink, hairpin: true })
  ctx.apply({ kind: 'link.set-up', host, netns: INIT_NETNS, link: hostLink, up: true })
  const cidr = { addr: ip, len: pool.subnet.len }
  ctx.apply({
    kind: 'addr.add',
    host,
    netns,
    link: containerLink,
    addr: { cidr, brd: broadcastOf(cidr), scope: 'global' },
  })
  ctx.apply({ kind: 'link.set-up', host, netns, link: containerLink, up: true })
  const rules = ruleConfig(net, ctx.host(host).daemon.config.userlandProxy)
  if (rules) for (const op of planEndpointRules(host, rules, ip, true)) ctx.apply(op)

  const ep: Endpoint = {
    id,
    network: net.id,
    container: owner,
    ifname,
    mac,
    ipv4: cidr,
    ...(pool.gateway === undefined || net.internal ? {} : { gateway: pool.gateway }),
    hostLink,
    containerLink,
    ports: [],
    ...(role ? { role } : {}),
  }
  ctx.set(host, 'endpoints', id, ep)
  // A user-defined network's first endpoint in a sandbox starts its embedded DNS server.
  if (!net.predefined && role === undefined && !legacyNames(ctx.host(host).daemon.config))
    startResolver(ctx, host, netns)
  return ok(ep)
}

export function leaveNetwork(ctx: OpContext, host: HostId, ep: Endpoint, netns: NetnsId): void {
  revokePorts(ctx, host, ep)
  const net = getNetwork(ctx.host(host).daemon, ep.network)
  if (net?.overlay) leaveOverlay(ctx, host, ep, net)
  else if (net?.lowerDev) leaveLowerDev(ctx, host, ep, net)
  else if (net && ep.ipv4) {
    const rules = ruleConfig(net, ctx.host(host).daemon.config.userlandProxy)
    if (rules) for (const op of planEndpointRules(host, rules, ep.ipv4.addr, false)) ctx.apply(op)
    const ip = ep.ipv4.addr
    const pools = net.pools.map((p) => releaseAddress(p, ip))
    ctx.setNetwork(host, { ...net, pools })
  }
  if (getLink(getNetns(ctx.host(host).kernel, netns), ep.containerLink)) {
    ctx.apply({ kind: 'link.del', host, netns, link: ep.containerLink })
  }
  ctx.set(host, 'endpoints', ep.id, undefined)
  const c = getContainer(ctx.host(host).daemon, ep.container)
  if (c) {
    const { [ep.network]: _gone, ...endpoints } = c.endpoints
    ctx.setContainer(host, { ...c, endpoints })
  }
  if (net?.overlay) closeOverlaySandbox(ctx, host, net.id)
  refreshNetworkPeers(ctx, ep.network, ep.container)
}

/**
 * A gateway address, or (ipvlan l3/l3s) a connected default route: endpoint_info.go
 * hasGatewayOrDefaultRoute.
 */
const hasGateway = (ep: Endpoint): boolean =>
  ep.gateway !== undefined || ep.connectedDefault === true

/**
 * The endpoint that provides the default gateway (libnetwork/sandbox.go Endpoint.Less):
 * higher --gw-priority, not docker_gwbridge, not internal, has a gateway, then network name.
 */
export function gatewayEndpoint(ctx: OpContext, host: HostId, c: Container): Endpoint | undefined {
  const d = ctx.host(host).daemon
  const prio = (ep: Endpoint): number =>
    c.attachments.find((a) => a.network === ep.network)?.gwPriority ?? 0
  const net = (ep: Endpoint): Network | undefined => getNetwork(d, ep.network)
  const sorted = endpointsOf(ctx, host, c.id).sort(
    (x, y) =>
      prio(y) - prio(x) ||
      Number(x.role === 'gateway') - Number(y.role === 'gateway') ||
      Number(net(x)?.internal ?? false) - Number(net(y)?.internal ?? false) ||
      Number(hasGateway(y)) - Number(hasGateway(x)) ||
      byteCompare(net(x)?.name ?? '', net(y)?.name ?? ''),
  )
  // Sandbox.getGatewayEndpoint: the first in that order that has a gateway.
  return sorted.find(hasGateway)
}

/**
 * Points the sandbox's default route at the gateway endpoint and moves the published ports to
 * it (libnetwork/endpoint.go sbJoin: external connectivity lives on the gateway endpoint).
 */
export function updateGateway(
  ctx: OpContext,
  host: HostId,
  c: Container,
  netns: NetnsId,
): Result<void, DockerError> {
  const settled = settleDefaultGw(
    ctx,
    host,
    c,
    netns,
    (ns, net) => {
      const a = { network: net.id, aliases: [], links: [], gwPriority: 0 }
      return recordJoin(ctx, host, c, plumbEndpoint(ctx, host, c.id, ns, a, 'gateway'))
    },
    (ep) => leaveNetwork(ctx, host, ep, netns),
  )
  if (!settled.ok) return settled
  const gw = gatewayEndpoint(ctx, host, c)
  const ns = getNetns(ctx.host(host).kernel, netns)
  for (const r of ns?.routes ?? []) {
    if (r.dst.len === 0) ctx.apply({ kind: 'route.del', host, netns, route: r })
  }
  for (const ep of endpointsOf(ctx, host, c.id)) {
    if (ep.id !== gw?.id && ep.ports.length) revokePorts(ctx, host, ep)
  }
  if (!gw) return ok(undefined)
  const via: Ipv4 | undefined = gw.gateway
  // No gateway address (ipvlan l3): osl SetDefaultRouteIPv4, `default dev eth0 scope link`.
  const route =
    via === undefined
      ? ({ dst: { addr: 0, len: 0 }, dev: gw.containerLink, proto: 'boot', scope: 'link' } as const)
      : ({
          dst: { addr: 0, len: 0 },
          via,
          dev: gw.containerLink,
          proto: 'boot',
          scope: 'global',
        } as const)
  ctx.apply({ kind: 'route.add', host, netns, route })
  const current = getEndpoint(ctx.host(host).daemon, gw.id)
  if (current && current.ports.length === 0) return programPorts(ctx, host, c, current)
  return ok(undefined)
}
