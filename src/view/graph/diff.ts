// Graph model diffs: the worker compares the new model with the last one sent, element by
// element (structurally; a rebuilt element equal to the old one keeps the old identity), and
// the UI applies the diff keeping unchanged elements' identity, so the adapter repaints only
// what changed.

import { plainEqual } from '../../lib/record-diff'
import type { GraphDiff, GraphModel, ViewElement } from './types'

/** The diff from `prev` to `next`; `full` when there is no previous model or the view changed. */
export function diffGraph(prev: GraphModel | undefined, next: GraphModel): GraphDiff {
  const head = { level: next.level, rules: next.rules, light: next.light, legend: next.legend }
  if (!prev || prev.level !== next.level || prev.rules !== next.rules || prev.light !== next.light)
    return { ...head, full: true, added: Object.values(next.elements), updated: [], removed: [] }
  const added: ViewElement[] = []
  const updated: ViewElement[] = []
  const removed: string[] = []
  for (const [id, e] of Object.entries(next.elements)) {
    const old = prev.elements[id]
    if (old === undefined) added.push(e)
    else if (old !== e && !plainEqual(old, e)) updated.push(e)
  }
  for (const id of Object.keys(prev.elements)) if (next.elements[id] === undefined) removed.push(id)
  return { ...head, full: false, added, updated, removed }
}

/** True when the diff changes nothing (no need to send it). */
export function emptyGraphDiff(prev: GraphModel | undefined, d: GraphDiff): boolean {
  return (
    !d.full &&
    d.added.length === 0 &&
    d.updated.length === 0 &&
    d.removed.length === 0 &&
    prev !== undefined &&
    plainEqual(prev.legend, d.legend)
  )
}

/** Applies a diff to the model it was made from (a full diff replaces it). */
export function applyGraphDiff(prev: GraphModel | undefined, d: GraphDiff): GraphModel {
  const base = d.full || !prev ? {} : prev.elements
  const elements: Record<string, ViewElement> = { ...base }
  for (const id of d.removed) delete elements[id]
  for (const e of d.added) elements[e.id] = e
  for (const e of d.updated) elements[e.id] = e
  return { level: d.level, rules: d.rules, light: d.light, legend: d.legend, elements }
}
