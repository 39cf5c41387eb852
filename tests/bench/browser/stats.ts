// Summaries of timing samples (frame times, latencies): nearest-rank percentiles, so a p95 of
// 20 samples is the 19th smallest, a value that was actually observed.

export type Summary = {
  readonly count: number
  readonly p50: number
  readonly p95: number
  readonly p99: number
  readonly max: number
  readonly mean: number
}

/** Frame-time summary: also the share of frames longer than two 60 Hz frames (33.4 ms). */
export type FrameSummary = Summary & { readonly over33: number }

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const sum = sorted.reduce((a, b) => a + b, 0)
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
  }
}

export function summarizeFrames(deltas: readonly number[]): FrameSummary {
  const over = deltas.filter((d) => d > 33.4).length
  return { ...summarize(deltas), over33: deltas.length === 0 ? 0 : over / deltas.length }
}

/** `12.3`, `1,234`: one decimal below 100, none above. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  return value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  )
}
