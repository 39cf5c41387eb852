// The lexer's tokens, after go1.24 text/template/parse/lex.go (item, itemType, item.String).

import { quote } from './strconv'

const KEYWORD_NAMES = [
  'block',
  'break',
  'continue',
  'define',
  'else',
  'end',
  'if',
  'nil',
  'range',
  'template',
  'with',
] as const

type Keyword = (typeof KEYWORD_NAMES)[number] | 'dot'

export const KEYWORDS: ReadonlyMap<string, Keyword> = new Map(KEYWORD_NAMES.map((k) => [k, k]))

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  | Keyword

/** A token: its type, position (JS string index) and text, and its line for parse errors. */
export type Item = {
  readonly type: ItemType
  readonly pos: number
  readonly val: string
  readonly line: number
}

const KEYWORD_TYPES: ReadonlySet<ItemType> = new Set<ItemType>([...KEYWORD_NAMES, 'dot'])

/** item.String(): how the parser names a token in "unexpected ..." errors. */
export function itemString(item: Item): string {
  if (item.type === 'eof') return 'EOF'
  if (item.type === 'error') return item.val
  if (KEYWORD_TYPES.has(item.type)) return `<${item.val}>`
  const runes = [...item.val]
  return runes.length > 10 ? `${quote(runes.slice(0, 10).join(''))}...` : quote(item.val)
}
