// The kernel cross-check's scenarios: the worlds the issue lists and the probes each one sends,
// written as `trace` takes them (FROM TO, `host`, `lan` = 10.10.0.50, `internet` = 203.0.113.10).
// The default world: host1 10.10.0.11 on the LAN 10.10.0.0/24, its router 10.10.0.1.

import { daemon, type Engine } from '../../src/engine'
import { MACVLAN_MV1, MACVLAN_SHIM, NS1_BY_HAND } from '../helpers/by-hand'
import { createTestLab } from '../helpers/lab'
import { D1, D2, must, worldEngine } from '../helpers/swarm'
import type { Scenario } from './crosscheck'

/** Seed 002's docker01 (manager) and docker02 (worker) in a swarm; docker03 stays out. */
function twoHostSwarm(): Engine {
  const e = worldEngine('seed-002')
  must(e.transact((t) => daemon.swarmInit(t, D1)))
  const token = e.world.swarm?.tokens.worker ?? ''
  must(e.transact((t) => daemon.swarmJoin(t, D2, token, '10.10.0.11:2377')))
  return e
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'default bridge, two containers',
    setup: [
      'docker run -d --name alpha alpine sleep 1d',
      'docker run -d --name web nginx',
      'docker run -d --name dns busybox nc -lu -p 5353',
    ],
    probes: [
      'alpha web',
      'web alpha',
      'alpha web --port 80',
      'alpha web --port 81',
      'alpha dns --proto udp --port 5353',
      'alpha dns --proto udp --port 5354',
      'alpha 172.17.0.1',
      'alpha host',
      'host alpha',
      'host web --port 80',
      'lan web --port 80',
    ],
  },
  {
    name: 'two user bridges (isolation), a container on both',
    setup: [
      'docker network create front',
      'docker network create back',
      'docker run -d --name fe1 --network front nginx',
      'docker run -d --name be1 --network back nginx',
      'docker run -d --name both --network front nginx',
      'docker network connect back both',
    ],
    probes: [
      'fe1 be1',
      'be1 fe1',
      'fe1 be1 --port 80',
      'fe1 both',
      'be1 both --port 80',
      'both fe1 --port 80',
      'both be1',
      // both's address on back, from front: routed by the host, isolated.
      'fe1 {both@back}',
      'host be1 --port 80',
      'fe1 internet',
    ],
  },
  {
    name: '--internal',
    setup: [
      'docker network create --internal priv',
      'docker run -d --name in1 --network priv nginx',
      'docker run -d --name in2 --network priv alpine sleep 1d',
    ],
    probes: [
      'in2 in1',
      'in2 in1 --port 80',
      'in2 172.18.0.1',
      'in2 internet',
      'in2 host',
      'host in1 --port 80',
      'lan in1',
    ],
  },
  {
    name: 'icc=false',
    setup: [
      'docker network create -o com.docker.network.bridge.enable_icc=false noicc',
      'docker run -d --name ic1 --network noicc alpine sleep 1d',
      'docker run -d --name ic2 --network noicc nginx',
    ],
    probes: [
      'ic1 ic2',
      'ic1 ic2 --port 80',
      'ic2 ic1',
      'ic1 172.18.0.1',
      'host ic2 --port 80',
      'ic1 internet',
    ],
  },
  {
    name: 'published ports: DNAT from the LAN, from the host, hairpin',
    note: 'docker-proxy is stood in for by a plain listener: connect() succeeds either way, and the real proxy would dial the container',
    setup: [
      'docker run -d --name web -p 8080:80 nginx',
      'docker run -d --name dns -p 5353:5353/udp busybox nc -lu -p 5353',
      'docker run -d --name peer alpine sleep 1d',
    ],
    probes: [
      'lan host:8080',
      'lan host:8081',
      'lan host:5353 --proto udp',
      'lan host:5354 --proto udp',
      'lan web --port 80',
      'internet host:8080',
      'host host:8080',
      'host 127.0.0.1:8080',
      'host web --port 80',
      'peer host:8080',
      'peer web --port 80',
    ],
  },
  {
    name: 'to the Internet (MASQUERADE)',
    note: 'the Internet is a namespace behind the LAN router, which does no NAT of its own (a home router would): replies reach the host address directly',
    setup: [
      'docker run -d --name out1 alpine sleep 1d',
      'docker network create ubr',
      'docker run -d --name out2 --network ubr alpine sleep 1d',
      'docker network create -o com.docker.network.bridge.enable_ip_masquerade=false nomasq',
      'docker run -d --name out3 --network nomasq alpine sleep 1d',
    ],
    probes: [
      'out1 internet',
      'out1 internet:443',
      'out1 203.0.113.10:53 --proto udp',
      'out2 198.51.100.7',
      'out3 internet',
      'host internet',
      'internet out1',
      'internet host',
    ],
  },
  {
    name: 'host mode',
    setup: [
      'docker run -d --name hweb --network host nginx',
      'docker run -d --name br1 alpine sleep 1d',
    ],
    probes: [
      'lan host:80',
      'lan host:81',
      'host 127.0.0.1:80',
      'br1 host:80',
      'br1 172.17.0.1:80',
      'hweb internet',
      'hweb br1',
    ],
  },
  {
    name: 'none',
    setup: [
      'docker run -d --name iso --network none alpine sleep 1d',
      'docker run -d --name lone --network none busybox nc -lk -p 7777',
    ],
    probes: [
      'iso 127.0.0.1',
      'iso 172.17.0.1',
      'iso internet',
      'lone 127.0.0.1:7777',
      'iso 127.0.0.1:7777',
    ],
  },
  {
    name: 'macvlan',
    note: 'the LAN switch is a Linux bridge without hairpin, like the lab LAN: a child never reaches its parent through it',
    setup: [...MACVLAN_MV1, 'docker run -d --name mv2 --network mvnet alpine sleep 1d'],
    probes: [
      'lan mv1',
      'lan mv1 --port 80',
      'host mv1',
      'mv1 host',
      'mv2 mv1 --port 80',
      'mv2 lan',
      'mv2 internet',
    ],
  },
  {
    name: 'overlay between two hosts over VXLAN',
    note: "the peers' FDB and ARP entries are programmed statically, as Docker would from its gossip; no serf runs, and the routing mesh is left out (this kernel has no IPVS)",
    world: twoHostSwarm,
    setup: [
      ['docker01', 'docker network create -d overlay --attachable --subnet 10.0.9.0/24 vnet'],
      ['docker01', 'docker run -d --name c01 --network vnet nginx'],
      ['docker02', 'docker run -d --name c02 --network vnet nginx'],
      ['docker02', 'docker run -d --name u02 --network vnet busybox nc -lu -p 5353'],
      ['docker01', 'docker run -d --name c03 --network vnet nginx'],
    ],
    probes: [
      { on: 'docker01', line: 'c01 10.10.0.12' },
      { on: 'docker01', line: 'c01 {c03@docker_gwbridge} --port 80' },
      { on: 'docker01', line: 'c01 c03 --port 80' },
      { on: 'docker01', line: 'c01 c02' },
      { on: 'docker01', line: 'c01 c02 --port 80' },
      { on: 'docker01', line: 'c01 c02 --port 81' },
      { on: 'docker01', line: 'c01 u02 --proto udp --port 5353' },
      { on: 'docker02', line: 'c02 c01 --port 80' },
      { on: 'docker01', line: 'c01 internet' },
      { on: 'docker01', line: 'host c02' },
    ],
  },
  {
    name: 'userland-proxy off: hairpin NAT instead of docker-proxy',
    world: () => createTestLab({ userlandProxy: false }).engine,
    setup: [
      'docker run -d --name web -p 8080:80 nginx',
      'docker run -d --name peer alpine sleep 1d',
    ],
    probes: [
      'peer host:8080',
      'peer 172.17.0.1:8080',
      'web host:8080',
      'lan host:8080',
      'host host:8080',
      'host 127.0.0.1:8080',
    ],
  },
  {
    name: 'published on one address, and from another bridge network',
    setup: [
      'docker run -d --name loc -p 127.0.0.1:8081:80 nginx',
      'docker network create other',
      'docker run -d --name web2 --network other -p 8082:80 nginx',
      'docker run -d --name cli alpine sleep 1d',
    ],
    probes: [
      'host 127.0.0.1:8081',
      'lan host:8081',
      'lan host:8082',
      'cli host:8082',
      'cli 172.18.0.1:8082',
      'cli web2 --port 80',
    ],
  },
  {
    name: 'two hosts on a LAN and one behind the router, published ports across',
    world: () => worldEngine('seed-002'),
    setup: [
      ['docker01', 'docker run -d --name cl1 alpine sleep 1d'],
      ['docker02', 'docker run -d --name web -p 8080:80 nginx'],
      ['docker03', 'docker run -d --name web3 -p 8080:80 nginx'],
    ],
    probes: [
      { on: 'docker01', line: 'cl1 10.10.0.12:8080' },
      { on: 'docker01', line: 'cl1 10.20.0.13:8080' },
      { on: 'docker01', line: 'host 10.20.0.13:8080' },
      { on: 'docker01', line: 'cl1 10.10.0.12:8081' },
      { on: 'docker01', line: 'cl1 172.17.0.2 --port 80' },
      { on: 'docker03', line: 'web3 internet' },
      { on: 'docker03', line: 'lan 10.20.0.13:8080' },
    ],
  },
  {
    name: 'embedded DNS, a shared namespace, a container on an internal and a public network',
    setup: [
      'docker network create app',
      'docker network create --internal back',
      'docker run -d --name dns1 --network app alpine sleep 1d',
      'docker run -d --name pub nginx',
      'docker run -d --name side --network container:pub alpine sleep 1d',
      'docker run -d --name dual --network back nginx',
      'docker network connect app dual',
    ],
    probes: [
      'dns1 127.0.0.11:53 --proto udp',
      'dns1 127.0.0.11:53',
      'pub 127.0.0.11:53 --proto udp',
      'side 127.0.0.1:80',
      'side dns1',
      'host side --port 80',
      'dual internet',
      'dns1 dual --port 80',
      'dns1 {dual@back} --port 80',
      'host {dual@back} --port 80',
    ],
  },
  {
    name: 'published ports that go nowhere: no listener behind, a stopped container',
    note: 'docker-proxy is stood in for by a plain listener that accepts; the real one accepts too, then closes the connection it cannot pass on',
    setup: [
      'docker run -d --name idle -p 9090:9999 nginx',
      'docker run -d --name gone -p 8080:80 nginx',
      'docker stop gone',
    ],
    probes: [
      'lan host:9090',
      'host host:9090',
      'host 127.0.0.1:9090',
      'lan host:8080',
      'host 127.0.0.1:8080',
    ],
  },
  {
    name: 'the host changed by hand: ip_forward off, docker0 down',
    setup: [
      'docker run -d --name alpha alpine sleep 1d',
      'docker run -d --name web -p 8080:80 nginx',
      'docker network create other',
      'docker run -d --name beta --network other alpine sleep 1d',
      'sysctl -w net.ipv4.ip_forward=0',
      'ip link set docker0 down',
    ],
    probes: [
      'alpha internet',
      'beta internet',
      'beta host',
      'lan host:8080',
      'alpha web --port 80',
      'alpha 172.17.0.1',
      'host web --port 80',
    ],
  },
  {
    name: 'namespaces and veth pairs made by hand (seed 001), one on docker0',
    setup: [
      'docker run -d --name web nginx',
      ...NS1_BY_HAND,
      'ip netns exec ns1 ip link set lo up',
      'ip netns add ns2',
      'ip link add veth2 type veth peer name veth2-peer',
      'ip link set veth2-peer netns ns2',
      'ip link set veth2 master docker0',
      'ip link set veth2 up',
      'ip netns exec ns2 ip addr add 172.17.0.50/16 dev veth2-peer',
      'ip netns exec ns2 ip link set veth2-peer up',
      'ip netns exec ns2 ip route add default via 172.17.0.1',
    ],
    probes: [
      'host 10.200.0.2',
      '10.200.0.2 10.200.0.1',
      '10.200.0.2 172.17.0.1',
      'web 10.200.0.2',
      'host 172.17.0.50',
      '172.17.0.50 web --port 80',
      '172.17.0.50 internet',
      'web 172.17.0.50 --port 80',
      'lan 172.17.0.50',
    ],
  },
  {
    name: 'a user network whose subnet overlaps the LAN',
    setup: [
      'docker network create --subnet 10.10.0.0/24 clash',
      'docker run -d --name cl1 --network clash nginx',
      'docker run -d --name web -p 8080:80 nginx',
    ],
    probes: [
      'host internet',
      'host 10.10.0.50',
      'lan host',
      'lan host:8080',
      'cl1 internet',
      'cl1 10.10.0.50',
      'cl1 10.10.0.1',
      'host cl1 --port 80',
      'web cl1 --port 80',
    ],
  },
  {
    name: 'macvlan: the host reaches its children through a macvlan of its own',
    setup: [...MACVLAN_MV1, ...MACVLAN_SHIM],
    probes: [
      'host mv1',
      'host mv1 --port 80',
      'mv1 10.10.0.250',
      'mv1 host',
      'lan mv1',
      'lan 10.10.0.250',
    ],
  },
  {
    name: 'macvlan: the same shim with arp_ignore=1 (answer only for the device’s own address)',
    setup: [...MACVLAN_MV1, ...MACVLAN_SHIM, 'sysctl -w net.ipv4.conf.all.arp_ignore=1'],
    probes: ['host mv1', 'mv1 10.10.0.250', 'mv1 host'],
  },
  {
    name: 'DOCKER-USER: only 10.10.0.60 may reach published ports (Docker’s recipe, as typed)',
    setup: [
      'docker run -d --name web -p 8080:80 nginx',
      'docker run -d --name alpha alpine sleep 1d',
      'iptables -I DOCKER-USER -i eth0 ! -s 10.10.0.60 -j DROP',
    ],
    probes: [
      'lan host:8080',
      '10.10.0.60 host:8080',
      'host host:8080',
      // The answers from outside meet the same rule: the recipe alone breaks them.
      'alpha internet',
      'alpha internet:443',
    ],
  },
  {
    name: 'DOCKER-USER: the same with established connections let through first',
    setup: [
      'docker run -d --name web -p 8080:80 nginx',
      'docker run -d --name alpha alpine sleep 1d',
      'iptables -I DOCKER-USER -i eth0 ! -s 10.10.0.60 -j DROP',
      'iptables -I DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN',
      'iptables -N LOGDROP',
      'iptables -A LOGDROP -p tcp --dport 81 -j DROP',
      'iptables -A DOCKER-USER -j LOGDROP',
    ],
    probes: ['lan host:8080', '10.10.0.60 host:8080', 'alpha internet', 'alpha internet:443'],
  },
]
