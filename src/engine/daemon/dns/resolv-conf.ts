// Reading the host's /etc/resolv.conf, as libnetwork/internal/resolvconf does.

import { parseIpv4, type Ipv4 } from '../../model/ipv4'

/** IPv4 `nameserver` entries, in file order. */
export function nameservers(resolvConf: string): Ipv4[] {
  const out: Ipv4[] = []
  for (const line of resolvConf.split('\n')) {
    const m = /^\s*nameserver\s+(\S+)/.exec(line)
    const ip = m?.[1] === undefined ? undefined : parseIpv4(m[1])
    if (ip !== undefined) out.push(ip)
  }
  return out
}
