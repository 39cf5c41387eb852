// `ip link add … link DEV type macvlan|ipvlan|vlan`: devices stacked on a NIC by hand, as the
// macvlan tutorials have the host do to reach its own containers (a "shim" macvlan), with the
// kernel's defaults and iproute2's and the kernel's refusals.

import { describe, expect, it } from 'vitest'
import { MACVLAN_MV1, MACVLAN_SHIM } from '../../helpers/by-hand'
import { createTestLab } from '../../helpers/lab'

describe('ip link add link DEV type macvlan|ipvlan|vlan', () => {
  it('makes a macvlan on eth0 with a MAC of its own and eth0’s MTU (default mode vepa)', () => {
    const lab = createTestLab()
    expect(lab.run('ip link add mac0 link eth0 type macvlan mode bridge').exitCode).toBe(0)
    expect(lab.run('ip link add link eth0 type macvlan').exitCode).toBe(0)
    const d = lab.run('ip -d link show mac0').stdout
    expect(d).toMatch(/^\d+: mac0@eth0: <BROADCAST,MULTICAST> mtu 1500 /)
    expect(d).toContain('macvlan mode bridge ')
    expect(lab.run('ip -d link show macvlan0').stdout).toContain('macvlan mode vepa ')
    expect(d).not.toContain('ae:60:09:aa:0b:07')
  })

  it('gives ipvlan and VLAN devices the lower device’s MAC; a VLAN is named eth0.ID', () => {
    const lab = createTestLab()
    lab.run('ip link add ipv0 link eth0 type ipvlan mode l2')
    lab.run('ip link add link eth0 type vlan id 10')
    expect(lab.run('ip -d link show ipv0').stdout).toContain('ae:60:09:aa:0b:07')
    expect(lab.run('ip -d link show ipv0').stdout).toContain('ipvlan  mode l2 bridge')
    expect(lab.run('ip -d link show eth0.10').stdout).toContain('vlan protocol 802.1Q id 10 ')
  })

  it('refuses as the kernel and iproute2 do', () => {
    const lab = createTestLab()
    expect(lab.run('ip link add m1 type macvlan')).toEqual({
      stdout: '',
      stderr: 'RTNETLINK answers: Invalid argument\n',
      exitCode: 2,
    })
    expect(lab.run('ip link add v1 link eth0 type vlan').stderr).toBe(
      'Error: 8021q: VLAN id not specified.\n',
    )
    expect(lab.run('ip link add m2 link eth9 type macvlan').stderr).toBe(
      'Cannot find device "eth9"\n',
    )
    expect(lab.run('ip link add m3 link eth0 type macvlan mode foo').stderr).toBe(
      'Error: argument of "mode" must be "private", "vepa", "bridge", "passthru" or "source", not "foo"\n',
    )
  })

  it('lets the host reach its macvlan containers through its own bridge-mode macvlan, both ways', () => {
    const lab = createTestLab()
    for (const line of MACVLAN_MV1) lab.run(line)
    expect(lab.run('ping -c 1 10.10.0.192').stdout).toContain('Destination Host Unreachable')
    for (const line of MACVLAN_SHIM) expect(lab.run(line).exitCode).toBe(0)
    expect(lab.run('ping -c 1 10.10.0.192').stdout).toContain('1 received')
    // mac0 answers ARP for the host's eth0 address too (arp_ignore 0): checked on a real kernel.
    const back = lab.run('trace mv1 host').stdout
    expect(back).toContain("ARP who-has 10.10.0.11 on eth0: host1's mac0 (macvlan on eth0) is at")
    expect(back).toContain('reply verdict: delivered')
    lab.run('sysctl -w net.ipv4.conf.all.arp_ignore=1')
    expect(lab.run('trace mv1 host').stdout).toContain('verdict: dropped')
  })
})

describe('trace’s advice between a host and its macvlan container', () => {
  it('offers the shim as the fix, and the command it gives works', () => {
    const lab = createTestLab()
    for (const line of MACVLAN_MV1) lab.run(line)
    const out = lab.run('trace host mv1 --port 80').stdout
    expect(out).toContain(
      "why: host1 and mv1 cannot reach each other directly: mv1's macvlan interface hangs off host1's eth0, and a macvlan device and its parent never hear each other.",
    )
    const command =
      out
        .split('\n')
        .find((l) => l.startsWith('  ip link add'))
        ?.trim() ?? ''
    expect(command).toBe(
      'ip link add mac0 link eth0 type macvlan mode bridge && ip addr add 10.10.0.254/32 dev mac0 && ip link set mac0 up && ip route add 10.10.0.192/32 dev mac0',
    )
    expect(lab.run(command).exitCode).toBe(0)
    expect(lab.run('trace host mv1 --port 80').stdout).toContain('reply verdict: delivered')
    expect(lab.run('trace mv1 host').stdout).toContain('reply verdict: delivered')
  })
})
