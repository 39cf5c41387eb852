// The overlay driver's data plane on one host (moby libnetwork/drivers/overlay, v28.5.2):
// per network a sandbox namespace `1-<id10>` holding `br0` (with the subnet's gateway address)
// and a VXLAN device (created in the host namespace as `vx-<vni hex6>-<id5>`, moved into the
// sandbox as `vxlan0`, enslaved to br0); per local container a veth whose sandbox end is a port
// of br0 and whose other end is the container's `ethN` (MTU 1450, MAC 02:42 + its IPv4). The
// other nodes' containers are programmed statically from NetworkDB (peerdb.go peerAdd): a
// PERMANENT neighbour entry on vxlan0 (the device answers ARP for them: `proxy`) and an FDB
// entry sending their MAC to the node's address. Addresses come from the cluster's pool.

import { err, ok, type Result } from '../../../lib/result'
import type { OpContext } from '../../model/context'
import { INIT_NETNS, type HostId, type NetnsId, type NetworkId } from '../../model/ids'
import { broadcastOf, type Ipv4 } from '../../model/ipv4'
import { getNetns, linksOf } from '../../kernel/queries'
import { planLoopback } from '../../kernel/plans'
import { dockerErrors, type DockerError } from '../errors'
import { releaseAddress, requestAddress, type PoolRequest } from '../ipam/allocate'
import type { NetworkCreateRequest } from '../networks'
import { allEndpoints, allNetworks, getContainer, getEndpoint, getNetwork } from '../queries'
import { startResolver } from '../dns/resolver'
import type { Attachment, Endpoint, Network } from '../types'
import {
  clusterNetwork,
  createClusterNetwork,
  localRecord,
  nodeOf,
  removeClusterNetwork,
  setClusterNetwork,
} from '../swarm/cluster'
import type { SwarmNetwork } from '../swarm/types'
import { legacyNames } from '../swarm/kv'

/** The VXLAN header and its UDP/IP carriers: 8 + 8 + 20 bytes, plus the inner Ethernet 14. */
export const VXLAN_OVERHEAD = 50
/** IANA's VXLAN port, Docker's default `--data-path-port`. */
export const VXLAN_PORT = 4789
/** ESP in transport mode with AES-GCM: header, IV, padding and ICV (encryption.go). */
const ESP_OVERHEAD = 26

/** MTU of an overlay's devices: the underlay's 1500 less VXLAN, less ESP rounded to 4 if encrypted. */
export function overlayMtu(encrypted: boolean): number {
  const mtu = 1500 - VXLAN_OVERHEAD
  return encrypted ? Math.floor((mtu - ESP_OVERHEAD) / 4) * 4 : mtu
}

/** The overlay network's MAC for an address: 02:42 and the four bytes of the IPv4 (netutils.GenerateMACFromIP). */
export function macFromIp(ip: Ipv4): string {
  const bytes = [0x02, 0x42, ip >>> 24, (ip >>> 16) & 0xff, (ip >>> 8) & 0xff, ip & 0xff]
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':')
}

/** `docker network create -d overlay`: a cluster network, made on a manager. */
export function createOverlayNetwork(
  ctx: OpContext,
  host: HostId,
  req: NetworkCreateRequest,
  pools: readonly PoolRequest[],
): Result<Network, DockerError> {
  const made = createClusterNetwork(ctx, host, req, pools)
  if (!made.ok) return made
  return ok(getNetwork(ctx.host(host).daemon, made.value.id) ?? localRecord(ctx, host, made.value))
}

/**
 * `docker network rm` of an overlay (on a manager): refused while any node has containers on
 * it; then it goes from the cluster and from every node.
 */
export function removeOverlayNetwork(
  ctx: OpContext,
  host: HostId,
  net: Network,
): Result<void, DockerError> {
  const node = nodeOf(ctx.world, host)
  if (node?.role !== 'manager') return err(dockerErrors.removeFromWorker(net.name))
  const own = (ep: Endpoint): boolean => net.ingress && ep.container === 'ingress-sbox'
  for (const h of Object.values(ctx.world.hosts)) {
    const busy = allEndpoints(h.daemon).find((ep) => ep.network === net.id && !own(ep))
    // Another node's container holds the network through its attachment task.
    if (busy && h.id !== host)
      return err(dockerErrors.networkInUseByTask(net.id, ctx.rng.base36('swarm', 25)))
  }
  for (const h of Object.values(ctx.world.hosts)) {
    if (!getNetwork(h.daemon, net.id)) continue
    // ingress_sbox's eth0 goes with the sandbox it is plugged into.
    for (const ep of allEndpoints(h.daemon).filter((e) => e.network === net.id && own(e)))
      ctx.set(h.id, 'endpoints', ep.id, undefined)
    closeOverlaySandbox(ctx, h.id, net.id, true)
  }
  removeClusterNetwork(ctx, net.id)
  return ok(undefined)
}

/**
 * A worker learns a cluster network when a container of its own uses it (the manager hands it
 * the network with the attachment): makes the local record for `ref` if the swarm has one.
 */
export function learnSwarmNetwork(ctx: OpContext, host: HostId, ref: string): void {
  if (!nodeOf(ctx.world, host)) return
  const sn = clusterNetwork(ctx.world, ref)
  if (!sn || getNetwork(ctx.host(host).daemon, sn.id)) return
  const local = allNetworks(ctx.host(host).daemon).find((n) => n.name === ref)
  if (local && local.scope === 'local') return
  ctx.setNetwork(host, localRecord(ctx, host, sn))
}

/** The sandbox `1-<id10>` with br0 and vxlan0, made on the first local endpoint. */
function openSandbox(ctx: OpContext, host: HostId, net: Network, sn: SwarmNetwork) {
  const existing = net.overlay?.sandbox
  if (existing) return existing
  const netns = ctx.newNetnsId(host)
  const path = `/var/run/docker/netns/1-${net.id.slice(0, 10)}`
  ctx.apply({ kind: 'netns.add', host, netns, role: 'sandbox', path })
  for (const op of planLoopback(host, netns, ctx.newLinkId(host))) ctx.apply(op)
  const mtu = overlayMtu(sn.encrypted)
  const bridge = ctx.newLinkId(host)
  ctx.apply({
    kind: 'link.add',
    host,
    netns,
    link: bridge,
    spec: { name: 'br0', kind: 'bridge', mac: ctx.randomMac(), mtu, txqlen: 0, randomMac: true },
  })
  const cidr = { addr: sn.pool.gateway ?? sn.pool.subnet.addr + 1, len: sn.pool.subnet.len }
  ctx.apply({
    kind: 'addr.add',
    host,
    netns,
    link: bridge,
    addr: { cidr, brd: broadcastOf(cidr), scope: 'global' },
  })
  // ov_network.go createVxlan: made in the host namespace, then moved in and renamed.
  const vxlan = ctx.newLinkId(host)
  const name = `vx-${sn.vni.toString(16).padStart(6, '0')}-${net.id.slice(0, 5)}`
  ctx.apply({
    kind: 'link.add',
    host,
    netns: INIT_NETNS,
    link: vxlan,
    spec: {
      name,
      kind: 'vxlan',
      mac: ctx.randomMac(),
      mtu,
      // netlink.Vxlan without TxQLen: Docker's vxlan devices have none (`ip link`: no qlen).
      txqlen: 0,
      info: {
        kind: 'vxlan',
        vni: sn.vni,
        port: VXLAN_PORT,
        underlay: INIT_NETNS,
        proxy: true,
        learning: true,
      },
    },
  })
  ctx.apply({ kind: 'link.set-netns', host, netns: INIT_NETNS, link: vxlan, to: netns })
  ctx.apply({ kind: 'link.rename', host, netns, link: vxlan, name: 'vxlan0' })
  ctx.apply({ kind: 'link.set-master', host, netns, link: vxlan, master: bridge })
  ctx.apply({ kind: 'link.set-up', host, netns, link: vxlan, up: true })
  ctx.apply({ kind: 'link.set-up', host, netns, link: bridge, up: true })
  const sandbox = { netns, bridge, vxlan }
  ctx.setNetwork(host, { ...net, overlay: { vni: sn.vni, encrypted: sn.encrypted, sandbox } })
  // The other nodes' endpoints already on the network.
  for (const peer of remotePeers(ctx, host, net.id)) program(ctx, host, sandbox, peer, true)
  return sandbox
}

type Peer = { readonly ip: Ipv4; readonly mac: string; readonly vtep: Ipv4 }
type Sandbox = NonNullable<NonNullable<Network['overlay']>['sandbox']>

function remotePeers(ctx: OpContext, host: HostId, id: NetworkId): Peer[] {
  const peers: Peer[] = []
  for (const h of Object.values(ctx.world.hosts)) {
    const vtep = nodeOf(ctx.world, h.id)?.addr
    if (h.id === host || vtep === undefined) continue
    for (const ep of allEndpoints(h.daemon)) {
      if (ep.network === id && ep.ipv4) peers.push({ ip: ep.ipv4.addr, mac: ep.mac, vtep })
    }
  }
  return peers
}

/** peerAdd / peerDelete: a remote endpoint's neighbour and FDB entries on vxlan0. */
function program(ctx: OpContext, host: HostId, sb: Sandbox, p: Peer, add: boolean): void {
  const netns = sb.netns
  if (add) {
    ctx.apply({
      kind: 'neigh.set',
      host,
      netns,
      entry: { ip: p.ip, dev: sb.vxlan, mac: p.mac, state: 'PERMANENT' },
    })
    ctx.apply({
      kind: 'fdb.set',
      host,
      netns,
      entry: { bridge: sb.vxlan, port: sb.vxlan, mac: p.mac, permanent: true, dst: p.vtep },
    })
  } else {
    ctx.apply({ kind: 'neigh.del', host, netns, ip: p.ip, dev: sb.vxlan })
    ctx.apply({ kind: 'fdb.del', host, netns, bridge: sb.vxlan, mac: p.mac })
    // What br0 learnt of it goes too (the entries age out; the model drops them at once).
    ctx.apply({ kind: 'fdb.del', host, netns, bridge: sb.bridge, mac: p.mac })
  }
}

/** Tells every other node with a sandbox for the network about an endpoint of `host`. */
function announce(ctx: OpContext, host: HostId, id: NetworkId, ep: Endpoint, add: boolean): void {
  const vtep = nodeOf(ctx.world, host)?.addr
  if (vtep === undefined || !ep.ipv4) return
  const peer = { ip: ep.ipv4.addr, mac: ep.mac, vtep }
  for (const h of Object.values(ctx.world.hosts)) {
    const sb = h.id === host ? undefined : getNetwork(h.daemon, id)?.overlay?.sandbox
    if (sb) program(ctx, h.id, sb, peer, add)
  }
}

/**
 * The lowest `<prefix>N` free in a namespace: the container's `ethN`, and the sandbox's `vethN`
 * (osl AddInterface with the `veth` prefix renames the port it moves into the sandbox).
 */
function lowestFree(ctx: OpContext, host: HostId, netns: NetnsId, prefix: string): string {
  const names = new Set(linksOf(getNetns(ctx.host(host).kernel, netns)).map((l) => l.name))
  let i = 0
  while (names.has(`${prefix}${i}`)) i++
  return `${prefix}${i}`
}

export function joinOverlay(
  ctx: OpContext,
  host: HostId,
  owner: string,
  netns: NetnsId,
  a: Attachment,
  net: Network,
  preallocated = false,
): Result<Endpoint, DockerError> {
  const sn = clusterNetwork(ctx.world, net.id)
  if (!sn || !nodeOf(ctx.world, host)) return err(dockerErrors.networkNotFound(net.name))
  let ip: Ipv4
  if (preallocated && a.ipv4 !== undefined) ip = a.ipv4
  else {
    const got = requestAddress(sn.pool, a.ipv4)
    if (!got.ok) return got
    ip = got.value.ip
    setClusterNetwork(ctx, { ...sn, pool: got.value.pool })
  }
  const sandbox = openSandbox(ctx, host, getNetwork(ctx.host(host).daemon, net.id) ?? net, sn)

  const mtu = overlayMtu(sn.encrypted)
  const mac = macFromIp(ip)
  const hostLink = ctx.newLinkId(host)
  const containerLink = ctx.newLinkId(host)
  const ifname = lowestFree(ctx, host, netns, 'eth')
  ctx.apply({
    kind: 'veth.add',
    host,
    a: {
      netns: sandbox.netns,
      link: hostLink,
      name: lowestFree(ctx, host, sandbox.netns, 'veth'),
      mac: ctx.randomMac(),
      mtu,
    },
    b: { netns, link: containerLink, name: ifname, mac, mtu },
  })
  ctx.apply({
    kind: 'link.set-master',
    host,
    netns: sandbox.netns,
    link: hostLink,
    master: sandbox.bridge,
  })
  ctx.apply({ kind: 'link.set-up', host, netns: sandbox.netns, link: hostLink, up: true })
  const cidr = { addr: ip, len: sn.pool.subnet.len }
  ctx.apply({
    kind: 'addr.add',
    host,
    netns,
    link: containerLink,
    addr: { cidr, brd: broadcastOf(cidr), scope: 'global' },
  })
  ctx.apply({ kind: 'link.set-up', host, netns, link: containerLink, up: true })
  const ep: Endpoint = {
    id: ctx.randomId(),
    network: net.id,
    container: owner,
    ifname,
    mac,
    ipv4: cidr,
    hostLink,
    containerLink,
    hostNetns: sandbox.netns,
    ports: [],
  }
  ctx.set(host, 'endpoints', ep.id, ep)
  announce(ctx, host, net.id, ep, true)
  const lbOwner = owner.startsWith('lb-')
  if (!net.ingress && !lbOwner && !legacyNames(ctx.host(host).daemon.config))
    startResolver(ctx, host, netns)
  // The node's load balancer comes with its first container on the network; a service's tasks
  // get theirs once all of them are allocated (services.ts), as swarmkit orders it.
  const task = getContainer(ctx.host(host).daemon, owner)?.labels[TASK_LABEL] !== undefined
  if (!lbOwner && !task) {
    const lb = openLoadBalancer(ctx, host, net.id)
    if (!lb.ok) return lb
  }
  return ok(ep)
}

export const TASK_LABEL = 'com.docker.swarm.task.id'

/**
 * The node's load-balancer sandbox on an overlay (swarm mode, not ingress): its address taken
 * from the cluster's pool the first time, a namespace `lb_<id9>` with eth0 on the overlay.
 */
export function openLoadBalancer(
  ctx: OpContext,
  host: HostId,
  id: NetworkId,
): Result<void, DockerError> {
  const net = getNetwork(ctx.host(host).daemon, id)
  const sn = clusterNetwork(ctx.world, id)
  if (!net?.overlay || !sn || sn.ingress || ctx.world.swarm?.mode !== 'swarm' || net.overlay.lb)
    return ok(undefined)
  let addr = sn.lb[host]
  if (addr === undefined) {
    const got = requestAddress(sn.pool, undefined)
    if (!got.ok) return got
    addr = got.value.ip
    setClusterNetwork(ctx, { ...sn, pool: got.value.pool, lb: { ...sn.lb, [host]: addr } })
  }
  const netns = ctx.newNetnsId(host)
  const path = `/var/run/docker/netns/lb_${id.slice(0, 9)}`
  ctx.apply({ kind: 'netns.add', host, netns, role: 'sandbox', path })
  for (const op of planLoopback(host, netns, ctx.newLinkId(host))) ctx.apply(op)
  ctx.apply({ kind: 'sysctl.set', host, netns, key: 'net.ipv4.ip_forward', value: '1' })
  const a = { network: id, aliases: [], links: [], gwPriority: 0, ipv4: addr }
  const ep = joinOverlay(ctx, host, `lb-${net.name}`, netns, a, net, true)
  if (!ep.ok) return ep
  const now = getNetwork(ctx.host(host).daemon, id)
  if (now?.overlay)
    ctx.setNetwork(host, {
      ...now,
      overlay: { ...now.overlay, lb: { netns, endpoint: ep.value.id } },
    })
  return ok(undefined)
}

/** The driver's part of leaving: the address back to the cluster, the peers told. */
export function leaveOverlay(ctx: OpContext, host: HostId, ep: Endpoint, net: Network): void {
  const sn = clusterNetwork(ctx.world, net.id)
  if (sn && ep.ipv4) setClusterNetwork(ctx, { ...sn, pool: releaseAddress(sn.pool, ep.ipv4.addr) })
  announce(ctx, host, net.id, ep, false)
}

/**
 * The sandbox goes with the network's last local endpoint (leaveSandbox); a worker then also
 * forgets the network and gives its load-balancer address back. `force`: the network itself
 * goes (removed, or the node left the swarm).
 */
export function closeOverlaySandbox(
  ctx: OpContext,
  host: HostId,
  id: NetworkId,
  force = false,
): void {
  let net = getNetwork(ctx.host(host).daemon, id)
  if (!net?.overlay) return
  const busy = allEndpoints(ctx.host(host).daemon).some(
    (ep) => ep.network === id && ep.id !== net?.overlay?.lb?.endpoint,
  )
  if (!force && busy) return
  // The load balancer goes with the last container (its endpoint, then its namespace).
  const lb = net.overlay.lb
  if (lb) {
    const ep = getEndpoint(ctx.host(host).daemon, lb.endpoint)
    if (ep) {
      leaveOverlay(ctx, host, ep, net)
      ctx.set(host, 'endpoints', ep.id, undefined)
    }
    ctx.apply({ kind: 'netns.del', host, netns: lb.netns })
    const sn = clusterNetwork(ctx.world, id)
    const lbIp = sn?.lb[host]
    if (sn && lbIp !== undefined) {
      const { [host]: _lb, ...rest } = sn.lb
      setClusterNetwork(ctx, { ...sn, pool: releaseAddress(sn.pool, lbIp), lb: rest })
    }
    const { lb: _gone, ...overlay } = net.overlay
    net = { ...net, overlay }
    ctx.setNetwork(host, net)
  }
  const sb = net.overlay?.sandbox
  if (sb) ctx.apply({ kind: 'netns.del', host, netns: sb.netns })
  if (!net.overlay) return
  const { sandbox: _gone, ...overlay } = net.overlay
  const worker = nodeOf(ctx.world, host)?.role !== 'manager'
  if (!force && !(worker && !net.ingress)) return ctx.setNetwork(host, { ...net, overlay })
  const sn = clusterNetwork(ctx.world, id)
  const lbIp = sn?.lb[host]
  if (sn && lbIp !== undefined) {
    const { [host]: _lb, ...lb } = sn.lb
    setClusterNetwork(ctx, { ...sn, pool: releaseAddress(sn.pool, lbIp), lb })
  }
  ctx.set(host, 'networks', id, undefined)
}
