// Container lifecycle on one host: create, start, stop, remove, rename, pause, and connecting to
// or disconnecting from networks while running. Mirrors moby daemon/create.go, start.go,
// container_operations.go (allocateNetwork, connectToNetwork, disconnectFromNetwork) and
// delete.go: addresses are allocated at start and released at stop; a failed start leaves the
// container Created (the CLI commits create and start as two transactions).

import { getNetns } from '../kernel/queries'
import { assert } from '../../lib/assert'
import { err, ok, type Result } from '../../lib/result'
import type { OpContext } from '../model/context'
import { INIT_NETNS, type HostId, type NetnsId, type NetworkId } from '../model/ids'
import { formatIpv4, parseIpv4 } from '../model/ipv4'
import { dockerErrors, type DockerError } from './errors'
import { endpointsOf, joinNetwork, leaveNetwork, updateGateway } from './endpoints'
import { resolveImage } from './images'
import { randomName } from './names'
import { findNetwork, primaryPool } from './networks'
import { writeContainerFiles } from './sandbox-files'
import type { Attachment, Container, Daemon, NetworkMode, PortBinding } from './types'
import {
  allContainers,
  containerByName,
  endpointsOfContainer,
  getContainer,
  lookupContainer,
} from './queries'

const VALID_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/

export type NetworkRequest = {
  /** Network name or ID as given to `--network` or `docker network connect`. */
  readonly name: string
  readonly aliases: readonly string[]
  readonly ipv4?: string
  readonly links: readonly string[]
  readonly gwPriority: number
}

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

function put(ctx: OpContext, host: HostId, c: Container): Container {
  return ctx.setContainer(host, c)
}

/** Merges changes into the container as it is now (other steps of the command may have changed it). */
function patch(ctx: OpContext, host: HostId, id: string, changes: Partial<Container>): Container {
  const current = getContainer(ctx.host(host).daemon, id)
  assert(current, `no container ${id}`)
  return ctx.setContainer(host, { ...current, ...changes })
}

function parseMode(mode: string): NetworkMode {
  if (mode === '' || mode === 'default') return { kind: 'default' }
  if (mode === 'host') return { kind: 'host' }
  if (mode === 'none') return { kind: 'none' }
  if (mode.startsWith('container:'))
    return { kind: 'container', container: mode.slice('container:'.length) }
  return { kind: 'network', name: mode }
}

/** Resolves `--network`/endpoint settings to attachments, validating as Docker does at create. */
function attachmentsFor(
  ctx: OpContext,
  host: HostId,
  mode: NetworkMode,
  networks: readonly NetworkRequest[],
): Result<Attachment[], DockerError> {
  if (mode.kind === 'host' || mode.kind === 'none' || mode.kind === 'container') return ok([])
  const h = ctx.host(host)
  const requests: NetworkRequest[] = networks.length
    ? [...networks]
    : [{ name: 'bridge', aliases: [], links: [], gwPriority: 0 }]
  const out: Attachment[] = []
  for (const r of requests) {
    const net = findNetwork(h, r.name)
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

const maskBits = (len: number): number => (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0)

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

function createSandbox(ctx: OpContext, host: HostId): { id: string; netns: NetnsId; key: string } {
  const id = ctx.randomId()
  const netns = ctx.newNetnsId(host)
  const key = `/var/run/docker/netns/${id.slice(0, 12)}`
  ctx.apply({ kind: 'netns.add', host, netns, role: 'container', path: key })
  const lo = ctx.newLinkId(host)
  const spec = {
    name: 'lo',
    kind: 'loopback',
    mac: '00:00:00:00:00:00',
    mtu: 65536,
    txqlen: 1000,
  } as const
  ctx.apply({ kind: 'link.add', host, netns, link: lo, spec })
  ctx.apply({
    kind: 'addr.add',
    host,
    netns,
    link: lo,
    addr: { cidr: { addr: 0x7f000001, len: 8 }, scope: 'host' },
  })
  ctx.apply({ kind: 'link.set-up', host, netns, link: lo, up: true })
  return { id, netns, key }
}

/** Whether a listening socket already holds `port` for this address family in the namespace. */
function portBusy(
  ctx: OpContext,
  host: HostId,
  netns: NetnsId,
  proto: string,
  port: number,
): boolean {
  const ns = getNetns(ctx.host(host).kernel, netns)
  return (ns?.sockets ?? []).some((s) => s.proto === proto && s.port === port)
}

/**
 * Starts the image's services: the main process and its listening sockets. A service whose port
 * is already taken in the namespace (two web servers in host mode, seed 000) fails to bind, as
 * httpd does with `(98)Address already in use`, and the container exits with code 1.
 */
function startProcesses(
  ctx: OpContext,
  host: HostId,
  c: Container,
  netns: NetnsId,
): { pid: number; failed?: string } {
  const image = resolveImage(c.image)
  const pid = ctx.host(host).kernel.nextPid
  const argv = [...c.entrypoint, ...c.cmd]
  const main = image.services[0]?.process ?? argv[0]?.split('/').pop() ?? 'sh'
  const defaultCmd = c.cmd.join(' ') === (image.config.Cmd ?? []).join(' ')
  const services = defaultCmd ? image.services : []
  const clash = services.find((s) => portBusy(ctx, host, netns, s.proto, s.port))
  if (clash) {
    return {
      pid,
      failed: `(98)Address already in use: AH00072: make_sock: could not bind to address [::]:${clash.port}\n(98)Address already in use: AH00072: make_sock: could not bind to address 0.0.0.0:${clash.port}\nno listening sockets available, shutting down\nAH00015: Unable to open logs\n`,
    }
  }
  ctx.apply({ kind: 'proc.start', host, process: { pid, name: main, args: argv, netns } })
  for (const s of services) {
    const socket = { proto: s.proto, family: 4, local: '0.0.0.0', port: s.port, pid } as const
    ctx.apply({ kind: 'socket.listen', host, netns, socket })
  }
  return { pid }
}

/** Legacy link environment (daemon/links/links.go): `DB_PORT=tcp://172.17.0.2:6379`, … */
function linkEnv(ctx: OpContext, host: HostId, c: Container): string[] {
  const d = ctx.host(host).daemon
  const env: string[] = []
  for (const link of c.legacyLinks) {
    const child = getContainer(d, link.container)
    const ep = child && endpointsOfContainer(d, child).find((e) => e.ipv4)
    if (!child || !ep?.ipv4) continue
    const ip = formatIpv4(ep.ipv4.addr)
    const prefix = link.alias.toUpperCase().replace(/[^A-Z0-9_]/g, '_')
    const ports = [...child.exposedPorts].sort()
    const first = ports[0]
    if (first) {
      const [port, proto = 'tcp'] = first.split('/')
      env.push(`${prefix}_PORT=${proto}://${ip}:${port}`)
    }
    for (const spec of ports) {
      const [port = '', proto = 'tcp'] = spec.split('/')
      const base = `${prefix}_PORT_${port}_${proto.toUpperCase()}`
      env.push(
        `${base}=${proto}://${ip}:${port}`,
        `${base}_ADDR=${ip}`,
        `${base}_PORT=${port}`,
        `${base}_PROTO=${proto}`,
      )
    }
    env.push(`${prefix}_NAME=/${c.name}/${link.alias}`)
    for (const e of child.env) {
      const key = e.split('=')[0] ?? ''
      if (key !== 'HOME' && key !== 'PATH') env.push(`${prefix}_ENV_${e}`)
    }
  }
  return env
}

export function startContainer(
  ctx: OpContext,
  host: HostId,
  ref: string,
): Result<Container, DockerError> {
  const found = findContainer(ctx, host, ref)
  if (!found.ok) return found
  let c = found.value
  if (c.status === 'running' || c.status === 'paused') return ok(c)
  const setup = (e: DockerError): DockerError => dockerErrors.setupNetworking(e)
  let netns: NetnsId
  let sandbox: Container['sandbox']
  switch (c.networkMode.kind) {
    case 'host':
      netns = INIT_NETNS
      break
    case 'container': {
      const other = findContainer(ctx, host, c.networkMode.container)
      if (!other.ok) return other
      if (other.value.id === c.id) return err(dockerErrors.joinOwnNetns())
      const otherNs = containerNetns(ctx.host(host).daemon, other.value)
      if (other.value.status !== 'running' || otherNs === undefined) {
        return err(dockerErrors.joinNonRunning(other.value.name, other.value.status))
      }
      netns = otherNs
      break
    }
    default: {
      for (const link of c.legacyLinks) {
        const child = getContainer(ctx.host(host).daemon, link.container)
        if (child?.status !== 'running') {
          return err(
            dockerErrors.linkToStopped(child?.name ?? link.container, `/${c.name}/${link.alias}`),
          )
        }
      }
      sandbox = createSandbox(ctx, host)
      netns = sandbox.netns
      c = put(ctx, host, { ...c, sandbox })
      for (const a of c.attachments) {
        const net =
          ctx.host(host).daemon.networks[a.network] ?? findNetwork(ctx.host(host), a.network)
        if (!net) return err(setup(dockerErrors.networkNotFound(a.network)))
        const ep = joinNetwork(ctx, host, c, netns, { ...a, network: net.id })
        if (!ep.ok) return err(setup(ep.error))
      }
      const gw = updateGateway(ctx, host, c, netns)
      if (!gw.ok) return err(setup(gw.error))
    }
  }
  // Link variables are recomputed at each start from the linked containers' current addresses.
  const fromLinks = linkEnv(ctx, host, c)
  const env = [...c.env.filter((e) => !c.linkEnv.includes(e)), ...fromLinks]
  const started = startProcesses(ctx, host, c, netns)
  c = patch(ctx, host, c.id, {
    status: 'running',
    startedAt: ctx.now,
    pid: started.pid,
    exitCode: 0,
    env,
    linkEnv: fromLinks,
  })
  writeContainerFiles(ctx, host, c.id)
  if (started.failed !== undefined) {
    // The main process died at once: the container is up for an instant, then exits.
    patch(ctx, host, c.id, { logs: [...c.logs, started.failed] })
    const { pid: _pid, ...rest } = getContainer(ctx.host(host).daemon, c.id) ?? c
    ctx.setContainer(host, rest)
    return stopContainer(ctx, host, c.id, 1)
  }
  return ok(getContainer(ctx.host(host).daemon, c.id) ?? c)
}

/** Stops processes, removes endpoints and the sandbox; `exitCode` as the main process ended. */
export function stopContainer(
  ctx: OpContext,
  host: HostId,
  ref: string,
  exitCode: number,
): Result<Container, DockerError> {
  const found = findContainer(ctx, host, ref)
  if (!found.ok) return found
  const c = found.value
  if (c.status !== 'running' && c.status !== 'paused') return ok(c)
  // Containers sharing this one's namespace lose their network with it.
  const netns = containerNetns(ctx.host(host).daemon, c)
  if (c.pid !== undefined) ctx.apply({ kind: 'proc.stop', host, pid: c.pid })
  if (c.sandbox) {
    for (const ep of endpointsOf(ctx, host, c.id)) leaveNetwork(ctx, host, ep, c.sandbox.netns)
    ctx.apply({ kind: 'netns.del', host, netns: c.sandbox.netns })
  }
  const { sandbox: _s, pid: _p, ...rest } = getContainer(ctx.host(host).daemon, c.id) ?? c
  const stopped = put(ctx, host, {
    ...rest,
    status: 'exited',
    finishedAt: ctx.now,
    exitCode,
    endpoints: {},
  })
  if (netns !== undefined && netns !== INIT_NETNS) {
    for (const other of allContainers(ctx.host(host).daemon)) {
      if (
        other.networkMode.kind === 'container' &&
        other.networkMode.container === c.id &&
        other.status === 'running'
      ) {
        stopContainer(ctx, host, other.id, 137)
      }
    }
  }
  return ok(stopped)
}

export function removeContainer(
  ctx: OpContext,
  host: HostId,
  ref: string,
  force: boolean,
): Result<Container, DockerError> {
  const found = findContainer(ctx, host, ref)
  if (!found.ok) return found
  const c = found.value
  if (c.status === 'running' || c.status === 'paused') {
    if (!force) return err(dockerErrors.removeRunning(ref, c.status === 'paused'))
    stopContainer(ctx, host, c.id, 137)
  }
  ctx.set(host, 'containers', c.id, undefined)
  return ok(c)
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

/** `docker network connect`: kept as an attachment, joined now when the container runs. */
export function connectContainer(
  ctx: OpContext,
  host: HostId,
  netRef: string,
  ref: string,
  req: Omit<NetworkRequest, 'name'>,
): Result<Container, DockerError> {
  const net = findNetwork(ctx.host(host), netRef)
  if (!net) return err(dockerErrors.networkNotFound(netRef))
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
