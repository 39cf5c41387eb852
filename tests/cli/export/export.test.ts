// `export-commands` on the default world: the script that rebuilds host1 after `docker run -p`
// in namespaces (veth pair, addresses, routes, iptables-restore of what iptables-save prints),
// its Docker comments, determinism, the cleanup script, and that sh can parse both.

import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { createTestLab } from '../../helpers/lab'

function labWithWeb() {
  const lab = createTestLab()
  lab.run('docker run -d --name web -p 8080:80 nginx')
  return lab
}

/** `sh -n`: parses the script without running a line of it. */
function shParses(script: string): void {
  execFileSync('sh', ['-n'], { input: script })
}

describe('export-commands', () => {
  const lab = labWithWeb()
  const script = lab.run('export-commands --prefix t-').stdout
  const lines = script.split('\n')

  it('starts as a POSIX sh script that stops at the first error', () => {
    expect(lines.slice(0, 6)).toEqual([
      '#!/bin/sh',
      '# Docker Network Lab: the data plane of host1 as real commands (world seed 1, rev 2).',
      '# Every namespace it makes starts with t-; export-commands --cleanup host1 removes them.',
      "# Run it as root on Linux with iproute2 and iptables; nothing touches the machine's own network.",
      '# Then look inside: ip netns exec t-h-host1 ip route, iptables-save, ping …',
      'set -e',
    ])
    shParses(script)
  })

  it('plugs eth0 into a LAN namespace as a veth with the NIC MAC and address', () => {
    expect(lines).toContain(
      'ip -n t-h-host1 link add eth0 address ae:60:09:aa:0b:07 mtu 1500 type veth peer name host1-eth0 netns t-lan-lan',
    )
    expect(lines).toContain('ip -n t-h-host1 addr add 10.10.0.11/24 brd 10.10.0.255 dev eth0')
    expect(lines).toContain('ip -n t-h-host1 route add default via 10.10.0.1 dev eth0')
    // The LAN is shared by every host's replay: made only when missing.
    expect(lines).toContain('if ! [ -e /var/run/netns/t-lan-lan ]; then')
  })

  it('makes docker0 and the container block with a comment naming the docker run', () => {
    const start = lines.indexOf('# dockerd start: docker0 172.17.0.1/16, net.ipv4.ip_forward=1')
    expect(lines.slice(start + 1, start + 5)).toEqual([
      'ip -n t-h-host1 link add docker0 address 06:48:b5:c9:aa:cb mtu 1500 type bridge',
      'ip -n t-h-host1 addr add 172.17.0.1/16 brd 172.17.255.255 dev docker0',
      'ip -n t-h-host1 link set docker0 up',
      'ip netns exec t-h-host1 sysctl -qw net.ipv4.ip_forward=1',
    ])
    const run = lines.indexOf(
      '# docker run --name web -p 8080:80 nginx: netns, eth0 on bridge (veth pair 172.17.0.2/16), default route',
    )
    expect(run).toBeGreaterThan(start)
    expect(lines.slice(run + 1, run + 10)).toEqual([
      'ip netns add t-host1-ns1',
      'ip -n t-host1-ns1 link set lo up',
      'ip -n t-h-host1 link add veth48f43ce address d6:79:c3:0d:cb:0e mtu 1500 type veth peer name eth0 address 5a:fe:ef:36:d3:d9 mtu 1500 netns t-host1-ns1',
      'ip -n t-h-host1 link set veth48f43ce master docker0',
      'ip -n t-host1-ns1 addr add 172.17.0.2/16 brd 172.17.255.255 dev eth0',
      'ip -n t-h-host1 link set veth48f43ce up',
      'ip -n t-host1-ns1 link set eth0 up',
      'ip -n t-host1-ns1 route add default via 172.17.0.1 dev eth0',
      '',
    ])
  })

  it('leaves connected routes to the kernel', () => {
    expect(script).not.toMatch(/route add 172\.17\.0\.0\/16/)
    expect(script).not.toMatch(/route add 10\.10\.0\.0\/24/)
  })

  it("feeds iptables-restore exactly what the simulator's iptables-save prints", () => {
    const saved = lab.run('iptables-save').stdout
    const head = [
      '# dockerd start: the DOCKER chains (iptables-save on host1)',
      '# docker run --name web -p 8080:80 nginx: DNAT of its published ports',
      "ip netns exec t-h-host1 iptables-restore <<'IPTABLES_EOF'",
    ].join('\n')
    expect(script).toContain(`\n${head}\n${saved}IPTABLES_EOF\n`)
    expect(saved).toContain(
      '-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
    )
  })

  it('exports the same world the same way, and a host by name', () => {
    expect(lab.run('export-commands --prefix t-').stdout).toBe(script)
    expect(labWithWeb().run('export-commands --prefix t- host1').stdout).toBe(script)
    const dflt = lab.run('export-commands').stdout
    expect(dflt).toMatch(/^# Every namespace it makes starts with dnl-[0-9a-f]{4}-;/m)
    expect(labWithWeb().run('export-commands').stdout).toBe(dflt)
  })

  it('prints a cleanup script deleting every namespace it made, tolerating missing ones', () => {
    const cleanup = lab.run('export-commands --prefix t- --cleanup').stdout
    expect(cleanup).toBe(
      [
        '#!/bin/sh',
        '# Docker Network Lab: removes what the export of host1 made (prefix t-).',
        "# The LAN and router namespaces are shared with the other hosts' replays.",
        'ip netns del t-host1-ns1 2>/dev/null || true',
        'ip netns del t-h-host1 2>/dev/null || true',
        'ip netns del t-lan-lan 2>/dev/null || true',
        'ip netns del t-rt-gw-lan 2>/dev/null || true',
        '',
      ].join('\n'),
    )
    const made = [...script.matchAll(/ip netns add (\S+)/g)].map((m) => m[1]).sort()
    const deleted = [...cleanup.matchAll(/ip netns del (\S+)/g)].map((m) => m[1]).sort()
    expect(deleted).toEqual(made)
    shParses(cleanup)
  })

  it('refuses unknown hosts, options and bad prefixes', () => {
    expect(lab.run('export-commands nohost')).toEqual({
      stdout: '',
      stderr: 'export-commands: no host nohost in this world\n',
      exitCode: 1,
    })
    expect(lab.run('export-commands --bogus').exitCode).toBe(2)
    expect(lab.run('export-commands --prefix a/b').stderr).toMatch(/bad prefix a\/b/)
  })
})

describe('export-commands without the userland proxy', () => {
  const lab = createTestLab({ userlandProxy: false })
  lab.run('docker network create app')
  lab.run('docker run -d --name web --network app -p 8080:80 nginx')
  const lines = lab.run('export-commands --prefix t-').stdout.split('\n')
  const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix))

  it('puts each container’s bridge port in hairpin mode, after it joins the bridge', () => {
    const hairpin = lines.filter((l) => l.endsWith('type bridge_slave hairpin on'))
    expect(hairpin).toEqual([
      expect.stringMatching(
        /^ip -n t-h-host1 link set veth[0-9a-f]{7} type bridge_slave hairpin on$/,
      ),
    ])
    const veth = hairpin[0]?.split(' ')[4] ?? ''
    expect(at(`ip -n t-h-host1 link set ${veth} master br-`)).toBeLessThan(
      lines.indexOf(hairpin[0] ?? ''),
    )
  })

  it('sets a bridge’s route_localnet in the block that makes the bridge, not at daemon start', () => {
    const create = at('# docker network create app')
    const set = at('ip netns exec t-h-host1 sysctl -qw net.ipv4.conf.br-')
    expect(create).toBeGreaterThan(0)
    expect(set).toBeGreaterThan(create)
    expect(
      at('ip netns exec t-h-host1 sysctl -qw net.ipv4.conf.docker0.route_localnet=1'),
    ).toBeLessThan(create)
  })
})
