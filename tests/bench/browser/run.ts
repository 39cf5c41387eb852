// What every phase of the browser bench shares: the report, the phase runner (time limit, error
// recorded as a row), the browser, the served build and the world's size.

import type { Browser } from 'playwright-core'
import type { ViewElement } from '../../../src/view/graph/types'
import type { PanReport } from './graph-phases'
import type { GraphInfo } from './in-page'
import type { WorldSpec } from './lab-page'
import type { Report } from './report'

export type Phase = <T>(
  name: string,
  limitMs: number,
  fn: () => Promise<T>,
) => Promise<T | undefined>

export type Run = {
  readonly report: Report
  readonly phase: Phase
  readonly browser: Browser
  /** The served build (its source maps attribute CPU profiles). */
  readonly distDir: string
  readonly url: string
  readonly world: WorldSpec
  /** Repetitions of command-to-graph-painted. */
  readonly reps: number
}

/** What the naive baseline needs from the app page. */
export type Extracted = {
  /** Every command the page ran, in order (the naive baseline replays them in Node). */
  readonly commands: readonly string[]
  /** What the app draws, with positions. */
  readonly elements: readonly ViewElement[]
  readonly info: GraphInfo
  readonly pan: PanReport | undefined
  /** The app page's idle frame p95: the floor no frame-time sample can go below. */
  readonly idleP95: number
}
