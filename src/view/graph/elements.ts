// Small constructors shared by both views.

import type { RecordId } from '../../engine'
import type { ViewElement, ViewElementKind } from './types'

export type Pos = { readonly x: number; readonly y: number }

type NodeExtra = Partial<
  Pick<ViewElement, 'parent' | 'stands' | 'color' | 'networks' | 'container' | 'size' | 'bend'>
>

/** The box a monospace text of these lines needs (font-size 10: ~6 px a character). */
export function textSize(lines: readonly string[], font = 10): { w: number; h: number } {
  const chars = Math.max(...lines.map((l) => l.length), 1)
  return { w: Math.ceil(chars * font * 0.62) + 14, h: Math.ceil(lines.length * font * 1.3) + 10 }
}

export function node(
  kind: ViewElementKind,
  id: string,
  label: string,
  record: RecordId,
  classes: string,
  position: Pos | undefined,
  extra: NodeExtra = {},
): ViewElement {
  return {
    id,
    kind,
    label,
    record,
    classes,
    ...(position ? { position } : {}),
    ...compact(extra),
  }
}

export function edge(
  kind: ViewElementKind,
  id: string,
  source: string,
  target: string,
  record: RecordId,
  extra: NodeExtra & { readonly label?: string; readonly classes?: string } = {},
): ViewElement {
  const { label = '', classes = kind, ...rest } = extra
  return { id, kind, label, source, target, record, classes, ...compact(rest) }
}

/** Drops undefined and empty-array fields: the model stays small and diffs stay stable. */
function compact(extra: NodeExtra): NodeExtra {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(extra))
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) out[k] = v
  return out
}

/**
 * Elements made for one unit (a namespace, a container) last time, with what they were made
 * from: when every input is the same object (records keep their identity while unchanged), the
 * same element objects are reused, so a change rebuilds and diffs only what it touched.
 */
export type CachedUnit = {
  readonly key: readonly unknown[]
  readonly elements: readonly ViewElement[]
}
export type UnitCache = {
  get(id: string): CachedUnit | undefined
  set(id: string, unit: CachedUnit): void
}

export const sameKey = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i])
