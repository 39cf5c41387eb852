// The per-command context: the only mutable object in the engine. A command opens one from the
// current World, applies kernel ops and daemon changes to it, and either commits the resulting
// World or is dropped, leaving the previous World untouched (commands are transactions).
// Records are copied on first write (model/draft.ts): a command costs the size of what it
// touches once, however many operations it makes.

import { assert } from '../../lib/assert'
import { tableGet, tableWith, type Own } from '../../lib/table'
import { applyKernelOp } from '../kernel/apply'
import type { KernelOp } from '../kernel/ops'
import type { Container, Daemon, Endpoint, Network } from '../daemon/types'
import { Draft, type Mutable } from './draft'
import { linkId, netnsId, type HostId, type LinkId, type NetnsId } from './ids'
import { Rng } from './rng'
import type { Host, HostFiles, World } from './world'
import type { Swarm } from '../daemon/swarm/types'

type Tables = {
  readonly containers: Container
  readonly endpoints: Endpoint
  readonly networks: Network
}

export class OpContext {
  readonly rng: Rng
  /** Every kernel op of this command, in order: what Docker did under the hood. */
  readonly ops: KernelOp[] = []
  private current: World
  private readonly initial: World
  private readonly draft = new Draft()
  private readonly own: Own = (record) => this.draft.own(record)
  /** The host the last write went to (owned by this command's draft). */
  private lastWritten: Mutable<Host> | undefined

  constructor(world: World) {
    this.current = world
    this.initial = world
    this.rng = new Rng(world.seed, world.rng)
  }

  get world(): World {
    return this.current
  }

  /** Whether the command changed anything (read-only commands leave the world as it was). */
  get changed(): boolean {
    return this.current !== this.initial || this.rng.drawn
  }

  get now(): number {
    return this.current.clock
  }

  host(id: HostId): Host {
    const host = this.current.hosts[id]
    assert(host, `no host ${id}`)
    return host
  }

  /** A writable copy of a host, installed in the world. */
  private writeHost(id: HostId): Mutable<Host> {
    // Most calls write the host the previous call wrote, already owned: skip the three lookups.
    const last = this.lastWritten
    if (last?.id === id && this.current.hosts[id] === last) return last
    const world = this.draft.own(this.current)
    const hosts = this.draft.own(world.hosts)
    const host = this.draft.own(this.host(id))
    hosts[id] = host
    world.hosts = hosts
    this.current = world
    this.lastWritten = host
    return host
  }

  /**
   * Installs a new host after the others (World.hosts keeps insertion order), as built so far:
   * the caller then configures it through `apply` like any host. `World.segments` is unchanged:
   * hosts join LANs that exist.
   */
  addHost(host: Host): void {
    assert(!(host.id in this.current.hosts), `host ${host.id} exists`)
    const world = this.draft.own(this.current)
    const hosts = this.draft.own(world.hosts)
    hosts[host.id] = this.draft.adopt({ ...host })
    world.hosts = hosts
    this.current = world
    this.lastWritten = undefined
  }

  /** Deletes a host and everything on it (its kernel, its daemon); the others keep their order. */
  removeHost(id: HostId): void {
    this.host(id)
    const world = this.draft.own(this.current)
    const hosts = this.draft.own(world.hosts)
    delete hosts[id]
    world.hosts = hosts
    this.current = world
    this.lastWritten = undefined
  }

  /** Rewrites a host's /etc/resolv.conf and /etc/hosts (`lab host add/rm` keep the listing). */
  setHostFiles(id: HostId, files: HostFiles): void {
    const now = this.host(id).files
    if (now.etcHosts === files.etcHosts && now.resolvConf === files.resolvConf) return
    this.writeHost(id).files = files
  }

  /** Replaces (or, with `undefined`, removes) the swarm's cluster state. */
  setSwarm(swarm: Swarm | undefined): void {
    const world = this.draft.own(this.current)
    if (swarm) world.swarm = swarm
    else delete world.swarm
    this.current = world
    this.lastWritten = undefined
  }

  /** `hostname NAME` in the host's own UTS namespace (the name only; the host keeps its id). */
  setHostname(id: HostId, name: string): void {
    this.writeHost(id).hostname = name
  }

  private writeDaemon(id: HostId): Mutable<Daemon> {
    const host = this.writeHost(id)
    const daemon = this.draft.own(host.daemon)
    host.daemon = daemon
    return daemon
  }

  apply(op: KernelOp): void {
    this.ops.push(op)
    const host = this.writeHost(op.host)
    host.kernel = applyKernelOp(host.kernel, op, this.draft)
  }

  /** Sets (or, with `undefined`, deletes) one container, endpoint or network. */
  set<T extends keyof Tables>(
    id: HostId,
    table: T,
    key: string,
    value: Tables[T] | undefined,
  ): void {
    const daemon = this.writeDaemon(id)
    if (table === 'networks') {
      const before = tableGet(daemon.networks, key)
      const after = value as Network | undefined
      if (!after && before) daemon.networkOrder = daemon.networkOrder.filter((id) => id !== key)
      if (after && !before) {
        daemon.networkOrder = [...daemon.networkOrder, after.id]
        daemon.networksMade = Math.max(daemon.networksMade, after.seq + 1)
      }
      if (before && before.name !== after?.name)
        daemon.networkNames = tableWith(daemon.networkNames, before.name, undefined, this.own)
      if (after && before?.name !== after.name)
        daemon.networkNames = tableWith(daemon.networkNames, after.name, after.id, this.own)
      daemon.networks = tableWith(daemon.networks, key, value as Network | undefined, this.own)
    } else if (table === 'endpoints') {
      daemon.endpoints = tableWith(daemon.endpoints, key, value as Endpoint | undefined, this.own)
    } else {
      // Keep the name registry in step with the containers.
      const before = tableGet(daemon.containers, key)
      const after = value as Container | undefined
      if (before && before.name !== after?.name)
        daemon.names = tableWith(daemon.names, before.name, undefined, this.own)
      if (after && before?.name !== after.name)
        daemon.names = tableWith(daemon.names, after.name, after.id, this.own)
      daemon.containers = tableWith(daemon.containers, key, after, this.own)
    }
  }

  setContainer(id: HostId, c: Container): Container {
    this.set(id, 'containers', c.id, c)
    return c
  }

  setNetwork(id: HostId, n: Network): void {
    this.set(id, 'networks', n.id, n)
  }

  /** Marks a host port used by a container (or frees it with `undefined`). */
  setPortUsed(id: HostId, key: string, container: string | undefined): void {
    const daemon = this.writeDaemon(id)
    const ports = this.draft.own(daemon.ports)
    ports.used = tableWith(ports.used, key, container, this.own)
    daemon.ports = ports
  }

  setLastEphemeral(id: HostId, proto: keyof Daemon['ports']['lastEphemeral'], port: number): void {
    const daemon = this.writeDaemon(id)
    const ports = this.draft.own(daemon.ports)
    ports.lastEphemeral = { ...ports.lastEphemeral, [proto]: port }
    daemon.ports = ports
  }

  newLinkId(id: HostId): LinkId {
    const host = this.writeHost(id)
    const kernel = this.draft.own(host.kernel)
    host.kernel = kernel
    return linkId(kernel.nextLinkSeq++)
  }

  newNetnsId(id: HostId): NetnsId {
    const host = this.writeHost(id)
    const kernel = this.draft.own(host.kernel)
    host.kernel = kernel
    return netnsId(kernel.nextNetnsSeq++)
  }

  /** A random locally administered unicast MAC (moby netutils.GenerateRandomMAC, 28.x). */
  randomMac(): string {
    // Two draws, as `hex('mac', 12)`: all of the first, the high half of the second.
    const hi = this.rng.u32('mac')
    const lo = this.rng.u32('mac')
    const bytes = [((hi >>> 24) & 0xfe) | 0x02, hi >>> 16, hi >>> 8, hi, lo >>> 24, lo >>> 16]
    return bytes.map((b) => HEX_BYTE[b & 0xff]).join(':')
  }

  /** 64 hex digits, as moby pkg/stringid.GenerateRandomID (never all digits in the short form). */
  randomId(): string {
    for (;;) {
      const id = this.rng.hex('id', 64)
      if (!/^\d{12}/.test(id)) return id
    }
  }

  /** The World to commit: the changes, the drawn randomness, the next revision. */
  commit(advanceClock: number): World {
    return {
      ...this.current,
      rng: this.rng.snapshot(),
      clock: this.current.clock + advanceClock,
      rev: this.current.rev + 1,
    }
  }
}

const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'))
