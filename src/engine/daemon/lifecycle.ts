// Starting and stopping containers: the sandbox (network namespace with lo), the endpoints on
// each network, the default route and published ports, the image's processes and listening
// sockets, the files Docker writes; and the reverse. Mirrors moby daemon/start.go,
// container_operations.go (allocateNetwork, connectToNetwork) and delete.go. Addresses are
// allocated at start and released at stop.

import { err, ok, type Result } from '../../lib/result'
import type { OpContext } from '../model/context'
import { INIT_NETNS, type HostId, type NetnsId } from '../model/ids'
import { formatIpv4 } from '../model/ipv4'
import { planLoopback } from '../kernel/plans'
import { getNetns, getProcess } from '../kernel/queries'
import { containerNetns, findContainer, patch, put } from './container-records'
import { endpointsOf, joinNetwork, leaveNetwork, updateGateway } from './endpoints'
import { dockerErrors, type DockerError } from './errors'
import { resolveImage } from './images'
import { findNetwork } from './networks'
import { allContainers, endpointsOfContainer, getContainer, getNetwork } from './queries'
import { writeContainerFiles } from './sandbox-files'
import { learnSwarmNetwork, TASK_LABEL } from './drivers/overlay'
import type { Container } from './types'

function createSandbox(ctx: OpContext, host: HostId): { id: string; netns: NetnsId; key: string } {
  const id = ctx.randomId()
  const netns = ctx.newNetnsId(host)
  const key = `/var/run/docker/netns/${id.slice(0, 12)}`
  ctx.apply({ kind: 'netns.add', host, netns, role: 'container', path: key })
  for (const op of planLoopback(host, netns, ctx.newLinkId(host))) ctx.apply(op)
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
  const nc = ncListener(argv)
  const services =
    nc === undefined ? (defaultCmd ? image.services : []) : [{ ...nc, process: 'nc' }]
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

/**
 * `nc -l -p PORT` / `nc -lp PORT` as a container's command: the port it listens on, UDP with
 * `-u` (`nc -lu -p 5353`, `nc -lup 5353`).
 */
function ncListener(argv: readonly string[]): { proto: 'tcp' | 'udp'; port: number } | undefined {
  if (argv[0]?.split('/').pop() !== 'nc') return undefined
  const flags = argv.slice(1).join(' ')
  const m = /(?:^|\s)-\w*l\w*p\s*(\d+)|(?:^|\s)-p\s*(\d+)/.exec(flags)
  const port = Number(m?.[1] ?? m?.[2])
  if (!/(?:^|\s)-\w*l/.test(flags) || !(port > 0 && port < 65536)) return undefined
  return { proto: /(?:^|\s)-\w*u/.test(flags) ? 'udp' : 'tcp', port }
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
      // A swarm network is attached through the manager first (daemon/cluster/networks.go
      // AttachNetwork): refused before any plumbing, the container stays created.
      for (const a of c.attachments) {
        learnSwarmNetwork(ctx, host, a.network)
        const net = getNetwork(ctx.host(host).daemon, a.network)
        // A service's task is attached by swarm itself: --attachable does not matter to it.
        const task = c.labels[TASK_LABEL] !== undefined
        if (net?.overlay && net.scope === 'swarm' && !net.attachable && !net.ingress && !task)
          return err(dockerErrors.notAttachable(net.name))
      }
      sandbox = createSandbox(ctx, host)
      netns = sandbox.netns
      c = put(ctx, host, { ...c, sandbox })
      for (const a of c.attachments) {
        const net =
          getNetwork(ctx.host(host).daemon, a.network) ?? findNetwork(ctx.host(host), a.network)
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
    exitCode: 0,
    env,
    linkEnv: fromLinks,
    ...(started.failed === undefined
      ? { pid: started.pid }
      : { logs: [...c.logs, { stream: 'stderr' as const, text: started.failed }] }),
  })
  writeContainerFiles(ctx, host, c.id)
  // A main process that died at once: the container is up for an instant, then exits.
  if (started.failed !== undefined) return stopContainer(ctx, host, c.id, 1)
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
  if (c.pid !== undefined) {
    // What the main process printed stays in the container's log (nc's received lines).
    const output = getProcess(ctx.host(host).kernel, c.pid)?.output
    if (output) patch(ctx, host, c.id, { logs: [...c.logs, { stream: 'stdout', text: output }] })
    ctx.apply({ kind: 'proc.stop', host, pid: c.pid })
  }
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
