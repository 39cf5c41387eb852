// Copy-on-write within one command: the first change to a record copies it (shallowly) and marks
// the copy as owned by the command; later changes to it in the same command write in place.
// Records of committed worlds are never written, so they stay immutable and shared; a command
// costs O(size of each record it touches) once, not once per operation (like Immer's drafts).

export type Mutable<T> = { -readonly [K in keyof T]: T[K] }

export class Draft {
  private readonly owned = new Set<object>()

  /** A copy of `record` this command may write (the record itself if already owned). */
  own<T extends object>(record: T): Mutable<T> {
    if (this.owned.has(record)) return record
    const copy = (Array.isArray(record) ? record.slice() : { ...record }) as Mutable<T>
    this.owned.add(copy)
    return copy
  }

  /** Marks a record built by this command as owned, so later changes need not copy it. */
  adopt<T extends object>(record: T): T {
    this.owned.add(record)
    return record
  }
}
