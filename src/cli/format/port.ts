// `docker port CONTAINER [PRIVATE_PORT[/PROTO]]` (docker/cli v28.5.2 cli/command/container/port.go
// runPort): every published binding as `80/tcp -> 0.0.0.0:8080`, or the bindings of one port as
// `0.0.0.0:8080`; lines in natural order, IPv6 hosts in brackets (net.JoinHostPort).

import { naturalCompare } from '../../lib/natural-sort'
import { err, ok, type Result } from '../../lib/result'
import type { PortMapJson } from './inspect-ports'

const joinHostPort = (ip: string, port: string): string =>
  ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`

const lines = (xs: readonly string[]): string =>
  xs.length ? `${[...xs].sort(naturalCompare).join('\n')}\n` : ''

/** strconv.ParseUint(port, 10, 16)'s error, if any. */
function parsePortError(port: string): string | undefined {
  if (!/^\d+$/.test(port)) return `strconv.ParseUint: parsing "${port}": invalid syntax`
  if (Number(port) > 65535) return `strconv.ParseUint: parsing "${port}": value out of range`
  return undefined
}

/** The text `docker port` prints, or its error message (`Error: …`). */
export function formatPort(
  ports: PortMapJson,
  container: string,
  spec?: string,
): Result<string, string> {
  if (spec === undefined) {
    const all = Object.entries(ports).flatMap(([from, frontends]) =>
      (frontends ?? []).map((f) => `${from} -> ${joinHostPort(f.HostIp, f.HostPort)}`),
    )
    return ok(lines(all))
  }
  const slash = spec.indexOf('/')
  const port = slash < 0 ? spec : spec.slice(0, slash)
  const proto = slash < 0 || spec.slice(slash + 1) === '' ? 'tcp' : spec.slice(slash + 1)
  const invalid = parsePortError(port)
  if (invalid) return err(`Error: invalid port (${port}): ${invalid}`)
  const frontends = ports[`${port}/${proto}`]
  if (!frontends?.length) return err(`Error: No public port '${spec}' published for ${container}`)
  return ok(lines(frontends.map((f) => joinHostPort(f.HostIp, f.HostPort))))
}
