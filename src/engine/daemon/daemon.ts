// dockerd starting on a host: the predefined networks `none`, `host` and `bridge` (docker0).
// Mirrors moby daemon/daemon_unix.go initNetworkController → configureNetworking (null, host,
// then initBridgeDriver: docker0 takes the first free predefined pool, 172.17.0.0/16 on a
// clean host, and the pool's first address as gateway, 172.17.0.1).

import { assert } from '../../lib/assert'
import type { OpContext } from '../model/context'
import type { HostId, NetworkId } from '../model/ids'
import { networkOf } from '../model/ipv4'
import { createBridgeDevice } from './drivers/bridge'
import { firstFreePredefined } from './ipam/pools'
import { reservedPrefixes } from './ipam/reserved'
import type { Network } from './types'

const DEFAULT_BRIDGE = 'docker0'

function predefined(ctx: OpContext, name: string, driver: Network['driver']): Network {
  return {
    id: ctx.randomId() as NetworkId,
    name,
    driver,
    scope: 'local',
    created: ctx.now,
    internal: false,
    attachable: false,
    ingress: false,
    enableIPv4: true,
    enableIPv6: false,
    ipamDriver: 'default',
    ipamOptions: null,
    ipamConfig: [],
    options: {},
    labels: {},
  }
}

export function startDaemon(ctx: OpContext, host: HostId): void {
  const none = predefined(ctx, 'none', 'null')
  const hostNet = predefined(ctx, 'host', 'host')

  const subnet = firstFreePredefined([], reservedPrefixes(ctx.host(host)))
  assert(subnet, 'no predefined pool for docker0')
  const gateway = (networkOf(subnet) + 1) >>> 0
  const mtu = ctx.host(host).daemon.config.mtu
  const bridgeLink = createBridgeDevice(ctx, host, {
    name: DEFAULT_BRIDGE,
    mtu,
    address: { addr: gateway, len: subnet.len },
  })
  const bridge: Network = {
    ...predefined(ctx, 'bridge', 'bridge'),
    ipamConfig: [{ subnet, gateway, userSubnet: false }],
    options: {
      'com.docker.network.bridge.default_bridge': 'true',
      'com.docker.network.bridge.enable_icc': 'true',
      'com.docker.network.bridge.enable_ip_masquerade': 'true',
      'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
      'com.docker.network.bridge.name': DEFAULT_BRIDGE,
      'com.docker.network.driver.mtu': String(mtu),
    },
    bridge: bridgeLink,
  }
  ctx.updateDaemon(host, (d) => ({
    ...d,
    networks: { ...d.networks, [none.id]: none, [hostNet.id]: hostNet, [bridge.id]: bridge },
  }))
}
