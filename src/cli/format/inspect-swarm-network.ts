// What `docker network inspect` shows of swarm: the endpoints Docker adds by itself and the two
// shapes of an overlay network. moby v28.5.2 api/server/router/network/network_routes.go
// getNetwork returns the node's own view (daemon/network.go buildNetworkResource) once the
// network is instantiated there (an endpoint on the node), else the cluster's
// (daemon/cluster/convert/network.go BasicNetworkFromGRPC: no Containers, no Peers, Labels
// nil when none). The local view lists the node's load balancer `lb-NAME` (libnetwork
// network.go lbSandboxName / lbEndpointName) and the NetworkDB peers (networkdb.go Peers).

import {
  allEndpoints,
  daemon,
  formatIpv4,
  getContainer,
  type Endpoint,
  type Host,
  type Network,
  type World,
} from '../../engine'
import type { JsonValue } from './inspect-json'

/** The name an endpoint has in a network's `Containers` map, and its key there. */
export function endpointEntryName(host: Host, ep: Endpoint, network: Network): string {
  const sandboxOwner = ep.container === daemon.INGRESS_SBOX
  // libnetwork default_gateway.go setupDefaultGW (gwEPlen 12): a containerID of at most 12
  // characters names the endpoint itself (ingress-sbox), else the sandbox ID's first 12.
  if (ep.role === 'gateway') {
    if (sandboxOwner) return `gateway_${daemon.INGRESS_SBOX}`
    const c = getContainer(host.daemon, ep.container)
    return `gateway_${(c?.sandbox?.id ?? ep.container).slice(0, 12)}`
  }
  // network.go ingress: the ingress sandbox's endpoint is `<net>-endpoint` like a load balancer.
  if (sandboxOwner) return `${network.name}-endpoint`
  return getContainer(host.daemon, ep.container)?.name ?? ''
}

/** Whether the node has instantiated the network (any endpoint of its own on it). */
export function hasLocalEndpoints(host: Host, network: Network): boolean {
  return allEndpoints(host.daemon).some((ep) => ep.network === network.id)
}

/**
 * A stable 64-hex endpoint ID for the load balancer's endpoint, which the engine keeps only as
 * an address: FNV-1a rounds over `seed`, like the fractions of the timestamps (time.ts).
 */
function derivedHex(seed: string): string {
  let out = ''
  for (let round = 0; out.length < 64; round++) {
    let h = 0x811c9dc5 ^ round
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193)
    out += (h >>> 0).toString(16).padStart(8, '0')
  }
  return out.slice(0, 64)
}

/** The `lb-NAME` entry: the node's load-balancer address on the network, MAC 02:42 + its IPv4. */
export function loadBalancerEntry(
  world: World,
  host: Host,
  network: Network,
): Record<string, JsonValue> {
  const sn = daemon.clusterNetwork(world, network.id)
  const ip = sn?.lb[host.id]
  if (!sn || ip === undefined) return {}
  return {
    [`lb-${network.name}`]: {
      Name: `${network.name}-endpoint`,
      EndpointID: derivedHex(`${network.id}/${host.id}/lb`),
      MacAddress: daemon.macFromIp(ip),
      IPv4Address: `${formatIpv4(ip)}/${sn.pool.subnet.len}`,
      IPv6Address: '',
    },
  }
}

/** NetworkDB's peers of the network: every node with an endpoint on it, in join order. */
export function networkPeers(world: World, network: Network): JsonValue[] {
  return (world.swarm?.nodes ?? []).flatMap((n) => {
    const h = world.hosts[n.host]
    if (!h || !hasLocalEndpoints(h, network)) return []
    return [{ Name: n.peerName, IP: formatIpv4(n.addr) }]
  })
}
