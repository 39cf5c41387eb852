// A container's attachments to networks: validated as Docker does at create and connect
// (daemon/container_operations.go validateEndpointSettings), and `docker network connect` /
// `disconnect`, which join or leave at once when the container runs.

import { err, ok, type Result } from '../../lib/result'
import type { OpContext } from '../model/context'
import type { HostId, NetworkId } from '../model/ids'
import { parseIpv4 } from '../model/ipv4'
import { findContainer, patch } from './container-records'
import { endpointsOf, joinNetwork, leaveNetwork, updateGateway } from './endpoints'
import { dockerErrors, type DockerError } from './errors'
import { findNetwork, primaryPool } from './networks'
import { getContainer } from './queries'
import { writeContainerFiles } from './sandbox-files'
import { learnSwarmNetwork } from './drivers/overlay'
import type { Attachment, Container, NetworkMode } from './types'

export type NetworkRequest = {
  /** Network name or ID as given to `--network` or `docker network connect`. */
  readonly name: string
  readonly aliases: readonly string[]
  readonly ipv4?: string
  readonly links: readonly string[]
  readonly gwPriority: number
}

const maskBits = (len: number): number => (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0)

/** Resolves `--network`/endpoint settings to attachments, validating as Docker does at create. */
export function attachmentsFor(
  ctx: OpContext,
  host: HostId,
  mode: NetworkMode,
  networks: readonly NetworkRequest[],
): Result<Attachment[], DockerError> {
  if (mode.kind === 'host' || mode.kind === 'none' || mode.kind === 'container') return ok([])
  const requests: NetworkRequest[] = networks.length
    ? [...networks]
    : [{ name: 'bridge', aliases: [], links: [], gwPriority: 0 }]
  const out: Attachment[] = []
  for (const r of requests) {
    learnSwarmNetwork(ctx, host, r.name)
    const net = findNetwork(ctx.host(host), r.name)
    const isDefault = r.name === 'bridge' || net?.name === 'bridge'
    if (r.ipv4 !== undefined) {
      const wrap = (e: DockerError): DockerError => dockerErrors.invalidEndpointSettings(r.name, e)
      if (isDefault) return err(wrap(dockerErrors.ipOnDefaultNetwork()))
      if (net) {
        const pool = primaryPool(net)
        const ip = parseIpv4(r.ipv4)
        if (!pool?.userSubnet) return err(wrap(dockerErrors.ipWithoutSubnet()))
        if (
          ip === undefined ||
          !net.pools.some((p) => (ip & maskBits(p.subnet.len)) >>> 0 === p.subnet.addr)
        ) {
          return err(wrap(dockerErrors.noSubnetForIp(ip ?? 0)))
        }
      }
    }
    if (isDefault && r.aliases.length) return err(dockerErrors.aliasOnDefaultNetwork())
    const ip = r.ipv4 === undefined ? undefined : parseIpv4(r.ipv4)
    // An unknown network is only an error at start ("failed to set up container networking").
    out.push({
      network: (net?.id ?? r.name) as NetworkId,
      aliases: r.aliases,
      ...(ip === undefined ? {} : { ipv4: ip }),
      links: r.links,
      gwPriority: r.gwPriority,
    })
  }
  return ok(out)
}

/** `docker network connect`: kept as an attachment, joined now when the container runs. */
export function connectContainer(
  ctx: OpContext,
  host: HostId,
  netRef: string,
  ref: string,
  req: Omit<NetworkRequest, 'name'>,
): Result<Container, DockerError> {
  learnSwarmNetwork(ctx, host, netRef)
  const net = findNetwork(ctx.host(host), netRef)
  if (!net) return err(dockerErrors.networkNotFound(netRef))
  if (net.overlay && net.scope === 'swarm' && !net.attachable && !net.ingress)
    return err(dockerErrors.notAttachable(netRef))
  const found = findContainer(ctx, host, ref)
  if (!found.ok) return found
  let c = found.value
  if (c.networkMode.kind === 'host' || c.networkMode.kind === 'container') {
    return err(net.driver === 'host' ? dockerErrors.connectToHost() : dockerErrors.sharedNetns())
  }
  if (net.driver === 'host') return err(dockerErrors.connectToHost())
  if (net.driver === 'null' || c.networkMode.kind === 'none')
    return err(dockerErrors.noneAndOthers())
  if (c.attachments.some((a) => a.network === net.id))
    return err(dockerErrors.endpointExists(c.name, net.name))
  const checked = attachmentsFor(ctx, host, { kind: 'network', name: net.name }, [
    { ...req, name: net.id },
  ])
  if (!checked.ok) return err(fixNetworkName(checked.error, net.id, net.name))
  const attachment = checked.value[0]
  if (!attachment) return ok(c)
  c = patch(ctx, host, c.id, { attachments: [...c.attachments, attachment] })
  if (c.status === 'running' && c.sandbox) {
    const ep = joinNetwork(ctx, host, c, c.sandbox.netns, attachment)
    if (!ep.ok) return ep
    const gw = updateGateway(ctx, host, c, c.sandbox.netns)
    if (!gw.ok) return gw
    writeContainerFiles(ctx, host, c.id)
  }
  return ok(getContainer(ctx.host(host).daemon, c.id) ?? c)
}

function fixNetworkName(e: DockerError, id: string, name: string): DockerError {
  return { ...e, message: e.message.replace(`network ${id}:`, `network ${name}:`) }
}

export function disconnectContainer(
  ctx: OpContext,
  host: HostId,
  netRef: string,
  ref: string,
  force: boolean,
): Result<Container, DockerError> {
  const net = findNetwork(ctx.host(host), netRef)
  if (!net) return err(dockerErrors.networkNotFound(netRef))
  const found = findContainer(ctx, host, ref)
  if (!found.ok) return found
  let c = found.value
  if (c.networkMode.kind === 'host' && net.driver === 'host')
    return err(dockerErrors.disconnectFromHost())
  if (!c.attachments.some((a) => a.network === net.id)) {
    if (force) return ok(c)
    return err(dockerErrors.notConnected(c.id, net.name))
  }
  c = patch(ctx, host, c.id, { attachments: c.attachments.filter((a) => a.network !== net.id) })
  if (c.sandbox) {
    const ep = endpointsOf(ctx, host, c.id).find((e) => e.network === net.id)
    if (ep) leaveNetwork(ctx, host, ep, c.sandbox.netns)
    const gw = updateGateway(ctx, host, c, c.sandbox.netns)
    if (!gw.ok) return gw
    writeContainerFiles(ctx, host, c.id)
  }
  return ok(getContainer(ctx.host(host).daemon, c.id) ?? c)
}
