// Read helpers for tests: the default host's daemon and kernel state by name.

import { allNetworks, getLink, getNetns, linksOf } from '../../src/engine'
import { allContainers } from '../../src/engine'
import {
  formatCidr,
  formatIpv4,
  INIT_NETNS,
  type Container,
  type Host,
  type Link,
  type Network,
} from '../../src/engine'
import type { TestLab } from './lab'

export function host1(lab: TestLab): Host {
  const h = lab.world.hosts['host1' as never]
  if (!h) throw new Error('no host1')
  return h
}

export function network(lab: TestLab, name: string): Network {
  const n = allNetworks(host1(lab).daemon).find((x) => x.name === name)
  if (!n) throw new Error(`no network ${name}`)
  return n
}

export function container(lab: TestLab, name: string): Container {
  const c = allContainers(host1(lab).daemon).find((x) => x.name === name)
  if (!c) throw new Error(`no container ${name}`)
  return c
}

export function subnetOf(lab: TestLab, name: string): string {
  const p = network(lab, name).pools[0]
  return p ? formatCidr(p.subnet) : ''
}

/** The container's interfaces: name → addresses, in ifindex order. */
export function interfaces(lab: TestLab, name: string): Link[] {
  const c = container(lab, name)
  const ns = c.sandbox ? getNetns(host1(lab).kernel, c.sandbox.netns) : undefined
  return linksOf(ns)
}

export function addressesOf(lab: TestLab, name: string): Record<string, string[]> {
  return Object.fromEntries(
    interfaces(lab, name).map((l) => [l.name, l.addrs.map((a) => formatCidr(a.cidr))]),
  )
}

export function routesOf(lab: TestLab, name: string): string[] {
  const c = container(lab, name)
  const ns = c.sandbox ? getNetns(host1(lab).kernel, c.sandbox.netns) : undefined
  return (ns?.routes ?? []).map((r) => {
    const dev = getLink(ns, r.dev)?.name ?? '?'
    const dst = r.dst.len === 0 ? 'default' : formatCidr(r.dst)
    return r.via !== undefined ? `${dst} via ${formatIpv4(r.via)} dev ${dev}` : `${dst} dev ${dev}`
  })
}

export function hostLinkNames(lab: TestLab): string[] {
  return linksOf(getNetns(host1(lab).kernel, INIT_NETNS)).map((l) => l.name)
}
