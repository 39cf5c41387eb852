// curl against the simulated servers, one URL at a time: the connection through the dialer
// (see net/dialer.ts), then the server's reply as curl prints it. curl 7.88.1 on the host
// (Debian 12), 8.x in images; the messages used here are the same in both (lib/connect.c,
// lib/http.c, src/tool_operate.c). Files are not written: `-o` and `-O` print the meter only.
// Not simulated: curl -v (ignored, like other options that change nothing here), redirects, TLS.

import type { CommandContext } from '../../context'
import { failedAfter, type Dialer, type Peer } from '../net/dialer'
import { addrText, resolve, type Addr } from '../net/resolve'
import { length, serverAt, type Reply } from './servers'
import { pad2 } from './time'
import { max5, type Transfer } from './transfer'
import { hostPort, parseUrl, pathOnly, urlText } from './url'

export type CurlOptions = {
  silent: boolean
  showError: boolean
  noMeter: boolean
  head: boolean
  include: boolean
  fail: boolean
  remoteName: boolean
  output?: string
  /** Seconds: `--connect-timeout`, `-m` (both bound the connect here). */
  connectTimeout?: number
  writeOut?: string
  urls: string[]
}

// Long options → their short letter, or a name for those without one.
const CURL_LONG: Readonly<Record<string, string>> = {
  silent: 's',
  'show-error': 'S',
  head: 'I',
  include: 'i',
  fail: 'f',
  'remote-name': 'O',
  output: 'o',
  'max-time': 'm',
  'write-out': 'w',
  location: 'L',
  insecure: 'k',
  verbose: 'v',
  header: 'H',
  'user-agent': 'A',
  request: 'X',
  ipv4: '4',
  'connect-timeout': 'connect-timeout',
  url: 'url',
  'no-progress-meter': 'no-progress-meter',
}
const CURL_ARG = new Set(['o', 'm', 'w', 'H', 'A', 'X', 'connect-timeout', 'url'])
const CURL_BOOL = new Set(['s', 'S', 'I', 'i', 'f', 'O', 'L', 'k', 'v', '4'])

/** Applies one option; a problem is returned as curl's reason text. */
function setCurl(o: CurlOptions, key: string, value: string): string | undefined {
  switch (key) {
    case 's':
      o.silent = true
      break
    case 'S':
      o.showError = true
      break
    case 'no-progress-meter':
      o.noMeter = true
      break
    case 'I':
      o.head = true
      break
    case 'i':
      o.include = true
      break
    case 'f':
      o.fail = true
      break
    case 'O':
      o.remoteName = true
      break
    case 'o':
      o.output = value
      break
    case 'w':
      o.writeOut = value
      break
    case 'url':
      o.urls.push(value)
      break
    case 'm':
    case 'connect-timeout': {
      if (!/^\d+(\.\d+)?$/.test(value)) return 'expected a proper numerical parameter'
      o.connectTimeout = Math.min(Number(value), o.connectTimeout ?? Infinity)
      break
    }
  }
  return undefined
}

export function parseCurl(argv: readonly string[]): CurlOptions | string {
  const o: CurlOptions = {
    silent: false,
    showError: false,
    noMeter: false,
    head: false,
    include: false,
    fail: false,
    remoteName: false,
    urls: [],
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    const keys: { key: string; inline?: string }[] = []
    if (a.startsWith('--') && a.length > 2) {
      const key = CURL_LONG[a.slice(2)]
      if (key === undefined) return `option ${a}: is unknown`
      keys.push({ key })
    } else if (a.startsWith('-') && a.length > 1) {
      // Grouped short options; one taking a value ends the group (`-sSo file`, `-ofile`).
      for (let j = 1; j < a.length; j++) {
        const key = a[j] ?? ''
        if (CURL_ARG.has(key)) {
          keys.push(j + 1 < a.length ? { key, inline: a.slice(j + 1) } : { key })
          break
        }
        if (!CURL_BOOL.has(key)) return `option ${a}: is unknown`
        keys.push({ key })
      }
    } else {
      o.urls.push(a)
      continue
    }
    for (const { key, inline } of keys) {
      const value = CURL_ARG.has(key) ? (inline ?? argv[++i]) : ''
      if (value === undefined) return `option ${a}: requires parameter`
      const problem = setCurl(o, key, value)
      if (problem) return `option ${a}: ${problem}`
    }
  }
  return o
}

export const CURL_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n"

// lib/progress.c: the meter curl prints when the body goes to a file.
const METER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n'

function time2str(s: number): string {
  if (s <= 0) return '--:--:--'
  return `${String(Math.floor(s / 3600)).padStart(2)}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`
}

/** The meter's last line: `size` bytes received (0 on failure) after `ms`. */
function meterLine(size: number, ms: number): string {
  const speed = size === 0 ? 0 : Math.floor((size * 1000) / Math.max(ms, 1))
  const pct = size === 0 ? '  0' : '100'
  const spent = time2str(Math.floor(ms / 1000))
  return `${pct} ${max5(size)}  ${pct} ${max5(size)}    0 ${max5(0)}  ${max5(speed)}  ${max5(0)} --:--:-- ${spent} --:--:-- ${max5(speed)}\n`
}

/** Tries the addresses in order (curl's happy eyeballs end the same way): first to connect. */
function connectAny(dialer: Dialer, addrs: readonly Addr[], port: number) {
  let last: { addr: Addr; peer: Peer } | undefined
  for (const addr of addrs) {
    const peer = dialer.dial(addr, port)
    if (peer.kind === 'connected') return { addr, peer }
    if (!last || last.peer.kind !== 'timeout') last = { addr, peer }
  }
  return last
}

const headBlock = (r: Reply & { kind: 'http' }): string =>
  `HTTP/1.1 ${r.status} ${r.reason}\r\n${r.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`

/** One URL: what curl prints for it and its exit status (`-w` text appended by the caller). */
export function curlOne(
  ctx: CommandContext,
  dialer: Dialer,
  o: CurlOptions,
  raw: string,
  vars: Record<string, string>,
): Transfer {
  const t: Transfer = { stdout: '', stderr: '', code: 0 }
  const toFile = o.remoteName || (o.output !== undefined && o.output !== '-')
  const meter = toFile && !o.silent && !o.noMeter
  const finish = (code: number, message: string, ms = 0): Transfer => {
    if (meter) t.stderr += METER + meterLine(0, ms)
    if (!o.silent || o.showError) t.stderr += `curl: (${code}) ${message}\n`
    return { ...t, code }
  }
  const url = parseUrl(raw)
  if (!url) return finish(3, 'URL using bad/illegal format or missing URL')
  vars.url_effective = urlText(url)
  if (url.scheme !== 'http' && url.scheme !== 'https')
    return finish(1, `Protocol "${url.scheme}" not supported or disabled in libcurl`)
  if (o.remoteName && o.output === undefined && pathOnly(url.path).endsWith('/')) {
    if (!o.silent || o.showError) t.stderr += 'curl: Remote file name has no length!\n'
    return { ...t, code: 23 }
  }
  const addrs = resolve(ctx, url.host)
  if (!addrs.length) return finish(6, `Could not resolve host: ${url.host}`)
  const hit = connectAny(dialer, addrs, url.port)
  if (!hit || hit.peer.kind !== 'connected') {
    const peer = hit?.peer ?? { kind: 'refused' }
    const limit = o.connectTimeout === undefined ? undefined : o.connectTimeout * 1000 + 1
    const ms = failedAfter(peer, limit)
    const expired = ms === limit
    // connect() failing with ETIMEDOUT exits 28 but keeps the "Couldn't connect" text
    // (lib/connect.c): what a silently dropped SYN ends in, after about two minutes.
    const code = expired || peer.kind === 'timeout' ? 28 : 7
    const why = expired ? 'Timeout was reached' : "Couldn't connect to server"
    return finish(
      code,
      `Failed to connect to ${url.host} port ${url.port} after ${ms} ms: ${why}`,
      ms,
    )
  }
  vars.remote_ip = addrText(hit.addr)
  vars.remote_port = String(url.port)
  if (url.scheme === 'https') return finish(35, 'error:0A00010B:SSL routines::wrong version number')
  const method = o.head ? 'HEAD' : 'GET'
  const agent = `curl/${ctx.userland === 'host' ? '7.88.1' : '8.14.1'}`
  const lines = [`${method} ${url.path} HTTP/1.1`, `Host: ${hostPort(url)}`, `User-Agent: ${agent}`]
  const server = serverAt(ctx.engine.world, hit.peer.listener)
  const reply = server(
    { method, path: url.path, lines: [...lines, 'Accept: */*'] },
    ctx.engine.world.clock,
  )
  // curl sends the request and reads the answer: nothing at all (postgres, or docker-proxy
  // that could not reach the container), or bytes that are not an HTTP status line (redis's
  // -ERR, mysql's greeting) which curl 7.66+ refuses as HTTP/0.9.
  if (reply.kind === 'raw')
    return reply.bytes === ''
      ? finish(52, 'Empty reply from server')
      : finish(1, 'Received HTTP/0.9 when not allowed')
  vars.http_code = String(reply.status)
  vars.content_type = reply.headers.find(([k]) => k === 'Content-Type')?.[1] ?? ''
  if (o.fail && reply.status >= 400)
    return finish(22, `The requested URL returned error: ${reply.status}`)
  vars.size_download = length(reply.body)
  if (meter) t.stderr += METER + meterLine(reply.body.length, 1)
  if (!toFile) t.stdout += (o.head || o.include ? headBlock(reply) : '') + reply.body
  return t
}

/** The `-w` text: `%{http_code}` and the other variables, backslash escapes. */
export function writeOut(format: string, vars: Record<string, string>): string {
  return format
    .replace(/%\{(\w+)\}/g, (_, name: string) =>
      name === 'response_code' ? (vars.http_code ?? '') : (vars[name] ?? ''),
    )
    .replace(/\\([nrt\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c)
}
