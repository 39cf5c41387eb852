// `docker network inspect`: one network as the daemon returns it (moby v28.5.2
// api/types/network/network.go Inspect, daemon/network.go buildNetworkResource,
// buildIPAMResources, buildEndpointResource). A configured subnet is shown as the user gave it
// (no Gateway key unless --gateway was given); an IPAM-chosen one with the gateway IPAM picked.
// Containers lists the endpoints of running containers only, keyed by container ID.

import { formatCidr, formatIpv4, type Host, type IpamPool, type Network } from '../../engine'
import { omitEmpty, type JsonValue } from './inspect-json'
import { allEndpoints, getContainer } from '../../engine'
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

/** IPAMConfig: Subnet, IPRange, Gateway and AuxiliaryAddresses are all `omitempty`. */
function ipamConfig(pool: IpamPool): JsonObject {
  const gateway = pool.userSubnet ? pool.userGateway : true
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
    const c = getContainer(host.daemon, ep.container)
    out[ep.container] = {
      Name: c?.name ?? '',
      EndpointID: ep.id,
      MacAddress: ep.mac,
      IPv4Address: ep.ipv4 ? formatCidr(ep.ipv4) : '',
      IPv6Address: '',
    }
  }
  return sortedMap(out)
}

/** The object `docker network inspect` prints for one network. */
export function networkInspectJson(host: Host, network: Network): JsonObject {
  return {
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
      Config: network.pools.length ? network.pools.map(ipamConfig) : null,
    },
    Internal: network.internal,
    Attachable: network.attachable,
    Ingress: network.ingress,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: containersOf(host, network),
    Options: sortedMap(network.options),
    Labels: sortedMap(network.labels),
  }
}
