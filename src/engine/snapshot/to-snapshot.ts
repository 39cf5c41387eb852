// World → Snapshot. Records equal to the previous snapshot's are reused as they were, so that
// `prev.records[id] === next.records[id]` means "unchanged" (see lib/record-diff.ts).

import { allNetns, linksOf } from '../kernel/queries'
import {
  allContainers,
  endpointsOfContainer,
  getContainer,
  getNetwork,
  allNetworks,
} from '../daemon/queries'
import { diffRecords, plainEqual } from '../../lib/record-diff'
import { hasCarrier, linkEnv, linkFlags, operState } from '../kernel/links'
import type { Link, Netns } from '../kernel/types'
import { containerNetns } from '../daemon/container-records'
import type { Container, Endpoint, Network } from '../daemon/types'
import { formatCidr, formatIpv4 } from '../model/ipv4'
import type { Host, World } from '../model/world'
import type { InterfaceRecord, RecordId, Snapshot, SnapshotDiff, SnapshotRecord } from './records'

export const hostRecordId = (host: string): RecordId => `host:${host}`
export const netnsRecordId = (host: string, ns: string): RecordId => `netns:${host}/${ns}`
export const linkRecordId = (host: string, link: string): RecordId => `link:${host}/${link}`
export const segmentRecordId = (name: string): RecordId => `segment:${name}`
export const containerRecordId = (host: string, id: string): RecordId =>
  `container:${host}/${id.slice(0, 12)}`
export const networkRecordId = (host: string, id: string): RecordId =>
  `network:${host}/${id.slice(0, 12)}`

/**
 * Records made from the same immutable objects are the same records: an interface record is a
 * function of its host, namespace, link object and carrier; a container record of its container
 * object, endpoints, namespace and its networks' names. Keyed by object identity (worlds share
 * unchanged objects), so a change re-makes only what it touched (O(changed), not O(world)).
 * Weak keys: forgotten with the worlds that held them.
 */
type LinkMemo = { host: string; ns: string; carrier: boolean; rec: SnapshotRecord }
type ContainerMemo = {
  host: string
  netns: string | undefined
  endpoints: readonly Endpoint[]
  networks: readonly (Network | undefined)[]
  others: readonly (Container | undefined)[]
  rec: SnapshotRecord
}
const linkMemo = new WeakMap<Link, LinkMemo>()
const containerMemo = new WeakMap<Container, ContainerMemo>()
const hostMemo = new WeakMap<Host, readonly SnapshotRecord[]>()

const sameItems = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i])

export function toSnapshot(world: World, prev?: Snapshot): Snapshot {
  const records: Record<RecordId, SnapshotRecord> = {}
  const put = (r: SnapshotRecord): void => {
    const old = prev?.records[r.id]
    records[r.id] = old !== undefined && plainEqual(old, r) ? old : r
  }
  for (const s of Object.values(world.segments)) {
    put({
      id: segmentRecordId(s.id),
      kind: 'segment',
      name: s.id,
      subnet: formatCidr(s.subnet),
      gateway: formatIpv4(s.gateway),
      internet: s.internet,
      ...(s.router === undefined ? {} : { router: s.router }),
      ...(s.machines
        ? {
            machines: s.machines.map((m) => ({
              name: m.name,
              ip: formatIpv4(m.ip),
              role: m.role,
            })),
          }
        : {}),
    })
  }
  // A memoised record is reused as is when the previous snapshot has an equal one.
  const reuse = (r: SnapshotRecord): void => {
    const old = prev?.records[r.id]
    records[r.id] = old !== undefined && old !== r && plainEqual(old, r) ? old : r
  }
  Object.values(world.hosts).forEach((host, index) => {
    put({ id: hostRecordId(host.id), kind: 'host', hostname: host.hostname, index })
    // An unchanged host (the same object) has the same records: a command on one host of ten
    // costs that host's records, not the world's.
    const memo = hostMemo.get(host)
    if (memo) {
      for (const r of memo) records[r.id] = r
      return
    }
    const mine: SnapshotRecord[] = []
    const track =
      (f: (r: SnapshotRecord) => void) =>
      (r: SnapshotRecord): void => {
        f(r)
        const kept = records[r.id]
        if (kept) mine.push(kept)
      }
    hostRecords(host, track(put), track(reuse), prev)
    hostMemo.set(host, mine)
  })
  return { rev: world.rev, records }
}

function hostRecords(
  host: Host,
  put: (r: SnapshotRecord) => void,
  reuse: (r: SnapshotRecord) => void,
  prev: Snapshot | undefined,
): void {
  const env = linkEnv(host.kernel)
  for (const ns of allNetns(host.kernel)) {
    const id = netnsRecordId(host.id, ns.id)
    const old = prev?.records[id]
    if (old?.kind === 'netns' && old.role === ns.role && old.path === ns.path) reuse(old)
    else put({ id, kind: 'netns', host: hostRecordId(host.id), role: ns.role, path: ns.path })
    for (const link of linksOf(ns)) {
      const carrier = hasCarrier(env, ns.id, link)
      const m = linkMemo.get(link)
      if (m && m.host === host.id && m.ns === ns.id && m.carrier === carrier) reuse(m.rec)
      else {
        const rec = interfaceRecord(host, ns, link, env)
        linkMemo.set(link, { host: host.id, ns: ns.id, carrier, rec })
        put(rec)
      }
    }
  }
  allNetworks(host.daemon).forEach((net, index) => put(networkRecord(host, net, index)))
  for (const c of allContainers(host.daemon)) {
    const netns = containerNetns(host.daemon, c)
    const endpoints = endpointsOfContainer(host.daemon, c)
    const networks = c.attachments.map((a) => getNetwork(host.daemon, a.network))
    const others =
      c.networkMode.kind === 'container' ? [getContainer(host.daemon, c.networkMode.container)] : []
    const m = containerMemo.get(c)
    if (
      m &&
      m.host === host.id &&
      m.netns === netns &&
      sameItems(m.endpoints, endpoints) &&
      sameItems(m.networks, networks) &&
      sameItems(m.others, others)
    )
      reuse(m.rec)
    else {
      const rec = containerRecord(host, c)
      containerMemo.set(c, { host: host.id, netns, endpoints, networks, others, rec })
      put(rec)
    }
  }
}

function interfaceRecord(
  host: Host,
  ns: Netns,
  link: Link,
  env: ReturnType<typeof linkEnv>,
): SnapshotRecord {
  return {
    id: linkRecordId(host.id, link.id),
    kind: 'interface',
    host: hostRecordId(host.id),
    netns: netnsRecordId(host.id, ns.id),
    name: link.name,
    linkKind: link.kind,
    ifindex: link.ifindex,
    mac: link.mac,
    mtu: link.mtu,
    state: operState(env, ns.id, link),
    flags: linkFlags(env, ns.id, link),
    addresses: link.addrs.map((a) => formatCidr(a.cidr)),
    ...(link.master === undefined ? {} : { master: linkRecordId(host.id, link.master) }),
    ...(link.peer === undefined ? {} : { peer: linkRecordId(host.id, link.peer.link) }),
    ...(link.segment === undefined ? {} : { segment: segmentRecordId(link.segment) }),
    ...infoFields(host, link),
  }
}

function infoFields(host: Host, link: Link): Partial<InterfaceRecord> {
  const info = link.info
  if (!info) return {}
  if (info.kind === 'vxlan') return { tunnel: { vni: info.vni, port: info.port } }
  const lower = linkRecordId(host.id, info.lower.link)
  return { lower, mode: info.kind === 'vlan' ? String(info.id) : info.mode }
}

function networkRecord(host: Host, net: Network, index: number): SnapshotRecord {
  return {
    id: networkRecordId(host.id, net.id),
    kind: 'network',
    host: hostRecordId(host.id),
    networkId: net.id,
    name: net.name,
    driver: net.driver,
    scope: net.scope,
    subnets: net.pools.map((c) => formatCidr(c.subnet)),
    gateways: net.pools.flatMap((c) => (c.gateway === undefined ? [] : [formatIpv4(c.gateway)])),
    internal: net.internal,
    index,
    seq: net.seq,
    ...(net.bridge === undefined ? {} : { bridge: linkRecordId(host.id, net.bridge.link) }),
    ...(net.overlay === undefined
      ? {}
      : { overlay: { vni: net.overlay.vni, encrypted: net.overlay.encrypted } }),
    ...(net.lowerDev === undefined ? {} : { parent: linkRecordId(host.id, net.lowerDev.link) }),
  }
}

function modeText(host: Host, c: Container): string {
  switch (c.networkMode.kind) {
    case 'host':
    case 'none':
    case 'default':
      return c.networkMode.kind
    case 'network':
      return c.networkMode.name
    case 'container': {
      const ref = c.networkMode.container
      const other = getContainer(host.daemon, ref)
      return `container:${other?.name ?? ref}`
    }
  }
}

function containerRecord(host: Host, c: Container): SnapshotRecord {
  const netns = containerNetns(host.daemon, c)
  const endpoints = endpointsOfContainer(host.daemon, c)
  // In attach order; Docker's own endpoints (docker_gwbridge) last.
  const order = c.attachments.map((a) => a.network)
  const rank = (n: string): number => {
    const i = order.indexOf(n as never)
    return i < 0 ? order.length : i
  }
  endpoints.sort((a, b) => rank(a.network) - rank(b.network))
  const ports = endpoints
    .flatMap((ep) => ep.ports)
    .map(
      (m) =>
        `${m.hostIp.includes(':') ? `[${m.hostIp}]` : m.hostIp}:${m.hostPort}->${m.containerPort}/${m.proto}`,
    )
  return {
    id: containerRecordId(host.id, c.id),
    kind: 'container',
    host: hostRecordId(host.id),
    containerId: c.id,
    name: c.name,
    image: c.image,
    status: c.status,
    ...(netns === undefined ? {} : { netns: netnsRecordId(host.id, netns) }),
    networkMode: modeText(host, c),
    networks: c.attachments.map((a) => getNetwork(host.daemon, a.network)?.name ?? a.network),
    ports,
    created: c.created,
    endpoints: endpoints.map((ep) => ({
      network: networkRecordId(host.id, ep.network),
      ...(ep.ipv4 === undefined ? {} : { ipv4: formatCidr(ep.ipv4) }),
      mac: ep.mac,
      iface: linkRecordId(host.id, ep.containerLink),
    })),
  }
}

export function diffSnapshots(prev: Snapshot, next: Snapshot): SnapshotDiff {
  return { fromRev: prev.rev, toRev: next.rev, ...diffRecords(prev.records, next.records) }
}
