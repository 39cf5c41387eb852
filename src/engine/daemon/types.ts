// The Docker daemon model of one host: configuration, networks (with their IPAM state),
// containers, endpoints and published ports. Mirrors the records of moby's daemon and
// libnetwork in the fields `docker inspect` and the data plane need.

import type { Table } from '../../lib/table'
import type { Cidr, Ipv4 } from '../model/ipv4'
import type { LinkId, NetnsId, NetworkId } from '../model/ids'
import type { DaemonSpec } from '../model/spec'

/** Built-in network drivers; `null` is the driver of the `none` network. */
export type DriverName = 'bridge' | 'host' | 'null' | 'overlay' | 'macvlan' | 'ipvlan'

export type ContainerId = string
export type EndpointId = string

/** One IPAM pool of a network (an entry of IPAM.Config) and its allocation state. */
export type IpamPool = {
  readonly subnet: Cidr
  /** `--ip-range`: dynamic addresses come from here. */
  readonly ipRange?: Cidr
  /** The gateway IPAM reserved, if any. */
  readonly gateway?: Ipv4
  /** Whether the user configured the subnet / the gateway (inspect prints only what is set). */
  readonly userSubnet: boolean
  readonly userGateway: boolean
  /** `--aux-address name=ip`, in the order given. */
  readonly auxAddresses: Readonly<Record<string, Ipv4>>
  /** Addresses in use (gateway, aux, endpoints), ascending. */
  readonly used: readonly Ipv4[]
}

/** Options of a bridge network, parsed from `-o com.docker.network.bridge.*`. */
export type BridgeOptions = {
  readonly name: string
  readonly icc: boolean
  readonly masquerade: boolean
  readonly mtu: number
  readonly hostBindingIpv4: Ipv4
}

export type Network = {
  readonly id: NetworkId
  readonly name: string
  readonly driver: DriverName
  /** `swarm` for the cluster's overlay networks, the same on every node; `global`: Docker 1.9's. */
  readonly scope: 'local' | 'swarm' | 'global'
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
  readonly pools: readonly IpamPool[]
  /** The driver options as given (inspect's `Options`). */
  readonly options: Readonly<Record<string, string>>
  readonly labels: Readonly<Record<string, string>>
  /** bridge driver: the Linux bridge device in the host namespace, and its parsed options. */
  readonly bridge?: { readonly link: LinkId; readonly options: BridgeOptions }
  /** overlay driver: the VXLAN id and this host's part of the data plane. */
  readonly overlay?: OverlayState
  /** macvlan / ipvlan drivers: the parent device and mode (drivers/macvlan.ts). */
  readonly lowerDev?: LowerDevState
  /** The predefined networks (bridge, host, none) cannot be removed. */
  readonly predefined: boolean
  /**
   * How many networks this daemon had made before this one (0 for `none`): a creation ordinal
   * that, unlike the place in `networkOrder`, does not change when an older network is removed
   * (the diagram's colours follow it).
   */
  readonly seq: number
}

/** An overlay network on one host (moby libnetwork/drivers/overlay ov_network.go). */
export type OverlayState = {
  readonly vni: number
  readonly encrypted: boolean
  /**
   * The network's sandbox `1-<id10>` on this host while local containers use it: its `br0`
   * (holding the gateway address) and the `vxlan0` tunnel device enslaved to it.
   */
  readonly sandbox?: { readonly netns: NetnsId; readonly bridge: LinkId; readonly vxlan: LinkId }
  /**
   * The node's load-balancer sandbox `lb_<id9>` (endpoint `<name>-endpoint` at the node's LB
   * address): where service VIPs live and IPVS balances them (libnetwork network.go
   * createLoadBalancerSandbox).
   */
  readonly lb?: { readonly netns: NetnsId; readonly endpoint: string }
}

/** A macvlan or ipvlan network's parent interface on this host. */
export type LowerDevState = {
  /** `-o parent=` as given (`eth0`, `eth0.10`), or the dummy Docker made (`dm-<id12>`). */
  readonly parent: string
  readonly link: LinkId
  /** Docker created the parent (an 802.1Q sub-interface or a dummy) and deletes it with the network. */
  readonly created: boolean
  /** `macvlan_mode` (bridge, vepa, private, passthru) or `ipvlan_mode` (l2, l3, l3s). */
  readonly mode: string
  /** ipvlan_flag (bridge, private, vepa). */
  readonly flag?: string
}

export type Proto = 'tcp' | 'udp' | 'sctp'

/** `-p [ip:][hostPort[-end]:]containerPort[-end][/proto]`, one container port each. */
export type PortBinding = {
  readonly proto: Proto
  readonly containerPort: number
  /** Empty string: all addresses (0.0.0.0 and ::). */
  readonly hostIp: string
  /** 0: an ephemeral port; a range picks the first free port in it. */
  readonly hostPort: number
  readonly hostPortEnd: number
}

/** A published port as programmed on the host (what `docker port` and `docker ps` show). */
export type PortMapping = {
  readonly proto: Proto
  readonly containerPort: number
  /** `0.0.0.0`, `::`, or the given address. */
  readonly hostIp: string
  readonly hostPort: number
  /** The docker-proxy process serving it (userland proxy), if any. */
  readonly proxyPid?: number
}

/** A container's wish to be on a network: kept across stop/start (EndpointSettings). */
export type Attachment = {
  readonly network: NetworkId
  readonly aliases: readonly string[]
  /** `--ip` / `--ip` on connect. */
  readonly ipv4?: Ipv4
  /** `--link` on a user-defined network: `name:alias` pairs (aliases for this container only). */
  readonly links: readonly string[]
  readonly gwPriority: number
}

/** A container's attachment while it runs: the veth pair, address and MAC (libnetwork Endpoint). */
export type Endpoint = {
  readonly id: EndpointId
  readonly network: NetworkId
  readonly container: ContainerId
  /** Interface name inside the container (eth0…). */
  readonly ifname: string
  readonly mac: string
  readonly ipv4?: Cidr
  readonly gateway?: Ipv4
  /**
   * No gateway address, but a connected default route (`default dev eth0 scope link`): an ipvlan
   * l3/l3s endpoint (ipvlan_joinleave.go Join adds the interface route 0.0.0.0/0; libnetwork
   * endpoint_info.go hasGatewayOrDefaultRoute counts it as a gateway when choosing one).
   */
  readonly connectedDefault?: true
  /**
   * Host end (on the bridge) and container end of the veth pair; a macvlan/ipvlan endpoint has
   * only the container end (hostLink is the same link).
   */
  readonly hostLink: LinkId
  readonly containerLink: LinkId
  /** Where hostLink lives when not in the host namespace (an overlay sandbox's br0 port). */
  readonly hostNetns?: NetnsId
  /**
   * Endpoints Docker adds by itself: the `gateway_<id12>` endpoint on docker_gwbridge of a
   * container whose networks give it no way out (libnetwork default_gateway.go). Not an
   * attachment; `docker inspect` does not list it, `docker network inspect` does.
   */
  readonly role?: 'gateway'
  /** Published ports programmed on this endpoint (only on the gateway endpoint). */
  readonly ports: readonly PortMapping[]
}

export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'exited' | 'dead'

/** How the container's network namespace is chosen (HostConfig.NetworkMode). */
export type NetworkMode =
  | { readonly kind: 'default' }
  | { readonly kind: 'host' }
  | { readonly kind: 'none' }
  | { readonly kind: 'container'; readonly container: ContainerId }
  | { readonly kind: 'network'; readonly name: string }

export type Container = {
  readonly id: ContainerId
  /** Without the leading `/`. */
  readonly name: string
  /** The image as the user wrote it (`nginx`, `nginx:alpine`). */
  readonly image: string
  readonly imageId: string
  readonly entrypoint: readonly string[]
  readonly cmd: readonly string[]
  readonly created: number
  readonly status: ContainerStatus
  readonly startedAt?: number
  readonly finishedAt?: number
  readonly exitCode: number
  readonly restartCount: number
  readonly hostname: string
  readonly domainname: string
  readonly env: readonly string[]
  readonly tty: boolean
  readonly openStdin: boolean
  readonly autoRemove: boolean
  readonly labels: Readonly<Record<string, string>>
  /** `80/tcp` … from the image and `--expose`. */
  readonly exposedPorts: readonly string[]
  readonly networkMode: NetworkMode
  readonly portBindings: readonly PortBinding[]
  readonly publishAll: boolean
  readonly dns: readonly string[]
  readonly dnsSearch: readonly string[]
  readonly dnsOptions: readonly string[]
  /** `--add-host name:ip`, as given. */
  readonly extraHosts: readonly string[]
  /** Legacy links on the default bridge: `{ name: 'db', alias: 'database' }`. */
  readonly legacyLinks: readonly { readonly container: ContainerId; readonly alias: string }[]
  /** Networks to join, in the order they were given or connected. */
  readonly attachments: readonly Attachment[]
  /** While running: the endpoint on each network it is attached to (NetworkSettings.Networks). */
  readonly endpoints: Readonly<Record<NetworkId, EndpointId>>
  /** Environment entries added from legacy links at the last start (replaced at each start). */
  readonly linkEnv: readonly string[]
  /** What the container printed (the simulated services' start-up messages and errors). */
  /** What its main processes printed, run after run (`docker logs`), by stream. */
  readonly logs: readonly LogEntry[]
  /** While running: the sandbox (network namespace) and the main process. */
  readonly sandbox?: { readonly id: string; readonly netns: NetnsId; readonly key: string }
  readonly pid?: number
  /** Files Docker generated for the container (kept while it exists). */
  readonly files: { readonly hosts: string; readonly resolvConf: string; readonly hostname: string }
}

export type Daemon = {
  readonly config: DaemonSpec
  /** Read through daemon/queries.ts: persistent tables, so a change costs O(1), not O(n). */
  readonly networks: Table<Network>
  /** Network IDs in creation order (what listings and prune walk). */
  readonly networkOrder: readonly NetworkId[]
  /** Network names → IDs (names are unique on a host). */
  readonly networkNames: Table<NetworkId>
  /** Networks made so far (never decremented): the next network's `seq`. */
  readonly networksMade: number
  readonly containers: Table<Container>
  readonly endpoints: Table<Endpoint>
  /** Container names (without `/`) → IDs: Docker's name registry (daemon/names.go). */
  readonly names: Table<ContainerId>
  /** Host ports in use, keyed `proto/hostIp/port`, and the serial ephemeral allocator. */
  readonly ports: {
    readonly used: Table<ContainerId>
    readonly lastEphemeral: Readonly<Record<Proto, number>>
  }
}

export type LogEntry = { readonly stream: 'stdout' | 'stderr'; readonly text: string }
