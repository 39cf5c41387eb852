// Diffs between two record maps by reference: a record that kept its identity is unchanged
// (the engine reuses unchanged records, see engine/snapshot). Used on both sides of the worker.

export type RecordMap<R extends { readonly id: string }> = Readonly<Record<string, R>>

export type RecordDiff<R extends { readonly id: string }> = {
  readonly added: readonly R[]
  readonly updated: readonly R[]
  readonly removed: readonly string[]
}

export function diffRecords<R extends { readonly id: string }>(
  prev: RecordMap<R>,
  next: RecordMap<R>,
): RecordDiff<R> {
  const added: R[] = []
  const updated: R[] = []
  const removed: string[] = []
  for (const [id, rec] of Object.entries(next)) {
    const old = prev[id]
    if (old === undefined) added.push(rec)
    else if (old !== rec) updated.push(rec)
  }
  for (const id of Object.keys(prev)) if (next[id] === undefined) removed.push(id)
  return { added, updated, removed }
}

export function applyRecordDiff<R extends { readonly id: string }>(
  records: RecordMap<R>,
  diff: RecordDiff<R>,
): RecordMap<R> {
  const out: Record<string, R> = { ...records }
  for (const id of diff.removed) delete out[id]
  for (const r of diff.added) out[r.id] = r
  for (const r of diff.updated) out[r.id] = r
  return out
}

/** Structural equality of JSON-like plain data (records are small; used to keep identities). */
export function plainEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  return ka.every((k) => Object.hasOwn(rb, k) && plainEqual(ra[k], rb[k]))
}
