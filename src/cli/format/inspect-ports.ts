import { endpointsOfContainer } from '../../engine'
// A container's ports as the daemon reports them (`NetworkSettings.Ports`, the source of
// `docker port` and of the PORTS column): while it runs with its own bridge endpoints, every
// exposed port, with the host bindings programmed on its gateway endpoint (0.0.0.0 and :: for
// `-p 8080:80`) or `null` when unpublished; stopped, host-mode, none-mode and container-mode
// containers have none. Mirrors moby v28.5.2 daemon/network.go getPortMapInfo (reset to nil by
// releaseNetwork on stop) and the docker CLI adding `-p` ports to Config.ExposedPorts.

import type { Container, Host } from '../../engine'

export type PortBindingJson = { readonly HostIp: string; readonly HostPort: string }
export type PortMapJson = Readonly<Record<string, readonly PortBindingJson[] | null>>

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

export const isRunning = (c: Container): boolean =>
  c.status === 'running' || c.status === 'paused' || c.status === 'restarting'

/** Config.ExposedPorts: the image's and `--expose` ports plus every `-p` container port, sorted. */
export function exposedPortKeys(c: Container): string[] {
  const keys = new Set(c.exposedPorts)
  for (const b of c.portBindings) keys.add(`${b.containerPort}/${b.proto}`)
  return [...keys].sort(byteOrder)
}

/** NetworkSettings.Ports of a container, keys sorted as Go encodes a map. */
export function containerPortMap(host: Host, c: Container): PortMapJson {
  const ownBridgeNetworking = c.networkMode.kind === 'default' || c.networkMode.kind === 'network'
  if (!isRunning(c) || !ownBridgeNetworking || c.sandbox === undefined) return {}
  const endpoints = endpointsOfContainer(host.daemon, c)
  if (endpoints.length === 0) return {}
  const bound = new Map<string, PortBindingJson[]>()
  for (const m of endpoints.find((ep) => ep.ports.length > 0)?.ports ?? []) {
    const key = `${m.containerPort}/${m.proto}`
    bound.set(key, [...(bound.get(key) ?? []), { HostIp: m.hostIp, HostPort: String(m.hostPort) }])
  }
  const keys = new Set([...exposedPortKeys(c), ...bound.keys()])
  const out: Record<string, readonly PortBindingJson[] | null> = {}
  for (const k of [...keys].sort(byteOrder)) out[k] = bound.get(k) ?? null
  return out
}
