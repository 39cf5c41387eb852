// Hosts the Cytoscape graph. The adapter subscribes to the store directly (no React re-render
// per snapshot) and reports taps back as selection.

import { useEffect, useRef } from 'react'
import { createGraphAdapter, type GraphAdapter } from '../../graph/graph-adapter'
import { createTraceOverlay } from '../../graph/trace-overlay'
import { useLabStore } from '../../store/context'
import './GraphView.css'

export type GraphViewProps = {
  /** Receives the adapter once it exists (the page API reads `elements()` from it). */
  readonly onAdapter?: (adapter: GraphAdapter | null) => void
}

export function GraphView({ onAdapter }: GraphViewProps) {
  const container = useRef<HTMLDivElement>(null)
  const store = useLabStore()

  useEffect(() => {
    if (!container.current) return
    const adapter = createGraphAdapter({
      container: container.current,
      onSelect: (record) => store.getState().select(record),
    })
    const overlay = createTraceOverlay(container.current.parentElement ?? container.current, (id) =>
      adapter.boundingBox(id),
    )
    const showTrace = (): void => {
      const { trace, traceStep } = store.getState()
      if (trace) overlay.show(trace.trace, traceStep)
      else overlay.clear()
    }
    const sync = (): void => {
      const { snapshot, selected } = store.getState()
      if (snapshot) adapter.applySnapshot(snapshot)
      adapter.select(selected)
    }
    sync()
    showTrace()
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.snapshot !== prev.snapshot || s.selected !== prev.selected) sync()
      if (s.trace !== prev.trace || s.traceStep !== prev.traceStep) showTrace()
    })
    const unfollow = adapter.onViewport(() => overlay.redraw())
    // Panels opening beside the graph (the trace player) change its size without a window resize.
    const resized = new ResizeObserver(() => {
      adapter.resize()
      overlay.redraw()
    })
    resized.observe(container.current)
    onAdapter?.(adapter)
    return () => {
      unfollow()
      resized.disconnect()
      overlay.destroy()
      unsubscribe()
      onAdapter?.(null)
      adapter.destroy()
    }
  }, [store, onAdapter])

  return (
    <div className="graph" role="region" aria-label="Network diagram">
      <div ref={container} className="graph__canvas" data-testid="graph-canvas" />
    </div>
  )
}
