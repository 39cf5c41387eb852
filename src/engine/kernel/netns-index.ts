// Lookups the packet tracer makes many times per packet (who holds an address, a bridge's
// ports, a device by name), answered from an index built once per namespace record. Records of
// a committed world never change, so the index is memoised by identity; a namespace that
// changes is a new record and gets a new index. For committed worlds only: a command's draft
// writes its own records in place.

import type { Ipv4 } from '../model/ipv4'
import type { LinkId } from '../model/ids'
import { linksOf } from './queries'
import type { Link, Netns } from './types'

export type NetnsIndex = {
  /** Every device, in interface-index order. */
  readonly links: readonly Link[]
  /** The device holding each address (the first, in ifindex order, when several do). */
  readonly byAddr: ReadonlyMap<Ipv4, Link>
  readonly byName: ReadonlyMap<string, Link>
  /** Each bridge's ports, in ifindex order. */
  readonly ports: ReadonlyMap<LinkId, readonly Link[]>
  /** Devices cabled to a LAN segment (physical NICs). */
  readonly nics: readonly Link[]
  readonly loopback?: Link
}

const indexes = new WeakMap<Netns, NetnsIndex>()

export function netnsIndex(ns: Netns): NetnsIndex {
  let index = indexes.get(ns)
  if (!index) {
    const links = linksOf(ns)
    const byAddr = new Map<Ipv4, Link>()
    const byName = new Map<string, Link>()
    const ports = new Map<LinkId, Link[]>()
    let loopback: Link | undefined
    for (const l of links) {
      for (const a of l.addrs) if (!byAddr.has(a.cidr.addr)) byAddr.set(a.cidr.addr, l)
      byName.set(l.name, l)
      if (l.master !== undefined) {
        const list = ports.get(l.master)
        if (list) list.push(l)
        else ports.set(l.master, [l])
      }
      if (l.kind === 'loopback' && !loopback) loopback = l
    }
    const nics = links.filter((l) => l.segment !== undefined)
    index = { links, byAddr, byName, ports, nics, ...(loopback ? { loopback } : {}) }
    indexes.set(ns, index)
  }
  return index
}
