// A drop on the diagram → the docker command it stands for (run, and echoed, in the terminal).

import type { Snapshot } from '../../../engine'
import type { DropAction } from '../../graph/graph-adapter'

export function dropCommand(snapshot: Snapshot | null, action: DropAction): string | null {
  const c = snapshot?.records[action.container]
  const n = snapshot?.records[action.network]
  if (c?.kind !== 'container' || n?.kind !== 'network') return null
  if (action.kind === 'connect') {
    if (c.networks.includes(n.name)) return null
    return `docker network connect ${n.name} ${c.name}`
  }
  return `docker network disconnect ${n.name} ${c.name}`
}
