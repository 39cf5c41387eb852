// Go's fmt as templates reach it (go1.24 fmt/print.go, format.go): Sprint, Sprintln and Sprintf
// for print, println and printf, and the %v form every action prints its value with. Covers
// flags # 0 + - space, width, precision, * and [n]; verbs v s q d t x X o O b c U e E f F g G T.

import { runeCount, utf8Bytes } from './go-strings'
import { canBackquote, formatFloat, quote, quoteRune } from './strconv'
import type { GoValue } from './values'
import { Boxed, isFloat, isInt, isList, isMap, numberValue, sortedKeys, typeName } from './values'

type Flags = {
  plus: boolean
  minus: boolean
  sharp: boolean
  space: boolean
  zero: boolean
  sharpV: boolean
  wid: number | undefined
  prec: number | undefined
}

const newFlags = (): Flags => ({
  plus: false,
  minus: false,
  sharp: false,
  space: false,
  zero: false,
  sharpV: false,
  wid: undefined,
  prec: undefined,
})

/** fmt.Sprint: a space between operands when neither is a string. */
export function sprint(args: readonly GoValue[]): string {
  let out = ''
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string'
    if (i > 0 && !isString && typeof args[i - 1] !== 'string') out += ' '
    out += printArg(arg, 'v', newFlags())
  })
  return out
}

/** fmt.Sprintln: spaces between all operands and a trailing newline. */
export function sprintln(args: readonly GoValue[]): string {
  return `${args.map((a) => printArg(a, 'v', newFlags())).join(' ')}\n`
}

/** The %v form of a value, as an action prints it (fmt.Fprint). */
export function formatV(v: GoValue): string {
  return printArg(v, 'v', newFlags())
}

/** The %s form, as comparison errors print their operands. */
export function formatS(v: GoValue): string {
  return printArg(v, 's', newFlags())
}

function pad(s: string, f: Flags): string {
  const n = (f.wid ?? 0) - runeCount(s)
  if (n <= 0) return s
  return f.minus ? s + ' '.repeat(n) : (f.zero ? '0' : ' ').repeat(n) + s
}

function printArg(arg: GoValue, verb: string, f: Flags): string {
  if (arg === undefined || arg === null) {
    return verb === 'T' || verb === 'v' ? pad('<nil>', f) : badVerb(verb, arg, f)
  }
  if (verb === 'T') return pad(typeName(arg), f)
  return printValue(arg, verb, f, 0)
}

function badVerb(verb: string, v: GoValue, f: Flags): string {
  const shown = v === undefined || v === null ? '<nil>' : `${typeName(v)}=${printArg(v, 'v', f)}`
  return `%!${verb}(${shown})`
}

function printValue(v: GoValue, verb: string, f: Flags, depth: number): string {
  if (v instanceof Boxed) {
    if (v.inner !== null) return printValue(v.inner, verb, f, depth + 1)
    return f.sharpV ? 'interface {}(nil)' : pad('<nil>', f)
  }
  if (v === undefined) return pad(depth === 0 ? '<invalid reflect.Value>' : '<nil>', f)
  if (v === null) return f.sharpV ? 'interface {}(nil)' : pad('<nil>', f)
  if (typeof v === 'boolean') {
    return verb === 't' || verb === 'v' ? pad(String(v), f) : badVerb(verb, v, f)
  }
  if (isInt(v)) return fmtInteger(v, verb, f)
  if (isFloat(v)) return fmtFloat(numberValue(v), verb, f)
  if (typeof v === 'string') return fmtString(v, verb, f)
  if (isList(v)) {
    const items = v.map((e) => printValue(e, verb, f, depth + 1))
    return f.sharpV ? `[]interface {}{${items.join(', ')}}` : `[${items.join(' ')}]`
  }
  if (!isMap(v)) return badVerb(verb, v, f)
  const entries = sortedKeys(v).map(
    (k) => `${printValue(k, verb, f, depth + 1)}:${printValue(v[k], verb, f, depth + 1)}`,
  )
  return f.sharpV ? `map[string]interface {}{${entries.join(', ')}}` : `map[${entries.join(' ')}]`
}

const BASES: Record<string, number> = { v: 10, d: 10, b: 2, o: 8, O: 8, x: 16, X: 16 }

function fmtInteger(n: number, verb: string, f: Flags): string {
  const base = BASES[verb]
  if (base !== undefined) return fmtInt(n, base, verb, f)
  if (verb === 'c') return pad(String.fromCodePoint(validRune(n)), f)
  if (verb === 'q') {
    const r = validRune(n)
    if (f.sharp && canBackquote(String.fromCodePoint(r)))
      return pad(`'${String.fromCodePoint(r)}'`, f)
    return pad(quoteRune(r, f.plus), f)
  }
  if (verb === 'U') {
    let s = `U+${n
      .toString(16)
      .toUpperCase()
      .padStart(Math.max(f.prec ?? 0, 4), '0')}`
    if (f.sharp && n === validRune(n)) s += ` '${String.fromCodePoint(n)}'`
    return pad(s, { ...f, zero: false })
  }
  return badVerb(verb, n, f)
}

function validRune(n: number): number {
  return n >= 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? n : 0xfffd
}

function fmtInt(n: number, base: number, verb: string, f: Flags): string {
  const negative = n < 0
  let digits = Math.abs(n).toString(base)
  if (verb === 'X') digits = digits.toUpperCase()
  let prec = 0
  if (f.prec !== undefined) {
    prec = f.prec
    // Precision 0 and value 0 print nothing but padding.
    if (prec === 0 && n === 0) return pad('', { ...f, zero: false })
  } else if (f.zero && f.wid !== undefined) {
    prec = f.wid - (negative || f.plus || f.space ? 1 : 0)
  }
  digits = digits.padStart(prec, '0')
  if (f.sharp && base === 2) digits = `0b${digits}`
  if (f.sharp && base === 8 && !digits.startsWith('0')) digits = `0${digits}`
  if (f.sharp && base === 16) digits = `0${verb === 'X' ? 'X' : 'x'}${digits}`
  if (verb === 'O') digits = `0o${digits}`
  const sign = negative ? '-' : f.plus ? '+' : f.space ? ' ' : ''
  return pad(sign + digits, { ...f, zero: false })
}

const FLOAT_VERBS: Record<string, readonly ['e' | 'E' | 'f' | 'g' | 'G', number]> = {
  v: ['g', -1],
  g: ['g', -1],
  G: ['G', -1],
  e: ['e', 6],
  E: ['E', 6],
  f: ['f', 6],
  F: ['f', 6],
}

function fmtFloat(x: number, verb: string, f: Flags): string {
  const spec = FLOAT_VERBS[verb]
  if (spec === undefined) return badVerb(verb, x, f)
  const num = formatFloat(x, spec[0], f.prec ?? spec[1])
  const negative = num.startsWith('-')
  const digits = negative ? num.slice(1) : num
  const sign = negative ? '-' : f.plus ? '+' : f.space ? ' ' : ''
  // Zero padding goes between the sign and the digits.
  if (sign !== '' && f.zero && f.wid !== undefined && f.wid > digits.length + 1) {
    return sign + '0'.repeat(f.wid - digits.length - 1) + digits
  }
  return pad(sign + digits, f)
}

function fmtString(s: string, verb: string, f: Flags): string {
  const truncated = f.prec === undefined ? s : [...s].slice(0, f.prec).join('')
  switch (verb) {
    case 'v':
      return f.sharpV ? pad(quote(truncated), f) : pad(truncated, f)
    case 's':
      return pad(truncated, f)
    case 'q':
      if (f.sharp && canBackquote(truncated)) return pad(`\`${truncated}\``, f)
      return pad(quote(truncated, f.plus), f)
    case 'x':
    case 'X':
      return pad(hexBytes(s, verb, f), f)
    default:
      return badVerb(verb, s, f)
  }
}

/** fmtSbx: the bytes in hex, precision limiting the bytes; # adds 0x, space separates bytes. */
function hexBytes(s: string, verb: string, f: Flags): string {
  let bytes = utf8Bytes(s)
  if (f.prec !== undefined) bytes = bytes.slice(0, f.prec)
  const prefix = f.sharp ? `0${verb}` : ''
  const hex = bytes.map((b) => {
    const h = b.toString(16).padStart(2, '0')
    return verb === 'X' ? h.toUpperCase() : h
  })
  if (hex.length === 0) return ''
  return f.space ? hex.map((h) => prefix + h).join(' ') : prefix + hex.join('')
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  const st = { format, args, i: 0, argNum: 0, reordered: false, goodArgNum: true, out: '' }
  while (st.i < format.length) {
    const pct = format.indexOf('%', st.i)
    if (pct < 0) {
      st.out += format.slice(st.i)
      break
    }
    st.out += format.slice(st.i, pct)
    st.i = pct + 1
    if (!formatOne(st)) break
  }
  if (!st.reordered && st.argNum < args.length) {
    const extra = args
      .slice(st.argNum)
      .map((a) => (a === null || a === undefined ? '<nil>' : `${typeName(a)}=${formatV(a)}`))
    st.out += `%!(EXTRA ${extra.join(', ')})`
  }
  return st.out
}

type PrintfState = {
  readonly format: string
  readonly args: readonly GoValue[]
  i: number
  argNum: number
  reordered: boolean
  goodArgNum: boolean
  out: string
}

/** One verb after '%' (doPrintf's loop body); false when the format ended without a verb. */
function formatOne(st: PrintfState): boolean {
  const { format } = st
  const f = newFlags()
  st.goodArgNum = true
  for (; st.i < format.length; st.i++) {
    const c = format[st.i]
    if (c === '#') f.sharp = true
    else if (c === '0') f.zero = !f.minus
    else if (c === '+') f.plus = true
    else if (c === '-') [f.minus, f.zero] = [true, false]
    else if (c === ' ') f.space = true
    else break
  }
  let afterIndex = argNumber(st)
  if (format[st.i] === '*') {
    st.i++
    f.wid = intFromArg(st)
    if (f.wid === undefined) st.out += '%!(BADWIDTH)'
    else if (f.wid < 0) [f.wid, f.minus, f.zero] = [-f.wid, true, false]
    afterIndex = false
  } else {
    f.wid = parseNum(st)
    if (afterIndex && f.wid !== undefined) st.goodArgNum = false
  }
  if (st.i + 1 < format.length && format[st.i] === '.') {
    st.i++
    if (afterIndex) st.goodArgNum = false
    afterIndex = argNumber(st)
    if (format[st.i] === '*') {
      st.i++
      f.prec = intFromArg(st)
      if (f.prec !== undefined && f.prec < 0) f.prec = undefined
      if (f.prec === undefined) st.out += '%!(BADPREC)'
      afterIndex = false
    } else {
      f.prec = parseNum(st) ?? 0
    }
  }
  if (!afterIndex) argNumber(st)
  const cp = format.codePointAt(st.i)
  if (cp === undefined) {
    st.out += '%!(NOVERB)'
    return false
  }
  const verb = String.fromCodePoint(cp)
  st.i += verb.length
  if (verb === '%') st.out += '%'
  else if (!st.goodArgNum) st.out += `%!${verb}(BADINDEX)`
  else if (st.argNum >= st.args.length) st.out += `%!${verb}(MISSING)`
  else {
    if (verb === 'v') [f.sharpV, f.sharp, f.plus] = [f.sharp, false, false]
    st.out += printArg(st.args[st.argNum], verb, f)
    st.argNum++
  }
  return true
}

/** An explicit argument index [n]; true when one was found. */
function argNumber(st: PrintfState): boolean {
  if (st.format[st.i] !== '[') return false
  st.reordered = true
  const close = st.format.indexOf(']', st.i + 1)
  const digits = close < 0 ? '' : st.format.slice(st.i + 1, close)
  const ok = close >= 0 && /^\d+$/.test(digits) && Number(digits) <= 1e6
  const index = Number(digits) - 1
  st.i = close < 0 ? st.i + 1 : close + 1
  if (ok && index >= 0 && index < st.args.length) {
    st.argNum = index
    return true
  }
  st.goodArgNum = false
  return ok
}

function parseNum(st: PrintfState): number | undefined {
  const m = /^\d+/.exec(st.format.slice(st.i))
  if (!m) return undefined
  st.i += m[0].length
  const n = Number(m[0])
  return n > 1e6 ? undefined : n
}

function intFromArg(st: PrintfState): number | undefined {
  if (st.argNum >= st.args.length) return undefined
  const a = st.args[st.argNum]
  st.argNum++
  return isInt(a) && Math.abs(a) <= 1e6 ? a : undefined
}
