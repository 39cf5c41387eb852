// `netstat [-t] [-u] [-l|-a] [-n] [-p]` from net-tools 2.10, for the TCP and UDP sockets the
// kernel model has: tcp, tcp6, udp, udp6 in /proc/net order, fixed-width columns.
// Mirrors net-tools netstat.c tcp_do_one / udp_do_one / finish_this_one / prg_cache_get.

import { fail, out, type CommandOutput } from '../output'
import type { Program } from '../program'
import { runBusyboxNetstat } from './busybox-netstat'
import { serviceName } from './services'
import { ordered, programName, socketRows, type SocketRow } from './sockets-view'
import { NETSTAT_USAGE } from './usage-texts'

type Options = {
  tcp: boolean
  udp: boolean
  listening: boolean
  all: boolean
  numeric: boolean
  programs: boolean
}

const LETTERS: Readonly<Record<string, keyof Options>> = {
  t: 'tcp',
  u: 'udp',
  l: 'listening',
  a: 'all',
  n: 'numeric',
  p: 'programs',
}

const LONG: Readonly<Record<string, keyof Options>> = {
  tcp: 'tcp',
  udp: 'udp',
  listening: 'listening',
  all: 'all',
  numeric: 'numeric',
  programs: 'programs',
}

const usage = (first: string): CommandOutput => fail(`${first}\n${NETSTAT_USAGE}`, 3)

function parse(argv: readonly string[]): Options | CommandOutput {
  const o: Options = {
    tcp: false,
    udp: false,
    listening: false,
    all: false,
    numeric: false,
    programs: false,
  }
  for (const arg of argv) {
    if (arg.startsWith('--')) {
      const key = LONG[arg.slice(2)]
      if (!key) return usage(`netstat: unrecognized option '${arg}'`)
      o[key] = true
      continue
    }
    if (!arg.startsWith('-')) continue
    for (const c of arg.slice(1)) {
      const key = LETTERS[c]
      if (!key) return usage(`netstat: invalid option -- '${c}'`)
      o[key] = true
    }
  }
  return o
}

function endpoint(host: string, port: string, family: 4 | 6, numeric: boolean): string {
  if (family === 6) return numeric ? `${host}:${port}` : `[${host}]:${port}`
  return `${!numeric && host === '127.0.0.1' ? 'localhost' : host}:${port}`
}

function row(r: SocketRow, o: Options): string {
  const s = r.socket
  const proto = `${s.proto}${s.family === 6 ? '6' : ''}`
  const port = (o.numeric ? undefined : serviceName(s.port, s.proto)) ?? String(s.port)
  const any = s.family === 4 ? '0.0.0.0' : '::'
  const local = endpoint(s.local, port, s.family, o.numeric)
  const remote = endpoint(any, '*', s.family, o.numeric)
  const state = s.proto === 'tcp' ? 'LISTEN' : ''
  let line =
    `${proto.padEnd(4)}  ${'0'.padStart(6)} ${'0'.padStart(6)} ` +
    `${local.padEnd(23)} ${remote.padEnd(23)} ${state.padEnd(11)}`
  if (o.programs) {
    const prog = r.process ? `${s.pid}/${programName(r.process)}`.slice(0, 19) : '-'
    line += ` ${prog.padEnd(20)}`
  }
  return `${line}\n`
}

export const runNetstat: Program = (ctx, argv) => {
  if (ctx.userland === 'busybox') return runBusyboxNetstat(ctx, argv)
  const o = parse(argv)
  if ('exitCode' in o) return o
  const inetOnly = o.tcp || o.udp
  const protos: ('tcp' | 'udp')[] = []
  if (o.tcp || !inetOnly) protos.push('tcp')
  if (o.udp || !inetOnly) protos.push('udp')
  const kind = o.listening ? 'only servers' : o.all ? 'servers and established' : 'w/o servers'
  const rows = ordered(socketRows(ctx), protos).filter(() => o.listening || o.all)
  const state = 'State      '
  let text =
    `Active Internet connections (${kind})\n` +
    `Proto Recv-Q Send-Q Local Address           Foreign Address         ${state}` +
    `${o.programs ? ' PID/Program name    ' : ''}\n` +
    rows.map((r) => row(r, o)).join('')
  // Without -t/-u netstat goes on with the UNIX domain sockets, which the simulator lacks.
  if (!inetOnly) {
    text +=
      `Active UNIX domain sockets (${kind})\n` +
      `Proto RefCnt Flags       Type       State         I-Node   ${o.programs ? 'PID/Program name     ' : ''}Path\n`
  }
  return out(text)
}
