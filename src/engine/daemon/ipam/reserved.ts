// Mirrors moby libnetwork/netutils/utils_linux.go InferReservedNetworks (v28.5.2): prefixes a
// predefined pool must not overlap. Only on-link (scope link) IPv4 routes of the host and its
// nameservers count; the default route and routes via a gateway do not (since v23).

import { getNetns } from '../../kernel/queries'
import { INIT_NETNS } from '../../model/ids'
import type { Cidr } from '../../model/ipv4'
import type { Host } from '../../model/world'
import { nameservers } from '../dns/resolv-conf'

export function reservedPrefixes(host: Host): Cidr[] {
  const ns = getNetns(host.kernel, INIT_NETNS)
  const onLink = (ns?.routes ?? []).filter((r) => r.scope === 'link').map((r) => r.dst)
  const dns = nameservers(host.files.resolvConf).map((addr) => ({ addr, len: 32 }))
  return [...onLink, ...dns]
}
