// The overview of a large world: every node as a dot in its network's colour and the visible
// part as a frame; a click (or Enter on the focused map, which centres it) moves the view there.

import { useEffect, useRef } from 'react'
import type { GraphAdapter } from '../../graph/graph-adapter'

const W = 200
const H = 130

export function OverviewMap({ adapter }: { readonly adapter: GraphAdapter }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const scale = useRef({ s: 1, x: 0, y: 0 })

  useEffect(() => {
    let frame = 0
    // The dots are drawn once per model (into a bitmap); a pan only moves the frame.
    const dots = document.createElement('canvas')
    dots.width = W
    dots.height = H
    let drawnNodes: unknown = null
    const draw = (): void => {
      frame = 0
      const g = canvas.current?.getContext('2d')
      if (!g) return
      const o = adapter.overview()
      const s = Math.min(W / Math.max(o.bounds.w, 1), H / Math.max(o.bounds.h, 1))
      const ox = (W - o.bounds.w * s) / 2 - o.bounds.x1 * s
      const oy = (H - o.bounds.h * s) / 2 - o.bounds.y1 * s
      scale.current = { s, x: ox, y: oy }
      if (drawnNodes !== o.nodes) {
        drawnNodes = o.nodes
        const d = dots.getContext('2d')
        if (d) {
          d.clearRect(0, 0, W, H)
          for (const n of o.nodes) {
            d.fillStyle = n.color
            d.fillRect(n.x * s + ox - 1, n.y * s + oy - 1, 2, 2)
          }
        }
      }
      g.clearRect(0, 0, W, H)
      g.drawImage(dots, 0, 0)
      g.strokeStyle = '#f59e0b'
      g.lineWidth = 1.5
      g.strokeRect(o.visible.x1 * s + ox, o.visible.y1 * s + oy, o.visible.w * s, o.visible.h * s)
    }
    const schedule = (): void => {
      if (frame === 0) frame = requestAnimationFrame(draw)
    }
    schedule()
    const off = adapter.onViewport(schedule)
    return () => {
      off()
      if (frame !== 0) cancelAnimationFrame(frame)
    }
  }, [adapter])

  return (
    <canvas
      ref={canvas}
      className="overview"
      width={W}
      height={H}
      role="img"
      aria-label="Overview of the whole diagram; click to move the view there"
      onClick={(e) => {
        const r = e.currentTarget.getBoundingClientRect()
        const { s, x, y } = scale.current
        adapter.panTo((e.clientX - r.left - x) / s, (e.clientY - r.top - y) / s)
      }}
    />
  )
}
