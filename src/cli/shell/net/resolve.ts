// Name resolution as the caller's libc does it (getaddrinfo): /etc/hosts, then the embedded DNS
// of user networks. The lab simulates no other DNS server. Shared by ping, nc, curl and wget.

import {
  accountExchange,
  daemon,
  formatIpv4,
  getContainer,
  lookupContainer,
  parseIpv4,
  traceExchange,
  udpTraffic,
  type Ipv4,
  type Trace,
} from '../../../engine'
import type { CommandContext } from '../../context'
import { readFile } from '../files'
import { senderOf } from './sender'

/** An address a name resolves to: IPv4, or IPv6 loopback (the only IPv6 the lab answers on). */
export type Addr = { readonly family: 4; readonly ip: Ipv4 } | { readonly family: 6 }
export type Ipv4Addr = Extract<Addr, { family: 4 }>

export const addrText = (a: Addr): string => (a.family === 4 ? formatIpv4(a.ip) : '::1')

/** Every address of `name`, in getaddrinfo's order: /etc/hosts (`::1` sorted first, RFC 6724), then DNS. */
export function resolve(ctx: CommandContext, name: string): Addr[] {
  const v4 = parseIpv4(name)
  if (v4 !== undefined) return [{ family: 4, ip: v4 }]
  if (name === '::1') return [{ family: 6 }]
  const v6: Addr[] = []
  const found: Addr[] = []
  for (const line of (readFile(ctx, '/etc/hosts') ?? '').split('\n')) {
    const [addr = '', ...names] = line.replace(/#.*/, '').trim().split(/\s+/)
    if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) continue
    const ip = parseIpv4(addr)
    if (ip !== undefined) found.push({ family: 4, ip })
    else if (addr === '::1') v6.push({ family: 6 })
  }
  if (found.length + v6.length) return [...v6.slice(0, 1), ...found]
  const host = ctx.engine.world.hosts[ctx.host]
  const c = ctx.container === undefined ? undefined : getContainer(host?.daemon, ctx.container)
  const answer = host && c ? daemon.resolveName(host, c, name, ctx.engine.world) : undefined
  return answer?.kind === 'answer' ? answer.ips.map((ip) => ({ family: 4, ip })) : []
}

/** The first IPv4 address of `name` (what ping and nc, IPv4-only here, connect to). */
export function resolveIpv4(ctx: CommandContext, name: string): Ipv4Addr | undefined {
  return resolve(ctx, name).find((a): a is Ipv4Addr => a.family === 4)
}

/**
 * The query libc sends for `name` when /etc/hosts does not have it: to the first nameserver of
 * /etc/resolv.conf — the embedded DNS (127.0.0.11, through the container's nat rules to
 * dockerd's port and back from :53) on user networks, the host's server on the default bridge
 * and on the host. Traced there and back, counted, and returned for the trace player; nothing
 * for addresses and /etc/hosts names.
 */
export function dnsQueryTraces(ctx: CommandContext, name: string): Trace[] {
  if (parseIpv4(name) !== undefined || name.includes(':')) return []
  const inHosts = (readFile(ctx, '/etc/hosts') ?? '')
    .split('\n')
    .some((line) => line.replace(/#.*/, '').trim().split(/\s+/).slice(1).includes(name))
  if (inHosts) return []
  const server = (readFile(ctx, '/etc/resolv.conf') ?? '')
    .split('\n')
    .map((line) => /^nameserver\s+(\S+)/.exec(line)?.[1])
    .map((text) => (text === undefined ? undefined : parseIpv4(text)))
    .find((ip) => ip !== undefined)
  if (server === undefined) return []
  const world = ctx.engine.world
  const from = senderOf(ctx)
  const ex = traceExchange(
    world,
    { from, to: server, proto: 'udp', dport: 53 },
    // The LAN's server answers (NXDOMAIN for a container's name: it knows none).
    { outside: 'answers' },
  )
  // A query of the name (plus 16 bytes of header and question) and its answer.
  const ops = accountExchange(world, ex, udpTraffic(ex, name.length + 18, name.length + 34))
  if (ops.length) {
    ctx.engine.transact((tx) => {
      for (const op of ops) tx.apply(op)
      return { ok: true, value: undefined }
    })
  }
  return ex.reply ? [ex.request, ex.reply] : [ex.request]
}

/**
 * "Why can't A reach B?" when B's name did not resolve: attached to the lookup's trace. On the
 * default bridge a container's name means nothing to the host's nameserver; elsewhere the name
 * is simply not one Docker knows.
 */
export function unresolvedAdvice(ctx: CommandContext, name: string, traces: Trace[]): Trace[] {
  const [query, ...rest] = traces
  if (!query) return traces
  const host = ctx.engine.world.hosts[ctx.host]
  const me = ctx.container === undefined ? undefined : getContainer(host?.daemon, ctx.container)
  const target = host ? lookupContainer(host.daemon, name) : undefined
  const other = target?.kind === 'found' ? target.container : undefined
  const embedded = host !== undefined && me !== undefined && daemon.usesEmbeddedDns(host, me)
  const advice =
    me && other && !embedded
      ? {
          blocker: `${name} is a container, but ${me.name} is on the default bridge: container names resolve only through Docker's embedded DNS, on user-defined networks, so the query went to the host's nameserver, which has never heard of ${name}.`,
          fix: `Put ${me.name} and ${name} on a user-defined network (or use ${name}'s IP address).`,
          command: `docker network create app && docker network connect app ${me.name} && docker network connect app ${other.name}`,
        }
      : me && other
        ? {
            blocker: `${me.name} and ${name} share no network, so the embedded DNS does not answer ${name} for ${me.name}.`,
            fix: `Connect ${me.name} to one of ${name}'s networks.`,
          }
        : {
            blocker: `No container, network alias or host entry is called ${name}.`,
            fix: 'Check the name (docker ps lists the containers).',
          }
  return [{ ...query, advice }, ...rest]
}
