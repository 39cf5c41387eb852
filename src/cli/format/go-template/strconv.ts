// The parts of Go's strconv the template engine needs (go1.24 strconv/quote.go, atoi.go, atof.go,
// ftoa.go): Quote and QuoteRune for %q and error texts, Unquote for string and character
// literals, ParseInt/ParseFloat for number literals, FormatFloat for %v %e %f %g.

import { fromUtf8, isPrint, utf8Bytes } from './go-strings'

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0')

function escapeRune(cp: number, quote: number, asciiOnly: boolean): string {
  const ch = String.fromCodePoint(cp)
  if (cp === quote || cp === 0x5c) return `\\${ch}`
  if (asciiOnly ? cp < 0x80 && isPrint(cp) : isPrint(cp)) return ch
  const named: Record<number, string> = {
    7: 'a',
    8: 'b',
    12: 'f',
    10: 'n',
    13: 'r',
    9: 't',
    11: 'v',
  }
  const short = named[cp]
  if (short !== undefined) return `\\${short}`
  if (cp < 0x20 || cp === 0x7f) return `\\x${hex(cp, 2)}`
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd'
  return cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`
}

/** strconv.Quote (QuoteToASCII when asciiOnly). */
export function quote(s: string, asciiOnly = false): string {
  let out = '"'
  for (const ch of s) out += escapeRune(ch.codePointAt(0) ?? 0, 0x22, asciiOnly)
  return `${out}"`
}

/** strconv.QuoteRune (QuoteRuneToASCII when asciiOnly); invalid runes print as U+FFFD. */
export function quoteRune(cp: number, asciiOnly = false): string {
  const valid = cp >= 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)
  return `'${escapeRune(valid ? cp : 0xfffd, 0x27, asciiOnly)}'`
}

/** strconv.CanBackquote: s can be written as a raw `...` literal. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0
    if ((cp < 0x20 && cp !== 0x09) || cp === 0x60 || cp === 0x7f || cp === 0xfeff) return false
  }
  return true
}

type Unquoted = { readonly value: number; readonly isByte: boolean; readonly next: number }

const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 }
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 }

/** strconv.UnquoteChar on s from index i; `\x` and octal escapes are raw bytes. */
function unquoteChar(s: string, i: number, quoteChar: string): Unquoted | undefined {
  const cp = s.codePointAt(i)
  if (cp === undefined) return undefined
  const ch = String.fromCodePoint(cp)
  if (ch === quoteChar) return undefined
  if (ch !== '\\') return { value: cp, isByte: false, next: i + ch.length }
  const e = s[i + 1] ?? ''
  const simple = ESCAPES[e]
  if (simple !== undefined) return { value: simple, isByte: false, next: i + 2 }
  if (e === "'" || e === '"')
    return e === quoteChar ? { value: e.charCodeAt(0), isByte: false, next: i + 2 } : undefined
  const n = HEX_DIGITS[e]
  if (n !== undefined) {
    const digits = s.slice(i + 2, i + 2 + n)
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) return undefined
    const v = parseInt(digits, 16)
    if (e === 'x') return { value: v, isByte: true, next: i + 2 + n }
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined
    return { value: v, isByte: false, next: i + 2 + n }
  }
  const octal = s.slice(i + 1, i + 4)
  if (!/^[0-7]{3}$/.test(octal) || parseInt(octal, 8) > 255) return undefined
  return { value: parseInt(octal, 8), isByte: true, next: i + 4 }
}

/** strconv.Unquote for "..." and `...` literals; undefined means "invalid syntax". */
export function unquote(lit: string): string | undefined {
  const q = lit[0]
  if (lit.length < 2 || lit[lit.length - 1] !== q) return undefined
  const body = lit.slice(1, -1)
  if (q === '`') return body.includes('`') ? undefined : body.replaceAll('\r', '')
  if (q !== '"') return undefined
  const bytes: number[] = []
  for (let i = 0; i < body.length;) {
    const u = unquoteChar(body, i, '"')
    if (u === undefined) return undefined
    bytes.push(...(u.isByte ? [u.value] : utf8Bytes(String.fromCodePoint(u.value))))
    i = u.next
  }
  return fromUtf8(bytes)
}

/** A character constant such as 'a' or '\n': its rune, or the error Go's parser reports. */
export function parseCharConstant(text: string): number | { readonly error: string } {
  const u = unquoteChar(text, 1, "'")
  if (u === undefined) return { error: 'invalid syntax' }
  if (text.slice(u.next) !== "'") return { error: `malformed character constant: ${text}` }
  return u.value
}

/** underscoreOK: '_' must separate digits (a base prefix counts as a digit). */
function underscoreOK(s: string): boolean {
  let saw = '^'
  let i = s[0] === '+' || s[0] === '-' ? 1 : 0
  const hexPrefix = /^0[xX]/.test(s.slice(i))
  if (/^0[bBoOxX]/.test(s.slice(i))) {
    i += 2
    saw = '0'
  }
  for (; i < s.length; i++) {
    const c = s[i] ?? ''
    if (/[0-9]/.test(c) || (hexPrefix && /[a-fA-F]/.test(c))) saw = '0'
    else if (c === '_') {
      if (saw !== '0') return false
      saw = '_'
    } else {
      if (saw === '_') return false
      saw = '!'
    }
  }
  return saw !== '_'
}

/** strconv.ParseInt(s, 0, 64) (or ParseUint when unsigned): undefined on syntax or range error. */
export function parseInteger(s: string, unsigned: boolean): bigint | undefined {
  let body = s
  let neg = false
  if (body[0] === '+' || body[0] === '-') {
    if (unsigned) return undefined
    neg = body[0] === '-'
    body = body.slice(1)
  }
  let base = 10
  if (body[0] === '0' && body.length >= 3 && /[bBoOxX]/.test(body[1] ?? '')) {
    base = { b: 2, o: 8, x: 16 }[(body[1] ?? '').toLowerCase() as 'b' | 'o' | 'x']
    body = body.slice(2)
  } else if (body[0] === '0') {
    base = 8
    body = body.slice(1)
  }
  if (body === '' && base !== 8) return undefined
  let n = 0n
  for (const c of body) {
    if (c === '_') continue
    const d = parseInt(c, 36)
    if (Number.isNaN(d) || d >= base) return undefined
    n = n * BigInt(base) + BigInt(d)
  }
  if (body.includes('_') && !underscoreOK(s)) return undefined
  const value = neg ? -n : n
  const [min, max] = unsigned ? [0n, 2n ** 64n - 1n] : [-(2n ** 63n), 2n ** 63n - 1n]
  return value < min || value > max ? undefined : value
}

/** strconv.ParseFloat(s, 64) for Go literal syntax: undefined on syntax error or overflow. */
export function parseFloat64(s: string): number | undefined {
  if (s.includes('_') && !underscoreOK(s)) return undefined
  const t = s.replaceAll('_', '')
  const sign = t[0] === '-' ? -1 : 1
  const body = t[0] === '+' || t[0] === '-' ? t.slice(1) : t
  let value: number
  const hexFloat = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(body)
  if (hexFloat) {
    const [, int = '', frac = '', exp = '0'] = hexFloat
    if (int === '' && frac === '') return undefined
    value = parseInt(`${int}${frac}` || '0', 16) * 2 ** (Number(exp) - 4 * frac.length)
  } else if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(body)) {
    value = Number(body)
  } else return undefined
  return Number.isFinite(value) ? sign * value : undefined
}

type Digits = { readonly digits: string; readonly dp: number }

/** The decimal digits of a ≥ 0 (shortest round-trip when sig < 0), without trailing zeros. */
function decimalDigits(a: number, sig: number): Digits {
  if (a === 0) return { digits: '', dp: 0 }
  const [mantissa = '', exp = '0'] = (
    sig < 0 ? a.toExponential() : a.toExponential(Math.min(sig - 1, 100))
  ).split('e')
  return { digits: mantissa.replace('.', '').replace(/0+$/, ''), dp: Number(exp) + 1 }
}

function fmtE({ digits, dp }: Digits, prec: number, e: string): string {
  let s = digits[0] ?? '0'
  if (prec > 0) {
    s += '.'
    for (let i = 1; i <= prec; i++) s += digits[i] ?? '0'
  }
  const exp = digits === '' ? 0 : dp - 1
  return `${s}${e}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`
}

function fmtF({ digits, dp }: Digits, prec: number): string {
  let s = '0'
  if (dp > 0) {
    s = ''
    for (let i = 0; i < dp; i++) s += digits[i] ?? '0'
  }
  if (prec > 0) {
    s += '.'
    for (let i = 0; i < prec; i++) s += dp + i >= 0 ? (digits[dp + i] ?? '0') : '0'
  }
  return s
}

/** strconv.FormatFloat(x, fmt, prec, 64) for 'e' 'E' 'f' 'g' 'G'; prec -1 is the shortest. */
export function formatFloat(x: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
  const sign = x < 0 || Object.is(x, -0) ? '-' : ''
  const a = Math.abs(x)
  const e = fmt === 'E' || fmt === 'G' ? 'E' : 'e'
  if (fmt === 'e' || fmt === 'E') {
    const d = decimalDigits(a, prec < 0 ? -1 : prec + 1)
    return sign + fmtE(d, prec < 0 ? Math.max(d.digits.length - 1, 0) : prec, e)
  }
  if (fmt === 'f') {
    if (prec >= 0 && a < 1e21) return sign + a.toFixed(Math.min(prec, 100))
    const d = decimalDigits(a, -1)
    return sign + fmtF(d, prec >= 0 ? prec : Math.max(d.digits.length - d.dp, 0))
  }
  // %g: %e when the exponent is < -4 or ≥ the precision (6 for the shortest form).
  const shortest = prec < 0
  const d = decimalDigits(a, shortest ? -1 : Math.max(prec, 1))
  const nd = d.digits.length
  let p = shortest ? nd : Math.max(prec, 1)
  let eprec = p > nd && nd >= d.dp ? nd : p
  if (shortest) eprec = 6
  const exp = d.dp - 1
  if (exp < -4 || exp >= eprec) return sign + fmtE(d, Math.min(p, nd) - 1, e)
  if (p > d.dp) p = nd
  return sign + fmtF(d, Math.max(p - d.dp, 0))
}
