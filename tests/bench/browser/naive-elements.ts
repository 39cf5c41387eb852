// The naive baseline's elements: the same world (the same commands replayed on the same seed in
// Node) drawn in the kernel view's full representation, i.e. hosts and namespaces as labelled
// compound parents, which the app leaves for its light representation above LIGHT_ABOVE. The
// app's own placement code gives the positions.

import type { ElementDefinition } from 'cytoscape'
import { kernelView } from '../../../src/view/graph/kernel-view'
import type { ViewElement } from '../../../src/view/graph/types'
import { indexWorld } from '../../../src/view/graph/world-index'
import { createTestLab } from '../../helpers/lab'

export function toDefinitions(elements: readonly ViewElement[]): ElementDefinition[] {
  const parents = new Set(elements.flatMap((e) => (e.parent === undefined ? [] : [e.parent])))
  const nodes: ElementDefinition[] = []
  const edges: ElementDefinition[] = []
  for (const e of elements) {
    if (e.source !== undefined && e.target !== undefined) {
      edges.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target } })
      continue
    }
    const data = {
      id: e.id,
      label: e.label,
      ...(e.parent === undefined ? {} : { parent: e.parent }),
    }
    const position = parents.has(e.id) ? undefined : e.position
    nodes.push({ group: 'nodes', data, ...(position ? { position: { ...position } } : {}) })
  }
  return [...nodes, ...edges]
}

/** Replays `commands` from the default seed; returns the full kernel view as Cytoscape input. */
export function fullKernelElements(commands: readonly string[]): ElementDefinition[] {
  const lab = createTestLab()
  for (const line of commands) {
    const r = lab.run(line)
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`)
  }
  const view = kernelView(indexWorld(lab.snapshot()), lab.world, { light: false, rules: false })
  return toDefinitions(view)
}
