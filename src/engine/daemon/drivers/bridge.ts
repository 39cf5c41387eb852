// The bridge driver's kernel plumbing. Mirrors moby libnetwork/drivers/bridge (v28.5.2):
// setupDevice creates the bridge (random MAC since 28.0), setupBridgeIPv4 adds the gateway
// address (netlink fills in the broadcast), setupDeviceUp brings it up.

import { broadcastOf, type Cidr } from '../../model/ipv4'
import { INIT_NETNS, type HostId, type LinkId } from '../../model/ids'
import type { OpContext } from '../../model/context'

export type BridgeDevice = {
  readonly name: string
  readonly mtu: number
  /** Gateway address with the subnet's prefix length, e.g. 172.17.0.1/16. */
  readonly address: Cidr
  /**
   * The userland proxy is off: 127.0.0.1 DNATed to a container may be routed out the bridge
   * (setupLoopbackAddressesRouting: net.ipv4.conf.<bridge>.route_localnet=1).
   */
  readonly hairpin: boolean
}

/** Creates, addresses and raises a Linux bridge in the host namespace; returns its link. */
export function createBridgeDevice(ctx: OpContext, host: HostId, dev: BridgeDevice): LinkId {
  const link = ctx.newLinkId(host)
  const netns = INIT_NETNS
  const spec = {
    name: dev.name,
    kind: 'bridge',
    mac: ctx.randomMac(),
    mtu: dev.mtu,
    txqlen: 0,
  } as const
  ctx.apply({ kind: 'link.add', host, netns, link, spec })
  const addr = { cidr: dev.address, brd: broadcastOf(dev.address), scope: 'global' } as const
  ctx.apply({ kind: 'addr.add', host, netns, link, addr })
  ctx.apply({ kind: 'link.set-up', host, netns, link, up: true })
  if (dev.hairpin) {
    const key = `net.ipv4.conf.${dev.name}.route_localnet`
    ctx.apply({ kind: 'sysctl.set', host, netns, key, value: '1' })
  }
  return link
}
