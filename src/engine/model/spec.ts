// A world described as data: the underlay segments and the hosts with their NICs, routes and
// files. Scenarios (src/scenarios) provide these; the engine builds the kernel state from them.

/** A LAN the hosts' NICs are cabled to. `internet`: its gateway routes to the public Internet. */
export type SegmentSpec = {
  readonly name: string
  /** e.g. `10.10.0.0/24`. */
  readonly subnet: string
  /** The router on this segment, e.g. `10.10.0.1`. */
  readonly gateway: string
  readonly internet: boolean
  /**
   * The router's name when one router serves several LANs (its address on each is that LAN's
   * gateway): it forwards between the LANs that name it.
   */
  readonly router?: string
}

export type NicSpec = {
  readonly name: string
  readonly segment: string
  /** Address with prefix length, e.g. `10.10.0.11/24`. */
  readonly address: string
  /** Fixed MAC; drawn from the seeded `mac` stream when absent. */
  readonly mac?: string
  readonly mtu?: number
}

export type RouteSpec = {
  /** `default` or a CIDR. */
  readonly to: string
  readonly via?: string
  readonly dev: string
}

/** How dockerd runs on a host (the subset of daemon.json that networking depends on). */
export type DaemonSpec = {
  /** `userland-proxy` (default true): docker-proxy serves published ports. */
  readonly userlandProxy: boolean
  /** MTU of docker0 and of new bridge networks (`mtu`, default 1500). */
  readonly mtu: number
  /**
   * Docker 1.9's multi-host networking (`--cluster-store=consul://10.10.0.5:8500`): overlay
   * networks shared through a key-value store, without swarm mode (removed in Docker 23).
   */
  readonly clusterStore?: string
  /** `--cluster-advertise=eth0:2376`: the interface (or address) and port the node advertises. */
  readonly clusterAdvertise?: string
}

export type HostSpec = {
  readonly hostname: string
  readonly nics: readonly NicSpec[]
  readonly routes: readonly RouteSpec[]
  /** Content of the host's /etc/resolv.conf. */
  readonly resolvConf: string
  /** Content of the host's /etc/hosts. */
  readonly etcHosts: string
  readonly daemon: DaemonSpec
}

/** A machine on a LAN that is not a Docker host: the key-value store (consul) of Docker 1.9. */
export type MachineSpec = {
  readonly name: string
  readonly segment: string
  readonly address: string
  readonly role: 'kv-store'
}

export type WorldSpec = {
  /** Virtual time at which the world starts, in seconds since the Unix epoch. */
  readonly epoch: number
  readonly segments: readonly SegmentSpec[]
  readonly hosts: readonly HostSpec[]
  readonly machines?: readonly MachineSpec[]
}
