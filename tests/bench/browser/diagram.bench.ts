// Browser benchmarks of the diagram (shared/reference/performance.md §6-8): the built app in
// headless Chromium with 1,000 containers on 20 networks, built through the terminal's command
// path. Prints a table (value, target, PASS/FAIL, same-run baseline) and writes
// test-results/bench-browser.json. Targets are reported, not asserted (set BENCH_STRICT=1 to fail
// on a FAIL); a phase that cannot be measured, or a missing browser, fails the run.
//
// vitest's bench runner runs no hooks, so the single `bench` below builds, serves, launches and
// cleans up itself. Knobs: BENCH_CONTAINERS, BENCH_NETWORKS, BENCH_ONE_BY_ONE, BENCH_REPS,
// BENCH_ONLY=multihost (workload L alone).

import { rmSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { bench, describe } from 'vitest'
import { launchChromium } from '../../helpers/browser'
import { serveStatic, type StaticServer } from '../../helpers/static-server'
import { buildApp, jsBudget } from './app-build'
import { appCanvas, appWebgl } from './app-phases'
import { naive } from './naive-phase'
import { workloadL } from './multihost-phase'
import type { Run } from './run'
import { coldLoad } from './load'
import { installBenchHelpers } from './in-page'
import { VIEWPORT } from './lab-page'
import { atMost, createReport, formatReport, writeReport, type Report } from './report'
import { median, ms, summarizeFrames } from './stats'

const env = (name: string, fallback: number): number => {
  const v = Number(process.env[name])
  return Number.isFinite(v) && v > 0 ? v : fallback
}

const WORLD = {
  networks: env('BENCH_NETWORKS', 20),
  containers: env('BENCH_CONTAINERS', 1000),
  oneByOne: env('BENCH_ONE_BY_ONE', 100),
  chunk: 50,
}
const REPS = env('BENCH_REPS', 20)
const OUTPUT = fileURLToPath(new URL('../../../test-results/bench-browser.json', import.meta.url))
const ONCE = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 }

describe(`browser: the diagram with ${WORLD.containers} containers on ${WORLD.networks} networks`, () => {
  bench('every phase once (figures in the table printed above)', runAll, ONCE)
})

/** Runs `fn` with a time limit; a failure is recorded (row + error) and the run goes on. */
function phaseRunner(report: Report) {
  return async <T>(name: string, limitMs: number, fn: () => Promise<T>): Promise<T | undefined> => {
    let timer: NodeJS.Timeout | undefined
    try {
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${limitMs / 1000} s`)), limitMs)
      })
      return await Promise.race([fn(), limit])
    } catch (e) {
      const message = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e)
      report.errors.push({ phase: name, message })
      report.rows.push({
        section: name,
        metric: '(not measured)',
        value: '-',
        target: '-',
        result: 'error',
        note: message,
      })
      return undefined
    } finally {
      clearTimeout(timer)
    }
  }
}

async function runAll(): Promise<void> {
  const report = createReport()
  const phase = phaseRunner(report)
  let distDir: string | undefined
  let server: StaticServer | undefined
  let browser: Browser | undefined
  try {
    distDir = await buildApp()
    server = await serveStatic(distDir)
    browser = await launchChromium()
    const run: Run = { report, phase, browser, distDir, url: server.url, world: WORLD, reps: REPS }
    await phase('context', 60_000, () => context(run))
    // BENCH_ONLY=multihost runs workload L alone (the one-host phases take minutes).
    if (process.env.BENCH_ONLY !== 'multihost') {
      await phase('load', 120_000, () => load(run))
      const extracted = await phase('app (canvas)', 1_200_000, () => appCanvas(run))
      if (extracted) await phase('naive Cytoscape', 600_000, () => naive(run, extracted))
      await phase('app (?renderer=webgl)', 900_000, () => appWebgl(run))
    }
    await phase('workload L (10 hosts)', 1_200_000, () => workloadL(run))
  } finally {
    console.log(formatReport(report))
    writeReport(report, OUTPUT)
    console.log(`\nwritten to ${OUTPUT}`)
    await browser?.close().catch(() => undefined)
    await server?.close().catch(() => undefined)
    if (distDir) rmSync(distDir, { recursive: true, force: true })
  }
  if (report.errors.length > 0)
    throw new Error(`browser bench phases failed: ${report.errors.map((e) => e.phase).join(', ')}`)
  const failed = report.rows.filter((r) => r.result === 'FAIL').map((r) => r.metric)
  if (process.env.BENCH_STRICT === '1' && failed.length > 0)
    throw new Error(`targets missed: ${failed.join('; ')}`)
}

/** The machine and browser, plus CPU references measured in a blank page (§8.4). */
async function context(run: Run): Promise<void> {
  const { report, browser } = run
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 })
  try {
    await page.evaluate(installBenchHelpers)
    const webgl = await page.evaluate(() => window.__bench?.webglRenderer() ?? '?')
    const canvas = await page.evaluate(() => window.__bench?.canvasWorkload() ?? Number.NaN)
    const json = await page.evaluate(() => window.__bench?.jsonWorkload() ?? Number.NaN)
    const idle = await page.evaluate(() =>
      window.__bench?.frames({
        durationMs: 3000,
        warmupMs: 500,
        minFrames: 10,
        maxMs: 10_000,
        motion: 'none',
      }),
    )
    const cpus = os.cpus()
    Object.assign(report.meta, {
      date: new Date().toISOString(),
      chromium: browser.version(),
      webglRenderer: webgl,
      machine: `${cpus.length} x ${cpus[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      viewport: `${VIEWPORT.width}x${VIEWPORT.height} @1x, headless, software raster`,
      world: `${run.world.containers} containers on ${run.world.networks} networks, 1 host`,
      sampling: 'rAF deltas; 0.5 s warm-up dropped, then 3 s (at least 10 frames, at most 45 s)',
    })
    const frames = summarizeFrames(idle?.deltas ?? [])
    report.details.blankPage = { idle: frames, canvasWorkloadMs: canvas, jsonWorkloadMs: json }
    report.rows.push(
      {
        section: 'baseline',
        metric: 'idle rAF, blank page',
        value: `p50 ${ms(frames.p50)} / p95 ${ms(frames.p95)} ms`,
        target: '-',
        result: 'info',
        note: `n=${frames.count}`,
      },
      {
        section: 'baseline',
        metric: 'canvas workload (3,000 circles)',
        value: `${ms(canvas)} ms`,
        target: '-',
        result: 'info',
        note: 'CPU raster reference, median of 15',
      },
      {
        section: 'baseline',
        metric: 'JSON workload (3,000 records)',
        value: `${ms(json)} ms`,
        target: '-',
        result: 'info',
        note: 'JS reference, stringify + parse, median of 15',
      },
    )
  } finally {
    await page.close()
  }
}

const KIB = 1024

async function load(run: Run): Promise<void> {
  const { report, distDir, browser, url } = run
  const budget = jsBudget(distDir)
  const samples = []
  for (let i = 0; i < 3; i++) samples.push(await coldLoad(browser, url))
  const lcp = median(samples.map((s) => s.lcp))
  const cls = Math.max(...samples.map((s) => s.cls))
  const interactive = median(samples.map((s) => s.interactive))
  const fcp = median(samples.map((s) => s.fcp))
  const workerGzip = budget.worker.reduce((a, c) => a + c.gzip, 0)
  report.details.load = { budget, samples }
  const kib = (bytes: number): string => `${(bytes / KIB).toFixed(1)} KiB`
  report.rows.push(
    {
      section: 'load',
      metric: 'initial JS (gzip -9)',
      value: kib(budget.initialGzip),
      target: '<= 300 KiB',
      result: atMost(budget.initialGzip, 300 * KIB),
      note: `${budget.initial.map((c) => `${c.file} ${kib(c.gzip)}`).join(', ')}; lazy chunks: ${budget.lazy.length}`,
    },
    {
      section: 'load',
      metric: 'worker chunk (gzip -9)',
      value: kib(workerGzip),
      target: '-',
      result: 'info',
      note: budget.worker.map((c) => `${c.file} ${kib(c.bytes)} raw`).join(', '),
    },
    {
      section: 'load',
      metric: 'LCP, cold, localhost',
      value: `${ms(lcp)} ms`,
      target: '<= 1,000 ms',
      result: atMost(lcp, 1000),
      note: `median of 3 cold loads (${samples.map((s) => ms(s.lcp)).join(', ')}); FCP ${ms(fcp)} ms`,
    },
    {
      section: 'load',
      metric: 'CLS',
      value: cls.toFixed(4),
      target: '<= 0.02',
      result: atMost(cls, 0.02),
      note: 'largest session window, worst of 3 loads',
    },
    {
      section: 'load',
      metric: 'terminal accepts input',
      value: `${ms(interactive)} ms`,
      target: '<= 1,000 ms',
      result: atMost(interactive, 1000),
      note: 'navigation start to the command line enabled (engine ready), median of 3',
    },
  )
}
