// `ip link add`, `ip link set` and `ip link delete` as kernel ops, with the kernel's checks and
// answers. Mirrors iproute2 6.1 ip/iplink.c iplink_modify and Linux 6.x net/core/rtnetlink.c
// (rtnl_newlink, do_setlink, do_set_master), drivers/net/veth.c veth_newlink (the peer is
// registered first, so it gets the lower ifindex) and net/bridge/br_if.c br_add_if.

import type { Link, LinkId, LinkInfo, LinkKind, NetnsId, OpContext } from '../../engine'
import type { CommandContext } from '../context'
import { fail, out, type CommandOutput } from '../output'
import {
  change,
  duparg,
  extack,
  findLink,
  invarg,
  nodev,
  notSimulated,
  rtnl,
  txView,
} from './ip-change'
import { formatMac, parseLinkArgs, type LinkArgs } from './ip-link-args'
import { linkById, linkByIfindex, linkByName, type NetnsView } from './netns-view'
import { VETH_USAGE } from './usage-texts'

type NewKind = 'veth' | 'bridge' | 'dummy'

/** Device types iproute2 knows that the simulated kernel does not model. */
const OTHER_KINDS = new Set(
  (
    'vxlan macvtap ipvtap bond team gre gretap ip6gre ip6gretap ipip sit ' +
    'ip6tnl geneve bareudp wireguard vrf ifb nlmon can vcan vxcan netdevsim hsr xfrm amt ' +
    'gtp batadv rmnet virt_wifi lowpan wwan erspan ip6erspan vti vti6 macsec'
  ).split(' '),
)

const BOTH_NAME_AND_DEV = fail('both "name" and "dev" cannot be used when creating devices.\n', 255)
const DEV_REQUIRED = fail('Not enough information: "dev" argument is required.\n', 255)

export function linkAdd(ctx: CommandContext, v: NetnsView, argv: readonly string[]): CommandOutput {
  const main = parseLinkArgs(argv, v, v.kernel)
  if ('exitCode' in main) return main
  if (main.name !== undefined && main.dev !== main.name) return BOTH_NAME_AND_DEV
  const kind = main.type
  if (kind === undefined) return fail('Not enough information: "type" argument is required\n', 1)
  if (kind === 'veth') {
    const [first, ...more] = main.rest
    if (first === undefined) return create(ctx, 'veth', main, { rest: [] })
    if (first !== 'peer') return out(VETH_USAGE, 1)
    const peer = parseLinkArgs(more, v, v.kernel)
    if ('exitCode' in peer) return peer
    if (peer.type !== undefined) return duparg('type', peer.type)
    if (peer.name !== undefined && peer.dev !== peer.name) return BOTH_NAME_AND_DEV
    return create(ctx, 'veth', main, peer)
  }
  if (kind === 'bridge' && main.rest[0] !== undefined) return notSimulated(`bridge ${main.rest[0]}`)
  // A dummy takes no options: iproute2 ignores what follows (iplink_dummy.c has no parser).
  if (kind === 'bridge' || kind === 'dummy') return create(ctx, kind, main)
  if (kind === 'macvlan' || kind === 'ipvlan' || kind === 'vlan')
    return createStacked(ctx, v, kind, main)
  if (OTHER_KINDS.has(kind)) return notSimulated(`type ${kind}`)
  return extack('Unknown device type')
}

export function linkSet(ctx: CommandContext, v: NetnsView, argv: readonly string[]): CommandOutput {
  const a = parseLinkArgs(argv, v, v.kernel)
  if ('exitCode' in a) return a
  if (a.type !== undefined && a.rest[0] !== undefined) return notSimulated(`${a.type} ${a.rest[0]}`)
  if (a.dev === undefined) return DEV_REQUIRED
  const link = findLink(v, a.dev)
  if (link && a.mac && a.mac.length !== 6) {
    return fail(`Invalid address length ${a.mac.length} - must be 6 bytes\n`, 1)
  }
  if (!link) return nodev(a.dev)
  if (a.txqlen !== undefined) return notSimulated('txqueuelen')
  const rename = a.name !== undefined && a.name !== a.dev ? a.name : undefined
  return change(ctx, (tx) => setLink(ctx, tx, link, a, rename), true)
}

export function linkDel(ctx: CommandContext, v: NetnsView, argv: readonly string[]): CommandOutput {
  const a = parseLinkArgs(argv, v, v.kernel)
  if ('exitCode' in a) return a
  if (a.dev === undefined) return DEV_REQUIRED
  const link = findLink(v, a.dev)
  if (!link) return nodev(a.dev)
  // Loopback and NICs have no rtnl_link_ops, hence no dellink.
  if (link.kind === 'loopback' || link.kind === 'ether') return rtnl('Operation not supported')
  return change(ctx, (tx) => {
    tx.apply({ kind: 'link.del', host: ctx.host, netns: ctx.netns, link: link.id })
    return out('')
  })
}

/** One device to create: its arguments and where it goes. */
type End = { readonly args: LinkArgs; readonly netns: NetnsId }
type Made = End & { readonly name: string; readonly mac: string; readonly link: LinkId }

/** `ip link add`: a veth's peer first, then the device; master and up once they exist. */
function create(
  ctx: CommandContext,
  kind: NewKind,
  main: LinkArgs,
  peer?: LinkArgs,
): CommandOutput {
  return change(ctx, (tx) => {
    const ends: End[] = []
    for (const args of peer ? [peer, main] : [main]) {
      if (args.netns === 'pid') return rtnl('No such process')
      ends.push({ args, netns: args.netns?.id ?? ctx.netns })
    }
    const made: Made[] = []
    for (const end of ends) {
      const problem = checkNew(kind, end.args)
      if (problem) return problem
      const taken = new Set([
        ...txView(ctx, tx, end.netns).links.map((l) => l.name),
        ...made.filter((m) => m.netns === end.netns).map((m) => m.name),
      ])
      // The kernel names an unnamed device after its kind (a veth's peer: veth%d too).
      const name = end.args.dev ?? freeName(taken, kind)
      if (name.length >= 16) return extack('Attribute failed policy validation')
      if (taken.has(name)) return rtnl('File exists')
      const mac = end.args.mac ? formatMac(end.args.mac) : tx.randomMac()
      made.push({ ...end, name, mac, link: tx.newLinkId(ctx.host) })
    }
    const host = ctx.host
    const spec = (m: Made) => ({
      name: m.name,
      mac: m.mac,
      mtu: m.args.mtu ?? 1500,
      txqlen: m.args.txqlen ?? 1000,
    })
    const [first, second] = made
    if (!first) return out('')
    const dev = second ?? first
    if (kind === 'veth') {
      tx.apply({
        kind: 'veth.add',
        host,
        a: { netns: first.netns, link: first.link, ...spec(first) },
        b: { netns: dev.netns, link: dev.link, ...spec(dev) },
      })
    } else {
      const random = first.args.mac ? {} : { randomMac: true as const }
      tx.apply({
        kind: 'link.add',
        host,
        netns: first.netns,
        link: first.link,
        spec: { ...spec(first), kind, ...random },
      })
    }
    if (main.master !== undefined) {
      const joined = setMaster(ctx, tx, dev.netns, dev.link, main.master)
      if (joined) return joined
    }
    for (const m of made) {
      if (m.args.up) tx.apply({ kind: 'link.set-up', host, netns: m.netns, link: m.link, up: true })
    }
    return out('')
  })
}

/**
 * `ip link add [NAME] link DEV type macvlan [mode M] | ipvlan [mode M] [FLAG] | vlan id N`: a
 * device stacked on DEV, in DEV's namespace, with DEV's MTU; a macvlan draws a MAC of its own,
 * ipvlan and VLAN devices take DEV's (drivers/net/macvlan.c macvlan_common_newlink, ipvlan_main.c,
 * net/8021q/vlan_netlink.c; option words as iproute2 6.1 iplink_macvlan.c/iplink_ipvlan.c/
 * iplink_vlan.c read them). The kernel's default modes: macvlan vepa, ipvlan l3 bridge.
 */
function createStacked(
  ctx: CommandContext,
  v: NetnsView,
  kind: 'macvlan' | 'ipvlan' | 'vlan',
  a: LinkArgs,
): CommandOutput {
  const info = stackedInfo(kind, a.rest)
  if ('exitCode' in info) return info
  if (a.link === undefined) {
    return kind === 'vlan'
      ? extack('8021q: VLAN device requires a lower device')
      : rtnl('Invalid argument')
  }
  const lower = findLink(v, a.link)
  if (!lower) return nodev(a.link)
  if (kind === 'vlan' && info.id === undefined) return extack('8021q: VLAN id not specified')
  if (a.mtu !== undefined && a.mtu > lower.mtu) return rtnl('Invalid argument')
  return change(ctx, (tx) => {
    const taken = new Set(txView(ctx, tx, ctx.netns).links.map((l) => l.name))
    const name = a.dev ?? freeStackedName(taken, kind, lower.name, info.id)
    if (name.length >= 16) return extack('Attribute failed policy validation')
    if (taken.has(name)) return rtnl('File exists')
    const ref = { netns: ctx.netns, link: lower.id }
    const linkInfo: LinkInfo =
      kind === 'macvlan'
        ? { kind, lower: ref, mode: info.macvlan ?? 'vepa' }
        : kind === 'ipvlan'
          ? { kind, lower: ref, mode: info.ipvlan ?? 'l3', flag: info.flag ?? 'bridge' }
          : { kind, lower: ref, id: info.id ?? 0 }
    const mac = a.mac ? formatMac(a.mac) : kind === 'macvlan' ? tx.randomMac() : lower.mac
    const link = tx.newLinkId(ctx.host)
    const spec = {
      name,
      kind,
      mac,
      mtu: a.mtu ?? lower.mtu,
      txqlen: a.txqlen ?? 1000,
      info: linkInfo,
    }
    tx.apply({ kind: 'link.add', host: ctx.host, netns: ctx.netns, link, spec })
    if (a.up) tx.apply({ kind: 'link.set-up', host: ctx.host, netns: ctx.netns, link, up: true })
    return out('')
  })
}

type StackedOptions = {
  macvlan?: 'bridge' | 'vepa' | 'private' | 'passthru'
  ipvlan?: 'l2' | 'l3' | 'l3s'
  flag?: 'bridge' | 'private' | 'vepa'
  id?: number
}

const MACVLAN_MODES = ['private', 'vepa', 'bridge', 'passthru'] as const
const IPVLAN_MODES = ['l2', 'l3', 'l3s'] as const
const IPVLAN_FLAGS = ['bridge', 'private', 'vepa'] as const

function stackedInfo(
  kind: 'macvlan' | 'ipvlan' | 'vlan',
  rest: readonly string[],
): StackedOptions | CommandOutput {
  const o: StackedOptions = {}
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] ?? ''
    if (kind === 'vlan' && word === 'id') {
      const n = Number(rest[++i])
      if (!Number.isInteger(n) || n < 0 || n > 4094) return invarg('id is invalid', rest[i] ?? '')
      o.id = n
    } else if (kind !== 'vlan' && word === 'mode') {
      const m = rest[++i] ?? ''
      if (kind === 'macvlan') {
        const mode = MACVLAN_MODES.find((x) => x === m)
        if (!mode)
          return fail(
            `Error: argument of "mode" must be "private", "vepa", "bridge", "passthru" or "source", not "${m}"\n`,
            255,
          )
        o.macvlan = mode
      } else {
        const mode = IPVLAN_MODES.find((x) => x === m)
        if (!mode)
          return fail(`Error: argument of "mode" must be either "l2", "l3" or "l3s"\n`, 255)
        o.ipvlan = mode
      }
    } else {
      const flag = kind === 'ipvlan' ? IPVLAN_FLAGS.find((f) => f === word) : undefined
      if (flag === undefined) return notSimulated(`${kind} ${word}`)
      o.flag = flag
    }
  }
  return o
}

/** The kernel's name for an unnamed stacked device: `macvlan%d`, `ipvlan%d`, `eth0.10`. */
function freeStackedName(
  taken: ReadonlySet<string>,
  kind: 'macvlan' | 'ipvlan' | 'vlan',
  lower: string,
  id: number | undefined,
): string {
  if (kind === 'vlan') return `${lower}.${id ?? 0}`
  for (let n = 0; ; n++) if (!taken.has(`${kind}${n}`)) return `${kind}${n}`
}

/** The first `KIND%d` name free in the namespace (net/core/dev.c dev_alloc_name). */
function freeName(taken: ReadonlySet<string>, kind: NewKind): string {
  for (let n = 0; ; n++) if (!taken.has(`${kind}${n}`)) return `${kind}${n}`
}

/**
 * What the kernel refuses in a new device's attributes before creating anything; a veth checks
 * its own (veth_validate: EINVAL without a message).
 */
function checkNew(kind: NewKind, a: LinkArgs): CommandOutput | undefined {
  if (a.mtu !== undefined) {
    const bad = mtuProblem(kind, a.mtu)
    if (bad) return kind === 'veth' ? rtnl('Invalid argument') : bad
  }
  if (a.mac && a.mac.length !== 6) return rtnl('Invalid argument')
  if (a.mac && !isValidEther(a.mac)) return rtnl('Cannot assign requested address')
  return undefined
}

/** dev_validate_mtu with the type's limits: 68…65535, none (0) for loopback and dummy. */
function mtuProblem(kind: LinkKind, mtu: number): CommandOutput | undefined {
  const [min, max] = kind === 'loopback' || kind === 'dummy' ? [0, 0] : [68, 65535]
  if (mtu < 0 || mtu < min) return extack('mtu less than device minimum')
  if (max > 0 && mtu > max) return extack('mtu greater than device maximum')
  return undefined
}

/** is_valid_ether_addr: not multicast, not all zeros. */
const isValidEther = (mac: readonly number[]): boolean =>
  ((mac[0] ?? 0) & 1) === 0 && mac.some((b) => b !== 0)

const current = (ctx: CommandContext, tx: OpContext, netns: NetnsId, id: LinkId): Link => {
  const link = linkById(txView(ctx, tx, netns), id)
  if (!link) throw new Error(`no link ${id}`)
  return link
}

/** do_setlink in the kernel's order: namespace, MAC, MTU, name, master, then up or down. */
function setLink(
  ctx: CommandContext,
  tx: OpContext,
  link: Link,
  a: LinkArgs,
  rename: string | undefined,
): CommandOutput {
  const host = ctx.host
  let netns = ctx.netns
  let name = rename
  if (a.netns === 'pid') return rtnl('No such process')
  if (a.netns && a.netns.id !== netns) {
    if (link.kind === 'bridge' || link.kind === 'loopback') {
      return extack('The interface netns is immutable')
    }
    if (linkByName(txView(ctx, tx, a.netns.id), name ?? link.name)) {
      return extack('An interface with the same name exists in the target netns')
    }
    tx.apply({ kind: 'link.set-netns', host, netns, link: link.id, to: a.netns.id })
    netns = a.netns.id
    if (name !== undefined) tx.apply({ kind: 'link.rename', host, netns, link: link.id, name })
    name = undefined
  }
  const at = { host, netns, link: link.id }
  if (a.mac) {
    if (link.kind === 'loopback') return rtnl('Operation not supported')
    if (!isValidEther(a.mac)) return rtnl('Cannot assign requested address')
    const mac = formatMac(a.mac)
    const now = current(ctx, tx, netns, link.id)
    if (mac !== now.mac || now.randomMac) tx.apply({ ...at, kind: 'link.set-mac', mac })
  }
  if (a.mtu !== undefined && a.mtu !== link.mtu) {
    const bad = mtuProblem(link.kind, a.mtu)
    if (bad) return bad
    tx.apply({ ...at, kind: 'link.set-mtu', mtu: a.mtu })
  }
  if (name !== undefined && name !== link.name) {
    if (linkByName(txView(ctx, tx, netns), name)) return rtnl('File exists')
    if (name === '.' || name === '..' || name.includes(':')) return rtnl('Invalid argument')
    tx.apply({ ...at, kind: 'link.rename', name })
  }
  if (a.master !== undefined) {
    const joined = setMaster(ctx, tx, netns, link.id, a.master)
    if (joined) return joined
  }
  if (a.up !== undefined) tx.apply({ ...at, kind: 'link.set-up', up: a.up })
  return out('')
}

/**
 * do_set_master: `master` is an ifindex, looked up where the device now is; a bridge takes any
 * Ethernet device but another bridge or a loopback (br_add_if).
 */
function setMaster(
  ctx: CommandContext,
  tx: OpContext,
  netns: NetnsId,
  id: LinkId,
  master: number | null,
): CommandOutput | undefined {
  const v = txView(ctx, tx, netns)
  const link = current(ctx, tx, netns, id)
  const at = { kind: 'link.set-master', host: ctx.host, netns, link: id } as const
  const now = link.master === undefined ? undefined : linkById(v, link.master)
  if (master === null) {
    if (link.master !== undefined) tx.apply({ ...at, master: null })
    return undefined
  }
  if (now?.ifindex === master) return undefined
  const upper = linkByIfindex(v, master)
  if (!upper) return rtnl('Invalid argument')
  if (upper.kind !== 'bridge') return rtnl('Operation not supported')
  if (link.kind === 'bridge') return extack('Can not enslave a bridge to a bridge')
  if (link.kind === 'loopback') return rtnl('Invalid argument')
  tx.apply({ ...at, master: upper.id })
  return undefined
}
