// The one writer of kernel state: applies a KernelOp to a host's Kernel and returns the new
// Kernel, sharing every record the op did not touch. What Linux does on its own is done here
// too: the connected route of an address on an up device, removing a veth's peer with it,
// dropping a device's routes, neighbours and FDB entries when it goes.

import { assert, exhaustive } from '../../lib/assert'
import { plainEqual } from '../../lib/record-diff'
import { networkOf } from '../model/ipv4'
import type { LinkId, NetnsId } from '../model/ids'
import { applyNetfilterOp } from './netfilter/apply'
import { EMPTY_NETFILTER } from './netfilter/types'
import type { KernelOp, VethEnd } from './ops'
import type { IfAddr, Kernel, Link, Netns, Route } from './types'

export function applyKernelOp(kernel: Kernel, op: KernelOp): Kernel {
  switch (op.kind) {
    case 'netns.add': {
      assert(!kernel.netns[op.netns], `netns ${op.netns} exists`)
      const ns: Netns = {
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
      }
      return { ...kernel, netns: { ...kernel.netns, [op.netns]: ns } }
    }
    case 'netns.del': {
      const { [op.netns]: gone, ...rest } = kernel.netns
      assert(gone, `no netns ${op.netns}`)
      // Devices die with their namespace; so do the peers of its veths, wherever they are.
      let next: Kernel = { ...kernel, netns: rest }
      for (const link of Object.values(gone.links)) {
        if (link.peer && next.netns[link.peer.netns])
          next = removeLink(next, link.peer.netns, link.peer.link)
      }
      return next
    }
    case 'link.add':
      return updateNetns(kernel, op.netns, (ns) =>
        addLink(ns, { id: op.link, up: false, addrs: [], ...op.spec }),
      )
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
      const k = updateNetns(kernel, op.a.netns, (ns) => addLink(ns, end(op.a, op.b)))
      return updateNetns(k, op.b.netns, (ns) => addLink(ns, end(op.b, op.a)))
    }
    case 'link.del': {
      const link = getLink(kernel, op.netns, op.link)
      const k = removeLink(kernel, op.netns, op.link)
      return link.peer && k.netns[link.peer.netns]
        ? removeLink(k, link.peer.netns, link.peer.link)
        : k
    }
    case 'link.set-up':
      return updateNetns(kernel, op.netns, (ns) => {
        const link = ns.links[op.link]
        assert(link, `no link ${op.link}`)
        if (link.up === op.up) return ns
        const links = { ...ns.links, [op.link]: { ...link, up: op.up } }
        const routes = op.up
          ? [...ns.routes, ...link.addrs.flatMap((a) => connectedRoute(op.link, a))]
          : ns.routes.filter((r) => r.dev !== op.link)
        return { ...ns, links, routes }
      })
    case 'link.set-master':
      return updateLink(kernel, op.netns, op.link, (link) => {
        const { master: _old, ...rest } = link
        return op.master === null ? rest : { ...rest, master: op.master }
      })
    case 'link.rename':
      return updateLink(kernel, op.netns, op.link, (link) => ({ ...link, name: op.name }))
    case 'addr.add':
      return updateNetns(kernel, op.netns, (ns) => {
        const link = ns.links[op.link]
        assert(link, `no link ${op.link}`)
        const links = { ...ns.links, [op.link]: { ...link, addrs: [...link.addrs, op.addr] } }
        const routes = link.up ? [...ns.routes, ...connectedRoute(op.link, op.addr)] : ns.routes
        return { ...ns, links, routes }
      })
    case 'addr.del':
      return updateNetns(kernel, op.netns, (ns) => {
        const link = ns.links[op.link]
        assert(link, `no link ${op.link}`)
        const addrs = link.addrs.filter((a) => !plainEqual(a.cidr, op.addr.cidr))
        const src = op.addr.cidr.addr
        const routes = ns.routes.filter(
          (r) => !(r.dev === op.link && r.proto === 'kernel' && r.src === src),
        )
        return { ...ns, links: { ...ns.links, [op.link]: { ...link, addrs } }, routes }
      })
    case 'route.add':
      return updateNetns(kernel, op.netns, (ns) => ({ ...ns, routes: [...ns.routes, op.route] }))
    case 'route.del':
      return updateNetns(kernel, op.netns, (ns) => ({
        ...ns,
        routes: ns.routes.filter((r) => !plainEqual(r, op.route)),
      }))
    case 'neigh.set':
      return updateNetns(kernel, op.netns, (ns) => ({
        ...ns,
        neigh: [
          ...ns.neigh.filter((n) => !(n.ip === op.entry.ip && n.dev === op.entry.dev)),
          op.entry,
        ],
      }))
    case 'fdb.set':
      return updateNetns(kernel, op.netns, (ns) => ({
        ...ns,
        fdb: [
          ...ns.fdb.filter((f) => !(f.bridge === op.entry.bridge && f.mac === op.entry.mac)),
          op.entry,
        ],
      }))
    case 'sysctl.set':
      return updateNetns(kernel, op.netns, (ns) => ({
        ...ns,
        sysctl: { ...ns.sysctl, [op.key]: op.value },
      }))
    case 'nf.chain.add':
    case 'nf.chain.del':
    case 'nf.policy':
    case 'nf.rule.append':
    case 'nf.rule.insert':
    case 'nf.rule.del':
      return updateNetns(kernel, op.netns, (ns) => ({
        ...ns,
        netfilter: applyNetfilterOp(ns.netfilter, op),
      }))
    case 'proc.start':
      assert(!kernel.processes[op.process.pid], `pid ${op.process.pid} in use`)
      return {
        ...kernel,
        processes: { ...kernel.processes, [op.process.pid]: op.process },
        nextPid: Math.max(kernel.nextPid, op.process.pid + 1),
      }
    case 'proc.stop': {
      const { [op.pid]: proc, ...processes } = kernel.processes
      if (!proc) return kernel
      // A process's sockets close with it.
      return updateNetns({ ...kernel, processes }, proc.netns, (ns) => ({
        ...ns,
        sockets: ns.sockets.filter((s) => s.pid !== op.pid),
      }))
    }
    case 'socket.listen':
      return updateNetns(kernel, op.netns, (ns) => ({ ...ns, sockets: [...ns.sockets, op.socket] }))
    case 'socket.close':
      return updateNetns(kernel, op.netns, (ns) => ({
        ...ns,
        sockets: ns.sockets.filter((s) => !plainEqual(s, op.socket)),
      }))
    default:
      return exhaustive(op)
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

function addLink(ns: Netns, link: Omit<Link, 'ifindex'>): Netns {
  assert(!ns.links[link.id], `link ${link.id} exists in ${ns.id}`)
  const full: Link = { ...link, ifindex: ns.nextIfindex }
  return { ...ns, nextIfindex: ns.nextIfindex + 1, links: { ...ns.links, [link.id]: full } }
}

function removeLink(kernel: Kernel, netns: NetnsId, id: LinkId): Kernel {
  return updateNetns(kernel, netns, (ns) => {
    const { [id]: gone, ...rest } = ns.links
    assert(gone, `no link ${id} in ${netns}`)
    const links: Record<LinkId, Link> = rest
    // Ports of a deleted bridge are released; the device's routes, neighbours and FDB go with it.
    for (const [k, l] of Object.entries(links)) {
      if (l.master === id) {
        const { master: _m, ...port } = l
        links[k as LinkId] = port
      }
    }
    return {
      ...ns,
      links,
      routes: ns.routes.filter((r) => r.dev !== id),
      neigh: ns.neigh.filter((n) => n.dev !== id),
      fdb: ns.fdb.filter((f) => f.bridge !== id && f.port !== id),
    }
  })
}

function getLink(kernel: Kernel, netns: NetnsId, id: LinkId): Link {
  const link = kernel.netns[netns]?.links[id]
  assert(link, `no link ${id} in ${netns}`)
  return link
}

function updateLink(kernel: Kernel, netns: NetnsId, id: LinkId, fn: (l: Link) => Link): Kernel {
  return updateNetns(kernel, netns, (ns) => {
    const link = ns.links[id]
    assert(link, `no link ${id} in ${netns}`)
    return { ...ns, links: { ...ns.links, [id]: fn(link) } }
  })
}

function updateNetns(kernel: Kernel, id: NetnsId, fn: (ns: Netns) => Netns): Kernel {
  const ns = kernel.netns[id]
  assert(ns, `no netns ${id}`)
  const next = fn(ns)
  return next === ns ? kernel : { ...kernel, netns: { ...kernel.netns, [id]: next } }
}
