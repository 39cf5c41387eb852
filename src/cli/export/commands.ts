// The iproute2 commands that make one namespace or device of the model, phase by phase: what
// `ip -d link`, `ip addr`, `ip route`, `ip neigh` and `bridge fdb` show, written back as input.

import {
  deviceOfSysctl,
  formatCidr,
  formatIpv4,
  getLink,
  linksOf,
  resolveLink,
  type Host,
  type Link,
  type Netns,
  type Route,
  type World,
} from '../../engine'
import { sysctlValue } from '../linux/sysctl'
import { cableName, lanNs, nsName, type Naming } from './names'

/** The order commands run in within a block: a device exists before it is wired, and so on. */
export const PHASES = [
  'netns',
  'create',
  'master',
  'addr',
  'up',
  'route',
  'neigh',
  'fdb',
  'sysctl',
] as const
export type Phase = (typeof PHASES)[number]
export type Emit = (phase: Phase, line: string) => void

export type ExportContext = { readonly world: World; readonly host: Host; readonly naming: Naming }

/** Creation order of device kinds inside a block: lower devices before their children. */
export const KIND_ORDER: Readonly<Record<Link['kind'], number>> = {
  loopback: 0,
  ether: 1,
  dummy: 2,
  bridge: 3,
  vlan: 4,
  veth: 5,
  vxlan: 6,
  macvlan: 7,
  ipvlan: 8,
}

const ipn = (c: ExportContext, ns: Netns | string): string =>
  `ip -n ${typeof ns === 'string' ? ns : nsName(c.naming, ns.id)}`

export function netnsCommands(c: ExportContext, ns: Netns, emit: Emit): void {
  emit('netns', `ip netns add ${nsName(c.naming, ns.id)}`)
  if (linksOf(ns).some((l) => l.kind === 'loopback' && l.up)) {
    emit('netns', `${ipn(c, ns)} link set lo up`)
  }
  // A host runs systemd's sysctl defaults (50-default.conf: loose reverse-path filtering); a
  // fresh namespace starts from the kernel's (0).
  if (ns.role === 'host') {
    for (const key of ['net.ipv4.conf.all.rp_filter', 'net.ipv4.conf.default.rp_filter']) {
      const value = sysctlValue(ns, [], key)
      if (value !== undefined && value !== '0' && ns.sysctl[key] === undefined)
        emit('netns', `ip netns exec ${nsName(c.naming, ns.id)} sysctl -qw ${key}=${value}`)
    }
  }
}

/**
 * `sysctl -w` of the namespace's settings; a device's own (`net.ipv4.conf.docker0.…`) go to
 * `emitFor(device)`, the block that makes the device, the others to `emit`.
 */
export function sysctlCommands(
  c: ExportContext,
  ns: Netns,
  emit: Emit,
  emitFor: (device: Link) => Emit,
): void {
  for (const key of Object.keys(ns.sysctl).sort()) {
    const name = deviceOfSysctl(key)
    const device = name === undefined ? undefined : linksOf(ns).find((l) => l.name === name)
    const line = `ip netns exec ${nsName(c.naming, ns.id)} sysctl -qw ${key}=${ns.sysctl[key] ?? ''}`
    ;(device ? emitFor(device) : emit)('sysctl', line)
  }
}

/** `address MAC mtu N`, the settings every created device takes (ipvlan shares its lower's MAC). */
function common(l: Link): string {
  const mac = l.kind === 'ipvlan' || (l.kind === 'bridge' && l.randomMac) ? '' : ` address ${l.mac}`
  return `${mac} mtu ${l.mtu}`
}

function typeArgs(
  c: ExportContext,
  l: Link,
): { type: string; lower?: { ns: string; name: string } } {
  const info = l.info
  if (!info) return { type: l.kind === 'ether' ? 'dummy' : l.kind }
  if (info.kind === 'vxlan') {
    const flags = `${info.proxy ? ' proxy' : ''}${info.learning ? '' : ' nolearning'} l2miss l3miss`
    return {
      type: `vxlan id ${info.vni} dstport ${info.port}${flags}`,
      lower: { ns: nsName(c.naming, info.underlay), name: '' },
    }
  }
  const lower = {
    ns: nsName(c.naming, info.lower.netns),
    name: resolveLink(c.host.kernel, info.lower)?.name ?? '?',
  }
  switch (info.kind) {
    case 'macvlan':
      return { type: `macvlan mode ${info.mode}`, lower }
    case 'ipvlan':
      return { type: `ipvlan mode ${info.mode} ${info.flag}`, lower }
    case 'vlan':
      return { type: `vlan id ${info.id}`, lower }
  }
}

/**
 * Makes the device where it belongs. A device with a lower device or an underlay is made next
 * to it under a temporary name, then moved and renamed (as Docker does for vxlan and macvlan).
 */
function createCommands(c: ExportContext, ns: Netns, l: Link, emit: Emit): void {
  const here = nsName(c.naming, ns.id)
  if (l.kind === 'loopback') return
  if (l.kind === 'veth') {
    const peer = l.peer && resolveLink(c.host.kernel, l.peer)
    if (!l.peer || !peer)
      return emit('create', `${ipn(c, here)} link add ${l.name}${common(l)} type dummy`)
    const there = nsName(c.naming, l.peer.netns)
    emit(
      'create',
      `${ipn(c, here)} link add ${l.name}${common(l)} type veth peer name ${peer.name}${common(peer)} netns ${there}`,
    )
    return
  }
  if (l.kind === 'ether' && l.segment !== undefined) {
    const segment = c.world.segments[l.segment]
    if (segment) {
      const lan = lanNs(c.naming.prefix, segment)
      const cable = cableName(c.world, c.host.id, l.name)
      emit(
        'create',
        `${ipn(c, here)} link add ${l.name}${common(l)} type veth peer name ${cable} netns ${lan}`,
      )
      emit('master', `${ipn(c, lan)} link set ${cable} master br0`)
      emit('up', `${ipn(c, lan)} link set ${cable} up`)
      return
    }
  }
  const { type, lower } = typeArgs(c, l)
  if (!lower) return emit('create', `${ipn(c, here)} link add ${l.name}${common(l)} type ${type}`)
  const link = lower.name === '' ? '' : ` link ${lower.name}`
  if (lower.ns === here) {
    return emit('create', `${ipn(c, here)} link add ${l.name}${link}${common(l)} type ${type}`)
  }
  const tmp = `tmp-${l.id}`
  emit('create', `${ipn(c, lower.ns)} link add ${tmp}${link}${common(l)} type ${type}`)
  emit('create', `${ipn(c, lower.ns)} link set ${tmp} netns ${here}`)
  emit('create', `${ipn(c, here)} link set ${tmp} name ${l.name}`)
}

/** Everything one device needs: creation (veth: by the end that makes the pair), master, addresses, up. */
export function linkCommands(
  c: ExportContext,
  ns: Netns,
  l: Link,
  makesPair: boolean,
  emit: Emit,
): void {
  if (l.kind !== 'veth' || makesPair) createCommands(c, ns, l, emit)
  const dev = `${ipn(c, ns)} link set ${l.name}`
  const master = l.master === undefined ? undefined : linkName(ns, l.master)
  if (master) emit('master', `${dev} master ${master}`)
  if (master && l.hairpin) emit('master', `${dev} type bridge_slave hairpin on`)
  for (const a of l.addrs) {
    if (l.kind === 'loopback' && formatCidr(a.cidr) === '127.0.0.1/8') continue
    const brd = a.brd === undefined ? '' : ` brd ${formatIpv4(a.brd)}`
    const scope = a.scope === 'global' ? '' : ` scope ${a.scope}`
    emit('addr', `${ipn(c, ns)} addr add ${formatCidr(a.cidr)}${brd}${scope} dev ${l.name}`)
  }
  if (l.up && l.kind !== 'loopback') emit('up', `${dev} up`)
}

const linkName = (ns: Netns, id: Link['id']): string | undefined => getLink(ns, id)?.name

/** `ip route add` for a route the kernel does not add by itself (not `proto kernel`). */
export function routeCommand(c: ExportContext, ns: Netns, r: Route): string | undefined {
  if (r.proto === 'kernel') return undefined
  const dev = linkName(ns, r.dev)
  if (dev === undefined) return undefined
  const dst = r.dst.len === 0 ? 'default' : formatCidr(r.dst)
  const via = r.via === undefined ? '' : ` via ${formatIpv4(r.via)}`
  const proto = r.proto === 'boot' ? '' : ` proto ${r.proto}`
  // iproute2 picks scope link for a route without a gateway, global with one.
  const implied = r.via === undefined ? 'link' : 'global'
  const scope = r.scope === implied ? '' : ` scope ${r.scope}`
  const src = r.src === undefined ? '' : ` src ${formatIpv4(r.src)}`
  const metric = r.metric === undefined ? '' : ` metric ${r.metric}`
  return `${ipn(c, ns)} route add ${dst}${via} dev ${dev}${proto}${scope}${src}${metric}`
}

/** The ARP entries and VXLAN forwarding entries a control plane programs (Docker's overlay). */
export function neighCommands(c: ExportContext, ns: Netns, dev: Link, emit: Emit): void {
  for (const n of ns.neigh) {
    if (n.dev !== dev.id || n.state !== 'PERMANENT') continue
    emit(
      'neigh',
      `${ipn(c, ns)} neigh add ${formatIpv4(n.ip)} lladdr ${n.mac} dev ${dev.name} nud permanent`,
    )
  }
  for (const f of ns.fdb) {
    if (f.port !== dev.id || f.dst === undefined) continue
    const name = nsName(c.naming, ns.id)
    emit(
      'fdb',
      `bridge -n ${name} fdb add ${f.mac} dev ${dev.name} dst ${formatIpv4(f.dst)} self permanent`,
    )
  }
}
