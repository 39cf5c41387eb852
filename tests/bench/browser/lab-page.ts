// The app in a page: open it (optionally with URL parameters), build the benchmark world through
// `window.dockerNetworkLab.run` (the terminal's own path), read the JS heaps of page and worker.

import type { Browser, Page } from 'playwright-core'
import { profiled, type Attribution } from './cpu-profile'
import { installBenchHelpers } from './in-page'
import { median, summarize, type Summary } from './stats'

export const VIEWPORT = { width: 1280, height: 800 }

export type OpenedLab = { readonly page: Page; readonly errors: string[]; close(): Promise<void> }

/** A fresh context (empty cache) with one page on the app, once the engine is ready. */
export async function openLab(browser: Browser, url: string): Promise<OpenedLab> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 })
  const page = await context.newPage()
  page.setDefaultTimeout(60_000)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(url)
  await page.waitForFunction(() => window.dockerNetworkLab !== undefined)
  await page.evaluate(async () => {
    await window.dockerNetworkLab?.snapshot()
  })
  await page.evaluate(installBenchHelpers)
  return { page, errors, close: () => context.close() }
}

export type WorldSpec = {
  readonly networks: number
  readonly containers: number
  /** The first containers are run one `run()` each (as a learner types them). */
  readonly oneByOne: number
  /** The rest go `chunk` commands to a line, joined by ` ; ` (as a pasted script would). */
  readonly chunk: number
}

export type BuildReport = {
  readonly networksMs: number
  /** `run()` per command: containers 1..oneByOne, ms per command. */
  readonly oneByOne: Summary & { readonly totalMs: number }
  /** Medians of the first and the last 10 one-by-one commands: the cost grows with the world. */
  readonly oneByOneTrend: { readonly first: number; readonly last: number }
  /** Lines of `chunk` commands: total and per command. */
  readonly chunked: {
    readonly lines: number
    readonly totalMs: number
    readonly perCommand: number
  }
  readonly totalMs: number
  /** A profile of 10 more one-by-one commands after the measured ones. */
  readonly attribution: Attribution
}

/** The benchmark's container: busybox sleeping on a user network. */
export const runContainer = (name: string, network: string): string =>
  `docker run -d --name ${name} --network ${network} busybox sleep 1d`

/** The world's commands: networks net1..netN, then c1..cM round-robin over them. */
export function worldCommands(w: WorldSpec): { networks: string[]; containers: string[] } {
  return {
    networks: Array.from({ length: w.networks }, (_, i) => `docker network create net${i + 1}`),
    containers: Array.from({ length: w.containers }, (_, i) =>
      runContainer(`c${i + 1}`, `net${(i % w.networks) + 1}`),
    ),
  }
}

/** Runs `lines` one `run()` each in the page; returns ms per line. */
async function runEach(page: Page, lines: readonly string[]): Promise<number[]> {
  return page.evaluate(async (all) => {
    const api = window.dockerNetworkLab
    if (!api) throw new Error('no page API')
    const times: number[] = []
    for (const line of all) {
      const t0 = performance.now()
      const r = await api.run(line)
      times.push(performance.now() - t0)
      if (r.exitCode !== 0) throw new Error(`${line}: exit ${r.exitCode}: ${r.stderr}`)
    }
    return times
  }, lines)
}

export async function buildWorld(page: Page, distDir: string, w: WorldSpec): Promise<BuildReport> {
  const t0 = Date.now()
  const { networks, containers } = worldCommands(w)
  const networksMs = (await runEach(page, networks)).reduce((a, b) => a + b, 0)
  const first = Math.min(w.oneByOne, containers.length)
  const oneByOne = await runEach(page, containers.slice(0, first))
  const profiledCount = Math.min(10, containers.length - first)
  const { attribution } = await profiled(page, distDir, () =>
    runEach(page, containers.slice(first, first + profiledCount)),
  )
  const rest = containers.slice(first + profiledCount)
  const lines: string[] = []
  for (let i = 0; i < rest.length; i += w.chunk) lines.push(rest.slice(i, i + w.chunk).join(' ; '))
  const chunkedMs = (await runEach(page, lines)).reduce((a, b) => a + b, 0)
  await page.evaluate(() => window.__bench?.frame(2))
  return {
    networksMs,
    oneByOne: { ...summarize(oneByOne), totalMs: oneByOne.reduce((a, b) => a + b, 0) },
    oneByOneTrend: { first: median(oneByOne.slice(0, 10)), last: median(oneByOne.slice(-10)) },
    chunked: {
      lines: lines.length,
      totalMs: chunkedMs,
      perCommand: rest.length > 0 ? chunkedMs / rest.length : Number.NaN,
    },
    totalMs: Date.now() - t0,
    attribution,
  }
}

export type HeapReport = { readonly main: number; readonly worker: number | null }

/** Used JS heap after a forced GC, in bytes: the page and its engine worker. */
export async function jsHeap(browser: Browser, page: Page): Promise<HeapReport> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const main = (await cdp.send('Runtime.getHeapUsage')).usedSize
  await cdp.detach()
  return { main, worker: await workerHeap(browser, page) }
}

/** The worker's heap through a browser-level CDP session attached to the worker target. */
async function workerHeap(browser: Browser, page: Page): Promise<number | null> {
  const url = page.workers()[0]?.url()
  if (url === undefined) return null
  const cdp = await browser.newBrowserCDPSession()
  try {
    const { targetInfos } = await cdp.send('Target.getTargets')
    const workers = targetInfos.filter((t) => t.type === 'worker' && t.url === url)
    const target = workers[0]
    if (workers.length !== 1 || !target) return null
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    })
    const replies = new Map<number, (result: unknown) => void>()
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message) as { id?: number; result?: unknown }
      if (m.id !== undefined) replies.get(m.id)?.(m.result)
    })
    // Non-flat sessions are the one way to reach a worker through Playwright's CDPSession; a
    // browser that stops answering them gives "n/a", not a hang.
    const call = (id: number, method: string): Promise<unknown> =>
      new Promise((resolve) => {
        replies.set(id, resolve)
        setTimeout(() => resolve(undefined), 15_000)
        void cdp.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method, params: {} }),
        })
      })
    await call(1, 'HeapProfiler.collectGarbage')
    const usage = (await call(2, 'Runtime.getHeapUsage')) as { usedSize?: number } | undefined
    await cdp.send('Target.detachFromTarget', { sessionId })
    return usage?.usedSize ?? null
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}
