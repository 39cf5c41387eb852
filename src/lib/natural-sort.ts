// Natural order as Docker sorts names (`docker network ls`): runs of digits compare by value,
// like github.com/fvbommel/sortorder NaturalLess, which the CLI uses.

const isDigit = (c: number): boolean => c >= 48 && c <= 57

export function naturalCompare(a: string, b: string): number {
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i)
    const cb = b.charCodeAt(j)
    if (isDigit(ca) && isDigit(cb)) {
      let ei = i
      let ej = j
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++
      // Compare by value: strip leading zeros, then longer is larger, then lexically.
      const da = a.slice(i, ei).replace(/^0+/, '')
      const db = b.slice(j, ej).replace(/^0+/, '')
      if (da.length !== db.length) return da.length - db.length
      if (da !== db) return da < db ? -1 : 1
      // Equal values: fewer leading zeros first.
      if (ei - i !== ej - j) return ei - i - (ej - j)
      i = ei
      j = ej
      continue
    }
    if (ca !== cb) return ca - cb
    i++
    j++
  }
  return a.length - i - (b.length - j)
}
