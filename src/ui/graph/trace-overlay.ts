// The packet of a trace, drawn over the graph on a <canvas> of its own: never by adding or moving
// Cytoscape elements, which repaints the whole graph (performance.md §0 item 2). A dot where the
// current step happens, the path walked so far with the last hop bold, and a red ✕ at a drop.

import type { Trace, TraceStep, Where } from '../../engine'

/** A box in client pixels (as `getBoundingClientRect` and `GraphAdapter.boundingBox` give). */
export type OverlayBox = {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export interface TraceOverlay {
  /** Draws `trace` at `step` (0-based, clamped) and remembers it for `redraw`. */
  show(trace: Trace, step: number): void
  clear(): void
  /** Draws again at the graph's current pan, zoom and size: call it on each of those. */
  redraw(): void
  destroy(): void
}

/**
 * The snapshot records a place may be drawn at, most precise first: its device, its namespace,
 * its LAN segment, its host (ids as `engine/snapshot/to-snapshot.ts` makes them).
 */
export function recordIdsOf(where: Where): string[] {
  const { host, netns, link, segment } = where
  return [
    host !== undefined && link !== undefined ? `link:${host}/${link}` : undefined,
    host !== undefined && netns !== undefined ? `netns:${host}/${netns}` : undefined,
    segment !== undefined ? `segment:${segment}` : undefined,
    host !== undefined ? `host:${host}` : undefined,
  ].filter((id): id is string => id !== undefined)
}

const isDrop = (s: TraceStep): boolean =>
  s.kind === 'drop' || (s.kind === 'netfilter' && s.verdict === 'DROP')

type Point = { readonly x: number; readonly y: number }

/** How long the packet takes along one hop when stepping forward. */
const HOP_MS = 350

const reducedMotion = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches

const PATH = 'rgba(96, 165, 250, 0.45)'
const HOP = '#2563eb'
const PACKET = '#f59e0b'
const DROP = '#dc2626'

/**
 * `locate(recordId)` gives where a record is drawn, in client pixels, or null when it is not
 * (GraphAdapter.boundingBox fits). The canvas covers `container`, which gets `position: relative`
 * when it has none.
 */
export function createTraceOverlay(
  container: HTMLElement,
  locate: (recordId: string) => OverlayBox | null,
): TraceOverlay {
  const canvas = document.createElement('canvas')
  canvas.setAttribute('aria-hidden', 'true')
  canvas.style.cssText =
    'position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none;z-index:10'
  if (getComputedStyle(container).position === 'static') container.style.position = 'relative'
  container.appendChild(canvas)
  const g = canvas.getContext('2d')
  let shown: { trace: Trace; step: number } | undefined
  // A step forward moves the packet along the last hop over HOP_MS (progress 0 → 1).
  let progress = 1
  let frame = 0

  const centre = (where: Where, origin: DOMRect): Point | undefined => {
    for (const id of recordIdsOf(where)) {
      const box = locate(id)
      if (box)
        return { x: box.x - origin.left + box.width / 2, y: box.y - origin.top + box.height / 2 }
    }
    return undefined
  }

  const fit = (): void => {
    const dpr = window.devicePixelRatio || 1
    const w = Math.round(container.clientWidth * dpr)
    const h = Math.round(container.clientHeight * dpr)
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w
      canvas.height = h
    }
    g?.setTransform(dpr, 0, 0, dpr, 0, 0)
    g?.clearRect(0, 0, container.clientWidth, container.clientHeight)
  }

  const draw = (ctx: CanvasRenderingContext2D, trace: Trace, step: number): void => {
    const origin = canvas.getBoundingClientRect()
    const points: Point[] = []
    for (const s of trace.steps.slice(0, step + 1)) {
      const p = centre(s.where, origin)
      const prev = points[points.length - 1]
      if (p && (!prev || prev.x !== p.x || prev.y !== p.y)) points.push(p)
    }
    const end = points[points.length - 1]
    if (!end) return
    const from = points[points.length - 2]
    const here =
      from && progress < 1
        ? { x: from.x + (end.x - from.x) * progress, y: from.y + (end.y - from.y) * progress }
        : end
    ctx.lineCap = 'round'
    line(ctx, points.slice(0, -1), PATH, 3)
    line(ctx, from ? [from, here] : [], HOP, 3)
    const current = trace.steps[step]
    if (current && isDrop(current) && progress >= 1) cross(ctx, here)
    else dot(ctx, here)
  }

  // Nothing shown and already blank: Cytoscape's render events cost nothing here.
  let blank = false
  const redraw = (): void => {
    if (!shown && blank) return
    fit()
    blank = !shown
    if (g && shown) draw(g, shown.trace, shown.step)
  }

  return {
    show(trace, step) {
      const next = Math.max(0, Math.min(step, trace.steps.length - 1))
      const forward = shown?.trace === trace && next === shown.step + 1
      shown = { trace, step: next }
      cancelAnimationFrame(frame)
      progress = 1
      if (forward && !reducedMotion()) {
        const start = performance.now()
        const tick = (now: number): void => {
          progress = Math.min(1, (now - start) / HOP_MS)
          redraw()
          if (progress < 1) frame = requestAnimationFrame(tick)
        }
        progress = 0
        frame = requestAnimationFrame(tick)
      }
      redraw()
    },
    clear() {
      shown = undefined
      fit()
      blank = true
    },
    redraw,
    destroy() {
      cancelAnimationFrame(frame)
      shown = undefined
      canvas.remove()
    },
  }
}

function line(
  g: CanvasRenderingContext2D,
  points: readonly Point[],
  colour: string,
  width: number,
): void {
  const [first, ...rest] = points
  if (!first || rest.length === 0) return
  g.strokeStyle = colour
  g.lineWidth = width
  g.beginPath()
  g.moveTo(first.x, first.y)
  for (const p of rest) g.lineTo(p.x, p.y)
  g.stroke()
}

function dot(g: CanvasRenderingContext2D, p: Point): void {
  g.beginPath()
  g.arc(p.x, p.y, 7, 0, 2 * Math.PI)
  g.fillStyle = PACKET
  g.fill()
  g.strokeStyle = '#ffffff'
  g.lineWidth = 2
  g.stroke()
}

function cross(g: CanvasRenderingContext2D, p: Point): void {
  const r = 9
  g.strokeStyle = DROP
  g.lineWidth = 4
  g.beginPath()
  g.moveTo(p.x - r, p.y - r)
  g.lineTo(p.x + r, p.y + r)
  g.moveTo(p.x + r, p.y - r)
  g.lineTo(p.x - r, p.y + r)
  g.stroke()
}
