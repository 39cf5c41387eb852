// Where the main thread's time goes: a sampled CPU profile (CDP Profiler) of one phase, mapped
// back through the build's source maps to packages (cytoscape, react-dom…) and app files. Runs in
// its own pass, never while a measured sample is taken (profiling slows the page down).

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'

export type Share = { readonly name: string; readonly ms: number; readonly share: number }

export type Attribution = {
  /** Sampled time that was not idle, in ms. */
  readonly busyMs: number
  /** Self time by package or app file (plus `(garbage collector)`, `(program)`…). */
  readonly bySource: readonly Share[]
  /** Inclusive time of the app's own functions (src/), the largest first. */
  readonly appFunctions: readonly Share[]
  /**
   * Each sample charged to the innermost app function (src/) on its stack: library time goes to
   * the app code that called into it, so wrappers further up do not hide who did the work.
   */
  readonly nearestApp: readonly Share[]
  /** Self time by function (any source), the largest first. */
  readonly functions: readonly Share[]
}

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number }
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] }
type Place = { source: string; line: number; name: string | undefined }

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** A decoded source map: per generated line, segments [column, source, line, name] in order. */
class SourceMap {
  private readonly lines: number[][] = []
  constructor(
    private readonly sources: readonly string[],
    private readonly names: readonly string[],
    mappings: string,
  ) {
    let source = 0
    let line = 0
    let _column = 0
    let name = 0
    for (const text of mappings.split(';')) {
      const segments: number[] = []
      let generated = 0
      for (const segment of text.split(',')) {
        if (segment === '') continue
        const v = decodeVlq(segment)
        generated += v[0] ?? 0
        if (v.length < 4) continue
        source += v[1] ?? 0
        line += v[2] ?? 0
        _column += v[3] ?? 0
        if (v.length >= 5) name += v[4] ?? 0
        segments.push(generated, source, line, v.length >= 5 ? name : -1)
      }
      this.lines.push(segments)
    }
  }

  find(line: number, column: number): Place | undefined {
    const s = this.lines[line]
    if (!s || s.length === 0) return undefined
    let lo = 0
    let hi = s.length / 4 - 1
    let at = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if ((s[mid * 4] ?? 0) <= column) {
        at = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    if (at < 0) return undefined
    const nameIndex = s[at * 4 + 3] ?? -1
    return {
      source: this.sources[s[at * 4 + 1] ?? 0] ?? '?',
      line: (s[at * 4 + 2] ?? 0) + 1,
      name: nameIndex >= 0 ? this.names[nameIndex] : undefined,
    }
  }
}

function decodeVlq(segment: string): number[] {
  const out: number[] = []
  let value = 0
  let shift = 0
  for (const ch of segment) {
    const digit = B64.indexOf(ch)
    value += (digit & 31) << shift
    if (digit & 32) shift += 5
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1)
      value = 0
      shift = 0
    }
  }
  return out
}

/** `cytoscape`, `react-dom`, `src/ui/graph/graph-adapter.ts`. */
function bucketOf(source: string): string {
  const nm = source.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const parts = source.slice(nm + 'node_modules/'.length).split('/')
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? source)
  }
  const src = source.lastIndexOf('src/')
  return src >= 0 ? source.slice(src) : source
}

function loadMap(distDir: string, url: string): SourceMap | null {
  try {
    const file = join(distDir, new URL(url).pathname)
    const json = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as {
      sources: string[]
      names: string[]
      mappings: string
    }
    return new SourceMap(json.sources, json.names, json.mappings)
  } catch {
    return null
  }
}

/** Profiles `phase` on `page`; `distDir` is the served build (for its `.js.map` files). */
export async function profiled<T>(
  page: Page,
  distDir: string,
  phase: () => Promise<T>,
): Promise<{ result: T; attribution: Attribution }> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 })
    await cdp.send('Profiler.start')
    const result = await phase()
    const { profile } = await cdp.send('Profiler.stop')
    const samples = profile.samples ?? []
    const deltas = profile.timeDeltas ?? []
    const timed = samples.map((id, i) => [id, (deltas[i + 1] ?? 0) / 1000] as const)
    return { result, attribution: attribute(profile.nodes, timed, distDir) }
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}

function attribute(
  nodes: readonly ProfileNode[],
  samples: readonly (readonly [number, number])[],
  distDir: string,
): Attribution {
  const maps = new Map<string, SourceMap | null>()
  const mapOf = (url: string): SourceMap | null => {
    if (!maps.has(url)) maps.set(url, loadMap(distDir, url))
    return maps.get(url) ?? null
  }
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  type Located = { bucket: string; fn: string | undefined; self: string }
  const places = new Map<number, Located>()
  const placeOf = (id: number): Located => {
    const cached = places.get(id)
    if (cached) return cached
    const f = byId.get(id)?.callFrame
    let out: Located
    if (!f || f.url === '') {
      const bucket = f?.functionName.startsWith('(') ? f.functionName : '(native)'
      out = { bucket, fn: undefined, self: f?.functionName || bucket }
    } else {
      const p = mapOf(f.url)?.find(f.lineNumber, f.columnNumber)
      const bucket = p ? bucketOf(p.source) : (f.url.split('/').pop() ?? f.url)
      const name = p?.name ?? (f.functionName.length > 2 ? f.functionName : '(anonymous)')
      const at = `${name} (${bucket}:${p?.line ?? 0})`
      out = { bucket, fn: bucket.startsWith('src/') ? at : undefined, self: at }
    }
    places.set(id, out)
    return out
  }
  /** The bucket of the outermost JS frame (who drives it: cytoscape's render loop, react…). */
  const outermost = (id: number): string => {
    let found = placeOf(id).bucket
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur))
      if (byId.get(cur)?.callFrame.url) found = placeOf(cur).bucket
    return found
  }
  const self = new Map<string, number>()
  const selfFn = new Map<string, number>()
  const inclusive = new Map<string, number>()
  const nearest = new Map<string, number>()
  let busy = 0
  for (const [id, ms] of samples) {
    const place = placeOf(id)
    if (place.bucket === '(idle)') continue
    busy += ms
    self.set(place.bucket, (self.get(place.bucket) ?? 0) + ms)
    selfFn.set(place.self, (selfFn.get(place.self) ?? 0) + ms)
    const seen = new Set<string>()
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const fn = placeOf(cur).fn
      if (fn && !seen.has(fn)) {
        if (seen.size === 0) nearest.set(fn, (nearest.get(fn) ?? 0) + ms)
        seen.add(fn)
        inclusive.set(fn, (inclusive.get(fn) ?? 0) + ms)
      }
    }
    if (seen.size === 0) {
      const key = `(outside app code) ${outermost(id)}`
      nearest.set(key, (nearest.get(key) ?? 0) + ms)
    }
  }
  const top = (m: Map<string, number>, n: number): Share[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms, share: busy > 0 ? ms / busy : 0 }))
  return {
    busyMs: busy,
    bySource: top(self, 8),
    appFunctions: top(inclusive, 8),
    nearestApp: top(nearest, 8),
    functions: top(selfFn, 12),
  }
}
