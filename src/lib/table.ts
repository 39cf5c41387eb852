// A persistent map as plain data: a two-level trie, 32 × 32 slots indexed by a hash of the key,
// so a change copies two 32-slot arrays and one small bucket instead of the whole map. Arrays
// (with `null` for empty slots) keep it JSON- and structuredClone-safe and cheap to copy.
// O(1) lookups; iteration order is by slot, then by insertion within a bucket (deterministic).

type Leaf<V> = Readonly<Record<string, V>>
type Mid<V> = readonly (Leaf<V> | null)[]

export type Table<V> = readonly (Mid<V> | null)[]

export const EMPTY_TABLE: Table<never> = []

/**
 * Returns a record the caller may write: a copy, or the record itself when the caller already
 * owns it (a command's copy-on-write draft, engine/model/draft.ts).
 */
export type Own = <T extends object>(record: T) => { -readonly [K in keyof T]: T[K] }

const copy: Own = <T extends object>(record: T) =>
  (Array.isArray(record) ? record.slice() : { ...record }) as { -readonly [K in keyof T]: T[K] }

function hashOf(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return h >>> 0
}

export function tableGet<V>(t: Table<V>, key: string): V | undefined {
  const h = hashOf(key)
  return t[h & 31]?.[(h >>> 5) & 31]?.[key]
}

export function tableHas<V>(t: Table<V>, key: string): boolean {
  return tableGet(t, key) !== undefined
}

export function tableValues<V>(t: Table<V>): V[] {
  const out: V[] = []
  for (const mid of t)
    if (mid) for (const leaf of mid) if (leaf) for (const v of Object.values(leaf)) out.push(v)
  return out
}

/** The first value (in iteration order) `pred` accepts, without building the list. */
export function tableFind<V>(t: Table<V>, pred: (v: V) => boolean): V | undefined {
  for (const mid of t)
    if (mid)
      for (const leaf of mid)
        if (leaf)
          for (const k in leaf) {
            const v = leaf[k] as V
            if (pred(v)) return v
          }
  return undefined
}

export function tableKeys<V>(t: Table<V>): string[] {
  const out: string[] = []
  for (const mid of t) if (mid) for (const leaf of mid) if (leaf) out.push(...Object.keys(leaf))
  return out
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true
  return false
}

const slots = <T>(arr: readonly T[] | null | undefined): (T | null)[] => {
  const out: (T | null)[] = arr ? arr.slice() : []
  while (out.length < 32) out.push(null)
  return out
}

/**
 * The table with `key` set to `value` (or removed, for `undefined`); `t` is left as it was
 * unless `own` says the caller owns it (then owned parts are written in place).
 */
export function tableWith<V>(
  t: Table<V>,
  key: string,
  value: V | undefined,
  own: Own = copy,
): Table<V> {
  const h = hashOf(key)
  const a = h & 31
  const b = (h >>> 5) & 31
  const oldMid = t[a] ?? null
  const oldLeaf = oldMid?.[b] ?? null
  if (value === undefined && (oldLeaf === null || !(key in oldLeaf))) return t
  const leaf = (oldLeaf ? own(oldLeaf) : {}) as Record<string, V>
  const removing = value === undefined
  if (removing) delete leaf[key]
  else leaf[key] = value
  const mid = oldMid && oldMid.length === 32 ? own(oldMid) : slots(oldMid)
  // Emptied slots go back to null (only a removal can empty one).
  mid[b] = !removing || hasKeys(leaf) ? leaf : null
  const top = t.length === 32 ? own(t) : slots(t)
  top[a] = !removing || mid.some((l) => l !== null) ? mid : null
  return top
}
