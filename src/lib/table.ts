// A persistent map as plain data: a two-level trie of 32 × 32 buckets by a hash of the key, so
// a change copies two 32-entry indexes and one small bucket instead of the whole map. JSON- and
// structuredClone-safe like any record; O(1) lookups; iteration order is by bucket, then by
// insertion within a bucket (deterministic, not insertion order overall).

type Leaf<V> = Readonly<Record<string, V>>
type Mid<V> = Readonly<Record<string, Leaf<V>>>

export type Table<V> = { readonly [bucket: string]: Mid<V> }

export const EMPTY_TABLE: Table<never> = {}

/**
 * Returns a record the caller may write: a copy, or the record itself when the caller already
 * owns it (a command's copy-on-write draft, engine/model/draft.ts).
 */
export type Own = <T extends object>(record: T) => { -readonly [K in keyof T]: T[K] }

const copy: Own = (record) => ({ ...record })

function hashOf(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return h >>> 0
}

function bucketsOf(key: string): [string, string] {
  const h = hashOf(key)
  return [`a${h & 31}`, `b${(h >>> 5) & 31}`]
}

export function tableGet<V>(t: Table<V>, key: string): V | undefined {
  const [a, b] = bucketsOf(key)
  return t[a]?.[b]?.[key]
}

export function tableHas<V>(t: Table<V>, key: string): boolean {
  return tableGet(t, key) !== undefined
}

export function tableValues<V>(t: Table<V>): V[] {
  const out: V[] = []
  for (const mid of Object.values(t))
    for (const leaf of Object.values(mid)) for (const v of Object.values(leaf)) out.push(v)
  return out
}

export function tableKeys<V>(t: Table<V>): string[] {
  const out: string[] = []
  for (const mid of Object.values(t))
    for (const leaf of Object.values(mid)) out.push(...Object.keys(leaf))
  return out
}

export function tableSize<V>(t: Table<V>): number {
  return tableKeys(t).length
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
  const [a, b] = bucketsOf(key)
  const leaf = own(t[a]?.[b] ?? {}) as Record<string, V>
  if (value === undefined) delete leaf[key]
  else leaf[key] = value
  const mid = own(t[a] ?? {}) as Record<string, Leaf<V>>
  if (Object.keys(leaf).length === 0) delete mid[b]
  else mid[b] = leaf
  const top = own(t) as Record<string, Mid<V>>
  if (Object.keys(mid).length === 0) delete top[a]
  else top[a] = mid
  return top
}

export function tableFrom<V>(entries: Iterable<readonly [string, V]>): Table<V> {
  let t: Table<V> = EMPTY_TABLE
  for (const [k, v] of entries) t = tableWith(t, k, v)
  return t
}
