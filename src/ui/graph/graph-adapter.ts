// The imperative shell around Cytoscape: applies the worker's graph model (elements with their
// places) in one batch per change, keeps the places the user dragged, maps selections and trace
// steps to whatever element stands for a record in the current view, turns drops into network
// actions. React never touches `cy`.

import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape'
import type { GraphDiff, GraphModel, ViewElement } from '../../view/graph/types'
import { stylesheet, type Theme } from './stylesheet'
import { toSvg } from './export-svg'

export interface GraphAdapter {
  /**
   * Brings the drawing up to date with the model (adds, updates, moves, removes elements): by
   * the diff that made it from the model drawn last, or by comparing when there is none.
   */
  applyGraph(model: GraphModel, diff?: GraphDiff): void
  /** Selects the element standing for a record (or clears the selection). */
  select(record: string | null): void
  /** What is drawn now, in a stable order. */
  elements(): ViewElement[]
  /** Where the element standing for an id (element or record) is on screen, or null. */
  boundingBox(id: string): Box | null
  fit(): void
  zoomBy(factor: number): void
  /** Frames the elements standing for these ids (a trace's path), if any is drawn. */
  fitTo(ids: readonly string[]): void
  /** Centres the view on the selected element (keeps the zoom). */
  centerOnSelection(): void
  /** Dims everything not related to a network or a container (null: nothing dimmed). */
  focus(on: Focus | null): void
  /**
   * Marks the element where the trace player's current step happens (the first of `ids` that
   * is drawn, through `stands` in the Docker view), or none.
   */
  highlight(ids: readonly string[]): void
  highlighted(): string | null
  setTheme(theme: Theme): void
  /** The drawing as a PNG (whole graph, 2x) or an SVG document. */
  exportPng(): Promise<Blob>
  exportSvg(): string
  /** The container changed size (a panel opened): Cytoscape measures it again. */
  resize(): void
  /** Calls `fn` after every pan, zoom or resize (overlays follow the drawing). */
  onViewport(fn: () => void): () => void
  /** Keyboard navigation: selects the next/previous node in reading order; returns its record. */
  step(delta: 1 | -1): string | null
  /** The element drawn as selected, if any. */
  selectedElement(): ViewElement | null
  /** Where the selected element is, in pixels from the container's top-left (menus open there). */
  selectedPoint(): { x: number; y: number } | null
  /** For the overview: every leaf node's box and the visible part, in model coordinates. */
  overview(): Overview
  /** Centres the view on a model point (the overview's click). */
  panTo(x: number, y: number): void
  destroy(): void
}

export type ModelBox = {
  readonly x1: number
  readonly y1: number
  readonly w: number
  readonly h: number
}
export type Overview = {
  readonly bounds: ModelBox
  readonly visible: ModelBox
  readonly nodes: readonly { readonly x: number; readonly y: number; readonly color: string }[]
}

export type Focus = { readonly network?: string; readonly container?: string }

export type Box = {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** A container dropped on a network, or an endpoint dragged off one. */
export type DropAction =
  | { readonly kind: 'connect'; readonly container: string; readonly network: string }
  | { readonly kind: 'disconnect'; readonly container: string; readonly network: string }

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
  /** A drag ended on a network (connect) or an endpoint was dragged off (disconnect). */
  readonly onDrop?: (action: DropAction) => void
  /**
   * Whether a point of the page (client pixels) is over a drop target outside the canvas (a
   * legend chip): its network record, else null.
   */
  readonly dropTargetAt?: (clientX: number, clientY: number) => string | null
  readonly theme?: Theme
  /** Cytoscape's WebGL mode (3.31+): `?renderer=webgl`. */
  readonly webgl?: boolean
}

/** A model element as Cytoscape's element definition (data the stylesheet maps, classes). */
export function toDefinition(
  e: ViewElement,
  position?: { x: number; y: number },
): ElementDefinition {
  const data: Record<string, unknown> = { id: e.id, kind: e.kind, label: e.label, record: e.record }
  if (e.parent !== undefined) data.parent = e.parent
  if (e.source !== undefined) data.source = e.source
  if (e.target !== undefined) data.target = e.target
  if (e.color !== undefined) data.color = e.color
  if (e.size !== undefined) {
    data.w = e.size.w
    data.h = e.size.h
  }
  // A routed edge's two corner points (stylesheet `edge.routed`), both at the same distance.
  if (e.bend !== undefined) data.bend = `${e.bend} ${e.bend}`
  const group = e.source === undefined ? 'nodes' : 'edges'
  const at = position ?? e.position
  return { group, data, classes: e.classes, ...(at ? { position: { ...at } } : {}) }
}

/** Parents before children, nodes before edges, so references resolve when added. */
const rank = (e: ViewElement): number =>
  e.source !== undefined
    ? 3
    : e.kind === 'host' || e.kind === 'segment'
      ? 0
      : e.kind === 'netns' && !e.position
        ? 1
        : 2

/** How far (model px) an endpoint must be dragged from where it was to count as "off". */
const DRAG_OFF = 110

export function createGraphAdapter(options: GraphAdapterOptions): GraphAdapter {
  let theme: Theme = options.theme ?? 'light'
  const cy: Core = cytoscape({
    container: options.container,
    style: stylesheet(theme, { webgl: options.webgl === true }),
    layout: { name: 'preset' },
    minZoom: 0.05,
    maxZoom: 3,
    boxSelectionEnabled: false,
    autoungrabify: false,
    ...(options.webgl ? { renderer: { name: 'canvas', webgl: true } } : {}),
  } as cytoscape.CytoscapeOptions)
  let model: GraphModel | null = null
  let overviewCache: Omit<Overview, 'visible'> | null = null
  let drawn = new Map<string, ViewElement>()
  /** record id → element id standing for it (the element's own record first). */
  let standsFor = new Map<string, string>()
  let userMoved = false
  cy.on('dragpan scrollzoom pinchzoom', () => {
    userMoved = true
    options.onViewportMove?.()
  })
  // Places the user dragged, per view level: kept until the element goes away.
  const dragged = new Map<string, { x: number; y: number }>()
  const dragKey = (id: string): string => `${model?.level ?? ''}|${model?.light ? 'l' : ''}|${id}`
  const grabbedAt = new Map<string, { x: number; y: number }>()

  cy.on('grab', 'node', (evt) => {
    const n = evt.target as NodeSingular
    grabbedAt.set(n.id(), { ...n.position() })
  })
  cy.on('dragfree', 'node', (evt) => {
    overviewCache = null
    const n = evt.target as NodeSingular
    const action = dropAction(n, evt.position, evt.originalEvent ?? null)
    const from = grabbedAt.get(n.id())
    grabbedAt.delete(n.id())
    if (action) {
      // The drop is a command: the element goes back to its place; the new model redraws.
      if (from && n.isChildless()) n.position(from)
      else if (from) n.shift({ x: from.x - n.position().x, y: from.y - n.position().y })
      options.onDrop?.(action)
      return
    }
    const moved = n.isChildless()
      ? [n]
      : n
          .descendants()
          .toArray()
          .filter((d) => d.isChildless())
    for (const m of moved) dragged.set(dragKey(m.id()), { ...m.position() })
  })

  /** What a drop of node `n` at `at` (model coordinates) means, if anything. */
  function dropAction(
    n: NodeSingular,
    at: { x: number; y: number },
    event: MouseEvent | null,
  ): DropAction | null {
    const e = drawn.get(n.id())
    if (!e) return null
    const container = e.container ?? (e.kind === 'container' ? e.record : undefined)
    if (container === undefined) return null
    const network =
      (event && options.dropTargetAt?.(event.clientX, event.clientY)) ?? networkAt(at, n)
    const on = e.networks ?? []
    if (network !== null) {
      if (on.includes(network) && e.kind === 'interface') return null
      return on.includes(network) && e.kind !== 'interface'
        ? null
        : { kind: 'connect', container, network }
    }
    // An endpoint (a container's interface on a network) dragged well away: disconnect.
    if (e.kind === 'interface' && on[0] !== undefined) {
      const from = grabbedAt.get(n.id())
      if (from && Math.hypot(at.x - from.x, at.y - from.y) > DRAG_OFF)
        return { kind: 'disconnect', container, network: on[0] }
    }
    return null
  }

  /** The network whose node (Docker view) or bridge (kernel view) is under a model point. */
  function networkAt(at: { x: number; y: number }, dragging: NodeSingular): string | null {
    for (const e of drawn.values()) {
      const isTarget =
        e.kind === 'network' || (e.kind === 'interface' && e.classes.includes('link-bridge'))
      if (!isTarget || e.networks?.[0] === undefined) continue
      const node = cy.getElementById(e.id)
      if (node.empty() || node.same(dragging)) continue
      const bb = node.boundingBox({ includeLabels: false })
      if (at.x >= bb.x1 && at.x <= bb.x2 && at.y >= bb.y1 && at.y <= bb.y2) return e.networks[0]
    }
    return null
  }

  // Docker view: an endpoint line dragged away from its container and network disconnects.
  let edgeDrag: { id: string; start: { x: number; y: number } } | null = null
  cy.on('tapstart', 'edge.endpoint', (evt) => {
    const e = evt.target as cytoscape.EdgeSingular
    if (e.hasClass('configured')) return
    edgeDrag = { id: e.id(), start: { ...evt.position } }
    cy.userPanningEnabled(false)
    e.addClass('dragging-off')
  })
  cy.on('tapdrag', (evt) => {
    if (!edgeDrag) return
    const far =
      Math.hypot(evt.position.x - edgeDrag.start.x, evt.position.y - edgeDrag.start.y) > DRAG_OFF
    cy.getElementById(edgeDrag.id).toggleClass('dragging-far', far)
  })
  cy.on('tapend', (evt) => {
    if (!edgeDrag) return
    const { id, start } = edgeDrag
    edgeDrag = null
    cy.userPanningEnabled(true)
    const el = cy.getElementById(id)
    el.removeClass('dragging-off dragging-far')
    const e = drawn.get(id)
    if (!e || e.container === undefined || e.networks?.[0] === undefined) return
    if (Math.hypot(evt.position.x - start.x, evt.position.y - start.y) > DRAG_OFF)
      options.onDrop?.({ kind: 'disconnect', container: e.container, network: e.networks[0] })
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

  const resolve = (id: string): cytoscape.CollectionReturnValue => {
    const own = cy.getElementById(id)
    if (own.nonempty()) return own
    const via = standsFor.get(id)
    return via === undefined ? cy.collection() : cy.getElementById(via)
  }

  const placeOf = (e: ViewElement): { x: number; y: number } | undefined =>
    dragged.get(dragKey(e.id)) ?? e.position

  /**
   * Where the drawing is, from the model's places (plus the size of a device box and a margin
   * for compound padding): O(elements) in plain JS, where Cytoscape's bounding box would
   * measure every label (performance.md: that dominates a command's repaint at 1,000).
   */
  function modelBounds(): ModelBox {
    let x1 = Infinity
    let y1 = Infinity
    let x2 = -Infinity
    let y2 = -Infinity
    for (const e of drawn.values()) {
      const p = e.source === undefined ? placeOf(e) : undefined
      if (!p) continue
      const w = (e.size?.w ?? 150) / 2
      const h = (e.size?.h ?? 70) / 2
      x1 = Math.min(x1, p.x - w)
      y1 = Math.min(y1, p.y - h)
      x2 = Math.max(x2, p.x + w)
      y2 = Math.max(y2, p.y + h)
    }
    if (x1 === Infinity) return { x1: 0, y1: 0, w: 0, h: 0 }
    const pad = 60
    return { x1: x1 - pad, y1: y1 - pad, w: x2 - x1 + pad * 2, h: y2 - y1 + pad * 2 }
  }

  /** Fits the whole drawing in view (from the model's bounds; see modelBounds). */
  function fitAll(): void {
    const b = modelBounds()
    const w = cy.width()
    const h = cy.height()
    if (b.w <= 0 || b.h <= 0 || w <= 0 || h <= 0) return
    const margin = 20
    // The legend runs along the bottom edge, over the drawing: keep clear of it.
    const legend = 34
    const zoom = Math.min(
      cy.maxZoom(),
      Math.max(cy.minZoom(), Math.min((w - 2 * margin) / b.w, (h - 2 * margin - legend) / b.h)),
    )
    cy.viewport({
      zoom,
      pan: {
        x: (w - b.w * zoom) / 2 - b.x1 * zoom,
        y: (h - legend - b.h * zoom) / 2 - b.y1 * zoom,
      },
    })
  }

  type Changes = { added: ViewElement[]; updated: ViewElement[]; removed: string[] }

  /** What differs between what is drawn and a model (element identity, then fields). */
  function compare(next: GraphModel): Changes {
    const out: Changes = { added: [], updated: [], removed: [] }
    for (const id of drawn.keys()) if (next.elements[id] === undefined) out.removed.push(id)
    for (const e of Object.values(next.elements)) {
      const old = drawn.get(e.id)
      if (old === undefined) out.added.push(e)
      else if (old !== e) out.updated.push(e)
    }
    return out
  }

  function fromDiff(d: GraphDiff): Changes {
    return {
      added: d.added.filter((e) => !drawn.has(e.id)),
      updated: [...d.updated, ...d.added.filter((e) => drawn.has(e.id))],
      removed: d.removed.filter((id) => drawn.has(id)),
    }
  }

  /** Priority of an element for a record: own record (nodes, then edges), then `stands`. */
  const claims = new Map<string, number>()
  function index(e: ViewElement): void {
    const edgeRank = e.source === undefined ? 0 : 1
    const claim = (record: string, rank: number): void => {
      const cur = claims.get(record)
      if (cur === undefined || rank < cur) {
        claims.set(record, rank)
        standsFor.set(record, e.id)
      }
    }
    claim(e.record, edgeRank)
    for (const r of e.stands ?? []) claim(r, 2 + edgeRank)
  }

  function dimNew(added: readonly ViewElement[]): void {
    for (const e of added) if (!relatedToFocus(e)) cy.getElementById(e.id).addClass('dim')
  }

  function rebuildIndex(): void {
    // A record's own element first (nodes before edges), then elements that stand for it.
    standsFor = new Map()
    claims.clear()
    for (const e of drawn.values()) index(e)
  }

  let focused: Focus | null = null
  /** Whether an element stays bright while the diagram is focused (context always does). */
  function relatedToFocus(e: ViewElement): boolean {
    const f = focused
    if (!f) return true
    if (e.kind === 'host' || e.kind === 'segment' || e.kind === 'title') return true
    if (e.classes.includes('netns-host')) return true
    return (
      (f.network !== undefined && (e.networks ?? []).includes(f.network)) ||
      (f.container !== undefined && (e.container === f.container || e.record === f.container))
    )
  }
  let dimmed = false
  function applyFocus(): void {
    if (!focused && !dimmed) return
    cy.batch(() => {
      cy.elements('.dim').removeClass('dim')
      dimmed = focused !== null
      if (focused)
        for (const e of drawn.values())
          if (!relatedToFocus(e)) cy.getElementById(e.id).addClass('dim')
    })
  }

  const selectedRecord = (): string | null => {
    const s = cy.nodes(':selected').first()
    return s.nonempty() ? String(s.data('record')) : null
  }

  return {
    applyGraph(next, diff) {
      const full =
        !model ||
        model.level !== next.level ||
        model.light !== next.light ||
        model.rules !== next.rules ||
        diff === undefined ||
        diff.full
      const keep = full ? selectedRecord() : null
      // What changed: the worker's diff when it continues what is drawn, else a comparison.
      const changed = full ? compare(next) : fromDiff(diff)
      cy.batch(() => {
        if (
          full &&
          model &&
          (model.level !== next.level || model.light !== next.light || model.rules !== next.rules)
        ) {
          cy.elements().remove()
          drawn = new Map()
          changed.added = Object.values(next.elements)
          changed.updated = []
          changed.removed = []
        }
        for (const id of changed.removed) {
          cy.getElementById(id).remove()
          drawn.delete(id)
        }
        const added: ViewElement[] = [...changed.added]
        for (const e of changed.updated) {
          const old = drawn.get(e.id)
          drawn.set(e.id, e)
          if (!old) {
            added.push(e)
            continue
          }
          const ele = cy.getElementById(e.id) as unknown as NodeSingular
          if (old.label !== e.label) ele.data('label', e.label)
          if (old.color !== e.color) ele.data('color', e.color)
          if (old.bend !== e.bend && e.bend !== undefined) ele.data('bend', `${e.bend} ${e.bend}`)
          if (old.classes !== e.classes) ele.classes(e.classes)
          if (old.parent !== e.parent || old.source !== e.source || old.target !== e.target) {
            ele.remove()
            added.push(e)
          } else if (e.position && !dragged.has(dragKey(e.id))) {
            const cur = ele.position()
            if (cur.x !== e.position.x || cur.y !== e.position.y) ele.position({ ...e.position })
          }
        }
        for (const e of added) drawn.set(e.id, e)
        added.sort((a, b) => rank(a) - rank(b))
        if (added.length) cy.add(added.map((e) => toDefinition(e, placeOf(e))))
        if (focused && added.length) dimNew(added)
      })
      const grew = changed.added.length > 0
      model = next
      overviewCache = null
      if (full || changed.removed.length > 0) rebuildIndex()
      else for (const e of [...changed.added, ...changed.updated]) index(e)
      if (changed.removed.length)
        for (const k of dragged.keys())
          if (k.startsWith(`${next.level}|`) && !drawn.has(k.split('|')[2] ?? '')) dragged.delete(k)
      if (keep !== null) this.select(keep)
      if (full) applyFocus()
      if (grew && !userMoved) fitAll()
    },
    select(record) {
      const target = record === null ? cy.collection() : resolve(record)
      const now = cy.$(':selected')
      if (now.length === target.length && (target.empty() || now.same(target))) return
      cy.batch(() => {
        now.unselect()
        target.select()
      })
    },
    elements() {
      return [...drawn.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    },
    boundingBox(id) {
      const ele = resolve(id)
      if (ele.empty()) return null
      const bb = ele.renderedBoundingBox({ includeLabels: false })
      const origin = options.container.getBoundingClientRect()
      return { x: origin.left + bb.x1, y: origin.top + bb.y1, width: bb.w, height: bb.h }
    },
    fit() {
      userMoved = false
      fitAll()
    },
    fitTo(ids) {
      let path = cy.collection()
      for (const id of new Set(ids)) path = path.union(resolve(id))
      if (path.empty()) return
      userMoved = true
      cy.fit(path, 30)
      if (cy.zoom() > 1.2)
        cy.zoom({ level: 1.2, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } })
      options.onViewportMove?.()
    },
    zoomBy(factor) {
      userMoved = true
      const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor))
      cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } })
    },
    centerOnSelection() {
      const s = cy.elements(':selected')
      if (s.empty()) return
      userMoved = true
      cy.center(s)
    },
    focus(on) {
      focused = on
      applyFocus()
    },
    highlight(ids) {
      const target = ids.map((id) => resolve(id)).find((e) => e.nonempty())
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
    setTheme(next) {
      theme = next
      cy.style(stylesheet(theme, { webgl: options.webgl === true }))
    },
    exportPng() {
      return cy.png({
        output: 'blob-promise',
        full: true,
        scale: 2,
        bg: theme === 'dark' ? '#0f172a' : '#f8fafc',
      })
    },
    exportSvg() {
      return toSvg(cy, theme)
    },
    resize() {
      cy.resize()
      if (!userMoved) fitAll()
    },
    onViewport(fn) {
      // `render` also covers positions changed by a new model.
      cy.on('viewport resize render', fn)
      return () => {
        cy.off('viewport resize render', fn)
      }
    },
    step(delta) {
      const nodes = (
        cy
          .nodes()
          .filter((n) => !n.hasClass('dim') && n.isChildless())
          .toArray() as NodeSingular[]
      ).sort((a, b) => {
        const pa = a.position()
        const pb = b.position()
        return pa.y - pb.y || pa.x - pb.x
      })
      if (nodes.length === 0) return null
      const cur = cy.nodes(':selected').first()
      const at = cur.nonempty() ? nodes.findIndex((n) => n.same(cur)) : -1
      const next = nodes[(at + delta + nodes.length) % nodes.length] ?? nodes[0]
      if (!next) return null
      cy.batch(() => {
        cy.elements(':selected').unselect()
        next.select()
      })
      const bb = next.renderedBoundingBox({})
      if (bb.x1 < 0 || bb.y1 < 0 || bb.x2 > cy.width() || bb.y2 > cy.height()) cy.center(next)
      return String(next.data('record'))
    },
    selectedElement() {
      const s = cy.elements(':selected').first()
      return s.nonempty() ? (drawn.get(s.id()) ?? null) : null
    },
    selectedPoint() {
      const s = cy.nodes(':selected').first()
      if (s.empty()) return null
      const p = s.renderedPosition()
      return { x: p.x, y: p.y }
    },
    overview() {
      // Bounds and dots change with the model (and drags), not with pan or zoom: made once.
      if (!overviewCache) {
        const nodes: { x: number; y: number; color: string }[] = []
        for (const e of drawn.values()) {
          const p = e.source === undefined ? placeOf(e) : undefined
          if (p) nodes.push({ x: p.x, y: p.y, color: e.color ?? '#64748b' })
        }
        overviewCache = { bounds: modelBounds(), nodes }
      }
      const ex = cy.extent()
      return { ...overviewCache, visible: { x1: ex.x1, y1: ex.y1, w: ex.w, h: ex.h } }
    },
    panTo(x, y) {
      userMoved = true
      const z = cy.zoom()
      cy.pan({ x: cy.width() / 2 - x * z, y: cy.height() / 2 - y * z })
      options.onViewportMove?.()
    },
    destroy() {
      cy.destroy()
    },
  }
}
