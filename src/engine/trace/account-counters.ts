// Counting a traced packet n times: every rule it matched and every policy it took gets the
// packets and their bytes (ipt_do_table counts a rule when all its matches hold, whatever its
// target), and every device it crossed its rx/tx statistics: both ends of a veth, a bridge port
// it left or entered, a NIC; the bridge device itself only for frames to or from the host's
// stack (br_pass_frame_up, br_dev_xmit), loopback both ways for a packet to the namespace itself.

import { getNetns, linksOf } from '../kernel/queries'
import type { Counters } from '../kernel/netfilter/types'
import type { KernelOp } from '../kernel/ops'
import type { LinkStats } from '../kernel/types'
import type { HostId, LinkId, NetnsId } from '../model/ids'
import type { World } from '../model/world'
import type { Trace } from './types'

/** The ops so far, one per counter (rule, policy, device), merged as packets are added. */
export type Tally = Map<string, KernelOp>

/** Ethernet header on every frame a device counts (no FCS, no VLAN tag). */
const ETH_HEADER = 14

export function countTrace(world: World, tally: Tally, trace: Trace, n: Counters): void {
  if (n.packets <= 0) return
  const frame = n.bytes + ETH_HEADER * n.packets
  const rx = { rxPackets: n.packets, rxBytes: frame }
  const tx = { txPackets: n.packets, txBytes: frame }
  const dev = (host: HostId, netns: NetnsId, link: LinkId, add: Partial<LinkStats>): void =>
    addStats(tally, { kind: 'link.count', host, netns, link, add })
  const first = trace.steps[0]
  if (first?.kind === 'route' && first.local && first.where.host && first.where.netns) {
    const { host, netns } = first.where
    const lo = linksOf(getNetns(world.hosts[host]?.kernel, netns)).find(
      (l) => l.kind === 'loopback',
    )
    if (lo) dev(host, netns, lo.id, { ...rx, ...tx })
  }
  for (const s of trace.steps) {
    const { host, netns } = s.where
    if (s.kind === 'egress' && s.into) dev(s.into.host, s.into.netns, s.into.link, rx)
    if (host === undefined || netns === undefined) continue
    switch (s.kind) {
      case 'netfilter':
        for (const c of s.chain) {
          if (c.kind === 'rule' && c.matched)
            addRule(tally, {
              kind: 'nf.count',
              host,
              netns,
              table: c.table,
              chain: c.chain,
              rule: c.index,
              add: n,
            })
          else if (c.kind === 'policy')
            addRule(tally, {
              kind: 'nf.count',
              host,
              netns,
              table: c.table,
              chain: c.chain,
              add: n,
            })
        }
        break
      case 'veth':
        dev(host, s.from.netns, s.from.link, tx)
        dev(host, s.to.netns, s.to.link, rx)
        break
      case 'bridge':
        if (s.fdb === 'local') dev(host, netns, s.bridge, rx)
        else if (s.inPort === undefined && s.outPort !== undefined) dev(host, netns, s.bridge, tx)
        break
      case 'egress':
        if (s.where.link !== undefined) dev(host, netns, s.where.link, tx)
        break
      case 'ipvs':
        break
      case 'tunnel':
        // The VXLAN device sends the inner frame (encap) or receives it (decap).
        if (s.where.link !== undefined) dev(host, netns, s.where.link, s.dir === 'encap' ? tx : rx)
        break
      case 'route':
      case 'arp':
      case 'deliver':
      case 'drop':
        break
    }
  }
}

type NfCount = Extract<KernelOp, { kind: 'nf.count' }>
type LinkCount = Extract<KernelOp, { kind: 'link.count' }>

function addRule(tally: Tally, op: NfCount): void {
  const key = `nf ${op.host} ${op.netns} ${op.table} ${op.chain} ${op.rule ?? 'policy'}`
  const old = tally.get(key)
  const add =
    old?.kind === 'nf.count'
      ? { packets: old.add.packets + op.add.packets, bytes: old.add.bytes + op.add.bytes }
      : op.add
  tally.set(key, { ...op, add })
}

function addStats(tally: Tally, op: LinkCount): void {
  const key = `link ${op.host} ${op.netns} ${op.link}`
  const old = tally.get(key)
  if (old?.kind !== 'link.count') {
    tally.set(key, op)
    return
  }
  const sum = (k: keyof LinkStats): number => (old.add[k] ?? 0) + (op.add[k] ?? 0)
  tally.set(key, {
    ...op,
    add: {
      rxPackets: sum('rxPackets'),
      rxBytes: sum('rxBytes'),
      txPackets: sum('txPackets'),
      txBytes: sum('txBytes'),
    },
  })
}
