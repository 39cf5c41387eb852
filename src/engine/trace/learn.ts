// What the kernel remembers after a packet went by: the neighbour (ARP) entries the resolution
// on the way created, and the bridge FDB entries learnt from source MACs. The tracer itself is a
// pure inspection; commands that really send traffic (ping) apply these ops to the world.

import type { KernelOp } from '../kernel/ops'
import { getLink, getNetns } from '../kernel/queries'
import type { World } from '../model/world'
import type { Trace } from './types'

export function learnFromTrace(world: World, trace: Trace): KernelOp[] {
  const ops: KernelOp[] = []
  for (const step of trace.steps) {
    const { host, netns, link } = step.where
    if (host === undefined || netns === undefined) continue
    if (step.kind === 'arp' && link !== undefined && step.answer?.kind === 'link') {
      // The asker caches the answer; the answerer caches the asker, as Linux does on a request.
      ops.push({
        kind: 'neigh.set',
        host,
        netns,
        entry: { ip: step.ip, dev: link, mac: step.answer.mac, state: 'REACHABLE' },
      })
      const asker = getLink(getNetns(world.hosts[host]?.kernel, netns), link)
      if (asker) {
        const entry = {
          ip: step.packet.src,
          dev: step.answer.link,
          mac: asker.mac,
          state: 'STALE',
        } as const
        ops.push({ kind: 'neigh.set', host, netns: step.answer.netns, entry })
      }
    }
    if (step.kind === 'bridge' && step.inPort !== undefined && step.packet.srcMac !== undefined) {
      const entry = {
        bridge: step.bridge,
        port: step.inPort,
        mac: step.packet.srcMac,
        permanent: false,
      }
      ops.push({ kind: 'fdb.set', host, netns, entry })
    }
  }
  return ops
}
