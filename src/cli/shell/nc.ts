// `nc`: netcat as busybox 1.36 builds it for the busybox and alpine images (nc_bloaty.c, the
// netcat 1.10 compatible applet), and the host's netcat-openbsd. A server (`nc -l -p PORT`,
// `nc -lp PORT`) is a process with a listening socket in its namespace that holds the terminal
// until Ctrl-C; a client (`nc HOST PORT`) connects through the dialer (net/dialer.ts: the packet
// tracer's routes, bridges, iptables, and docker-proxy on to the container) and, once connected,
// each line typed at one end appears at the other, in another terminal tab or in `docker logs`
// when the server is a container's main process.
// Either end leaving closes the connection, and nc exits at both ends (no -k here).

import {
  daemon,
  getNetns,
  getProcess,
  type DockerError,
  type Engine,
  type HostId,
} from '../../engine'
import { ok, type Result } from '../../lib/result'
import type { CommandContext, ForegroundJob } from '../context'
import { fail, out, withTraces, type CommandOutput } from '../output'
import type { Program } from '../program'
import { createDialer, STRERROR, type Listener } from './net/dialer'
import { addrText, dnsQueryTraces, resolveIpv4, unresolvedAdvice } from './net/resolve'

type Options = {
  listen: boolean
  port?: number
  verbose: boolean
  zero: boolean
  udp: boolean
  operands: string[]
}

const BUSYBOX_USAGE = `BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.

Usage: nc [OPTIONS] HOST PORT  - connect
nc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen

	-e PROG	Run PROG after connect (must be last)
	-l	Listen mode, for inbound connects
	-lk	With -e, provides persistent server
	-p PORT	Local port
	-s ADDR	Local address
	-w SEC	Timeout for connects and final net reads
	-i SEC	Delay interval for lines sent
	-n	Don't do DNS resolution
	-u	UDP mode
	-b	Allow broadcasts
	-v	Verbose
	-o FILE	Hex dump traffic
	-z	Zero-I/O mode (scanning)
`

const OPENBSD_USAGE = `usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]
	  [-m minttl] [-O length] [-P proxy_username] [-p source_port]
	  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]
	  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]
	  [destination] [port]
`

/** Options taking a value (busybox and OpenBSD agree on the ones that matter here). */
const WITH_VALUE = new Set(['p', 's', 'w', 'i', 'e', 'o', 'q', 'I', 'M', 'm', 'O', 'P', 'T'])

function parse(argv: readonly string[]): Options | string {
  const o: Options = { listen: false, verbose: false, zero: false, udp: false, operands: [] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (!a.startsWith('-') || a === '-') {
      o.operands.push(a)
      continue
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j] ?? ''
      if (WITH_VALUE.has(c)) {
        const value = a.slice(j + 1) || argv[++i]
        if (value === undefined) return `option requires an argument -- '${c}'`
        if (c === 'p') {
          const port = Number(value)
          if (!Number.isInteger(port) || port < 1 || port > 65535) return `invalid port '${value}'`
          o.port = port
        }
        break
      }
      if (c === 'l') o.listen = true
      else if (c === 'v') o.verbose = true
      else if (c === 'z') o.zero = true
      else if (c === 'u') o.udp = true
      else if (!'nkbhdN46'.includes(c)) return `invalid option -- '${c}'`
    }
  }
  return o
}

export const nc: Program = (ctx, argv) => {
  const busybox = ctx.userland !== 'host'
  const o = parse(argv)
  if (typeof o === 'string') {
    return busybox ? fail(`nc: ${o}\n${BUSYBOX_USAGE}`, 1) : fail(`nc: ${o}\n${OPENBSD_USAGE}`, 1)
  }
  if (o.udp) return fail('nc: UDP mode is not simulated; use TCP\n', 1)
  if (o.listen) {
    // netcat-openbsd takes the port as an operand (`nc -l 8888`), busybox as -p.
    const port = o.port ?? (busybox ? undefined : Number(o.operands[0]))
    if (port === undefined || !Number.isInteger(port))
      return fail(busybox ? BUSYBOX_USAGE : OPENBSD_USAGE, 1)
    return listen(ctx, port, o.verbose, busybox)
  }
  const [target, portText] = o.operands
  if (target === undefined || portText === undefined)
    return fail(busybox ? BUSYBOX_USAGE : OPENBSD_USAGE, 1)
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return busybox
      ? fail(`nc: bad port '${portText}'\n`, 1)
      : fail(`nc: port number invalid: ${portText}\n`, 1)
  }
  return connect(ctx, target, port, o, busybox)
}

/** Stops a process; a container whose main process it is exits (code 0, as nc at EOF). */
function stopProcess(engine: Engine, host: HostId, pid: number): void {
  engine.transact((tx): Result<unknown, DockerError> => {
    const h = tx.host(host)
    if (!getProcess(h.kernel, pid)) return ok(undefined)
    const main = daemon.containerByPid(h.daemon, pid)
    if (main) return daemon.stopContainer(tx, host, main.id, 0)
    tx.apply({ kind: 'proc.stop', host, pid })
    return ok(undefined)
  })
}

/** The terminal side of an nc process: typed lines go to its peer, what it receives comes back. */
function ncJob(engine: Engine, host: HostId, pid: number): ForegroundJob {
  let seen = getProcess(engine.world.hosts[host]?.kernel, pid)?.output?.length ?? 0
  return {
    input(line) {
      const peer = getProcess(engine.world.hosts[host]?.kernel, pid)?.peer
      if (peer === undefined) return
      engine.transact((tx) => {
        if (getProcess(tx.host(host).kernel, peer))
          tx.apply({ kind: 'proc.write', host, pid: peer, text: `${line}\n` })
        return { ok: true, value: undefined }
      })
    },
    read() {
      const proc = getProcess(engine.world.hosts[host]?.kernel, pid)
      if (!proc) return { text: '', ended: true }
      const output = proc.output ?? ''
      const text = output.slice(seen)
      seen = output.length
      return { text, ended: false }
    },
    alive: () => getProcess(engine.world.hosts[host]?.kernel, pid) !== undefined,
    stop(): string {
      const peer = getProcess(engine.world.hosts[host]?.kernel, pid)?.peer
      stopProcess(engine, host, pid)
      // The other end reads EOF and exits too.
      if (peer !== undefined) stopProcess(engine, host, peer)
      return ''
    },
  }
}

function listen(ctx: CommandContext, port: number, verbose: boolean, busybox: boolean) {
  const ns = getNetns(ctx.engine.world.hosts[ctx.host]?.kernel, ctx.netns)
  const busy = ns?.sockets.some((s) => s.proto === 'tcp' && s.port === port) ?? true
  if (busy) {
    return busybox ? fail('nc: bind: Address in use\n', 1) : fail('nc: Address already in use\n', 1)
  }
  const started = ctx.engine.transact((tx) => {
    const pid = tx.host(ctx.host).kernel.nextPid
    const args = ['nc', '-l', '-p', String(port)]
    tx.apply({
      kind: 'proc.start',
      host: ctx.host,
      process: { pid, name: 'nc', args, netns: ctx.netns },
    })
    const socket = { proto: 'tcp', family: 4, local: '0.0.0.0', port, pid } as const
    tx.apply({ kind: 'socket.listen', host: ctx.host, netns: ctx.netns, socket })
    return { ok: true, value: pid }
  })
  if (!started.ok) return fail('nc: bind: Address in use\n', 1)
  ctx.shell.foreground(ncJob(ctx.engine, ctx.host, started.value))
  return verbose
    ? { stdout: '', stderr: `listening on 0.0.0.0:${port} ...\n`, exitCode: 0 }
    : out('')
}

/** The client: one traced connect (net/dialer.ts); an nc server at the other end is linked. */
function connect(
  ctx: CommandContext,
  target: string,
  port: number,
  o: Options,
  busybox: boolean,
): CommandOutput {
  const dns = dnsQueryTraces(ctx, target)
  const addr = resolveIpv4(ctx, target)
  if (addr === undefined) {
    return withTraces(
      busybox
        ? fail(`nc: bad address '${target}'\n`, 1)
        : fail(`nc: getaddrinfo for host "${target}" port ${port}: Name or service not known\n`, 1),
      unresolvedAdvice(ctx, target, dns),
    )
  }
  const ip = addrText(addr)
  // Connected, nc holds the connection open; -z closes it at once, sending nothing.
  const dialer = createDialer(
    ctx,
    o.zero ? { kind: 'closed', sent: 0, received: 0 } : { kind: 'open' },
  )
  const peer = dialer.dial(addr, port)
  const traces = [...dns, ...dialer.commit()]
  const failure = (reason: string): CommandOutput =>
    withTraces(
      busybox
        ? fail(`nc: can't connect to remote host (${ip}): ${reason}\n`, 1)
        : fail(`nc: connect to ${target} port ${port} (tcp) failed: ${reason}\n`, 1),
      traces,
    )
  // An unanswered SYN is retried until the kernel gives up (about two minutes): timed out.
  if (peer.kind !== 'connected') return failure(STRERROR[peer.kind])
  if (o.zero) {
    const note = busybox
      ? `${target} (${ip}:${port}) open\n`
      : `Connection to ${target} ${port} port [tcp/*] succeeded!\n`
    return withTraces({ stdout: '', stderr: o.verbose ? note : '', exitCode: 0 }, traces)
  }
  const server = ncServer(ctx, peer.listener)
  const client = ctx.engine.transact((tx) => {
    const pid = tx.host(ctx.host).kernel.nextPid
    const args = ['nc', target, String(port)]
    tx.apply({
      kind: 'proc.start',
      host: ctx.host,
      process: { pid, name: 'nc', args, netns: ctx.netns },
    })
    // Only another nc talks back line by line; a web or database server just takes the bytes.
    if (server) {
      tx.apply({ kind: 'proc.peer', host: ctx.host, pid, peer: server.socket.pid })
      tx.apply({ kind: 'proc.peer', host: ctx.host, pid: server.socket.pid, peer: pid })
      // netcat 1.10 serves one connection: it stops listening once it has accepted.
      tx.apply({
        kind: 'socket.close',
        host: server.host,
        netns: server.netns,
        socket: server.socket,
      })
    }
    return { ok: true, value: pid }
  })
  if (!client.ok) return failure('Connection refused')
  ctx.shell.foreground(ncJob(ctx.engine, ctx.host, client.value))
  const note = busybox ? '' : `Connection to ${target} ${port} port [tcp/*] succeeded!\n`
  return withTraces({ stdout: '', stderr: o.verbose ? note : '', exitCode: 0 }, traces)
}

/**
 * The nc server behind the listener a connection reached (past docker-proxy), when it runs on
 * the client's host: processes are linked within one host's kernel. Anything else (a web or
 * database server, docker-proxy that could not reach the container) just takes the bytes.
 */
function ncServer(ctx: CommandContext, listener: Listener | undefined): Listener | undefined {
  if (listener?.host !== ctx.host) return undefined
  const proc = getProcess(ctx.engine.world.hosts[listener.host]?.kernel, listener.socket.pid)
  return proc?.name === 'nc' ? listener : undefined
}
