// What the `ip` commands that change the kernel share: running a change as one engine
// transaction, iproute2's way of reading addresses, prefixes and numbers (iproute2 6.1
// lib/utils.c get_addr_1 / get_prefix_1 / get_integer) and its error texts, with the kernel's
// netlink answers as iproute2 prints them (`RTNETLINK answers: …` or an extack `Error: ….`).

import {
  allNetns,
  getNetns,
  getProcess,
  INIT_NETNS,
  type Kernel,
  type Link,
  type Netns,
  type NetnsId,
  type OpContext,
} from '../../engine'
import { err, ok } from '../../lib/result'
import type { CommandContext } from '../context'
import { fail, out, type CommandOutput } from '../output'
import { linkByIfindex, linkByName, namedNetns, viewOf, type NetnsView } from './netns-view'

/**
 * Runs `plan` as one engine transaction: its kernel ops all happen, or none when it fails (a
 * non-zero exit). `partial`: what was done before the failure stays, as when the kernel applies
 * a request's attributes one after the other (do_setlink).
 */
export function change(
  ctx: CommandContext,
  plan: (tx: OpContext) => CommandOutput,
  partial = false,
): CommandOutput {
  let result = out('')
  ctx.engine.transact((tx) => {
    result = plan(tx)
    if (result.exitCode === 0 || partial) return ok(undefined)
    return err({ kind: 'iproute2', message: result.stderr })
  })
  return result
}

/** A namespace of the host as the transaction has changed it so far. */
export function txView(ctx: CommandContext, tx: OpContext, netns: NetnsId): NetnsView {
  const v = viewOf(tx.world.hosts[ctx.host]?.kernel, netns)
  if (!v) throw new Error(`no namespace ${netns}`)
  return v
}

/** ll_name_to_index: a device by name, else by an `ifN` name (its index). */
export function findLink(v: NetnsView, name: string): Link | undefined {
  const byIndex = /^if(\d+)$/.exec(name)
  return linkByName(v, name) ?? (byIndex ? linkByIfindex(v, Number(byIndex[1])) : undefined)
}

export const INCOMPLETE = 'Command line is not complete. Try option "help"\n'

/** A netlink error without an extack message: `RTNETLINK answers: File exists`. */
export const rtnl = (message: string): CommandOutput => fail(`RTNETLINK answers: ${message}\n`, 2)

/** A netlink error with the kernel's extack message: `Error: Nexthop has invalid gateway.` */
export const extack = (message: string): CommandOutput => fail(`Error: ${message}.\n`, 2)

export const nodev = (name: string): CommandOutput => fail(`Cannot find device "${name}"\n`, 1)

/** lib/utils.c invarg; messages that end in a newline print a blank line after. */
export const invarg = (message: string, arg: string): CommandOutput =>
  fail(`Error: argument "${arg}" is wrong: ${message}\n`, 255)

export const duparg = (key: string, arg: string): CommandOutput =>
  fail(`Error: duplicate "${key}": "${arg}" is the second value.\n`, 255)

export const duparg2 = (key: string, arg: string): CommandOutput =>
  fail(`Error: either "${key}" is duplicate, or "${arg}" is a garbage.\n`, 255)

/** A real `ip` feature the simulated kernel does not model: said plainly, nothing changes. */
export const notSimulated = (what: string): CommandOutput =>
  fail(`Error: "${what}" is not simulated here.\n`, 255)

/** strtoul/strtol with base 0: decimal, 0x hex or 0 octal, the whole word. */
export function parseNumber(text: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text)
  if (!m) return undefined
  const digits = m[2] ?? ''
  const n = /^0[xX]/.test(digits)
    ? parseInt(digits.slice(2), 16)
    : digits.startsWith('0')
      ? parseInt(digits, 8)
      : parseInt(digits, 10)
  return m[1] === '-' ? -n : n
}

/** get_addr_ipv4: one to four numbers separated by dots; missing bytes are zero (`10` = 10/8). */
export function parseInet(text: string): number | undefined {
  const parts = text.split('.')
  if (parts.length > 4) return undefined
  let addr = 0
  for (let i = 0; i < 4; i++) {
    const part = parts[i]
    const n = part === undefined ? 0 : parseNumber(part)
    if (n === undefined || n < 0 || n > 255) return undefined
    addr = addr * 256 + n
  }
  return addr
}

/** What get_addr / get_prefix read: an IPv4 prefix, or a word of another family. */
export type Prefix =
  | {
      readonly family: 'inet'
      readonly addr: number
      readonly len: number
      /** A `/len` was written (`10.0.0.1` alone is a /32 without one). */
      readonly lenGiven: boolean
      /** `default`, `all` or `any`. */
      readonly any: boolean
    }
  | { readonly family: 'inet6' }

/** The family name iproute2 uses in its messages: `any valid` until one is known. */
export type FamilyName = 'any valid' | 'inet'

function mask2bits(mask: number): number | undefined {
  for (let len = 0; len <= 32; len++) {
    if ((len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0) === mask) return len
  }
  return undefined
}

/** get_prefix_1: `ADDR[/LEN]` (LEN may be a dotted mask), `default`, `all`, `any`. */
export function parsePrefix(text: string, withLen = true): Prefix | undefined {
  const slash = text.indexOf('/')
  const head = withLen && slash >= 0 ? text.slice(0, slash) : text
  const tail = withLen && slash >= 0 ? text.slice(slash + 1) : undefined
  if (head.includes(':')) return { family: 'inet6' }
  if (['default', 'all', 'any'].includes(head)) {
    return tail === undefined
      ? { family: 'inet', addr: 0, len: 0, lenGiven: false, any: true }
      : undefined
  }
  const addr = parseInet(head)
  if (addr === undefined) return undefined
  if (tail === undefined) return { family: 'inet', addr, len: 32, lenGiven: false, any: false }
  const n = parseNumber(tail)
  const dotted = parseInet(tail)
  const len = n !== undefined && n >= 0 ? n : dotted === undefined ? undefined : mask2bits(dotted)
  if (len === undefined || len > 32) return undefined
  return { family: 'inet', addr, len, lenGiven: true, any: false }
}

export const badPrefix = (family: FamilyName, arg: string): CommandOutput =>
  fail(`Error: ${family} prefix is expected rather than "${arg}".\n`, 1)

export const badAddress = (family: FamilyName, arg: string): CommandOutput =>
  fail(`Error: ${family} address is expected rather than "${arg}".\n`, 1)

/**
 * The namespace `netns X` names (lib/namespace.c netns_get_fd, then a PID): a name under
 * /var/run/netns, a path to a mounted namespace (Docker's /var/run/docker/netns/…), or the PID
 * of a process in it. `pid` when X is a number no process has.
 */
export function resolveNetns(kernel: Kernel | undefined, word: string): Netns | 'pid' | 'invalid' {
  const named = word.includes('/') ? byPath(kernel, word) : namedNetns(kernel, word)
  if (named) return named
  const pid = parseNumber(word)
  if (pid === undefined) return 'invalid'
  // PID 1 is the host's init, in the host's namespace.
  const netns = pid === 1 ? INIT_NETNS : getProcess(kernel, pid)?.netns
  return (netns === undefined ? undefined : getNetns(kernel, netns)) ?? 'pid'
}

function byPath(kernel: Kernel | undefined, path: string): Netns | undefined {
  const canonical = path.replace(/^\/run\//, '/var/run/')
  return allNetns(kernel).find((ns) => ns.path !== '' && ns.path === canonical)
}
