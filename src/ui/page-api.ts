// `window.dockerNetworkLab`: the page-level API for embedding and tests. Commands run through
// the same path as typed ones (and are echoed in the terminal); `elements()` is what is drawn.

import type { Snapshot } from '../engine'
import type { Box, GraphAdapter } from './graph/graph-adapter'
import type { ViewElement, ViewOptions } from '../view/graph/types'
import type { LabStore } from './store/lab-store'

export type RunResult = {
  readonly stdout: string
  readonly stderr: string
  readonly exitCode: number
}

export interface DockerNetworkLabApi {
  /** Runs a command line in the terminal and resolves with what it printed. */
  run(command: string): Promise<RunResult>
  /** The current snapshot of the world (after the engine is ready). */
  snapshot(): Promise<Snapshot>
  /** The elements the graph draws: id, kind, label, parent, source/target, position. */
  elements(): ViewElement[]
  /** Where an element is drawn, in viewport pixels (for tours, overlays and tests). */
  boundingBox(id: string): Box | null
  /** The element the trace player's current step highlights on the graph. */
  highlighted(): string | null
  /**
   * Switches the diagram (Docker or kernel view, rules overlay); resolves once the new model is
   * drawn.
   */
  setView(options: Partial<ViewOptions>): Promise<void>
  /** Resolves once the diagram draws the engine's latest world (after `run`, before asserting). */
  settled(): Promise<void>
  /** The drawing as an SVG document (what "Export SVG" downloads). */
  exportSvg(): string
  /** The element drawn as selected (the inspector shows its record). */
  selectedElement(): ViewElement | null
  /** Fits the whole diagram in view (the toolbar's Fit). */
  fit(): void
}

export function createPageApi(
  store: LabStore,
  adapter: () => GraphAdapter | null,
): DockerNetworkLabApi {
  const whenReady = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const { status, error } = store.getState()
        if (status === 'ready') resolve()
        else if (status === 'failed') reject(new Error(error ?? 'engine failed'))
        else return false
        return true
      }
      if (check()) return
      const unsubscribe = store.subscribe(() => {
        if (check()) unsubscribe()
      })
    })
  return {
    async run(command) {
      await whenReady()
      const { stdout, stderr, exitCode } = await store.getState().runCommand(command)
      return { stdout, stderr, exitCode }
    },
    async snapshot() {
      await whenReady()
      const s = store.getState().snapshot
      if (!s) throw new Error('no snapshot')
      return s
    },
    elements: () => adapter()?.elements() ?? [],
    boundingBox: (id) => adapter()?.boundingBox(id) ?? null,
    highlighted: () => adapter()?.highlighted() ?? null,
    async setView(options) {
      await whenReady()
      store.getState().setView(options)
      const want = store.getState().view
      await until(store, (s) => s.graph?.level === want.level && s.graph.rules === want.rules)
    },
    async settled() {
      await whenReady()
      await until(store, (s) => s.graph !== null)
      // The model is applied synchronously on the store change; one frame paints it.
      await new Promise<void>((r) => requestAnimationFrame(() => r()))
    },
    exportSvg: () => adapter()?.exportSvg() ?? '',
    selectedElement: () => adapter()?.selectedElement() ?? null,
    fit: () => adapter()?.fit(),
  }
}

/** Resolves when the store satisfies `ok` (now or after some change). */
function until(
  store: LabStore,
  ok: (s: ReturnType<LabStore['getState']>) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    if (ok(store.getState())) return resolve()
    const unsubscribe = store.subscribe((s) => {
      if (ok(s)) {
        unsubscribe()
        resolve()
      }
    })
  })
}

declare global {
  interface Window {
    dockerNetworkLab?: DockerNetworkLabApi
  }
}
