// The macvlan and ipvlan drivers (moby v28.5.2 libnetwork/drivers/macvlan, drivers/ipvlan): a
// network is a parent interface on the host (an 802.1Q sub-interface Docker creates when the
// parent is `eth0.10`, a dummy when none is given: lower-parent.ts); each endpoint is a child
// device created on the parent in the host namespace and moved into the container, on the
// physical LAN with its own MAC (macvlan) or the parent's (ipvlan). No bridge, no iptables, no
// published ports: the driver only plumbs the child.

import { err, ok, type Result } from '../../../lib/result'
import type { OpContext } from '../../model/context'
import { INIT_NETNS, type HostId, type NetnsId, type NetworkId } from '../../model/ids'
import { broadcastOf, contains, type Ipv4 } from '../../model/ipv4'
import { allNetns, getNetns, linksOf } from '../../kernel/queries'
import { lowerOf } from '../../kernel/links'
import type { Link, LinkInfo } from '../../kernel/types'
import { startResolver } from '../dns/resolver'
import { dockerErrors, type DockerError } from '../errors'
import { releaseAddress, requestAddress, type PoolRequest } from '../ipam/allocate'
import { allocatePools, userNetwork, type NetworkCreateRequest } from '../networks'
import { allNetworks } from '../queries'
import type { Attachment, Endpoint, IpamPool, LowerDevState, Network } from '../types'
import {
  deleteParent,
  dummyName,
  ensureParent,
  hostLinkByName,
  type LowerDriver,
} from './lower-parent'

export type { LowerDriver } from './lower-parent'

const MACVLAN_MODES = ['bridge', 'private', 'vepa', 'passthru'] as const
const IPVLAN_MODES = ['l2', 'l3', 'l3s'] as const
const IPVLAN_FLAGS = ['bridge', 'private', 'vepa'] as const

type LowerOptions = {
  /** `-o parent` as given; '' when none (the dummy). */
  readonly parent: string
  readonly mode: string
  readonly flag?: string
  /** `--internal`, or no parent: the driver's own notion, which libnetwork never learns. */
  readonly internal: boolean
}

const isOneOf = <T extends string>(list: readonly T[], v: string): v is T =>
  (list as readonly string[]).includes(v)

/**
 * parseNetworkOptions (macvlan_network.go / ipvlan_network.go), which GetSkipGwAlloc runs
 * before IPAM: the mode (and ipvlan flag), the loopback parent, internal without a parent.
 */
function parseOptions(
  req: NetworkCreateRequest,
  driver: LowerDriver,
): Result<LowerOptions, DockerError> {
  const parent = req.options['parent'] ?? ''
  let mode: string
  let flag: string | undefined
  if (driver === 'macvlan') {
    mode = req.options['macvlan_mode'] || 'bridge'
    if (!isOneOf(MACVLAN_MODES, mode)) return err(dockerErrors.macvlanMode(mode))
  } else {
    mode = req.options['ipvlan_mode'] || 'l2'
    if (!isOneOf(IPVLAN_MODES, mode)) return err(dockerErrors.ipvlanMode(mode))
    flag = req.options['ipvlan_flag'] || 'bridge'
    if (!isOneOf(IPVLAN_FLAGS, flag)) return err(dockerErrors.ipvlanFlag(flag))
  }
  if (parent === 'lo') return err(dockerErrors.loopbackParent(driver))
  const internal = req.internal || parent === ''
  return ok({ parent, mode, ...(flag === undefined ? {} : { flag }), internal })
}

const isL3 = (mode: string): boolean => mode === 'l3' || mode === 'l3s'

/**
 * createNetwork's check against the driver's other networks on the same parent: macvlan shares
 * a parent unless either side is passthru; ipvlan never shares one.
 */
function parentConflict(
  nets: readonly Network[],
  driver: LowerDriver,
  parent: string,
  mode: string,
): DockerError | undefined {
  for (const n of nets) {
    if (n.driver !== driver || n.lowerDev?.parent !== parent) continue
    if (driver === 'ipvlan') return dockerErrors.ipvlanParentInUse(dummyName(driver, n.id), parent)
    if (mode === 'passthru') return dockerErrors.passthruParentInUse(n.id, parent)
    if (n.lowerDev.mode === 'passthru') return dockerErrors.parentInPassthru(n.id, parent)
  }
  return undefined
}

/** `docker network create -d macvlan|ipvlan`: IPAM like a bridge network, then the parent. */
export function createLowerDevNetwork(
  ctx: OpContext,
  host: HostId,
  req: NetworkCreateRequest,
  poolReqs: readonly PoolRequest[],
  driver: LowerDriver,
): Result<Network, DockerError> {
  const opts = parseOptions(req, driver)
  if (!opts.ok) return opts
  const { parent: given, mode, flag, internal } = opts.value
  // GetSkipGwAlloc: an internal network, or an ipvlan l3/l3s one, gets no gateway address.
  const skipGateway = internal || (driver === 'ipvlan' && isL3(mode))
  const pools = allocatePools(ctx, host, poolReqs, !skipGateway)
  if (!pools.ok) return pools
  const id = ctx.randomId() as NetworkId
  const dummy = dummyName(driver, id)
  const parent = given || dummy
  const nets = allNetworks(ctx.host(host).daemon)
  const conflict = parentConflict(nets, driver, parent, mode)
  if (conflict) return err(conflict)
  const found = ensureParent(ctx, host, parent, dummy)
  if (!found.ok) return found
  // macvlan: a parent another macvlan network had made counts as made by this one too, so the
  // last network using it deletes it (createNetwork "Check and mark this network…").
  const inherited =
    driver === 'macvlan' &&
    nets.some((n) => n.driver === driver && n.lowerDev?.parent === parent && n.lowerDev.created)
  const lowerDev: LowerDevState = {
    parent,
    link: found.value.link,
    created: found.value.made || inherited,
    mode,
    ...(flag === undefined ? {} : { flag }),
  }
  // libnetwork only knows `--internal`; a network without parent is internal to the driver.
  const net: Network = { ...userNetwork(ctx, host, id, driver, req, pools.value), lowerDev }
  ctx.setNetwork(host, net)
  return ok(net)
}

/**
 * DeleteNetwork: the sub-interface or dummy the driver made goes, macvlan's only with the last
 * macvlan network on that parent (parentHasSingleUser); ipvlan's always (one network per parent).
 */
export function removeLowerDevNetwork(ctx: OpContext, host: HostId, net: Network): void {
  const lower = net.lowerDev
  if (!lower?.created) return
  const driver = net.driver === 'ipvlan' ? 'ipvlan' : 'macvlan'
  const shared = allNetworks(ctx.host(host).daemon).some(
    (n) => n.id !== net.id && n.driver === driver && n.lowerDev?.parent === lower.parent,
  )
  if (driver === 'macvlan' && shared) return
  deleteParent(ctx, host, lower.parent, dummyName(driver, net.id))
}

/** The driver's view of internal: `--internal`, or no parent (the network's own dummy). */
function driverInternal(net: Network, driver: LowerDriver): boolean {
  return net.internal || net.lowerDev?.parent === dummyName(driver, net.id)
}

/**
 * Endpoint.assignAddress: a static `--ip` from the pool that contains it, else the first pool
 * with a free address.
 */
function assignAddress(
  pools: readonly IpamPool[],
  wanted: Ipv4 | undefined,
): Result<{ pools: IpamPool[]; pool: IpamPool; ip: Ipv4 }, DockerError> {
  const index =
    wanted === undefined
      ? Math.max(
          0,
          pools.findIndex((p) => requestAddress(p).ok),
        )
      : Math.max(
          0,
          pools.findIndex((p) => contains(p.subnet, wanted)),
        )
  const pool = pools[index]
  if (!pool) return err(dockerErrors.noAvailableIps({ addr: 0, len: 0 }))
  const got = requestAddress(pool, wanted)
  if (!got.ok) return got
  const next = pools.map((p, i) => (i === index ? got.value.pool : p))
  return ok({ pools: next, pool, ip: got.value.ip })
}

/** Every device of the host stacked directly on `parent` (a host-namespace link). */
function childrenOf(ctx: OpContext, host: HostId, parent: Link): Link[] {
  return allNetns(ctx.host(host).kernel).flatMap((ns) =>
    linksOf(ns).filter((l) => {
      const lower = lowerOf(l)
      return lower?.netns === INIT_NETNS && lower.link === parent.id
    }),
  )
}

/**
 * Why the kernel refuses a new child (the netlink errno's text), if it does: a device has one
 * rx_handler, so a bridge port or the other driver's parent is busy (macvlan_port_create,
 * ipvlan_port_create: EBUSY); a passthru macvlan is its parent's only child
 * (macvlan_common_newlink: EINVAL).
 */
function refusal(
  ctx: OpContext,
  host: HostId,
  parent: Link,
  driver: LowerDriver,
  mode: string,
): string | undefined {
  if (parent.master !== undefined) return 'device or resource busy'
  const children = childrenOf(ctx, host, parent)
  const other = driver === 'macvlan' ? 'ipvlan' : 'macvlan'
  if (children.some((l) => l.kind === other)) return 'device or resource busy'
  if (driver !== 'macvlan') return undefined
  const siblings = children.filter((l) => l.kind === 'macvlan')
  const passthru = (i: LinkInfo | undefined) => i?.kind === 'macvlan' && i.mode === 'passthru'
  if (siblings.some((l) => passthru(l.info)) || (mode === 'passthru' && siblings.length > 0))
    return 'invalid argument'
  return undefined
}

/** The lowest `ethN` free in a namespace (osl AddInterface with the `eth` prefix). */
function lowestEth(ctx: OpContext, host: HostId, netns: NetnsId): string {
  const names = new Set(linksOf(getNetns(ctx.host(host).kernel, netns)).map((l) => l.name))
  let i = 0
  while (names.has(`eth${i}`)) i++
  return `eth${i}`
}

function childInfo(driver: LowerDriver, parent: Link, lower: LowerDevState): LinkInfo {
  const ref = { netns: INIT_NETNS, link: parent.id }
  if (driver === 'macvlan') {
    const mode = isOneOf(MACVLAN_MODES, lower.mode) ? lower.mode : 'bridge'
    return { kind: 'macvlan', lower: ref, mode }
  }
  const mode = isOneOf(IPVLAN_MODES, lower.mode) ? lower.mode : 'l2'
  const flag = lower.flag !== undefined && isOneOf(IPVLAN_FLAGS, lower.flag) ? lower.flag : 'bridge'
  return { kind: 'ipvlan', lower: ref, mode, flag }
}

/**
 * CreateEndpoint + Join (macvlan_endpoint.go, macvlan_joinleave.go, ipvlan_*): an address from
 * IPAM, a random MAC for macvlan (ipvlan has none of its own: inspect shows ""), then the child
 * created on the parent in the host namespace under a `veth` + 7 hex name (GenerateIfaceName),
 * moved into the container and renamed the lowest free `ethN`, addressed and brought up (osl
 * AddInterface). The kernel gives it the parent's MTU, and an ipvlan child the parent's MAC.
 */
export function joinLowerDev(
  ctx: OpContext,
  host: HostId,
  owner: string,
  netns: NetnsId,
  a: Attachment,
  net: Network,
): Result<Endpoint, DockerError> {
  const lower = net.lowerDev
  if (!lower) return err(dockerErrors.networkNotFound(net.name))
  const driver: LowerDriver = net.driver === 'ipvlan' ? 'ipvlan' : 'macvlan'
  const got = assignAddress(net.pools, a.ipv4)
  if (!got.ok) return got
  const id = ctx.randomId()
  const mac = driver === 'macvlan' ? ctx.randomMac() : ''
  const tmpName = `veth${ctx.rng.hex('veth', 7)}`
  const parent = hostLinkByName(ctx, host, lower.parent)
  if (!parent) return err(dockerErrors.lowerParentMissing(lower.parent))
  const refused = refusal(ctx, host, parent, driver, lower.mode)
  if (refused) return err(dockerErrors.lowerPort(driver, refused))
  ctx.setNetwork(host, { ...net, pools: got.value.pools })

  const link = ctx.newLinkId(host)
  ctx.apply({
    kind: 'link.add',
    host,
    netns: INIT_NETNS,
    link,
    spec: {
      name: tmpName,
      kind: driver,
      mac: mac || parent.mac,
      mtu: parent.mtu,
      txqlen: 1000,
      info: childInfo(driver, parent, lower),
    },
  })
  // passthru: the child's MAC is its parent's, so setting it sets the parent's too
  // (macvlan_set_mac_address → dev_set_mac_address on the lower device).
  if (driver === 'macvlan' && lower.mode === 'passthru') {
    ctx.apply({ kind: 'link.set-mac', host, netns: INIT_NETNS, link: parent.id, mac })
  }
  ctx.apply({ kind: 'link.set-netns', host, netns: INIT_NETNS, link, to: netns })
  const ifname = lowestEth(ctx, host, netns)
  ctx.apply({ kind: 'link.rename', host, netns, link, name: ifname })
  const cidr = { addr: got.value.ip, len: got.value.pool.subnet.len }
  const addr = { cidr, brd: broadcastOf(cidr), scope: 'global' } as const
  ctx.apply({ kind: 'addr.add', host, netns, link, addr })
  ctx.apply({ kind: 'link.set-up', host, netns, link, up: true })

  // Join: macvlan and ipvlan l2 set the subnet's gateway; ipvlan l3/l3s a connected default
  // route instead; neither on a network internal to the driver (DisableGatewayService).
  const internal = driverInternal(net, driver)
  const l3 = driver === 'ipvlan' && isL3(lower.mode)
  const gateway = got.value.pool.gateway
  const ep: Endpoint = {
    id,
    network: net.id,
    container: owner,
    ifname,
    mac,
    ipv4: cidr,
    ...(internal || l3 || gateway === undefined ? {} : { gateway }),
    ...(!internal && l3 ? { connectedDefault: true as const } : {}),
    hostLink: link,
    containerLink: link,
    ports: [],
  }
  ctx.set(host, 'endpoints', id, ep)
  startResolver(ctx, host, netns)
  return ok(ep)
}

/**
 * The driver's part of leaving: the address back to IPAM (the child device itself is deleted
 * with the endpoint by endpoints.ts leaveNetwork; Leave itself does nothing).
 */
export function leaveLowerDev(ctx: OpContext, host: HostId, ep: Endpoint, net: Network): void {
  const ip = ep.ipv4?.addr
  if (ip === undefined) return
  ctx.setNetwork(host, { ...net, pools: net.pools.map((p) => releaseAddress(p, ip)) })
}
