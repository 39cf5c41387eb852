// What the kernel remembers after a packet went by: the neighbour (ARP) entries the resolution
// on the way created, and the bridge FDB entries learnt from source MACs. The tracer itself is a
// pure inspection; commands that really send traffic (ping) apply these ops to the world.

import { applyKernelOp } from '../kernel/apply'
import type { KernelOp } from '../kernel/ops'
import { Draft } from '../model/draft'
import { getLink, getNetns } from '../kernel/queries'
import type { World } from '../model/world'
import type { Trace } from './types'

export function learnFromTrace(world: World, trace: Trace): KernelOp[] {
  const ops: KernelOp[] = []
  for (const [i, step] of trace.steps.entries()) {
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
        // A device of another host on the LAN answered: its host learns (the frame that follows
        // the ARP goes `into` it), not the asker's, whose namespaces may not even exist there.
        const answer = step.answer
        const into = trace.steps.slice(i + 1).find((s) => s.kind === 'egress')
        const there =
          into?.kind === 'egress' &&
          into.into?.link === answer.link &&
          into.into.netns === answer.netns
            ? into.into.host
            : host
        ops.push({ kind: 'neigh.set', host: there, netns: answer.netns, entry })
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

/**
 * `world` as the request left it: what the trace taught the bridges and neighbour caches is
 * there when the reply comes back (the reply finds the sender's MAC in the FDB).
 */
export function afterTrace(world: World, trace: Trace): World {
  const ops = learnFromTrace(world, trace)
  if (ops.length === 0) return world
  const hosts = { ...world.hosts }
  const draft = new Draft()
  for (const op of ops) {
    const host = hosts[op.host]
    if (host) hosts[op.host] = { ...host, kernel: applyKernelOp(host.kernel, op, draft) }
  }
  return { ...world, hosts }
}
