// IPv4 addresses as unsigned 32-bit integers inside the engine; parsed once at the edge with
// ipaddr.js, formatted back only for output. Trace and IPAM loops work on these integers.

import ipaddr from 'ipaddr.js'

/** An IPv4 address as an unsigned 32-bit integer. */
export type Ipv4 = number

/** An IPv4 prefix: `addr` is the address as written (host bits may be set), `len` 0..32. */
export type Cidr = { readonly addr: Ipv4; readonly len: number }

export function parseIpv4(text: string): Ipv4 | undefined {
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined
  const b = ipaddr.IPv4.parse(text).octets
  return (((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0)) >>> 0
}

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/')
  if (slash < 0) return undefined
  const addr = parseIpv4(text.slice(0, slash))
  const lenText = text.slice(slash + 1)
  if (addr === undefined || !/^\d{1,2}$/.test(lenText)) return undefined
  const len = Number(lenText)
  return len <= 32 ? { addr, len } : undefined
}

export function formatIpv4(ip: Ipv4): string {
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`
}

export function formatCidr(c: Cidr): string {
  return `${formatIpv4(c.addr)}/${c.len}`
}

export function maskOf(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0
}

export function networkOf(c: Cidr): Ipv4 {
  return (c.addr & maskOf(c.len)) >>> 0
}

export function broadcastOf(c: Cidr): Ipv4 {
  return (networkOf(c) | ~maskOf(c.len)) >>> 0
}

export function contains(c: Cidr, ip: Ipv4): boolean {
  return (ip & maskOf(c.len)) >>> 0 === networkOf(c)
}
