// Broken invariants throw; expected failures are Results (see result.ts).

export class InvariantError extends Error {
  override name = 'InvariantError'
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantError(message)
}

/** Ends an exhaustive switch: fails to compile when a union member is not handled. */
export function exhaustive(value: never): never {
  throw new InvariantError(`unhandled variant: ${JSON.stringify(value)}`)
}
