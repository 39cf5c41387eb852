// `ip netns`: the namespaces mounted under /var/run/netns (Docker's, under /var/run/docker/netns,
// are not listed), made and removed as kernel ops, and `ip netns exec` running a program of the
// host in one. Mirrors iproute2 6.1 ip/ipnetns.c do_netns, netns_list, netns_add, netns_delete
// and netns_exec (lib/exec.c cmd_exec), with /run/netns in messages as Debian builds it.

import { allNetns, LOOPBACK_SPEC, type NetnsId } from '../../engine'
import type { CommandContext } from '../context'
import { fail, out, type CommandOutput } from '../output'
import { change, notSimulated } from './ip-change'
import { namedNetns, NETNS_RUN_DIR, netnsName, nsidOf, type NetnsView } from './netns-view'
import { matches } from './prefix-match'
import { IP_NETNS_USAGE } from './usage-texts'

/** NETNS_RUN_DIR as iproute2 prints it (Debian's build; /var/run is a link to /run). */
const RUN_DIR_TEXT = '/run/netns/'

const NO_NAME = fail('No netns name specified\n', 1)

/** ipnetns.c invalid_name. */
const invalidName = (name: string): boolean =>
  name === '' || name.length > 255 || name.includes('/') || name === '.' || name === '..'

export function runNetns(
  ctx: CommandContext,
  v: NetnsView,
  args: readonly string[],
): CommandOutput {
  const [cmd, name, ...rest] = args
  if (cmd === undefined) return list(v)
  if (name !== undefined && invalidName(name)) {
    return fail(`Invalid netns name "${name}"\n`, 255)
  }
  if (['list', 'show', 'lst'].some((k) => matches(cmd, k))) return list(v)
  if (matches(cmd, 'list-id')) return notSimulated('netns list-id')
  if (matches(cmd, 'help')) return fail(IP_NETNS_USAGE, 255)
  if (matches(cmd, 'add')) return name === undefined ? NO_NAME : add(ctx, v, name)
  if (matches(cmd, 'set')) return notSimulated('netns set')
  if (matches(cmd, 'delete')) return name === undefined ? NO_NAME : del(ctx, v, name)
  if (matches(cmd, 'identify')) return notSimulated('netns identify')
  if (matches(cmd, 'pids')) return notSimulated('netns pids')
  if (matches(cmd, 'exec')) return exec(ctx, v, name, rest)
  if (matches(cmd, 'monitor')) return notSimulated('netns monitor')
  if (matches(cmd, 'attach')) return notSimulated('netns attach')
  return fail(`Command "${cmd}" is unknown, try "ip netns help".\n`, 255)
}

/** Creation order (readdir of tmpfs), with the id this namespace knows each one by. */
function list(v: NetnsView): CommandOutput {
  const seq = (id: NetnsId): number => Number(id.slice(2))
  const rows = allNetns(v.kernel)
    .sort((a, b) => seq(a.id) - seq(b.id))
    .flatMap((ns) => {
      const name = netnsName(ns)
      if (name === undefined) return []
      const id = nsidOf(v, ns.id)
      return [`${name}${id === undefined ? '' : ` (id: ${id})`}\n`]
    })
  return out(rows.join(''))
}

/** A fresh namespace holds only `lo`, down and without an address. */
function add(ctx: CommandContext, v: NetnsView, name: string): CommandOutput {
  if (namedNetns(v.kernel, name)) {
    return fail(`Cannot create namespace file "${RUN_DIR_TEXT}${name}": File exists\n`, 1)
  }
  return change(ctx, (tx) => {
    const host = ctx.host
    const netns = tx.newNetnsId(host)
    tx.apply({ kind: 'netns.add', host, netns, role: 'named', path: `${NETNS_RUN_DIR}${name}` })
    tx.apply({ kind: 'link.add', host, netns, link: tx.newLinkId(host), spec: LOOPBACK_SPEC })
    return out('')
  })
}

function del(ctx: CommandContext, v: NetnsView, name: string): CommandOutput {
  const ns = namedNetns(v.kernel, name)
  if (!ns) {
    return fail(
      `Cannot remove namespace file "${RUN_DIR_TEXT}${name}": No such file or directory\n`,
      1,
    )
  }
  return change(ctx, (tx) => {
    tx.apply({ kind: 'netns.del', host: ctx.host, netns: ns.id })
    return out('')
  })
}

/** Runs the command in the namespace with the host's programs; its exit status is ip's. */
function exec(
  ctx: CommandContext,
  v: NetnsView,
  name: string | undefined,
  argv: readonly string[],
): CommandOutput {
  if (name === undefined) return NO_NAME
  if (argv[0] === undefined) return fail('No command specified\n', 1)
  const ns = namedNetns(v.kernel, name)
  if (!ns) return fail(`Cannot open network namespace "${name}": No such file or directory\n`, 255)
  const inside: CommandContext = {
    engine: ctx.engine,
    host: ctx.host,
    netns: ns.id,
    userland: 'host',
    shell: ctx.shell,
    ...(ctx.stdin === undefined ? {} : { stdin: ctx.stdin }),
  }
  return (
    ctx.shell.runProgram(inside, argv) ??
    fail(`exec of "${argv[0]}" failed: No such file or directory\n`, 1)
  )
}
