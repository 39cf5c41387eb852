// Published ports: host port allocation, the docker-proxy processes of the userland proxy and
// the per-port iptables rules. Mirrors moby libnetwork/portallocator (v28.5.2): a given host
// port must be free on that address (0.0.0.0 and :: clash with every address of their family);
// ephemeral ports are handed out serially from ip_local_port_range, continuing after the last
// one given and wrapping around, so a freed port is not reused at once. `-p 8080:80` binds both
// 0.0.0.0 and [::] (drivers/bridge/port_mapping_linux.go); the IPv6 half reaches an IPv4-only
// container through docker-proxy alone.

import { err, ok, type Result } from '../../lib/result'
import { tableHas, tableKeys, type Table } from '../../lib/table'
import type { OpContext } from '../model/context'
import { INIT_NETNS, type HostId } from '../model/ids'
import { formatIpv4, parseIpv4 } from '../model/ipv4'
import { dockerErrors, type DockerError } from './errors'
import { planPortRules } from './iptables/docker-rules'
import { ruleConfig } from './networks'
import type { Container, Endpoint, PortBinding, PortMapping, Proto } from './types'
import { getEndpoint, getNetwork } from './queries'

/** The ephemeral port range Docker reads from ip_local_port_range (32768-60999). */
export const EPHEMERAL_PORTS = { first: 32768, last: 60999 } as const

const key = (proto: Proto, hostIp: string, port: number): string => `${proto}/${hostIp}/${port}`
const isV6 = (ip: string): boolean => ip.includes(':')

/** Whether binding `ip:port` would clash with a binding already made. */
function taken(used: Table<string>, proto: Proto, ip: string, port: number): boolean {
  const any = isV6(ip) ? '::' : '0.0.0.0'
  if (tableHas(used, key(proto, ip, port)) || tableHas(used, key(proto, any, port))) return true
  if (ip !== any) return false
  // An unspecified address clashes with any address of its family on that port.
  const prefix = `${proto}/`
  const suffix = `/${port}`
  return tableKeys(used).some(
    (k) =>
      k.startsWith(prefix) &&
      k.endsWith(suffix) &&
      isV6(k.slice(prefix.length, -suffix.length)) === isV6(ip),
  )
}

/** The bindings a container asks for: `-p` entries, plus every exposed port with `-P`. */
export function requestedBindings(c: Container): PortBinding[] {
  const explicit = [...c.portBindings]
  if (!c.publishAll) return explicit
  for (const spec of c.exposedPorts) {
    const [port, proto] = spec.split('/')
    const containerPort = Number(port)
    const p = (proto ?? 'tcp') as Proto
    if (!explicit.some((b) => b.containerPort === containerPort && b.proto === p)) {
      explicit.push({ proto: p, containerPort, hostIp: '', hostPort: 0, hostPortEnd: 0 })
    }
  }
  return explicit
}

function hostIpsOf(b: PortBinding): string[] {
  return b.hostIp === '' ? ['0.0.0.0', '::'] : [b.hostIp]
}

/** Picks one host port for all addresses of a binding, or Docker's error. */
function allocatePort(ctx: OpContext, host: HostId, b: PortBinding): Result<number, DockerError> {
  const d = ctx.host(host).daemon
  const ips = hostIpsOf(b)
  const free = (port: number): boolean => ips.every((ip) => !taken(d.ports.used, b.proto, ip, port))
  if (b.hostPort !== 0) {
    const last = Math.max(b.hostPortEnd, b.hostPort)
    for (let port = b.hostPort; port <= last; port++) if (free(port)) return ok(port)
    const shown = ips.find((ip) => !isV6(ip)) ?? ips[0] ?? '0.0.0.0'
    return err(dockerErrors.portAllocated(shown, b.hostPort))
  }
  const { first, last } = EPHEMERAL_PORTS
  const size = last - first + 1
  const start = d.ports.lastEphemeral[b.proto]
  for (let i = 1; i <= size; i++) {
    const port = first + ((start - first + i) % size)
    if (free(port)) {
      ctx.setLastEphemeral(host, b.proto, port)
      return ok(port)
    }
  }
  return err(dockerErrors.portAllocated(ips[0] ?? '0.0.0.0', 0))
}

/** Programs the container's published ports on its gateway endpoint. */
export function programPorts(
  ctx: OpContext,
  host: HostId,
  c: Container,
  ep: Endpoint,
): Result<void, DockerError> {
  const net = getNetwork(ctx.host(host).daemon, ep.network)
  if (!net || net.internal || !ep.ipv4) return ok(undefined)
  // macvlan/ipvlan: ProgramExternalConnectivity is a no-op and `-p` only logs "macvlan driver
  // does not support port mappings" (macvlan_endpoint.go CreateEndpoint): no rules, no proxy.
  if (net.lowerDev) return ok(undefined)
  const userlandProxy = ctx.host(host).daemon.config.userlandProxy
  const rules = ruleConfig(net, userlandProxy)
  const mappings: PortMapping[] = []
  for (const b of requestedBindings(c)) {
    const port = allocatePort(ctx, host, b)
    if (!port.ok) return err(dockerErrors.externalConnectivity(c.name, ep.id, port.error))
    for (const hostIp of hostIpsOf(b)) {
      let mapping: PortMapping = {
        proto: b.proto,
        containerPort: b.containerPort,
        hostIp,
        hostPort: port.value,
      }
      if (userlandProxy) {
        const pid = ctx.host(host).kernel.nextPid
        const args = [
          '/usr/bin/docker-proxy',
          '-proto',
          b.proto,
          '-host-ip',
          hostIp,
          '-host-port',
          String(port.value),
          '-container-ip',
          formatIpv4(ep.ipv4.addr),
          '-container-port',
          String(b.containerPort),
          '-use-listen-fd',
        ]
        ctx.apply({
          kind: 'proc.start',
          host,
          process: { pid, name: 'docker-proxy', args, netns: INIT_NETNS },
        })
        const family = isV6(hostIp) ? 6 : 4
        if (b.proto === 'tcp' || b.proto === 'udp') {
          ctx.apply({
            kind: 'socket.listen',
            host,
            netns: INIT_NETNS,
            socket: { proto: b.proto, family, local: hostIp, port: port.value, pid },
          })
        }
        mapping = { ...mapping, proxyPid: pid }
      }
      ctx.setPortUsed(host, key(b.proto, hostIp, port.value), c.id)
      if (rules) {
        const ip = isV6(hostIp) ? undefined : parseIpv4(hostIp)
        for (const op of planPortRules(host, rules, ep.ipv4.addr, mapping, ip, true)) ctx.apply(op)
      }
      mappings.push(mapping)
    }
  }
  ctx.set(host, 'endpoints', ep.id, { ...ep, ports: mappings })
  return ok(undefined)
}

export function revokePorts(ctx: OpContext, host: HostId, ep: Endpoint): void {
  const current = getEndpoint(ctx.host(host).daemon, ep.id) ?? ep
  if (current.ports.length === 0) return
  const net = getNetwork(ctx.host(host).daemon, current.network)
  const rules = net && ruleConfig(net, ctx.host(host).daemon.config.userlandProxy)
  for (const m of current.ports) {
    if (rules && current.ipv4) {
      const ip = isV6(m.hostIp) ? undefined : parseIpv4(m.hostIp)
      for (const op of planPortRules(host, rules, current.ipv4.addr, m, ip, false)) ctx.apply(op)
    }
    if (m.proxyPid !== undefined) ctx.apply({ kind: 'proc.stop', host, pid: m.proxyPid })
    ctx.setPortUsed(host, key(m.proto, m.hostIp, m.hostPort), undefined)
  }
  ctx.set(host, 'endpoints', current.id, { ...current, ports: [] })
}
