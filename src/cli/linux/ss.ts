// `ss [-l|-a] [-t] [-u] [-n] [-p] [-4|-6] [-H]` from iproute2 6.1, for the TCP and UDP sockets
// the kernel model has. Output is laid out as ss does when stdout is not a terminal: each column
// as wide as its widest cell, nothing spread over the screen. Mirrors iproute2 6.1 misc/ss.c
// main, render_calc_width / render, inet_stats_print and proc_ctx_print.

import { fail, out, type CommandOutput } from '../output'
import type { Program } from '../program'
import { serviceName } from './services'
import { ordered, socketRows, type SocketRow } from './sockets-view'
import { SS_USAGE } from './usage-texts'

type Column = { readonly header: string; readonly align: 'left' | 'right'; readonly ldelim: string }

const COLUMNS: readonly Column[] = [
  { header: 'Netid', align: 'left', ldelim: '' },
  { header: 'State', align: 'left', ldelim: ' ' },
  { header: 'Recv-Q', align: 'left', ldelim: ' ' },
  { header: 'Send-Q', align: 'left', ldelim: ' ' },
  { header: 'Local Address:', align: 'right', ldelim: ' ' },
  { header: 'Port', align: 'left', ldelim: '' },
  { header: 'Peer Address:', align: 'right', ldelim: ' ' },
  { header: 'Port', align: 'left', ldelim: '' },
  { header: 'Process', align: 'left', ldelim: '' },
]

type Options = {
  listening: boolean
  all: boolean
  tcp: boolean
  udp: boolean
  numeric: boolean
  processes: boolean
  family?: 4 | 6
  header: boolean
}

const SHORT: Readonly<Record<string, keyof Options | '4' | '6'>> = {
  l: 'listening',
  a: 'all',
  t: 'tcp',
  u: 'udp',
  n: 'numeric',
  p: 'processes',
  '4': '4',
  '6': '6',
}

const LONG: Readonly<Record<string, string>> = {
  listening: 'l',
  all: 'a',
  tcp: 't',
  udp: 'u',
  numeric: 'n',
  processes: 'p',
  ipv4: '4',
  ipv6: '6',
  'no-header': 'H',
}

const usage = (first: string): CommandOutput => fail(`${first}\n${SS_USAGE}`, 255)

function parse(argv: readonly string[]): Options | CommandOutput {
  const o: Options = {
    listening: false,
    all: false,
    tcp: false,
    udp: false,
    numeric: false,
    processes: false,
    header: true,
  }
  for (const arg of argv) {
    const letters = arg.startsWith('--')
      ? LONG[arg.slice(2)]
      : arg.startsWith('-')
        ? arg.slice(1)
        : undefined
    if (letters === undefined) {
      if (arg.startsWith('--')) return usage(`ss: unrecognized option '${arg}'`)
      return fail(
        `Error: an inet prefix is expected rather than "${arg}".\nCannot parse dst/src address.\n`,
        1,
      )
    }
    for (const c of letters) {
      if (c === 'H') o.header = false
      else if (c === '4' || c === '6') o.family = c === '4' ? 4 : 6
      else {
        const key = SHORT[c]
        if (key === undefined || key === '4' || key === '6')
          return usage(`ss: invalid option -- '${c}'`)
        o[key] = true as never
      }
    }
  }
  return o
}

const hostText = (local: string, family: 4 | 6): string =>
  family === 4 ? local : local === '::' ? '[::]' : `[${local}]`

function cells(r: SocketRow, o: Options, withNetid: boolean): string[] {
  const s = r.socket
  const listening = s.proto === 'tcp'
  // ss leaves ports of the ephemeral range (ip_local_port_range) numeric.
  const ephemeral = s.port >= 32768 && s.port <= 60999
  const port = (o.numeric || ephemeral ? undefined : serviceName(s.port, s.proto)) ?? String(s.port)
  const any = s.family === 4 ? '0.0.0.0' : '[::]'
  const users =
    o.processes && r.process ? ` users:(("${r.process.name}",pid=${s.pid},fd=${r.fd}))` : ''
  return [
    withNetid ? s.proto : '',
    listening ? 'LISTEN' : 'UNCONN',
    String(0).padEnd(6),
    String(r.backlog).padEnd(6),
    `${hostText(s.local, s.family)}:`,
    port,
    `${any}:`,
    '*',
    users,
  ]
}

/** The compact layout: widths from the widest cell (plus its delimiter), then aligned. */
function render(rows: readonly string[][], enabled: readonly boolean[]): string {
  const widths = COLUMNS.map((_, i) => Math.max(0, ...rows.map((r) => (r[i] ?? '').length)))
  let first = true
  const total = COLUMNS.map((c, i) => {
    if (!enabled[i]) return 0
    const w = !first && widths[i] ? (widths[i] ?? 0) + c.ldelim.length : (widths[i] ?? 0)
    if (w) first = false
    return w
  })
  return rows
    .map((row) => {
      let line = ''
      let started = false
      COLUMNS.forEach((c, i) => {
        if (!enabled[i]) return
        const text = row[i] ?? ''
        const delim = started ? c.ldelim : ''
        started = true
        const width = total[i] ?? 0
        const pad = Math.max(0, width - delim.length - text.length)
        line +=
          c.align === 'right' ? delim + ' '.repeat(pad) + text : delim + text + ' '.repeat(pad)
      })
      return `${line}\n`
    })
    .join('')
}

export const runSs: Program = (ctx, argv) => {
  const o = parse(argv)
  if ('exitCode' in o) return o
  const protos: ('tcp' | 'udp')[] = []
  // udp is dumped before tcp (ss.c main); with neither flag both are shown.
  if (o.udp || !o.tcp) protos.push('udp')
  if (o.tcp || !o.udp) protos.push('tcp')
  const withNetid = protos.length > 1
  const listening = o.listening || o.all
  const rows = ordered(socketRows(ctx), protos)
    .filter(() => listening)
    .filter((r) => o.family === undefined || r.socket.family === o.family)
  const header = COLUMNS.map((c) => c.header)
  const table = [...(o.header ? [header] : []), ...rows.map((r) => cells(r, o, withNetid))]
  const enabled = COLUMNS.map((_, i) => i !== 0 || withNetid)
  return out(table.length === 0 ? '' : render(table, enabled))
}
