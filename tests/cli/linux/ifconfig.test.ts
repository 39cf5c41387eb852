// `ifconfig` from net-tools 2.10 on the host and busybox's applet in containers, checked byte for
// byte against the real tools (traffic counters aside: the simulator counts none yet).

import { describe, expect, it } from 'vitest'
import { type Case, createLab, dockerHost } from './fixture'

describe('ifconfig on a fresh Docker host', () => {
  const lab = createLab()
  const d0 = lab.link('docker0').mac
  const cases: Case[] = [
    {
      line: 'ifconfig',
      in: 'the host',
      where: {},
      expected: {
        stdout: `docker0: flags=4099<UP,BROADCAST,MULTICAST>  mtu 1500
        inet 172.17.0.1  netmask 255.255.0.0  broadcast 172.17.255.255
        ether ${d0}  txqueuelen 0  (Ethernet)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
        inet 10.10.0.11  netmask 255.255.255.0  broadcast 10.10.0.255
        inet6 fe80::5054:ff:fe12:3456  prefixlen 64  scopeid 0x20<link>
        ether 52:54:00:12:34:56  txqueuelen 1000  (Ethernet)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536
        inet 127.0.0.1  netmask 255.0.0.0
        inet6 ::1  prefixlen 128  scopeid 0x10<host>
        loop  txqueuelen 1000  (Local Loopback)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

`,
        stderr: ``,
        exitCode: 0,
      },
    },
  ]
  it.each(cases)('$line on $in', ({ line, where, expected }) => {
    expect(lab.run(line, where)).toEqual(expected)
  })
})

describe('ifconfig with containers on docker0 and on a user network', () => {
  const { lab, d0, d0ll, web } = dockerHost()
  const cases: Case[] = [
    {
      line: 'ifconfig',
      in: 'the host',
      where: {},
      expected: {
        stdout: `br-8c2d5e7f9a01: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
        inet 172.18.0.1  netmask 255.255.0.0  broadcast 172.18.255.255
        inet6 fe80::9c3b:41ff:fec2:7d5b  prefixlen 64  scopeid 0x20<link>
        ether 9e:3b:41:c2:7d:5b  txqueuelen 0  (Ethernet)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

docker0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
        inet 172.17.0.1  netmask 255.255.0.0  broadcast 172.17.255.255
        inet6 ${d0ll}  prefixlen 64  scopeid 0x20<link>
        ether ${d0}  txqueuelen 0  (Ethernet)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
        inet 10.10.0.11  netmask 255.255.255.0  broadcast 10.10.0.255
        inet6 fe80::5054:ff:fe12:3456  prefixlen 64  scopeid 0x20<link>
        ether 52:54:00:12:34:56  txqueuelen 1000  (Ethernet)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536
        inet 127.0.0.1  netmask 255.0.0.0
        inet6 ::1  prefixlen 128  scopeid 0x10<host>
        loop  txqueuelen 1000  (Local Loopback)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

veth0aa11bb: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
        inet6 fe80::d46c:f2ff:fe8c:a908  prefixlen 64  scopeid 0x20<link>
        ether d6:6c:f2:8c:a9:08  txqueuelen 0  (Ethernet)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

veth5c1d2e3: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
        inet6 fe80::d46c:f2ff:fe8c:a907  prefixlen 64  scopeid 0x20<link>
        ether d6:6c:f2:8c:a9:07  txqueuelen 0  (Ethernet)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ifconfig docker0',
      in: 'the host',
      where: {},
      expected: {
        stdout: `docker0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
        inet 172.17.0.1  netmask 255.255.0.0  broadcast 172.17.255.255
        inet6 ${d0ll}  prefixlen 64  scopeid 0x20<link>
        ether ${d0}  txqueuelen 0  (Ethernet)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ifconfig eth9',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `eth9: error fetching interface information: Device not found
`,
        exitCode: 1,
      },
    },
    {
      line: 'ifconfig -x',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `ifconfig: option \`-x' not recognised.
ifconfig: \`--help' gives usage information.
`,
        exitCode: 1,
      },
    },
    {
      line: 'ifconfig -a',
      in: 'web',
      where: { netns: web.netns },
      expected: {
        stdout: `eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
        inet 172.17.0.2  netmask 255.255.0.0  broadcast 172.17.255.255
        ether 4e:8f:12:ab:cd:ef  txqueuelen 0  (Ethernet)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536
        inet 127.0.0.1  netmask 255.0.0.0
        inet6 ::1  prefixlen 128  scopeid 0x10<host>
        loop  txqueuelen 1000  (Local Loopback)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ifconfig',
      in: 'web (busybox)',
      where: { netns: web.netns, userland: 'busybox' },
      expected: {
        stdout: `eth0      Link encap:Ethernet  HWaddr 4E:8F:12:AB:CD:EF  
          inet addr:172.17.0.2  Bcast:172.17.255.255  Mask:255.255.0.0
          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1
          RX packets:0 errors:0 dropped:0 overruns:0 frame:0
          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0
          collisions:0 txqueuelen:0 
          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)

lo        Link encap:Local Loopback  
          inet addr:127.0.0.1  Mask:255.0.0.0
          inet6 addr: ::1/128 Scope:Host
          UP LOOPBACK RUNNING  MTU:65536  Metric:1
          RX packets:0 errors:0 dropped:0 overruns:0 frame:0
          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0
          collisions:0 txqueuelen:1000 
          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)

`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ifconfig -a',
      in: 'web (busybox)',
      where: { netns: web.netns, userland: 'busybox' },
      expected: {
        stdout: `eth0      Link encap:Ethernet  HWaddr 4E:8F:12:AB:CD:EF  
          inet addr:172.17.0.2  Bcast:172.17.255.255  Mask:255.255.0.0
          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1
          RX packets:0 errors:0 dropped:0 overruns:0 frame:0
          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0
          collisions:0 txqueuelen:0 
          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)

lo        Link encap:Local Loopback  
          inet addr:127.0.0.1  Mask:255.0.0.0
          inet6 addr: ::1/128 Scope:Host
          UP LOOPBACK RUNNING  MTU:65536  Metric:1
          RX packets:0 errors:0 dropped:0 overruns:0 frame:0
          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0
          collisions:0 txqueuelen:1000 
          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)

`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ifconfig eth9',
      in: 'web (busybox)',
      where: { netns: web.netns, userland: 'busybox' },
      expected: {
        stdout: ``,
        stderr: `ifconfig: eth9: error fetching interface information: Device not found
`,
        exitCode: 1,
      },
    },
    {
      line: 'ifconfig br-8c2d5e7f9a01',
      in: 'the host (busybox)',
      where: { userland: 'busybox' },
      expected: {
        stdout: `br-8c2d5e7f9a01 Link encap:Ethernet  HWaddr 9E:3B:41:C2:7D:5B  
          inet addr:172.18.0.1  Bcast:172.18.255.255  Mask:255.255.0.0
          inet6 addr: fe80::9c3b:41ff:fec2:7d5b/64 Scope:Link
          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1
          RX packets:0 errors:0 dropped:0 overruns:0 frame:0
          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0
          collisions:0 txqueuelen:0 
          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)

`,
        stderr: ``,
        exitCode: 0,
      },
    },
  ]
  it.each(cases)('$line on $in', ({ line, where, expected }) => {
    expect(lab.run(line, where)).toEqual(expected)
  })
})
