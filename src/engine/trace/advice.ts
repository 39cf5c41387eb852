// "Why can't A reach B?": for a dropped trace, the first blocker in plain words, the fix, and the
// docker command that applies it. Read from the trace's own steps (the rule or route that decided)
// and the daemon's records (who is on which network), never guessed from names.

import { formatIpv4, type Ipv4 } from '../model/ipv4'
import { INIT_NETNS } from '../model/ids'
import type { Host, World } from '../model/world'
import { containerNetns } from '../daemon/container-records'
import { allContainers, endpointsOfContainer, getNetwork, lookupContainer } from '../daemon/queries'
import type { Container, Network } from '../daemon/types'
import { getNetns } from '../kernel/queries'
import { DOCKER_FILTER_CHAINS } from '../daemon/iptables/docker-rules'
import { ruleText } from './rule-text'
import type { Probe, Trace, TraceStep } from './types'
import { netnsIndex } from '../kernel/netns-index'

export type Advice = {
  /** What stops the packet, in plain words, naming the rule or table entry. */
  readonly blocker: string
  /** What would let it through. */
  readonly fix: string
  /** The docker command that applies the fix, when one does. */
  readonly command?: string
}

type Party = { readonly container: Container; readonly networks: readonly Network[] }

// Containers by address, once per daemon record (records of a committed world never change).
const byIp = new WeakMap<Host['daemon'], Map<Ipv4, Container>>()

function partyByIp(host: Host, ip: Ipv4): Party | undefined {
  let index = byIp.get(host.daemon)
  if (!index) {
    index = new Map()
    for (const c of allContainers(host.daemon))
      for (const e of endpointsOfContainer(host.daemon, c))
        if (e.ipv4 && !index.has(e.ipv4.addr)) index.set(e.ipv4.addr, c)
    byIp.set(host.daemon, index)
  }
  const c = index.get(ip)
  return c && { container: c, networks: networksOf(host, c) }
}

function networksOf(host: Host, c: Container): Network[] {
  return endpointsOfContainer(host.daemon, c).flatMap(
    (e) => getNetwork(host.daemon, e.network) ?? [],
  )
}

function lookupOne(host: Host, ref: string): Container | undefined {
  const found = lookupContainer(host.daemon, ref)
  return found.kind === 'found' ? found.container : undefined
}

/**
 * The host and a container of its own macvlan/ipvlan network, either way: they never hear each
 * other through the parent. The usual fix gives the host a device of the same kind on the same
 * parent and routes the container's address over it (libnetwork/docs/macvlan.md); checked on a
 * real kernel by the cross-check's "macvlan shim" scenarios.
 */
function macvlanShim(
  host: Host,
  probe: Probe,
  src: Party | undefined,
  dst: Party | undefined,
): Advice | undefined {
  const hostNs = getNetns(host.kernel, INIT_NETNS)
  const toHost = hostNs !== undefined && netnsIndex(hostNs).byAddr.has(probe.to)
  const child = probe.from.kind === 'host' ? dst : toHost ? src : undefined
  const net = child?.networks.find(
    (n) => n.lowerDev && (n.driver === 'macvlan' || n.driver === 'ipvlan'),
  )
  const lower = net?.lowerDev
  const pool = net?.pools[0]
  const ep =
    child &&
    net &&
    endpointsOfContainer(host.daemon, child.container).find((e) => e.network === net.id)
  if (!child || !net || !lower || !pool || !ep?.ipv4 || !hostNs) return undefined
  const taken = new Set([...pool.used, ...netnsIndex(hostNs).byAddr.keys()])
  const last = (pool.subnet.addr | (2 ** (32 - pool.subnet.len) - 1)) >>> 0
  let mine = last - 1
  while (taken.has(mine) && mine > pool.subnet.addr) mine--
  const kind = net.driver
  const dev = `${kind === 'macvlan' ? 'mac' : 'ipv'}0`
  const mode = kind === 'macvlan' ? 'mode bridge' : `mode ${lower.mode}`
  const c = child.container.name
  return {
    blocker: `${host.hostname} and ${c} cannot reach each other directly: ${c}'s ${kind} interface hangs off ${host.hostname}'s ${lower.parent}, and a ${kind} device and its parent never hear each other.`,
    fix: `Give ${host.hostname} a ${kind} interface of its own on ${lower.parent} and route ${c}'s address over it.`,
    command: `ip link add ${dev} link ${lower.parent} type ${kind} ${mode} && ip addr add ${formatIpv4(mine)}/32 dev ${dev} && ip link set ${dev} up && ip route add ${formatIpv4(ep.ipv4.addr)}/32 dev ${dev}`,
  }
}

const names = (nets: readonly Network[]): string => nets.map((n) => n.name).join(', ') || 'none'

/** Chains Docker writes itself; a DROP in another user chain (DOCKER-USER above all) was typed by hand. */
const DOCKER_CHAINS = new Set<string>([
  ...DOCKER_FILTER_CHAINS,
  'DOCKER-INGRESS',
  'DOCKER_OUTPUT',
  'DOCKER_POSTROUTING',
])

/** `iptables -D CHAIN SPEC` for a deciding rule that is not Docker's own (none for a policy). */
function userRule(step: TraceStep & { kind: 'netfilter' }): string | undefined {
  const last = step.chain.filter((c) => c.kind === 'rule' && c.matched).at(-1)
  if (last?.kind !== 'rule' || DOCKER_CHAINS.has(last.chain)) return undefined
  // Built-in chains hold Docker's rules too (raw PREROUTING's direct-access DROPs): not said.
  const builtin = ['INPUT', 'FORWARD', 'OUTPUT', 'PREROUTING', 'POSTROUTING'].includes(last.chain)
  if (builtin) return undefined
  const table = last.table === 'filter' ? '' : `-t ${last.table} `
  return `iptables ${table}-D ${last.chain} ${ruleText(last.rule)}`
}

/** The rule that decided a DROP at a netfilter step, as iptables-save writes it. */
function decidingRule(step: TraceStep & { kind: 'netfilter' }): string | undefined {
  const hits = step.chain.filter((c) => c.kind === 'rule' && c.matched)
  const last = hits[hits.length - 1]
  if (last?.kind !== 'rule') {
    const policy = step.chain.findLast((c) => c.kind === 'policy')
    return policy?.kind === 'policy'
      ? `the ${policy.table} ${policy.chain} policy ${policy.policy}`
      : undefined
  }
  return `-t ${last.table} -A ${last.chain} ${ruleText(last.rule)}`
}

export function adviseOn(world: World, probe: Probe, trace: Trace): Advice | undefined {
  if (trace.verdict !== 'dropped') return undefined
  const last = trace.steps[trace.steps.length - 1]
  const hostId =
    probe.from.kind === 'container' || probe.from.kind === 'host' || probe.from.kind === 'netns'
      ? probe.from.host
      : undefined
  const host = hostId === undefined ? Object.values(world.hosts)[0] : world.hosts[hostId]
  if (!host || !last) return undefined
  const src = probe.from.kind === 'container' ? lookupOne(host, probe.from.container) : undefined
  const srcParty = src && { container: src, networks: networksOf(host, src) }
  const dst = partyByIp(host, probe.to)
  const hostNs = getNetns(host.kernel, INIT_NETNS)
  const local = hostNs !== undefined && netnsIndex(hostNs).byAddr.has(probe.to)
  const to =
    dst?.container.name ??
    (local ? `${host.hostname} (${formatIpv4(probe.to)})` : formatIpv4(probe.to))
  const from =
    src?.name ??
    (probe.from.kind === 'host'
      ? host.hostname
      : probe.from.kind === 'netns'
        ? `the namespace ${getNetns(host.kernel, probe.from.netns)?.path?.split('/').pop() ?? probe.from.netns}`
        : probe.from.kind)

  if (last.kind === 'deliver') {
    const port = `${probe.proto}/${probe.dport ?? 80}`
    const listening = (getNetns(host.kernel, last.where.netns ?? INIT_NETNS)?.sockets ?? [])
      .filter((s) => s.proto === probe.proto)
      .map((s) => `${s.proto}/${s.port}`)
    const ports = [...new Set(listening)].join(', ')
    return {
      blocker: `Nothing listens on ${to} ${port}: its kernel answers with ${probe.proto === 'tcp' ? 'a TCP RST' : 'ICMP port unreachable'}.`,
      fix: ports
        ? `Use a port ${to} listens on (${ports}), or start a server on ${port}.`
        : `Start a server on ${port} in ${to}.`,
      ...(dst && probe.proto === 'tcp'
        ? { command: `docker exec -d ${dst.container.name} nc -lp ${probe.dport ?? 80}` }
        : {}),
    }
  }

  if (last.kind === 'drop' && srcParty && srcParty.container.networkMode.kind === 'none') {
    return {
      blocker: `${from} runs with --network none: it has only lo, so no route leads anywhere.`,
      fix: `Connect ${from} to a network.`,
      command: `docker network connect bridge ${from}`,
    }
  }

  const nf = [...trace.steps].reverse().find((s) => s.kind === 'netfilter' && s.verdict === 'DROP')
  if (nf?.kind === 'netfilter') {
    const rule = decidingRule(nf) ?? 'a DROP rule'
    const shared =
      srcParty && dst
        ? srcParty.networks.filter((n) => dst.networks.some((m) => m.id === n.id))
        : []
    const internal = [...(srcParty?.networks ?? []), ...(dst?.networks ?? [])].find(
      (n) => n.internal,
    )
    if (internal && shared.length === 0 && (srcParty?.networks.every((n) => n.internal) ?? false)) {
      return {
        blocker: `${from} is only on the internal network ${internal.name}: Docker drops everything leaving it (${rule}).`,
        fix: `Connect ${from} to a network that is not internal as well.`,
        command: `docker network connect bridge ${from}`,
      }
    }
    if (srcParty && dst && shared.length === 0) {
      const target = dst.networks[0]
      return {
        blocker: `${from} and ${to} are on different bridge networks (${names(srcParty.networks)} and ${names(dst.networks)}); Docker isolates them: ${rule} drops it.`,
        fix: `Connect ${from} to ${target?.name ?? 'a network of ' + to}.`,
        ...(target ? { command: `docker network connect ${target.name} ${from}` } : {}),
      }
    }
    const noIcc = shared.find((n) => n.bridge && !n.bridge.options.icc)
    if (noIcc) {
      return {
        blocker: `${noIcc.name} has inter-container communication disabled (com.docker.network.bridge.enable_icc=false): ${rule} drops traffic between its containers.`,
        fix: `Put ${from} and ${to} on a network with ICC enabled.`,
        command: `docker network create shared && docker network connect shared ${from} && docker network connect shared ${to}`,
      }
    }
    if (dst && (probe.from.kind === 'lan' || probe.from.kind === 'internet')) {
      const port = probe.dport ?? 80
      return {
        blocker: `From outside the host only published ports reach a container; ${to} ${probe.proto}/${port} is not published, so ${rule} drops it.`,
        fix: `Publish the port: run the container with -p HOST_PORT:${port}, then connect to the host's address.`,
        command: `docker run -d -p 8080:${port} --name ${to}-published ${dst.container.image}`,
      }
    }
    const own = userRule(nf)
    return own
      ? {
          blocker: `${rule} drops it: a rule added by hand, not by Docker.`,
          fix: 'Delete that rule (or put a rule that lets this traffic through before it).',
          command: own,
        }
      : { blocker: `${rule} drops it.`, fix: 'Change or remove that rule.' }
  }

  const shim = last.kind === 'drop' ? macvlanShim(host, probe, srcParty, dst) : undefined
  if (shim) return shim

  if (
    last.kind === 'drop' &&
    dst &&
    (probe.from.kind === 'lan' || probe.from.kind === 'internet')
  ) {
    const port = probe.dport ?? 80
    return {
      blocker: `${to}'s address ${formatIpv4(probe.to)} exists only inside ${host.hostname}: nothing outside the host routes to a container network.`,
      fix: `Publish the port (-p HOST_PORT:${port}) and connect to ${host.hostname}'s own address instead.`,
      command: `docker run -d -p 8080:${port} --name ${to}-published ${dst.container.image}`,
    }
  }

  if (
    last.kind === 'drop' &&
    srcParty &&
    srcParty.networks.length > 0 &&
    srcParty.networks.every((n) => n.internal)
  ) {
    const names = srcParty.networks.map((n) => n.name).join(', ')
    return {
      blocker: `${from} is only on internal network${srcParty.networks.length > 1 ? 's' : ''} (${names}): Docker gives it no default route, so nothing outside is reachable.`,
      fix: `Connect ${from} to a network that is not internal as well.`,
      command: `docker network connect bridge ${from}`,
    }
  }

  if (last.kind === 'drop') {
    const namespace = srcParty ? containerNetns(host.daemon, srcParty.container) : INIT_NETNS
    return {
      blocker: `${last.reason} (in ${namespace === INIT_NETNS ? host.hostname : from}).`,
      fix: dst
        ? `Make sure ${from} shares a network with ${to}.`
        : `Check the routes: ${formatIpv4(probe.to)} is not on any network ${from} is attached to.`,
      ...(dst && src
        ? { command: `docker network connect ${dst.networks[0]?.name ?? 'bridge'} ${from}` }
        : {}),
    }
  }
  return undefined
}
