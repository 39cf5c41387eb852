// The whole simulated world: one immutable value per revision. Commands build the next World
// (daemon/*, through kernel ops) and leave the previous one untouched.

import type { Daemon } from '../daemon/types'
import type { Swarm } from '../daemon/swarm/types'
import type { Kernel } from '../kernel/types'
import type { HostId, SegmentId } from './ids'
import type { Cidr, Ipv4 } from './ipv4'
import type { RngCounters } from './rng'

export type Segment = {
  readonly id: SegmentId
  readonly subnet: Cidr
  readonly gateway: Ipv4
  readonly internet: boolean
  /** The router joining this LAN to others that name it too (SegmentSpec.router). */
  readonly router?: string
  /** Other machines on it worth naming (the key-value store of Docker 1.9 overlays). */
  readonly machines?: readonly {
    readonly name: string
    readonly ip: Ipv4
    readonly role: 'kv-store'
  }[]
}

export type HostFiles = {
  readonly resolvConf: string
  readonly etcHosts: string
}

export type Host = {
  readonly id: HostId
  readonly hostname: string
  readonly kernel: Kernel
  readonly files: HostFiles
  readonly daemon: Daemon
}

export type World = {
  readonly seed: number
  readonly rng: RngCounters
  /** Virtual seconds since the Unix epoch; advanced by commands, never by a real clock. */
  readonly clock: number
  /** Incremented by every committed change; snapshots and diffs carry it. */
  readonly rev: number
  readonly segments: Readonly<Record<SegmentId, Segment>>
  /** Hosts in the order the world lists them. */
  readonly hosts: Readonly<Record<HostId, Host>>
  /** The swarm, once a node has run `docker swarm init` (one cluster per world). */
  readonly swarm?: Swarm
}
