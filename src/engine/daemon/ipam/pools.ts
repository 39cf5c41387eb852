// Mirrors moby libnetwork/ipamutils/utils.go (v28.5.2) localScopeDefaultNetworks and
// ipams/defaultipam/address_space.go allocatePredefinedPool: the predefined local pools in
// ascending order, handed out first fit (a freed subnet is reused at once, since v27.0),
// skipping subnets that overlap an allocated one or a reserved prefix of the host.

import { maskOf, networkOf, type Cidr } from '../../model/ipv4'

type PoolBase = { readonly base: Cidr; readonly size: number }

const ip = (a: number, b: number): number => ((a << 24) | (b << 16)) >>> 0

/** Base prefixes and the size each is split into, as in ipamutils. */
export const LOCAL_DEFAULT_POOLS: readonly PoolBase[] = [
  { base: { addr: ip(172, 17), len: 16 }, size: 16 },
  { base: { addr: ip(172, 18), len: 16 }, size: 16 },
  { base: { addr: ip(172, 19), len: 16 }, size: 16 },
  { base: { addr: ip(172, 20), len: 14 }, size: 16 },
  { base: { addr: ip(172, 24), len: 14 }, size: 16 },
  { base: { addr: ip(172, 28), len: 14 }, size: 16 },
  { base: { addr: ip(192, 168), len: 16 }, size: 20 },
]

export function overlaps(a: Cidr, b: Cidr): boolean {
  const len = Math.min(a.len, b.len)
  return (a.addr & maskOf(len)) >>> 0 === (b.addr & maskOf(len)) >>> 0
}

/**
 * The lowest predefined subnet that overlaps neither an allocated subnet nor a reserved prefix
 * (the host's on-link routes and nameservers: libnetwork/netutils InferReservedNetworks).
 */
export function firstFreePredefined(
  allocated: readonly Cidr[],
  reserved: readonly Cidr[],
): Cidr | undefined {
  const taken = [...allocated, ...reserved]
  for (const { base, size } of LOCAL_DEFAULT_POOLS) {
    const count = 2 ** (size - base.len)
    const step = 2 ** (32 - size)
    for (let i = 0; i < count; i++) {
      const subnet = { addr: (networkOf(base) + i * step) >>> 0, len: size }
      if (!taken.some((t) => overlaps(t, subnet))) return subnet
    }
  }
  return undefined
}
