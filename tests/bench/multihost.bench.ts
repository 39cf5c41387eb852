// Many hosts (issue 7): workload L — 10 hosts in one swarm, 20 bridge networks and 100
// containers each, 2 overlays — built through the docker CLI, then 1,000 traces between seeded
// random pairs of containers on the overlays on different hosts (VXLAN across the LAN).
// Target: 1,000 cross-host traces ≤ 300 ms in Node.

import { bench, describe } from 'vitest'
import { seeded } from '../helpers/seeded'
import { allContainers, endpointsOfContainer, traceProbe, type Probe } from '../../src/engine'
import { buildWorkloadL } from '../helpers/workload-l'

describe('workload L: 10 hosts × 100 containers × 20 networks + 2 overlays', () => {
  const t0 = performance.now()
  const { engine } = buildWorkloadL()
  const buildMs = performance.now() - t0
  const world = engine.world
  // Every container on an overlay: its host, name, overlay and address.
  const onOverlay = Object.values(world.hosts).flatMap((h) =>
    allContainers(h.daemon).flatMap((c) =>
      endpointsOfContainer(h.daemon, c).flatMap((ep) => {
        const ov = world.swarm?.networks.find((n) => n.id === ep.network)
        return ov && ep.ipv4 ? [{ host: h.id, name: c.name, net: ov.id, ip: ep.ipv4.addr }] : []
      }),
    ),
  )
  const random = seeded(7)
  const probes: Probe[] = []
  while (probes.length < 1000) {
    const a = onOverlay[Math.floor(random() * onOverlay.length)]
    const b = onOverlay[Math.floor(random() * onOverlay.length)]
    if (!a || !b || a.host === b.host || a.net !== b.net) continue
    probes.push({
      from: { kind: 'container', host: a.host, container: a.name },
      to: b.ip,
      // Alternately a ping and a UDP datagram (busybox `sleep` listens on nothing: port unreachable).
      proto: probes.length % 2 ? 'icmp' : 'udp',
      dport: 53,
    })
  }
  const timeAll = () => {
    const t1 = performance.now()
    const verdicts = new Map<string, number>()
    for (const p of probes) {
      const t = traceProbe(world, p)
      verdicts.set(t.verdict, (verdicts.get(t.verdict) ?? 0) + 1)
    }
    return { ms: performance.now() - t1, verdicts }
  }
  const cold = timeAll()
  const warm = timeAll()
  const heap = process.memoryUsage().heapUsed / 2 ** 20
  console.log(
    `workload L built in ${Math.round(buildMs)} ms (${onOverlay.length} containers on overlays); 1,000 cross-host traces in ${warm.ms.toFixed(1)} ms warm, ${cold.ms.toFixed(1)} ms cold (${[...warm.verdicts].map(([v, n]) => `${n} ${v}`).join(', ')}); heap ${heap.toFixed(0)} MB`,
  )
  let i = 0
  bench('one cross-host trace', () => {
    traceProbe(world, probes[i++ % probes.length] as Probe)
  })
})
