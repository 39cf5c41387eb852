// The one writer of kernel state: applies a KernelOp to a host's Kernel and returns the new
// Kernel. Records are copied on first write within a command (model/draft.ts), so committed
// worlds are never changed and unchanged records stay shared. What Linux does on its own is
// done here too: the connected route of an address on an up device, removing a veth's peer with
// it, dropping a device's routes, neighbours and FDB entries when it goes.

import { assert, exhaustive } from '../../lib/assert'
import { plainEqual } from '../../lib/record-diff'
import { EMPTY_TABLE, tableGet, tableValues, tableWith, type Own } from '../../lib/table'
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
    ns.links = tableWith(
      ns.links,
      link.id,
      this.draft.adopt({ ...link, ifindex: ns.nextIfindex }),
      this.own,
    )
    ns.nextIfindex += 1
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
            sockets: [],
            sysctl: {},
          }),
          this.own,
        )
        this.kernel = kernel
        return
      }
      case 'netns.del': {
        const gone = this.ns(op.netns)
        const kernel = this.draft.own(this.kernel)
        kernel.netns = tableWith(kernel.netns, op.netns, undefined, this.own)
        this.kernel = kernel
        // Devices die with their namespace; so do the peers of its veths, wherever they are.
        for (const link of tableValues(gone.links)) {
          if (link.peer && this.link(link.peer.netns, link.peer.link)) {
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
        const link = this.link(op.netns, op.link)
        assert(link, `no link ${op.link} in ${op.netns}`)
        this.removeLink(op.netns, op.link)
        if (link.peer && this.link(link.peer.netns, link.peer.link)) {
          this.removeLink(link.peer.netns, link.peer.link)
        }
        return
      }
      case 'link.set-up': {
        const current = this.link(op.netns, op.link)
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
