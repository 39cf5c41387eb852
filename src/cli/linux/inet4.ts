// A device's IPv4 addresses in the order the kernel lists them: primaries, then secondaries (an
// address inside a prefix the device already has). Mirrors Linux net/ipv4/devinet.c
// __inet_insert_ifa, which appends secondaries after every primary.

import { networkOf, type IfAddr, type Link } from '../../engine'

export type Inet4Addr = IfAddr & { readonly secondary: boolean }

export function inet4Addrs(link: Link): Inet4Addr[] {
  const primaries: Inet4Addr[] = []
  const secondaries: Inet4Addr[] = []
  for (const a of link.addrs) {
    const net = networkOf(a.cidr)
    const sameNet = primaries.some((p) => p.cidr.len === a.cidr.len && networkOf(p.cidr) === net)
    if (sameNet) secondaries.push({ ...a, secondary: true })
    else primaries.push({ ...a, secondary: false })
  }
  return [...primaries, ...secondaries]
}
