// `ip` as iproute2 6.1 and busybox print it, whole outputs. The expected texts were checked
// byte for byte against the real tools in throw-away namespaces built the same way (a veth
// standing in for the physical eth0), except busybox's `state`, which Alpine's build prints.

import { describe, expect, it } from 'vitest'
import { createLab, dockerHost, emptyNetns, HOST, ok0, type Case } from './fixture'

describe('ip on a fresh Docker host', () => {
  const lab = createLab()
  const d0 = lab.link('docker0').mac
  const cases: Case[] = [
    {
      line: 'ip addr',
      in: 'the host',
      where: {},
      expected: {
        stdout: `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff
    inet 10.10.0.11/24 brd 10.10.0.255 scope global eth0
       valid_lft forever preferred_lft forever
    inet6 fe80::5054:ff:fe12:3456/64 scope link 
       valid_lft forever preferred_lft forever
3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default 
    link/ether ${d0} brd ff:ff:ff:ff:ff:ff
    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0
       valid_lft forever preferred_lft forever
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip link',
      in: 'the host',
      where: {},
      expected: {
        stdout: `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000
    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff
3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default 
    link/ether ${d0} brd ff:ff:ff:ff:ff:ff
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip route',
      in: 'the host',
      where: {},
      expected: {
        stdout: `default via 10.10.0.1 dev eth0 
10.10.0.0/24 dev eth0 proto kernel scope link src 10.10.0.11 
172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip -br addr',
      in: 'the host',
      where: {},
      expected: {
        stdout: `lo               UNKNOWN        127.0.0.1/8 ::1/128 
eth0             UP             10.10.0.11/24 fe80::5054:ff:fe12:3456/64 
docker0          DOWN           172.17.0.1/16 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip netns',
      in: 'the host',
      where: {},
      expected: { stdout: ``, stderr: ``, exitCode: 0 },
    },
    {
      line: 'ip neigh',
      in: 'the host',
      where: {},
      expected: { stdout: ``, stderr: ``, exitCode: 0 },
    },
  ]
  it.each(cases)('$line on $in', ({ line, where, expected }) => {
    expect(lab.run(line, where)).toEqual(expected)
  })
})

describe('ip with containers on docker0 and on a user network', () => {
  const { lab, d0, d0ll, web } = dockerHost()
  const cases: Case[] = [
    {
      line: 'ip addr',
      in: 'the host',
      where: {},
      expected: {
        stdout: `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff
    inet 10.10.0.11/24 brd 10.10.0.255 scope global eth0
       valid_lft forever preferred_lft forever
    inet6 fe80::5054:ff:fe12:3456/64 scope link 
       valid_lft forever preferred_lft forever
3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default 
    link/ether ${d0} brd ff:ff:ff:ff:ff:ff
    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0
       valid_lft forever preferred_lft forever
    inet6 ${d0ll}/64 scope link 
       valid_lft forever preferred_lft forever
4: br-8c2d5e7f9a01: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default 
    link/ether 9e:3b:41:c2:7d:5b brd ff:ff:ff:ff:ff:ff
    inet 172.18.0.1/16 brd 172.18.255.255 scope global br-8c2d5e7f9a01
       valid_lft forever preferred_lft forever
    inet6 fe80::9c3b:41ff:fec2:7d5b/64 scope link 
       valid_lft forever preferred_lft forever
5: veth5c1d2e3@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP group default 
    link/ether d6:6c:f2:8c:a9:07 brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet6 fe80::d46c:f2ff:fe8c:a907/64 scope link 
       valid_lft forever preferred_lft forever
6: veth0aa11bb@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br-8c2d5e7f9a01 state UP group default 
    link/ether d6:6c:f2:8c:a9:08 brd ff:ff:ff:ff:ff:ff link-netnsid 1
    inet6 fe80::d46c:f2ff:fe8c:a908/64 scope link 
       valid_lft forever preferred_lft forever
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip a s docker0',
      in: 'the host',
      where: {},
      expected: {
        stdout: `3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default 
    link/ether ${d0} brd ff:ff:ff:ff:ff:ff
    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0
       valid_lft forever preferred_lft forever
    inet6 ${d0ll}/64 scope link 
       valid_lft forever preferred_lft forever
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip link',
      in: 'the host',
      where: {},
      expected: {
        stdout: `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000
    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff
3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default 
    link/ether ${d0} brd ff:ff:ff:ff:ff:ff
4: br-8c2d5e7f9a01: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default 
    link/ether 9e:3b:41:c2:7d:5b brd ff:ff:ff:ff:ff:ff
5: veth5c1d2e3@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP mode DEFAULT group default 
    link/ether d6:6c:f2:8c:a9:07 brd ff:ff:ff:ff:ff:ff link-netnsid 0
6: veth0aa11bb@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br-8c2d5e7f9a01 state UP mode DEFAULT group default 
    link/ether d6:6c:f2:8c:a9:08 brd ff:ff:ff:ff:ff:ff link-netnsid 1
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip -br addr',
      in: 'the host',
      where: {},
      expected: {
        stdout: `lo               UNKNOWN        127.0.0.1/8 ::1/128 
eth0             UP             10.10.0.11/24 fe80::5054:ff:fe12:3456/64 
docker0          UP             172.17.0.1/16 ${d0ll}/64 
br-8c2d5e7f9a01  UP             172.18.0.1/16 fe80::9c3b:41ff:fec2:7d5b/64 
veth5c1d2e3@if2  UP             fe80::d46c:f2ff:fe8c:a907/64 
veth0aa11bb@if2  UP             fe80::d46c:f2ff:fe8c:a908/64 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip -br link',
      in: 'the host',
      where: {},
      expected: {
        stdout: `lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> 
eth0             UP             52:54:00:12:34:56 <BROADCAST,MULTICAST,UP,LOWER_UP> 
docker0          UP             ${d0} <BROADCAST,MULTICAST,UP,LOWER_UP> 
br-8c2d5e7f9a01  UP             9e:3b:41:c2:7d:5b <BROADCAST,MULTICAST,UP,LOWER_UP> 
veth5c1d2e3@if2  UP             d6:6c:f2:8c:a9:07 <BROADCAST,MULTICAST,UP,LOWER_UP> 
veth0aa11bb@if2  UP             d6:6c:f2:8c:a9:08 <BROADCAST,MULTICAST,UP,LOWER_UP> 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip -o addr',
      in: 'the host',
      where: {},
      expected: {
        stdout: `1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
1: lo    inet6 ::1/128 scope host \\       valid_lft forever preferred_lft forever
2: eth0    inet 10.10.0.11/24 brd 10.10.0.255 scope global eth0\\       valid_lft forever preferred_lft forever
2: eth0    inet6 fe80::5054:ff:fe12:3456/64 scope link \\       valid_lft forever preferred_lft forever
3: docker0    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\\       valid_lft forever preferred_lft forever
3: docker0    inet6 ${d0ll}/64 scope link \\       valid_lft forever preferred_lft forever
4: br-8c2d5e7f9a01    inet 172.18.0.1/16 brd 172.18.255.255 scope global br-8c2d5e7f9a01\\       valid_lft forever preferred_lft forever
4: br-8c2d5e7f9a01    inet6 fe80::9c3b:41ff:fec2:7d5b/64 scope link \\       valid_lft forever preferred_lft forever
5: veth5c1d2e3    inet6 fe80::d46c:f2ff:fe8c:a907/64 scope link \\       valid_lft forever preferred_lft forever
6: veth0aa11bb    inet6 fe80::d46c:f2ff:fe8c:a908/64 scope link \\       valid_lft forever preferred_lft forever
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip -o link show lo',
      in: 'the host',
      where: {},
      expected: {
        stdout: `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip -4 addr',
      in: 'the host',
      where: {},
      expected: {
        stdout: `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
    inet 10.10.0.11/24 brd 10.10.0.255 scope global eth0
       valid_lft forever preferred_lft forever
3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default 
    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0
       valid_lft forever preferred_lft forever
4: br-8c2d5e7f9a01: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default 
    inet 172.18.0.1/16 brd 172.18.255.255 scope global br-8c2d5e7f9a01
       valid_lft forever preferred_lft forever
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip -6 addr show dev eth0',
      in: 'the host',
      where: {},
      expected: {
        stdout: `2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP qlen 1000
    inet6 fe80::5054:ff:fe12:3456/64 scope link 
       valid_lft forever preferred_lft forever
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip -s link show lo',
      in: 'the host',
      where: {},
      expected: {
        stdout: `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    RX:  bytes packets errors dropped  missed   mcast           
             0       0      0       0       0       0 
    TX:  bytes packets errors dropped carrier collsns           
             0       0      0       0       0       0 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip -d link show veth5c1d2e3',
      in: 'the host',
      where: {},
      expected: {
        stdout: `5: veth5c1d2e3@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP mode DEFAULT group default 
    link/ether d6:6c:f2:8c:a9:07 brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 1  allmulti 1 minmtu 68 maxmtu 65535 
    veth 
    bridge_slave state forwarding priority 32 cost 2 hairpin off guard off root_block off fastleave off learning on flood on port_id 0x8001 port_no 0x1 designated_port 32769 designated_cost 0 designated_bridge 8000.${d0} designated_root 8000.${d0} hold_timer    0.00 message_age_timer    0.00 forward_delay_timer    0.00 topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off mcast_router 1 mcast_fast_leave off mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel off isolated off locked off addrgenmode eui64 numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip -d link show docker0',
      in: 'the host',
      where: {},
      expected: {
        stdout: `3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default 
    link/ether ${d0} brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 
    bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 vlan_filtering 0 bridge_id 8000.${d0} designated_root 8000.${d0} root_port 0 root_path_cost 0 topology_change 0 topology_change_detected 0 hello_timer    0.00 tcn_timer    0.00 topology_change_timer    0.00 gc_timer    0.00 group_fwd_mask 0 group_address 01:80:c2:00:00:00 mcast_snooping 1 no_linklocal_learn 0 mcast_vlan_snooping 0 mcast_router 1 mcast_query_use_ifaddr 0 mcast_querier 0 mcast_hash_elasticity 16 mcast_hash_max 4096 mcast_last_member_count 2 mcast_startup_query_count 2 mcast_last_member_interval 100 mcast_membership_interval 26000 mcast_querier_interval 25500 mcast_query_interval 12500 mcast_query_response_interval 1000 mcast_startup_query_interval 3124 mcast_stats_enabled 0 mcast_igmp_version 2 mcast_mld_version 1 nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip -d link show lo',
      in: 'the host',
      where: {},
      expected: {
        stdout: `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip link show master docker0',
      in: 'the host',
      where: {},
      expected: {
        stdout: `5: veth5c1d2e3@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP mode DEFAULT group default 
    link/ether d6:6c:f2:8c:a9:07 brd ff:ff:ff:ff:ff:ff link-netnsid 0
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip addr show to 172.17.0.0/16',
      in: 'the host',
      where: {},
      expected: {
        stdout: `3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default 
    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0
       valid_lft forever preferred_lft forever
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip route',
      in: 'the host',
      where: {},
      expected: {
        stdout: `default via 10.10.0.1 dev eth0 
10.10.0.0/24 dev eth0 proto kernel scope link src 10.10.0.11 
172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 
172.18.0.0/16 dev br-8c2d5e7f9a01 proto kernel scope link src 172.18.0.1 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip r',
      in: 'the host',
      where: {},
      expected: {
        stdout: `default via 10.10.0.1 dev eth0 
10.10.0.0/24 dev eth0 proto kernel scope link src 10.10.0.11 
172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 
172.18.0.0/16 dev br-8c2d5e7f9a01 proto kernel scope link src 172.18.0.1 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip -d route',
      in: 'the host',
      where: {},
      expected: {
        stdout: `unicast default via 10.10.0.1 dev eth0 proto boot scope global 
unicast 10.10.0.0/24 dev eth0 proto kernel scope link src 10.10.0.11 
unicast 172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 
unicast 172.18.0.0/16 dev br-8c2d5e7f9a01 proto kernel scope link src 172.18.0.1 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip route show dev docker0',
      in: 'the host',
      where: {},
      expected: {
        stdout: `172.17.0.0/16 proto kernel scope link src 172.17.0.1 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip neigh',
      in: 'the host',
      where: {},
      expected: {
        stdout: `172.17.0.2 dev docker0 lladdr 4e:8f:12:ab:cd:ef REACHABLE 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip neigh show dev docker0',
      in: 'the host',
      where: {},
      expected: {
        stdout: `172.17.0.2 lladdr 4e:8f:12:ab:cd:ef REACHABLE 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip rule',
      in: 'the host',
      where: {},
      expected: {
        stdout: `0:	from all lookup local
32766:	from all lookup main
32767:	from all lookup default
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip addr',
      in: 'web',
      where: { netns: web.netns },
      expected: {
        stdout: `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever
2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default 
    link/ether 4e:8f:12:ab:cd:ef brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0
       valid_lft forever preferred_lft forever
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip link',
      in: 'web',
      where: { netns: web.netns },
      expected: {
        stdout: `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default 
    link/ether 4e:8f:12:ab:cd:ef brd ff:ff:ff:ff:ff:ff link-netnsid 0
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip route',
      in: 'web',
      where: { netns: web.netns },
      expected: {
        stdout: `default via 172.17.0.1 dev eth0 
172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip -d link show eth0',
      in: 'web',
      where: { netns: web.netns },
      expected: {
        stdout: `2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default 
    link/ether 4e:8f:12:ab:cd:ef brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 
    veth addrgenmode eui64 numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip neigh',
      in: 'web',
      where: { netns: web.netns },
      expected: {
        stdout: `172.17.0.1 dev eth0 lladdr ${d0} STALE 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip addr',
      in: 'web (busybox)',
      where: { netns: web.netns, userland: 'busybox' },
      expected: {
        stdout: `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever
2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP 
    link/ether 4e:8f:12:ab:cd:ef brd ff:ff:ff:ff:ff:ff
    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0
       valid_lft forever preferred_lft forever
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip link',
      in: 'web (busybox)',
      where: { netns: web.netns, userland: 'busybox' },
      expected: {
        stdout: `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP 
    link/ether 4e:8f:12:ab:cd:ef brd ff:ff:ff:ff:ff:ff
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip route',
      in: 'web (busybox)',
      where: { netns: web.netns, userland: 'busybox' },
      expected: {
        stdout: `default via 172.17.0.1 dev eth0 
172.17.0.0/16 dev eth0 scope link  src 172.17.0.2 
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip -4 -o addr',
      in: 'web (busybox)',
      where: { netns: web.netns, userland: 'busybox' },
      expected: {
        stdout: `1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
2: eth0    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0\\       valid_lft forever preferred_lft forever
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip neigh',
      in: 'web (busybox)',
      where: { netns: web.netns, userland: 'busybox' },
      expected: {
        stdout: `172.17.0.1 dev eth0 lladdr ${d0} used 0/0/0 probes 0 STALE
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

describe('ip errors', () => {
  const lab = createLab()
  const cases: Case[] = [
    {
      line: 'ip foo',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Object "foo" is unknown, try "ip help".
`,
        exitCode: 1,
      },
    },
    {
      line: 'ip addr foo',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Command "foo" is unknown, try "ip address help".
`,
        exitCode: 255,
      },
    },
    {
      line: 'ip link foo',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Command "foo" is unknown, try "ip link help".
`,
        exitCode: 255,
      },
    },
    {
      line: 'ip route foo',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Command "foo" is unknown, try "ip route help".
`,
        exitCode: 255,
      },
    },
    {
      line: 'ip neigh foo',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Command "foo" is unknown, try "ip neigh help".
`,
        exitCode: 255,
      },
    },
    {
      line: 'ip netns foo',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Command "foo" is unknown, try "ip netns help".
`,
        exitCode: 255,
      },
    },
    {
      line: 'ip addr show dev eth9',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Device "eth9" does not exist.
`,
        exitCode: 1,
      },
    },
    {
      line: 'ip link show eth9',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Device "eth9" does not exist.
`,
        exitCode: 1,
      },
    },
    {
      line: 'ip addr show dev',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Command line is not complete. Try option "help"
`,
        exitCode: 255,
      },
    },
    {
      line: 'ip addr show lo eth0',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Error: either "dev" is duplicate, or "eth0" is a garbage.
`,
        exitCode: 255,
      },
    },
    {
      line: 'ip route show dev eth9',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Cannot find device "eth9"
`,
        exitCode: 1,
      },
    },
    {
      line: 'ip route show foo',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Error: any valid prefix is expected rather than "foo".
`,
        exitCode: 1,
      },
    },
    {
      line: 'ip -x addr',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Option "-x" is unknown, try "ip -help".
`,
        exitCode: 255,
      },
    },
    {
      line: 'ip --foo addr',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Option "-foo" is unknown, try "ip -help".
`,
        exitCode: 255,
      },
    },
    {
      line: 'ip -f foo addr',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Error: argument "foo" is wrong: invalid protocol family
`,
        exitCode: 255,
      },
    },
    {
      line: 'ip -n foo addr',
      in: 'the host',
      where: {},
      expected: {
        stdout: ``,
        stderr: `Cannot open network namespace "foo": No such file or directory
`,
        exitCode: 255,
      },
    },
    {
      line: 'ip -V',
      in: 'the host',
      where: {},
      expected: {
        stdout: `ip utility, iproute2-6.1.0, libbpf 1.1.2
`,
        stderr: ``,
        exitCode: 0,
      },
    },
    {
      line: 'ip addr foo',
      in: 'the host (busybox)',
      where: { userland: 'busybox' },
      expected: {
        stdout: ``,
        stderr: `ip: invalid argument 'foo' to 'ip'
`,
        exitCode: 1,
      },
    },
    {
      line: 'ip addr show eth9',
      in: 'the host (busybox)',
      where: { userland: 'busybox' },
      expected: {
        stdout: ``,
        stderr: `ip: can't find device 'eth9'
`,
        exitCode: 1,
      },
    },
    {
      line: 'ip link show eth9',
      in: 'the host (busybox)',
      where: { userland: 'busybox' },
      expected: {
        stdout: ``,
        stderr: `ip: can't find device 'eth9'
`,
        exitCode: 2,
      },
    },
    {
      line: 'ip -f foo addr',
      in: 'the host (busybox)',
      where: { userland: 'busybox' },
      expected: {
        stdout: ``,
        stderr: `ip: invalid argument 'foo' to 'family'
`,
        exitCode: 1,
      },
    },
  ]
  it.each(cases)('$line on $in', ({ line, where, expected }) => {
    expect(lab.run(line, where)).toEqual(expected)
  })
})

describe('ip on devices that are down', () => {
  const lab = createLab()
  const netns = emptyNetns(lab)
  lab.apply((ctx, put) => {
    const lo = ctx.newLinkId(HOST)
    const spec = {
      name: 'lo',
      kind: 'loopback',
      mac: '00:00:00:00:00:00',
      mtu: 65536,
      txqlen: 1000,
    } as const
    put({ kind: 'link.add', netns, link: lo, spec })
    const va = ctx.newLinkId(HOST)
    const vb = ctx.newLinkId(HOST)
    put({
      kind: 'veth.add',
      a: { netns, link: vb, name: 'vb', mac: '02:00:00:00:00:0b', mtu: 1500 },
      b: { netns, link: va, name: 'va', mac: '02:00:00:00:00:0a', mtu: 1500 },
    })
    put({ kind: 'link.set-up', netns, link: va, up: true })
    for (const addr of [0x0a010001, 0x0a010002]) {
      put({ kind: 'addr.add', netns, link: va, addr: { cidr: { addr, len: 24 }, scope: 'global' } })
    }
  })

  it('shows noop qdiscs, LOWERLAYERDOWN over a local peer that is down, and secondaries', () => {
    expect(lab.run('ip addr', { netns })).toEqual(
      ok0(`1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
2: vb@va: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default 
    link/ether 02:00:00:00:00:0b brd ff:ff:ff:ff:ff:ff
3: va@vb: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN group default 
    link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff
    inet 10.1.0.1/24 scope global va
       valid_lft forever preferred_lft forever
    inet 10.1.0.2/24 scope global secondary va
       valid_lft forever preferred_lft forever
`),
    )
    expect(lab.run('ip -br link', { netns })).toEqual(
      ok0(`lo               DOWN           00:00:00:00:00:00 <LOOPBACK> 
vb@va            DOWN           02:00:00:00:00:0b <BROADCAST,MULTICAST> 
va@vb            LOWERLAYERDOWN 02:00:00:00:00:0a <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> 
`),
    )
  })

  it('marks the routes of a device without carrier linkdown', () => {
    expect(lab.run('ip route show dev va', { netns }).stdout.split('\n')[0]).toBe(
      '10.1.0.0/24 proto kernel scope link src 10.1.0.1 linkdown ',
    )
  })
})
