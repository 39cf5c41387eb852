// Cold loads of the built app from localhost: largest contentful paint and layout shift from
// PerformanceObserver (buffered), first contentful paint, and when the terminal accepts input.

import type { Browser } from 'playwright-core'
import { VIEWPORT } from './lab-page'

export type LoadSample = {
  readonly fcp: number
  readonly lcp: number
  /** The largest session window of layout shifts (web.dev's CLS definition). */
  readonly cls: number
  /** The command line is enabled (the engine answered the handshake). */
  readonly interactive: number
  /** Paths of the scripts requested until then (the worker included). */
  readonly jsRequests: readonly string[]
}

export async function coldLoad(browser: Browser, url: string): Promise<LoadSample> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 })
  try {
    const page = await context.newPage()
    page.setDefaultTimeout(30_000)
    const jsRequests: string[] = []
    page.on('request', (r) => {
      if (r.resourceType() === 'script' || r.url().endsWith('.js'))
        jsRequests.push(new URL(r.url()).pathname)
    })
    await page.goto(url)
    const ready = await page.waitForFunction(
      () => {
        const input = document.querySelector<HTMLInputElement>('#terminal-input')
        return input !== null && !input.disabled ? performance.now() : false
      },
      undefined,
      { polling: 'raf' },
    )
    const interactive = (await ready.jsonValue()) as number
    // Let late paints and shifts land before reading the buffered entries.
    await page.waitForTimeout(1000)
    const vitals = await page.evaluate(
      () =>
        new Promise<{ fcp: number; lcp: number; shifts: [number, number][] }>((resolve) => {
          let lcp = Number.NaN
          const shifts: [number, number][] = []
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) lcp = e.startTime
          }).observe({ type: 'largest-contentful-paint', buffered: true })
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as (PerformanceEntry & {
              value: number
              hadRecentInput: boolean
            })[])
              if (!e.hadRecentInput) shifts.push([e.startTime, e.value])
          }).observe({ type: 'layout-shift', buffered: true })
          const fcp =
            performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN
          setTimeout(() => resolve({ fcp, lcp, shifts }), 200)
        }),
    )
    return {
      fcp: vitals.fcp,
      lcp: vitals.lcp,
      cls: sessionWindowMax(vitals.shifts),
      interactive,
      jsRequests,
    }
  } finally {
    await context.close()
  }
}

/** Shifts less than 1 s apart form a window of at most 5 s; CLS is the largest window's sum. */
export function sessionWindowMax(shifts: readonly (readonly [number, number])[]): number {
  let best = 0
  let sum = 0
  let first = Number.NEGATIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  for (const [at, value] of [...shifts].sort((a, b) => a[0] - b[0])) {
    if (at - last > 1000 || at - first > 5000) {
      sum = 0
      first = at
    }
    sum += value
    last = at
    best = Math.max(best, sum)
  }
  return best
}
