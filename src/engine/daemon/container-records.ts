// A host's container records: lookup as the daemon does it, and writes that merge into the
// record as it is now (other steps of the same command may have changed it).

import { assert } from '../../lib/assert'
import { err, ok, type Result } from '../../lib/result'
import type { OpContext } from '../model/context'
import { INIT_NETNS, type HostId, type NetnsId } from '../model/ids'
import { dockerErrors, type DockerError } from './errors'
import { getContainer, lookupContainer } from './queries'
import type { Container, Daemon } from './types'

/** `^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$` (daemon/names.go validContainerNamePattern). */
export const VALID_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/

/** GetContainer: full ID, exact name, then unique ID prefix (container/view.go). */
export function findContainer(
  ctx: OpContext,
  host: HostId,
  ref: string,
): Result<Container, DockerError> {
  const found = lookupContainer(ctx.host(host).daemon, ref)
  if (found.kind === 'ambiguous') return err(dockerErrors.ambiguousContainer(ref))
  return found.kind === 'found' ? ok(found.container) : err(dockerErrors.noSuchContainer(ref))
}

export function put(ctx: OpContext, host: HostId, c: Container): Container {
  return ctx.setContainer(host, c)
}

/** Merges changes into the container as it is now (other steps of the command may have changed it). */
export function patch(
  ctx: OpContext,
  host: HostId,
  id: string,
  changes: Partial<Container>,
): Container {
  const current = getContainer(ctx.host(host).daemon, id)
  assert(current, `no container ${id}`)
  return ctx.setContainer(host, { ...current, ...changes })
}

/** The namespace a running container's processes see (the host's, its own, or another's). */
export function containerNetns(d: Daemon, c: Container): NetnsId | undefined {
  if (c.status !== 'running' && c.status !== 'paused') return undefined
  switch (c.networkMode.kind) {
    case 'host':
      return INIT_NETNS
    case 'container': {
      const ref = c.networkMode.container
      const found = lookupContainer(d, ref)
      const other = found.kind === 'found' ? found.container : undefined
      return other && other.id !== c.id ? containerNetns(d, other) : undefined
    }
    default:
      return c.sandbox?.netns
  }
}
