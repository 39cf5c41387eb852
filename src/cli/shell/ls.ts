// `ls [-l] /proc/*/ns`, `/proc/PID/ns`, `/proc/PID/ns/KIND`: the namespaces of the processes of
// the host, as seed 001 lists them to show namespaces (`ls -l /proc/*/ns | grep uts | …`). The
// host's processes are in the boot namespaces; a container's in its own (Docker unshares net,
// uts, ipc, mnt, pid and cgroup; host-mode containers keep the host's net and uts); a shell of
// `unshare -u` has a UTS namespace of its own. The namespace mounts under /var/run/docker/netns
// and /var/run/netns too (ls-netns.ts). Other paths are not simulated.

import {
  allContainers,
  allProcesses,
  daemon,
  INIT_NETNS,
  type Container,
  type Host,
  type Process,
} from '../../engine'
import { ctime } from '../linux/ctime'
import { netnsPath, nsfsLine } from './ls-netns'
import { fail } from '../output'
import type { Program } from '../program'

const KINDS = [
  'cgroup',
  'ipc',
  'mnt',
  'net',
  'pid',
  'pid_for_children',
  'time',
  'time_for_children',
  'user',
  'uts',
] as const
type Kind = (typeof KINDS)[number]

/** The namespaces the kernel makes at boot (proc_ns inodes 0xEFFFFFFA…). */
const BOOT: Readonly<Record<Kind, number>> = {
  time: 4026531834,
  time_for_children: 4026531834,
  cgroup: 4026531835,
  pid: 4026531836,
  pid_for_children: 4026531836,
  user: 4026531837,
  uts: 4026531838,
  ipc: 4026531839,
  net: 4026531840,
  mnt: 4026531841,
}

/** Namespaces a container's sandbox number n gets: a block of inodes each (after unshare's). */
const CONTAINER_BASE = 4026532200
const OFFSET: Partial<Record<Kind, number>> = { net: 0, uts: 1, ipc: 2, mnt: 3, pid: 4, cgroup: 5 }

function inodeOf(host: Host, p: Process, kind: Kind): number {
  const base = kind === 'pid_for_children' ? 'pid' : kind === 'time_for_children' ? 'time' : kind
  const c = allContainers(host.daemon).find(
    (x) =>
      x.pid === p.pid ||
      (p.netns !== INIT_NETNS && daemon.containerNetns(host.daemon, x) === p.netns),
  )
  if (kind === 'uts' && p.uts !== undefined) return p.uts
  if (!c) return BOOT[kind]
  const own = (o: number | undefined): number =>
    o === undefined ? BOOT[kind] : CONTAINER_BASE + 8 * sandboxSeq(c) + o
  if (c.networkMode.kind === 'host' && (base === 'net' || base === 'uts')) return BOOT[kind]
  return own(OFFSET[base])
}

/** A container's sandbox number (its namespace `nsN`), or its pid when it shares the host's. */
function sandboxSeq(c: Container): number {
  const n = Number(c.sandbox?.netns.replace(/^ns/, ''))
  return Number.isInteger(n) && n > 0 ? n : (c.pid ?? 0)
}

export const ls: Program = (ctx, argv) => {
  const long = argv.some((a) => /^-[a-zA-Z]*l/.test(a))
  const paths = argv.filter((a) => !a.startsWith('-'))
  const host = ctx.engine.world.hosts[ctx.host]
  if (!host || ctx.container !== undefined)
    return fail(`ls: cannot access '${paths[0] ?? '.'}': Permission denied\n`, 2)
  const stamp = ctime(ctx.engine.world.clock).slice(4, 16)
  const procs = allProcesses(host.kernel).sort((a, b) => a.pid - b.pid)
  const line = (p: Process, kind: Kind): string =>
    long
      ? `lrwxrwxrwx 1 root root 0 ${stamp} ${kind} -> ${kind === 'pid_for_children' || kind === 'time_for_children' ? kind.replace('_for_children', '') : kind}:[${inodeOf(host, p, kind)}]\n`
      : `${kind}\n`
  const dir = (p: Process): string =>
    (long ? 'total 0\n' : '') + KINDS.map((k) => line(p, k)).join('')
  const links: string[] = []
  const dirs: { path: string; text: string }[] = []
  let errors = ''
  for (const path of paths.length ? paths : ['.']) {
    const mount = netnsPath(host, path)
    if (mount === 'missing') {
      errors += `ls: cannot access '${path}': No such file or directory\n`
      continue
    }
    if (mount?.kind === 'file') {
      links.push(long ? nsfsLine(stamp, mount.name) : `${mount.name}\n`)
      continue
    }
    if (mount?.kind === 'dir') {
      const entries = mount.names.map((n) => (long ? nsfsLine(stamp, n) : `${n}\n`)).join('')
      dirs.push({ path, text: (long ? 'total 0\n' : '') + entries })
      continue
    }
    const m = /^\/proc\/(\*|\d+)\/ns(?:\/(\w+))?\/?$/.exec(path)
    const selected = m?.[1] === '*' ? procs : procs.filter((p) => String(p.pid) === m?.[1])
    const kind = KINDS.find((k) => k === m?.[2])
    if (!m || selected.length === 0 || (m[2] !== undefined && kind === undefined)) {
      errors += `ls: cannot access '${path}': No such file or directory\n`
      continue
    }
    for (const p of selected) {
      if (kind === undefined) dirs.push({ path: `/proc/${p.pid}/ns`, text: dir(p) })
      else {
        const target = `${kind.replace('_for_children', '')}:[${inodeOf(host, p, kind)}]`
        const name = `/proc/${p.pid}/ns/${kind}`
        links.push(long ? `lrwxrwxrwx 1 root root 0 ${stamp} ${name} -> ${target}\n` : `${name}\n`)
      }
    }
  }
  // As GNU ls: the files first, then each directory, named when there are several things.
  const named = dirs.length + links.length > 1
  const listing = dirs.map((d) => (named ? `${d.path}:\n${d.text}` : d.text)).join('\n')
  const stdout = links.join('') + (links.length && dirs.length ? '\n' : '') + listing
  return { stdout, stderr: errors, exitCode: errors === '' ? 0 : 2 }
}
