// busybox's `netstat` applet as Alpine builds it (-W and -p on): `tcp`/`udp` for both families,
// a 12-wide State column, `PID/argv0` cut to 19 characters. Mirrors busybox 1.36
// networking/netstat.c netstat_main / print_inet_line / prg_cache_add.

import { fail, out, type CommandOutput } from '../output'
import type { Program } from '../program'
import { serviceName } from './services'
import { ordered, programName, socketRows, type SocketRow } from './sockets-view'

const USAGE =
  'BusyBox v1.37.0 (2026-01-10 15:38:28 UTC) multi-call binary.\n\n' +
  'Usage: netstat [-ral] [-tuwx] [-enWp]\n\nDisplay networking information\n\n' +
  '\t-r\tRouting table\n\t-a\tAll sockets\n\t-l\tListening sockets\n' +
  '\t\tElse: connected sockets\n\t-t\tTCP sockets\n\t-u\tUDP sockets\n\t-w\tRaw sockets\n' +
  '\t-x\tUnix sockets\n\t\tElse: all socket types\n\t-e\tOther/more information\n' +
  "\t-n\tDon't resolve names\n\t-W\tWide display\n\t-p\tShow PID/program name for sockets\n"

const BANNER = 'PID/Program name    '

function endpoint(host: string, port: string, numeric: boolean): string {
  return `${!numeric && host === '127.0.0.1' ? 'localhost' : host}:${port}`
}

function row(r: SocketRow, numeric: boolean, programs: boolean): string {
  const s = r.socket
  const port = (numeric ? undefined : serviceName(s.port, s.proto)) ?? String(s.port)
  const local = endpoint(s.local, port, numeric)
  const remote = endpoint(s.family === 4 ? '0.0.0.0' : '::', '*', numeric)
  const state = s.proto === 'tcp' ? 'LISTEN' : ''
  const line =
    `${s.proto}   ${'0'.padStart(6)} ${'0'.padStart(6)} ` +
    `${local.padEnd(23)} ${remote.padEnd(23)} ${state.padEnd(12)}`
  const prog = r.process ? `${s.pid}/${programName(r.process)}`.slice(0, 19) : '-'
  return `${line}${programs ? prog : ''}\n`
}

export const runBusyboxNetstat: Program = (ctx, argv) => {
  const flags = new Set<string>()
  for (const arg of argv) {
    if (arg.startsWith('--')) {
      return fail(`netstat: unrecognized option '${arg}'\n${USAGE}`, 1)
    }
    if (!arg.startsWith('-')) continue
    for (const c of arg.slice(1)) {
      if (!'laentuwxrWp'.includes(c)) return fail(`netstat: invalid option -- '${c}'\n${USAGE}`, 1)
      flags.add(c)
    }
  }
  const anyProto = ['t', 'u', 'w', 'x'].some((c) => flags.has(c))
  const listening = flags.has('l') || flags.has('a')
  const kind = flags.has('a')
    ? 'servers and established'
    : flags.has('l')
      ? 'only servers'
      : 'w/o servers'
  const programs = flags.has('p')
  const protos: ('tcp' | 'udp')[] = []
  if (flags.has('t') || !anyProto) protos.push('tcp')
  if (flags.has('u') || !anyProto) protos.push('udp')
  let text = ''
  if (protos.length > 0 || flags.has('w')) {
    const rows = listening ? ordered(socketRows(ctx), protos) : []
    text +=
      `Active Internet connections (${kind})\n` +
      `Proto Recv-Q Send-Q Local Address           Foreign Address         State       ${programs ? BANNER : ''}\n` +
      rows.map((r) => row(r, flags.has('n'), programs)).join('')
  }
  if (flags.has('x') || !anyProto) {
    text +=
      `Active UNIX domain sockets (${kind})\n` +
      `Proto RefCnt Flags       Type       State         I-Node ${programs ? BANNER : ''}Path\n`
  }
  return out(text) satisfies CommandOutput
}
