// The IPv6 addresses the tools print without the engine modelling IPv6: EUI-64 link-locals and
// inet_ntop's compression (RFC 5952), as glibc writes them.

import { describe, expect, it } from 'vitest'
import { eui64LinkLocal, formatIpv6 } from '../../../src/cli/linux/inet6'

describe('eui64LinkLocal', () => {
  it.each([
    ['52:54:00:12:34:56', 'fe80::5054:ff:fe12:3456'],
    ['9e:3b:41:c2:7d:5a', 'fe80::9c3b:41ff:fec2:7d5a'],
    ['02:00:00:00:00:01', 'fe80::ff:fe00:1'],
    ['00:00:00:00:00:00', 'fe80::200:ff:fe00:0'],
  ])('turns %s into %s', (mac, ll) => {
    expect(eui64LinkLocal(mac)).toBe(ll)
  })
})

describe('formatIpv6', () => {
  it.each([
    [[0, 0, 0, 0, 0, 0, 0, 1], '::1'],
    [[0, 0, 0, 0, 0, 0, 0, 0], '::'],
    [[0xfe80, 0, 0, 0, 0, 0, 0, 0], 'fe80::'],
    [[1, 0, 0, 2, 0, 0, 0, 3], '1:0:0:2::3'],
    [[1, 0, 2, 3, 4, 5, 6, 7], '1:0:2:3:4:5:6:7'],
  ])('writes %j as %s', (groups, text) => {
    expect(formatIpv6(groups)).toBe(text)
  })
})
