// `bridge link` and `bridge fdb` as iproute2 6.1 prints them, checked byte for byte against the
// real tool on the same bridges, ports and MACs in a throw-away namespace.

import { describe, expect, it } from 'vitest'
import { type Case, createLab, dockerHost } from './fixture'

describe('bridge on a fresh Docker host', () => {
  const lab = createLab()
  const cases: Case[] = [
    {
      line: 'bridge link',
      in: 'the host',
      where: {},
      expected: { stdout: ``, stderr: ``, exitCode: 0 },
    },
  ]
  it.each(cases)('$line on $in', ({ line, where, expected }) => {
    expect(lab.run(line, where)).toEqual(expected)
  })
})

describe('bridge with containers on docker0 and on a user network', () => {
  const { lab, d0, web } = dockerHost()
  const cases: Case[] = [
    {
      line: 'bridge link',
      in: 'the host',
      where: {},
      expected: {
        stdout: `5: veth5c1d2e3@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master docker0 state forwarding priority 32 cost 2 
6: veth0aa11bb@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br-8c2d5e7f9a01 state forwarding priority 32 cost 2 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'bridge link show dev veth0aa11bb',
      in: 'the host',
      where: {},
      expected: {
        stdout: `6: veth0aa11bb@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br-8c2d5e7f9a01 state forwarding priority 32 cost 2 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'bridge -d link',
      in: 'the host',
      where: {},
      expected: {
        stdout: `5: veth5c1d2e3@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master docker0 state forwarding priority 32 cost 2 
    hairpin off guard off root_block off fastleave off learning on flood on mcast_flood on bcast_flood on mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated off locked off 
6: veth0aa11bb@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br-8c2d5e7f9a01 state forwarding priority 32 cost 2 
    hairpin off guard off root_block off fastleave off learning on flood on mcast_flood on bcast_flood on mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated off locked off 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'bridge fdb',
      in: 'the host',
      where: {},
      expected: {
        stdout: `33:33:00:00:00:01 dev eth0 self permanent
01:00:5e:00:00:01 dev eth0 self permanent
33:33:ff:12:34:56 dev eth0 self permanent
33:33:00:00:00:01 dev docker0 self permanent
01:00:5e:00:00:6a dev docker0 self permanent
33:33:00:00:00:6a dev docker0 self permanent
01:00:5e:00:00:01 dev docker0 self permanent
33:33:ff:${d0.slice(9)} dev docker0 self permanent
${d0} dev docker0 master docker0 permanent
33:33:00:00:00:01 dev br-8c2d5e7f9a01 self permanent
01:00:5e:00:00:6a dev br-8c2d5e7f9a01 self permanent
33:33:00:00:00:6a dev br-8c2d5e7f9a01 self permanent
01:00:5e:00:00:01 dev br-8c2d5e7f9a01 self permanent
33:33:ff:c2:7d:5b dev br-8c2d5e7f9a01 self permanent
9e:3b:41:c2:7d:5b dev br-8c2d5e7f9a01 master br-8c2d5e7f9a01 permanent
4e:8f:12:ab:cd:ef dev veth5c1d2e3 master docker0 
d6:6c:f2:8c:a9:07 dev veth5c1d2e3 master docker0 permanent
33:33:00:00:00:01 dev veth5c1d2e3 self permanent
01:00:5e:00:00:01 dev veth5c1d2e3 self permanent
33:33:ff:8c:a9:07 dev veth5c1d2e3 self permanent
d6:6c:f2:8c:a9:08 dev veth0aa11bb master br-8c2d5e7f9a01 permanent
33:33:00:00:00:01 dev veth0aa11bb self permanent
01:00:5e:00:00:01 dev veth0aa11bb self permanent
33:33:ff:8c:a9:08 dev veth0aa11bb self permanent
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'bridge fdb show br docker0',
      in: 'the host',
      where: {},
      expected: {
        stdout: `33:33:00:00:00:01 dev docker0 self permanent
01:00:5e:00:00:6a dev docker0 self permanent
33:33:00:00:00:6a dev docker0 self permanent
01:00:5e:00:00:01 dev docker0 self permanent
33:33:ff:${d0.slice(9)} dev docker0 self permanent
${d0} dev docker0 master docker0 permanent
4e:8f:12:ab:cd:ef dev veth5c1d2e3 master docker0 
d6:6c:f2:8c:a9:07 dev veth5c1d2e3 master docker0 permanent
33:33:00:00:00:01 dev veth5c1d2e3 self permanent
01:00:5e:00:00:01 dev veth5c1d2e3 self permanent
33:33:ff:8c:a9:07 dev veth5c1d2e3 self permanent
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'bridge fdb show dev veth5c1d2e3',
      in: 'the host',
      where: {},
      expected: {
        stdout: `4e:8f:12:ab:cd:ef master docker0 
d6:6c:f2:8c:a9:07 master docker0 permanent
33:33:00:00:00:01 self permanent
01:00:5e:00:00:01 self permanent
33:33:ff:8c:a9:07 self permanent
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'bridge fdb show br eth0',
      in: 'the host',
      where: {},
      expected: { stdout: ``, stderr: ``, exitCode: 0 },
    },
    {
      line: 'bridge fdb',
      in: 'web',
      where: { netns: web.netns },
      expected: {
        stdout: `33:33:00:00:00:01 dev eth0 self permanent
01:00:5e:00:00:01 dev eth0 self permanent
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'bridge foo',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Object "foo" is unknown, try "bridge help".
`,
        exitCode: 255,
      },
    },
    {
      line: 'bridge link foo',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Command "foo" is unknown, try "bridge link help".
`,
        exitCode: 255,
      },
    },
    {
      line: 'bridge fdb foo',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Command "foo" is unknown, try "bridge fdb help".
`,
        exitCode: 255,
      },
    },
    {
      line: 'bridge -x link',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Option "-x" is unknown, try "bridge help".
`,
        exitCode: 255,
      },
    },
    {
      line: 'bridge link show dev eth9',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Cannot find device "eth9"
`,
        exitCode: 255,
      },
    },
    {
      line: 'bridge fdb show br eth9',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Cannot find bridge device "eth9"
`,
        exitCode: 255,
      },
    },
    {
      line: 'bridge',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }
       bridge [ -force ] -batch filename
where  OBJECT := { link | fdb | mdb | vlan | monitor }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |
                    -o[neline] | -t[imestamp] | -n[etns] name |
                    -c[ompressvlans] -color -p[retty] -j[son] }
`,
        exitCode: 255,
      },
    },
  ]
  it.each(cases)('$line on $in', ({ line, where, expected }) => {
    expect(lab.run(line, where)).toEqual(expected)
  })
})
