// The template lexer, after go1.24 text/template/parse/lex.go: a state machine that turns the
// text into items (text, delimiters, fields, numbers, ...), trimming spaces around `{{- ` and
// ` -}}` and dropping comments. It stops at the first error item, as Go's does.

import { isAlphaNumeric, isPrint } from './go-strings'
import type { Item, ItemType } from './items'
import { KEYWORDS } from './items'
import { quote } from './strconv'

type Lexer = {
  readonly input: string
  readonly items: Item[]
  pos: number
  start: number
  width: number
  parenDepth: number
}

type StateFn = (l: Lexer) => StateFn | null

/** Lexes the whole input; the last item is EOF, or an error followed by EOF. */
export function lex(input: string): Item[] {
  const l: Lexer = { input, items: [], pos: 0, start: 0, width: 0, parenDepth: 0 }
  for (let state: StateFn | null = lexText; state;) state = state(l)
  if (l.items[l.items.length - 1]?.type !== 'eof') emit(l, 'eof')
  return l.items
}

const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\r' || c === '\n'
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'
const hasLeftTrimMarker = (s: string, i: number): boolean => s[i] === '-' && isSpace(s[i + 1])
const hasRightTrimMarker = (s: string, i: number): boolean => isSpace(s[i]) && s[i + 1] === '-'

function lineAt(input: string, pos: number): number {
  let line = 1
  for (let i = input.indexOf('\n'); i >= 0 && i < pos; i = input.indexOf('\n', i + 1)) line++
  return line
}

function next(l: Lexer): string | undefined {
  const cp = l.input.codePointAt(l.pos)
  if (cp === undefined) {
    l.width = 0
    return undefined
  }
  const ch = String.fromCodePoint(cp)
  l.width = ch.length
  l.pos += l.width
  return ch
}

function backup(l: Lexer): void {
  l.pos -= l.width
}

function peek(l: Lexer): string | undefined {
  const ch = next(l)
  backup(l)
  return ch
}

function accept(l: Lexer, valid: string): boolean {
  const ch = next(l)
  if (ch !== undefined && valid.includes(ch)) return true
  backup(l)
  return false
}

function acceptRun(l: Lexer, valid: string): void {
  while (accept(l, valid));
}

function emit(l: Lexer, type: ItemType): void {
  const val = l.input.slice(l.start, l.pos)
  l.items.push({ type, pos: l.start, val, line: lineAt(l.input, l.start) })
  l.start = l.pos
}

function ignore(l: Lexer): void {
  l.start = l.pos
}

function errorf(l: Lexer, message: string): null {
  l.items.push({ type: 'error', pos: l.start, val: message, line: lineAt(l.input, l.start) })
  return null
}

/** %#U: U+0041 'A'. */
function formatU(ch: string | undefined): string {
  const cp = ch?.codePointAt(0) ?? 0xfffd
  const u = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
  return isPrint(cp) ? `${u} '${String.fromCodePoint(cp)}'` : u
}

/** Spaces (" \t\r\n") at the end of s, which a left trim marker removes. */
const rightTrimLength = (s: string): number => s.length - s.replace(/[ \t\r\n]+$/, '').length
const leftTrimLength = (s: string): number => s.length - s.replace(/^[ \t\r\n]+/, '').length

function lexText(l: Lexer): StateFn | null {
  const x = l.input.indexOf('{{', l.pos)
  if (x < 0) {
    l.pos = l.input.length
    if (l.pos > l.start) emit(l, 'text')
    emit(l, 'eof')
    return null
  }
  const trim = hasLeftTrimMarker(l.input, x + 2) ? rightTrimLength(l.input.slice(l.start, x)) : 0
  l.pos = x - trim
  if (l.pos > l.start) emit(l, 'text')
  l.pos = x
  ignore(l)
  return lexLeftDelim
}

function atRightDelim(l: Lexer): { delim: boolean; trim: boolean } {
  if (hasRightTrimMarker(l.input, l.pos) && l.input.startsWith('}}', l.pos + 2)) {
    return { delim: true, trim: true }
  }
  return { delim: l.input.startsWith('}}', l.pos), trim: false }
}

function lexLeftDelim(l: Lexer): StateFn {
  l.pos += 2
  const afterMarker = hasLeftTrimMarker(l.input, l.pos) ? 2 : 0
  if (l.input.startsWith('/*', l.pos + afterMarker)) {
    l.pos += afterMarker
    ignore(l)
    return lexComment
  }
  emit(l, 'leftDelim')
  l.pos += afterMarker
  ignore(l)
  l.parenDepth = 0
  return lexInsideAction
}

function lexComment(l: Lexer): StateFn | null {
  l.pos += 2
  const end = l.input.indexOf('*/', l.pos)
  if (end < 0) return errorf(l, 'unclosed comment')
  l.pos = end + 2
  const { delim, trim } = atRightDelim(l)
  if (!delim) return errorf(l, 'comment ends before closing delimiter')
  l.pos += (trim ? 2 : 0) + 2
  if (trim) l.pos += leftTrimLength(l.input.slice(l.pos))
  ignore(l)
  return lexText
}

function lexRightDelim(l: Lexer): StateFn {
  const trim = hasRightTrimMarker(l.input, l.pos)
  if (trim) {
    l.pos += 2
    ignore(l)
  }
  l.pos += 2
  emit(l, 'rightDelim')
  if (trim) {
    l.pos += leftTrimLength(l.input.slice(l.pos))
    ignore(l)
  }
  return lexText
}

function lexInsideAction(l: Lexer): StateFn | null {
  if (atRightDelim(l).delim) {
    return l.parenDepth === 0 ? lexRightDelim : errorf(l, 'unclosed left paren')
  }
  const r = next(l)
  if (r === undefined) return errorf(l, 'unclosed action')
  if (isSpace(r)) {
    backup(l) // Put the space back in case it starts " -}}".
    return lexSpace
  }
  const single: Record<string, ItemType> = { '=': 'assign', '|': 'pipe', '(': 'leftParen' }
  const type = single[r]
  if (type !== undefined) {
    emit(l, type)
    if (r === '(') l.parenDepth++
    return lexInsideAction
  }
  switch (r) {
    case ':':
      if (next(l) !== '=') return errorf(l, 'expected :=')
      emit(l, 'declare')
      return lexInsideAction
    case ')':
      emit(l, 'rightParen')
      l.parenDepth--
      return l.parenDepth < 0 ? errorf(l, `unexpected right paren ${formatU(r)}`) : lexInsideAction
    case '"':
      return lexQuote
    case '`':
      return lexRawQuote
    case '$':
      return lexVariable
    case "'":
      return lexChar
  }
  // ".field", or a number such as .5 (a '.' at the very end is lexed as a number too).
  if (r === '.' && l.pos < l.input.length && !isDigit(l.input[l.pos])) return lexField
  if (r === '.' || r === '+' || r === '-' || isDigit(r)) {
    backup(l)
    return lexNumber
  }
  if (isAlphaNumeric(r)) {
    backup(l)
    return lexIdentifier
  }
  if (r >= ' ' && r <= '~') {
    emit(l, 'char')
    return lexInsideAction
  }
  return errorf(l, `unrecognized character in action: ${formatU(r)}`)
}

function lexSpace(l: Lexer): StateFn {
  let numSpaces = 0
  while (isSpace(peek(l))) {
    next(l)
    numSpaces++
  }
  // A trim-marked right delimiter " -}}" starts with a space: leave that space to it.
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith('}}', l.pos + 1)) {
    l.pos--
    if (numSpaces === 1) return lexRightDelim
  }
  emit(l, 'space')
  return lexInsideAction
}

function lexIdentifier(l: Lexer): StateFn | null {
  let r: string | undefined
  do r = next(l)
  while (r !== undefined && isAlphaNumeric(r))
  backup(l)
  if (!atTerminator(l)) return errorf(l, `bad character ${formatU(r)}`)
  const word = l.input.slice(l.start, l.pos)
  emit(l, KEYWORDS.get(word) ?? (word === 'true' || word === 'false' ? 'bool' : 'identifier'))
  return lexInsideAction
}

function lexField(l: Lexer): StateFn | null {
  return lexFieldOrVariable(l, 'field')
}

function lexVariable(l: Lexer): StateFn | null {
  if (atTerminator(l)) {
    emit(l, 'variable') // Just "$".
    return lexInsideAction
  }
  return lexFieldOrVariable(l, 'variable')
}

function lexFieldOrVariable(l: Lexer, type: 'field' | 'variable'): StateFn | null {
  if (atTerminator(l)) {
    emit(l, type === 'variable' ? 'variable' : 'dot') // Just "." or "$".
    return lexInsideAction
  }
  let r: string | undefined
  do r = next(l)
  while (r !== undefined && isAlphaNumeric(r))
  backup(l)
  if (!atTerminator(l)) return errorf(l, `bad character ${formatU(r)}`)
  emit(l, type)
  return lexInsideAction
}

/** Whether an identifier may end here; this splits .X.Y in two and rejects "$x+2". */
function atTerminator(l: Lexer): boolean {
  const r = peek(l)
  return r === undefined || isSpace(r) || '.,|:)(}'.includes(r)
}

function lexChar(l: Lexer): StateFn | null {
  for (;;) {
    const c = next(l)
    if (c === '\\') {
      const r = next(l)
      if (r !== undefined && r !== '\n') continue
    }
    if (c === undefined || c === '\n' || c === '\\') {
      return errorf(l, 'unterminated character constant')
    }
    if (c === "'") break
  }
  emit(l, 'charConstant')
  return lexInsideAction
}

function lexNumber(l: Lexer): StateFn | null {
  const bad = (): null => errorf(l, `bad number syntax: ${quote(l.input.slice(l.start, l.pos))}`)
  if (!scanNumber(l)) return bad()
  const sign = peek(l)
  if (sign === '+' || sign === '-') {
    // Complex: 1+2i. No spaces, must end in 'i'.
    if (!scanNumber(l) || l.input[l.pos - 1] !== 'i') return bad()
    emit(l, 'complex')
  } else emit(l, 'number')
  return lexInsideAction
}

function scanNumber(l: Lexer): boolean {
  accept(l, '+-')
  let digits = '0123456789_'
  if (accept(l, '0')) {
    if (accept(l, 'xX')) digits = '0123456789abcdefABCDEF_'
    else if (accept(l, 'oO')) digits = '01234567_'
    else if (accept(l, 'bB')) digits = '01_'
  }
  acceptRun(l, digits)
  if (accept(l, '.')) acceptRun(l, digits)
  if (digits.length === 11 && accept(l, 'eE')) {
    accept(l, '+-')
    acceptRun(l, '0123456789_')
  }
  if (digits.length === 23 && accept(l, 'pP')) {
    accept(l, '+-')
    acceptRun(l, '0123456789_')
  }
  accept(l, 'i')
  const after = peek(l)
  if (after !== undefined && isAlphaNumeric(after)) {
    next(l)
    return false
  }
  return true
}

function lexQuote(l: Lexer): StateFn | null {
  for (;;) {
    const c = next(l)
    if (c === '\\') {
      const r = next(l)
      if (r !== undefined && r !== '\n') continue
    }
    if (c === undefined || c === '\n' || c === '\\') return errorf(l, 'unterminated quoted string')
    if (c === '"') break
  }
  emit(l, 'string')
  return lexInsideAction
}

function lexRawQuote(l: Lexer): StateFn | null {
  for (;;) {
    const c = next(l)
    if (c === undefined) return errorf(l, 'unterminated raw quoted string')
    if (c === '`') break
  }
  emit(l, 'rawString')
  return lexInsideAction
}
