// The files Docker writes into a container's sandbox: /etc/hosts, /etc/resolv.conf and
// /etc/hostname, regenerated when its networks change (libnetwork sandbox_dns_unix.go).

import { allEndpoints, getContainer, getNetwork, networkByName } from './queries'
import { legacyNames } from './swarm/kv'
import type { Host, World } from '../model/world'
import type { OpContext } from '../model/context'
import type { HostId } from '../model/ids'
import { formatIpv4 } from '../model/ipv4'
import { containerHosts, linkHostsEntry } from './dns/hosts-file'
import { containerResolvConf } from './dns/resolv-conf'
import { usesEmbeddedDns } from './dns/embedded-dns'
import { endpointsOfContainer } from './queries'
import type { Container } from './types'

export function writeContainerFiles(ctx: OpContext, host: HostId, id: string): void {
  const h = ctx.host(host)
  const c = getContainer(h.daemon, id)
  if (!c) return
  let files: Container['files']
  if (c.networkMode.kind === 'host') {
    // Host mode: the host's /etc/hosts as is; resolv.conf regenerated from the host's file.
    files = {
      hosts: h.files.etcHosts,
      resolvConf: containerResolvConf(h.files.resolvConf, 'host', {
        dns: c.dns,
        dnsSearch: c.dnsSearch,
        dnsOptions: c.dnsOptions,
      }),
      hostname: `${h.hostname}\n`,
    }
  } else {
    // Endpoint.getEtcHostsAddrs skips docker_gwbridge (and ingress) endpoints.
    const eps = endpointsOfContainer(h.daemon, c).filter((ep) => ep.role !== 'gateway')
    const addresses = eps.flatMap((ep) => (ep.ipv4 ? [formatIpv4(ep.ipv4.addr)] : []))
    // `host-gateway` stands for the default bridge's gateway (daemon host-gateway-ip).
    const bridge = networkByName(h.daemon, 'bridge')
    const hostGateway = bridge?.pools[0]?.gateway
    const extraHosts = c.extraHosts.map((spec) => {
      const i = spec.indexOf(':')
      const ip = spec.slice(i + 1)
      const resolved =
        ip === 'host-gateway' && hostGateway !== undefined ? formatIpv4(hostGateway) : ip
      return { name: spec.slice(0, i), ip: resolved }
    })
    const links = c.legacyLinks.flatMap((l) => {
      const child = getContainer(h.daemon, l.container)
      const ep = child && endpointsOfContainer(h.daemon, child).find((e) => e.ipv4)
      if (!child || !ep?.ipv4) return []
      return [linkHostsEntry(formatIpv4(ep.ipv4.addr), l.alias, child.hostname, child.name)]
    })
    const mode = usesEmbeddedDns(h, c) ? 'internal' : 'legacy'
    files = {
      hosts: containerHosts({
        hostname: c.hostname,
        ...(c.domainname ? { domainname: c.domainname } : {}),
        addresses,
        extraHosts,
        links,
        ...(legacyNames(h.daemon.config) ? { peers: peerEntries(ctx.world, h, c) } : {}),
        // lo keeps ::1 on IPv4-only networks, so Docker keeps the IPv6 lines (Sandbox.IPv6Enabled).
        ipv6: true,
      }),
      resolvConf: containerResolvConf(h.files.resolvConf, mode, {
        dns: c.dns,
        dnsSearch: c.dnsSearch,
        dnsOptions: c.dnsOptions,
      }),
      hostname: `${c.hostname}\n`,
    }
  }
  ctx.setContainer(host, { ...c, files })
}

/** Docker 1.9's /etc/hosts records of the other containers on `c`'s user networks. */
function peerEntries(world: World, h: Host, c: Container) {
  const entries: { ip: string; name: string }[] = []
  for (const a of c.attachments) {
    const net = getNetwork(h.daemon, a.network)
    if (!net || net.predefined) continue
    const hosts = net.scope === 'local' ? [h] : Object.values(world.hosts)
    for (const other of hosts) {
      for (const ep of allEndpoints(other.daemon)) {
        if (ep.network !== net.id || ep.container === c.id || !ep.ipv4 || ep.role) continue
        const peer = getContainer(other.daemon, ep.container)
        if (!peer) continue
        const ip = formatIpv4(ep.ipv4.addr)
        entries.push({ ip, name: peer.name }, { ip, name: `${peer.name}.${net.name}` })
      }
    }
  }
  return entries
}

/**
 * Docker 1.9 rewrote the /etc/hosts of every container of a network when one joined or left it
 * (across hosts for an overlay): the containers on `network`, other than `except`.
 */
export function refreshNetworkPeers(ctx: OpContext, network: string, except: string): void {
  for (const h of Object.values(ctx.world.hosts)) {
    if (!legacyNames(h.daemon.config)) continue
    const owners = new Set(
      allEndpoints(h.daemon)
        .filter((ep) => ep.network === network && ep.container !== except && !ep.role)
        .map((ep) => ep.container),
    )
    for (const id of owners) writeContainerFiles(ctx, h.id, id)
  }
}
