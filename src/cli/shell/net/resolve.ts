// Name resolution as the caller's libc does it (getaddrinfo): /etc/hosts, then the embedded DNS
// of user networks. The lab simulates no other DNS server. Shared by ping, nc, curl and wget.

import { daemon, formatIpv4, getContainer, parseIpv4, type Ipv4 } from '../../../engine'
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
