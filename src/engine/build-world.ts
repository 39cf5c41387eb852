// Builds the initial World from a WorldSpec: each host's namespace, loopback, NICs and routes as
// the distribution's network configuration leaves them, then dockerd's start-up on top.

import { assert } from '../lib/assert'
import { EMPTY_TABLE } from '../lib/table'
import { emptyDaemon, startDaemon } from './daemon/daemon'
import { planLoopback } from './kernel/plans'
import { OpContext } from './model/context'
import { INIT_NETNS, hostId, segmentId, type HostId, type LinkId } from './model/ids'
import { broadcastOf, networkOf, parseCidr, parseIpv4 } from './model/ipv4'
import { INITIAL_COUNTERS } from './model/rng'
import type { HostSpec, WorldSpec } from './model/spec'
import type { Host, Segment, World } from './model/world'

export function buildWorld(spec: WorldSpec, seed: number): World {
  const segments: Record<string, Segment> = {}
  for (const s of spec.segments) {
    const subnet = parseCidr(s.subnet)
    const gateway = parseIpv4(s.gateway)
    assert(subnet && gateway !== undefined, `segment ${s.name}: bad subnet or gateway`)
    const id = segmentId(s.name)
    segments[id] = {
      id,
      subnet: { addr: networkOf(subnet), len: subnet.len },
      gateway,
      internet: s.internet,
      ...(s.router === undefined ? {} : { router: s.router }),
    }
  }
  for (const m of spec.machines ?? []) {
    const seg = segments[segmentId(m.segment)]
    const ip = parseIpv4(m.address)
    assert(seg && ip !== undefined, `machine ${m.name}: bad segment or address`)
    segments[seg.id] = {
      ...seg,
      machines: [...(seg.machines ?? []), { name: m.name, ip, role: m.role }],
    }
  }
  const hosts: Record<string, Host> = {}
  for (const h of spec.hosts) hosts[h.hostname] = emptyHost(h)
  const empty: World = { seed, rng: INITIAL_COUNTERS, clock: spec.epoch, rev: 0, segments, hosts }

  const ctx = new OpContext(empty)
  for (const h of spec.hosts) {
    configureHostNetwork(ctx, h)
    startDaemon(ctx, hostId(h.hostname))
  }
  return { ...ctx.commit(0), rev: 0 }
}

/** A host record with nothing configured yet: buildWorld and `lab host add` start from it. */
export function emptyHost(h: HostSpec): Host {
  return {
    id: hostId(h.hostname),
    hostname: h.hostname,
    kernel: {
      netns: EMPTY_TABLE,
      processes: EMPTY_TABLE,
      nextPid: 1021,
      nextLinkSeq: 0,
      nextNetnsSeq: 1,
    },
    files: { resolvConf: h.resolvConf, etcHosts: h.etcHosts },
    daemon: emptyDaemon(h.daemon),
  }
}

/** What the boot-time network configuration does: lo, the NICs, their addresses and routes. */
export function configureHostNetwork(ctx: OpContext, h: HostSpec): void {
  const host = hostId(h.hostname)
  const netns = INIT_NETNS
  ctx.apply({ kind: 'netns.add', host, netns, role: 'host', path: '' })
  // init, in the boot namespaces (what `ls -l /proc/1/ns` shows).
  const init = { pid: 1, name: 'systemd', args: ['/sbin/init'], netns }
  ctx.apply({ kind: 'proc.start', host, process: init })
  for (const op of planLoopback(host, netns, ctx.newLinkId(host))) ctx.apply(op)

  const byName = new Map<string, LinkId>()
  for (const nic of h.nics) {
    const cidr = parseCidr(nic.address)
    assert(cidr, `${h.hostname}/${nic.name}: bad address ${nic.address}`)
    const link = ctx.newLinkId(host)
    byName.set(nic.name, link)
    const spec = {
      name: nic.name,
      kind: 'ether',
      mac: nic.mac ?? ctx.randomMac(),
      mtu: nic.mtu ?? 1500,
      txqlen: 1000,
      segment: segmentId(nic.segment),
    } as const
    ctx.apply({ kind: 'link.add', host, netns, link, spec })
    ctx.apply({
      kind: 'addr.add',
      host,
      netns,
      link,
      addr: { cidr, brd: broadcastOf(cidr), scope: 'global' },
    })
    ctx.apply({ kind: 'link.set-up', host, netns, link, up: true })
  }
  for (const r of h.routes) addSpecRoute(ctx, host, byName, r)
}

function addSpecRoute(
  ctx: OpContext,
  host: HostId,
  devs: ReadonlyMap<string, LinkId>,
  r: HostSpec['routes'][number],
): void {
  const dst = r.to === 'default' ? { addr: 0, len: 0 } : parseCidr(r.to)
  const dev = devs.get(r.dev)
  const via = r.via === undefined ? undefined : parseIpv4(r.via)
  assert(dst && dev, `route ${r.to}: bad destination or device`)
  const route = {
    dst,
    dev,
    proto: 'boot',
    scope: via === undefined ? 'link' : 'global',
    ...(via === undefined ? {} : { via }),
  } as const
  ctx.apply({ kind: 'route.add', host, netns: INIT_NETNS, route })
}
