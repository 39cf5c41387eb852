// dockerd starting on a host: its iptables chains, then the predefined networks `none`, `host`
// and `bridge` (docker0). Mirrors moby daemon/daemon_unix.go initNetworkController →
// configureNetworking (null, host, then initBridgeDriver: docker0 takes the first free predefined
// pool, 172.17.0.0/16 on a clean host, and the pool's first address, 172.17.0.1).

import { assert } from '../../lib/assert'
import { EMPTY_TABLE } from '../../lib/table'
import type { OpContext } from '../model/context'
import { INIT_NETNS, type HostId, type NetworkId } from '../model/ids'
import { createBridgeDevice } from './drivers/bridge'
import { planDockerChains, planNetworkRules } from './iptables/docker-rules'
import { newPool } from './ipam/allocate'
import { firstFreePredefined } from './ipam/pools'
import { reservedPrefixes } from './ipam/reserved'
import { BRIDGE_OPT, bridgeOptions, ruleConfig } from './networks'
import { EPHEMERAL_PORTS } from './ports'
import type { Daemon, Network } from './types'
import { DOCKERD_ARGS, DOCKERD_PID } from './dns/resolver'
import { joinKvStore } from './swarm/kv'

const DEFAULT_BRIDGE = 'docker0'

export function emptyDaemon(config: Daemon['config']): Daemon {
  return {
    config,
    networks: EMPTY_TABLE,
    networkOrder: [],
    networkNames: EMPTY_TABLE,
    networksMade: 0,
    containers: EMPTY_TABLE,
    endpoints: EMPTY_TABLE,
    names: EMPTY_TABLE,
    ports: {
      used: EMPTY_TABLE,
      lastEphemeral: {
        tcp: EPHEMERAL_PORTS.last,
        udp: EPHEMERAL_PORTS.last,
        sctp: EPHEMERAL_PORTS.last,
      },
    },
  }
}

function predefined(ctx: OpContext, name: string, driver: Network['driver'], seq: number): Network {
  return {
    seq,
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
    pools: [],
    options: {},
    labels: {},
    predefined: true,
  }
}

export function startDaemon(ctx: OpContext, host: HostId): void {
  const config = ctx.host(host).daemon.config
  const dockerd = { pid: DOCKERD_PID, name: 'dockerd', args: DOCKERD_ARGS, netns: INIT_NETNS }
  ctx.apply({ kind: 'proc.start', host, process: dockerd })
  for (const op of planDockerChains(host, config.userlandProxy)) ctx.apply(op)

  const none = predefined(ctx, 'none', 'null', 0)
  const hostNet = predefined(ctx, 'host', 'host', 1)

  const subnet = firstFreePredefined([], reservedPrefixes(ctx.host(host)))
  assert(subnet, 'no predefined pool for docker0')
  const pool = newPool({ subnet, auxAddresses: {}, userSubnet: false }, true)
  assert(pool.ok && pool.value.gateway !== undefined, 'no gateway for docker0')
  const base = predefined(ctx, 'bridge', 'bridge', 2)
  const options: Record<string, string> = {
    [BRIDGE_OPT.defaultBridge]: 'true',
    [BRIDGE_OPT.icc]: 'true',
    [BRIDGE_OPT.masquerade]: 'true',
    [BRIDGE_OPT.hostBinding]: '0.0.0.0',
    [BRIDGE_OPT.name]: DEFAULT_BRIDGE,
    [BRIDGE_OPT.mtu]: String(config.mtu),
  }
  const parsed = bridgeOptions(base.id, options, config.mtu)
  const link = createBridgeDevice(ctx, host, {
    name: DEFAULT_BRIDGE,
    mtu: config.mtu,
    address: { addr: pool.value.gateway, len: subnet.len },
    hairpin: !config.userlandProxy,
  })
  const bridge: Network = {
    ...base,
    pools: [pool.value],
    options,
    bridge: { link, options: parsed },
  }
  const rules = ruleConfig(bridge, config.userlandProxy)
  if (rules) for (const op of planNetworkRules(host, rules, true)) ctx.apply(op)

  for (const n of [none, hostNet, bridge]) ctx.setNetwork(host, n)
  joinKvStore(ctx, host)
}
