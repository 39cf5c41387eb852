// docker_gwbridge: the bridge network that gives containers on overlay networks a way out
// (moby libnetwork/default_gateway.go, v28.5.2). It is an ordinary bridge network made on demand
// (icc off, masquerade on), so it takes the next free local pool (172.18.0.0/16 on a host that
// only has docker0). A container whose networks give it no default gateway gets an extra
// endpoint `gateway_<id12>` on it (setupDefaultGW) and its default route there; the endpoint
// goes again once another network provides a gateway (clearDefaultGW).

import { ok, type Result } from '../../../lib/result'
import type { OpContext } from '../../model/context'
import type { HostId, NetnsId } from '../../model/ids'
import type { DockerError } from '../errors'
import { BRIDGE_OPT, createNetwork } from '../networks'
import { endpointsOfContainer, getContainer, getNetwork, networkByName } from '../queries'
import type { Container, Endpoint, Network } from '../types'

export const GWBRIDGE = 'docker_gwbridge'

/** The host's docker_gwbridge network, made if it does not exist yet. */
export function ensureGwbridge(ctx: OpContext, host: HostId): Result<Network, DockerError> {
  const existing = networkByName(ctx.host(host).daemon, GWBRIDGE)
  if (existing) return ok(existing)
  return createNetwork(ctx, host, {
    name: GWBRIDGE,
    driver: 'bridge',
    ipam: [],
    internal: false,
    attachable: false,
    options: {
      [BRIDGE_OPT.icc]: 'false',
      [BRIDGE_OPT.masquerade]: 'true',
      [BRIDGE_OPT.name]: GWBRIDGE,
    },
    labels: {},
  })
}

/**
 * sandbox.needDefaultGW: an endpoint on a network without external connectivity (overlay) and
 * none that gives a gateway.
 */
function needsDefaultGw(ctx: OpContext, host: HostId, eps: readonly Endpoint[]): boolean {
  const d = ctx.host(host).daemon
  const own = eps.filter((ep) => ep.role !== 'gateway')
  const onOverlay = own.some((ep) => {
    const n = getNetwork(d, ep.network)
    return n?.overlay !== undefined && !n.internal
  })
  // An ipvlan l3 endpoint's `default dev eth0` is a way out too.
  return onOverlay && !own.some((ep) => ep.gateway !== undefined || ep.connectedDefault === true)
}

/**
 * Adds or removes the container's docker_gwbridge endpoint as its networks now require.
 * `join`/`leave` are endpoints.ts's, passed in to keep the modules acyclic.
 */
export function settleDefaultGw(
  ctx: OpContext,
  host: HostId,
  c: Container,
  netns: NetnsId,
  join: (netns: NetnsId, net: Network) => Result<Endpoint, DockerError>,
  leave: (ep: Endpoint) => void,
): Result<void, DockerError> {
  const current = getContainer(ctx.host(host).daemon, c.id) ?? c
  const eps = endpointsOfContainer(ctx.host(host).daemon, current)
  const gwEp = eps.find((ep) => ep.role === 'gateway')
  const need = needsDefaultGw(ctx, host, eps)
  if (need && !gwEp) {
    const gwbridge = ensureGwbridge(ctx, host)
    if (!gwbridge.ok) return gwbridge
    const ep = join(netns, gwbridge.value)
    if (!ep.ok) return ep
  } else if (!need && gwEp) leave(gwEp)
  return ok(undefined)
}
