// Reading the daemon's records: containers, endpoints and names are persistent tables
// (lib/table.ts), so every reader goes through these functions.

import { tableFind, tableGet, tableValues } from '../../lib/table'
import type { Container, ContainerId, Daemon, Endpoint, EndpointId, Network } from './types'
import type { NetworkId } from '../model/ids'

export function getContainer(d: Daemon | undefined, id: ContainerId): Container | undefined {
  return d && tableGet(d.containers, id)
}

export function allContainers(d: Daemon | undefined): Container[] {
  return d ? tableValues(d.containers) : []
}

export function getNetwork(d: Daemon | undefined, id: string): Network | undefined {
  return d && tableGet(d.networks, id)
}

/** Every network, in creation order. */
export function allNetworks(d: Daemon | undefined): Network[] {
  return d ? d.networkOrder.flatMap((id: NetworkId) => tableGet(d.networks, id) ?? []) : []
}

/** The network of that exact name (names are unique on a host). */
export function networkByName(d: Daemon, name: string): Network | undefined {
  const id = tableGet(d.networkNames, name)
  return id === undefined ? undefined : tableGet(d.networks, id)
}

export function getEndpoint(d: Daemon | undefined, id: EndpointId): Endpoint | undefined {
  return d && tableGet(d.endpoints, id)
}

export function allEndpoints(d: Daemon | undefined): Endpoint[] {
  return d ? tableValues(d.endpoints) : []
}

/** The container a name refers to (without Docker's leading `/`). */
export function containerByName(d: Daemon, name: string): Container | undefined {
  const id = tableGet(d.names, name.replace(/^\//, ''))
  return id === undefined ? undefined : getContainer(d, id)
}

export type ContainerLookup =
  | { readonly kind: 'found'; readonly container: Container }
  | { readonly kind: 'ambiguous' }
  | { readonly kind: 'missing' }

/** GetContainer: full ID, exact name, then unique ID prefix (container/view.go). */
export function lookupContainer(d: Daemon, ref: string): ContainerLookup {
  const direct = getContainer(d, ref) ?? containerByName(d, ref)
  if (direct) return { kind: 'found', container: direct }
  if (ref === '') return { kind: 'missing' }
  const byPrefix = allContainers(d).filter((c) => c.id.startsWith(ref))
  if (byPrefix.length > 1) return { kind: 'ambiguous' }
  return byPrefix[0] ? { kind: 'found', container: byPrefix[0] } : { kind: 'missing' }
}

/** The running container whose main process this is. */
export function containerByPid(d: Daemon, pid: number): Container | undefined {
  return tableFind(d.containers, (c) => c.pid === pid)
}

/** The endpoints a container has while running, one per attached network. */
export function endpointsOfContainer(d: Daemon, c: Container): Endpoint[] {
  return Object.values(c.endpoints).flatMap((id) => getEndpoint(d, id) ?? [])
}
