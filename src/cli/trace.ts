// `trace FROM TO [--proto icmp|tcp|udp] [--port N]`: the simulator's packet tracer in the host
// shell (not a Linux program). FROM and TO are a container name, `host`, `lan`, `internet` or an
// IPv4 address; TO may be `IP:PORT`. Prints one numbered line per step, then the verdict.

import {
  allContainers,
  allNetns,
  allNetworks,
  daemon,
  endpointsOfContainer,
  INIT_NETNS,
  linksOf,
  getNetns,
  lookupContainer,
  networkOf,
  parseIpv4,
  traceExchange,
  type Host,
  type HostId,
  type Probe,
  type Trace,
  type TraceEndpoint,
  type TraceStep,
  type World,
} from '../engine'
import { fail, out, withTraces, type CommandOutput } from './output'
import type { Program } from './program'

const USAGE =
  'Usage: trace FROM TO [--proto icmp|tcp|udp] [--port N]\n' +
  '  FROM, TO: a container name, host, lan, internet, or an IPv4 address (TO may be IP:PORT)\n'

/** Where `lan` and `internet` probes start or go when no address is given. */
export const LAN_MACHINE = '10.10.0.50'
export const INTERNET_HOST = '203.0.113.10'

type Args = { from: string; to: string; proto?: string; port?: string }

function parseArgs(argv: readonly string[]): Args | string {
  const words: string[] = []
  let proto: string | undefined
  let port: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (a === '--proto' || a === '--port') {
      const v = argv[++i]
      if (v === undefined) return `trace: option ${a} needs a value\n`
      if (a === '--proto') proto = v
      else port = v
    } else if (a.startsWith('-')) return `trace: unknown option ${a}\n`
    else words.push(a)
  }
  const [from, to, extra] = words
  if (from === undefined || to === undefined || extra !== undefined) return USAGE
  return {
    from,
    to,
    ...(proto === undefined ? {} : { proto }),
    ...(port === undefined ? {} : { port }),
  }
}

/** A running container by name on the shell's host, else on another host of the world. */
function findAnywhere(world: World, host: Host, name: string) {
  for (const h of [host, ...Object.values(world.hosts).filter((x) => x !== host)]) {
    const found = lookupContainer(h.daemon, name)
    if (found.kind === 'found') return { host: h, container: found.container }
  }
  return undefined
}

/**
 * A running container's address as seen from `from`: on a network both are on (an overlay
 * across hosts), else its gateway network's (not Docker's docker_gwbridge endpoint), else its
 * first.
 */
function containerIp(
  world: World,
  host: Host,
  name: string,
  from?: TraceEndpoint,
): number | undefined {
  const found = findAnywhere(world, host, name)
  if (!found) return undefined
  // `--network container:X` shares X's namespace, and so its addresses.
  const mode = found.container.networkMode
  const shares =
    mode.kind === 'container' ? lookupContainer(found.host.daemon, mode.container) : undefined
  const owner =
    shares === undefined ? found.container : shares.kind === 'found' ? shares.container : undefined
  const eps = owner ? endpointsOfContainer(found.host.daemon, owner) : []
  const src = from?.kind === 'container' ? world.hosts[from.host] : undefined
  const srcC =
    src && from?.kind === 'container' ? lookupContainer(src.daemon, from.container) : undefined
  const shared =
    src && srcC?.kind === 'found'
      ? new Set(endpointsOfContainer(src.daemon, srcC.container).map((e) => e.network))
      : undefined
  return (
    eps.find((e) => e.ipv4 !== undefined && e.role === undefined && shared?.has(e.network))?.ipv4
      ?.addr ??
    eps.find((e) => e.ipv4 !== undefined && e.gateway !== undefined && e.role === undefined)?.ipv4
      ?.addr ??
    eps.find((e) => e.ipv4 !== undefined)?.ipv4?.addr
  )
}

const hostIp = (host: Host): number | undefined =>
  linksOf(getNetns(host.kernel, INIT_NETNS)).find((l) => l.kind === 'ether')?.addrs[0]?.cidr.addr

function fromEndpoint(world: World, host: Host, word: string): TraceEndpoint | undefined {
  if (word === 'host' || word === host.hostname) return { kind: 'host', host: host.id }
  if (word === 'lan') return { kind: 'lan', ip: parseIpv4(LAN_MACHINE) ?? 0 }
  if (word === 'internet') return { kind: 'internet', ip: parseIpv4(INTERNET_HOST) ?? 0 }
  const addr = parseIpv4(word)
  if (addr === undefined) {
    const found = findAnywhere(world, host, word)
    return found
      ? { kind: 'container', host: found.host.id, container: found.container.id }
      : undefined
  }
  // An address: whoever holds it sends (a container, the host), else the LAN or the Internet.
  const owner = allContainers(host.daemon).find((c) =>
    endpointsOfContainer(host.daemon, c).some((e) => e.ipv4?.addr === addr),
  )
  if (owner) return { kind: 'container', host: host.id, container: owner.id }
  const local = linksOf(getNetns(host.kernel, INIT_NETNS)).some((l) =>
    l.addrs.some((a) => a.cidr.addr === addr),
  )
  if (local) return { kind: 'host', host: host.id }
  // A namespace of the host's own making (`ip netns add`), or one of Docker's sandboxes.
  const other = allNetns(host.kernel).find(
    (ns) =>
      ns.id !== INIT_NETNS && linksOf(ns).some((l) => l.addrs.some((a) => a.cidr.addr === addr)),
  )
  if (other) return { kind: 'netns', host: host.id, netns: other.id }
  const onLan = Object.values(world.segments).some(
    (s) => networkOf({ addr, len: s.subnet.len }) === networkOf(s.subnet),
  )
  return onLan ? { kind: 'lan', ip: addr } : { kind: 'internet', ip: addr }
}

function toAddress(
  world: World,
  host: Host,
  word: string,
  from: TraceEndpoint,
): { ip: number; port?: number } | undefined {
  const m = /^(.*):(\d{1,5})$/.exec(word)
  const target = m?.[1] ?? word
  const port = m?.[2] === undefined ? undefined : Number(m[2])
  const ip =
    target === 'host' || target === host.hostname
      ? hostIp(host)
      : target === 'lan'
        ? parseIpv4(LAN_MACHINE)
        : target === 'internet'
          ? parseIpv4(INTERNET_HOST)
          : (parseIpv4(target) ?? containerIp(world, host, target, from))
  if (ip === undefined) return undefined
  return port === undefined ? { ip } : { ip, port }
}

/**
 * Who a step's namespace belongs to: a container's name, the host's name, or the LAN; on the
 * host the step names (another host of the world when the packet crossed the LAN).
 */
function placeOf(world: World, shellHost: Host, s: TraceStep): string {
  if (s.where.netns === undefined) return s.where.segment ?? 'outside'
  const host = (s.where.host === undefined ? undefined : world.hosts[s.where.host]) ?? shellHost
  if (s.where.netns === INIT_NETNS) return host.hostname
  const c = allContainers(host.daemon).find(
    (x) => daemon.containerNetns(host.daemon, x) === s.where.netns,
  )
  if (c) return c.name
  // An overlay network's sandbox on that host.
  const net = allNetworks(host.daemon).find((n) => n.overlay?.sandbox?.netns === s.where.netns)
  if (net) return `${host.hostname} ${net.name} sandbox`
  // Docker's other namespaces (ingress_sbox, lb_<id>) by their file; `ip netns` ones by name.
  const path = getNetns(host.kernel, s.where.netns)?.path ?? ''
  return path ? `${host.hostname} ${path.split('/').pop() ?? ''}` : s.where.netns
}

export function formatTrace(world: World, host: Host, t: Trace, reply?: Trace): string {
  const rows = t.steps.map((s, i) => `${i + 1}. ${placeOf(world, host, s)}: ${s.what}\n`)
  const verdictOf = (x: Trace): string =>
    x.verdict === 'delivered' ? 'delivered' : `dropped (${x.reason ?? 'unknown'})`
  const verdict = verdictOf(t)
  const back = reply
    ? [
        'reply:\n',
        ...reply.steps.map(
          (s, i) => `${t.steps.length + i + 1}. ${placeOf(world, host, s)}: ${s.what}\n`,
        ),
        `reply verdict: ${verdictOf(reply)}\n`,
      ].join('')
    : ''
  const advice = t.advice
    ? `why: ${t.advice.blocker}\nfix: ${t.advice.fix}${t.advice.command ? `\n  ${t.advice.command}` : ''}\n`
    : ''
  return `${rows.join('')}verdict: ${verdict}\n${back}${advice}`
}

/**
 * The probe `trace FROM TO [--proto P] [--port N]` sends from a shell on `host`, or the error
 * it prints (the kernel cross-check builds its probes this way).
 */
export function resolveProbe(
  world: World,
  hostId: HostId,
  argv: readonly string[],
): Probe | string {
  const args = parseArgs(argv)
  return typeof args === 'string' ? args : probeOf(world, hostId, args)
}

function probeOf(world: World, hostId: HostId, a: Args): Probe | string {
  const host = world.hosts[hostId]
  if (!host) return `trace: no host ${hostId}\n`
  const from = fromEndpoint(world, host, a.from)
  if (!from) return `trace: unknown source '${a.from}'\n`
  const to = toAddress(world, host, a.to, from)
  if (!to) return `trace: unknown destination '${a.to}'\n`
  const portText = a.port ?? (to.port === undefined ? undefined : String(to.port))
  const port = portText === undefined ? undefined : Number(portText)
  if (port !== undefined && (!/^\d{1,5}$/.test(portText ?? '') || port < 1 || port > 65535))
    return `trace: invalid port '${portText ?? ''}'\n`
  const proto = a.proto ?? (port === undefined ? 'icmp' : 'tcp')
  if (proto !== 'icmp' && proto !== 'tcp' && proto !== 'udp')
    return `trace: invalid protocol '${proto}' (icmp, tcp or udp)\n`
  return { from, to: to.ip, proto, ...(port === undefined ? {} : { dport: port }) }
}

export const runTrace: Program = (ctx, argv): CommandOutput => {
  const probe = resolveProbe(ctx.engine.world, ctx.host, argv)
  if (typeof probe === 'string') return fail(probe, 2)
  const host = ctx.engine.world.hosts[ctx.host]
  if (!host) return fail(`trace: no host ${ctx.host}\n`, 2)
  // The first packet and, when something answers it, the answer walked back (trace changes
  // nothing: it reads the world as it is).
  const { request, reply } = traceExchange(ctx.engine.world, probe)
  const printed = out(
    formatTrace(ctx.engine.world, host, request, reply),
    request.verdict === 'delivered' ? 0 : 1,
  )
  return withTraces(printed, reply ? [request, reply] : [request])
}
