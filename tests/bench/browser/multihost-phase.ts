// Workload L in the app (performance.md §7, issue 7): `?world=ten-hosts`, a swarm of the ten
// hosts, two overlays, and on each host 20 networks and 100 containers, typed through the
// terminal's command path (an ssh session per host, 50 commands to a line). Then the graph
// targets of §8.2 at that size: command-to-graph painted, pan/zoom frames, heap.

import { L, workloadCommands } from '../../helpers/workload-l'
import { panZoom } from './graph-phases'
import { jsHeap, openLab } from './lab-page'
import { atMost, frameText, infoRow } from './report'
import type { Run } from './run'
import { ms, summarize } from './stats'

const MB = 1e6

export async function workloadL(run: Run): Promise<void> {
  const { report, browser, url } = run
  const lab = await openLab(browser, `${url}?world=ten-hosts`)
  try {
    const page = lab.page
    const runLine = async (line: string): Promise<string> => {
      const r = await page.evaluate((l) => window.dockerNetworkLab?.run(l), line)
      if (!r || r.exitCode !== 0) throw new Error(`${line}: ${r?.stderr ?? 'no page API'}`)
      return r.stdout
    }
    const t0 = Date.now()
    await runLine('docker swarm init')
    const token = (await runLine('docker swarm join-token -q worker')).trim()
    for (let h = 2; h <= L.hosts; h++)
      await runLine(`ssh host${h} docker swarm join --token ${token} 10.10.0.11:2377`)
    for (let h = 1; h <= L.hosts; h++) {
      if (h > 1) await runLine(`ssh host${h}`)
      const lines = workloadCommands(h)
      for (let i = 0; i < lines.length; i += 50) await runLine(lines.slice(i, i + 50).join(' ; '))
      if (h > 1) await runLine('exit')
    }
    await page.evaluate(() => window.dockerNetworkLab?.settled())
    const buildMs = Date.now() - t0
    const graph = await page.evaluate(() => window.__bench?.graphInfo() ?? null)
    const drawn = graph ? `${graph.nodes} nodes, ${graph.edges} edges` : '?'
    report.rows.push(
      infoRow(
        'workload L',
        `built: 10 hosts × 100 containers × 20 networks + 2 overlays`,
        `${(buildMs / 1000).toFixed(1)} s`,
        drawn,
      ),
    )
    // docker run on host1's first network, painted.
    const runs = Array.from({ length: run.reps }, (_, i) => ({
      name: `lz${i + 1}`,
      line: `docker run -d --name lz${i + 1} --network h1n1 busybox sleep 1d`,
    }))
    const timings = await page.evaluate((r) => window.__bench?.commandToGraph(r) ?? [], runs)
    const painted = summarize(timings.map((t) => t.painted))
    report.rows.push({
      section: 'workload L',
      metric: 'docker run -> graph painted, p95',
      value: `${ms(painted.p95)} ms`,
      target: '<= 150 ms',
      result: atMost(painted.p95, 150),
      note: `p50 ${ms(painted.p50)} ms, n=${painted.count}`,
    })
    const pan = await panZoom(page)
    report.details.workloadLPan = pan
    report.rows.push({
      section: 'workload L',
      metric: 'pan/zoom frame p95 (canvas)',
      value: frameText(pan.frames),
      target: '<= 100 ms',
      result: atMost(pan.frames.p95, 100),
      note: `Cytoscape redraws ${pan.renders}`,
    })
    const heap = await jsHeap(browser, page)
    const total = heap.main + (heap.worker ?? 0)
    report.rows.push({
      section: 'workload L',
      metric: 'JS heap, page + worker',
      value: `${(total / MB).toFixed(1)} MB`,
      target: '<= 150 MB',
      result: atMost(total / MB, 150),
      note: `page ${(heap.main / MB).toFixed(1)} MB, worker ${heap.worker === null ? '?' : (heap.worker / MB).toFixed(1)} MB`,
    })
    if (lab.errors.length > 0) report.details.workloadLErrors = lab.errors
  } finally {
    await lab.close()
  }
}
