// Adding and removing hosts of the world (the lab's `lab host add/rm`, not a Linux or Docker
// operation). A new host is built exactly as buildWorld builds one (its NICs and routes, then
// dockerd's start-up) and joins a LAN that exists; every host's /etc/hosts lists the world's
// hosts, as world files have it (scenarios/world-file.ts).

import { err, ok, type Result } from '../lib/result'
import { configureHostNetwork, emptyHost } from './build-world'
import { startDaemon } from './daemon/daemon'
import type { DockerError } from './daemon/errors'
import { nodeOf } from './daemon/swarm/cluster'
import type { NodeRole } from './daemon/swarm/types'
import { allNetns, getNetns, linksOf } from './kernel/queries'
import type { OpContext } from './model/context'
import { hostId, INIT_NETNS, type HostId, type SegmentId } from './model/ids'
import {
  broadcastOf,
  contains,
  formatCidr,
  formatIpv4,
  networkOf,
  parseCidr,
  parseIpv4,
  type Cidr,
  type Ipv4,
} from './model/ipv4'
import type { HostSpec } from './model/spec'
import type { Host, Segment, World } from './model/world'

/** What `lab host add` was asked for; what is left out gets the defaults (see hostSpecFor). */
export type HostRequest = {
  /** Default: `hostN`, the lowest N no host has. */
  readonly name?: string
  /** The LAN (segment name) to cable eth0 to. Default: the world's first LAN. */
  readonly lan?: string
  /** `A.B.C.D/LEN` (or `A.B.C.D`: the LAN's length). Default: the LAN's next free .11, .12, … */
  readonly address?: string
}

/** One host as `lab host ls` lists it. */
export type HostRow = {
  readonly name: string
  /** The LANs of its NICs, in NIC order. */
  readonly lans: readonly string[]
  /** Its NICs' addresses with prefix length, in NIC order. */
  readonly addresses: readonly string[]
  readonly role?: NodeRole
}

const labError = (kind: string, message: string): DockerError => ({ kind, message })

/** RFC 1123 labels as `hostname` takes them, starting with a letter (an all-digit name would
 * sort first among World.hosts' keys, which keep the world's order). */
const HOSTNAME = /^(?=.{1,63}$)[a-z]([a-z0-9-]*[a-z0-9])?$/i

/** Where the next host's default address starts in its LAN (host1 is .11 in the default world). */
const FIRST_HOST_OFFSET = 11

/** The header world files put above the world's hosts in each host's /etc/hosts. */
const LISTING = "# The world's hosts\n"

/** Debian 12's /etc/hosts for `hostname` (the default world's, scenarios/default-world.ts). */
export function debianEtcHosts(hostname: string): string {
  return (
    `127.0.0.1\tlocalhost\n127.0.1.1\t${hostname}.example.com\t${hostname}\n\n` +
    '# The following lines are desirable for IPv6 capable hosts\n' +
    '::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n'
  )
}

/** A host by its host name, else by its id (they differ after `hostname NAME`). */
export function findHost(world: World, name: string): Host | undefined {
  const hosts = Object.values(world.hosts)
  return hosts.find((h) => h.hostname === name) ?? world.hosts[hostId(name)]
}

/** The world's LANs in the order the world lists them. */
export function lans(world: World): Segment[] {
  return Object.values(world.segments)
}

/** Its physical NICs (cabled to a LAN) with their first address, in ifindex order. */
function nicsOf(host: Host): { segment: SegmentId; cidr?: Cidr }[] {
  return linksOf(getNetns(host.kernel, INIT_NETNS)).flatMap((l) =>
    l.segment === undefined
      ? []
      : [{ segment: l.segment, ...(l.addrs[0] ? { cidr: l.addrs[0].cidr } : {}) }],
  )
}

export function hostRows(world: World): HostRow[] {
  return Object.values(world.hosts).map((h) => {
    const nics = nicsOf(h)
    const role = nodeOf(world, h.id)?.role
    return {
      name: h.hostname,
      lans: nics.map((n) => n.segment),
      addresses: nics.flatMap((n) => (n.cidr ? [formatCidr(n.cidr)] : [])),
      ...(role ? { role } : {}),
    }
  })
}

/** Who holds `ip` in the world: a host (any of its namespaces: macvlan containers count). */
function holderOf(world: World, ip: Ipv4): Host | undefined {
  return Object.values(world.hosts).find((h) =>
    allNetns(h.kernel).some((ns) =>
      linksOf(ns).some((l) => l.addrs.some((a) => a.cidr.addr === ip)),
    ),
  )
}

/** Why `ip` cannot be a new host's address on `lan`, if it cannot. */
function addressProblem(world: World, lan: Segment, cidr: Cidr): DockerError | undefined {
  const ip = cidr.addr
  const text = formatCidr(cidr)
  const subnet = formatCidr(lan.subnet)
  if (!contains(lan.subnet, ip))
    return labError('host-address-outside', `${text} is not in ${lan.id}'s ${subnet}`)
  if (cidr.len !== lan.subnet.len)
    return labError(
      'host-address-length',
      `${text}: ${lan.id} is ${subnet} (use ${formatIpv4(ip)}/${lan.subnet.len})`,
    )
  if (ip === networkOf(lan.subnet))
    return labError('host-address-reserved', `${formatIpv4(ip)} is ${lan.id}'s network address`)
  if (ip === broadcastOf(lan.subnet))
    return labError('host-address-reserved', `${formatIpv4(ip)} is ${lan.id}'s broadcast address`)
  if (ip === lan.gateway)
    return labError('host-address-taken', `${formatIpv4(ip)} is ${lan.id}'s router`)
  const holder = holderOf(world, ip)
  if (holder)
    return labError('host-address-taken', `${formatIpv4(ip)} is already ${holder.hostname}'s`)
  return undefined
}

/** The LAN's first free address from .11 up, then below .11; undefined when it is full. */
function nextFreeAddress(world: World, lan: Segment): Cidr | undefined {
  const base = networkOf(lan.subnet)
  const size = broadcastOf(lan.subnet) - base
  const offsets = [
    ...Array.from(
      { length: Math.max(0, size - FIRST_HOST_OFFSET) },
      (_, i) => i + FIRST_HOST_OFFSET,
    ),
    ...Array.from({ length: Math.min(size, FIRST_HOST_OFFSET) - 1 }, (_, i) => i + 1),
  ]
  for (const offset of offsets) {
    const cidr = { addr: (base + offset) >>> 0, len: lan.subnet.len }
    if (!addressProblem(world, lan, cidr)) return cidr
  }
  return undefined
}

function nameTaken(world: World, name: string): boolean {
  return Object.values(world.hosts).some((h) => h.hostname === name || h.id === name)
}

function nextFreeName(world: World): string {
  for (let n = 1; ; n++) if (!nameTaken(world, `host${n}`)) return `host${n}`
}

/**
 * The spec of a host as `lab host add` makes it: eth0 on the LAN, a default route via its router,
 * that router as nameserver, Debian's /etc/hosts, dockerd with the userland proxy and MTU 1500 (the
 * default world's host, as a world file fills in what a host leaves out).
 */
export function hostSpecFor(world: World, req: HostRequest): Result<HostSpec, DockerError> {
  const name = req.name ?? nextFreeName(world)
  const all = lans(world)
  const lan = req.lan === undefined ? all[0] : world.segments[req.lan as SegmentId]
  if (!lan)
    return err(
      labError(
        'lan-not-found',
        `no LAN named ${req.lan ?? ''} (LANs: ${all.map((s) => s.id).join(', ')})`,
      ),
    )
  let cidr: Cidr | undefined
  if (req.address === undefined) {
    cidr = nextFreeAddress(world, lan)
    if (!cidr)
      return err(labError('lan-full', `no free address in ${lan.id}'s ${formatCidr(lan.subnet)}`))
  } else {
    const ip = parseIpv4(req.address)
    cidr = ip === undefined ? parseCidr(req.address) : { addr: ip, len: lan.subnet.len }
    if (!cidr)
      return err(
        labError(
          'host-address-invalid',
          `"${req.address}" is not an IPv4 address with a prefix length (like ${formatIpv4(
            networkOf(lan.subnet) + FIRST_HOST_OFFSET,
          )}/${lan.subnet.len})`,
        ),
      )
  }
  const gateway = formatIpv4(lan.gateway)
  return ok({
    hostname: name,
    nics: [{ name: 'eth0', segment: lan.id, address: formatCidr(cidr), mtu: 1500 }],
    routes: [{ to: 'default', via: gateway, dev: 'eth0' }],
    resolvConf: `nameserver ${gateway}\nsearch example.com\n`,
    etcHosts: debianEtcHosts(name),
    daemon: { userlandProxy: true, mtu: 1500 },
  })
}

/** Why the world cannot take a host of this spec, if it cannot. */
function specProblem(world: World, spec: HostSpec): DockerError | undefined {
  const name = spec.hostname
  if (!HOSTNAME.test(name))
    return labError(
      'host-name-invalid',
      `"${name}" is not a valid host name (letters, digits and '-', starting with a letter)`,
    )
  if (nameTaken(world, name)) return labError('host-exists', `a host named ${name} exists`)
  if (spec.nics.length === 0) return labError('host-no-nic', `${name} needs a NIC`)
  for (const nic of spec.nics) {
    const lan = world.segments[nic.segment as SegmentId]
    if (!lan) return labError('lan-not-found', `no LAN named ${nic.segment}`)
    const cidr = parseCidr(nic.address)
    if (!cidr) return labError('host-address-invalid', `"${nic.address}" is not an IPv4 address`)
    const problem = addressProblem(world, lan, cidr)
    if (problem) return problem
  }
  return undefined
}

/** A host's /etc/hosts line for the listing: its first NIC's address, its name. */
function listingLine(host: Host): string {
  const addr = nicsOf(host)[0]?.cidr?.addr
  return `${addr === undefined ? '' : formatIpv4(addr)}\t${host.hostname}\n`
}

/** Where the listing is in `text`: from its header to after its last line (a blank line or the
 * end of the file ends it); undefined when there is none. */
function listingSpan(text: string): { start: number; end: number } | undefined {
  const after = text.indexOf(`\n${LISTING}`)
  const start = text.startsWith(LISTING) ? 0 : after < 0 ? -1 : after + 1
  if (start < 0) return undefined
  const blank = text.indexOf('\n\n', start + LISTING.length - 1)
  return { start, end: blank < 0 ? text.length : blank + 1 }
}

const namesOf = (line: string): string[] =>
  line.trimStart().startsWith('#') ? [] : line.trim().split(/\s+/).slice(1)

/** `text` listing each of `hosts` (world-file's section, added at the end when missing). */
function withListed(text: string, hosts: readonly Host[]): string {
  const span = listingSpan(text)
  if (!span) return `${text}\n${LISTING}${hosts.map(listingLine).join('')}`
  const listed = new Set(text.slice(span.start, span.end).split('\n').flatMap(namesOf))
  const missing = hosts.filter((h) => !listed.has(h.hostname)).map(listingLine)
  return text.slice(0, span.end) + missing.join('') + text.slice(span.end)
}

/** `text` without the listing's lines naming `name`; with one host left, without the listing. */
function withoutListed(text: string, name: string, alone: boolean): string {
  const span = listingSpan(text)
  if (!span) return text
  const lines = text.slice(span.start, span.end).split('\n')
  const kept = lines.filter((line) => !namesOf(line).includes(name)).join('\n')
  if (!alone) return text.slice(0, span.start) + kept + text.slice(span.end)
  // World files list the hosts only in a world of several: the header goes, its blank line too.
  const start = text.slice(0, span.start).endsWith('\n\n') ? span.start - 1 : span.start
  return text.slice(0, start) + text.slice(span.end)
}

/**
 * Adds a host built from `spec` after the others: its kernel and dockerd as buildWorld makes
 * them, and every host's /etc/hosts listing it (its own listing the others). Refuses a taken
 * name or address, an unknown LAN, an address outside its LAN.
 */
export function addHost(ctx: OpContext, spec: HostSpec): Result<HostId, DockerError> {
  const problem = specProblem(ctx.world, spec)
  if (problem) return err(problem)
  const id = hostId(spec.hostname)
  ctx.addHost(emptyHost(spec))
  configureHostNetwork(ctx, spec)
  startDaemon(ctx, id)
  const hosts = Object.values(ctx.world.hosts)
  for (const h of hosts)
    ctx.setHostFiles(h.id, { ...h.files, etcHosts: withListed(h.files.etcHosts, hosts) })
  return ok(id)
}

/**
 * Removes a host, with its containers and networks, and its name from the others' /etc/hosts.
 * Refuses the last host and a node of the swarm (it has to leave first).
 */
export function removeHost(ctx: OpContext, id: HostId): Result<void, DockerError> {
  const host = ctx.world.hosts[id]
  if (!host) return err(labError('host-not-found', `no host named ${id}`))
  const others = Object.values(ctx.world.hosts).filter((h) => h.id !== id)
  if (others.length === 0)
    return err(labError('last-host', `${host.hostname} is the only host: a world needs one`))
  const node = nodeOf(ctx.world, id)
  if (node) {
    const leave = node.role === 'manager' ? 'docker swarm leave --force' : 'docker swarm leave'
    return err(
      labError(
        'host-in-swarm',
        `${host.hostname} is a swarm ${node.role}: run '${leave}' on it first`,
      ),
    )
  }
  ctx.removeHost(id)
  for (const h of others)
    ctx.setHostFiles(h.id, {
      ...h.files,
      etcHosts: withoutListed(h.files.etcHosts, host.hostname, others.length === 1),
    })
  return ok(undefined)
}
