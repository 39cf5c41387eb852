import { describe, expect, it } from 'vitest'
import { firstFreePredefined } from '../../../../src/engine/daemon/ipam/pools'
import { formatCidr, parseCidr, type Cidr } from '../../../../src/engine'

const cidr = (s: string): Cidr => parseCidr(s) ?? { addr: 0, len: 0 }

function allocateAll(reserved: Cidr[] = []): string[] {
  const allocated: Cidr[] = []
  for (;;) {
    const next = firstFreePredefined(allocated, reserved)
    if (!next) return allocated.map(formatCidr)
    allocated.push(next)
  }
}

describe('predefined local pools (Docker 28 first fit)', () => {
  it('hands out 15 /16s from 172.17 to 172.31, then 16 /20s of 192.168: 31 networks', () => {
    const all = allocateAll()
    expect(all).toHaveLength(31)
    expect(all.slice(0, 3)).toEqual(['172.17.0.0/16', '172.18.0.0/16', '172.19.0.0/16'])
    expect(all[14]).toBe('172.31.0.0/16')
    expect(all[15]).toBe('192.168.0.0/20')
    expect(all[16]).toBe('192.168.16.0/20')
    expect(all[30]).toBe('192.168.240.0/20')
  })

  it('reuses a freed subnet first', () => {
    const taken = ['172.17.0.0/16', '172.19.0.0/16'].map(cidr)
    expect(formatCidr(firstFreePredefined(taken, []) ?? cidr('0.0.0.0/0'))).toBe('172.18.0.0/16')
  })

  it('skips subnets overlapping an on-link route or a nameserver of the host', () => {
    const reserved = [cidr('172.17.5.0/24'), cidr('172.18.0.53/32')]
    expect(formatCidr(firstFreePredefined([], reserved) ?? cidr('0.0.0.0/0'))).toBe('172.19.0.0/16')
  })
})
