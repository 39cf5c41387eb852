// The text of one device in `ip link` / `ip addr`: the header line, the `link/…` line and the
// address lines, for iproute2 and for busybox's applet. Mirrors iproute2 6.1 ip/ipaddress.c
// print_linkinfo / print_addrinfo / print_linkinfo_brief and busybox 1.36
// networking/libiproute/ipaddress.c print_linkinfo.

import { formatIpv4, type Link } from '../../engine'
import { detailLines } from './ip-details'
import { inet4Addrs } from './inet4'
import { inet6Addrs } from './inet6'
import {
  flagList,
  linkById,
  linkNetnsText,
  linkState,
  peerSuffix,
  qdiscOf,
  type NetnsView,
} from './netns-view'

export type IpFlavor = 'iproute2' | 'busybox'
/** `-4`, `-6`, `-0` (link layer only) or no family filter. */
export type IpFamily = 'any' | 'inet' | 'inet6' | 'link'

export type LinkOptions = {
  readonly flavor: IpFlavor
  /** `ip link` rather than `ip addr`: prints `mode DEFAULT` and `addrgenmode`. */
  readonly linkCmd: boolean
  readonly family: IpFamily
  readonly details: boolean
}

const LINK_LAYER: Record<Link['kind'], string> = {
  loopback: 'loopback',
  ether: 'ether',
  bridge: 'ether',
  veth: 'ether',
  dummy: 'ether',
  vxlan: 'ether',
  macvlan: 'ether',
  ipvlan: 'ether',
  vlan: 'ether',
}

/** `name@peer`; `resolveLocally` as busybox and the AF_INET6 / AF_BRIDGE dumps have it. */
function nameWithPeer(
  v: NetnsView,
  link: Link,
  resolveLocally: boolean,
): { name: string; mDown: boolean } {
  const peer = peerSuffix(v, link, resolveLocally)
  return peer
    ? { name: `${link.name}@${peer.text}`, mDown: peer.mDown }
    : { name: link.name, mDown: false }
}

export function flagsText(v: NetnsView, link: Link, mDown: boolean): string {
  return `<${[...flagList(v, link), ...(mDown ? ['M-DOWN'] : [])].join(',')}>`
}

function linkLayerLine(link: Link): string {
  const brd = link.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff'
  return `    link/${LINK_LAYER[link.kind]} ${link.mac} brd ${brd}`
}

/** The device's own lines (header, `link/…`, details), before any address. */
export function linkLines(v: NetnsView, link: Link, o: LinkOptions): string[] {
  // An AF_INET6 link dump (`ip -6`) carries no qdisc, master, group or link-netnsid.
  const inet6 = o.family === 'inet6'
  const { name, mDown } = nameWithPeer(v, link, inet6 || o.flavor === 'busybox')
  const master = link.master === undefined ? undefined : linkById(v, link.master)
  const qlen = link.txqlen ? `qlen ${link.txqlen}` : ''
  const common =
    `${link.ifindex}: ${name}: ${flagsText(v, link, mDown)} mtu ${link.mtu} qdisc ${qdiscOf(link)} ` +
    (master ? `master ${master.name} ` : '') +
    `state ${linkState(v, link)} `
  const showLinkLayer = o.family === 'any' || o.family === 'link' || o.details
  if (inet6) {
    const head = `${link.ifindex}: ${name}: ${flagsText(v, link, mDown)} mtu ${link.mtu} state ${linkState(v, link)} ${qlen}`
    return showLinkLayer ? [head, linkLayerLine(link)] : [head]
  }
  if (o.flavor === 'busybox') {
    return showLinkLayer ? [common + qlen, linkLayerLine(link)] : [common + qlen]
  }
  const netnsText = linkNetnsText(v, link)
  const header = `${common}${o.linkCmd ? 'mode DEFAULT ' : ''}group default ${qlen}`
  if (!showLinkLayer) return [header + netnsText]
  const layer = linkLayerLine(link) + netnsText
  if (!o.details) return [header, layer]
  const d = detailLines(v, link, o.linkCmd)
  return [header, layer + d.sameLine, ...d.lines]
}

/** One address as two lines (`inet …` and its lifetimes). */
export function addressLines(v: NetnsView, link: Link, family: IpFamily): string[][] {
  const out: string[][] = []
  const lifetimes = '       valid_lft forever preferred_lft forever'
  if (family === 'any' || family === 'inet') {
    for (const a of inet4Addrs(link)) {
      const brd = a.brd === undefined ? '' : `brd ${formatIpv4(a.brd)} `
      const secondary = a.secondary ? 'secondary ' : ''
      const text = `    inet ${formatIpv4(a.cidr.addr)}/${a.cidr.len} ${brd}scope ${a.scope} ${secondary}${link.name}`
      out.push([text, lifetimes])
    }
  }
  if (family === 'any' || family === 'inet6') {
    for (const a of inet6Addrs(v, link)) {
      out.push([`    inet6 ${a.addr}/${a.len} scope ${a.scope} `, lifetimes])
    }
  }
  return out
}

/** `ip -br`: name, state and either the MAC and flags (link) or the addresses. */
export function briefLine(v: NetnsView, link: Link, o: LinkOptions): string {
  const { name, mDown } = nameWithPeer(v, link, o.family === 'inet6')
  const head = `${name.padEnd(16)} ${linkState(v, link).padEnd(14)} `
  if (o.linkCmd || o.family === 'link') return `${head}${link.mac} ${flagsText(v, link, mDown)} `
  const v4 = o.family === 'any' || o.family === 'inet' ? inet4Addrs(link) : []
  const v6 = o.family === 'any' || o.family === 'inet6' ? inet6Addrs(v, link) : []
  return (
    head +
    v4.map((a) => `${formatIpv4(a.cidr.addr)}/${a.cidr.len} `).join('') +
    v6.map((a) => `${a.addr}/${a.len} `).join('')
  )
}
