// The embedded DNS server's data plane in a container's namespace, as libnetwork sets it up on
// the sandbox's first endpoint on a user-defined network (libnetwork/resolver_unix.go
// setupIPTable, v28.5.2): dockerd listens on 127.0.0.11 at two ports the kernel picks, and nat
// rules in the container redirect port 53 there (DOCKER_OUTPUT) and rewrite the answers' source
// back to :53 (DOCKER_POSTROUTING). `ss -lnu` in the container shows those sockets, and the
// packet tracer walks a lookup through them like any other packet.

import type { OpContext } from '../../model/context'
import type { HostId, NetnsId } from '../../model/ids'
import { parseIpv4, type Ipv4 } from '../../model/ipv4'
import { getNetns } from '../../kernel/queries'
import type { Match } from '../../kernel/netfilter/types'

/** dockerd's pid: started at boot, long before the first container (whose pids start at 1021). */
export const DOCKERD_PID = 873

export const DOCKERD_ARGS = [
  '/usr/bin/dockerd',
  '-H',
  'fd://',
  '--containerd=/run/containerd/containerd.sock',
]

const RESOLVER: Ipv4 = parseIpv4('127.0.0.11') ?? 0
const resolver32 = { addr: RESOLVER, len: 32 }

/** Linux's ephemeral range (net.ipv4.ip_local_port_range 32768 60999). */
const EPHEMERAL = { first: 32768, count: 60999 - 32768 + 1 }

/** Starts the resolver in `netns` unless it runs there already. */
export function startResolver(ctx: OpContext, host: HostId, netns: NetnsId): void {
  const ns = getNetns(ctx.host(host).kernel, netns)
  if (!ns || ns.sockets.some((s) => s.pid === DOCKERD_PID && s.local === '127.0.0.11')) return
  const tcpPort = EPHEMERAL.first + ctx.rng.below('port', EPHEMERAL.count)
  let udpPort = EPHEMERAL.first + ctx.rng.below('port', EPHEMERAL.count)
  if (udpPort === tcpPort) udpPort = tcpPort === 60999 ? 32768 : tcpPort + 1
  for (const [proto, port] of [
    ['tcp', tcpPort],
    ['udp', udpPort],
  ] as const) {
    const socket = { proto, family: 4, local: '127.0.0.11', port, pid: DOCKERD_PID } as const
    ctx.apply({ kind: 'socket.listen', host, netns, socket })
  }
  const dst: Match = { kind: 'dst', cidr: resolver32 }
  const src: Match = { kind: 'src', cidr: resolver32 }
  const ports = [
    ['tcp', tcpPort],
    ['udp', udpPort],
  ] as const
  // What the iptables calls of setupIPTable leave, applied at once.
  ctx.apply({
    kind: 'nf.restore',
    host,
    netns,
    table: 'nat',
    chains: [
      {
        name: 'DOCKER_OUTPUT',
        rules: ports.map(([proto, port]) => ({
          matches: [dst, { kind: 'proto', proto }, { kind: 'dport', proto, port: 53 }],
          target: { kind: 'DNAT', addr: RESOLVER, port },
        })),
      },
      {
        name: 'DOCKER_POSTROUTING',
        rules: ports.map(([proto, port]) => ({
          matches: [src, { kind: 'proto', proto }, { kind: 'sport', proto, port }],
          target: { kind: 'SNAT', port: 53 },
        })),
      },
      {
        name: 'OUTPUT',
        rules: [{ matches: [dst], target: { kind: 'jump', chain: 'DOCKER_OUTPUT' } }],
      },
      {
        name: 'POSTROUTING',
        rules: [{ matches: [dst], target: { kind: 'jump', chain: 'DOCKER_POSTROUTING' } }],
      },
    ],
  })
}
