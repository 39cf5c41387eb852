// Reading the kernel model: namespaces, links and processes are persistent tables
// (lib/table.ts), so every reader goes through these functions.

import { tableGet, tableValues } from '../../lib/table'
import type { LinkId, NetnsId } from '../model/ids'
import type { Kernel, Link, LinkRef, Netns, Process } from './types'

export function getNetns(k: Kernel | undefined, id: NetnsId): Netns | undefined {
  return k && tableGet(k.netns, id)
}

export function allNetns(k: Kernel | undefined): Netns[] {
  return k ? tableValues(k.netns) : []
}

export function getLink(ns: Netns | undefined, id: LinkId): Link | undefined {
  return ns && tableGet(ns.links, id)
}

/** The namespace's links in interface-index order, as `ip link` lists them. */
export function linksOf(ns: Netns | undefined): Link[] {
  return ns ? tableValues(ns.links).sort((a, b) => a.ifindex - b.ifindex) : []
}

export function resolveLink(k: Kernel | undefined, ref: LinkRef): Link | undefined {
  return getLink(getNetns(k, ref.netns), ref.link)
}

export function getProcess(k: Kernel | undefined, pid: number): Process | undefined {
  return k && tableGet(k.processes, String(pid))
}

export function allProcesses(k: Kernel | undefined): Process[] {
  return k ? tableValues(k.processes).sort((a, b) => a.pid - b.pid) : []
}
