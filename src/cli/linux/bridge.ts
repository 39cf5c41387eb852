// `bridge link [show] [dev DEV]` and `bridge fdb [show] [br BRIDGE] [brport|dev DEV]` from
// iproute2 6.1. Mirrors iproute2 6.1 bridge/bridge.c main, bridge/link.c print_linkinfo /
// brlink_show and bridge/fdb.c print_fdb / fdb_show. A port's `@peer` is resolved by index in
// this namespace, since the AF_BRIDGE dump carries no link-netnsid.

import { formatIpv4 } from '../../engine'
import { fail, out, type CommandOutput } from '../output'
import type { Program } from '../program'
import { fdbRows } from './fdb-view'
import { portCost, portState } from './ip-details'
import { flagsText } from './ip-link'
import { linkById, linkByName, netnsView, peerSuffix, type NetnsView } from './netns-view'
import { matches } from './prefix-match'
import { BRIDGE_USAGE } from './usage-texts'

const usage = (): CommandOutput => fail(BRIDGE_USAGE, 255)
const unknown = (object: string, cmd: string): CommandOutput =>
  fail(`Command "${cmd}" is unknown, try "bridge ${object} help".\n`, 255)

const portFlags = (port: { readonly hairpin?: true }): string =>
  `    hairpin ${port.hairpin ? 'on' : 'off'} guard off root_block off fastleave off learning on flood on mcast_flood on ` +
  'bcast_flood on mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off ' +
  'isolated off locked off '

function showLinks(v: NetnsView, args: readonly string[], details: boolean): CommandOutput {
  let dev: string | undefined
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== 'dev') continue // brlink_show ignores any other word
    const name = args[++i]
    if (name === undefined) return fail('Command line is not complete. Try option "help"\n', 255)
    if (dev !== undefined)
      return fail(`Error: duplicate "dev": "${name}" is the second value.\n`, 255)
    dev = name
  }
  const only = dev === undefined ? undefined : linkByName(v, dev)
  if (dev !== undefined && !only) return fail(`Cannot find device "${dev}"\n`, 255)
  const rows: string[] = []
  for (const link of v.links) {
    const bridge = link.master === undefined ? undefined : linkById(v, link.master)
    if (bridge?.kind !== 'bridge' || (only && only.id !== link.id)) continue
    const peer = peerSuffix(v, link, true)
    const name = peer ? `${link.name}@${peer.text}` : link.name
    rows.push(
      `${link.ifindex}: ${name}: ${flagsText(v, link, peer?.mDown ?? false)} mtu ${link.mtu} ` +
        `master ${bridge.name} state ${portState(v, link)} priority 32 cost ${portCost(link)} \n` +
        (details ? `${portFlags(link)}\n` : ''),
    )
  }
  return out(rows.join(''))
}

function showFdb(v: NetnsView, args: readonly string[]): CommandOutput {
  let br: string | undefined
  let dev: string | undefined
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string
    if (!['br', 'brport', 'dev'].includes(word)) continue
    const value = args[++i]
    if (value === undefined) return fail('Command line is not complete. Try option "help"\n', 255)
    if (word === 'br') br = value
    else dev = value
  }
  const bridge = br === undefined ? undefined : linkByName(v, br)
  if (br !== undefined && !bridge) return fail(`Cannot find bridge device "${br}"\n`, 255)
  const only = dev === undefined ? undefined : linkByName(v, dev)
  if (dev !== undefined && !only) return fail(`Cannot find device "${dev}"\n`, 255)
  const lines = fdbRows(v)
    .filter(
      (r) =>
        !bridge ||
        (bridge.kind === 'bridge' && r.dev.id === bridge.id) ||
        r.dev.master === bridge.id,
    )
    .filter((r) => !only || r.dev.id === only.id)
    .map((r) => {
      const devText = only ? '' : `dev ${r.dev.name} `
      // print_fdb: `dst`, then `link-netnsid` (NDA_LINK_NETNSID), then the flags.
      const dst = r.dst
        ? `dst ${formatIpv4(r.dst.ip)} ${r.dst.nsid === undefined ? '' : `link-netnsid ${r.dst.nsid} `}`
        : ''
      const where = r.master ? `master ${r.master.name} ` : 'self '
      return `${r.mac} ${devText}${dst}${where}${r.permanent ? 'permanent' : ''}\n`
    })
  return out(lines.join(''))
}

export const runBridge: Program = (ctx, argv) => {
  let details = false
  let i = 0
  for (; i < argv.length; i++) {
    const arg = argv[i] as string
    if (!arg.startsWith('-')) break
    const opt = arg.startsWith('--') ? arg.slice(1) : arg
    if (matches(opt, '-details')) details = true
    else if (
      ['-stats', '-statistics', '-oneline', '-timestamp', '-compressvlans'].some((o) =>
        matches(opt, o),
      )
    )
      continue
    else if (matches(opt, '-Version')) return out('bridge utility, 6.1.0\n')
    else if (matches(opt, '-help')) return usage()
    else return fail(`Option "${opt}" is unknown, try "bridge help".\n`, 255)
  }
  const [object, cmd, ...rest] = argv.slice(i)
  if (object === undefined) return usage()
  const v = netnsView(ctx)
  if (!v) return fail('Cannot open netlink socket: No such file or directory\n', 255)
  const show = cmd === undefined || ['show', 'lst', 'list'].some((a) => matches(cmd, a))
  if (matches(object, 'link')) {
    if (cmd !== undefined && (matches(cmd, 'set') || matches(cmd, 'change')))
      return unknown('link', cmd)
    return show ? showLinks(v, rest, details) : unknown('link', cmd)
  }
  if (matches(object, 'fdb')) {
    if (cmd !== undefined && ['add', 'append', 'delete', 'replace'].some((a) => matches(cmd, a))) {
      return unknown('fdb', cmd)
    }
    return show ? showFdb(v, rest) : unknown('fdb', cmd)
  }
  if (matches(object, 'help')) return usage()
  return fail(`Object "${object}" is unknown, try "bridge help".\n`, 255)
}
