// Swarm mode: the cluster state the managers keep in their Raft store (moby/swarmkit), as one
// record of the world shared by every node. Overlay networks are cluster objects: their subnet,
// VNI and address allocation live here; each node's daemon sees them as networks of scope
// `swarm` and builds their data plane locally (drivers/overlay.ts).

import type { HostId, NetworkId } from '../../model/ids'
import type { Ipv4 } from '../../model/ipv4'
import type { IpamPool } from '../types'

export type NodeRole = 'manager' | 'worker'

export type SwarmNode = {
  /** 25 lowercase base36 characters (swarmkit identity.NewID). */
  readonly id: string
  readonly host: HostId
  readonly role: NodeRole
  /** The address other nodes reach it at (`--advertise-addr`), also its VXLAN endpoint. */
  readonly addr: Ipv4
  readonly leader: boolean
  /** NetworkDB's name for the node in `docker network inspect` Peers: 12 hex digits. */
  readonly peerName: string
}

/** An overlay network of the cluster (swarmkit api.Network with its driver and IPAM state). */
export type SwarmNetwork = {
  readonly id: NetworkId
  readonly name: string
  /** The VXLAN network identifier (ovmanager: 4096 upward). */
  readonly vni: number
  /** The cluster-wide IPAM pool: every node's containers and load balancers draw from it. */
  readonly pool: IpamPool
  readonly attachable: boolean
  readonly ingress: boolean
  readonly internal: boolean
  /** `--opt encrypted`: IPsec ESP between the nodes. */
  readonly encrypted: boolean
  readonly options: Readonly<Record<string, string>>
  readonly labels: Readonly<Record<string, string>>
  readonly created: number
  /** Each node's load-balancer address on this network (`lb-NAME`), once it has used it. */
  readonly lb: Readonly<Record<HostId, Ipv4>>
}

/** `-p 8080:80[/udp]` on a service: published on every node through the routing mesh. */
export type ServicePort = {
  readonly protocol: 'tcp' | 'udp'
  readonly targetPort: number
  readonly publishedPort: number
  readonly publishMode: 'ingress'
}

/** One replica of a service: a container on a node (swarmkit api.Task). */
export type ServiceTask = {
  /** 25 base36, as swarmkit's ids. */
  readonly id: string
  /** 1…replicas. */
  readonly slot: number
  readonly node: HostId
  /** The container on that node's daemon (named `<service>.<slot>.<task id>`). */
  readonly container: string
  readonly created: number
  /** Its address on each of the service's networks (ingress first when ports are published). */
  readonly addresses: readonly { readonly network: NetworkId; readonly addr: Ipv4 }[]
}

/** A replicated service (swarmkit api.Service) with its endpoint (VIPs) and tasks. */
export type SwarmService = {
  readonly id: string
  readonly name: string
  readonly image: string
  readonly command: readonly string[]
  readonly replicas: number
  /** `--network`, in the order given. */
  readonly networks: readonly NetworkId[]
  readonly ports: readonly ServicePort[]
  readonly endpointMode: 'vip' | 'dnsrr'
  /** One virtual IP per network (ingress first when ports are published); none for dnsrr. */
  readonly vips: readonly { readonly network: NetworkId; readonly addr: Ipv4 }[]
  readonly tasks: readonly ServiceTask[]
  readonly labels: Readonly<Record<string, string>>
  readonly created: number
  readonly updated: number
  /** The firewall mark of its load balancer per `host/network` (each daemon counts from 256). */
  readonly marks?: Readonly<Record<string, number>>
}

export type Swarm = {
  /**
   * `swarm`: swarm mode (Raft on the managers). `kv`: Docker 1.9's cluster store — every daemon
   * started with `--cluster-store` is a peer, networks are `global`, VNIs start at 256 and
   * names resolve through /etc/hosts (no embedded DNS yet).
   */
  readonly mode: 'swarm' | 'kv'
  /** kv mode: the store's URL (`consul://10.10.0.5:8500`). */
  readonly store?: string
  readonly id: string
  readonly created: number
  /** In join order; the first manager is the leader. */
  readonly nodes: readonly SwarmNode[]
  readonly tokens: { readonly worker: string; readonly manager: string }
  /** Cluster networks in creation order. */
  readonly networks: readonly SwarmNetwork[]
  /** Services in creation order. */
  readonly services?: readonly SwarmService[]
  readonly nextVni: number
}
