// Docker's embedded DNS server (127.0.0.11), which answers for containers attached to at least
// one user-defined network. Mirrors moby libnetwork/sandbox_dns_unix.go and sandbox.go
// ResolveName (v28.5.2): per network the querier is on, the names of running containers there
// are the container name, its network aliases, the 12-char short ID and the hostname
// (daemon/container_operations.go buildEndpointDNSNames); `name.network` also resolves.
// Several containers with one alias answer with all their addresses.

import type { Ipv4 } from '../../model/ipv4'
import type { Host, World } from '../../model/world'
import { allEndpoints, getContainer, getNetwork } from '../queries'
import type { Container, Network } from '../types'
import { legacyNames } from '../swarm/kv'

/** Whether a container uses the embedded DNS (it is on a user-defined network). */
export function usesEmbeddedDns(host: Host, c: Container): boolean {
  // Docker 1.9 (a cluster-store daemon) had no embedded DNS: /etc/hosts carried the names.
  if (legacyNames(host.daemon.config)) return false
  return c.attachments.some((a) => {
    const n = getNetwork(host.daemon, a.network)
    return n !== undefined && !n.predefined
  })
}

/** The names a container answers to on one network, in Docker's order. */
export function dnsNames(c: Container, net: Network): string[] {
  const a = c.attachments.find((x) => x.network === net.id)
  const names = [c.name, ...(a?.aliases ?? []), c.id.slice(0, 12), c.hostname]
  return [...new Set(names)]
}

export type DnsAnswer =
  | { readonly kind: 'answer'; readonly ips: readonly Ipv4[]; readonly network: Network }
  | { readonly kind: 'nxdomain' }
  /** The container does not use the embedded DNS: the query goes to the host's nameservers. */
  | { readonly kind: 'external' }

/**
 * The embedded DNS answer for `query` from container `from` of `host`. With the `world`, names
 * on a swarm-scope network come from every node (NetworkDB gossips the service records).
 */
export function resolveName(host: Host, from: Container, query: string, world?: World): DnsAnswer {
  if (!usesEmbeddedDns(host, from)) return { kind: 'external' }
  const name = query.replace(/\.$/, '').toLowerCase()
  for (const a of from.attachments) {
    const net = getNetwork(host.daemon, a.network)
    if (!net || net.predefined) continue
    // `--link other:alias` on a user network: an alias only this container sees.
    const linked = a.links.find((l) => (l.split(':')[1] ?? l.split(':')[0])?.toLowerCase() === name)
    const wanted = linked ? (linked.split(':')[0] ?? name).toLowerCase() : name
    const short = wanted.endsWith(`.${net.name.toLowerCase()}`)
      ? wanted.slice(0, -net.name.length - 1)
      : wanted
    const ips: Ipv4[] = []
    const hosts = net.scope === 'swarm' && world ? Object.values(world.hosts) : [host]
    for (const h of hosts) {
      for (const ep of allEndpoints(h.daemon)) {
        if (ep.network !== net.id || !ep.ipv4 || ep.role === 'gateway') continue
        const c = getContainer(h.daemon, ep.container)
        if (c && dnsNames(c, net).some((n) => n.toLowerCase() === short)) ips.push(ep.ipv4.addr)
      }
    }
    if (net.scope === 'swarm' && world) ips.push(...serviceAddresses(world, net.id, short))
    if (ips.length) return { kind: 'answer', ips: ips.sort((x, y) => x - y), network: net }
  }
  return { kind: 'nxdomain' }
}

/**
 * Service records (libnetwork service_common.go addEndpointNameResolution): `NAME` → the
 * service's VIP on the network (every task in dnsrr mode), `tasks.NAME` → every task.
 */
function serviceAddresses(world: World, network: string, name: string): Ipv4[] {
  for (const s of world.swarm?.services ?? []) {
    const tasks = (): Ipv4[] =>
      s.tasks.flatMap((t) => t.addresses.filter((a) => a.network === network).map((a) => a.addr))
    if (name === `tasks.${s.name.toLowerCase()}`) return tasks()
    if (name !== s.name.toLowerCase() || !s.networks.includes(network as never)) continue
    const vip = s.vips.find((v) => v.network === network)
    return vip ? [vip.addr] : tasks()
  }
  return []
}
