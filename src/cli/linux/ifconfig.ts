// `ifconfig [-a] [IFACE]`: net-tools 2.10 on the host (lib/interface.c ife_print_long) and
// busybox's applet in containers (networking/interface.c ife_print). Up devices only unless
// -a or a device is named; net-tools sorts names naturally, busybox with strcmp. The counters
// are what the simulated packets (ping, curl, nc, DNS) moved through the device.

import { formatIpv4, maskOf, type Link } from '../../engine'
import { naturalCompare } from '../../lib/natural-sort'
import { fail, out, type CommandOutput } from '../output'
import type { Program } from '../program'
import { inet4Addrs } from './inet4'
import { inet6Addrs } from './inet6'
import { busyboxBytes, netToolsBytes } from './link-stats'
import { carrier, linkByName, netnsView, type NetnsView } from './netns-view'

const IFF = { UP: 0x1, BROADCAST: 0x2, LOOPBACK: 0x8, RUNNING: 0x40, MULTICAST: 0x1000 }

function ifFlags(v: NetnsView, link: Link): { value: number; names: string[] } {
  const names: string[] = []
  let value = 0
  const add = (name: keyof typeof IFF): void => {
    value |= IFF[name]
    names.push(name)
  }
  if (link.up) add('UP')
  if (link.kind !== 'loopback') add('BROADCAST')
  if (link.kind === 'loopback') add('LOOPBACK')
  if (link.up && carrier(v, link)) add('RUNNING')
  if (link.kind !== 'loopback') add('MULTICAST')
  return { value, names }
}

function netToolsBlock(v: NetnsView, link: Link): string {
  const { rx, tx } = traffic(link)
  const flags = ifFlags(v, link)
  const lines = [`${link.name}: flags=${flags.value}<${flags.names.join(',')}>  mtu ${link.mtu}`]
  const a = inet4Addrs(link)[0]
  if (a) {
    const brd = a.brd === undefined ? '' : `  broadcast ${formatIpv4(a.brd)}`
    lines.push(
      `        inet ${formatIpv4(a.cidr.addr)}  netmask ${formatIpv4(maskOf(a.cidr.len))}${brd}`,
    )
  }
  for (const a6 of inet6Addrs(v, link)) {
    const scope = a6.scope === 'host' ? '0x10<host>' : '0x20<link>'
    lines.push(`        inet6 ${a6.addr}  prefixlen ${a6.len}  scopeid ${scope}`)
  }
  lines.push(
    link.kind === 'loopback'
      ? `        loop  txqueuelen ${link.txqlen}  (Local Loopback)`
      : `        ether ${link.mac}  txqueuelen ${link.txqlen}  (Ethernet)`,
    `        RX packets ${rx.packets}  bytes ${netToolsBytes(rx.bytes)}`,
    '        RX errors 0  dropped 0  overruns 0  frame 0',
    `        TX packets ${tx.packets}  bytes ${netToolsBytes(tx.bytes)}`,
    '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0',
    '',
  )
  return lines.map((l) => `${l}\n`).join('')
}

/** The device's counters (zero until it moved a packet). */
function traffic(link: Link): { rx: Counts; tx: Counts } {
  const s = link.stats
  return {
    rx: { packets: s?.rxPackets ?? 0, bytes: s?.rxBytes ?? 0 },
    tx: { packets: s?.txPackets ?? 0, bytes: s?.txBytes ?? 0 },
  }
}
type Counts = { readonly packets: number; readonly bytes: number }

function busyboxBlock(v: NetnsView, link: Link): string {
  const { rx, tx } = traffic(link)
  const encap =
    link.kind === 'loopback'
      ? 'Link encap:Local Loopback  '
      : `Link encap:Ethernet  HWaddr ${link.mac.toUpperCase()}  `
  const lines = [`${link.name.padEnd(9)} ${encap}`]
  const a = inet4Addrs(link)[0]
  if (a) {
    const brd = a.brd === undefined ? '' : `  Bcast:${formatIpv4(a.brd)}`
    lines.push(
      `          inet addr:${formatIpv4(a.cidr.addr)}${brd}  Mask:${formatIpv4(maskOf(a.cidr.len))}`,
    )
  }
  for (const a6 of inet6Addrs(v, link)) {
    lines.push(
      `          inet6 addr: ${a6.addr}/${a6.len} Scope:${a6.scope === 'host' ? 'Host' : 'Link'}`,
    )
  }
  const words = ifFlags(v, link)
    .names.map((n) => `${n} `)
    .join('')
  lines.push(
    `          ${words} MTU:${link.mtu}  Metric:1`,
    `          RX packets:${rx.packets} errors:0 dropped:0 overruns:0 frame:0`,
    `          TX packets:${tx.packets} errors:0 dropped:0 overruns:0 carrier:0`,
    `          collisions:0 txqueuelen:${link.txqlen} `,
    `          RX bytes:${busyboxBytes(rx.bytes)}  TX bytes:${busyboxBytes(tx.bytes)}`,
    '',
  )
  return lines.map((l) => `${l}\n`).join('')
}

const strcmp = (a: Link, b: Link): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

export const runIfconfig: Program = (ctx, argv) => {
  const busybox = ctx.userland === 'busybox'
  let all = false
  const names: string[] = []
  for (const arg of argv) {
    if (arg === '-a') all = true
    else if (arg.startsWith('-') && names.length === 0 && !busybox) {
      return fail(
        `ifconfig: option \`${arg}' not recognised.\nifconfig: \`--help' gives usage information.\n`,
        1,
      )
    } else names.push(arg)
  }
  const v = netnsView(ctx)
  if (!v) return fail('ifconfig: socket: No such file or directory\n', 1)
  const block = (l: Link): string => (busybox ? busyboxBlock(v, l) : netToolsBlock(v, l))
  const [name, ...settings] = names
  if (name !== undefined) {
    const link = linkByName(v, name)
    if (!link) {
      const prefix = busybox ? 'ifconfig: ' : ''
      return fail(`${prefix}${name}: error fetching interface information: Device not found\n`, 1)
    }
    // Changing a device (`ifconfig eth0 up`) is not simulated.
    if (settings.length > 0) return unsupported(settings[0] as string, busybox)
    return out(block(link))
  }
  const links = v.links
    .filter((l) => all || l.up)
    .sort(busybox ? strcmp : (a, b) => naturalCompare(a.name, b.name))
  return out(links.map(block).join(''))
}

function unsupported(word: string, busybox: boolean): CommandOutput {
  if (busybox) return fail(`ifconfig: bad address '${word}'\n`, 1)
  return fail(`${word}: Unknown host\nifconfig: \`--help' gives usage information.\n`, 1)
}
