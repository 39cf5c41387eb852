// The diagram's measurements on a page holding the benchmark world: command-to-graph-painted,
// frames while a trace plays (against idle frames in the same page), pan/zoom frames, and the
// same pan/zoom through real input events.

import type { Page } from 'playwright-core'
import { profiled, type Attribution } from './cpu-profile'
import type { CommandTiming, FrameMotion, FrameSample } from './in-page'
import { runContainer } from './lab-page'
import { summarize, summarizeFrames, type FrameSummary, type Summary } from './stats'

/** Steady-state sampling as in performance.md §6: 0.5 s warm-up dropped, then 3 s. */
const SAMPLE = { durationMs: 3000, warmupMs: 500, minFrames: 10, maxMs: 45_000 } as const

export async function frames(page: Page, motion: FrameMotion): Promise<FrameSample> {
  const sample = await page.evaluate(
    (o) => window.__bench?.frames(o) ?? Promise.reject(new Error('bench helpers missing')),
    { ...SAMPLE, motion },
  )
  return sample
}

export type ViewLevel = 'docker' | 'kernel'

/** The page API's `setView`, when the app has it (the integrator is adding it). */
export async function hasSetView(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const api = window.dockerNetworkLab as { setView?: unknown } | undefined
    return typeof api?.setView === 'function'
  })
}

/** Switches the view; ms until `elements()` changed and two frames followed (null: no change). */
export async function switchView(page: Page, level: ViewLevel): Promise<number | null> {
  return page.evaluate(async (level) => {
    const api = window.dockerNetworkLab
    if (!api) throw new Error('no page API')
    const key = (): string =>
      api
        .elements()
        .map((e) => e.id)
        .join(' ')
    const before = key()
    const t0 = performance.now()
    await api.setView({ level })
    for (let f = 0; key() === before; f++) {
      if (f > 300) return null
      await window.__bench?.frame(1)
    }
    await window.__bench?.frame(2)
    return performance.now() - t0
  }, level)
}

export type CommandReport = {
  readonly painted: Summary
  readonly reply: Summary
  readonly attribution: Attribution
  /** Every command run, the profiled ones included (to replay the same world elsewhere). */
  readonly commands: readonly string[]
}

/** `reps` × `docker run -d --name <prefix>N --network net1`, then 3 more under the profiler. */
export async function commandToGraph(
  page: Page,
  distDir: string,
  prefix: string,
  reps: number,
): Promise<CommandReport> {
  const runs = (names: readonly string[]): { name: string; line: string }[] =>
    names.map((name) => ({ name, line: runContainer(name, 'net1') }))
  const measured = runs(Array.from({ length: reps }, (_, i) => `${prefix}${i + 1}`))
  const timings: CommandTiming[] = await page.evaluate(
    (r) => window.__bench?.commandToGraph(r) ?? [],
    measured,
  )
  const extra = runs([1, 2, 3].map((i) => `${prefix}p${i}`))
  const { attribution } = await profiled(page, distDir, () =>
    page.evaluate((r) => window.__bench?.commandToGraph(r) ?? [], extra),
  )
  return {
    painted: summarize(timings.map((t) => t.painted)),
    reply: summarize(timings.map((t) => t.reply)),
    attribution,
    commands: [...measured, ...extra].map((r) => r.line),
  }
}

export type TraceReport = {
  readonly idle: FrameSummary
  readonly playing: FrameSummary
  /** Cytoscape redraws while idle / while playing. */
  readonly renders: { readonly idle: number; readonly playing: number }
  /** Steps the player advanced while sampled (it must have been playing). */
  readonly steps: number
  readonly attribution: Attribution
}

const stepOf = async (page: Page): Promise<number> =>
  Number(await page.getByRole('slider', { name: 'Step' }).inputValue())

/**
 * `docker exec c1 ping -c 1 <peer>` (a container on c1's network) opens the player; idle frames,
 * then frames while it plays.
 */
export async function tracePlaying(
  page: Page,
  distDir: string,
  peer: string,
): Promise<TraceReport> {
  const ping = await page.evaluate(
    (line) => window.dockerNetworkLab?.run(line),
    `docker exec c1 ping -c 1 ${peer}`,
  )
  if (ping?.exitCode !== 0) throw new Error(`ping failed: ${ping?.stderr ?? 'no page API'}`)
  const play = page.getByRole('button', { name: 'Play', exact: true })
  await play.waitFor({ state: 'visible' })
  // The player opening resizes the graph: let that redraw finish before the idle sample.
  await page.evaluate(() => window.__bench?.frame(2))
  await page.waitForTimeout(1000)
  const idle = await frames(page, 'none')
  const before = await stepOf(page)
  await play.click()
  const playing = await frames(page, 'none')
  const steps = (await stepOf(page)) - before
  const { attribution } = await profiled(page, distDir, () =>
    page.evaluate(() =>
      window.__bench?.frames({
        durationMs: 2000,
        warmupMs: 0,
        minFrames: 1,
        maxMs: 20_000,
        motion: 'none',
      }),
    ),
  )
  const pause = page.getByRole('button', { name: 'Pause', exact: true })
  if (await pause.isVisible()) await pause.click()
  await page.getByRole('button', { name: 'Close trace' }).click()
  await page.evaluate(() => window.__bench?.frame(2))
  return {
    idle: summarizeFrames(idle.deltas),
    playing: summarizeFrames(playing.deltas),
    renders: { idle: idle.renders, playing: playing.renders },
    steps,
    attribution,
  }
}

export type PanReport = { readonly frames: FrameSummary; readonly renders: number }

export async function panZoom(page: Page): Promise<PanReport> {
  const sample = await frames(page, 'pan-zoom')
  return { frames: summarizeFrames(sample.deltas), renders: sample.renders }
}

export async function panZoomProfiled(page: Page, distDir: string): Promise<Attribution> {
  const { attribution } = await profiled(page, distDir, () =>
    page.evaluate(() =>
      window.__bench?.frames({
        durationMs: 2000,
        warmupMs: 0,
        minFrames: 3,
        maxMs: 20_000,
        motion: 'pan-zoom',
      }),
    ),
  )
  return attribution
}

/** Wheel zoom through real input events (Playwright's mouse) while frames are sampled. */
export async function wheelZoom(page: Page): Promise<PanReport> {
  const rect = await page.evaluate(() => {
    const cy = window.__bench?.cy()
    const box = cy?.container()?.getBoundingClientRect()
    return box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : null
  })
  if (!rect) throw new Error('no Cytoscape container on the page')
  const viewport = await page.evaluate(() => {
    const cy = window.__bench?.cy()
    return cy ? { zoom: cy.zoom(), pan: cy.pan() } : null
  })
  await page.mouse.move(rect.x, rect.y)
  const sampling = frames(page, 'none')
  let done = false
  const stop = (): void => {
    done = true
  }
  sampling.then(stop, stop)
  for (let i = 0; !done; i++) await page.mouse.wheel(0, i % 2 === 0 ? 120 : -120)
  const sample = await sampling
  if (viewport) await page.evaluate((v) => window.__bench?.cy()?.viewport(v), viewport)
  return { frames: summarizeFrames(sample.deltas), renders: sample.renders }
}

export type ScrollbackReport = {
  readonly before: Summary
  readonly after: Summary
  readonly blocks: { readonly before: number; readonly after: number }
  /** ms per `echo` (run() to resolved) while adding `fill` more: the first and last 100. */
  readonly fillMs: { readonly first: Summary; readonly last: Summary }
  readonly fill: number
}

/** `echo` to output painted with the page's scrollback, then again after `fill` more lines. */
export async function scrollback(page: Page, fill: number): Promise<ScrollbackReport> {
  const sample = async (): Promise<{ times: number[]; blocks: number }> =>
    page.evaluate(async () => {
      const b = window.__bench
      if (!b) throw new Error('bench helpers missing')
      return { blocks: b.scrollback(), times: await b.echoToPainted(20) }
    })
  const before = await sample()
  const fillTimes = await page.evaluate((n) => window.__bench?.echoFill(n) ?? [], fill)
  const after = await sample()
  return {
    before: summarize(before.times),
    after: summarize(after.times),
    blocks: { before: before.blocks, after: after.blocks },
    fillMs: { first: summarize(fillTimes.slice(0, 100)), last: summarize(fillTimes.slice(-100)) },
    fill,
  }
}
