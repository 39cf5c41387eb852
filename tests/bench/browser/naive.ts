// The naive baseline of performance.md §8.2: given elements (see naive-elements.ts) in a blank
// page with default Cytoscape (default style, canvas renderer unless `webgl`), plus a label on
// every node, compound parents included. Measured in the same run as the app.

import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import type cytoscape from 'cytoscape'
import type { CytoscapeOptions, ElementDefinition } from 'cytoscape'
import { installBenchHelpers, type GraphInfo } from './in-page'
import { VIEWPORT } from './lab-page'

export type NaivePage = {
  readonly page: Page
  /** `cytoscape({...})` until two frames were produced after it. */
  readonly firstPaintMs: number
  readonly info: GraphInfo
  close(): Promise<void>
}

const CYTOSCAPE = createRequire(import.meta.url).resolve('cytoscape/dist/cytoscape.min.js')

export type NaiveOptions = {
  /** The app's drawing area (the naive container gets its size). */
  readonly size: { readonly width: number; readonly height: number }
  /** `fit`: everything in view, as a naive app would show it; else the app's zoom and pan. */
  readonly viewport: 'fit' | { readonly zoom: number; readonly pan: { x: number; y: number } }
  readonly webgl: boolean
}

export async function openNaive(
  browser: Browser,
  elements: readonly ElementDefinition[],
  options: NaiveOptions,
): Promise<NaivePage> {
  const { size, webgl } = options
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 })
  const page = await context.newPage()
  page.setDefaultTimeout(120_000)
  await page.setContent(
    `<!doctype html><body style="margin:0"><div id="cy" style="width:${size.width}px;height:${size.height}px"></div></body>`,
  )
  await page.addScriptTag({ path: CYTOSCAPE })
  await page.evaluate(installBenchHelpers)
  const firstPaintMs = await page.evaluate(
    async ({ elements, viewport, webgl }) => {
      const t0 = performance.now()
      // The page-global build of cytoscape.min.js, loaded by the script tag above.
      const make = (window as unknown as { cytoscape: typeof cytoscape }).cytoscape
      make({
        container: document.getElementById('cy'),
        elements: elements as ElementDefinition[],
        style: [{ selector: 'node', style: { label: 'data(label)' } }],
        layout: { name: 'preset', fit: viewport === 'fit', padding: 40 },
        ...(viewport === 'fit' ? {} : { zoom: viewport.zoom, pan: viewport.pan }),
        ...(webgl ? { renderer: { name: 'canvas', webgl: true } } : {}),
      } as CytoscapeOptions)
      await window.__bench?.frame(2)
      return performance.now() - t0
    },
    { elements, viewport: options.viewport, webgl },
  )
  const info = await page.evaluate(() => window.__bench?.graphInfo() ?? null)
  if (!info) throw new Error('naive Cytoscape did not start')
  if (webgl && !info.webgl) throw new Error('WebGL mode was requested but Cytoscape is not in it')
  return { page, firstPaintMs, info, close: () => context.close() }
}
