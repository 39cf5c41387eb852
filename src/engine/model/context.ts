// The per-command context: the only mutable object in the engine. A command opens one from the
// current World, applies kernel ops and daemon changes to it, and either commits the resulting
// World or is dropped, leaving the previous World untouched (commands are transactions).

import { assert } from '../../lib/assert'
import { applyKernelOp } from '../kernel/apply'
import type { KernelOp } from '../kernel/ops'
import type { Daemon } from '../daemon/types'
import { linkId, netnsId, type HostId, type LinkId, type NetnsId } from './ids'
import { Rng } from './rng'
import type { Host, World } from './world'

export class OpContext {
  readonly rng: Rng
  /** Every kernel op of this command, in order: what Docker did under the hood. */
  readonly ops: KernelOp[] = []
  private current: World

  constructor(world: World) {
    this.current = world
    this.rng = new Rng(world.seed, world.rng)
  }

  get world(): World {
    return this.current
  }

  get now(): number {
    return this.current.clock
  }

  host(id: HostId): Host {
    const host = this.current.hosts[id]
    assert(host, `no host ${id}`)
    return host
  }

  apply(op: KernelOp): void {
    this.ops.push(op)
    this.updateHost(op.host, (h) => ({ ...h, kernel: applyKernelOp(h.kernel, op) }))
  }

  updateDaemon(id: HostId, fn: (d: Daemon) => Daemon): void {
    this.updateHost(id, (h) => ({ ...h, daemon: fn(h.daemon) }))
  }

  newLinkId(id: HostId): LinkId {
    const seq = this.host(id).kernel.nextLinkSeq
    this.updateHost(id, (h) => ({ ...h, kernel: { ...h.kernel, nextLinkSeq: seq + 1 } }))
    return linkId(seq)
  }

  newNetnsId(id: HostId): NetnsId {
    const seq = this.host(id).kernel.nextNetnsSeq
    this.updateHost(id, (h) => ({ ...h, kernel: { ...h.kernel, nextNetnsSeq: seq + 1 } }))
    return netnsId(seq)
  }

  /** A random locally administered unicast MAC (moby netutils.GenerateRandomMAC, 28.x). */
  randomMac(): string {
    const bytes = [...this.rng.hex('mac', 12).matchAll(/../g)].map((m) => parseInt(m[0], 16))
    bytes[0] = ((bytes[0] ?? 0) & 0xfe) | 0x02
    return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':')
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

  private updateHost(id: HostId, fn: (h: Host) => Host): void {
    const host = this.host(id)
    this.current = { ...this.current, hosts: { ...this.current.hosts, [id]: fn(host) } }
  }
}
