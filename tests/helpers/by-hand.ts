// Setups the tests type by hand in several places: seed 001's namespace and veth pair, and a
// macvlan network with the host's own macvlan "shim" the tutorials add to reach it.

/** Seed 001: namespace ns1 joined to the host by veth1 ↔ veth1-peer, 10.200.0.1 ↔ 10.200.0.2. */
export const NS1_BY_HAND: readonly string[] = [
  'ip netns add ns1',
  'ip link add veth1 type veth peer name veth1-peer',
  'ip link set veth1-peer netns ns1',
  'ip addr add 10.200.0.1/24 dev veth1',
  'ip link set veth1 up',
  'ip netns exec ns1 ip addr add 10.200.0.2/24 dev veth1-peer',
  'ip netns exec ns1 ip link set veth1-peer up',
]

/** A macvlan network on host1's eth0 (the LAN 10.10.0.0/24) and nginx mv1 on it (10.10.0.192). */
export const MACVLAN_MV1: readonly string[] = [
  'docker network create -d macvlan --subnet 10.10.0.0/24 --gateway 10.10.0.1 --ip-range 10.10.0.192/27 -o parent=eth0 mvnet',
  'docker run -d --name mv1 --network mvnet nginx',
]

/** The host's own bridge-mode macvlan mac0 (10.10.0.250) and a route to the children over it. */
export const MACVLAN_SHIM: readonly string[] = [
  'ip link add mac0 link eth0 type macvlan mode bridge',
  'ip addr add 10.10.0.250/32 dev mac0',
  'ip link set mac0 up',
  'ip route add 10.10.0.192/27 dev mac0',
]
