// Hosts the Cytoscape graph with its toolbar, legend and overview. The adapter follows the
// store directly (no React re-render per model change); taps select, right-clicks open the
// node's menu, drops become `docker network connect/disconnect` run in the terminal. The
// diagram is a focusable region: arrows move the selection, Enter opens its menu, +/- zoom,
// F fits, C centres.

import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { createGraphAdapter, type GraphAdapter } from '../../graph/graph-adapter'
import { createTraceOverlay, recordIdsOf } from '../../graph/trace-overlay'
import { useLab, useLabStore } from '../../store/context'
import { GraphMenu } from '../GraphMenu/GraphMenu'
import { menuTarget, type MenuTarget } from '../GraphMenu/menu-target'
import { dropCommand } from './drop-command'
import { GraphToolbar } from './GraphToolbar'
import { Legend, legendNetworkAt } from './Legend'
import { OverviewMap } from './Overview'
import type { LegendEntry } from '../../../view/graph/types'
import './GraphView.css'

export type GraphViewProps = {
  /** Receives the adapter once it exists (the page API reads `elements()` from it). */
  readonly onAdapter?: (adapter: GraphAdapter | null) => void
}

const NO_LEGEND: readonly LegendEntry[] = []

/** Above this many drawn nodes the overview map is shown. */
const OVERVIEW_ABOVE = 150

/** `?renderer=webgl` turns on Cytoscape's WebGL mode (see README, performance). */
const webglRequested = (): boolean =>
  typeof location !== 'undefined' &&
  new URLSearchParams(location.search).get('renderer') === 'webgl'

export function GraphView({ onAdapter }: GraphViewProps) {
  const container = useRef<HTMLDivElement>(null)
  const store = useLabStore()
  const [adapter, setAdapter] = useState<GraphAdapter | null>(null)
  const [menu, setMenu] = useState<{ target: MenuTarget; at: { x: number; y: number } } | null>(
    null,
  )
  const [announce, setAnnounce] = useState('')
  const legend = useLab((s) => s.graph?.legend ?? NO_LEGEND)
  const big = useLab((s) =>
    s.graph ? Object.keys(s.graph.elements).length > OVERVIEW_ABOVE : false,
  )
  const closeMenu = useCallback(() => setMenu(null), [])

  useEffect(() => {
    if (!container.current) return
    const a = createGraphAdapter({
      container: container.current,
      theme: store.getState().theme,
      webgl: webglRequested(),
      onSelect: (record) => store.getState().select(record),
      onContextMenu: (record, at) => {
        const target = record === null ? null : menuTarget(store.getState().snapshot, record)
        setMenu(target ? { target, at } : null)
      },
      onViewportMove: () => setMenu(null),
      dropTargetAt: legendNetworkAt,
      onDrop: (action) => {
        const command = dropCommand(store.getState().snapshot, action)
        if (command) void store.getState().runAction(command.line, command.host)
      },
    })
    const overlay = createTraceOverlay(container.current.parentElement ?? container.current, (id) =>
      a.boundingBox(id),
    )
    const showTrace = (): void => {
      const { trace, traceStep } = store.getState()
      const where = trace?.trace.steps[Math.min(traceStep, trace.trace.steps.length - 1)]?.where
      a.highlight(where ? recordIdsOf(where) : [])
      if (trace) overlay.show(trace.trace, traceStep)
      else overlay.clear()
    }
    // The first drawing compares; then each model comes with the diff that made it.
    let drawnGraph: unknown = null
    const sync = (): void => {
      const { graph, graphDiff, selected } = store.getState()
      if (graph && graph !== drawnGraph) {
        a.applyGraph(graph, drawnGraph === null ? undefined : (graphDiff ?? undefined))
        drawnGraph = graph
      }
      a.select(selected)
    }
    sync()
    a.focus(store.getState().focus)
    showTrace()
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.graph !== prev.graph || s.selected !== prev.selected) sync()
      if (s.graph !== prev.graph && s.trace) showTrace()
      // A new trace: frame the devices it crosses, once the player has taken its place.
      if (s.trace && s.trace.trace !== prev.trace?.trace) {
        const devices = s.trace.trace.steps.flatMap((step) =>
          recordIdsOf(step.where).filter(
            (id) => id.startsWith('link:') || id.startsWith('segment:'),
          ),
        )
        requestAnimationFrame(() => requestAnimationFrame(() => a.fitTo(devices)))
      }
      if (s.trace !== prev.trace || s.traceStep !== prev.traceStep) showTrace()
      if (s.focus !== prev.focus) a.focus(s.focus)
      if (s.theme !== prev.theme) a.setTheme(s.theme)
    })
    const unfollow = a.onViewport(() => overlay.redraw())
    // Panels opening beside the graph (the trace player) change its size without a window resize.
    const resized = new ResizeObserver(() => {
      setMenu(null)
      a.resize()
      overlay.redraw()
    })
    resized.observe(container.current)
    setAdapter(a)
    onAdapter?.(a)
    return () => {
      unfollow()
      resized.disconnect()
      overlay.destroy()
      unsubscribe()
      onAdapter?.(null)
      setAdapter(null)
      a.destroy()
    }
  }, [store, onAdapter])

  const describe = (record: string | null): void => {
    const r = record === null ? undefined : store.getState().snapshot?.records[record]
    if (!r) return setAnnounce('')
    const name =
      r.kind === 'container'
        ? `container ${r.name}`
        : r.kind === 'network'
          ? `network ${r.name}`
          : r.kind === 'interface'
            ? `interface ${r.name}`
            : r.kind === 'host'
              ? `host ${r.hostname}`
              : r.kind === 'segment'
                ? `LAN ${r.subnet}`
                : 'network namespace'
    setAnnounce(`Selected ${name}`)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (!adapter || e.target !== e.currentTarget) return
    const keys: Record<string, () => void> = {
      ArrowRight: () => describe(select(adapter.step(1))),
      ArrowDown: () => describe(select(adapter.step(1))),
      ArrowLeft: () => describe(select(adapter.step(-1))),
      ArrowUp: () => describe(select(adapter.step(-1))),
      '+': () => adapter.zoomBy(1.25),
      '=': () => adapter.zoomBy(1.25),
      '-': () => adapter.zoomBy(0.8),
      f: () => adapter.fit(),
      c: () => adapter.centerOnSelection(),
      Escape: () => {
        store.getState().select(null)
        setMenu(null)
      },
      Enter: () => {
        const record = store.getState().selected
        const at = adapter.selectedPoint()
        const target = record === null ? null : menuTarget(store.getState().snapshot, record)
        if (target && at) setMenu({ target, at })
      },
    }
    const fn = keys[e.key]
    if (!fn) return
    e.preventDefault()
    fn()
  }
  const select = (record: string | null): string | null => {
    store.getState().select(record)
    return record
  }

  return (
    <div className="graph" role="region" aria-label="Network diagram">
      <GraphToolbar adapter={adapter} />
      <div className="graph__stage">
        <div
          ref={container}
          className="graph__canvas"
          data-testid="graph-canvas"
          tabIndex={0}
          role="application"
          aria-label="Diagram: arrow keys select nodes, Enter opens the node's actions, + and − zoom, F fits"
          aria-describedby="graph-announce"
          onKeyDown={onKeyDown}
        />
        <Legend entries={legend} />
        {adapter && big && <OverviewMap adapter={adapter} />}
        {menu && (
          <GraphMenu
            key={`${menu.target.label}@${menu.at.x},${menu.at.y}`}
            target={menu.target}
            at={menu.at}
            onClose={closeMenu}
          />
        )}
      </div>
      <p id="graph-announce" className="visually-hidden" aria-live="polite">
        {announce}
      </p>
    </div>
  )
}
