// Containers on one host: `docker create` (name, image, network mode and attachments validated
// as Docker does at create), rename and pause. Mirrors moby daemon/create.go, names.go,
// rename.go, pause.go. Start and stop are in lifecycle.ts, networks in attachments.ts.

import { err, ok, type Result } from '../../lib/result'
import type { OpContext } from '../model/context'
import type { HostId } from '../model/ids'
import { attachmentsFor, type NetworkRequest } from './attachments'
import { findContainer, put, VALID_NAME } from './container-records'
import { dockerErrors, type DockerError } from './errors'
import { resolveImage } from './images'
import { randomName } from './names'
import { containerByName } from './queries'
import type { Container, NetworkMode, PortBinding } from './types'

export type ContainerCreateRequest = {
  readonly name?: string
  readonly image: string
  /** Arguments after the image (replace the image's Cmd). */
  readonly cmd: readonly string[]
  readonly entrypoint?: readonly string[]
  readonly hostname?: string
  readonly domainname?: string
  readonly env: readonly string[]
  /** `--network`: '' for the default, `bridge`, `host`, `none`, `container:NAME`, or a network. */
  readonly networkMode: string
  /** Every `--network` (first one included) with its endpoint options. */
  readonly networks: readonly NetworkRequest[]
  /** `--link name[:alias]`. */
  readonly links: readonly string[]
  readonly publish: readonly PortBinding[]
  readonly publishAll: boolean
  readonly expose: readonly string[]
  readonly dns: readonly string[]
  readonly dnsSearch: readonly string[]
  readonly dnsOptions: readonly string[]
  readonly addHosts: readonly string[]
  readonly tty: boolean
  readonly openStdin: boolean
  readonly autoRemove: boolean
  readonly labels: Readonly<Record<string, string>>
}

/** A request with Docker's defaults for everything not given (what a bare `docker run` sends). */
export function containerRequest(
  req: Pick<ContainerCreateRequest, 'image' | 'networkMode' | 'networks'> &
    Partial<ContainerCreateRequest>,
): ContainerCreateRequest {
  return {
    cmd: [],
    env: [],
    links: [],
    publish: [],
    publishAll: false,
    expose: [],
    dns: [],
    dnsSearch: [],
    dnsOptions: [],
    addHosts: [],
    tty: false,
    openStdin: false,
    autoRemove: false,
    labels: {},
    ...req,
  }
}

function parseMode(mode: string): NetworkMode {
  if (mode === '' || mode === 'default') return { kind: 'default' }
  if (mode === 'host') return { kind: 'host' }
  if (mode === 'none') return { kind: 'none' }
  if (mode.startsWith('container:'))
    return { kind: 'container', container: mode.slice('container:'.length) }
  return { kind: 'network', name: mode }
}

export function createContainer(
  ctx: OpContext,
  host: HostId,
  req: ContainerCreateRequest,
): Result<Container, DockerError> {
  const h = ctx.host(host)
  if (req.name !== undefined) {
    if (!VALID_NAME.test(req.name)) return err(dockerErrors.invalidName(req.name))
    const name = req.name.replace(/^\//, '')
    const clash = containerByName(h.daemon, name)
    if (clash) return err(dockerErrors.nameConflict(name, clash.id))
  }
  const mode = parseMode(req.networkMode)
  if (mode.kind === 'container' && (req.publish.length || req.publishAll))
    return err(dockerErrors.publishWithContainerNetwork())
  if (mode.kind === 'host' && req.links.length) return err(dockerErrors.hostNetworkAndLinks())
  const attachments = attachmentsFor(ctx, host, mode, req.networks)
  if (!attachments.ok) return attachments
  const image = resolveImage(req.image)
  const id = ctx.randomId()
  const name =
    req.name?.replace(/^\//, '') ??
    randomName(ctx.rng, (n) => containerByName(h.daemon, n) !== undefined, id)
  const legacyLinks: Container['legacyLinks'][number][] = []
  for (const l of req.links) {
    const [target = '', alias] = l.split(':')
    const child = findContainer(ctx, host, target)
    if (!child.ok) return err(dockerErrors.noSuchContainer(target))
    legacyLinks.push({ container: child.value.id, alias: alias ?? child.value.name })
  }
  const c: Container = {
    id,
    name,
    image: req.image,
    imageId: image.id,
    entrypoint: req.entrypoint ?? image.config.Entrypoint ?? [],
    cmd: req.cmd.length ? req.cmd : req.entrypoint ? [] : (image.config.Cmd ?? []),
    created: ctx.now,
    status: 'created',
    exitCode: 0,
    restartCount: 0,
    hostname: mode.kind === 'host' ? h.hostname : (req.hostname ?? id.slice(0, 12)),
    domainname: req.domainname ?? '',
    env: [...image.config.Env, ...req.env],
    tty: req.tty,
    openStdin: req.openStdin,
    autoRemove: req.autoRemove,
    labels: req.labels,
    exposedPorts: [...new Set([...image.config.ExposedPorts, ...req.expose])],
    networkMode: mode,
    portBindings: mode.kind === 'host' ? [] : req.publish,
    publishAll: mode.kind === 'host' ? false : req.publishAll,
    dns: req.dns,
    dnsSearch: req.dnsSearch,
    dnsOptions: req.dnsOptions,
    extraHosts: req.addHosts,
    legacyLinks,
    attachments: attachments.value,
    files: { hosts: '', resolvConf: '', hostname: '' },
    endpoints: {},
    linkEnv: [],
    logs: [],
  }
  return ok(put(ctx, host, c))
}

export function renameContainer(
  ctx: OpContext,
  host: HostId,
  ref: string,
  newName: string,
): Result<Container, DockerError> {
  const found = findContainer(ctx, host, ref)
  if (!found.ok) return found
  if (!VALID_NAME.test(newName)) return err(dockerErrors.invalidName(newName))
  const name = newName.replace(/^\//, '')
  const clash = containerByName(ctx.host(host).daemon, name)
  if (clash) return err(dockerErrors.nameConflict(name, clash.id))
  return ok(put(ctx, host, { ...found.value, name }))
}

export function pauseContainer(
  ctx: OpContext,
  host: HostId,
  ref: string,
  pause: boolean,
): Result<Container, DockerError> {
  const found = findContainer(ctx, host, ref)
  if (!found.ok) return found
  const c = found.value
  if (c.status !== 'running' && c.status !== 'paused') return err(dockerErrors.notRunning(c.id))
  if (pause && c.status === 'paused') return err(dockerErrors.alreadyPaused(c.id))
  if (!pause && c.status === 'running') return err(dockerErrors.notPaused(c.id))
  return ok(put(ctx, host, { ...c, status: pause ? 'paused' : 'running' }))
}
