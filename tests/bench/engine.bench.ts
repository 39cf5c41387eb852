// Engine scale (issue 3): one host, 50 networks, 5,000 containers built through the docker CLI;
// then one more `docker run` into that world. Targets: build < 1 s, run < 1 ms median,
// heap < 200 MB, nothing quadratic. Run with `npm run bench`.

import { bench, describe } from 'vitest'
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

describe('engine at scale', () => {
  const heapBefore = process.memoryUsage().heapUsed
  const t0 = performance.now()
  const lab = buildWorld(CONTAINERS)
  const built = performance.now() - t0
  const heap = Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6)
  console.log(
    `built ${NETWORKS} networks + ${CONTAINERS} containers through the CLI in ${Math.round(built)} ms; heap +${heap} MB`,
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
