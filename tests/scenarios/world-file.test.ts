// World files: a JSON world with defaults filled in as the default world does it, and every
// mistake named with its place in the file.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createSession } from '../../src/cli'
import { createEngine, hostId } from '../../src/engine'
import { DEFAULT_WORLD } from '../../src/scenarios/default-world'
import { parseWorldFile } from '../../src/scenarios/world-file'

const LAN = { name: 'lan', subnet: '10.10.0.0/24', gateway: '10.10.0.1', internet: true }
const host = (hostname: string, address: string, extra: object = {}) => ({
  hostname,
  nics: [{ name: 'eth0', segment: 'lan', address }],
  ...extra,
})
const parse = (world: object) => parseWorldFile(JSON.stringify(world), 'w.json')

describe('world files', () => {
  it('fills in what a one-host world leaves out exactly as the default world has it', () => {
    const r = parse({ segments: [LAN], hosts: [host('host1', '10.10.0.11/24')] })
    expect(r).toEqual({ ok: true, spec: DEFAULT_WORLD })
  })

  it('builds the two-host world shipped in public/worlds, where the hosts know each other', () => {
    const r = parseWorldFile(readFileSync('public/worlds/two-hosts.json', 'utf8'))
    if (!r.ok) throw new Error(r.error)
    const engine = createEngine({ seed: 1, spec: r.spec })
    const s = createSession(engine, hostId('host1'))
    expect(s.run('ping -c 1 host2').stdout).toContain('1 received')
    expect(s.run('ssh host2 hostname').stdout).toBe('host2\n')
    expect(s.run('getent hosts host2').stdout).toBe('10.10.0.12      host2\n')
  })

  it.each([
    ['{', /^w\.json: not JSON: /],
    [
      JSON.stringify({ segments: [], hosts: [] }),
      /^w\.json: segments: a world needs at least one LAN$/,
    ],
    [
      JSON.stringify({ segments: [{ ...LAN, gateway: '10.20.0.1' }], hosts: [] }),
      /^w\.json: segments\[0\]\.gateway: 10\.20\.0\.1 is not in 10\.10\.0\.0\/24$/,
    ],
    [
      JSON.stringify({ segments: [LAN], hosts: [host('host1', '10.10.0.300/24')] }),
      /^w\.json: hosts\[0\]\.nics\[0\]\.address: "10\.10\.0\.300\/24" is not an IPv4 address with a prefix length/,
    ],
    [
      JSON.stringify({ segments: [LAN], hosts: [host('host1', '10.20.0.5/24')] }),
      /^w\.json: hosts\[0\]\.nics\[0\]\.address: 10\.20\.0\.5\/24 is not in lan's 10\.10\.0\.0\/24$/,
    ],
    [
      JSON.stringify({
        segments: [LAN],
        hosts: [host('host1', '10.10.0.11/24'), host('host1', '10.10.0.12/24')],
      }),
      /^w\.json: hosts\[1\]\.hostname: "host1" is used twice$/,
    ],
    [
      JSON.stringify({
        segments: [LAN],
        hosts: [host('host1', '10.10.0.11/24'), host('host2', '10.10.0.11/24')],
      }),
      /^w\.json: hosts\[1\]\.nics\[0\]\.address: 10\.10\.0\.11 is already host1's$/,
    ],
    [
      JSON.stringify({
        segments: [LAN],
        hosts: [
          { hostname: 'host1', nics: [{ name: 'eth0', segment: 'wan', address: '10.10.0.11/24' }] },
        ],
      }),
      /^w\.json: hosts\[0\]\.nics\[0\]\.segment: no segment is named "wan"$/,
    ],
    [
      JSON.stringify({
        segments: [LAN],
        hosts: [
          host('host1', '10.10.0.11/24', {
            routes: [{ to: 'default', via: '10.10.0.1', dev: 'eth9' }],
          }),
        ],
      }),
      /^w\.json: hosts\[0\]\.routes\[0\]\.dev: the host has no NIC "eth9"$/,
    ],
    [
      JSON.stringify({ segments: [LAN], hosts: [host('bad_name', '10.10.0.11/24')] }),
      /^w\.json: hosts\[0\]\.hostname: "bad_name" is not a valid host name$/,
    ],
  ])('refuses %s with a message naming the place', (text, message) => {
    const r = parseWorldFile(text, 'w.json')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatch(message)
  })
})
