// Name resolution as the caller's libc does it (getaddrinfo): /etc/hosts, then the embedded DNS
// of user networks. The lab simulates no other DNS server. Shared by ping, nc, curl and wget.

import {
  accountExchange,
  daemon,
  formatIpv4,
  getContainer,
  parseIpv4,
  traceExchange,
  udpTraffic,
  type Ipv4,
  type Trace,
} from '../../../engine'
import type { CommandContext } from '../../context'
import { readFile } from '../files'

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
  const answer = host && c ? daemon.resolveName(host, c, name) : undefined
  return answer?.kind === 'answer' ? answer.ips.map((ip) => ({ family: 4, ip })) : []
}

/** The first IPv4 address of `name` (what ping and nc, IPv4-only here, connect to). */
export function resolveIpv4(ctx: CommandContext, name: string): Ipv4Addr | undefined {
  return resolve(ctx, name).find((a): a is Ipv4Addr => a.family === 4)
}

const EMBEDDED_DNS: Ipv4 = parseIpv4('127.0.0.11') ?? 0

/**
 * The query libc sends to the embedded DNS for `name`, when it asks it (a container on a user
 * network, a name not in /etc/hosts): traced there and back (the nat rules in the container send
 * it to dockerd's port and the answer back from :53), counted, and returned for the trace
 * player. Nothing for addresses, /etc/hosts names, the host, or the default bridge.
 */
export function dnsQueryTraces(ctx: CommandContext, name: string): Trace[] {
  if (parseIpv4(name) !== undefined || name.includes(':')) return []
  const host = ctx.engine.world.hosts[ctx.host]
  const c = ctx.container === undefined ? undefined : getContainer(host?.daemon, ctx.container)
  if (!host || !c || !daemon.usesEmbeddedDns(host, c)) return []
  const inHosts = (readFile(ctx, '/etc/hosts') ?? '')
    .split('\n')
    .some((line) => line.replace(/#.*/, '').trim().split(/\s+/).slice(1).includes(name))
  if (inHosts) return []
  const world = ctx.engine.world
  const from = { kind: 'container', host: ctx.host, container: c.id } as const
  const ex = traceExchange(world, { from, to: EMBEDDED_DNS, proto: 'udp', dport: 53 })
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
