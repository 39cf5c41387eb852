// The one writer of kernel state: applies a KernelOp to a host's Kernel and returns the new
// Kernel, sharing every record the op did not touch. Kernel side effects that Linux performs on
// its own (the connected route of an address on an up device) happen here, as in the kernel.

import { assert, exhaustive } from '../../lib/assert'
import { networkOf } from '../model/ipv4'
import type { LinkId, NetnsId } from '../model/ids'
import type { KernelOp } from './ops'
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
      }
      return { ...kernel, netns: { ...kernel.netns, [op.netns]: ns } }
    }
    case 'link.add':
      return updateNetns(kernel, op.netns, (ns) => {
        const link: Link = {
          id: op.link,
          ifindex: ns.nextIfindex,
          up: false,
          addrs: [],
          ...op.spec,
        }
        return { ...ns, nextIfindex: ns.nextIfindex + 1, links: { ...ns.links, [op.link]: link } }
      })
    case 'link.set-up':
      return updateNetns(kernel, op.netns, (ns) => {
        const link = getLink(ns, op.link)
        if (link.up === op.up) return ns
        const links = { ...ns.links, [op.link]: { ...link, up: op.up } }
        const routes = op.up
          ? [...ns.routes, ...link.addrs.flatMap((a) => connectedRoute(op.link, a))]
          : ns.routes.filter((r) => !(r.dev === op.link && r.proto === 'kernel'))
        return { ...ns, links, routes }
      })
    case 'link.set-master':
      return updateNetns(kernel, op.netns, (ns) => {
        const link = getLink(ns, op.link)
        const { master: _old, ...rest } = link
        const next: Link = op.master === null ? rest : { ...rest, master: op.master }
        return { ...ns, links: { ...ns.links, [op.link]: next } }
      })
    case 'addr.add':
      return updateNetns(kernel, op.netns, (ns) => {
        const link = getLink(ns, op.link)
        const links = { ...ns.links, [op.link]: { ...link, addrs: [...link.addrs, op.addr] } }
        const routes = link.up ? [...ns.routes, ...connectedRoute(op.link, op.addr)] : ns.routes
        return { ...ns, links, routes }
      })
    case 'route.add':
      return updateNetns(kernel, op.netns, (ns) => ({ ...ns, routes: [...ns.routes, op.route] }))
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

function getLink(ns: Netns, id: LinkId): Link {
  const link = ns.links[id]
  assert(link, `no link ${id} in ${ns.id}`)
  return link
}

function updateNetns(kernel: Kernel, id: NetnsId, fn: (ns: Netns) => Netns): Kernel {
  const ns = kernel.netns[id]
  assert(ns, `no netns ${id}`)
  const next = fn(ns)
  return next === ns ? kernel : { ...kernel, netns: { ...kernel.netns, [id]: next } }
}
