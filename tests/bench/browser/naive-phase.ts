// The naive baselines, measured in the same run as the app: the full compound kernel view of the
// same world (fitted, as a naive app shows it) with the canvas and the WebGL renderer, and the
// app's own elements at the app's viewport with default style (what the app's stylesheet and
// adapter add or save). Then the pan/zoom comparison the targets ask for.

import { panZoom, type PanReport } from './graph-phases'
import { openNaive, type NaiveOptions } from './naive'
import { fullKernelElements, toDefinitions } from './naive-elements'
import { atMost, frameText, infoRow } from './report'
import type { Extracted, Run } from './run'
import { ms } from './stats'

export const NAIVE = {
  canvas: 'naive, full compound view, canvas',
  webgl: 'naive, full compound view, WebGL',
  light: "naive, the app's own elements, canvas",
} as const

export type NaiveDetails = { readonly firstPaintMs: number; readonly pan: PanReport } | undefined

export async function naive(run: Run, app: Extracted): Promise<void> {
  const { report, phase, browser } = run
  const full = fullKernelElements(app.commands)
  const parents = new Set(
    full.flatMap((e) => (e.data.parent === undefined ? [] : [String(e.data.parent)])),
  ).size
  const edges = full.filter((e) => e.group === 'edges').length
  report.meta.naiveElements = `${full.length - edges} nodes (${parents} compound parents), ${edges} edges`
  const size = { width: app.info.width, height: app.info.height }
  const variants: [string, ReturnType<typeof toDefinitions>, NaiveOptions][] = [
    [NAIVE.canvas, full, { size, viewport: 'fit', webgl: false }],
    [NAIVE.webgl, full, { size, viewport: 'fit', webgl: true }],
    [NAIVE.light, toDefinitions(app.elements), { size, viewport: app.info, webgl: false }],
  ]
  for (const [name, elements, options] of variants) {
    await phase(name, 300_000, async () => {
      const n = await openNaive(browser, elements, options)
      try {
        const p = await panZoom(n.page)
        report.details[name] = { firstPaintMs: n.firstPaintMs, pan: p }
        const note = `n=${p.frames.count}; first paint ${ms(n.firstPaintMs)} ms; zoom ${n.info.zoom.toFixed(3)}`
        report.rows.push(infoRow('pan/zoom', name, frameText(p.frames), note))
      } finally {
        await n.close()
      }
    })
  }
  comparePan(run, app)
}

function comparePan(run: Run, app: Extracted): void {
  const { report } = run
  const canvas = (report.details[NAIVE.canvas] as NaiveDetails)?.pan
  const webgl = (report.details[NAIVE.webgl] as NaiveDetails)?.pan
  if (app.pan && canvas) {
    const ratio = app.pan.frames.p95 / canvas.frames.p95
    // A p95 at the idle frame time cannot get lower: the ratio target is met there.
    const atFloor = app.pan.frames.p95 <= app.idleP95 * 1.05
    report.rows.push({
      section: 'pan/zoom',
      metric: 'app canvas: pan/zoom per frame',
      value: frameText(app.pan.frames),
      target: '<= 0.2x naive canvas p95',
      result: atFloor ? 'PASS' : atMost(ratio, 0.2),
      note: `naive canvas p95 ${ms(canvas.frames.p95)} ms, ratio ${ratio.toFixed(2)}${atFloor ? ' (app at the idle frame floor)' : ''}; n=${app.pan.frames.count}; Cytoscape redraws ${app.pan.renders}`,
    })
  }
  if (canvas && webgl) {
    const ratio = (webgl.frames.p95 / canvas.frames.p95).toFixed(2)
    const note = 'Cytoscape WebGL vs canvas renderer, same compound elements'
    report.rows.push(infoRow('pan/zoom', 'naive: WebGL / canvas p95', ratio, note))
  }
}
