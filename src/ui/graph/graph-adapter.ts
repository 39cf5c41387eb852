// The imperative shell around Cytoscape: turns snapshots into element changes applied in one
// batch, keeps positions of elements that stay, reports selection. React never touches `cy`.

import cytoscape, { type Core, type ElementDefinition } from 'cytoscape'
import { plainEqual } from '../../lib/record-diff'
import type { Snapshot } from '../../engine'
import { layout } from './layout'
import { stylesheet } from './stylesheet'
import { toElements, type GraphElement } from './to-elements'

export interface GraphAdapter {
  /** Brings the drawing up to date with `snapshot` (adds, updates, removes elements). */
  applySnapshot(snapshot: Snapshot): void
  /** Selects the element of a record (or clears the selection). */
  select(record: string | null): void
  /** What is drawn now, in a stable order. */
  elements(): GraphElement[]
  /** Where an element is on screen (viewport pixels), or null when it is not drawn. */
  boundingBox(id: string): Box | null
  fit(): void
  /**
   * Marks the element where the trace player's current step happens (the first of `ids` that is
   * drawn: its device, else its namespace…), or none.
   */
  highlight(ids: readonly string[]): void
  /** The element `highlight` marked, if any. */
  highlighted(): string | null
  /** The container changed size (a panel opened): Cytoscape measures it again. */
  resize(): void
  /** Calls `fn` after every pan, zoom or resize (overlays follow the drawing). */
  onViewport(fn: () => void): () => void
  destroy(): void
}

export type Box = {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export type GraphAdapterOptions = {
  readonly container: HTMLElement
  readonly onSelect: (record: string | null) => void
  /**
   * A right-click (Cytoscape `cxttap`): the record of the element under it, or null on the
   * background; `at` is where, in pixels from the container's top-left corner.
   */
  readonly onContextMenu?: (record: string | null, at: { x: number; y: number }) => void
  /** The user panned or zoomed (a menu placed at a click no longer matches the drawing). */
  readonly onViewportMove?: () => void
}

function toDefinition(e: GraphElement, position?: { x: number; y: number }): ElementDefinition {
  const data: Record<string, unknown> = { id: e.id, kind: e.kind, label: e.label, record: e.record }
  if (e.parent !== undefined) data.parent = e.parent
  if (e.source !== undefined) data.source = e.source
  if (e.target !== undefined) data.target = e.target
  const group = e.source === undefined ? 'nodes' : 'edges'
  return { group, data, classes: e.classes, ...(position ? { position: { ...position } } : {}) }
}

export function createGraphAdapter(options: GraphAdapterOptions): GraphAdapter {
  const cy: Core = cytoscape({
    container: options.container,
    style: stylesheet,
    layout: { name: 'preset' },
    minZoom: 0.2,
    maxZoom: 3,
    boxSelectionEnabled: false,
    autoungrabify: false,
  })
  let drawn = new Map<string, GraphElement>()
  // Keep the whole world in view as it grows, until the user pans or zooms on their own.
  let userMoved = false
  cy.on('dragpan scrollzoom pinchzoom', () => {
    userMoved = true
    options.onViewportMove?.()
  })
  // Nodes the user dragged keep their place; the others follow the deterministic layout.
  const dragged = new Set<string>()
  cy.on('dragfree', 'node', (evt) => {
    dragged.add(String((evt.target as cytoscape.NodeSingular).id()))
  })

  cy.on('tap', (evt) => {
    const target = evt.target as Core | cytoscape.SingularElementArgument
    if (target === cy) options.onSelect(null)
    else options.onSelect(String((target as cytoscape.SingularElementArgument).data('record')))
  })

  cy.on('cxttap', (evt) => {
    const target = evt.target as Core | cytoscape.SingularElementArgument
    const at = { x: evt.renderedPosition.x, y: evt.renderedPosition.y }
    const record =
      target === cy ? null : String((target as cytoscape.SingularElementArgument).data('record'))
    options.onContextMenu?.(record, at)
  })

  return {
    applySnapshot(snapshot) {
      const next = new Map(toElements(snapshot).map((e) => [e.id, e]))
      const positions = layout(snapshot)
      cy.batch(() => {
        for (const id of drawn.keys()) if (!next.has(id)) cy.getElementById(id).remove()
        // Parents before children, nodes before edges, so references resolve.
        const added = [...next.values()].filter((e) => !drawn.has(e.id))
        const rank = (e: GraphElement): number =>
          e.source !== undefined
            ? 3
            : e.kind === 'host' || e.kind === 'segment'
              ? 0
              : e.kind === 'netns'
                ? 1
                : 2
        added.sort((a, b) => rank(a) - rank(b))
        for (const e of added) cy.add(toDefinition(e, positions.get(e.id)))
        for (const [id, p] of positions) {
          if (dragged.has(id)) continue
          const node = cy.getElementById(id)
          if (node.nonempty() && node.isChildless()) {
            const cur = node.position()
            if (cur.x !== p.x || cur.y !== p.y) node.position({ x: p.x, y: p.y })
          }
        }
        for (const [id, e] of next) {
          const old = drawn.get(id)
          if (!old || plainEqual(old, e)) continue
          const ele = cy.getElementById(id)
          ele.data('label', e.label)
          ele.classes(e.classes)
        }
      })
      const grew = [...next.keys()].some((id) => !drawn.has(id))
      drawn = next
      if (grew && !userMoved) cy.fit(undefined, 40)
    },
    select(record) {
      cy.batch(() => {
        cy.elements(':selected').unselect()
        if (record !== null) cy.getElementById(record).select()
      })
    },
    elements() {
      return [...drawn.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    },
    boundingBox(id) {
      const ele = cy.getElementById(id)
      if (ele.empty()) return null
      const bb = ele.renderedBoundingBox({ includeLabels: false })
      const origin = options.container.getBoundingClientRect()
      return { x: origin.left + bb.x1, y: origin.top + bb.y1, width: bb.w, height: bb.h }
    },
    fit() {
      userMoved = false
      cy.fit(undefined, 40)
    },
    highlight(ids) {
      const target = ids.map((id) => cy.getElementById(id)).find((e) => e.nonempty())
      if (target?.hasClass('trace-current')) return
      cy.batch(() => {
        cy.elements('.trace-current').removeClass('trace-current')
        target?.addClass('trace-current')
      })
    },
    highlighted() {
      const e = cy.elements('.trace-current')
      return e.nonempty() ? e.first().id() : null
    },
    resize() {
      cy.resize()
      if (!userMoved) cy.fit(undefined, 40)
    },
    onViewport(fn) {
      // `render` also covers positions changed by a new snapshot.
      cy.on('viewport resize render', fn)
      return () => {
        cy.off('viewport resize render', fn)
      }
    },
    destroy() {
      cy.destroy()
    },
  }
}
