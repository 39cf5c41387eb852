// Counter-based, seeded randomness: value n of stream s is a pure function of (seed, s, n), so a
// new draw in one feature never shifts the IDs or MACs of another. Counters are plain world data.

export const RNG_STREAMS = ['id', 'mac', 'veth', 'name', 'swarm', 'port'] as const
export type RngStream = (typeof RNG_STREAMS)[number]
export type RngCounters = Readonly<Record<RngStream, number>>

export const INITIAL_COUNTERS: RngCounters = {
  id: 0,
  mac: 0,
  veth: 0,
  name: 0,
  swarm: 0,
  port: 0,
}

function fmix32(x: number): number {
  let h = x >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

function salt(stream: RngStream): number {
  let h = 0x811c9dc5
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** The n-th 32-bit value of a stream. */
export function draw(seed: number, stream: RngStream, n: number): number {
  return fmix32(fmix32(seed ^ salt(stream)) + Math.imul(n + 1, 0x9e3779b9))
}

/** A mutable view on the counters for the duration of one command (see context.ts). */
export class Rng {
  private readonly counters: Record<RngStream, number>

  constructor(
    private readonly seed: number,
    counters: RngCounters,
  ) {
    this.counters = { ...counters }
  }

  /** Whether anything was drawn (the counters must then be committed). */
  drawn = false

  u32(stream: RngStream): number {
    this.drawn = true
    const n = this.counters[stream]
    this.counters[stream] = n + 1
    return draw(this.seed, stream, n)
  }

  /** `length` lowercase hex digits. */
  hex(stream: RngStream, length: number): string {
    let out = ''
    while (out.length < length) {
      const u = this.u32(stream)
      out += HEX_BYTE[u >>> 24]! + HEX_BYTE[(u >>> 16) & 0xff]! + HEX_BYTE[(u >>> 8) & 0xff]!
      out += HEX_BYTE[u & 0xff]!
    }
    return out.length === length ? out : out.slice(0, length)
  }

  /** `length` lowercase base36 characters (swarmkit identity.NewID, join tokens). */
  base36(stream: RngStream, length: number): string {
    let out = ''
    while (out.length < length) out += BASE36[this.u32(stream) % 36]
    return out
  }

  /** An integer in [0, bound). */
  below(stream: RngStream, bound: number): number {
    return this.u32(stream) % bound
  }

  snapshot(): RngCounters {
    return { ...this.counters }
  }
}

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz'

const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  b.toString(16).padStart(2, '0'),
)
