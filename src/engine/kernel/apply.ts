// The one writer of kernel state: applies a KernelOp to a host's Kernel and returns the new
// Kernel. Records are copied on first write within a command (model/draft.ts), so committed
// worlds are never changed and unchanged records stay shared. What Linux does on its own is
// done here too: the connected route of an address on an up device, removing a veth's peer with
// it, dropping a device's routes, neighbours and FDB entries when it goes, 127.0.0.1 on a
// loopback coming up, secondaries going with their primary, a bridge following its ports' MACs.

import { assert, exhaustive } from '../../lib/assert'
import { plainEqual } from '../../lib/record-diff'
import { EMPTY_TABLE, tableGet, tableValues, tableWith, type Own } from '../../lib/table'
import { Draft, type Mutable } from '../model/draft'
import { INIT_NETNS, type LinkId, type NetnsId } from '../model/ids'
import {
  connectedRoute,
  insertPrimary,
  isSame,
  isSameRoute,
  LO_ADDR,
  primaries,
  sameSubnet,
} from './addrs'
import { liveEntries, withEntry } from './conntrack'
import { lowerOf } from './links'
import { applyNetfilterOp } from './netfilter/apply'
import { EMPTY_NETFILTER } from './netfilter/types'
import type { KernelOp, VethEnd } from './ops'
import type { IfAddr, Kernel, Link, LinkStats, Netns, Process } from './types'

export function applyKernelOp(kernel: Kernel, op: KernelOp, draft: Draft = new Draft()): Kernel {
  const k = new KernelWriter(kernel, draft)
  k.apply(op)
  return k.kernel
}

class KernelWriter {
  private readonly own: Own

  constructor(
    public kernel: Kernel,
    private readonly draft: Draft,
  ) {
    this.own = (record) => draft.own(record)
  }

  private ns(id: NetnsId): Netns {
    const ns = tableGet(this.kernel.netns, id)
    assert(ns, `no netns ${id}`)
    return ns
  }

  private link(netns: NetnsId, id: LinkId): Link | undefined {
    const ns = tableGet(this.kernel.netns, netns)
    return ns && tableGet(ns.links, id)
  }

  /** A writable copy of a namespace, installed in the kernel. */
  private writeNs(id: NetnsId) {
    const current = this.ns(id)
    const ns = this.draft.own(current)
    if (ns !== current) {
      const kernel = this.draft.own(this.kernel)
      kernel.netns = tableWith(kernel.netns, id, ns, this.own)
      this.kernel = kernel
    }
    return ns
  }

  private writeLink(netns: NetnsId, id: LinkId) {
    const ns = this.writeNs(netns)
    const link = tableGet(ns.links, id)
    assert(link, `no link ${id} in ${netns}`)
    const copy = this.draft.own(link)
    if (copy !== link) ns.links = tableWith(ns.links, id, copy, this.own)
    return { ns, link: copy }
  }

  private addLink(netns: NetnsId, link: Omit<Link, 'ifindex'>): void {
    const ns = this.writeNs(netns)
    assert(!tableGet(ns.links, link.id), `link ${link.id} exists in ${netns}`)
    const ifindex = takeIfindex(ns)
    ns.links = tableWith(ns.links, link.id, this.draft.adopt({ ...link, ifindex }), this.own)
  }

  /**
   * Moves a device to another namespace (dev_change_net_namespace): it is closed, loses its
   * addresses, master, routes and neighbours, keeps its ifindex unless taken there, and its
   * veth peer's pointer follows it.
   */
  private moveLink(from: NetnsId, to: NetnsId, id: LinkId, name?: string): void {
    const link = this.link(from, id)
    assert(link, `no link ${id} in ${from}`)
    this.removeLink(from, id)
    this.followPorts(from, link.master)
    const ns = this.writeNs(to)
    const taken = tableValues(ns.links).some((l) => l.ifindex === link.ifindex)
    const { master: _m, ...rest } = link
    const moved: Link = {
      ...rest,
      name: name ?? link.name,
      up: false,
      addrs: [],
      ifindex: taken ? takeIfindex(ns) : link.ifindex,
    }
    if (!taken && link.ifindex >= ns.nextIfindex)
      ns.movedIfindexes = [...(ns.movedIfindexes ?? []), link.ifindex]
    ns.links = tableWith(ns.links, id, this.draft.adopt(moved), this.own)
    if (link.peer && this.link(link.peer.netns, link.peer.link)) {
      this.writeLink(link.peer.netns, link.peer.link).link.peer = { netns: to, link: id }
    }
    // A device's stacked children stay bound to it wherever it goes: their lower refs follow.
    for (const child of this.stackedOn(from, link)) {
      const { link: c } = this.writeLink(child.netns, child.link)
      if (c.info && c.info.kind !== 'vxlan') c.info = { ...c.info, lower: { netns: to, link: id } }
    }
  }

  /**
   * The macvlan, ipvlan and vlan devices stacked on `link` of `netns`, in any namespace. Veths,
   * loopback and vxlan devices are never anyone's lower here (Docker stacks on NICs, its own
   * sub-interfaces and dummies), which spares the scan on the hot veth paths.
   */
  private stackedOn(netns: NetnsId, link: Link): { netns: NetnsId; link: LinkId }[] {
    if (link.kind === 'veth' || link.kind === 'loopback' || link.kind === 'vxlan') return []
    const found: { netns: NetnsId; link: LinkId }[] = []
    for (const ns of tableValues(this.kernel.netns)) {
      for (const l of tableValues(ns.links)) {
        const lower = lowerOf(l)
        if (lower?.netns === netns && lower.link === link.id)
          found.push({ netns: ns.id, link: l.id })
      }
    }
    return found
  }

  /**
   * Deleting a lower device deletes what is stacked on it, and what is stacked on those (the
   * NETDEV_UNREGISTER handlers: macvlan_device_event, ipvlan_device_event, vlan_device_event).
   */
  private removeStacked(netns: NetnsId, link: Link): void {
    for (const child of this.stackedOn(netns, link)) {
      const gone = this.link(child.netns, child.link)
      if (!gone) continue
      this.removeLink(child.netns, child.link)
      this.removeStacked(child.netns, gone)
    }
  }

  /**
   * A bridge whose MAC the kernel drew takes the lowest MAC of its ports, or zeros when it has
   * none left (net/bridge/br_stp_if.c br_stp_recalculate_bridge_id, on a port joining, leaving
   * or changing its MAC).
   */
  private followPorts(netns: NetnsId, bridge: LinkId | undefined): void {
    const br = bridge === undefined ? undefined : this.link(netns, bridge)
    if (!br || br.kind !== 'bridge' || !br.randomMac) return
    const macs = tableValues(this.ns(netns).links)
      .filter((l) => l.master === br.id)
      .map((l) => l.mac)
      .sort()
    const mac = macs[0] ?? '00:00:00:00:00:00'
    if (mac !== br.mac) this.writeLink(netns, br.id).link.mac = mac
  }

  private removeLink(netns: NetnsId, id: LinkId): void {
    const ns = this.writeNs(netns)
    const gone = tableGet(ns.links, id)
    assert(gone, `no link ${id} in ${netns}`)
    ns.links = tableWith(ns.links, id, undefined, this.own)
    // Ports of a deleted bridge are released.
    if (gone.kind === 'bridge') {
      for (const l of tableValues(ns.links)) {
        if (l.master === id) {
          const { master: _m, ...port } = l
          ns.links = tableWith(ns.links, l.id, port, this.own)
        }
      }
    }
    ns.routes = ns.routes.filter((r) => r.dev !== id)
    ns.neigh = ns.neigh.filter((n) => n.dev !== id)
    ns.fdb = ns.fdb.filter((f) => f.bridge !== id && f.port !== id)
    // Its /proc/sys/net/ipv4/conf/<dev>/ goes with it (a device moved elsewhere starts afresh).
    if (Object.keys(ns.sysctl).some((k) => deviceOfSysctl(k) === gone.name))
      ns.sysctl = renameDeviceSysctl(ns.sysctl, gone.name, undefined)
  }

  /**
   * Removes an address. Deleting a primary takes its secondaries along, or promotes the first
   * one with `promote_secondaries` (devinet.c __inet_del_ifa); the prefix route goes with the
   * primary, routes preferring a vanished source go (fib_sync_down_addr), and a device left
   * without addresses loses every route through it (fib_disable_ip).
   */
  private deleteAddr(netns: NetnsId, id: LinkId, addr: IfAddr): void {
    const { ns, link } = this.writeLink(netns, id)
    const gone = link.addrs.find((a) => isSame(a, addr))
    if (!gone) return
    const wasPrimary = primaries(link.addrs).includes(gone)
    const promote = [`all`, link.name].some(
      (dev) => ns.sysctl[`net.ipv4.conf.${dev}.promote_secondaries`] === '1',
    )
    const removed = link.addrs.filter(
      (a) => a === gone || (wasPrimary && !promote && sameSubnet(a, gone)),
    )
    link.addrs = link.addrs.filter((a) => !removed.includes(a))
    const stillLocal = (ip: number): boolean =>
      tableValues(ns.links).some((l) => l.addrs.some((a) => a.cidr.addr === ip))
    const prefix = connectedRoute(link, gone)[0]
    ns.routes = ns.routes.filter(
      (r) =>
        !(wasPrimary && prefix && r.dev === id && r.proto === 'kernel' && isSameRoute(r, prefix)) &&
        !(r.src !== undefined && removed.some((a) => a.cidr.addr === r.src) && !stillLocal(r.src)),
    )
    const promoted = wasPrimary && promote ? link.addrs.find((a) => sameSubnet(a, gone)) : undefined
    if (promoted && link.up) ns.routes = [...ns.routes, ...connectedRoute(link, promoted)]
    if (link.addrs.length === 0) ns.routes = ns.routes.filter((r) => r.dev !== id)
  }

  apply(op: KernelOp): void {
    switch (op.kind) {
      case 'netns.add': {
        assert(!tableGet(this.kernel.netns, op.netns), `netns ${op.netns} exists`)
        const kernel = this.draft.own(this.kernel)
        kernel.netns = tableWith(
          kernel.netns,
          op.netns,
          this.draft.adopt({
            id: op.netns,
            role: op.role,
            path: op.path,
            nextIfindex: 1,
            links: EMPTY_TABLE,
            routes: [],
            neigh: [],
            fdb: [],
            netfilter: EMPTY_NETFILTER,
            conntrack: [],
            sockets: [],
            sysctl: {},
          }),
          this.own,
        )
        this.kernel = kernel
        return
      }
      case 'netns.del': {
        // Physical NICs go back to the host's namespace (net/core/dev.c default_device_exit).
        for (const nic of tableValues(this.ns(op.netns).links)) {
          if (nic.kind !== 'ether' || op.netns === INIT_NETNS) continue
          const home = tableValues(this.ns(INIT_NETNS).links)
          const clash = home.some((l) => l.name === nic.name)
          this.moveLink(op.netns, INIT_NETNS, nic.id, clash ? `dev${nic.ifindex}` : undefined)
        }
        const gone = this.ns(op.netns)
        const kernel = this.draft.own(this.kernel)
        kernel.netns = tableWith(kernel.netns, op.netns, undefined, this.own)
        this.kernel = kernel
        // Devices die with their namespace; so do the peers of its veths, wherever they are, and
        // the devices stacked on its devices.
        for (const link of tableValues(gone.links)) {
          const peer = link.peer && this.link(link.peer.netns, link.peer.link)
          if (link.peer && peer) {
            this.removeLink(link.peer.netns, peer.id)
            this.followPorts(link.peer.netns, peer.master)
          }
          this.removeStacked(op.netns, link)
        }
        return
      }
      case 'link.add':
        this.addLink(op.netns, { id: op.link, up: false, addrs: [], ...op.spec })
        return
      case 'veth.add': {
        const end = (self: VethEnd, peer: VethEnd): Omit<Link, 'ifindex'> => ({
          id: self.link,
          name: self.name,
          kind: 'veth',
          mac: self.mac,
          mtu: self.mtu,
          txqlen: self.txqlen ?? 0,
          up: false,
          addrs: [],
          peer: { netns: peer.netns, link: peer.link },
        })
        this.addLink(op.a.netns, end(op.a, op.b))
        this.addLink(op.b.netns, end(op.b, op.a))
        return
      }
      case 'link.del': {
        // Gone already (deleted by hand under Docker): nothing to do, as libnetwork only warns.
        const link = this.link(op.netns, op.link)
        if (!link) return
        this.removeLink(op.netns, op.link)
        this.followPorts(op.netns, link.master)
        const peer = link.peer && this.link(link.peer.netns, link.peer.link)
        if (link.peer && peer) {
          this.removeLink(link.peer.netns, peer.id)
          this.followPorts(link.peer.netns, peer.master)
        }
        this.removeStacked(op.netns, link)
        return
      }
      case 'link.set-up': {
        const current = this.link(op.netns, op.link)
        assert(current, `no link ${op.link}`)
        if (current.up === op.up) return
        const { ns, link } = this.writeLink(op.netns, op.link)
        link.up = op.up
        // A loopback coming up gets 127.0.0.1/8 unless it has it (devinet.c inetdev_event).
        if (op.up && link.kind === 'loopback' && !link.addrs.some((a) => isSame(a, LO_ADDR))) {
          link.addrs = [LO_ADDR, ...link.addrs]
        }
        ns.routes = op.up
          ? [...ns.routes, ...primaries(link.addrs).flatMap((a) => connectedRoute(link, a))]
          : ns.routes.filter((r) => r.dev !== op.link)
        return
      }
      case 'link.set-master': {
        const before = this.link(op.netns, op.link)?.master
        const after = op.master ?? undefined
        if (before === after) return
        const { ns, link } = this.writeLink(op.netns, op.link)
        if (after === undefined) delete link.master
        else link.master = after
        // Port flags belong to the bridge port, which a new master makes afresh.
        delete link.hairpin
        // What the old bridge learnt on this port goes (br_fdb_delete_by_port).
        ns.fdb = ns.fdb.filter((f) => !(f.port === op.link && f.bridge === before))
        this.followPorts(op.netns, before)
        this.followPorts(op.netns, after)
        return
      }
      case 'link.rename': {
        const { ns, link } = this.writeLink(op.netns, op.link)
        if (Object.keys(ns.sysctl).some((k) => deviceOfSysctl(k) === link.name))
          ns.sysctl = renameDeviceSysctl(ns.sysctl, link.name, op.name)
        link.name = op.name
        return
      }
      case 'link.set-hairpin': {
        const { link } = this.writeLink(op.netns, op.link)
        if (op.hairpin) link.hairpin = true
        else delete link.hairpin
        return
      }
      case 'link.set-netns':
        if (op.to !== op.netns) this.moveLink(op.netns, op.to, op.link)
        return
      case 'link.set-mac': {
        const { link } = this.writeLink(op.netns, op.link)
        link.mac = op.mac
        delete link.randomMac
        this.followPorts(op.netns, link.master)
        return
      }
      case 'link.set-mtu':
        this.writeLink(op.netns, op.link).link.mtu = op.mtu
        return
      case 'addr.add': {
        const { ns, link } = this.writeLink(op.netns, op.link)
        const secondary = link.addrs.some((a) => sameSubnet(a, op.addr))
        link.addrs = secondary ? [...link.addrs, op.addr] : insertPrimary(link.addrs, op.addr)
        if (link.up && !secondary) ns.routes = [...ns.routes, ...connectedRoute(link, op.addr)]
        return
      }
      case 'addr.del':
        this.deleteAddr(op.netns, op.link, op.addr)
        return
      case 'route.add': {
        const ns = this.writeNs(op.netns)
        ns.routes = [...ns.routes, op.route]
        return
      }
      case 'route.del': {
        const ns = this.writeNs(op.netns)
        ns.routes = ns.routes.filter((r) => !plainEqual(r, op.route))
        return
      }
      case 'neigh.set': {
        const ns = this.writeNs(op.netns)
        ns.neigh = [
          ...ns.neigh.filter((n) => !(n.ip === op.entry.ip && n.dev === op.entry.dev)),
          op.entry,
        ]
        return
      }
      case 'fdb.set': {
        const ns = this.writeNs(op.netns)
        ns.fdb = [
          ...ns.fdb.filter((f) => !(f.bridge === op.entry.bridge && f.mac === op.entry.mac)),
          op.entry,
        ]
        return
      }
      case 'ipvs.set': {
        const ns = this.writeNs(op.netns)
        const others = (ns.ipvs ?? []).filter((s) => s.fwmark !== op.service.fwmark)
        const all = op.service.dests.length ? [...others, op.service] : others
        if (all.length) ns.ipvs = all.sort((a, b) => a.fwmark - b.fwmark)
        else delete ns.ipvs
        return
      }
      case 'neigh.del': {
        const ns = this.writeNs(op.netns)
        ns.neigh = ns.neigh.filter((n) => !(n.ip === op.ip && n.dev === op.dev))
        return
      }
      case 'fdb.del': {
        const ns = this.writeNs(op.netns)
        ns.fdb = ns.fdb.filter((f) => !(f.bridge === op.bridge && f.mac === op.mac))
        return
      }
      case 'sysctl.set': {
        const ns = this.writeNs(op.netns)
        ns.sysctl = { ...ns.sysctl, [op.key]: op.value }
        return
      }
      case 'nf.restore':
      case 'nf.chain.add':
      case 'nf.chain.del':
      case 'nf.policy':
      case 'nf.rule.append':
      case 'nf.rule.insert':
      case 'nf.rule.del':
      case 'nf.count':
      case 'nf.zero': {
        const ns = this.writeNs(op.netns)
        ns.netfilter = applyNetfilterOp(ns.netfilter, op)
        return
      }
      case 'proc.start': {
        const pid = String(op.process.pid)
        assert(!tableGet(this.kernel.processes, pid), `pid ${pid} in use`)
        const kernel = this.draft.own(this.kernel)
        kernel.processes = tableWith(kernel.processes, pid, op.process, this.own)
        kernel.nextPid = Math.max(kernel.nextPid, op.process.pid + 1)
        this.kernel = kernel
        return
      }
      case 'proc.stop': {
        const proc = tableGet(this.kernel.processes, String(op.pid))
        if (!proc) return
        const kernel = this.draft.own(this.kernel)
        kernel.processes = tableWith(kernel.processes, String(op.pid), undefined, this.own)
        this.kernel = kernel
        // A process's sockets close with it.
        if (tableGet(this.kernel.netns, proc.netns)) {
          const ns = this.writeNs(proc.netns)
          ns.sockets = ns.sockets.filter((s) => s.pid !== op.pid)
        }
        return
      }
      case 'proc.write':
      case 'proc.peer': {
        const key = String(op.pid)
        const proc = tableGet(this.kernel.processes, key)
        assert(proc, `no process ${op.pid}`)
        const next: Process =
          op.kind === 'proc.write'
            ? { ...proc, output: (proc.output ?? '') + op.text }
            : withPeer(proc, op.peer)
        const kernel = this.draft.own(this.kernel)
        kernel.processes = tableWith(kernel.processes, key, next, this.own)
        this.kernel = kernel
        return
      }
      case 'socket.listen': {
        const ns = this.writeNs(op.netns)
        ns.sockets = [...ns.sockets, op.socket]
        return
      }
      case 'socket.close': {
        const ns = this.writeNs(op.netns)
        ns.sockets = ns.sockets.filter((s) => !plainEqual(s, op.socket))
        return
      }
      case 'link.count': {
        const { link } = this.writeLink(op.netns, op.link)
        link.stats = addStats(link.stats, op.add)
        return
      }
      case 'ct.set': {
        const ns = this.writeNs(op.netns)
        ns.conntrack = withEntry(liveEntries(ns.conntrack, op.now), op.entry)
        return
      }
      case 'ct.flush': {
        const ns = this.writeNs(op.netns)
        ns.conntrack = []
        return
      }
      default:
        exhaustive(op)
    }
  }
}

/**
 * The next free interface index of a namespace: its counter, skipping indexes in use (a device
 * that moved in keeps its own; net/core/dev.c dev_index_reserve).
 */
function takeIfindex(ns: Mutable<Netns>): number {
  const moved = ns.movedIfindexes ?? []
  let ifindex = ns.nextIfindex
  while (moved.includes(ifindex)) ifindex++
  ns.nextIfindex = ifindex + 1
  if (moved.length) {
    const ahead = moved.filter((i) => i >= ns.nextIfindex)
    if (ahead.length) ns.movedIfindexes = ahead
    else delete ns.movedIfindexes
  }
  return ifindex
}

function addStats(s: LinkStats | undefined, add: Partial<LinkStats>): LinkStats {
  return {
    rxPackets: (s?.rxPackets ?? 0) + (add.rxPackets ?? 0),
    rxBytes: (s?.rxBytes ?? 0) + (add.rxBytes ?? 0),
    txPackets: (s?.txPackets ?? 0) + (add.txPackets ?? 0),
    txBytes: (s?.txBytes ?? 0) + (add.txBytes ?? 0),
  }
}

function withPeer(proc: Process, peer: number | undefined): Process {
  const { peer: _old, ...rest } = proc
  return peer === undefined ? rest : { ...rest, peer }
}

/** The device a per-device sysctl is about: `net.ipv4.conf.docker0.route_localnet` → docker0. */
export function deviceOfSysctl(key: string): string | undefined {
  return /^net\.ipv[46]\.(?:conf|neigh)\.([^.]+)\./.exec(key)?.[1]
}

/** The sysctls with the device `from`'s keys renamed to `to`'s, or dropped (`to` undefined). */
function renameDeviceSysctl(
  sysctl: Readonly<Record<string, string>>,
  from: string,
  to: string | undefined,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(sysctl)) {
    if (deviceOfSysctl(k) !== from) out[k] = v
    else if (to !== undefined) out[k.replace(`.${from}.`, `.${to}.`)] = v
  }
  return out
}
