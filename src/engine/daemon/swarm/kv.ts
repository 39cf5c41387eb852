// Docker 1.9's multi-host networking: a daemon started with `--cluster-store=consul://…` and
// `--cluster-advertise=eth0:2376` joins the cluster of every daemon using that store (Serf
// gossip on 7946); overlay networks created on any of them are `global` and seen by all
// (moby v1.9.0 libnetwork datastore; docs deprecated.md "Classic Swarm and overlay networks
// using cluster store", removed in v23). The lab keeps them in the same cluster record as swarm
// mode, with `mode: 'kv'`.

import type { OpContext } from '../../model/context'
import { INIT_NETNS, type HostId } from '../../model/ids'
import { parseIpv4 } from '../../model/ipv4'
import { getNetns, linksOf } from '../../kernel/queries'
import { syncNodeNetworks } from './cluster'
import type { Swarm } from './types'

/** Docker 1.9's first VXLAN id (drivers/overlay: vxlanIDStart = 256). */
export const KV_FIRST_VNI = 256

/** The address `--cluster-advertise=eth0:2376` (or `10.10.0.11:2376`) stands for. */
function advertised(ctx: OpContext, host: HostId, spec: string | undefined): number {
  const [what = 'eth0'] = (spec ?? 'eth0:2376').split(':')
  const ip = parseIpv4(what)
  if (ip !== undefined) return ip
  const nic = linksOf(getNetns(ctx.host(host).kernel, INIT_NETNS)).find((l) => l.name === what)
  return nic?.addrs[0]?.cidr.addr ?? 0
}

/** At daemon start: a node with a cluster store joins the store's cluster. */
export function joinKvStore(ctx: OpContext, host: HostId): void {
  const config = ctx.host(host).daemon.config
  const store = config.clusterStore
  if (store === undefined) return
  const swarm: Swarm = ctx.world.swarm ?? {
    mode: 'kv',
    store,
    id: '',
    created: ctx.now,
    nodes: [],
    tokens: { worker: '', manager: '' },
    networks: [],
    nextVni: KV_FIRST_VNI,
  }
  if (swarm.mode !== 'kv' || swarm.nodes.some((n) => n.host === host)) return
  const node = {
    id: ctx.rng.hex('swarm', 12),
    host,
    role: 'manager' as const,
    addr: advertised(ctx, host, config.clusterAdvertise),
    leader: false,
    peerName: ctx.rng.hex('swarm', 12),
  }
  ctx.setSwarm({ ...swarm, nodes: [...swarm.nodes, node] })
  syncNodeNetworks(ctx, host)
}

/** Whether names on this host resolve as in Docker 1.9: /etc/hosts entries, no embedded DNS. */
export function legacyNames(config: { readonly clusterStore?: string }): boolean {
  return config.clusterStore !== undefined
}
