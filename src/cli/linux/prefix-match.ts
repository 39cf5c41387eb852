// How the tools accept abbreviated words. Mirrors iproute2 6.1 lib/utils.c matches (any prefix,
// first keyword in table order wins) and busybox libbb/compare_string_array.c
// index_in_substrings (exact, else a unique prefix).

/** iproute2's `matches`: the word is a non-empty prefix of the keyword. */
export const matches = (word: string, keyword: string): boolean =>
  word.length > 0 && keyword.startsWith(word)

/** libbb index_in_substrings: an exact match, else the one keyword the word abbreviates. */
export function indexInSubstrings(keywords: readonly string[], word: string): number {
  if (word === '') return -1
  const exact = keywords.indexOf(word)
  if (exact >= 0) return exact
  const hits = keywords.flatMap((k, i) => (k.startsWith(word) ? [i] : []))
  return hits.length === 1 ? (hits[0] ?? -1) : -1
}
