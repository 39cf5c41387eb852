// Which Docker action each namespace and device of a host stands for: the export's blocks, in
// the order a replay must make them (a block comes after every block it builds on).

import {
  INIT_NETNS,
  allContainers,
  allEndpoints,
  allNetns,
  formatCidr,
  getNetwork,
  linksOf,
  type Host,
  type Link,
  type LinkId,
  type Netns,
  type NetnsId,
} from '../../engine'
import { connectCommands, createCommand, runCommand } from './docker-actions'
import { seqOf } from './names'

/** One Docker action: its comment lines and its place in the script. */
export type Block = { readonly rank: number; readonly comment: readonly string[] }

export type Attribution = {
  readonly blocks: readonly Block[]
  /** The block each namespace is made in. */
  readonly nsRank: ReadonlyMap<NetnsId, number>
  /** The block each device was claimed by (before its dependencies move it later). */
  readonly linkRank: ReadonlyMap<LinkId, number>
}

const MACHINE = 0
const DOCKERD = 1
const NETWORKS = 10
const SANDBOXES = 5000
const CONTAINERS = 6000
const LAB = 9000

const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1)
const firstAddr = (l: Link | undefined): string =>
  l?.addrs[0] === undefined ? '' : ` ${formatCidr(l.addrs[0].cidr)}`

/** Namespaces and devices in creation order (ids are handed out in sequence). */
export function orderedNetns(host: Host): Netns[] {
  return allNetns(host.kernel).sort((a, b) => seqOf(a.id) - seqOf(b.id))
}

export function orderedLinks(ns: Netns): Link[] {
  return linksOf(ns).sort((a, b) => seqOf(a.id) - seqOf(b.id))
}

function linkById(host: Host, id: LinkId): Link | undefined {
  for (const ns of allNetns(host.kernel)) {
    const l = linksOf(ns).find((x) => x.id === id)
    if (l) return l
  }
  return undefined
}

function networkBlocks(host: Host, add: (b: Block) => void, claim: Claim): void {
  const d = host.daemon
  d.networkOrder.forEach((id, i) => {
    const n = getNetwork(d, id)
    if (!n || n.predefined) return
    const rank = NETWORKS + i
    const parts: string[] = []
    if (n.bridge) {
      const br = linkById(host, n.bridge.link)
      parts.push(`bridge ${br?.name ?? n.bridge.options.name}${firstAddr(br)}`)
      claim.link(n.bridge.link, rank)
    }
    const sb = n.overlay?.sandbox
    if (sb) {
      const ns = orderedNetns(host).find((x) => x.id === sb.netns)
      const br = linkById(host, sb.bridge)
      parts.push(`sandbox ${basename(ns?.path ?? sb.netns)}, br0${firstAddr(br)}`)
      parts.push(`vxlan0 (VNI ${n.overlay?.vni ?? 0}), the peers' ARP and FDB entries`)
      claim.ns(sb.netns, rank)
    }
    const lb = n.overlay?.lb
    if (lb) {
      const ns = orderedNetns(host).find((x) => x.id === lb.netns)
      parts.push(`load balancer sandbox ${basename(ns?.path ?? lb.netns)}`)
      claim.ns(lb.netns, rank)
    }
    if (n.lowerDev) {
      parts.push(`parent ${n.lowerDev.parent}${n.lowerDev.created ? ' (made by Docker)' : ''}`)
      if (n.lowerDev.created) claim.link(n.lowerDev.link, rank)
    }
    add({ rank, comment: [`${createCommand(n)}: ${parts.join(', ') || 'no devices'}`] })
  })
}

function containerBlocks(host: Host, add: (b: Block) => void, claim: Claim): void {
  const d = host.daemon
  const running = allContainers(d)
    .filter((c) => c.sandbox !== undefined)
    .sort((a, b) => a.created - b.created || a.name.localeCompare(b.name))
  running.forEach((c, i) => {
    const rank = CONTAINERS + i
    const parts = ['netns']
    if (c.sandbox) claim.ns(c.sandbox.netns, rank)
    const ns = orderedNetns(host).find((x) => x.id === c.sandbox?.netns)
    for (const ep of allEndpoints(d).filter((e) => e.container === c.id)) {
      const net = getNetwork(d, ep.network)
      const pair = ep.hostLink === ep.containerLink ? (net?.driver ?? 'link') : 'veth pair'
      const addr = ep.ipv4 ? ` ${formatCidr(ep.ipv4)}` : ''
      parts.push(`${ep.ifname} on ${net?.name ?? ep.network} (${pair}${addr})`)
      claim.link(ep.hostLink, rank)
      claim.link(ep.containerLink, rank)
    }
    const dflt = ns?.routes.find((r) => r.dst.len === 0 && r.proto !== 'kernel')
    if (dflt) parts.push('default route')
    const comment = [`${runCommand(d, c)}: ${parts.join(', ')}`]
    add({ rank, comment: [...comment, ...connectCommands(d, c).map((x) => `(and ${x})`)] })
  })
}

type Claim = {
  /** Claims a namespace for a block unless one already has it; true if this one did. */
  ns(id: NetnsId, rank: number): boolean
  link(id: LinkId, rank: number): void
}

/** Blocks of one host: machine, dockerd, networks, sandboxes, containers, the lab's own. */
export function attribute(host: Host): Attribution {
  const blocks: Block[] = []
  const nsRank = new Map<NetnsId, number>()
  const linkRank = new Map<LinkId, number>()
  const add = (b: Block): void => void blocks.push(b)
  const claim: Claim = {
    ns: (id, rank) => !nsRank.has(id) && (nsRank.set(id, rank), true),
    link: (id, rank) => void (linkRank.has(id) || linkRank.set(id, rank)),
  }
  const nss = orderedNetns(host)
  const hostNs = nss.find((n) => n.id === INIT_NETNS)
  const nics = linksOf(hostNs).filter((l) => l.kind === 'ether')
  claim.ns(INIT_NETNS, MACHINE)
  for (const l of linksOf(hostNs))
    if (l.kind === 'loopback' || l.kind === 'ether') claim.link(l.id, MACHINE)
  const nicText = nics.map((l) => `${l.name}${firstAddr(l)} on LAN ${l.segment ?? '?'}`).join(', ')
  add({ rank: MACHINE, comment: [`machine ${host.id}: ${nicText || 'no NIC'}, its routes`] })

  const bridgeNet = host.daemon.networkOrder
    .map((id) => getNetwork(host.daemon, id))
    .find((n) => n?.predefined === true && n.bridge !== undefined)
  if (bridgeNet?.bridge) {
    const br = linkById(host, bridgeNet.bridge.link)
    claim.link(bridgeNet.bridge.link, DOCKERD)
    const fwd = hostNs?.sysctl['net.ipv4.ip_forward'] === '1' ? ', net.ipv4.ip_forward=1' : ''
    add({
      rank: DOCKERD,
      comment: [`dockerd start: ${br?.name ?? 'docker0'}${firstAddr(br)}${fwd}`],
    })
  }
  networkBlocks(host, add, claim)
  containerBlocks(host, add, claim)
  nss
    .filter((n) => n.role === 'sandbox' && !nsRank.has(n.id))
    .forEach((n, i) => {
      const name = basename(n.path)
      const what = name === 'ingress_sbox' ? 'docker swarm init / join' : 'dockerd'
      claim.ns(n.id, SANDBOXES + i)
      add({ rank: SANDBOXES + i, comment: [`${what}: sandbox ${name}`] })
    })
  let lab = false
  for (const n of nss) {
    if (!nsRank.has(n.id)) lab = claim.ns(n.id, LAB)
    for (const l of linksOf(n)) {
      if (n.id !== INIT_NETNS || linkRank.has(l.id)) continue
      // A veth into a namespace Docker made (ingress_sbox's eth1) is that namespace's.
      const peerRank = l.peer ? (nsRank.get(l.peer.netns) ?? LAB) : LAB
      if (l.peer?.netns !== INIT_NETNS && peerRank < LAB) continue
      lab = (claim.link(l.id, LAB), true)
    }
  }
  if (lab) add({ rank: LAB, comment: ['made in the lab with ip commands, not by Docker'] })
  return { blocks: blocks.sort((a, b) => a.rank - b.rank), nsRank, linkRank }
}
