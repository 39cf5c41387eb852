// What each image's server process answers to an HTTP request on a connection: nginx, httpd and
// traefik speak HTTP; redis, postgres and mysql answer an HTTP request as they really do. Any
// other listener (or docker-proxy that could not reach the container) closes without a byte.

import { allContainers, daemon, type World } from '../../../engine'
import type { Listener } from '../net/dialer'
import { httpDate } from './time'
import { pathOnly } from './url'

export type Header = readonly [string, string]

export type HttpRequest = {
  readonly method: 'GET' | 'HEAD'
  /** The request target: `/`, `/index.html?x=1`. */
  readonly path: string
  /** The request head as the client sends it: the request line, then its header lines. */
  readonly lines: readonly string[]
}

export type Reply =
  | {
      readonly kind: 'http'
      readonly status: number
      readonly reason: string
      readonly headers: readonly Header[]
      /** Empty for HEAD (Content-Length still tells the GET body's size). */
      readonly body: string
    }
  /** Not HTTP: the bytes the server sends before closing ('' for none), and after how long. */
  | { readonly kind: 'raw'; readonly bytes: string; readonly seconds: number }

export type Server = (req: HttpRequest, now: number) => Reply

const closes = (req: HttpRequest): boolean =>
  req.lines.some((l) => /^connection:\s*close$/i.test(l))
/** Bodies are byte strings (one char per byte). */
export const length = (s: string): string => String(s.length)

// nginx/nginx docs/html/index.html since 1.29.6 (the catalogue's nginx is 1.31).
const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, nginx is successfully installed and working.
Further configuration is required for the web server, reverse proxy, 
API gateway, load balancer, content cache, or other features.</p>

<p>For online documentation and support please refer to
<a href="https://nginx.org/">nginx.org</a>.<br/>
To engage with the community please visit
<a href="https://community.nginx.org/">community.nginx.org</a>.<br/>
For enterprise grade support, professional services, additional 
security features and capabilities please refer to
<a href="https://f5.com/nginx">f5.com/nginx</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`

/** The page's mtime in the package: the 1.31.3 release (2026-07-15 13:12:37 UTC). */
const NGINX_INDEX_MTIME = 1784121157

/** ngx_http_special_response.c: the 404 page with ngx_http_error_full_tail, CRLF lines. */
const nginx404 = (version: string): string =>
  [
    '<html>',
    '<head><title>404 Not Found</title></head>',
    '<body>',
    '<center><h1>404 Not Found</h1></center>',
    `<hr><center>nginx/${version}</center>`,
    '</body>',
    '</html>',
    '',
  ].join('\r\n')

// The default server of the image's default.conf: `root /usr/share/nginx/html; index index.html`.
// Headers in ngx_http_header_filter's order; ETag is "mtime-length" in hex.
const nginx =
  (version: string): Server =>
  (req, now) => {
    const p = pathOnly(req.path)
    const found = p === '/' || p === '/index.html'
    const body = found ? NGINX_INDEX : nginx404(version)
    const headers: Header[] = [
      ['Server', `nginx/${version}`],
      ['Date', httpDate(now)],
      ['Content-Type', 'text/html'],
      ['Content-Length', length(body)],
    ]
    if (found) headers.push(['Last-Modified', httpDate(NGINX_INDEX_MTIME)])
    headers.push(['Connection', closes(req) ? 'close' : 'keep-alive'])
    if (found) {
      const etag = `"${NGINX_INDEX_MTIME.toString(16)}-${Number(length(body)).toString(16)}"`
      headers.push(['ETag', etag], ['Accept-Ranges', 'bytes'])
    }
    const [status, reason] = found ? [200, 'OK'] : [404, 'Not Found']
    return { kind: 'http', status, reason, headers, body: req.method === 'HEAD' ? '' : body }
  }

const HTTPD_INDEX = '<html><body><h1>It works!</h1></body></html>\n'
const HTTPD_404 =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n' +
  '</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n'

// htdocs/index.html of the httpd tarball (mtime Mon, 11 Jun 2007 18:53:14 GMT; ETag size-mtime µs).
const httpd =
  (version: string): Server =>
  (req, now) => {
    const p = pathOnly(req.path)
    const found = p === '/' || p === '/index.html'
    const head: Header[] = [
      ['Date', httpDate(now)],
      ['Server', `Apache/${version} (Unix)`],
    ]
    const headers: Header[] = found
      ? [
          ...head,
          ['Last-Modified', 'Mon, 11 Jun 2007 18:53:14 GMT'],
          ['ETag', '"2d-432a5e4a73a80"'],
          ['Accept-Ranges', 'bytes'],
          ['Content-Length', length(HTTPD_INDEX)],
          ['Content-Type', 'text/html'],
        ]
      : [
          ...head,
          ['Content-Length', length(HTTPD_404)],
          ['Content-Type', 'text/html; charset=iso-8859-1'],
        ]
    if (closes(req)) headers.push(['Connection', 'close'])
    const body = found ? HTTPD_INDEX : HTTPD_404
    const [status, reason] = found ? [200, 'OK'] : [404, 'Not Found']
    return { kind: 'http', status, reason, headers, body: req.method === 'HEAD' ? '' : body }
  }

// Traefik with no configuration has no routers: Go's http.NotFound on every path. net/http writes
// the handler's headers sorted, then Date and Content-Length, then Connection.
const traefik: Server = (req, now) => {
  const body = '404 page not found\n'
  const headers: Header[] = [
    ['Content-Type', 'text/plain; charset=utf-8'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Date', httpDate(now)],
    ['Content-Length', length(body)],
  ]
  if (closes(req)) headers.push(['Connection', 'close'])
  const reply = { kind: 'http', status: 404, reason: 'Not Found', headers } as const
  return { ...reply, body: req.method === 'HEAD' ? '' : body }
}

// Redis reads each request line as an inline command and replies; a `Host:` (or `POST`) line is
// its cross-protocol scripting guard (securityWarningCommand): it closes the connection there.
// The docker image turns protected mode off, so no -DENIED banner comes first.
const redis: Server = (req) => {
  let bytes = ''
  for (const line of req.lines) {
    const [cmd = '', ...args] = line.trim().split(/\s+/)
    if (cmd === '') continue
    const name = cmd.toLowerCase()
    if (name === 'host:' || name === 'post') break
    if (name === 'get')
      bytes +=
        args.length === 1 ? '$-1\r\n' : "-ERR wrong number of arguments for 'get' command\r\n"
    else
      bytes += `-ERR unknown command '${cmd}', with args beginning with: ${args.map((a) => `'${a}' `).join('')}\r\n`
  }
  return { kind: 'raw', bytes, seconds: 0 }
}

// MySQL speaks first: its handshake greeting (protocol 10). The HTTP request then reads as a
// packet of 0x544547 bytes, so the server waits for the rest until connect_timeout (10 s).
const mysql =
  (version: string): Server =>
  () => {
    const payload = `\n${version}\0\x08\0\0\0lab-salt\0\xff\xff\xff\x02\0\xff\xdf\x15\0\0\0\0\0\0\0\0\0\0-rest-salt-\0caching_sha2_password\0`
    const header = `${String.fromCharCode(payload.length)}\0\0\0`
    return { kind: 'raw', bytes: header + payload, seconds: 10 }
  }

// The X Protocol plugin greets with a SERVER_HELLO notice frame, then reads "GET " as a frame
// length of 542 MB, over mysqlx_max_allowed_packet: it closes at once.
const mysqlx: Server = () => ({ kind: 'raw', bytes: '\x05\0\0\0\x0b\x08\x05\x1a\0', seconds: 0 })

// Postgres reads "GET " as the startup packet's length (1195725856, over 10000): "invalid length
// of startup packet" in its log, and the connection closed without a byte.
const silent: Server = () => ({ kind: 'raw', bytes: '', seconds: 0 })

function serverFor(process: string, port: number, env: readonly string[]): Server {
  const envOf = (name: string): string =>
    env.find((e) => e.startsWith(`${name}=`))?.slice(name.length + 1) ?? ''
  switch (process) {
    case 'nginx':
      return nginx(envOf('NGINX_VERSION'))
    case 'httpd':
      return httpd(envOf('HTTPD_VERSION'))
    case 'traefik':
      return traefik
    case 'redis-server':
      return redis
    case 'mysqld':
      return port === 33060 ? mysqlx : mysql(envOf('MYSQL_VERSION').replace(/-.*/, ''))
    default:
      return silent
  }
}

/** The server behind the listener a connection reached (see Peer), silent for any other. */
export function serverAt(world: World, listener: Listener | undefined): Server {
  if (!listener) return silent
  const { host, socket } = listener
  const c = allContainers(world.hosts[host]?.daemon).find((x) => x.pid === socket.pid)
  const image = c && daemon.resolveImage(c.image)
  const svc = image?.services.find((s) => s.proto === 'tcp' && s.port === socket.port)
  return image && svc ? serverFor(svc.process, socket.port, image.config.Env) : silent
}
