// `nslookup NAME [SERVER]` and `getent DATABASE [KEY...]`: name resolution as a container's tools
// do it. nslookup speaks DNS only: busybox 1.36's applet in busybox/alpine images (networking/
// nslookup.c: A and AAAA queries, the search list appended to dot-less names, one block per reply),
// bind9's on the host. getent goes through glibc NSS "hosts: files dns" (nss/getent.c): /etc/hosts,
// then the resolver (res_search: ndots, then the search list).
// A DNS server is whatever a UDP/53 probe reaches: Docker's embedded one at 127.0.0.11
// (libnetwork/resolver.go v28.5.2: never authoritative, an empty NOERROR for the AAAA of a name it
// knows, PTR as `name.network`, anything else forwarded), the LAN router or a public resolver. The
// world has no DNS zones, so those answer NXDOMAIN to every name: only Docker's names and
// /etc/hosts ever resolve, and the engine models no IPv6 address, so no AAAA record exists.

import {
  allEndpoints,
  daemon,
  formatIpv4,
  getContainer,
  parseIpv4,
  traceExchange,
  type Container,
  type Host,
  type World,
  type Ipv4,
  type TraceEndpoint,
} from '../../engine'
import type { CommandContext } from '../context'
import { inet6Addrs } from '../linux/inet6'
import { netnsView } from '../linux/netns-view'
import { fail, out, type CommandOutput } from '../output'
import type { Program } from '../program'
import { readFile } from './files'
import { sendDatagram, withDatagrams } from './net/datagrams'
import { senderOf } from './net/sender'

// busybox's qtypes[], in its order (several -type= options are queried in this order).
const QTYPES = ['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'PTR', 'ANY'] as const
type QType = (typeof QTYPES)[number]
type Query = { readonly name: string; readonly type: QType }
type Rr =
  | { readonly kind: 'A'; readonly owner: string; readonly addr: Ipv4 }
  | { readonly kind: 'PTR'; readonly owner: string; readonly target: string }
type Reply = {
  readonly rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL'
  readonly answers: readonly Rr[]
}

/** What the client sees of one server: replies, ICMP port unreachable, silence, or no route. */
type Server =
  | { readonly kind: 'dns'; readonly ask: (q: Query) => Reply }
  | { readonly kind: 'refused' | 'silent' | 'no-route' }

const EMBEDDED_DNS = '127.0.0.11'
const NXDOMAIN: Reply = { rcode: 'NXDOMAIN', answers: [] }
const BUSYBOX = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.'

type Place = { readonly host: Host; readonly container?: Container }

function placeOf(ctx: CommandContext): Place | undefined {
  const host = ctx.engine.world.hosts[ctx.host]
  if (!host) return undefined
  const c = ctx.container === undefined ? undefined : getContainer(host.daemon, ctx.container)
  return c ? { host, container: c } : { host }
}

/** `3.0.18.172.in-addr.arpa` for 172.18.0.3 (busybox make_ptr, bind's reverse lookups). */
const toArpa = (ip: string): string => `${ip.split('.').reverse().join('.')}.in-addr.arpa`

function fromArpa(name: string): Ipv4 | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa\.?$/i.exec(name)
  return m ? parseIpv4(`${m[4]}.${m[3]}.${m[2]}.${m[1]}`) : undefined
}

// Sandbox.ResolveIP: `<container name>.<network>` for an address on one of the querier's networks.
function ptrTarget(host: Host, c: Container, ip: Ipv4): string | undefined {
  for (const a of c.attachments) {
    const net = daemon.findNetwork(host, a.network)
    if (!net || net.predefined) continue
    const ep = allEndpoints(host.daemon).find((e) => e.network === net.id && e.ipv4?.addr === ip)
    const owner = ep && getContainer(host.daemon, ep.container)
    if (owner) return `${owner.name}.${net.name}`
  }
  return undefined
}

// forwardExtDNS: to the host's nameservers (which know no names here), only for a container with
// a way out (Sandbox.hasExternalAccess); SERVFAIL when it has none or there is no server.
function forward(host: Host, c: Container): Reply {
  const out = c.attachments.some((a) => {
    const n = daemon.findNetwork(host, a.network)
    return n !== undefined && !n.internal && n.driver !== 'null' && n.driver !== 'host'
  })
  return out && /^\s*nameserver\s/m.test(host.files.resolvConf)
    ? NXDOMAIN
    : { rcode: 'SERVFAIL', answers: [] }
}

// Resolver.serveDNS: A/AAAA/MX and PTR are answered for Docker's names, the rest is forwarded.
function embedded(host: Host, c: Container, q: Query, world?: World): Reply {
  if (q.type === 'PTR') {
    const ip = fromArpa(q.name)
    const target = ip === undefined ? undefined : ptrTarget(host, c, ip)
    if (target !== undefined)
      return { rcode: 'NOERROR', answers: [{ kind: 'PTR', owner: q.name, target }] }
  } else if (q.type === 'A' || q.type === 'AAAA' || q.type === 'MX') {
    const found = daemon.resolveName(host, c, q.name, world)
    const owner = q.name.replace(/\.$/, '')
    if (found.kind === 'answer') {
      const a = q.type === 'A' ? found.ips.map((addr) => ({ kind: 'A' as const, owner, addr })) : []
      return { rcode: 'NOERROR', answers: a }
    }
  }
  return forward(host, c)
}

function serverAt(ctx: CommandContext, ip: Ipv4): Server {
  const place = placeOf(ctx)
  if (!place) return { kind: 'silent' }
  const { host, container: c } = place
  if (formatIpv4(ip) === EMBEDDED_DNS && c && daemon.usesEmbeddedDns(host, c)) {
    // The query goes through the container's nat rules to dockerd's port, and back from :53.
    const from = { kind: 'container', host: ctx.host, container: c.id } as const
    const exchange = traceExchange(ctx.engine.world, { from, to: ip, proto: 'udp', dport: 53 })
    return {
      kind: 'dns',
      ask: (q) => {
        const r = embedded(host, c, q, ctx.engine.world)
        sendDatagram(ctx, exchange, queryBytes(q), queryBytes(q) + 16 * r.answers.length)
        return r
      },
    }
  }
  if (ip >>> 24 === 127) return { kind: 'refused' }
  const from: TraceEndpoint = c
    ? { kind: 'container', host: ctx.host, container: c.id }
    : senderOf(ctx)
  const exchange = traceExchange(
    ctx.engine.world,
    { from, to: ip, proto: 'udp', dport: 53 },
    { outside: 'answers' },
  )
  const { reply: _unanswered, ...silent } = exchange
  const trace = exchange.request
  const last = trace.steps[trace.steps.length - 1]
  if (trace.verdict === 'delivered' && last?.kind === 'egress') {
    const router = ctx.engine.world.segments[last.segment]?.gateway === ip
    if (last.to === 'internet' || router) {
      const ask = (q: Query): Reply => {
        sendDatagram(ctx, exchange, queryBytes(q), queryBytes(q))
        return NXDOMAIN
      }
      return { kind: 'dns', ask }
    }
  }
  if (last?.kind === 'deliver' && last.outcome === 'icmp-port-unreachable') {
    sendDatagram(ctx, exchange, SHORT_QUERY, 0)
    return { kind: 'refused' }
  }
  if (trace.steps[0]?.what.startsWith('no route') === true) return { kind: 'no-route' }
  sendDatagram(ctx, silent, SHORT_QUERY, 0)
  return { kind: 'silent' }
}

/** A query's size: the 12-byte header, the name as labels (its length + 2), type and class. */
const queryBytes = (q: Query): number => 12 + q.name.replace(/\.$/, '').length + 2 + 4
/** What an unanswered or refused query is counted as (the server never saw which one it was). */
const SHORT_QUERY = 30

type ResolvConf = {
  readonly servers: readonly string[]
  readonly search: readonly string[]
  readonly ndots: number
}

// The last search/domain line wins; without one, the domain of the host name (res_init, busybox).
function resolvConf(ctx: CommandContext): ResolvConf {
  const servers: string[] = []
  let search: string[] | undefined
  let ndots = 1
  for (const line of (readFile(ctx, '/etc/resolv.conf') ?? '').split('\n')) {
    const [key, ...args] = line.trim().split(/\s+/)
    if (key === 'nameserver' && args[0] !== undefined && parseIpv4(args[0]) !== undefined)
      servers.push(args[0])
    else if ((key === 'search' || key === 'domain') && args.length) search = args
    else if (key === 'options')
      for (const o of args) if (/^ndots:\d+$/.test(o)) ndots = Math.min(Number(o.slice(6)), 15)
  }
  const hostname = (readFile(ctx, '/etc/hostname') ?? '').trim()
  const own = hostname.includes('.') ? [hostname.slice(hostname.indexOf('.') + 1)] : []
  const domains = (search ?? own).filter((d) => d !== '.')
  return { servers: servers.length ? servers : ['127.0.0.1'], search: domains, ndots }
}

/** The first server that answers at all (glibc and bind move on after a timeout or a refusal). */
function ask(ctx: CommandContext, servers: readonly string[], q: Query): Reply | undefined {
  for (const s of servers) {
    const server = serverAt(ctx, parseIpv4(s) ?? 0)
    if (server.kind === 'dns') return server.ask(q)
  }
  return undefined
}

/** res_search's order: as is first when it has ndots dots, then each search domain. */
function searchNames(name: string, rc: ResolvConf): string[] {
  if (name.endsWith('.')) return [name]
  const searched = rc.search.map((d) => `${name}.${d}`)
  return name.split('.').length - 1 >= rc.ndots ? [name, ...searched] : [...searched, name]
}

// ---- getent (glibc) ----

type HostsLine = { readonly addr: string; readonly v6: boolean; readonly names: readonly string[] }
type HostEnt = { readonly names: readonly string[]; readonly addrs: readonly string[] }

function hostsFile(ctx: CommandContext): HostsLine[] {
  return (readFile(ctx, '/etc/hosts') ?? '').split('\n').flatMap((raw) => {
    const [addr = '', ...names] = raw.replace(/#.*/, '').trim().split(/\s+/)
    const v6 = addr.includes(':')
    if (!names.length || (!v6 && parseIpv4(addr) === undefined)) return []
    return [{ addr, v6, names }]
  })
}

// files: every line of the family naming it ("multi on"), the first line's names.
function filesByName(ctx: CommandContext, name: string, v6: boolean): HostEnt | undefined {
  const key = name.toLowerCase()
  const hits = hostsFile(ctx).filter(
    (l) => l.v6 === v6 && l.names.some((n) => n.toLowerCase() === key),
  )
  const first = hits[0]
  return first && { names: first.names, addrs: [...new Set(hits.map((l) => l.addr))] }
}

function dnsByName(ctx: CommandContext, name: string): HostEnt | undefined {
  const rc = resolvConf(ctx)
  for (const candidate of searchNames(name, rc)) {
    const reply = ask(ctx, rc.servers, { name: candidate, type: 'A' })
    if (reply === undefined) return undefined
    const a = reply.answers.flatMap((r) => (r.kind === 'A' ? [r] : []))
    if (a[0]) return { names: [a[0].owner], addrs: a.map((r) => formatIpv4(r.addr)) }
  }
  return undefined
}

// gethostbyname2: files, then DNS (whose AAAA queries never find a record here).
function byName(ctx: CommandContext, name: string, v6: boolean): HostEnt | undefined {
  return filesByName(ctx, name, v6) ?? (v6 ? undefined : dnsByName(ctx, name))
}

function byAddr(ctx: CommandContext, key: string): HostEnt | undefined {
  const line = hostsFile(ctx).find((l) => l.addr.toLowerCase() === key.toLowerCase())
  if (line) return { names: line.names, addrs: [key] }
  if (parseIpv4(key) === undefined) return undefined
  const ptr = ask(ctx, resolvConf(ctx).servers, { name: toArpa(key), type: 'PTR' })
  const hit = ptr?.answers.find((r) => r.kind === 'PTR')
  return hit?.kind === 'PTR' ? { names: [hit.target], addrs: [key] } : undefined
}

// print_hosts: "%-15s %s" then the aliases, one line per address.
const hostsLines = (h: HostEnt): string =>
  h.addrs.map((a) => `${a.padEnd(15)} ${h.names.join(' ')}\n`).join('')

/** AI_ADDRCONFIG: IPv6 counts when the namespace has a non-loopback IPv6 address (`ip addr`). */
function hasIpv6(ctx: CommandContext): boolean {
  const v = netnsView(ctx)
  return v !== undefined && v.links.some((l) => l.kind !== 'loopback' && inet6Addrs(v, l).length)
}

// getaddrinfo: IPv6 entries sort first (RFC 3484 precedence), the canonical name goes on the first.
function addrinfo(
  ctx: CommandContext,
  key: string,
  family: 'any' | 'v4' | 'v6',
): HostEnt | undefined {
  if (parseIpv4(key) !== undefined)
    return { names: [key], addrs: [family === 'v6' ? `::ffff:${key}` : key] }
  if (key.includes(':')) return family === 'v4' ? undefined : { names: [key], addrs: [key] }
  const v6 =
    family === 'v6' || (family === 'any' && hasIpv6(ctx)) ? filesByName(ctx, key, true) : undefined
  if (family === 'v6') {
    const v4 = v6 ? undefined : byName(ctx, key, false)
    return v6 ?? (v4 && { names: v4.names, addrs: v4.addrs.map((a) => `::ffff:${a}`) })
  }
  const v4 = filesByName(ctx, key, false) ?? (v6 ? undefined : dnsByName(ctx, key))
  if (!v6 || !v4) return v6 ?? v4
  const firstLine = hostsFile(ctx).find((l) =>
    l.names.some((n) => n.toLowerCase() === key.toLowerCase()),
  )
  return { names: firstLine?.names ?? v6.names, addrs: [...v6.addrs, ...v4.addrs] }
}

// ahosts_keys_int: "%-15s %-6s %s" for STREAM, DGRAM and RAW; the canonical name on the first only.
function ahostsLines(h: HostEnt): string {
  const row = (a: string, s: string, name = ''): string =>
    `${a.padEnd(15)} ${s.padEnd(6)} ${name}\n`
  return h.addrs
    .map((a, i) => row(a, 'STREAM', i ? '' : h.names[0]) + row(a, 'DGRAM') + row(a, 'RAW'))
    .join('')
}

const GETENT_TRY = "Try `getent --help' or `getent --usage' for more information.\n"
// The databases glibc's getent knows; only the host ones are modelled, the others find nothing.
const DATABASES = new Set(
  'ahosts ahostsv4 ahostsv6 aliases ethers group gshadow hosts initgroups netgroup networks passwd protocols rpc services shadow'.split(
    ' ',
  ),
)

// hosts_keys: an address by gethostbyaddr, a name by gethostbyname2 for AF_INET6 then AF_INET.
function hostsKey(ctx: CommandContext, key: string): HostEnt | undefined {
  if (parseIpv4(key) !== undefined || key.includes(':')) return byAddr(ctx, key)
  return byName(ctx, key, true) ?? byName(ctx, key, false)
}

export const getent: Program = withDatagrams((ctx, argv) => {
  const [db, ...keys] = argv.filter((a) => !a.startsWith('-'))
  if (db === undefined) return fail(`getent: wrong number of arguments\n${GETENT_TRY}`, 1)
  if (!DATABASES.has(db)) return fail(`Unknown database: ${db}\n${GETENT_TRY}`, 1)
  if (db !== 'hosts' && !db.startsWith('ahosts')) return out('', keys.length ? 2 : 0)
  // Without keys: enumeration (gethostent), which reads the files only.
  if (!keys.length)
    return out(
      hostsFile(ctx)
        .map((l) => hostsLines({ ...l, addrs: [l.addr] }))
        .join(''),
    )
  const family = db === 'ahostsv4' ? 'v4' : db === 'ahostsv6' ? 'v6' : 'any'
  const found = keys.map((k) => (db === 'hosts' ? hostsKey(ctx, k) : addrinfo(ctx, k, family)))
  const text = found.map((h) => (!h ? '' : db === 'hosts' ? hostsLines(h) : ahostsLines(h)))
  return out(text.join(''), found.includes(undefined) ? 2 : 0)
})

// ---- nslookup ----

/** The answer lines both print alike; bind writes a PTR target fully qualified. */
const answerRows = (r: Reply, dot: string): string =>
  r.answers
    .map((a) =>
      a.kind === 'A'
        ? `Name:\t${a.owner}\nAddress: ${formatIpv4(a.addr)}\n`
        : `${a.owner}\tname = ${a.target}${dot}\n`,
    )
    .join('')

/** A server named on the command line is resolved as any host name (libc). */
const serverAddr = (ctx: CommandContext, s: string): Ipv4 | undefined =>
  parseIpv4(s) ?? parseIpv4(byName(ctx, s, false)?.addrs[0] ?? '')

type NsArgs = { readonly name: string; readonly server?: string; readonly types: readonly QType[] }

function parseBusybox(argv: readonly string[]): NsArgs | string {
  const types = new Set<QType>()
  let i = 0
  for (; argv[i]?.startsWith('-') === true; i++) {
    const [opt = '', val = ''] = (argv[i] ?? '').slice(1).split(/=(.*)/)
    if (!['type', 'querytype', 'port', 'retry', 'debug', 't', 'timeout'].includes(opt))
      return 'usage'
    if (opt !== 'type' && opt !== 'querytype') continue
    const t = QTYPES.find((q) => q.toLowerCase() === val.toLowerCase())
    if (!t) return `nslookup: invalid query type "${val}"\n`
    types.add(t)
  }
  const [name, server, extra] = argv.slice(i)
  if (name === undefined || extra !== undefined) return 'usage'
  const ordered = QTYPES.filter((t) => types.has(t))
  return server === undefined ? { name, types: ordered } : { name, server, types: ordered }
}

const BUSYBOX_USAGE = `${BUSYBOX}\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n`

// add_query / add_query_with_search: no type given means PTR for an address, else A then AAAA;
// the search list replaces (not follows) the bare name when it has no dot.
function busyboxQueries(args: NsArgs, search: readonly string[]): Query[] {
  const withSearch = (type: QType): Query[] =>
    type === 'PTR' || !search.length || args.name.includes('.')
      ? [{ name: args.name, type }]
      : search.map((d) => ({ name: `${args.name}.${d}`, type }))
  if (args.types.length) return args.types.flatMap(withSearch)
  if (parseIpv4(args.name) !== undefined) return [{ name: toArpa(args.name), type: 'PTR' }]
  return [...withSearch('A'), ...withSearch('AAAA')]
}

// send_queries prints each reply as it comes (in query order here); parse_reply: Docker's server
// never sets AA, so every answer, an empty one too, is "Non-authoritative".
function busyboxReply(q: Query, r: Reply): string {
  if (r.rcode !== 'NOERROR') return `** server can't find ${q.name}: ${r.rcode}\n\n`
  return `Non-authoritative answer:\n${answerRows(r, '')}\n`
}

function busyboxNslookup(ctx: CommandContext, argv: readonly string[]): CommandOutput {
  const args = parseBusybox(argv)
  if (args === 'usage') return fail(BUSYBOX_USAGE, 1)
  if (typeof args === 'string') return fail(args, 1)
  // A server given on the command line skips /etc/resolv.conf, and its search list with it.
  const rc = resolvConf(ctx)
  const servers = args.server === undefined ? rc.servers : [args.server]
  const queries = busyboxQueries(args, args.server === undefined ? rc.search : [])
  let stderr = ''
  for (const name of servers) {
    const addr = serverAddr(ctx, name)
    if (addr === undefined) return fail(`nslookup: bad address '${name}'\n`, 1)
    const server = serverAt(ctx, addr)
    if (server.kind === 'no-route') {
      const why = `can't connect to remote host (${formatIpv4(addr)}): Network unreachable`
      return fail(`${stderr}nslookup: ${why}\n`, 1)
    }
    // Refused: each of the two sends within the 5 s timeout reads back ECONNREFUSED.
    if (server.kind === 'refused') stderr += 'nslookup: read: Connection refused\n'.repeat(2)
    if (server.kind !== 'dns') continue
    const replies = queries.map((q) => server.ask(q))
    const head = `Server:\t\t${name}\nAddress:\t${formatIpv4(addr)}:53\n\n`
    const body = replies.map((r, i) => busyboxReply(queries[i] ?? { name: '', type: 'A' }, r))
    const failed = replies.some((r) => r.rcode !== 'NOERROR')
    return { stdout: head + body.join(''), stderr, exitCode: failed ? 1 : 0 }
  }
  return fail(stderr, 1, ';; connection timed out; no servers could be reached\n\n')
}

// dighost: the search list first when the name has fewer than ndots dots, then the name itself;
// the first answer that is not NXDOMAIN ends the lookup.
function bindLookup(ask: (q: Query) => Reply, names: readonly string[], type: QType) {
  let last: { q: Query; r: Reply } = { q: { name: '', type }, r: NXDOMAIN }
  for (const name of names) {
    last = { q: { name, type }, r: ask({ name, type }) }
    if (last.r.rcode !== 'NXDOMAIN') break
  }
  return last
}

const BIND_ERRORS = {
  refused: 'connection refused',
  silent: 'timed out',
  'no-route': 'network unreachable',
}

// bind9 9.18 nslookup; NXDOMAIN names the text typed, other errors the name last asked. The
// communication errors are one per try (three) from dighost's UDP retries.
function bindNslookup(ctx: CommandContext, argv: readonly string[]): CommandOutput {
  const [name, serverArg] = argv.filter((a) => !a.startsWith('-'))
  if (name === undefined) return out('> ')
  const rc = resolvConf(ctx)
  const reverse = parseIpv4(name) !== undefined
  const text = reverse ? toArpa(name) : name
  let errors = ''
  for (const s of serverArg === undefined ? rc.servers : [serverArg]) {
    const addr = serverAddr(ctx, s)
    if (addr === undefined) return fail(`nslookup: couldn't get address for '${s}': not found\n`, 1)
    const server = serverAt(ctx, addr)
    const at = `${formatIpv4(addr)}#53`
    if (server.kind !== 'dns') {
      errors += `;; communications error to ${at}: ${BIND_ERRORS[server.kind]}\n`.repeat(3)
      continue
    }
    const names = reverse ? [text] : searchNames(name, rc)
    const { q, r } = bindLookup(server.ask, names, reverse ? 'PTR' : 'A')
    const head = `${errors}Server:\t\t${s}\nAddress:\t${at}\n\n`
    if (r.rcode === 'NOERROR')
      return out(`${head}Non-authoritative answer:\n${answerRows(r, '.')}\n`)
    const shown = r.rcode === 'NXDOMAIN' ? text : q.name
    return out(`${head}** server can't find ${shown}: ${r.rcode}\n\n`, 1)
  }
  return out(`${errors};; no servers could be reached\n\n`, 1)
}

export const nslookup: Program = withDatagrams((ctx, argv) =>
  ctx.userland === 'busybox' ? busyboxNslookup(ctx, argv) : bindNslookup(ctx, argv),
)
