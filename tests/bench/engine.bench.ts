// Engine scale (issue 3): one host, 50 networks, 5,000 containers built through the docker CLI;
// then one more `docker run` into that world. Targets: build < 1 s, run < 1 ms median,
// heap < 200 MB, nothing quadratic. Run with `npm run bench`.

import { bench, describe } from 'vitest'
import { createEngine, daemon, hostId } from '../../src/engine'
import { DEFAULT_SEED, DEFAULT_WORLD } from '../../src/scenarios/default-world'
import { createTestLab, type TestLab } from '../helpers/lab'

const NETWORKS = 50
const CONTAINERS = 5000

function buildWorld(containers: number): TestLab {
  const lab = createTestLab()
  for (let n = 0; n < NETWORKS; n++)
    lab.run(`docker network create --subnet 10.${n}.0.0/16 net${n}`)
  for (let i = 0; i < containers; i++) {
    const r = lab.run(`docker run -d --name c${i} --network net${i % NETWORKS} busybox sleep 1000`)
    if (r.exitCode !== 0) throw new Error(r.stderr)
  }
  return lab
}

/** The same world through the daemon's API, as the compose importer and the palette build it. */
function buildThroughApi(containers: number): number {
  const engine = createEngine({ seed: DEFAULT_SEED, spec: DEFAULT_WORLD })
  const host = hostId('host1')
  const t0 = performance.now()
  for (let n = 0; n < NETWORKS; n++) {
    const r = engine.transact((tx) =>
      daemon.createNetwork(tx, host, {
        name: `net${n}`,
        driver: 'bridge',
        ipam: [{ subnet: `10.${n}.0.0/16`, auxAddresses: {} }],
        internal: false,
        attachable: false,
        options: {},
        labels: {},
      }),
    )
    if (!r.ok) throw new Error(r.error.message)
  }
  for (let i = 0; i < containers; i++) {
    const req = daemon.containerRequest({
      name: `c${i}`,
      image: 'busybox',
      cmd: ['sleep', '1000'],
      networkMode: `net${i % NETWORKS}`,
      networks: [{ name: `net${i % NETWORKS}`, aliases: [], links: [], gwPriority: 0 }],
    })
    const created = engine.transact((tx) => daemon.createContainer(tx, host, req))
    if (!created.ok) throw new Error(created.error.message)
    const started = engine.transact((tx) => daemon.startContainer(tx, host, created.value.id))
    if (!started.ok) throw new Error(started.error.message)
  }
  return performance.now() - t0
}

describe('engine at scale', () => {
  // Warm the JIT on a small world first, as a page that has run a few commands would be.
  buildThroughApi(200)
  const api = buildThroughApi(CONTAINERS)
  console.log(
    `built ${NETWORKS} networks + ${CONTAINERS} containers through the daemon API in ${Math.round(api)} ms`,
  )

  const t0 = performance.now()
  const lab = buildWorld(CONTAINERS)
  const built = performance.now() - t0
  // Everything reachable now is at most the engine, the session and the test harness.
  ;(globalThis as { gc?: () => void }).gc?.()
  const heap = Math.round(process.memoryUsage().heapUsed / 1e6)
  console.log(
    `built ${NETWORKS} networks + ${CONTAINERS} containers through the CLI in ${Math.round(built)} ms; heap used ${heap} MB`,
  )

  let i = 0
  bench('one more docker run -d into the 5,000-container world', () => {
    const n = i++
    lab.run(`docker run -d --name extra${n} --network net${n % NETWORKS} busybox sleep 1000`)
  })
  bench('docker network ls / docker ps in the 5,000-container world', () => {
    lab.run('docker network ls')
    lab.run('docker ps -q')
  })
  bench('snapshot after one change in the 5,000-container world', () => {
    lab.run(`docker stop c${i++ % CONTAINERS}`)
    lab.snapshot()
  })
})
