// The one writer of kernel state: applies a KernelOp to a host's Kernel and returns the new
// Kernel. Records are copied on first write within a command (model/draft.ts), so committed
// worlds are never changed and unchanged records stay shared. What Linux does on its own is
// done here too: the connected route of an address on an up device, removing a veth's peer with
// it, dropping a device's routes, neighbours and FDB entries when it goes.

import { assert, exhaustive } from '../../lib/assert'
import { plainEqual } from '../../lib/record-diff'
import { Draft } from '../model/draft'
import { networkOf } from '../model/ipv4'
import type { LinkId, NetnsId } from '../model/ids'
import { applyNetfilterOp } from './netfilter/apply'
import { EMPTY_NETFILTER } from './netfilter/types'
import type { KernelOp, VethEnd } from './ops'
import type { IfAddr, Kernel, Link, Netns, Route } from './types'

export function applyKernelOp(kernel: Kernel, op: KernelOp, draft: Draft = new Draft()): Kernel {
  const k = new KernelWriter(kernel, draft)
  k.apply(op)
  return k.kernel
}

class KernelWriter {
  constructor(
    public kernel: Kernel,
    private readonly draft: Draft,
  ) {}

  private ns(id: NetnsId): Netns {
    const ns = this.kernel.netns[id]
    assert(ns, `no netns ${id}`)
    return ns
  }

  /** A writable copy of a namespace, installed in the kernel. */
  private writeNs(id: NetnsId) {
    const ns = this.draft.own(this.ns(id))
    const kernel = this.draft.own(this.kernel)
    const map = this.draft.own(kernel.netns)
    map[id] = ns
    kernel.netns = map
    this.kernel = kernel
    return ns
  }

  private writeLink(netns: NetnsId, id: LinkId) {
    const ns = this.writeNs(netns)
    const links = this.draft.own(ns.links)
    const link = links[id]
    assert(link, `no link ${id} in ${netns}`)
    const copy = this.draft.own(link)
    links[id] = copy
    ns.links = links
    return { ns, link: copy }
  }

  private addLink(netns: NetnsId, link: Omit<Link, 'ifindex'>): void {
    const ns = this.writeNs(netns)
    assert(!ns.links[link.id], `link ${link.id} exists in ${netns}`)
    const links = this.draft.own(ns.links)
    links[link.id] = this.draft.adopt({ ...link, ifindex: ns.nextIfindex })
    ns.links = links
    ns.nextIfindex += 1
  }

  private removeLink(netns: NetnsId, id: LinkId): void {
    const ns = this.writeNs(netns)
    const links = this.draft.own(ns.links)
    const gone = links[id]
    assert(gone, `no link ${id} in ${netns}`)
    delete links[id]
    // Ports of a deleted bridge are released.
    for (const [k, l] of gone.kind === 'bridge' ? Object.entries(links) : []) {
      if (l.master === id) {
        const { master: _m, ...port } = l
        links[k as LinkId] = port
      }
    }
    ns.links = links
    ns.routes = ns.routes.filter((r) => r.dev !== id)
    ns.neigh = ns.neigh.filter((n) => n.dev !== id)
    ns.fdb = ns.fdb.filter((f) => f.bridge !== id && f.port !== id)
  }

  apply(op: KernelOp): void {
    switch (op.kind) {
      case 'netns.add': {
        assert(!this.kernel.netns[op.netns], `netns ${op.netns} exists`)
        const kernel = this.draft.own(this.kernel)
        const map = this.draft.own(kernel.netns)
        map[op.netns] = this.draft.adopt({
          id: op.netns,
          role: op.role,
          path: op.path,
          nextIfindex: 1,
          links: {},
          routes: [],
          neigh: [],
          fdb: [],
          netfilter: EMPTY_NETFILTER,
          sockets: [],
          sysctl: {},
        })
        kernel.netns = map
        this.kernel = kernel
        return
      }
      case 'netns.del': {
        const gone = this.ns(op.netns)
        const kernel = this.draft.own(this.kernel)
        const map = this.draft.own(kernel.netns)
        delete map[op.netns]
        kernel.netns = map
        this.kernel = kernel
        // Devices die with their namespace; so do the peers of its veths, wherever they are.
        for (const link of Object.values(gone.links)) {
          if (link.peer && this.kernel.netns[link.peer.netns]?.links[link.peer.link]) {
            this.removeLink(link.peer.netns, link.peer.link)
          }
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
          txqlen: 0,
          up: false,
          addrs: [],
          peer: { netns: peer.netns, link: peer.link },
        })
        this.addLink(op.a.netns, end(op.a, op.b))
        this.addLink(op.b.netns, end(op.b, op.a))
        return
      }
      case 'link.del': {
        const link = this.ns(op.netns).links[op.link]
        assert(link, `no link ${op.link} in ${op.netns}`)
        this.removeLink(op.netns, op.link)
        if (link.peer && this.kernel.netns[link.peer.netns]?.links[link.peer.link]) {
          this.removeLink(link.peer.netns, link.peer.link)
        }
        return
      }
      case 'link.set-up': {
        const current = this.ns(op.netns).links[op.link]
        assert(current, `no link ${op.link}`)
        if (current.up === op.up) return
        const { ns, link } = this.writeLink(op.netns, op.link)
        link.up = op.up
        ns.routes = op.up
          ? [...ns.routes, ...link.addrs.flatMap((a) => connectedRoute(op.link, a))]
          : ns.routes.filter((r) => r.dev !== op.link)
        return
      }
      case 'link.set-master': {
        const { link } = this.writeLink(op.netns, op.link)
        if (op.master === null) delete link.master
        else link.master = op.master
        return
      }
      case 'link.rename':
        this.writeLink(op.netns, op.link).link.name = op.name
        return
      case 'addr.add': {
        const { ns, link } = this.writeLink(op.netns, op.link)
        link.addrs = [...link.addrs, op.addr]
        // A secondary address in a prefix the device already has adds no second route.
        const fresh = connectedRoute(op.link, op.addr).filter(
          (r) =>
            !ns.routes.some(
              (x) => x.dev === op.link && x.proto === 'kernel' && plainEqual(x.dst, r.dst),
            ),
        )
        if (link.up) ns.routes = [...ns.routes, ...fresh]
        return
      }
      case 'addr.del': {
        const { ns, link } = this.writeLink(op.netns, op.link)
        link.addrs = link.addrs.filter((a) => !plainEqual(a.cidr, op.addr.cidr))
        const src = op.addr.cidr.addr
        ns.routes = ns.routes.filter(
          (r) => !(r.dev === op.link && r.proto === 'kernel' && r.src === src),
        )
        return
      }
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
      case 'sysctl.set': {
        const ns = this.writeNs(op.netns)
        ns.sysctl = { ...ns.sysctl, [op.key]: op.value }
        return
      }
      case 'nf.chain.add':
      case 'nf.chain.del':
      case 'nf.policy':
      case 'nf.rule.append':
      case 'nf.rule.insert':
      case 'nf.rule.del': {
        const ns = this.writeNs(op.netns)
        ns.netfilter = applyNetfilterOp(ns.netfilter, op)
        return
      }
      case 'proc.start': {
        assert(!this.kernel.processes[op.process.pid], `pid ${op.process.pid} in use`)
        const kernel = this.draft.own(this.kernel)
        const procs = this.draft.own(kernel.processes)
        procs[op.process.pid] = op.process
        kernel.processes = procs
        kernel.nextPid = Math.max(kernel.nextPid, op.process.pid + 1)
        this.kernel = kernel
        return
      }
      case 'proc.stop': {
        const proc = this.kernel.processes[op.pid]
        if (!proc) return
        const kernel = this.draft.own(this.kernel)
        const procs = this.draft.own(kernel.processes)
        delete procs[op.pid]
        kernel.processes = procs
        this.kernel = kernel
        // A process's sockets close with it.
        if (this.kernel.netns[proc.netns]) {
          const ns = this.writeNs(proc.netns)
          ns.sockets = ns.sockets.filter((s) => s.pid !== op.pid)
        }
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
      default:
        exhaustive(op)
    }
  }
}

/**
 * The prefix route Linux adds to the main table for an address (`proto kernel scope link src …`).
 * Host-scope addresses (127.0.0.1/8 on lo) only get local-table routes, which `ip route` hides.
 */
function connectedRoute(dev: LinkId, addr: IfAddr): Route[] {
  if (addr.scope === 'host') return []
  return [
    {
      dst: { addr: networkOf(addr.cidr), len: addr.cidr.len },
      dev,
      proto: 'kernel',
      scope: 'link',
      src: addr.cidr.addr,
    },
  ]
}
