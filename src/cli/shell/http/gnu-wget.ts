// GNU wget 1.21.3 (src/http.c, src/connect.c, src/progress.c), as Debian-based images and the
// host have it, one URL at a time: its log of attempts, retries and the progress bar when done.

import { daemon, getContainer, parseIpv4 } from '../../../engine'
import type { CommandContext } from '../../context'
import { failedAfter, STRERROR, type Dialer, type Peer } from '../net/dialer'
import { addrText, resolve, type Addr } from '../net/resolve'
import { serverAt, type Server } from './servers'
import { stamp } from './time'
import type { Transfer } from './transfer'
import { fileNameOf, hostPort, parseUrl, urlText, type Url } from './url'
import type { WgetOptions } from './wget'

/** Whether GNU tools quote ‘like this’: a UTF-8 locale (the host's; a container's LANG). */
function utf8Locale(ctx: CommandContext): boolean {
  if (ctx.container === undefined) return true
  const c = getContainer(ctx.engine.world.hosts[ctx.host]?.daemon, ctx.container)
  const env = c ? [...daemon.resolveImage(c.image).config.Env, ...c.env] : []
  return env.some((e) => /^(LANG|LC_ALL)=.*utf-?8/i.test(e))
}

/** calc_rate: bytes/s in binary units; a transfer under the timer's resolution takes 10 µs. */
function rate(bytes: number, secs: number): { text: string; unit: number } {
  let r = bytes / (secs || 0.00001)
  let unit = 0
  while (r >= 1024 && unit < 3) {
    r /= 1024
    unit++
  }
  return { text: r.toFixed(r >= 99.95 ? 0 : r >= 9.995 ? 1 : 2), unit }
}

/** retr_rate, for the result line: `85.4 MB/s`. */
const rateText = (bytes: number, secs: number): string => {
  const r = rate(bytes, secs)
  return `${r.text} ${['B/s', 'KB/s', 'MB/s', 'GB/s'][r.unit] ?? ''}`
}

/**
 * GNU wget's progress bar when done, 80 columns (src/progress.c create_image): name, percent,
 * bar (a `<=>` that bounces when the size is unknown), size, rate (`--.-` when the transfer was
 * under one update), elapsed time.
 */
function gnuBar(name: string, size: number, known: boolean, secs: number): string {
  const file = name.length < 19 ? name.padEnd(20) : `${name.slice(0, 19)} `
  const bar = known ? `100%[${'='.repeat(19)}>]` : `    [ <=>${' '.repeat(16)}]`
  const r = rate(size, secs)
  const speed =
    secs > 0 ? `${r.text.padStart(4)}${[' B/s', 'KB/s', 'MB/s', 'GB/s'][r.unit] ?? ''}` : '--.-KB/s'
  return `${file}${bar}${String(size).padStart(8)}  ${speed}${`    in ${secs}s`.padEnd(15)}\n`
}

/** What GNU wget has logged so far, and the virtual time its attempts have taken. */
type GnuLog = { text: string; clock: number }

/** GNU wget for one URL: up to `tries` attempts (waiting 1, 2, … 10 s between them). */
export function gnuOne(ctx: CommandContext, dialer: Dialer, o: WgetOptions, raw: string): Transfer {
  const q = utf8Locale(ctx) ? (s: string) => `‘${s}’` : (s: string) => `'${s}'`
  const log: GnuLog = { text: '', clock: ctx.engine.world.clock }
  const done = (code: number, stdout = ''): Transfer => ({
    stdout,
    stderr: o.quiet ? '' : log.text,
    code,
  })
  const url = parseUrl(raw)
  if (!url || (url.scheme !== 'http' && url.scheme !== 'https')) {
    log.text += `${raw}: Unsupported scheme${url ? ` ${q(url.scheme)}` : ''}.\n`
    return done(1)
  }
  const numeric = parseIpv4(url.host) !== undefined || url.host === '::1'
  const addrs = resolve(ctx, url.host)
  for (let n = 1; n <= o.tries; n++) {
    if (n > 1) log.clock += Math.min(n - 1, 10)
    const attempt = n > 1 ? `(try:${String(n).padStart(2)})  ` : ''
    log.text += `--${stamp(log.clock)}--  ${attempt}${urlText(url)}\n`
    // Later attempts use wget's DNS cache: no second "Resolving" line.
    if (n === 1 && !numeric) {
      const found = addrs.slice(0, 3).map(addrText).join(', ')
      log.text += `Resolving ${url.host} (${url.host})... ${found ? `${found}\n` : 'failed: Name or service not known.\n'}`
    }
    if (!addrs.length) {
      log.text += `wget: unable to resolve host address ${q(url.host)}\n`
      return done(4)
    }
    const peer = gnuConnect(dialer, url, addrs, numeric, o, log)
    if (peer.kind === 'refused') return done(4) // not retried without --retry-connrefused
    if (peer.kind === 'connected' && url.scheme === 'https') {
      log.text += 'OpenSSL: error:0A00010B:SSL routines::wrong version number\n'
      log.text += 'Unable to establish SSL connection.\n'
      return done(4)
    }
    if (peer.kind === 'connected') {
      const t = gnuExchange(ctx, serverAt(ctx.engine.world, peer.listener), url, o, q, log)
      if (t) return t
    }
    log.text += n === o.tries ? 'Giving up.\n\n' : 'Retrying.\n\n'
  }
  return done(4)
}

/** connect_to_host: each address in turn, `Connecting to …` and its outcome. */
function gnuConnect(
  dialer: Dialer,
  url: Url,
  addrs: readonly Addr[],
  numeric: boolean,
  o: WgetOptions,
  log: GnuLog,
): Peer {
  let peer: Peer = { kind: 'refused' }
  for (const addr of addrs) {
    const ip = addrText(addr)
    log.text += numeric
      ? `Connecting to ${addr.family === 6 ? `[${ip}]` : ip}:${url.port}... `
      : `Connecting to ${url.host} (${url.host})|${ip}|:${url.port}... `
    peer = dialer.dial(addr, url.port)
    if (peer.kind === 'connected') {
      log.text += 'connected.\n'
      return peer
    }
    const limit = o.timeout === undefined ? undefined : o.timeout * 1000
    const ms = failedAfter(peer, limit)
    log.clock += ms / 1000
    log.text += `failed: ${ms === limit ? 'Connection timed out' : STRERROR[peer.kind]}.\n`
  }
  return peer
}

/** The request on a connected socket; undefined when nothing came back (wget retries). */
function gnuExchange(
  ctx: CommandContext,
  server: Server,
  url: Url,
  o: WgetOptions,
  q: (s: string) => string,
  log: GnuLog,
): Transfer | undefined {
  const lines = [
    `GET ${url.path} HTTP/1.1`,
    'User-Agent: Wget/1.21.3',
    'Accept: */*',
    'Accept-Encoding: identity',
    `Host: ${hostPort(url)}`,
    'Connection: Keep-Alive',
  ]
  const reply = server({ method: 'GET', path: url.path, lines }, ctx.engine.world.clock)
  log.text += 'HTTP request sent, awaiting response... '
  const done = (code: number, stdout = ''): Transfer => ({
    stdout,
    stderr: o.quiet ? '' : log.text,
    code,
  })
  if (reply.kind === 'raw' && reply.bytes === '') {
    log.text += 'No data received.\n'
    return undefined
  }
  const body = reply.kind === 'raw' ? reply.bytes : reply.body
  if (reply.kind === 'http') {
    log.text += `${reply.status} ${reply.reason}\n`
    if (reply.status >= 400) {
      log.text += `${stamp(log.clock)} ERROR ${reply.status}: ${reply.reason}.\n\n`
      return done(8)
    }
    const type = reply.headers.find(([k]) => k === 'Content-Type')?.[1]
    log.text += `Length: ${body.length}${type ? ` [${type}]` : ''}\n`
  } else {
    log.text += '200 No headers, assuming HTTP/0.9\nLength: unspecified\n'
  }
  const name = o.output ?? fileNameOf(url)
  const toStdout = name === '-'
  const secs = reply.kind === 'raw' ? reply.seconds : 0
  const total = reply.kind === 'http' ? `${body.length}/${body.length}` : `${body.length}`
  const rate = rateText(body.length, secs)
  log.text += `Saving to: ${q(toStdout ? 'STDOUT' : name)}\n\n`
  log.text += `${gnuBar(name, body.length, reply.kind === 'http', secs)}\n`
  log.text += `${stamp(log.clock + secs)} (${rate}) - `
  log.text += toStdout ? `written to stdout [${total}]\n\n` : `${q(name)} saved [${total}]\n\n`
  return done(0, toStdout ? body : '')
}
