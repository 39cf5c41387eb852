// The worker's cost of one change at scale: snapshot, snapshot diff, the diagram's model for
// each view, and the model diff, after one more `docker run` in a world of 1,000 containers on
// 20 user networks (issue #6's workload). Also the model's size on the wire.

import { bench, describe } from 'vitest'
import { diffSnapshots } from '../../src/engine'
import { buildGraph } from '../../src/view/graph/build'
import { diffGraph } from '../../src/view/graph/diff'
import type { ViewOptions } from '../../src/view/graph/types'
import { createTestLab } from '../helpers/lab'

const lab = createTestLab()
for (let n = 1; n <= 20; n++) lab.run(`docker network create net${n}`)
for (let i = 0; i < 1000; i++)
  lab.run(`docker run -d --name c${i} --network net${(i % 20) + 1} busybox sleep infinity`)

let k = 0
const step = (options: ViewOptions): void => {
  const before = lab.snapshot()
  const prev = buildGraph(before, lab.world, options)
  lab.run(`docker run -d --name x${k++} --network net1 busybox sleep infinity`)
  const after = lab.snapshot()
  diffSnapshots(before, after)
  diffGraph(prev, buildGraph(after, lab.world, options))
}

const sizes = (options: ViewOptions): string => {
  const m = buildGraph(lab.snapshot(), lab.world, options)
  return `${Object.keys(m.elements).length} elements, ${(JSON.stringify(m).length / 1024).toFixed(0)} KiB`
}
console.log(`docker view: ${sizes({ level: 'docker', rules: false })}`)
console.log(`kernel view: ${sizes({ level: 'kernel', rules: false })}`)

describe('one docker run at 1,000 containers: snapshot + model + diffs (worker side)', () => {
  bench('kernel view', () => step({ level: 'kernel', rules: false }), { iterations: 20 })
  bench('docker view', () => step({ level: 'docker', rules: false }), { iterations: 20 })
})
