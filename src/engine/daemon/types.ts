// The Docker daemon model of one host: its configuration and the networks it manages.
// Mirrors moby's libnetwork records (network.go) in the fields `docker network inspect` shows.

import type { Cidr, Ipv4 } from '../model/ipv4'
import type { LinkId, NetworkId } from '../model/ids'
import type { DaemonSpec } from '../model/spec'

/** Built-in network drivers; `null` is the driver of the `none` network. */
export type DriverName = 'bridge' | 'host' | 'null'

export type IpamPoolConfig = {
  readonly subnet: Cidr
  /** Set when IPAM chose the gateway or the user gave `--gateway` (inspect shows it then). */
  readonly gateway?: Ipv4
  /** Whether the user configured this subnet (affects what inspect prints). */
  readonly userSubnet: boolean
}

export type Network = {
  readonly id: NetworkId
  readonly name: string
  readonly driver: DriverName
  readonly scope: 'local'
  /** Creation time on the virtual clock (seconds). */
  readonly created: number
  readonly internal: boolean
  readonly attachable: boolean
  readonly ingress: boolean
  readonly enableIPv4: boolean
  readonly enableIPv6: boolean
  readonly ipamDriver: 'default'
  /** `null` for predefined networks, `{}` for created ones (what inspect prints). */
  readonly ipamOptions: Readonly<Record<string, string>> | null
  readonly ipamConfig: readonly IpamPoolConfig[]
  readonly options: Readonly<Record<string, string>>
  readonly labels: Readonly<Record<string, string>>
  /** bridge driver: the Linux bridge device in the host namespace. */
  readonly bridge?: LinkId
}

export type Daemon = {
  readonly config: DaemonSpec
  readonly networks: Readonly<Record<NetworkId, Network>>
}
