// Hosts the Cytoscape graph. The adapter subscribes to the store directly (no React re-render
// per snapshot) and reports taps back as selection, right-clicks as the node's menu.

import { useCallback, useEffect, useRef, useState } from 'react'
import { createGraphAdapter, type GraphAdapter } from '../../graph/graph-adapter'
import { createTraceOverlay, recordIdsOf } from '../../graph/trace-overlay'
import { useLabStore } from '../../store/context'
import { GraphMenu } from '../GraphMenu/GraphMenu'
import { menuTarget, type MenuTarget } from '../GraphMenu/menu-target'
import './GraphView.css'

export type GraphViewProps = {
  /** Receives the adapter once it exists (the page API reads `elements()` from it). */
  readonly onAdapter?: (adapter: GraphAdapter | null) => void
}

export function GraphView({ onAdapter }: GraphViewProps) {
  const container = useRef<HTMLDivElement>(null)
  const store = useLabStore()
  const [menu, setMenu] = useState<{ target: MenuTarget; at: { x: number; y: number } } | null>(
    null,
  )
  const closeMenu = useCallback(() => setMenu(null), [])

  useEffect(() => {
    if (!container.current) return
    const adapter = createGraphAdapter({
      container: container.current,
      onSelect: (record) => store.getState().select(record),
      onContextMenu: (record, at) => {
        const target = record === null ? null : menuTarget(store.getState().snapshot, record)
        setMenu(target ? { target, at } : null)
      },
      onViewportMove: () => setMenu(null),
    })
    const overlay = createTraceOverlay(container.current.parentElement ?? container.current, (id) =>
      adapter.boundingBox(id),
    )
    const showTrace = (): void => {
      const { trace, traceStep } = store.getState()
      const where = trace?.trace.steps[Math.min(traceStep, trace.trace.steps.length - 1)]?.where
      adapter.highlight(where ? recordIdsOf(where) : [])
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
      setMenu(null)
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
      {menu && (
        <GraphMenu
          key={`${menu.target.end}@${menu.at.x},${menu.at.y}`}
          target={menu.target}
          at={menu.at}
          onClose={closeMenu}
        />
      )}
    </div>
  )
}
