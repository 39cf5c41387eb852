// `docker service create` flags → the daemon's request, as docker/cli v28.5.2
// cli/command/service/opts.go ToService and cli/opts (PortOpt, NetworkOpt, ListOpts) read them:
// `-p [PUBLISHED:]TARGET[/PROTO]` (go-connections nat.ParsePortSpecs, no host IP) or the CSV
// long form `published=8080,target=80,protocol=udp,mode=ingress`; `--network NAME` or
// `name=NAME[,alias=…]`; `--label k=v`. A bad value is a flag error (pflag's `invalid argument`
// wording, usage after it, status 125) before any request is sent.

import { err, ok, type Result } from '../../lib/result'
import type { daemon, ServicePort } from '../../engine'
import type { ParsedArgs } from '../flags'
import { parsePublish } from './publish'

const all = (p: ParsedArgs, name: string): readonly string[] => p.flags.lists.get(name) ?? []
const last = (p: ParsedArgs, name: string): string | undefined => p.flags.lists.get(name)?.at(-1)

/** A flag value the CLI rejects: `invalid argument "V" for "-p, --publish" flag: REASON`. */
export type FlagValueError = {
  readonly flag: string
  readonly value: string
  readonly reason: string
}

/** Something the simulator does not model (host-mode ports, global services). */
export type Unsupported = { readonly unsupported: string }

/** An error the CLI prints as it is (status 1). */
export type CliError = { readonly cli: string }

export type Outcome<T> = Result<T, FlagValueError | Unsupported | CliError>

const bad = (flag: string, value: string, reason: string): Outcome<never> =>
  err({ flag, value, reason })

/** strconv.ParseUint(val, 10, 16) errors, as opts.PortOpt returns them. */
function parseUint16(val: string): Result<number, string> {
  if (!/^\d+$/.test(val)) return err(`strconv.ParseUint: parsing "${val}": invalid syntax`)
  const n = Number(val)
  if (n > 65535) return err(`strconv.ParseUint: parsing "${val}": value out of range`)
  return ok(n)
}

/** opts.PortOpt.Set, long syntax: `published=8080,target=80[,protocol=udp][,mode=ingress]`. */
function longPort(value: string): Outcome<ServicePort[]> {
  const label = '-p, --publish'
  let protocol = 'tcp'
  let mode = 'ingress'
  let target = 0
  let published = 0
  for (const field of value.split(',')) {
    const lower = field.toLowerCase()
    const eq = lower.indexOf('=')
    const key = eq < 0 ? '' : lower.slice(0, eq)
    const val = lower.slice(eq + 1)
    if (key === '') return bad(label, value, `invalid field ${field}`)
    switch (key) {
      case 'protocol':
        if (!['tcp', 'udp', 'sctp'].includes(val))
          return bad(label, value, `invalid protocol value ${val}`)
        protocol = val
        break
      case 'mode':
        if (val !== 'ingress' && val !== 'host')
          return bad(label, value, `invalid publish mode value ${val}`)
        mode = val
        break
      case 'target':
      case 'published': {
        const n = parseUint16(val)
        if (!n.ok) return bad(label, value, n.error)
        if (key === 'target') target = n.value
        else published = n.value
        break
      }
      default:
        return bad(label, value, `invalid field key ${key}`)
    }
  }
  if (target === 0) return bad(label, value, 'missing mandatory field "target"')
  if (mode === 'host') return err({ unsupported: 'host-mode published ports (mode=host)' })
  if (protocol === 'sctp') return err({ unsupported: 'sctp published ports' })
  return ok([
    {
      protocol: protocol as 'tcp' | 'udp',
      targetPort: target,
      publishedPort: published,
      publishMode: 'ingress',
    },
  ])
}

/** opts.PortOpt.Set: the long form when it looks like `k=v[,k=v…]`, else nat's short form. */
export function parseServicePort(value: string): Outcome<ServicePort[]> {
  if (/\w+=\w+(,\w+=\w+)*/.test(value)) return longPort(value)
  const label = '-p, --publish'
  const parsed = parsePublish(value)
  if (!parsed.ok) return bad(label, value, parsed.error)
  const ports: ServicePort[] = []
  for (const b of parsed.value) {
    if (b.hostIp !== '') return bad(label, value, 'hostip is not supported')
    if (b.proto === 'sctp') return err({ unsupported: 'sctp published ports' })
    // ConvertPortToPortConfig: one port config per published port of a host range.
    for (let port = b.hostPort; port <= b.hostPortEnd; port++) {
      ports.push({
        protocol: b.proto,
        targetPort: b.containerPort,
        publishedPort: port,
        publishMode: 'ingress',
      })
    }
  }
  return ok(ports)
}

/** opts.NetworkOpt.Set: `vnet`, or `name=vnet[,alias=web][,driver-opt=k=v]`. */
export function parseServiceNetwork(value: string): Outcome<string> {
  const label = '--network'
  if (!/\w+=\w+(,\w+=\w+)*/.test(value)) return ok(value)
  let name = ''
  for (const field of value.split(',')) {
    const eq = field.indexOf('=')
    const key = eq < 0 ? '' : field.slice(0, eq).toLowerCase()
    const val = field.slice(eq + 1)
    if (eq < 0) return bad(label, value, `invalid field '${field}' must be a key=value pair`)
    if (key === 'name' || key === 'target') name = val
    else if (key === 'alias' || key === 'driver-opt')
      return err({ unsupported: `--network ${key}=…` })
    else return bad(label, value, `invalid field key ${key}`)
  }
  if (name === '') return bad(label, value, 'network name/id is not specified')
  return ok(name)
}

/** strconv.ParseUint(s, 10, 64), as opts.Uint64Opt sets --replicas. */
function parseReplicas(value: string): Result<number, string> {
  if (!/^\d+$/.test(value)) return err(`strconv.ParseUint: parsing "${value}": invalid syntax`)
  const n = Number(value)
  if (!Number.isSafeInteger(n))
    return err(`strconv.ParseUint: parsing "${value}": value out of range`)
  return ok(n)
}

/** The request `docker service create` sends, or why the CLI stops first. */
export function serviceRequest(p: ParsedArgs): Outcome<daemon.ServiceCreateRequest> {
  const [image = '', ...command] = p.args
  const mode = last(p, 'mode') ?? 'replicated'
  if (mode === 'global' || mode === 'replicated-job' || mode === 'global-job')
    return err({ unsupported: `--mode ${mode}` })
  // opts.go ServiceMode: anything else is refused before the request.
  if (mode !== 'replicated') return err({ cli: `unknown mode: ${mode}` })
  let replicas = 1
  const given = last(p, 'replicas')
  if (given !== undefined) {
    const n = parseReplicas(given)
    if (!n.ok) return bad('--replicas', given, n.error)
    replicas = n.value
  }
  const ports: ServicePort[] = []
  for (const spec of all(p, 'publish')) {
    const r = parseServicePort(spec)
    if (!r.ok) return r
    ports.push(...r.value)
  }
  const networks: string[] = []
  for (const spec of all(p, 'network')) {
    const r = parseServiceNetwork(spec)
    if (!r.ok) return r
    networks.push(r.value)
  }
  const labels: Record<string, string> = {}
  for (const l of all(p, 'label')) {
    const eq = l.indexOf('=')
    labels[eq < 0 ? l : l.slice(0, eq)] = eq < 0 ? '' : l.slice(eq + 1)
  }
  const name = last(p, 'name')
  const endpoint = (last(p, 'endpoint-mode') ?? 'vip').toLowerCase()
  return ok({
    ...(name === undefined || name === '' ? {} : { name }),
    image,
    command,
    replicas,
    networks,
    ports,
    // An unknown mode goes to the daemon, which refuses it (see service.ts).
    endpointMode: endpoint as 'vip' | 'dnsrr',
    labels,
  })
}
