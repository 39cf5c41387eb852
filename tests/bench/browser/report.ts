// The browser bench's output: one row per metric (value, target, PASS/FAIL, the same-run
// baseline it is judged against), the run's context (performance.md §8.4), where the time went,
// printed as a table and written to test-results/bench-browser.json.

import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Attribution } from './cpu-profile'
import { ms, type FrameSummary, type Summary } from './stats'

/** `info`: reported without a target; `n/a`: the app lacks the feature (yet); `error`: not measured. */
export type Verdict = 'PASS' | 'FAIL' | 'info' | 'n/a' | 'error'

export type Row = {
  readonly section: string
  readonly metric: string
  readonly value: string
  readonly target: string
  readonly result: Verdict
  /** Same-run baseline or context the value is judged against. */
  readonly note: string
}

export type Report = {
  readonly meta: Record<string, unknown>
  readonly rows: Row[]
  readonly attribution: Record<string, Attribution>
  readonly details: Record<string, unknown>
  readonly errors: { phase: string; message: string }[]
}

export function createReport(): Report {
  return { meta: {}, rows: [], attribution: {}, details: {}, errors: [] }
}

/** PASS when `value <= limit` (a NaN value is an error: nothing was measured). */
export function atMost(value: number, limit: number): Verdict {
  if (!Number.isFinite(value)) return 'error'
  return value <= limit ? 'PASS' : 'FAIL'
}

export function both(...verdicts: Verdict[]): Verdict {
  if (verdicts.includes('error')) return 'error'
  if (verdicts.includes('n/a')) return 'n/a'
  return verdicts.includes('FAIL') ? 'FAIL' : 'PASS'
}

const pct = (share: number): string => `${Math.round(share * 100)}%`

function attributionLines(name: string, a: Attribution): string[] {
  const sources = a.bySource.slice(0, 6).map((s) => `${s.name} ${pct(s.share)}`)
  const fns = a.nearestApp.slice(0, 6).map((s) => `${s.name} ${pct(s.share)}`)
  const hot = a.functions.slice(0, 5).map((s) => `${s.name} ${pct(s.share)}`)
  return [
    `  ${name} (main thread, ${Math.round(a.busyMs)} ms busy sampled)`,
    `    self time by source: ${sources.join(', ')}`,
    `    hottest functions (self): ${hot.join(', ')}`,
    `    charged to the innermost app function: ${fns.join(', ') || 'none'}`,
  ]
}

function table(rows: readonly Row[]): string[] {
  const head = ['metric', 'value', 'target', 'result', 'same-run baseline / note']
  const cells = rows.map((r) => [`${r.section}: ${r.metric}`, r.value, r.target, r.result, r.note])
  const widths = head.map((h, i) =>
    Math.min(i === 4 ? 200 : 64, Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length))),
  )
  const line = (c: readonly string[]): string =>
    c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i] ?? 0))).join(' | ')
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)]
}

export function formatReport(report: Report): string {
  const meta = Object.entries(report.meta).map(([k, v]) => `  ${k}: ${String(v)}`)
  const attribution = Object.entries(report.attribution).flatMap(([k, a]) => attributionLines(k, a))
  const errors = report.errors.map((e) => `  ${e.phase}: ${e.message}`)
  return [
    'Browser bench: the diagram with the benchmark world (performance.md §6-8)',
    ...meta,
    '',
    ...table(report.rows),
    '',
    'Where the main thread spends its time (separate profiled passes):',
    ...attribution,
    ...(errors.length > 0 ? ['', 'Phases that failed:', ...errors] : []),
  ].join('\n')
}

export function writeReport(report: Report, file: string): void {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
}

export const frameText = (s: FrameSummary): string =>
  `p50 ${ms(s.p50)} / p95 ${ms(s.p95)} / max ${ms(s.max)} ms`

export const latencyText = (s: Summary): string => `p50 ${ms(s.p50)} / p95 ${ms(s.p95)} ms`

/** A row reported without a target. */
export const infoRow = (section: string, metric: string, value: string, note: string): Row => ({
  section,
  metric,
  value,
  target: '-',
  result: 'info',
  note,
})
