// `docker ps` output. The rows as the daemon lists them (moby v28.5.2 container/view.go
// transform, container/state.go String), the fields the CLI derives (docker/cli
// cli/command/formatter/container.go ContainerContext, DisplayablePorts, NewContainerFormat) and
// the layouts: the default table, -q, `table TEMPLATE`, `json`, `raw` and custom templates
// (formatter/formatter.go Context.Write). Durations are HumanDuration against the virtual clock.

import { allContainers, daemon, type Container, type Host } from '../../engine'
import { err, ok, type Result } from '../../lib/result'
import { executeTemplate, parseTemplate } from './go-template'
import { quote } from './go-template/strconv'
import { templateLayout } from './template-layout'
import { marshalCompact } from './inspect-json'
import { containerPortMap } from './inspect-ports'
import { networkEntries } from './inspect-network-settings'
import { formatTable } from './table'
import { goTimeString, humanDuration } from './time'

/** container.Port: a published binding, or an exposed port without one (no IP, no PublicPort). */
export type PsPort = {
  readonly IP: string
  readonly PrivatePort: number
  readonly PublicPort: number
  readonly Type: string
}

/** container.Summary: what `GET /containers/json` returns for one container. */
export type ContainerSummary = {
  readonly container: Container
  /** The primary name and legacy-link names (`/web/db`), with their leading slash, sorted. */
  readonly names: readonly string[]
  readonly command: string
  readonly ports: readonly PsPort[]
  readonly networks: readonly string[]
  readonly networkIds: Readonly<Record<string, string>>
  readonly status: string
}

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

function portsOf(host: Host, c: Container): PsPort[] {
  const out: PsPort[] = []
  for (const [key, bindings] of Object.entries(containerPortMap(host, c))) {
    const [port = '0', proto = 'tcp'] = key.split('/')
    const PrivatePort = Number(port)
    if (!bindings?.length) out.push({ IP: '', PrivatePort, PublicPort: 0, Type: proto })
    for (const b of bindings ?? []) {
      out.push({ IP: b.HostIp, PrivatePort, PublicPort: Number(b.HostPort), Type: proto })
    }
  }
  return out
}

/** State.String(): "Up 5 seconds", "Exited (0) 3 seconds ago", "Created"… */
export function statusText(c: Container, now: number): string {
  const since = (t: number | undefined): string => humanDuration(now - (t ?? now))
  switch (c.status) {
    case 'running':
      return `Up ${since(c.startedAt)}`
    case 'paused':
      return `Up ${since(c.startedAt)} (Paused)`
    case 'restarting':
      return `Restarting (${c.exitCode}) ${since(c.finishedAt)} ago`
    case 'created':
      return 'Created'
    case 'dead':
      return 'Dead'
    case 'exited':
      return c.finishedAt === undefined ? '' : `Exited (${c.exitCode}) ${since(c.finishedAt)} ago`
  }
}

/** Legacy link names (`/parent/alias`) by linked container, built once per listing. */
export function linkNamesIndex(host: Host): ReadonlyMap<string, readonly string[]> {
  const index = new Map<string, string[]>()
  for (const parent of allContainers(host.daemon)) {
    for (const l of parent.legacyLinks)
      index.set(l.container, [...(index.get(l.container) ?? []), `/${parent.name}/${l.alias}`])
  }
  return index
}

export function containerSummary(
  host: Host,
  c: Container,
  now: number,
  links: ReadonlyMap<string, readonly string[]> = linkNamesIndex(host),
): ContainerSummary {
  const linkNames = links.get(c.id) ?? []
  const entries = networkEntries(host, c)
  return {
    container: c,
    names: [`/${c.name}`, ...linkNames].sort(byteOrder),
    command: daemon.containerCommand([...c.entrypoint, ...c.cmd]),
    ports: portsOf(host, c),
    networks: Object.keys(entries),
    networkIds: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, v.NetworkID])),
    status: statusText(c, now),
  }
}

const comparePorts = (i: PsPort, j: PsPort): number =>
  i.PrivatePort - j.PrivatePort ||
  byteOrder(i.IP, j.IP) ||
  i.PublicPort - j.PublicPort ||
  byteOrder(i.Type, j.Type)

const joinHostPort = (ip: string, port: string): string =>
  ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`

function formGroup(key: string, first: number, last: number): string {
  const parts = key.split('/')
  const ip = parts.length > 1 ? (parts[0] ?? '') : ''
  const type = parts.length > 1 ? (parts[1] ?? '') : (parts[0] ?? '')
  let group = first === last ? `${first}` : `${first}-${last}`
  if (ip !== '') group = `${joinHostPort(ip, group)}->${group}`
  return `${group}/${type}`
}

/** DisplayablePorts: `0.0.0.0:8080->80/tcp, [::]:8080->80/tcp`, `80/tcp`, `80-81/tcp`. */
export function displayablePorts(ports: readonly PsPort[]): string {
  const groups = new Map<string, { first: number; last: number }>()
  const result: string[] = []
  const hostMappings: string[] = []
  for (const p of [...ports].sort(comparePorts)) {
    let key = p.Type
    if (p.IP !== '') {
      if (p.PublicPort !== p.PrivatePort) {
        const hostPort = joinHostPort(p.IP, String(p.PublicPort))
        hostMappings.push(`${hostPort}->${p.PrivatePort}/${p.Type}`)
        continue
      }
      key = `${p.IP}/${p.Type}`
    }
    const g = groups.get(key)
    if (!g) groups.set(key, { first: p.PrivatePort, last: p.PrivatePort })
    else if (p.PrivatePort === g.last + 1) g.last = p.PrivatePort
    else {
      result.push(formGroup(key, g.first, g.last))
      // A new group for the same key keeps the key's first-seen position (Go map + key list).
      groups.set(key, { first: p.PrivatePort, last: p.PrivatePort })
    }
  }
  for (const [key, g] of groups) result.push(formGroup(key, g.first, g.last))
  return [...result, ...hostMappings].join(', ')
}

/** formatter.Ellipsis for ASCII-width text: at most `max` runes, the last one `…`. */
export function ellipsis(s: string, max: number): string {
  const runes = [...s]
  if (runes.length <= max) return s
  return `${runes.slice(0, max - 1).join('')}…`
}

/** strconv.Quote: Go escapes; printable Unicode (such as `…`) stays as it is. */
export function goQuote(s: string): string {
  return quote(s)
}

/** ContainerContext's fields: strings, and Platform (nil without a containerd image store). */
export type PsFields = Readonly<Record<string, string | null>>

/**
 * The ContainerContext fields a `--format` template can use, in the sorted order its
 * MarshalJSON gives them (so `{{json .}}` lists them the same way).
 */
export function psFields(s: ContainerSummary, now: number, trunc: boolean): PsFields {
  const c = s.container
  const labels = Object.entries(c.labels)
    .map(([k, v]) => `${k}=${v}`)
    .sort(byteOrder)
  const names = s.names.map((n) => n.slice(1))
  const primary = names.find((n) => !n.includes('/'))
  return {
    Command: goQuote(trunc ? ellipsis(s.command, 20) : s.command),
    CreatedAt: goTimeString(c.created),
    ID: trunc ? c.id.slice(0, 12) : c.id,
    Image: daemon.psImageColumn(c.image, c.imageId, !trunc),
    Labels: labels.join(','),
    LocalVolumes: '0',
    Mounts: '',
    Names: (trunc && primary !== undefined ? [primary] : names).join(','),
    Networks: s.networks.join(','),
    Platform: null,
    Ports: displayablePorts(s.ports),
    RunningFor: `${humanDuration(now - c.created)} ago`,
    Size: '0B',
    State: c.status,
    Status: s.status,
  }
}

/** `--format json`: ContainerContext.MarshalJSON (keys sorted, HTML escaped by json.Marshal). */
export function psJsonLine(fields: PsFields): string {
  return marshalCompact(fields, { escapeHtml: true })
}

const HEADERS: Readonly<Record<string, string>> = {
  ID: 'CONTAINER ID',
  Names: 'NAMES',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES',
  Networks: 'NETWORKS',
  Platform: 'PLATFORM',
}

const DEFAULT_COLUMNS = ['ID', 'Image', 'Command', 'RunningFor', 'Status', 'Ports', 'Names']

const RAW_FORMAT = [
  ['container_id', 'ID'],
  ['image', 'Image'],
  ['command', 'Command'],
  ['created_at', 'CreatedAt'],
  ['state', 'State', 'pad'],
  ['status', 'Status', 'pad'],
  ['names', 'Names'],
  ['labels', 'Labels', 'pad'],
  ['ports', 'Ports', 'pad'],
] as const

export type PsFormatOptions = {
  /** `--format` as given ('' for the default table). */
  readonly format: string
  readonly quiet: boolean
  readonly noTrunc: boolean
  readonly size: boolean
}

/** `{{.ID}}` rows, the raw layout, or the default table: no template engine needed. */
function builtinLayout(rows: readonly PsFields[], opts: PsFormatOptions): string | undefined {
  const { format, quiet } = opts
  if (quiet && format !== 'raw') return rows.map((r) => `${r['ID'] ?? ''}\n`).join('')
  if (format === 'raw' && quiet) return rows.map((r) => `container_id: ${r['ID'] ?? ''}\n`).join('')
  if (format === 'raw') {
    const withSize = opts.size ? [['size', 'Size'] as const] : []
    return rows
      .map((r) =>
        [...RAW_FORMAT, ...withSize]
          .map((f) => {
            const v = r[f[1]] ?? ''
            // `{{- pad .State 1 0}}`: the space goes only before a value.
            return f.length === 3 ? `${f[0]}:${v === '' ? '' : ` ${v}`}` : `${f[0]}: ${v}`
          })
          .join('\n'),
      )
      .map((text) => `${text}\n\n`)
      .join('')
  }
  // `json` is `{{json .}}` (formatter.go preFormat): MarshalJSON, which escapes HTML.
  if (format === 'json' || format.replace(/^ +| +$/g, '') === '{{json .}}')
    return rows.map((r) => `${psJsonLine(r)}\n`).join('')
  if (format === '' || format === 'table') {
    const columns = opts.size ? [...DEFAULT_COLUMNS, 'Size'] : DEFAULT_COLUMNS
    const header = columns.map((c) => HEADERS[c] ?? '')
    return formatTable([header, ...rows.map((r) => columns.map((c) => r[c] ?? ''))])
  }
  return undefined
}

/**
 * list.go buildContainerListOptions: any `--format` (even with -q) must parse and run on an
 * empty row before the daemon is asked.
 */
export function checkPsFormat(format: string): Result<void, string> {
  if (format === '') return ok(undefined)
  const raw = parseTemplate(format)
  if (!raw.ok) return err(`failed to parse template: ${raw.error}`)
  const blank = Object.fromEntries(Object.keys(HEADERS).map((k) => [k, '']))
  const probe = executeTemplate(raw.value, blank)
  return probe.ok ? ok(undefined) : err(`failed to execute template: ${probe.error}`)
}

/** The whole `docker ps` output for the listed containers (newest first). */
export function formatPs(
  summaries: readonly ContainerSummary[],
  now: number,
  opts: PsFormatOptions,
): Result<string, string> {
  const rows = summaries.map((s) => psFields(s, now, !opts.noTrunc))
  const builtin = builtinLayout(rows, opts)
  return builtin === undefined ? templateLayout(rows, opts.format, HEADERS) : ok(builtin)
}
