// A persistent map as plain data: entries spread over 64 buckets by a hash of the key, so a
// change copies one small bucket and the 64-entry index instead of the whole map. JSON- and
// structuredClone-safe like any record; O(1) lookups; iteration order is by bucket, then by
// insertion within a bucket (deterministic, not insertion order overall).

export type Table<V> = { readonly [bucket: string]: Readonly<Record<string, V>> }

export const EMPTY_TABLE: Table<never> = {}

const BUCKETS = 64

function bucketOf(key: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return String((h >>> 0) % BUCKETS)
}

export function tableGet<V>(t: Table<V>, key: string): V | undefined {
  return t[bucketOf(key)]?.[key]
}

export function tableHas<V>(t: Table<V>, key: string): boolean {
  return tableGet(t, key) !== undefined
}

export function tableValues<V>(t: Table<V>): V[] {
  const out: V[] = []
  for (const b of Object.values(t)) for (const v of Object.values(b)) out.push(v)
  return out
}

export function tableKeys<V>(t: Table<V>): string[] {
  return Object.values(t).flatMap((b) => Object.keys(b))
}

export function tableSize<V>(t: Table<V>): number {
  let n = 0
  for (const b of Object.values(t)) n += Object.keys(b).length
  return n
}

/** The table with `key` set to `value` (or removed, for `undefined`); `t` is left as it was. */
export function tableWith<V>(t: Table<V>, key: string, value: V | undefined): Table<V> {
  const b = bucketOf(key)
  const bucket: Record<string, V> = { ...t[b] }
  if (value === undefined) delete bucket[key]
  else bucket[key] = value
  const next: Record<string, Readonly<Record<string, V>>> = { ...t }
  if (Object.keys(bucket).length === 0) delete next[b]
  else next[b] = bucket
  return next
}

export function tableFrom<V>(entries: Iterable<readonly [string, V]>): Table<V> {
  let t: Table<V> = EMPTY_TABLE
  for (const [k, v] of entries) t = tableWith(t, k, v)
  return t
}
