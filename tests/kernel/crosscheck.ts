// One scenario of the kernel cross-check: build the world in the simulator, replay every host's
// exported script in fresh namespaces, stand in for the LAN machines and the Internet the probes
// talk to, start a server wherever the world has a listening socket, then send each probe twice:
// through the simulator (its trace and the answer's) and through the real kernel.

import { createSession } from '../../src/cli'
import { exportScript } from '../../src/cli/export/script'
import { lanNs, nsName, routerNs } from '../../src/cli/export/names'
import { formatTrace, resolveProbe } from '../../src/cli/trace'
import {
  allNetns,
  createEngine,
  endpointsOfContainer,
  getNetwork,
  lookupContainer,
  daemon,
  formatIpv4,
  getContainer,
  hostId,
  INIT_NETNS,
  linksOf,
  traceExchange,
  type Engine,
  type Exchange,
  type HostId,
  type Ipv4,
  type Link,
  type Probe,
  type Segment,
  type World,
} from '../../src/engine'
import { DEFAULT_SEED, DEFAULT_WORLD } from '../../src/scenarios/default-world'
import { Replay, type Outcome, type Verdict } from './replay'

/** A probe as `trace` takes it (`FROM TO [--proto P] [--port N]`), from a shell on `on`. */
export type ProbeSpec = string | { readonly on: string; readonly line: string }

export type Scenario = {
  readonly name: string
  /** The world before the setup; the default world (one host on a LAN) when absent. */
  readonly world?: () => Engine
  /** Commands in a shell on host1, or `[host, command]`. */
  readonly setup: readonly (string | readonly [string, string])[]
  readonly probes: readonly ProbeSpec[]
  /**
   * What the kernel's answer depends on that the simulator does not model, or where the replay
   * stands something in; printed with the scenario's results.
   */
  readonly note?: string
}

/** What the simulator says of a probe: how it ends and, when a server answers, who and seeing whom. */
export type Expected = { readonly verdict: Verdict; readonly by?: string; readonly saw?: string }

export type ProbeResult = {
  readonly scenario: string
  readonly probe: string
  readonly simulator: Expected
  readonly kernel: Outcome
  /** The same verdict, and for an answered TCP/UDP probe the same server seeing the same source. */
  readonly agrees: boolean
  /** The simulator's trace (request and answer), as `trace` prints it. */
  readonly trace: string
}

const HOST1 = hostId('host1')

function defaultEngine(): Engine {
  return createEngine({ seed: DEFAULT_SEED, spec: DEFAULT_WORLD })
}

function build(s: Scenario): Engine {
  const engine = (s.world ?? defaultEngine)()
  for (const step of s.setup) {
    const [on, line] = typeof step === 'string' ? [HOST1, step] : [hostId(step[0]), step[1]]
    const r = createSession(engine, on).run(line)
    if (r.exitCode !== 0) throw new Error(`${s.name}: setup \`${line}\` failed: ${r.stderr}`)
  }
  return engine
}

/**
 * The simulator's verdict: the answer reached the sender (answered), a refusal did (an RST, an
 * ICMP port unreachable), the sender was told the destination is unreachable, or nothing came
 * back. Machines outside the hosts answer: the replay runs a server for every probe to them.
 */
export function simulatorVerdict(x: Exchange): Verdict {
  if (x.answer === undefined && x.request.unreachable !== undefined) return 'unreachable'
  if (x.answer === undefined || x.reply?.verdict !== 'delivered') return 'no answer'
  return x.answer === 'rst' || x.answer === 'port-unreachable' ? 'refused' : 'answered'
}

/**
 * Who answers an answered TCP/UDP probe in the replay (the namespace its server runs in, without
 * the prefix) and the source address it sees: where the request's trace ends, a socket of a
 * namespace or a machine outside, and the packet's source there.
 */
function expected(x: Exchange, lanNames: ReadonlyMap<Ipv4, string>, prefix: string): Expected {
  const verdict = simulatorVerdict(x)
  const last = x.request.steps[x.request.steps.length - 1]
  if (verdict !== 'answered' || x.probe.proto === 'icmp' || !last) return { verdict }
  const saw = formatIpv4(last.packet.src)
  const { host, netns } = last.where
  if (last.kind === 'deliver' && host !== undefined && netns !== undefined)
    return { verdict, by: nsName({ prefix: '', host }, netns), saw }
  if (last.kind === 'egress') {
    const by = lanNames.get(last.packet.dst)?.slice(prefix.length) ?? 'inet'
    return { verdict, by, saw }
  }
  return { verdict }
}

const agree = (sim: Expected, kernel: Outcome): boolean =>
  sim.verdict === kernel.verdict &&
  (sim.by === undefined || (sim.by === kernel.by && sim.saw === kernel.saw))

/**
 * Whether the world has `ip` somewhere the replay builds: any namespace's address, 127/8, a LAN
 * router's. An address of a LAN's subnet is a machine on that LAN unless a device cabled to it
 * (a NIC, a macvlan/ipvlan/VLAN device stacked on one) or its router holds it: the lab's LANs
 * answer at every other address, whoever else holds it behind a host (see segment.ts).
 */
function owned(world: World, ip: Ipv4): boolean {
  // 127.0.0.0/8 is every namespace's own (127.0.0.11, the embedded DNS, among it).
  if (ip >>> 24 === 127) return true
  if (Object.values(world.segments).some((s) => s.gateway === ip)) return true
  const onLan = segmentOf(world, ip) !== undefined
  const cabled = (l: Link): boolean =>
    (l.kind === 'ether' && l.segment !== undefined) || l.info?.kind !== undefined
  return Object.values(world.hosts).some((h) =>
    allNetns(h.kernel).some((ns) =>
      linksOf(ns).some((l) => l.addrs.some((a) => a.cidr.addr === ip) && (!onLan || cabled(l))),
    ),
  )
}

const segmentOf = (world: World, ip: Ipv4): Segment | undefined =>
  Object.values(world.segments).find((s) => {
    const mask = s.subnet.len === 0 ? 0 : (~0 << (32 - s.subnet.len)) >>> 0
    return (ip & mask) >>> 0 === (s.subnet.addr & mask) >>> 0
  })

/** The machines outside the hosts a scenario's probes talk to, and the ports they serve. */
type Outside = {
  readonly lan: Map<Ipv4, Segment>
  readonly internet: Set<Ipv4>
  readonly serve: Map<Ipv4, Set<string>>
}

function noteOutside(world: World, o: Outside, ip: Ipv4, serve?: string): void {
  if (owned(world, ip)) return
  const seg = segmentOf(world, ip)
  if (seg) o.lan.set(ip, seg)
  else o.internet.add(ip)
  if (serve) o.serve.set(ip, new Set([...(o.serve.get(ip) ?? []), serve]))
}

type Resolved = { readonly text: string; readonly on: HostId; readonly probe: Probe }

/** `{c03@docker_gwbridge}` in a probe: the container's address on that network (any host). */
function addressOn(world: World, name: string, network: string): string {
  for (const host of Object.values(world.hosts)) {
    const found = lookupContainer(host.daemon, name)
    if (found.kind !== 'found') continue
    const ep = endpointsOfContainer(host.daemon, found.container).find(
      (e) => getNetwork(host.daemon, e.network)?.name === network,
    )
    if (ep?.ipv4) return formatIpv4(ep.ipv4.addr)
  }
  throw new Error(`no address of ${name} on ${network}`)
}

function resolve(world: World, spec: ProbeSpec): Resolved {
  const { on, line: written } = typeof spec === 'string' ? { on: 'host1', line: spec } : spec
  const line = written.replace(/\{([\w.-]+)@([\w.-]+)\}/g, (_m, name: string, net: string) =>
    addressOn(world, name, net),
  )
  const probe = resolveProbe(world, hostId(on), line.split(/\s+/))
  if (typeof probe === 'string') throw new Error(`probe \`${line}\`: ${probe}`)
  const text = on === 'host1' ? `trace ${line}` : `${on}$ trace ${line}`
  return { text, on: hostId(on), probe }
}

/** The replay's namespace a probe is sent from. */
function sourceNs(world: World, replay: Replay, lanNames: Map<Ipv4, string>, p: Probe): string {
  const from = p.from
  const naming = (host: HostId) => ({ prefix: replay.prefix, host })
  switch (from.kind) {
    case 'host':
      return nsName(naming(from.host), INIT_NETNS)
    case 'container': {
      const host = world.hosts[from.host]
      const c = host && getContainer(host.daemon, from.container)
      const netns = host && c ? daemon.containerNetns(host.daemon, c) : undefined
      if (!host || netns === undefined) throw new Error(`no namespace for ${from.container}`)
      return nsName(naming(from.host), netns)
    }
    case 'netns':
      return nsName(naming(from.host), from.netns)
    case 'lan':
      return lanNames.get(from.ip) ?? ''
    case 'internet':
      return replay.ns('inet')
  }
}

/** Servers for the world's listening sockets (IPv4; the replay has no IPv6), per namespace. */
async function startServers(world: World, replay: Replay): Promise<void> {
  const starts: Promise<void>[] = []
  for (const host of Object.values(world.hosts)) {
    for (const ns of allNetns(host.kernel)) {
      const specs = [
        ...new Set(
          ns.sockets.filter((s) => s.family === 4).map((s) => `${s.proto}:${s.local}:${s.port}`),
        ),
      ]
      if (specs.length === 0) continue
      starts.push(replay.serve(nsName({ prefix: replay.prefix, host: host.id }, ns.id), specs))
    }
  }
  await Promise.all(starts)
}

async function standIns(world: World, replay: Replay, o: Outside): Promise<Map<Ipv4, string>> {
  const names = new Map<Ipv4, string>()
  let n = 0
  for (const [ip, seg] of o.lan) {
    const name = `m${n++}-${seg.id}`
    const ns = await replay.lanMachine(
      lanNs(replay.prefix, seg),
      name,
      `${formatIpv4(ip)}/${seg.subnet.len}`,
      formatIpv4(seg.gateway),
    )
    names.set(ip, ns)
  }
  if (o.internet.size > 0) {
    const seg = Object.values(world.segments).find((s) => s.internet)
    if (!seg) throw new Error('the world has no way to the Internet')
    await replay.internet(routerNs(replay.prefix, seg), [...o.internet].map(formatIpv4))
  }
  const serving: Promise<void>[] = []
  for (const [ip, ports] of o.serve) {
    const ns = names.get(ip) ?? replay.ns('inet')
    serving.push(
      replay.serve(
        ns,
        [...ports].map((p) => p.replace(':', `:${formatIpv4(ip)}:`)),
      ),
    )
  }
  await Promise.all(serving)
  return names
}

/** Runs `tasks` at most `limit` at a time, results in order. */
async function pooled<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = []
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++
      const task = tasks[i]
      if (task) results[i] = await task()
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker))
  return results
}

/** Builds, replays and probes one scenario; always removes what it made. */
export async function runScenario(s: Scenario): Promise<ProbeResult[]> {
  const engine = build(s)
  const world = engine.world
  const probes = s.probes.map((spec) => resolve(world, spec))
  const outside: Outside = { lan: new Map(), internet: new Set(), serve: new Map() }
  for (const { probe } of probes) {
    if (probe.from.kind === 'lan' || probe.from.kind === 'internet')
      noteOutside(world, outside, probe.from.ip)
    const serve = probe.proto === 'icmp' ? undefined : `${probe.proto}:${probe.dport ?? 80}`
    noteOutside(world, outside, probe.to, serve)
  }
  const replay = new Replay()
  let results: ProbeResult[]
  try {
    for (const id of Object.keys(world.hosts))
      await replay.sh(exportScript(world, hostId(id), { prefix: replay.prefix }))
    const lanNames = await standIns(world, replay, outside)
    await startServers(world, replay)
    const tasks = probes.map(({ text, on, probe }) => async (): Promise<ProbeResult> => {
      const x = traceExchange(world, probe, { outside: 'answers' })
      const ns = sourceNs(world, replay, lanNames, probe)
      const kernel = await replay.probe(ns, probe.proto, formatIpv4(probe.to), probe.dport)
      const host = world.hosts[on]
      const trace = host ? formatTrace(world, host, x.request, x.reply) : ''
      const simulator = expected(x, lanNames, replay.prefix)
      const agrees = agree(simulator, kernel)
      return { scenario: s.name, probe: text, simulator, kernel, trace, agrees }
    })
    results = await pooled(tasks, 6)
  } finally {
    await replay.cleanup()
  }
  const left = replay.leftovers()
  if (left.length > 0) throw new Error(`${s.name}: namespaces left behind: ${left.join(' ')}`)
  return results
}
