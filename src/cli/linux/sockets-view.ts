// The listening sockets of a namespace as ss and netstat find them (inet_diag dumps and
// /proc/net/{tcp,tcp6,udp,udp6}: IPv4 before IPv6), each with its owner process. The kernel
// model has no backlog or file descriptors, so these follow what the usual owners do.

import { getNetns, getProcess } from '../../engine'
import type { Process, Socket } from '../../engine'
import type { CommandContext } from '../context'

export type SocketRow = {
  readonly socket: Socket
  readonly process?: Process
  /** The listen backlog `ss -l` shows as Send-Q (SOMAXCONN 4096 for Go and most servers). */
  readonly backlog: number
  /** The descriptor number in its owner: docker-proxy gets its listener as fd 3. */
  readonly fd: number
}

const BACKLOG: Readonly<Record<string, number>> = { sshd: 128, nginx: 511, 'nginx: master': 511 }

export function socketRows(ctx: CommandContext): SocketRow[] {
  const kernel = ctx.engine.world.hosts[ctx.host]?.kernel
  const ns = getNetns(kernel, ctx.netns)
  if (!kernel || !ns) return []
  const perPid = new Map<number, number>()
  return ns.sockets.map((socket) => {
    const index = perPid.get(socket.pid) ?? 0
    perPid.set(socket.pid, index + 1)
    const process = getProcess(kernel, socket.pid)
    return {
      socket,
      ...(process ? { process } : {}),
      backlog: socket.proto === 'udp' ? 0 : (BACKLOG[process?.name ?? ''] ?? 4096),
      fd: 3 + index,
    }
  })
}

/** The order the dumps come in: by protocol as asked, IPv4 then IPv6, then kernel order. */
export function ordered(
  rows: readonly SocketRow[],
  protos: readonly ('tcp' | 'udp')[],
): SocketRow[] {
  return protos.flatMap((p) =>
    [4, 6].flatMap((family) =>
      rows.filter((r) => r.socket.proto === p && r.socket.family === family),
    ),
  )
}

/** argv[0]'s base name, which netstat -p shows after the pid. */
export function programName(p: Process): string {
  const argv0 = p.args[0] ?? p.name
  return argv0.slice(argv0.lastIndexOf('/') + 1)
}
