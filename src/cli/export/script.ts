// A host of the world as a POSIX sh script of real iproute2 and iptables commands that rebuild
// its data plane in fresh network namespaces, one commented block per Docker action; and the
// script that removes them again.

import {
  INIT_NETNS,
  resolveLink,
  type Host,
  type HostId,
  type Link,
  type LinkId,
  type Netns,
  type World,
} from '../../engine'
import { attribute, orderedLinks, orderedNetns, type Attribution } from './blocks'
import {
  KIND_ORDER,
  PHASES,
  linkCommands,
  neighCommands,
  netnsCommands,
  routeCommand,
  sysctlCommands,
  type Emit,
  type ExportContext,
  type Phase,
} from './commands'
import { iptablesBlock } from './iptables'
import { lanBlock, segmentsOf } from './lan'
import { defaultPrefix, lanNs, nsName, routerNs, seqOf } from './names'

export type ExportOptions = { readonly prefix?: string }

type Placed = { readonly ns: Netns; readonly link: Link }

/**
 * The block a device is made in: the latest of the block that claimed it, its namespace's, its
 * veth peer's, its master's, its lower device's and its underlay's (everything it builds on).
 */
function placeLinks(host: Host, att: Attribution): Map<LinkId, number> {
  const nsOfLink = new Map<LinkId, Placed>()
  for (const ns of orderedNetns(host))
    for (const l of orderedLinks(ns)) nsOfLink.set(l.id, { ns, link: l })
  const memo = new Map<LinkId, number>()
  const nsRank = (id: Netns['id']): number => att.nsRank.get(id) ?? 0
  const own = (id: LinkId): number => {
    const cached = memo.get(id)
    if (cached !== undefined) return cached
    const p = nsOfLink.get(id)
    if (!p) return 0
    const { ns, link } = p
    let r = Math.max(att.linkRank.get(id) ?? nsRank(ns.id), nsRank(ns.id))
    if (link.master !== undefined) r = Math.max(r, rank(link.master))
    const info = link.info
    if (info?.kind === 'vxlan') r = Math.max(r, nsRank(info.underlay))
    else if (info) r = Math.max(r, rank(info.lower.link), nsRank(info.lower.netns))
    memo.set(id, r)
    return r
  }
  const rank = (id: LinkId): number => {
    const link = nsOfLink.get(id)?.link
    const peer = link?.kind === 'veth' ? link.peer : undefined
    return peer ? Math.max(own(id), own(peer.link), nsRank(peer.netns)) : own(id)
  }
  return new Map([...nsOfLink.keys()].map((id) => [id, rank(id)]))
}

/** Commands of every block, by rank and phase. */
function collect(c: ExportContext, att: Attribution): Map<number, Map<Phase, string[]>> {
  const out = new Map<number, Map<Phase, string[]>>()
  const emitAt =
    (rank: number): Emit =>
    (phase, line) => {
      const block = out.get(rank) ?? new Map<Phase, string[]>()
      out.set(rank, block)
      block.set(phase, [...(block.get(phase) ?? []), line])
    }
  const placed = placeLinks(c.host, att)
  const nss = orderedNetns(c.host)
  const dockerd = att.blocks.find((b) => b.rank === 1) ? 1 : 0
  for (const ns of nss) {
    const r = att.nsRank.get(ns.id) ?? 0
    netnsCommands(c, ns, emitAt(r))
    const forDevice = (l: Link): Emit => emitAt(placed.get(l.id) ?? r)
    sysctlCommands(c, ns, emitAt(ns.id === INIT_NETNS ? dockerd : r), forDevice)
  }
  const links = nss
    .flatMap((ns) => orderedLinks(ns).map((link) => ({ ns, link })))
    .sort((a, b) => KIND_ORDER[a.link.kind] - KIND_ORDER[b.link.kind])
  for (const { ns, link } of links) {
    const emit = emitAt(placed.get(link.id) ?? 0)
    const peer = link.peer && resolveLink(c.host.kernel, link.peer)
    linkCommands(c, ns, link, makesPair(link, peer), emit)
    neighCommands(c, ns, link, emit)
  }
  for (const ns of nss) {
    for (const r of ns.routes) {
      const line = routeCommand(c, ns, r)
      if (line !== undefined) emitAt(placed.get(r.dev) ?? 0)('route', line)
    }
  }
  return out
}

/** The end of a veth pair made first (the older device) makes the pair; the other only wires itself. */
function makesPair(link: Link, peer: Link | undefined): boolean {
  if (!peer || !link.peer) return true
  return seqOf(link.id) < seqOf(peer.id)
}

function hostOf(world: World, id: HostId): Host {
  const host = world.hosts[id]
  if (!host) throw new Error(`no host ${id}`)
  return host
}

function contextFor(world: World, id: HostId, options: ExportOptions): ExportContext {
  const prefix = options.prefix ?? defaultPrefix(world)
  return { world, host: hostOf(world, id), naming: { prefix, host: id } }
}

/** The replay script of one host: `#!/bin/sh`, `set -e`, the LANs, then one block per action. */
export function exportScript(world: World, id: HostId, options: ExportOptions = {}): string {
  const c = contextFor(world, id, options)
  const att = attribute(c.host)
  const commands = collect(c, att)
  const lines = [
    '#!/bin/sh',
    `# Docker Network Lab: the data plane of ${id} as real commands (world seed ${world.seed}, rev ${world.rev}).`,
    `# Every namespace it makes starts with ${c.naming.prefix}; export-commands --cleanup ${id} removes them.`,
    "# Run it as root on Linux with iproute2 and iptables; nothing touches the machine's own network.",
    `# Then look inside: ip netns exec ${nsName(c.naming, INIT_NETNS)} ip route, iptables-save, ping …`,
    'set -e',
  ]
  for (const s of segmentsOf(c)) lines.push('', ...lanBlock(c.naming.prefix, s))
  for (const b of att.blocks) {
    const phases = commands.get(b.rank)
    const body = PHASES.flatMap((p) => phases?.get(p) ?? [])
    if (body.length > 0) lines.push('', ...b.comment.map((l) => `# ${l}`), ...body)
  }
  for (const ns of orderedNetns(c.host)) {
    const block = iptablesBlock(c, ns)
    if (block.length > 0) lines.push('', ...block)
  }
  return `${lines.join('\n')}\n`
}

/** Deletes every namespace the script makes (its devices go with them); missing ones are fine. */
export function exportCleanup(world: World, id: HostId, options: ExportOptions = {}): string {
  const c = contextFor(world, id, options)
  const own = orderedNetns(c.host)
    .reverse()
    .map((ns) => nsName(c.naming, ns.id))
  const shared = segmentsOf(c).flatMap((s) => [
    lanNs(c.naming.prefix, s),
    routerNs(c.naming.prefix, s),
  ])
  const names = [...own, ...new Set(shared)]
  return [
    '#!/bin/sh',
    `# Docker Network Lab: removes what the export of ${id} made (prefix ${c.naming.prefix}).`,
    `# The LAN and router namespaces are shared with the other hosts' replays.`,
    ...names.map((n) => `ip netns del ${n} 2>/dev/null || true`),
    '',
  ].join('\n')
}
