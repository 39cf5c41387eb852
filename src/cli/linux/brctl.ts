// `brctl show [BRIDGE…]` and `brctl showmacs BRIDGE` from bridge-utils 1.7.1: TAB-separated,
// bridges and their ports in name order (from /sys/class/net), the bridge id as priority 8000
// and the MAC. Mirrors bridge-utils brctl/brctl_cmd.c br_cmd_show / show_bridge /
// br_cmd_showmacs.

import type { Link } from '../../engine'
import { fail, out, type CommandOutput } from '../output'
import type { Program } from '../program'
import { fdbRows } from './fdb-view'
import { portNumber } from './ip-details'
import { linkByName, netnsView, type NetnsView } from './netns-view'
import { BRCTL_USAGE } from './usage-texts'

const byName = (a: Link, b: Link): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

function bridgeRow(v: NetnsView, bridge: Link): string {
  const ports = v.links.filter((l) => l.master === bridge.id).sort(byName)
  const head = `${bridge.name}\t\t8000.${bridge.mac.replaceAll(':', '')}\tno\t\t`
  if (ports.length === 0) return `${head}\n`
  return ports.map((p, i) => `${i === 0 ? head : '\t\t\t\t\t\t\t'}${p.name}\n`).join('')
}

function show(v: NetnsView, names: readonly string[]): CommandOutput {
  const header = 'bridge name\tbridge id\t\tSTP enabled\tinterfaces\n'
  if (names.length === 0) {
    // brctl prints the header only once it has a bridge to show.
    const bridges = v.links.filter((l) => l.kind === 'bridge').sort(byName)
    return out(bridges.length === 0 ? '' : header + bridges.map((b) => bridgeRow(v, b)).join(''))
  }
  let stdout = header
  let stderr = ''
  for (const name of names) {
    const link = linkByName(v, name)
    if (!link) stderr += `bridge ${name} does not exist!\n`
    else if (link.kind !== 'bridge') stderr += `device ${name} is not a bridge!\n`
    else stdout += bridgeRow(v, link)
  }
  if (stdout === header) stdout = ''
  return { stdout, stderr, exitCode: stderr === '' ? 0 : 1 }
}

function showMacs(v: NetnsView, name: string | undefined): CommandOutput {
  if (name === undefined) {
    return out(
      'Incorrect number of arguments for command\nUsage: brctl showmacs <bridge>\t\tshow a list of mac addrs\n',
      1,
    )
  }
  const bridge = linkByName(v, name)
  if (!bridge) return fail('read of forward table failed: No such device\n', 1)
  if (bridge.kind !== 'bridge')
    return fail('read of forward table failed: Operation not supported\n', 1)
  const rows = fdbRows(v)
    .filter((r) => r.master?.id === bridge.id && r.dev.id !== bridge.id)
    .sort((a, b) => (a.mac < b.mac ? -1 : a.mac > b.mac ? 1 : 0))
    .map((r) => {
      const local = r.permanent && r.mac === r.dev.mac
      return `${String(portNumber(v, r.dev)).padStart(3)}\t${r.mac}\t${local ? 'yes' : 'no'}\t\t   0.00\n`
    })
  return out(`port no\tmac addr\t\tis local?\tageing timer\n${rows.join('')}`)
}

export const runBrctl: Program = (ctx, argv) => {
  const [cmd, ...args] = argv
  if (cmd === undefined) return out(BRCTL_USAGE, 1)
  const v = netnsView(ctx)
  if (!v) return fail("can't setup bridge control: No such file or directory\n", 1)
  if (cmd === 'show') return show(v, args)
  if (cmd === 'showmacs') return showMacs(v, args[0])
  return { stdout: BRCTL_USAGE, stderr: `never heard of command [${cmd}]\n`, exitCode: 1 }
}
