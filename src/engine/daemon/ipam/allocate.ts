// Mirrors moby libnetwork/ipams/defaultipam (v28.5.2): pools for a network and addresses in a
// pool. Local networks allocate without serial order, i.e. the lowest free address
// (address_space.go requestAddress, AddAny(serial=false)); the network address and the IPv4
// broadcast of a subnet are reserved up front (allocator.go newPoolData); /31 and /32 reserve
// nothing. Dynamic addresses come from the ip-range when there is one, starting at its first
// address, which may be the range's network address (TestRequestReleaseAddressFromSubPool).

import { err, ok, type Result } from '../../../lib/result'
import { broadcastOf, contains, networkOf, type Cidr, type Ipv4 } from '../../model/ipv4'
import { dockerErrors, type DockerError } from '../errors'
import type { IpamPool } from '../types'

function reserved(subnet: Cidr): Ipv4[] {
  return subnet.len >= 31 ? [] : [networkOf(subnet), broadcastOf(subnet)]
}

function insertSorted(list: readonly Ipv4[], ip: Ipv4): Ipv4[] {
  let i = list.length
  while (i > 0 && (list[i - 1] ?? 0) > ip) i--
  return [...list.slice(0, i), ip, ...list.slice(i)]
}

export function isUsed(pool: IpamPool, ip: Ipv4): boolean {
  return pool.used.includes(ip) || reserved(pool.subnet).includes(ip)
}

/** The lowest free address of the pool's range (or subnet), or undefined when it is full. */
export function lowestFree(pool: IpamPool): Ipv4 | undefined {
  const range = pool.ipRange ?? pool.subnet
  const last = broadcastOf(range)
  const res = reserved(pool.subnet)
  // Walk the sorted `used` list alongside the candidates: O(used), no allocation.
  let i = 0
  for (let ip = networkOf(range); ip <= last; ip++) {
    while (i < pool.used.length && (pool.used[i] ?? 0) < ip) i++
    if (pool.used[i] !== ip && !res.includes(ip)) return ip
  }
  return undefined
}

/** Marks an address used (static `--ip` or dynamic); fails as Docker does when taken. */
export function requestAddress(
  pool: IpamPool,
  wanted?: Ipv4,
): Result<{ pool: IpamPool; ip: Ipv4 }, DockerError> {
  if (wanted === undefined) {
    const ip = lowestFree(pool)
    if (ip === undefined) return err(dockerErrors.noAvailableIps(pool.subnet))
    return ok({ pool: { ...pool, used: insertSorted(pool.used, ip) }, ip })
  }
  if (!contains(pool.subnet, wanted)) return err(dockerErrors.noSubnetForIp(wanted))
  if (isUsed(pool, wanted)) return err(dockerErrors.addressInUse())
  return ok({ pool: { ...pool, used: insertSorted(pool.used, wanted) }, ip: wanted })
}

export function releaseAddress(pool: IpamPool, ip: Ipv4): IpamPool {
  return pool.used.includes(ip) ? { ...pool, used: pool.used.filter((u) => u !== ip) } : pool
}

export type PoolRequest = {
  readonly subnet: Cidr
  readonly ipRange?: Cidr
  readonly gateway?: Ipv4
  readonly auxAddresses: Readonly<Record<string, Ipv4>>
  readonly userSubnet: boolean
}

/**
 * A pool with its gateway and aux addresses reserved. Without `--gateway` IPAM hands out the
 * first free address of the range/subnet as gateway (libnetwork/network.go ipamAllocateVersion).
 */
export function newPool(req: PoolRequest, wantGateway: boolean): Result<IpamPool, DockerError> {
  let pool: IpamPool = {
    subnet: req.subnet,
    ...(req.ipRange ? { ipRange: req.ipRange } : {}),
    userSubnet: req.userSubnet,
    userGateway: req.gateway !== undefined,
    auxAddresses: req.auxAddresses,
    used: [],
  }
  for (const ip of Object.values(req.auxAddresses)) {
    if (contains(req.subnet, ip) && !pool.used.includes(ip))
      pool = { ...pool, used: insertSorted(pool.used, ip) }
  }
  if (req.gateway !== undefined || wantGateway) {
    const gw = requestAddress(pool, req.gateway)
    if (!gw.ok) return gw
    pool = { ...gw.value.pool, gateway: gw.value.ip }
  }
  return ok(pool)
}
