// The IPv6 addresses Linux configures on its own (the engine models IPv4 only): `::1` on an up
// loopback and the EUI-64 link-local once a device has carrier (net/ipv6/addrconf.c
// addrconf_dev_config / ipv6_generate_eui64), formatted as RFC 5952 text like inet_ntop.

import type { Link } from '../../engine'
import { carrier, ipv6Enabled, type NetnsView } from './netns-view'

export type Inet6Addr = {
  readonly addr: string
  readonly len: number
  readonly scope: 'host' | 'link'
}

/** `fe80::` + the MAC with the universal/local bit flipped and `ff:fe` in the middle. */
export function eui64LinkLocal(mac: string): string {
  const b = mac.split(':').map((h) => parseInt(h, 16))
  const byte = (i: number): number => b[i] ?? 0
  const groups = [
    0xfe80,
    0,
    0,
    0,
    ((byte(0) ^ 0x02) << 8) | byte(1),
    (byte(2) << 8) | 0xff,
    (0xfe << 8) | byte(3),
    (byte(4) << 8) | byte(5),
  ]
  return formatIpv6(groups)
}

/** Eight 16-bit groups as inet_ntop writes them: the longest run (≥2) of zeros becomes `::`. */
export function formatIpv6(groups: readonly number[]): string {
  let bestAt = -1
  let bestLen = 1
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < groups.length && groups[j] === 0) j++
    if (j - i > bestLen) {
      bestAt = i
      bestLen = j - i
    }
    i = j
  }
  const hex = groups.map((g) => g.toString(16))
  if (bestAt < 0) return hex.join(':')
  return `${hex.slice(0, bestAt).join(':')}::${hex.slice(bestAt + bestLen).join(':')}`
}

export function inet6Addrs(v: NetnsView, link: Link): Inet6Addr[] {
  if (link.kind === 'loopback') return link.up ? [{ addr: '::1', len: 128, scope: 'host' }] : []
  if (!ipv6Enabled(v, link) || !carrier(v, link)) return []
  return [{ addr: eui64LinkLocal(link.mac), len: 64, scope: 'link' }]
}
