// `ip address show` and `ip link show`: the filter words they accept and the listing, one block
// per device in ifindex order. Mirrors iproute2 6.1 ip/ipaddress.c ipaddr_list_flush_or_save.

import { parseCidr, type Cidr, type Link } from '../../engine'
import { fail, out, type CommandOutput } from '../output'
import { inet4Addrs } from './inet4'
import { inet6Addrs } from './inet6'
import { addressLines, briefLine, linkLines, type IpFamily, type IpFlavor } from './ip-link'
import { statsLines } from './link-stats'
import { linkByName, type NetnsView } from './netns-view'

export type IpGlobals = {
  readonly family: IpFamily
  readonly details: boolean
  readonly stats: boolean
  readonly brief: boolean
  readonly oneline: boolean
}

type Filter = {
  dev?: string
  up: boolean
  master?: Link | 'none'
  kind?: string
  slaveKind?: string
  scope?: string
  to?: Cidr
}

const INCOMPLETE = 'Command line is not complete. Try option "help"\n'

type Parsed = { ok: true; filter: Filter } | { ok: false; output: CommandOutput }
const bad = (stderr: string, code: number): Parsed => ({ ok: false, output: fail(stderr, code) })

function parseFilter(v: NetnsView, args: readonly string[]): Parsed {
  const filter: Filter = { up: false }
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string
    const next = (): string | undefined => args[++i]
    if (word === 'up') filter.up = true
    else if (word === 'nomaster') filter.master = 'none'
    else if (['master', 'type', 'scope', 'to'].includes(word)) {
      const value = next()
      if (value === undefined) return bad(INCOMPLETE, 255)
      if (word === 'master') {
        const m = linkByName(v, value)
        if (!m) return bad(`Error: argument "${value}" is wrong: Device does not exist\n\n`, 255)
        filter.master = m
      } else if (word === 'type') {
        if (value.endsWith('_slave')) filter.slaveKind = value.slice(0, -'_slave'.length)
        else filter.kind = value
      } else if (word === 'scope') filter.scope = value
      else {
        const to = parseCidr(value.includes('/') ? value : `${value}/32`)
        if (!to) return bad(`Error: argument "${value}" is wrong: invalid "to"\n\n`, 255)
        filter.to = to
      }
    } else {
      const dev = word === 'dev' ? next() : word
      if (dev === undefined) return bad(INCOMPLETE, 255)
      if (filter.dev !== undefined) {
        return bad(`Error: either "dev" is duplicate, or "${dev}" is a garbage.\n`, 255)
      }
      filter.dev = dev
    }
  }
  if (filter.dev !== undefined && !linkByName(v, filter.dev)) {
    return bad(`Device "${filter.dev}" does not exist.\n`, 1)
  }
  return { ok: true, filter }
}

function kindName(link: Link): string | undefined {
  return link.kind === 'veth' || link.kind === 'bridge' ? link.kind : undefined
}

function linkMatches(v: NetnsView, link: Link, f: Filter): boolean {
  if (f.dev !== undefined && link.name !== f.dev) return false
  if (f.up && !link.up) return false
  if (f.master === 'none' && link.master !== undefined) return false
  if (f.master !== undefined && f.master !== 'none' && link.master !== f.master.id) return false
  if (f.kind !== undefined && kindName(link) !== f.kind) return false
  if (f.slaveKind !== undefined) {
    const master = v.links.find((l) => l.id === link.master)
    if (master === undefined || kindName(master) !== f.slaveKind) return false
  }
  return true
}

/** The address lines of a device that pass the scope and prefix filters. */
function selectedAddresses(v: NetnsView, link: Link, g: IpGlobals, f: Filter): string[][] {
  const all = addressLines(v, link, g.family)
  const v4 = g.family === 'inet6' ? [] : inet4Addrs(link)
  const v6 = g.family === 'inet' ? [] : inet6Addrs(v, link)
  const scopes = [...v4.map((a) => a.scope), ...v6.map((a) => a.scope)]
  return all.filter((_, i) => {
    if (f.scope !== undefined && scopes[i] !== f.scope) return false
    if (f.to === undefined) return true
    const a = v4[i]
    if (!a) return false
    const mask = f.to.len === 0 ? 0 : (0xffffffff << (32 - f.to.len)) >>> 0
    return (a.cidr.addr & mask) >>> 0 === (f.to.addr & mask) >>> 0
  })
}

export function listLinks(
  v: NetnsView,
  args: readonly string[],
  g: IpGlobals,
  flavor: IpFlavor,
  linkCmd: boolean,
): CommandOutput {
  const parsed = parseFilter(v, args)
  if (!parsed.ok) return parsed.output
  const f = parsed.filter
  // A `to` prefix is IPv4 here, and like iproute2 it narrows the listing to its family.
  const family: IpFamily = linkCmd ? 'link' : f.to && g.family === 'any' ? 'inet' : g.family
  const opts = { flavor, linkCmd, family, details: g.details }
  const sep = g.oneline ? '\\' : '\n'
  const filtersAddresses = family !== 'any' && family !== 'link'
  const text: string[] = []
  for (const link of v.links) {
    if (!linkMatches(v, link, f)) continue
    const addrs = family === 'link' ? [] : selectedAddresses(v, link, { ...g, family }, f)
    if ((filtersAddresses || f.scope !== undefined || f.to !== undefined) && addrs.length === 0) {
      continue
    }
    if (g.brief && flavor === 'iproute2') {
      text.push(`${briefLine(v, link, opts)}\n`)
      continue
    }
    if (g.oneline && !linkCmd) {
      for (const a of addrs) text.push(`${link.ifindex}: ${link.name}${a.join(sep)}\n`)
      continue
    }
    const block = [...linkLines(v, link, opts), ...addrs.flat()]
    if (g.stats && flavor === 'iproute2') block.push(...statsLines(link.stats))
    text.push(`${block.join(sep)}\n`)
  }
  return out(text.join(''))
}
