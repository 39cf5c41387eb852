// The parts of `docker inspect` and `docker network inspect` output the inspector shows, read
// from the JSON the CLI prints (moby v28 InspectResponse / network.Inspect). Pure and
// forgiving: a missing or mistyped field reads as empty, text that is not JSON as null.

type Json = { readonly [key: string]: unknown }

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const obj = (v: unknown): Json => (isObject(v) ? v : {})
const str = (v: unknown): string => (typeof v === 'string' ? v : '')
const num = (v: unknown): number => (typeof v === 'number' ? v : 0)
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []

/** Go's zero time.Time, printed for a container that never started or never stopped. */
export const ZERO_TIME = '0001-01-01T00:00:00Z'

export type ContainerState = {
  readonly status: string
  readonly running: boolean
  readonly paused: boolean
  readonly pid: number
  readonly exitCode: number
  readonly error: string
  /** RFC 3339; empty when it never started (Go's zero time). */
  readonly startedAt: string
  readonly finishedAt: string
}

/** One entry of NetworkSettings.Networks. */
export type ContainerEndpoint = {
  readonly network: string
  readonly networkId: string
  readonly endpointId: string
  /** `172.18.0.2/16`, or empty when it has no address (stopped, host or none mode). */
  readonly address: string
  readonly gateway: string
  readonly mac: string
  readonly aliases: readonly string[]
  readonly dnsNames: readonly string[]
}

/** One binding of NetworkSettings.Ports; `host` is absent for an exposed, unpublished port. */
export type PortBinding = {
  readonly port: string
  readonly host?: string
}

export type ContainerInspect = {
  readonly id: string
  readonly name: string
  readonly image: string
  readonly state: ContainerState
  /** HostConfig.NetworkMode: `bridge`, a network's name, `host`, `none`, `container:<id>`. */
  readonly networkMode: string
  readonly networks: readonly ContainerEndpoint[]
  readonly ports: readonly PortBinding[]
}

export type NetworkContainer = {
  readonly id: string
  readonly name: string
  readonly ipv4: string
  readonly mac: string
}

export type IpamConfig = {
  readonly subnet: string
  readonly gateway: string
  readonly range: string
}

export type NetworkInspect = {
  readonly id: string
  readonly name: string
  readonly driver: string
  readonly scope: string
  readonly internal: boolean
  readonly attachable: boolean
  readonly ipv6: boolean
  readonly ipam: readonly IpamConfig[]
  readonly options: readonly (readonly [string, string])[]
  readonly labels: readonly (readonly [string, string])[]
  readonly containers: readonly NetworkContainer[]
}

/** The first object of an inspect array (`[{…}]`), or null when the text is not one. */
function firstObject(stdout: string): Json | null {
  try {
    const parsed: unknown = JSON.parse(stdout)
    const first: unknown = Array.isArray(parsed) ? parsed[0] : undefined
    return isObject(first) ? first : null
  } catch {
    return null
  }
}

const time = (v: unknown): string => (str(v) === ZERO_TIME ? '' : str(v))

function endpoint(network: string, v: unknown): ContainerEndpoint {
  const e = obj(v)
  const ip = str(e['IPAddress'])
  return {
    network,
    networkId: str(e['NetworkID']),
    endpointId: str(e['EndpointID']),
    address: ip === '' ? '' : `${ip}/${num(e['IPPrefixLen'])}`,
    gateway: str(e['Gateway']),
    mac: str(e['MacAddress']),
    aliases: strings(e['Aliases']),
    dnsNames: strings(e['DNSNames']),
  }
}

/** `0.0.0.0:8080`, `[::]:8080`: how `docker port` writes a host binding. */
export function hostAddress(ip: string, port: string): string {
  const host = ip === '' ? '0.0.0.0' : ip
  return `${host.includes(':') ? `[${host}]` : host}:${port}`
}

function ports(v: unknown): PortBinding[] {
  return Object.entries(obj(v)).flatMap(([port, bindings]) =>
    Array.isArray(bindings)
      ? bindings.map((b) => {
          const o = obj(b)
          return { port, host: hostAddress(str(o['HostIp']), str(o['HostPort'])) }
        })
      : [{ port }],
  )
}

/** What the inspector needs of `docker inspect CONTAINER`'s output. */
export function parseContainerInspect(stdout: string): ContainerInspect | null {
  const c = firstObject(stdout)
  if (!c || !isObject(c['State'])) return null
  const state = obj(c['State'])
  const settings = obj(c['NetworkSettings'])
  return {
    id: str(c['Id']),
    name: str(c['Name']).replace(/^\//, ''),
    image: str(obj(c['Config'])['Image']),
    state: {
      status: str(state['Status']),
      running: state['Running'] === true,
      paused: state['Paused'] === true,
      pid: num(state['Pid']),
      exitCode: num(state['ExitCode']),
      error: str(state['Error']),
      startedAt: time(state['StartedAt']),
      finishedAt: time(state['FinishedAt']),
    },
    networkMode: str(obj(c['HostConfig'])['NetworkMode']),
    networks: Object.entries(obj(settings['Networks'])).map(([name, e]) => endpoint(name, e)),
    ports: ports(settings['Ports']),
  }
}

const pairs = (v: unknown): [string, string][] =>
  Object.entries(obj(v)).map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x)])

/** What the inspector needs of `docker network inspect NETWORK`'s output. */
export function parseNetworkInspect(stdout: string): NetworkInspect | null {
  const n = firstObject(stdout)
  if (!n || typeof n['Driver'] !== 'string') return null
  const config = obj(n['IPAM'])['Config']
  return {
    id: str(n['Id']),
    name: str(n['Name']),
    driver: str(n['Driver']),
    scope: str(n['Scope']),
    internal: n['Internal'] === true,
    attachable: n['Attachable'] === true,
    ipv6: n['EnableIPv6'] === true,
    ipam: (Array.isArray(config) ? config : []).map((c) => {
      const o = obj(c)
      return { subnet: str(o['Subnet']), gateway: str(o['Gateway']), range: str(o['IPRange']) }
    }),
    options: pairs(n['Options']),
    labels: pairs(n['Labels']),
    containers: Object.entries(obj(n['Containers'])).map(([id, v]) => {
      const o = obj(v)
      return {
        id,
        name: str(o['Name']),
        ipv4: str(o['IPv4Address']),
        mac: str(o['MacAddress']),
      }
    }),
  }
}

/** The first line of an error a command printed, for a short note (`No such container: web`). */
export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? ''
  return line.replace(/^Error response from daemon: /, '').replace(/^Error: /, '')
}
