// The container's /etc/hosts. Mirrors moby libnetwork/etchosts/etchosts.go (v28.5.2) Build /
// BuildNoIPv6 (TAB-separated records, netip formatting: `fe00::`, not ≤27's `fe00::0`) and
// libnetwork/sandbox_dns_unix.go buildHostsFile / makeHostsRecs; legacy link lines as
// daemon/container_operations_unix.go addLegacyLinks writes them through Sandbox.AddHostsEntry.

import ipaddr from 'ipaddr.js'

/** One record: `name` may hold several space-separated names (`database 1a2b3c4d5e6f db`). */
export type HostsEntry = { readonly name: string; readonly ip: string }

export type ContainerHostsOptions = {
  /** Config.Hostname: the first 12 chars of the container ID unless `--hostname`. */
  readonly hostname: string
  /** Config.Domainname (`--domainname`); empty or absent for none. */
  readonly domainname?: string
  /**
   * The container's own addresses on every network, in endpoint order. Leave out the ingress and
   * docker_gwbridge endpoints: Endpoint.getEtcHostsAddrs skips them.
   */
  readonly addresses: readonly string[]
  /** `--add-host` records (Sandbox extraHosts, in order). */
  readonly extraHosts: readonly HostsEntry[]
  /**
   * Docker 1.9: the other containers of its networks, `IP name` and `IP name.network`, added as
   * they join and removed as they leave (seed 002).
   */
  readonly peers?: readonly HostsEntry[]
  /**
   * Legacy `--link` records (`linkHostsEntry`); written after `extraHosts`, as addLegacyLinks
   * appends them with AddHostsEntry. They may as well be given at the end of `extraHosts`.
   */
  readonly links?: readonly HostsEntry[]
  /**
   * Whether IPv6 works in the container: its `lo` has `::1` (Sandbox.IPv6Enabled). This is not
   * the network's `--ipv6`: an IPv4-only network leaves `::1` on lo, so the IPv6 lines stay. It is
   * false when IPv6 is disabled in the container (`--sysctl net.ipv6.conf.all.disable_ipv6=1`,
   * a host booted without IPv6); then BuildNoIPv6 drops every IPv6 record, extra ones included.
   */
  readonly ipv6: boolean
}

const DEFAULT_V4: readonly HostsEntry[] = [{ ip: '127.0.0.1', name: 'localhost' }]
const DEFAULT_V6: readonly HostsEntry[] = [
  { ip: '::1', name: 'localhost ip6-localhost ip6-loopback' },
  { ip: 'fe00::', name: 'ip6-localnet' },
  { ip: 'ff00::', name: 'ip6-mcastprefix' },
  { ip: 'ff02::1', name: 'ip6-allnodes' },
  { ip: 'ff02::2', name: 'ip6-allrouters' },
]

// netip.Addr.String(); IPv4 text is taken as given (the CLI has validated it).
function formatIp(ip: string): string {
  if (!ip.includes(':') || !ipaddr.IPv6.isValid(ip)) return ip
  const a = ipaddr.IPv6.parse(ip)
  return a.isIPv4MappedAddress() ? `::ffff:${a.toIPv4Address().toString()}` : a.toRFC5952String()
}

const isV6 = (e: HostsEntry): boolean => e.ip.includes(':') && ipaddr.IPv6.isValid(e.ip)

/** Record.WriteTo: `IP<TAB>names<LF>`. */
export function formatHostsEntry(e: HostsEntry): string {
  return `${formatIp(e.ip)}\t${e.name}\n`
}

/**
 * makeHostsRecs: the names for the container's own addresses. With a domain, or a dotted
 * `--hostname`, the FQDN comes first and the bare host name (up to the first dot) follows.
 */
export function ownHostNames(hostname: string, domainname = ''): string {
  const fqdn = domainname === '' ? hostname : `${hostname}.${domainname}`
  const dot = fqdn.indexOf('.')
  return dot < 0 ? fqdn : `${fqdn} ${fqdn.slice(0, dot)}`
}

/** The /etc/hosts of a container with its own network namespace (bridge, overlay, macvlan...). */
export function containerHosts(opts: ContainerHostsOptions): string {
  const names = ownHostNames(opts.hostname, opts.domainname)
  const own = opts.addresses.map((ip) => ({ ip, name: names }))
  const extra = [...opts.extraHosts, ...(opts.links ?? []), ...own, ...(opts.peers ?? [])]
  const records = opts.ipv6 ? extra : extra.filter((e) => !isV6(e))
  return (opts.ipv6 ? DEFAULTS_V6_TEXT : DEFAULTS_V4_TEXT) + records.map(formatHostsEntry).join('')
}

const DEFAULTS_V4_TEXT = DEFAULT_V4.map(formatHostsEntry).join('')
const DEFAULTS_V6_TEXT = [...DEFAULT_V4, ...DEFAULT_V6].map(formatHostsEntry).join('')

/**
 * Host networking: a copy of the host's /etc/hosts, unless `--add-host` is given; then the file is
 * built (so a host name can be overridden) from the defaults and the extra records only, since
 * the host network's endpoint has no address of its own.
 */
export function hostNetworkHosts(
  hostEtcHosts: string,
  extraHosts: readonly HostsEntry[],
  ipv6: boolean,
): string {
  if (extraHosts.length === 0) return hostEtcHosts
  return containerHosts({ hostname: '', addresses: [], extraHosts, ipv6 })
}

/**
 * The record `--link <child>:<alias>` adds to the parent: the alias, the child's hostname, and
 * the child's name unless it equals the alias (`172.17.0.2\tdatabase 1a2b3c4d5e6f db`).
 */
export function linkHostsEntry(
  childIp: string,
  alias: string,
  childHostname: string,
  childName: string,
): HostsEntry {
  const name = childName.replace(/^\//, '')
  const names = alias === name ? `${alias} ${childHostname}` : `${alias} ${childHostname} ${name}`
  return { ip: childIp, name: names }
}
