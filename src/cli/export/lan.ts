// The world outside a host, as the replay stands it in: each LAN a bridge in a namespace of its
// own, its router a namespace holding the gateway address. Shared by every host's script, so
// each piece is made only when missing.

import { INIT_NETNS, formatCidr, formatIpv4, getNetns, linksOf, type Segment } from '../../engine'
import type { ExportContext } from './commands'
import { IFNAMSIZ_MAX, lanNs, routerNs, routerOf } from './names'

const exists = (ns: string): string => `[ -e /var/run/netns/${ns} ]`

/** The segments the host's NICs are cabled to, in the world's order. */
export function segmentsOf(c: ExportContext): Segment[] {
  const used = new Set(
    linksOf(getNetns(c.host.kernel, INIT_NETNS)).flatMap((l) =>
      l.kind === 'ether' && l.segment !== undefined ? [l.segment] : [],
    ),
  )
  return Object.values(c.world.segments).filter((s) => used.has(s.id))
}

/** The guarded block making one LAN and its router's leg on it. */
export function lanBlock(prefix: string, s: Segment): string[] {
  const lan = lanNs(prefix, s)
  const rt = routerNs(prefix, s)
  const leg = s.id.slice(0, IFNAMSIZ_MAX)
  const up = `rt-${routerOf(s)}`.slice(0, IFNAMSIZ_MAX)
  const gw = `${formatIpv4(s.gateway)}/${s.subnet.len}`
  return [
    `# the LAN ${s.id} (${formatCidr(s.subnet)}): a bridge in ${lan}; its router ${routerOf(s)} (${formatIpv4(s.gateway)}) in ${rt}`,
    `if ! ${exists(lan)}; then`,
    `  ip netns add ${lan}`,
    `  ip -n ${lan} link set lo up`,
    `  ip -n ${lan} link add br0 type bridge`,
    `  ip -n ${lan} link set br0 up`,
    `  if ! ${exists(rt)}; then`,
    `    ip netns add ${rt}`,
    `    ip -n ${rt} link set lo up`,
    `    ip netns exec ${rt} sysctl -qw net.ipv4.ip_forward=1`,
    // What it has no route for it drops without a word, as the lab's routers do (RFC 1918
    // space is not routed on the Internet; a LAN without an uplink goes nowhere).
    `    ip -n ${rt} route add blackhole default`,
    '  fi',
    `  ip -n ${rt} link add ${leg} type veth peer name ${up} netns ${lan}`,
    `  ip -n ${lan} link set ${up} master br0`,
    `  ip -n ${lan} link set ${up} up`,
    `  ip -n ${rt} addr add ${gw} dev ${leg}`,
    `  ip -n ${rt} link set ${leg} up`,
    'fi',
  ]
}
