// The parent device of a macvlan or ipvlan network, found or made in the host namespace. Mirrors
// moby v28.5.2 libnetwork/drivers/macvlan/macvlan_setup.go and its twin drivers/ipvlan/
// ipvlan_setup.go: an existing interface (parentExists: LinkByName), else an 802.1Q
// sub-interface `eth0.10` on `eth0` (createVlanLink, parseVlan), else, when no `-o parent` was
// given, a dummy `dm-<id12>` / `di-<id12>` (createDummyLink). DeleteNetwork removes what the
// driver made (delVlanLink, delDummyLink).

import { err, ok, type Result } from '../../../lib/result'
import type { OpContext } from '../../model/context'
import { INIT_NETNS, type HostId, type LinkId } from '../../model/ids'
import { lowerOf } from '../../kernel/links'
import { getNetns, linksOf } from '../../kernel/queries'
import type { Link } from '../../kernel/types'
import { dockerErrors, type DockerError } from '../errors'

export type LowerDriver = 'macvlan' | 'ipvlan'

/** getDummyName: `dm-` (macvlan) or `di-` (ipvlan) and the network ID's first 12 characters. */
export function dummyName(driver: LowerDriver, networkId: string): string {
  return `${driver === 'macvlan' ? 'dm' : 'di'}-${networkId.slice(0, 12)}`
}

/** LinkByName in the host's namespace (the only one the drivers look in). */
export function hostLinkByName(ctx: OpContext, host: HostId, name: string): Link | undefined {
  return linksOf(getNetns(ctx.host(host).kernel, INIT_NETNS)).find((l) => l.name === name)
}

/** Go's strconv.Atoi: an optional sign and decimal digits, within int64. */
function atoi(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined
  const n = BigInt(text)
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined
}

/** parseVlan: `eth0.10` → the existing `eth0` and the id, not yet range-checked. */
function parseVlan(
  ctx: OpContext,
  host: HostId,
  name: string,
): Result<{ lower: Link; id: bigint }, DockerError> {
  const parts = name.split('.')
  const [parent = '', idText = ''] = parts
  if (parts.length !== 2) return err(dockerErrors.vlanFormat(name))
  const id = atoi(idText)
  if (id === undefined) return err(dockerErrors.vlanId(idText))
  const lower = hostLinkByName(ctx, host, parent)
  if (!lower) return err(dockerErrors.vlanParentMissing(parent))
  return ok({ lower, id })
}

/**
 * createVlanLink: `ip link add link eth0 name eth0.10 type vlan id 10` and up. The sub-interface
 * takes its lower device's MAC and MTU (vlan_dev_init).
 */
function createVlanLink(ctx: OpContext, host: HostId, name: string): Result<LinkId, DockerError> {
  if (!name.includes('.')) return err(dockerErrors.vlanName(name))
  const parsed = parseVlan(ctx, host, name)
  if (!parsed.ok) return parsed
  const { lower, id } = parsed.value
  // A VLAN identifier is 12 bits; 0 and 4095 are reserved.
  if (id > 4094n || id < 1n) return err(dockerErrors.vlanIdRange(id))
  const link = ctx.newLinkId(host)
  const netns = INIT_NETNS
  ctx.apply({
    kind: 'link.add',
    host,
    netns,
    link,
    spec: {
      name,
      kind: 'vlan',
      mac: lower.mac,
      mtu: lower.mtu,
      txqlen: 1000,
      info: { kind: 'vlan', lower: { netns, link: lower.id }, id: Number(id) },
    },
  })
  ctx.apply({ kind: 'link.set-up', host, netns, link, up: true })
  return ok(link)
}

/** createDummyLink: a dummy with a kernel-drawn MAC, brought up. */
function createDummyLink(ctx: OpContext, host: HostId, name: string): LinkId {
  const link = ctx.newLinkId(host)
  const netns = INIT_NETNS
  ctx.apply({
    kind: 'link.add',
    host,
    netns,
    link,
    spec: { name, kind: 'dummy', mac: ctx.randomMac(), mtu: 1500, txqlen: 1000, randomMac: true },
  })
  ctx.apply({ kind: 'link.set-up', host, netns, link, up: true })
  return link
}

/**
 * The parent of a new network (createNetwork): the existing interface of that name, or the one
 * the driver makes (`made`): the dummy when `parent` is the network's dummy name, else an 802.1Q
 * sub-interface, or Docker's error about the name.
 */
export function ensureParent(
  ctx: OpContext,
  host: HostId,
  parent: string,
  dummy: string,
): Result<{ readonly link: LinkId; readonly made: boolean }, DockerError> {
  const existing = hostLinkByName(ctx, host, parent)
  if (existing) return ok({ link: existing.id, made: false })
  if (parent === dummy) return ok({ link: createDummyLink(ctx, host, parent), made: true })
  const vlan = createVlanLink(ctx, host, parent)
  return vlan.ok ? ok({ link: vlan.value, made: true }) : vlan
}

/**
 * DeleteNetwork's part for a parent the driver made: the dummy named after this network
 * (delDummyLink: only a device without a lower), or a sub-interface whose name still parses as
 * `name.vlan_id` (delVlanLink: only a device with a lower). Anything else stays. Its children
 * go with it (apply.ts), as the kernel unregisters a lower device's macvlans.
 */
export function deleteParent(ctx: OpContext, host: HostId, parent: string, dummy: string): void {
  const link = hostLinkByName(ctx, host, parent)
  if (!link) return
  const stacked = lowerOf(link) !== undefined
  const remove =
    parent === dummy ? !stacked : parent.includes('.') && parseVlan(ctx, host, parent).ok && stacked
  if (remove) ctx.apply({ kind: 'link.del', host, netns: INIT_NETNS, link: link.id })
}
