// Engine scale (issue 3): one host, 50 networks, 5,000 containers built through the docker CLI;
// then one more `docker run` into that world. Targets: build < 1 s, run < 1 ms median,
// heap < 200 MB. Run with `npm run bench`.

import { bench, describe } from 'vitest'
import { createTestLab, type TestLab } from '../helpers/lab'

const NETWORKS = 50
const CONTAINERS = 5000

function buildWorld(): TestLab {
  const lab = createTestLab()
  for (let n = 0; n < NETWORKS; n++)
    lab.run(`docker network create --subnet 10.${n}.0.0/16 net${n}`)
  for (let i = 0; i < CONTAINERS; i++) {
    const r = lab.run(`docker run -d --name c${i} --network net${i % NETWORKS} busybox sleep 1000`)
    if (r.exitCode !== 0) throw new Error(r.stderr)
  }
  return lab
}

function heapMb(): number {
  globalThis.gc?.()
  return Math.round(process.memoryUsage().heapUsed / 1e6)
}

describe('engine at scale', () => {
  const before = heapMb()
  const t0 = performance.now()
  const lab = buildWorld()
  const elapsed = performance.now() - t0
  console.log(
    `built ${NETWORKS} networks + ${CONTAINERS} containers in ${Math.round(elapsed)} ms; heap ${heapMb() - before} MB more (${heapMb()} MB in all)`,
  )
  let i = 0
  bench('one more docker run -d into the 5,000-container world', () => {
    const n = i++
    lab.run(`docker run -d --name extra${n} --network net${n % NETWORKS} busybox sleep 1000`)
  })
  bench('snapshot of the 5,000-container world after a change', () => {
    lab.run(`docker network create snap${i++}`)
    lab.snapshot()
  })
})

describe('building', () => {
  bench(
    '50 networks + 500 containers from scratch',
    () => {
      const lab = createTestLab()
      for (let n = 0; n < NETWORKS; n++)
        lab.run(`docker network create --subnet 10.${n}.0.0/16 net${n}`)
      for (let c = 0; c < 500; c++)
        lab.run(`docker run -d --name c${c} --network net${c % NETWORKS} busybox sleep 1000`)
    },
    { iterations: 3 },
  )
})
