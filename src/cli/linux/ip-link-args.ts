// The arguments of `ip link add|set|delete` and of a veth's `peer` section, read the way
// iproute2 6.1 ip/iplink.c iplink_parse reads them: the first keyword in its order that a word
// abbreviates wins (`a` is `address`, `d` is `dynamic`), `dev` may be left out, and `type KIND`
// ends the list (what follows belongs to the device type).

import type { Kernel, Netns } from '../../engine'
import { fail, type CommandOutput } from '../output'
import {
  duparg,
  duparg2,
  findLink,
  INCOMPLETE,
  invarg,
  notSimulated,
  parseInet,
  parseNumber,
  resolveNetns,
} from './ip-change'
import type { NetnsView } from './netns-view'
import { matches } from './prefix-match'
import { IP_LINK_USAGE } from './usage-texts'

export type LinkArgs = {
  /** The last of `up` / `down`. */
  up?: boolean
  /** `name NAME`: the new device's name, or the new name of an existing one. */
  name?: string
  /** `dev NAME` or a bare word: the device to change. */
  dev?: string
  /** `address LLADDR`, as bytes (checked against the device's 6 later). */
  mac?: readonly number[]
  mtu?: number
  txqlen?: number
  /** `netns NAME|PID`; `pid` when no process has that PID (the kernel says so). */
  netns?: Netns | 'pid'
  /** `master DEV` (its ifindex where the command runs) or `nomaster` (null). */
  master?: number | null
  /** `link DEV`: the lower device of a macvlan/ipvlan/VLAN device (a name where it runs). */
  link?: string
  type?: string
  /** What follows `type KIND`. */
  rest: readonly string[]
}

/** Keywords of iplink_parse in its order; `exact`: compared with strcmp, else any prefix. */
const KEYWORDS: readonly (readonly [string, boolean])[] = [
  ['up', true],
  ['down', true],
  ['name', true],
  ['index', true],
  ['link', false],
  ['address', false],
  ['broadcast', false],
  ['brd', true],
  ['txqueuelen', false],
  ['qlen', true],
  ['txqlen', false],
  ['mtu', true],
  ['xdpgeneric', true],
  ['xdpdrv', true],
  ['xdpoffload', true],
  ['xdp', true],
  ['netns', true],
  ['multicast', true],
  ['allmulticast', true],
  ['promisc', true],
  ['trailers', true],
  ['arp', true],
  ['carrier', true],
  ['vf', true],
  ['master', false],
  ['vrf', true],
  ['nomaster', false],
  ['dynamic', false],
  ['type', false],
  ['alias', false],
  ['group', true],
  ['mode', true],
  ['state', true],
  ['numtxqueues', false],
  ['numrxqueues', false],
  ['addrgenmode', false],
  ['link-netns', false],
  ['link-netnsid', false],
  ['protodown', true],
  ['protodown_reason', true],
  ['gso_max_size', true],
  ['gso_max_segs', true],
  ['gro_max_size', true],
  ['parentdev', true],
]

const ON_OFF = new Set(['multicast', 'allmulticast', 'promisc', 'trailers', 'arp', 'dynamic'])
const TXQLEN = new Set(['txqueuelen', 'qlen', 'txqlen'])

function keyword(word: string): string | undefined {
  return KEYWORDS.find(([k, exact]) => (exact ? word === k : matches(word, k)))?.[0]
}

/** check_ifname / check_altifname: not empty, no `/` or blank, shorter than `max`. */
const validIfname = (name: string, max: number): boolean =>
  name.length > 0 && name.length < max && !/[/\s]/.test(name)

/** ll_addr_a2n: hex bytes separated by colons (sscanf `%x` each), or a dotted IPv4 address. */
export function parseLladdr(text: string): readonly number[] | CommandOutput {
  const bad = (part: string): CommandOutput => fail(`"${part}" is invalid lladdr.\n`, 1)
  if (text.includes('.')) {
    const ip = parseInet(text)
    if (ip === undefined) return bad(text)
    return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255]
  }
  const bytes: number[] = []
  for (const part of text.split(':').slice(0, 32)) {
    const m = /^\s*([+-]?)(?:0[xX])?([0-9a-fA-F]+)/.exec(part)
    const n = m ? parseInt(m[2] ?? '', 16) * (m[1] === '-' ? -1 : 1) : NaN
    if (!(n >= 0 && n <= 255)) return bad(part)
    bytes.push(n)
  }
  return bytes
}

export const formatMac = (bytes: readonly number[]): string =>
  bytes.map((b) => b.toString(16).padStart(2, '0')).join(':')

/**
 * Reads the arguments; an error is returned as the output `ip` gives. `v` is where the command
 * runs (`master` names a device there), `kernel` resolves `netns`.
 */
export function parseLinkArgs(
  argv: readonly string[],
  v: NetnsView,
  kernel: Kernel,
): LinkArgs | CommandOutput {
  const a: LinkArgs = { rest: [] }
  /** `dev` was set by `name` (the same pointer in iplink_parse). */
  let devFromName = false
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string
    const kw = keyword(word)
    const takesValue = kw !== undefined && !['up', 'down', 'nomaster'].includes(kw)
    const value = takesValue ? argv[++i] : undefined
    if (takesValue && value === undefined) return fail(INCOMPLETE, 255)
    const arg = value ?? ''
    if (kw === 'up' || kw === 'down') a.up = kw === 'up'
    else if (kw === 'name') {
      if (a.name !== undefined) return duparg('name', arg)
      if (!validIfname(arg, 16)) return invarg('"name" not a valid ifname', arg)
      a.name = arg
      if (a.dev === undefined) {
        a.dev = arg
        devFromName = true
      }
    } else if (kw === 'address') {
      const mac = parseLladdr(arg)
      if ('exitCode' in mac) return mac
      a.mac = mac
    } else if (kw !== undefined && TXQLEN.has(kw)) {
      if (a.txqlen !== undefined) return duparg('txqueuelen', arg)
      const n = parseNumber(arg)
      if (n === undefined) return invarg('Invalid "txqueuelen" value\n', arg)
      a.txqlen = n
    } else if (kw === 'mtu') {
      if (a.mtu !== undefined) return duparg('mtu', arg)
      const n = parseNumber(arg)
      if (n === undefined) return invarg('Invalid "mtu" value\n', arg)
      a.mtu = n
    } else if (kw === 'netns') {
      if (a.netns !== undefined) return duparg('netns', arg)
      const ns = resolveNetns(kernel, arg)
      if (ns === 'invalid') return invarg('Invalid "netns" value\n', arg)
      a.netns = ns
    } else if (kw === 'master') {
      const master = findLink(v, arg)
      if (!master) return invarg('Device does not exist\n', arg)
      a.master = master.ifindex
    } else if (kw === 'nomaster') a.master = null
    else if (kw === 'link') {
      // iplink_parse resolves it at once (ll_name_to_index): an unknown name fails there.
      if (!findLink(v, arg)) return fail(`Cannot find device "${arg}"\n`, 1)
      a.link = arg
    } else if (kw === 'type') {
      a.type = arg
      a.rest = argv.slice(i + 1)
      break
    } else if (kw !== undefined && ON_OFF.has(kw) && arg !== 'on' && arg !== 'off') {
      return fail(`Error: argument of "${kw}" must be "on" or "off", not "${arg}"\n`, 1)
    } else if (kw !== undefined) return notSimulated(`${word} ${arg}`.trim())
    else {
      if (matches(word, 'help')) return fail(IP_LINK_USAGE, 255)
      const dev = word === 'dev' ? argv[++i] : word
      if (dev === undefined) return fail(INCOMPLETE, 255)
      if (a.dev !== undefined && !devFromName) return duparg2('dev', dev)
      if (!validIfname(dev, 128)) return invarg('"dev" not a valid ifname', dev)
      a.dev = dev
      devFromName = false
    }
  }
  return a
}
