// URLs as curl and wget take them: `http://host[:port][/path]`, the scheme optional (http).

export type Url = {
  readonly scheme: string
  readonly host: string
  readonly port: number
  readonly path: string
}

const defaultPort = (scheme: string): number => (scheme === 'https' ? 443 : 80)

/** `http://host[:port][/path]`, or `host[:port][/path]` (http implied, as curl and wget do). */
export function parseUrl(raw: string): Url | undefined {
  const m = /^(?:([A-Za-z][\w+.-]*):\/\/)?([^/?#]*)([^#]*)/.exec(raw)
  const hp = /^(?:.*@)?(\[[^\]]+\]|[^:]+)(?::(\d*))?$/.exec(m?.[2] ?? '')
  if (!m || !hp) return undefined
  const scheme = (m[1] ?? 'http').toLowerCase()
  const port = hp[2] ? Number(hp[2]) : defaultPort(scheme)
  if (port < 1 || port > 65535) return undefined
  const rest = m[3] ?? ''
  const host = (hp[1] ?? '').replace(/^\[(.*)\]$/, '$1')
  return { scheme, host, port, path: rest.startsWith('/') ? rest : `/${rest}` }
}

/** The Host header: `host`, `host:port` off the scheme's default port, `[::1]` bracketed. */
export const hostPort = (u: Url): string => {
  const host = u.host.includes(':') ? `[${u.host}]` : u.host
  return u.port === defaultPort(u.scheme) ? host : `${host}:${u.port}`
}

export const urlText = (u: Url): string => `${u.scheme}://${hostPort(u)}${u.path}`

/** A request target without its query or fragment: `/index.html?x=1` → `/index.html`. */
export const pathOnly = (target: string): string => target.replace(/[?#].*$/, '')

/** The file a download is saved to: the path's last segment, `index.html` for a directory. */
export const fileNameOf = (u: Url): string => pathOnly(u.path).split('/').pop() || 'index.html'
