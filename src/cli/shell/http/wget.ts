// wget's options, and busybox 1.36's applet (networking/wget.c, libbb/progress.c) as the busybox
// and alpine images have it, one URL at a time. GNU wget is in gnu-wget.ts. Files are not
// written: the save is only reported.

import type { CommandContext } from '../../context'
import { failedAfter, STRERROR, type Dialer } from '../net/dialer'
import { addrText, resolve } from '../net/resolve'
import { length, serverAt, type HttpRequest } from './servers'
import { max5, type Transfer } from './transfer'
import { fileNameOf, hostPort, parseUrl } from './url'

export type WgetOptions = {
  quiet: boolean
  /** `-O FILE`; `-` is stdout. */
  output?: string
  serverResponse: boolean
  spider: boolean
  /** Seconds (`-T`): busybox's alarm around connect, GNU wget's connect timeout. */
  timeout?: number
  tries: number
  urls: string[]
}

const WGET_LONG: Readonly<Record<string, string>> = {
  quiet: 'q',
  'output-document': 'O',
  'server-response': 'S',
  spider: 's',
  timeout: 'T',
  tries: 't',
  'user-agent': 'U',
  header: 'H',
  'no-check-certificate': 'k',
  'no-verbose': 'n',
  continue: 'c',
}
const WGET_ARG = new Set(['O', 'T', 't', 'U', 'H', 'P', 'Y', 'o'])

export function parseWget(argv: readonly string[]): WgetOptions | string {
  const o: WgetOptions = { quiet: false, serverResponse: false, spider: false, tries: 20, urls: [] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    const pairs: [string, string | undefined][] = []
    if (a.startsWith('--') && a.length > 2) {
      const [name = '', inline] = a.slice(2).split(/=(.*)/s)
      const key = WGET_LONG[name]
      if (key === undefined) return a
      pairs.push([key, inline])
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const key = a[j] ?? ''
        if (WGET_ARG.has(key)) {
          pairs.push([key, j + 1 < a.length ? a.slice(j + 1) : undefined])
          break
        }
        pairs.push([key, ''])
      }
    } else {
      o.urls.push(a)
      continue
    }
    for (const [key, inline] of pairs) {
      const value = WGET_ARG.has(key) && inline === undefined ? argv[++i] : inline
      if (value === undefined) return a
      if (key === 'q') o.quiet = true
      else if (key === 'O') o.output = value
      else if (key === 'S') o.serverResponse = true
      else if (key === 's') o.spider = true
      else if (key === 'T' && Number(value) > 0) o.timeout = Number(value)
      else if (key === 't') o.tries = Number(value) || 20
    }
  }
  return o
}

/** libbb/progress.c at 100% on an 80-column terminal: name, 32-star bar, size, ETA. */
const busyboxBar = (name: string, size: number): string =>
  `${name.padEnd(20).slice(0, 20)} 100% |${'*'.repeat(32)}| ${max5(size)}${size ? '  0:00:00' : ' --:--:--'} ETA\n`

export function busyboxOne(
  ctx: CommandContext,
  dialer: Dialer,
  o: WgetOptions,
  raw: string,
): Transfer {
  const t: Transfer = { stdout: '', stderr: '', code: 1 }
  const die = (msg: string): Transfer => ({ ...t, stderr: `${t.stderr}wget: ${msg}\n` })
  const url = parseUrl(raw)
  if (!url) return die(`bad address '${raw}'`)
  if (url.scheme !== 'http' && url.scheme !== 'https') return die(`not an http or ftp url: ${raw}`)
  // FEATURE_PREFER_IPV4_ADDRESS: an IPv4 address when the name has one.
  const addrs = resolve(ctx, url.host)
  const addr = addrs.find((a) => a.family === 4) ?? addrs[0]
  if (!addr) return die(`bad address '${url.host}'`)
  const ip = addrText(addr)
  if (!o.quiet) t.stderr += `Connecting to ${url.host} (${ip}:${url.port})\n`
  const peer = dialer.dial(addr, url.port)
  if (peer.kind !== 'connected') {
    const limit = o.timeout === undefined ? undefined : o.timeout * 1000
    if (limit !== undefined && failedAfter(peer, limit) === limit) return die('download timed out')
    return die(`can't connect to remote host (${ip}): ${STRERROR[peer.kind]}`)
  }
  const lines = [`GET ${url.path} HTTP/1.1`, `Host: ${hostPort(url)}`, 'User-Agent: Wget']
  const req: HttpRequest = { method: 'GET', path: url.path, lines: [...lines, 'Connection: close'] }
  const reply = serverAt(ctx.engine.world, peer.listener)(req, ctx.engine.world.clock)
  // A status line without a number (or none at all) is skipped with its "headers" until EOF.
  // TLS against a plain HTTP server also ends in this read.
  if (reply.kind === 'raw' || url.scheme === 'https') return die('error getting response')
  const status = `HTTP/1.1 ${reply.status} ${reply.reason}`
  if (o.serverResponse)
    t.stderr += [status, ...reply.headers.map(([k, v]) => `${k}: ${v}`)]
      .map((l) => `  ${l}\n`)
      .join('')
  if (reply.status < 200 || reply.status > 204) return die(`server returned error: ${status}`)
  if (o.spider) return { ...t, stderr: t.stderr + (o.quiet ? '' : 'remote file exists\n'), code: 0 }
  const size = Number(length(reply.body))
  const stdout = o.output === '-'
  const name = o.output ?? fileNameOf(url)
  if (stdout) t.stdout += reply.body
  if (!o.quiet) {
    const bar = busyboxBar(stdout ? '-' : (name.split('/').pop() ?? name), size)
    t.stderr += stdout
      ? `writing to stdout\n${bar}written to stdout\n`
      : `saving to '${name}'\n${bar}'${name}' saved\n`
  }
  return { ...t, code: 0 }
}
