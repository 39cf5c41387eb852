import { createTestLab } from './helpers/lab'
const lab = createTestLab()
for (let n = 0; n < 50; n++) lab.run(`docker network create --subnet 10.${n}.0.0/16 net${n}`)
let t0 = performance.now()
const start = t0
for (let c = 0; c < 5000; c++) {
  lab.run(`docker run -d --name c${c} --network net${c % 50} busybox sleep 1000`)
  if (c % 1000 === 999) {
    console.log(c + 1, Math.round(performance.now() - t0))
    t0 = performance.now()
  }
}
console.log('total', Math.round(performance.now() - start))
const t1 = performance.now()
lab.snapshot()
console.log('snapshot', Math.round(performance.now() - t1))
console.log('heap MB', Math.round(process.memoryUsage().heapUsed / 1e6))
