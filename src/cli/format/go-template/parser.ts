// The parser's state and token primitives, after go1.24 text/template/parse/parse.go (next,
// peek, backup, errorf, unexpected, expect): shared by parse.ts and pipeline.ts.

import type { Item, ItemType } from './items'
import { itemString } from './items'
import type { ListNode } from './nodes'

/** Parsing stops at the first error, as Go's parser panics and recovers. */
export class ParseFailure extends Error {}

export type Parser = {
  readonly items: readonly Item[]
  readonly trees: Map<string, ListNode>
  cursor: number
  /** The furthest item read: Go reports parse errors on the line of its latest token. */
  furthest: number
  vars: string[]
  rangeDepth: number
  actionLine: number
}

function item(p: Parser, i: number): Item {
  p.furthest = Math.max(p.furthest, Math.min(i, p.items.length - 1))
  const last = p.items[p.items.length - 1]
  const found = p.items[i] ?? last
  if (found === undefined) throw new ParseFailure('template: :1: unexpected EOF')
  return found
}

export const next = (p: Parser): Item => item(p, p.cursor++)
export const peek = (p: Parser): Item => item(p, p.cursor)
export const backup = (p: Parser): void => void p.cursor--

export function nextNonSpace(p: Parser): Item {
  let token = next(p)
  while (token.type === 'space') token = next(p)
  return token
}

export function peekNonSpace(p: Parser): Item {
  const token = nextNonSpace(p)
  backup(p)
  return token
}

export function errorf(p: Parser, message: string): never {
  const line = p.items[p.furthest]?.line ?? 1
  throw new ParseFailure(`template: :${line}: ${message}`)
}

export function unexpected(p: Parser, token: Item, context: string): never {
  if (token.type === 'error') {
    let extra = ''
    if (p.actionLine !== 0 && p.actionLine !== token.line) {
      extra = ` in action started at :${p.actionLine}`
      if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length)
    }
    errorf(p, `${itemString(token)}${extra}`)
  }
  errorf(p, `unexpected ${itemString(token)} in ${context}`)
}

export function expect(p: Parser, type: ItemType, context: string): Item {
  const token = nextNonSpace(p)
  if (token.type !== type) unexpected(p, token, context)
  return token
}
