// A world as a JSON document (`npm run repl -- --world FILE`, the app's worlds): segments (LANs
// with their router) and hosts with their NICs, routes and daemon options. What a host leaves out
// is filled in as the default world does it (a default route via its first LAN's router, that
// router as nameserver, Debian's /etc/hosts). Every mistake is named with its place in the file.

import ipaddr from 'ipaddr.js'
import type {
  DaemonSpec,
  HostSpec,
  MachineSpec,
  NicSpec,
  RouteSpec,
  SegmentSpec,
  WorldSpec,
} from '../engine'
import { DEFAULT_EPOCH, defaultHost } from './default-world'

export type WorldFileResult =
  { readonly ok: true; readonly spec: WorldSpec } | { readonly ok: false; readonly error: string }

class FileError extends Error {}

type Json = unknown

const at = (path: string, msg: string): never => {
  throw new FileError(`${path}: ${msg}`)
}

function object(v: Json, path: string): Record<string, Json> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return at(path, 'expected an object')
  return v as Record<string, Json>
}

function array(v: Json, path: string): Json[] {
  if (!Array.isArray(v)) return at(path, 'expected a list')
  return v
}

function string(v: Json, path: string): string {
  if (typeof v !== 'string' || v === '') return at(path, 'expected a non-empty string')
  return v
}

function bool(v: Json, path: string, fallback: boolean): boolean {
  if (v === undefined) return fallback
  if (typeof v !== 'boolean') return at(path, 'expected true or false')
  return v
}

function int(v: Json, path: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    return at(path, `expected a whole number from ${min} to ${max}`)
  return v
}

function ipv4(v: Json, path: string): string {
  const s = string(v, path)
  if (!ipaddr.IPv4.isValidFourPartDecimal(s)) return at(path, `"${s}" is not an IPv4 address`)
  return s
}

function cidr(v: Json, path: string): [ipaddr.IPv4, number, string] {
  const s = string(v, path)
  try {
    const [addr, len] = ipaddr.IPv4.parseCIDR(s)
    if (!ipaddr.IPv4.isValidFourPartDecimal(s.split('/')[0] ?? '')) throw new Error()
    return [addr, len, s]
  } catch {
    return at(path, `"${s}" is not an IPv4 address with a prefix length (like 10.10.0.11/24)`)
  }
}

/** RFC 1123 host names, as `hostname` accepts them. */
const HOSTNAME = /^(?=.{1,63}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i
const IFNAME = /^[^\s/:]{1,15}$/
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i

export function parseWorldFile(text: string, file = 'world file'): WorldFileResult {
  let json: Json
  try {
    json = JSON.parse(text)
  } catch (e) {
    return { ok: false, error: `${file}: not JSON: ${e instanceof Error ? e.message : String(e)}` }
  }
  try {
    return { ok: true, spec: worldSpec(json) }
  } catch (e) {
    if (e instanceof FileError) return { ok: false, error: `${file}: ${e.message}` }
    throw e
  }
}

function worldSpec(json: Json): WorldSpec {
  const root = object(json, '(top)')
  const epoch = root.epoch === undefined ? DEFAULT_EPOCH : int(root.epoch, 'epoch', 0, 4102444800)
  const segments = array(root.segments, 'segments').map((s, i) => segment(s, `segments[${i}]`))
  if (segments.length === 0) at('segments', 'a world needs at least one LAN')
  const names = new Set<string>()
  segments.forEach((s, i) => {
    if (names.has(s.name)) at(`segments[${i}].name`, `"${s.name}" is used twice`)
    names.add(s.name)
  })
  const listed = array(root.hosts, 'hosts')
  const hosts = listed.map((h, i) => host(h, `hosts[${i}]`, segments))
  if (hosts.length === 0) at('hosts', 'a world needs at least one host')
  // Hosts that leave out /etc/hosts know each other by name, as a lab set up by hand would
  // (ping host2 and ssh host2 then agree).
  const known = hosts
    .map((h) => `${h.nics[0]?.address.split('/')[0] ?? ''}\t${h.hostname}\n`)
    .join('')
  const withHosts = hosts.map((h, i) =>
    object(listed[i], `hosts[${i}]`).etcHosts === undefined && hosts.length > 1
      ? { ...h, etcHosts: `${h.etcHosts}\n# The world's hosts\n${known}` }
      : h,
  )
  const seenHosts = new Set<string>()
  const seenAddrs = new Map<string, string>()
  hosts.forEach((h, i) => {
    if (seenHosts.has(h.hostname)) at(`hosts[${i}].hostname`, `"${h.hostname}" is used twice`)
    seenHosts.add(h.hostname)
    h.nics.forEach((n, k) => {
      const addr = n.address.split('/')[0] ?? ''
      const other = seenAddrs.get(addr)
      if (other) at(`hosts[${i}].nics[${k}].address`, `${addr} is already ${other}'s`)
      seenAddrs.set(addr, h.hostname)
    })
  })
  const machines =
    root.machines === undefined
      ? []
      : array(root.machines, 'machines').map((m, i) => machine(m, `machines[${i}]`, segments))
  machines.forEach((m, i) => {
    const other = seenAddrs.get(m.address)
    if (other) at(`machines[${i}].address`, `${m.address} is already ${other}'s`)
  })
  return { epoch, segments, hosts: withHosts, ...(machines.length ? { machines } : {}) }
}

function segment(v: Json, path: string): SegmentSpec {
  const o = object(v, path)
  const name = string(o.name, `${path}.name`)
  const [net, len, subnet] = cidr(o.subnet, `${path}.subnet`)
  const gateway = ipv4(o.gateway, `${path}.gateway`)
  if (!ipaddr.IPv4.parse(gateway).match(net, len))
    at(`${path}.gateway`, `${gateway} is not in ${subnet}`)
  const router = o.router === undefined ? undefined : string(o.router, `${path}.router`)
  return {
    name,
    subnet,
    gateway,
    internet: bool(o.internet, `${path}.internet`, false),
    ...(router === undefined ? {} : { router }),
  }
}

function host(v: Json, path: string, segments: readonly SegmentSpec[]): HostSpec {
  const o = object(v, path)
  const hostname = string(o.hostname, `${path}.hostname`)
  if (!HOSTNAME.test(hostname)) at(`${path}.hostname`, `"${hostname}" is not a valid host name`)
  const nics = array(o.nics, `${path}.nics`).map((n, i) => nic(n, `${path}.nics[${i}]`, segments))
  if (nics.length === 0) at(`${path}.nics`, 'a host needs at least one NIC')
  nics.forEach((n, i) => {
    if (nics.findIndex((m) => m.name === n.name) !== i)
      at(`${path}.nics[${i}].name`, `"${n.name}" is used twice`)
  })
  const first = nics[0]
  const lan = segments.find((s) => s.name === first?.segment)
  const base = defaultHost(hostname, first?.address ?? '')
  const routes =
    o.routes === undefined
      ? lan && first
        ? [{ to: 'default', via: lan.gateway, dev: first.name }]
        : []
      : array(o.routes, `${path}.routes`).map((r, i) => route(r, `${path}.routes[${i}]`, nics))
  return {
    hostname,
    nics,
    routes,
    resolvConf:
      o.resolvConf === undefined
        ? `nameserver ${lan?.gateway ?? '10.10.0.1'}\nsearch example.com\n`
        : string(o.resolvConf, `${path}.resolvConf`),
    etcHosts: o.etcHosts === undefined ? base.etcHosts : string(o.etcHosts, `${path}.etcHosts`),
    daemon: daemon(o.daemon, `${path}.daemon`, base.daemon),
  }
}

function nic(v: Json, path: string, segments: readonly SegmentSpec[]): NicSpec {
  const o = object(v, path)
  const name = string(o.name, `${path}.name`)
  if (!IFNAME.test(name)) at(`${path}.name`, `"${name}" is not a valid interface name`)
  const seg = string(o.segment, `${path}.segment`)
  const lan = segments.find((s) => s.name === seg)
  if (!lan) return at(`${path}.segment`, `no segment is named "${seg}"`)
  const [addr, , address] = cidr(o.address, `${path}.address`)
  const [net, len] = ipaddr.IPv4.parseCIDR(lan.subnet)
  if (!addr.match(net, len))
    at(`${path}.address`, `${address} is not in ${lan.name}'s ${lan.subnet}`)
  const mac = o.mac === undefined ? undefined : string(o.mac, `${path}.mac`)
  if (mac !== undefined && !MAC.test(mac))
    at(`${path}.mac`, `"${mac}" is not a MAC address (like 02:42:ac:11:00:02)`)
  return {
    name,
    segment: seg,
    address,
    mtu: o.mtu === undefined ? 1500 : int(o.mtu, `${path}.mtu`, 68, 65535),
    ...(mac === undefined ? {} : { mac: mac.toLowerCase() }),
  }
}

function route(v: Json, path: string, nics: readonly NicSpec[]): RouteSpec {
  const o = object(v, path)
  const to = string(o.to, `${path}.to`)
  if (to !== 'default') cidr(to, `${path}.to`)
  const dev = string(o.dev, `${path}.dev`)
  if (!nics.some((n) => n.name === dev)) at(`${path}.dev`, `the host has no NIC "${dev}"`)
  return { to, dev, ...(o.via === undefined ? {} : { via: ipv4(o.via, `${path}.via`) }) }
}

function daemon(v: Json, path: string, fallback: DaemonSpec): DaemonSpec {
  if (v === undefined) return fallback
  const o = object(v, path)
  const store =
    o.clusterStore === undefined ? undefined : string(o.clusterStore, `${path}.clusterStore`)
  if (store !== undefined && !/^(consul|etcd|zk):\/\/[^/\s]+$/.test(store))
    at(
      `${path}.clusterStore`,
      `"${store}" is not a key-value store URL (like consul://10.10.0.5:8500)`,
    )
  const advertise =
    o.clusterAdvertise === undefined
      ? undefined
      : string(o.clusterAdvertise, `${path}.clusterAdvertise`)
  if (advertise !== undefined && store === undefined)
    at(`${path}.clusterAdvertise`, 'needs clusterStore as well')
  return {
    userlandProxy: bool(o.userlandProxy, `${path}.userlandProxy`, fallback.userlandProxy),
    mtu: o.mtu === undefined ? fallback.mtu : int(o.mtu, `${path}.mtu`, 68, 65535),
    ...(store === undefined ? {} : { clusterStore: store }),
    ...(advertise === undefined ? {} : { clusterAdvertise: advertise }),
  }
}

/** `machines`: named LAN machines that are not Docker hosts (Docker 1.9's key-value store). */
function machine(v: Json, path: string, segments: readonly SegmentSpec[]): MachineSpec {
  const o = object(v, path)
  const name = string(o.name, `${path}.name`)
  if (!HOSTNAME.test(name)) at(`${path}.name`, `"${name}" is not a valid host name`)
  const segName = string(o.segment, `${path}.segment`)
  const seg = segments.find((s) => s.name === segName)
  if (!seg) at(`${path}.segment`, `no LAN named "${segName}"`)
  const address = ipv4(o.address, `${path}.address`)
  const role = o.role === undefined ? 'kv-store' : string(o.role, `${path}.role`)
  if (role !== 'kv-store') at(`${path}.role`, `"${role}" is not a machine role (kv-store)`)
  return { name, segment: segName, address, role: 'kv-store' }
}
