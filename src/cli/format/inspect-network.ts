// `docker network inspect`: one network as the daemon returns it (moby v28.5.2
// api/types/network/network.go Inspect, daemon/network.go buildNetworkResource,
// buildIPAMResources, buildEndpointResource). A configured subnet is shown as the user gave it
// (no Gateway key unless --gateway was given); an IPAM-chosen one with the gateway IPAM picked.
// Containers lists the endpoints of running containers only, keyed by container ID.

import {
  allEndpoints,
  formatCidr,
  formatIpv4,
  type Host,
  type IpamPool,
  type Network,
  type World,
} from '../../engine'
import { omitEmpty, type JsonValue } from './inspect-json'
import {
  endpointEntryName,
  hasLocalEndpoints,
  loadBalancerEntry,
  networkPeers,
} from './inspect-swarm-network'
import { nanosFor, rfc3339Nano } from './time'

type JsonObject = { [key: string]: JsonValue | undefined }

/** Go encodes a map with its keys sorted bytewise. */
export function sortedMap<T extends JsonValue>(m: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {}
  for (const k of Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    out[k] = m[k] as T
  }
  return out
}

/**
 * IPAMConfig: Subnet, IPRange, Gateway and AuxiliaryAddresses are all `omitempty`. A swarm
 * network's config is the one swarmkit's allocator filled in, with the gateway it reserved.
 */
function ipamConfig(pool: IpamPool, swarm: boolean): JsonObject {
  const gateway = pool.userSubnet && !swarm ? pool.userGateway : true
  const aux = Object.fromEntries(
    Object.entries(pool.userSubnet ? pool.auxAddresses : {}).map(([k, ip]) => [k, formatIpv4(ip)]),
  )
  // A configured subnet is shown as given; an IPAM-chosen one (IpamInfo) with its gateway.
  return omitEmpty(
    {
      Subnet: formatCidr(pool.subnet),
      IPRange: pool.userSubnet && pool.ipRange ? formatCidr(pool.ipRange) : '',
      Gateway: gateway && pool.gateway !== undefined ? formatIpv4(pool.gateway) : '',
      AuxiliaryAddresses: sortedMap(aux),
    },
    'Subnet',
    'IPRange',
    'Gateway',
    'AuxiliaryAddresses',
  )
}

function containersOf(host: Host, network: Network): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {}
  for (const ep of allEndpoints(host.daemon)) {
    if (ep.network !== network.id) continue
    out[ep.container] = {
      Name: endpointEntryName(host, ep, network),
      EndpointID: ep.id,
      MacAddress: ep.mac,
      IPv4Address: ep.ipv4 ? formatCidr(ep.ipv4) : '',
      IPv6Address: '',
    }
  }
  return sortedMap(out)
}

/**
 * The object `docker network inspect` prints for one network; `world` gives a swarm network its
 * cluster view, load balancer and peers (see inspect-swarm-network.ts).
 */
export function networkInspectJson(host: Host, network: Network, world?: World): JsonObject {
  const swarm = network.scope === 'swarm'
  const local = !swarm || hasLocalEndpoints(host, network)
  const lb = swarm && local && world ? loadBalancerEntry(world, host, network) : {}
  const labels = sortedMap(network.labels)
  const json: JsonObject = {
    Name: network.name,
    Id: network.id,
    Created: rfc3339Nano(network.created, nanosFor(network.id)),
    Scope: network.scope,
    Driver: network.driver,
    EnableIPv4: network.enableIPv4,
    EnableIPv6: network.enableIPv6,
    IPAM: {
      Driver: network.ipamDriver,
      Options: network.ipamOptions === null ? null : sortedMap(network.ipamOptions),
      Config: network.pools.length ? network.pools.map((p) => ipamConfig(p, swarm)) : null,
    },
    Internal: network.internal,
    Attachable: network.attachable,
    Ingress: network.ingress,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: local ? sortedMap({ ...containersOf(host, network), ...lb }) : null,
    Options: sortedMap(network.options),
    Labels: local || Object.keys(labels).length ? labels : null,
  }
  // Peers is `omitempty`: templates still see it (nil) where JSON leaves it out.
  const peers = swarm && local && world ? networkPeers(world, network) : null
  return omitEmpty({ ...json, Peers: peers }, 'Peers')
}
