// A drop on the diagram → the docker command it stands for (run, and echoed, in the terminal).

import type { Snapshot } from '../../../engine'
import type { DropAction } from '../../graph/graph-adapter'

/** The command and the host whose daemon must run it (networks are local to a daemon). */
export type HostCommand = { readonly line: string; readonly host?: string }

export function dropCommand(snapshot: Snapshot | null, action: DropAction): HostCommand | null {
  const c = snapshot?.records[action.container]
  const n = snapshot?.records[action.network]
  if (c?.kind !== 'container' || n?.kind !== 'network') return null
  // A container can only join a network of its own host's daemon, or a cluster network (an
  // overlay is one network on every node: the container's daemon attaches it there).
  if (c.host !== n.host && n.scope === 'local') return null
  const h = snapshot?.records[c.host]
  const host = h?.kind === 'host' ? { host: h.hostname } : {}
  if (action.kind === 'connect') {
    if (c.networks.includes(n.name)) return null
    return { line: `docker network connect ${n.name} ${c.name}`, ...host }
  }
  return { line: `docker network disconnect ${n.name} ${c.name}`, ...host }
}
