// `window.dockerNetworkLab`: the page-level API for embedding and tests. Commands run through
// the same path as typed ones (and are echoed in the terminal); `elements()` is what is drawn.

import type { Snapshot } from '../engine'
import type { Box, GraphAdapter } from './graph/graph-adapter'
import type { GraphElement } from './graph/to-elements'
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
  /** The elements the graph draws: id, kind, label, parent, source/target. */
  elements(): GraphElement[]
  /** Where an element is drawn, in viewport pixels (for tours, overlays and tests). */
  boundingBox(id: string): Box | null
  /** The element the trace player's current step highlights on the graph. */
  highlighted(): string | null
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
  }
}

declare global {
  interface Window {
    dockerNetworkLab?: DockerNetworkLabApi
  }
}
