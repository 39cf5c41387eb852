// `NetworkSettings` of `docker inspect <container>` (moby v28.5.2 api/types/container
// network_settings.go; daemon/inspect.go ContainerInspect, getDefaultNetworkSettings). One
// `Networks` entry per network the container is configured for, keyed by name; operational data
// (endpoint, addresses, MAC) only while it runs (container_operations.go cleanOperationalData);
// DNSNames once it has joined a user-defined network (updateNetworkConfig,
// buildEndpointDNSNames). The deprecated top-level IPAddress/Gateway/MacAddress… mirror the
// entry of the network named `bridge` only.

import {
  getNetwork,
  getEndpoint,
  daemon,
  formatIpv4,
  type Container,
  type Endpoint,
  type Host,
} from '../../engine'
import type { JsonValue } from './inspect-json'
import { sortedMap } from './inspect-network'
import { containerPortMap } from './inspect-ports'

type JsonObject = { [key: string]: JsonValue | undefined }

type NetworkEntry = {
  readonly IPAMConfig: { readonly IPv4Address: string } | null
  readonly Links: readonly string[] | null
  readonly Aliases: readonly string[] | null
  readonly MacAddress: string
  readonly DriverOpts: null
  readonly GwPriority: number
  readonly NetworkID: string
  readonly EndpointID: string
  readonly Gateway: string
  readonly IPAddress: string
  readonly IPPrefixLen: number
  readonly IPv6Gateway: string
  readonly GlobalIPv6Address: string
  readonly GlobalIPv6PrefixLen: number
  readonly DNSNames: readonly string[] | null
}

const EMPTY_ENTRY: NetworkEntry = {
  IPAMConfig: null,
  Links: null,
  Aliases: null,
  MacAddress: '',
  DriverOpts: null,
  GwPriority: 0,
  NetworkID: '',
  EndpointID: '',
  Gateway: '',
  IPAddress: '',
  IPPrefixLen: 0,
  IPv6Gateway: '',
  GlobalIPv6Address: '',
  GlobalIPv6PrefixLen: 0,
  DNSNames: null,
}

function operational(ep: Endpoint | undefined): Partial<NetworkEntry> {
  if (!ep) return {}
  return {
    MacAddress: ep.mac,
    EndpointID: ep.id,
    Gateway: ep.gateway === undefined ? '' : formatIpv4(ep.gateway),
    IPAddress: ep.ipv4 ? formatIpv4(ep.ipv4.addr) : '',
    IPPrefixLen: ep.ipv4?.len ?? 0,
  }
}

/** NetworkSettings.Networks, keyed by network name (sorted, as Go encodes a map). */
export function networkEntries(host: Host, c: Container): Record<string, NetworkEntry> {
  const started = c.startedAt !== undefined
  const mode = c.networkMode
  if (mode.kind === 'container') return {}
  if (mode.kind === 'host' || mode.kind === 'none') {
    const net = daemon.findNetwork(host, mode.kind)
    return { [mode.kind]: { ...EMPTY_ENTRY, NetworkID: started && net ? net.id : '' } }
  }
  const out: Record<string, NetworkEntry> = {}
  for (const a of c.attachments) {
    const net = getNetwork(host.daemon, a.network) ?? daemon.findNetwork(host, a.network)
    const epId = net ? c.endpoints[net.id] : undefined
    const ep = epId === undefined ? undefined : getEndpoint(host.daemon, epId)
    out[net?.name ?? a.network] = {
      ...EMPTY_ENTRY,
      IPAMConfig: a.ipv4 === undefined ? null : { IPv4Address: formatIpv4(a.ipv4) },
      Links: a.links.length ? a.links : null,
      Aliases: a.aliases.length ? a.aliases : null,
      GwPriority: a.gwPriority,
      NetworkID: started && net ? net.id : '',
      ...operational(ep),
      DNSNames: started && net && !net.predefined ? daemon.dnsNames(c, net) : null,
    }
  }
  return sortedMap(out)
}

/** The NetworkSettings object of a container's inspect output. */
export function networkSettingsJson(host: Host, c: Container): JsonObject {
  const networks = networkEntries(host, c)
  const bridge = networks['bridge'] ?? EMPTY_ENTRY
  return {
    Bridge: '',
    SandboxID: c.sandbox?.id ?? '',
    SandboxKey: c.sandbox?.key ?? '',
    Ports: containerPortMap(host, c),
    HairpinMode: false,
    LinkLocalIPv6Address: '',
    LinkLocalIPv6PrefixLen: 0,
    SecondaryIPAddresses: null,
    SecondaryIPv6Addresses: null,
    EndpointID: bridge.EndpointID,
    Gateway: bridge.Gateway,
    GlobalIPv6Address: bridge.GlobalIPv6Address,
    GlobalIPv6PrefixLen: bridge.GlobalIPv6PrefixLen,
    IPAddress: bridge.IPAddress,
    IPPrefixLen: bridge.IPPrefixLen,
    IPv6Gateway: bridge.IPv6Gateway,
    MacAddress: bridge.MacAddress,
    Networks: networks,
  }
}
