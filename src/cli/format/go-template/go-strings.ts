// Go string semantics on JS strings, for the template engine. A Go string is UTF-8 bytes: `len`,
// slicing and `truncate` count bytes, printf widths count runes, and strings sort by byte order.

/** The UTF-8 bytes of s (a lone surrogate, which UTF-8 cannot hold, becomes U+FFFD). */
export function utf8Bytes(s: string): number[] {
  const out: number[] = []
  for (const ch of s) {
    let cp = ch.codePointAt(0) ?? 0xfffd
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd
    if (cp < 0x80) out.push(cp)
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f))
    else if (cp < 0x10000) {
      out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f))
    } else {
      out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f))
      out.push(0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f))
    }
  }
  return out
}

/** Decodes UTF-8 the way Go ranges over a string: every invalid byte becomes U+FFFD. */
export function fromUtf8(bytes: readonly number[]): string {
  let s = ''
  for (let i = 0; i < bytes.length;) {
    const [cp, size] = decodeRune(bytes, i)
    s += String.fromCodePoint(cp)
    i += size
  }
  return s
}

function decodeRune(b: readonly number[], i: number): readonly [number, number] {
  const b0 = b[i] ?? 0
  if (b0 < 0x80) return [b0, 1]
  const [extra, min, first] =
    b0 >= 0xc2 && b0 <= 0xdf
      ? [1, 0x80, b0 & 0x1f]
      : b0 >= 0xe0 && b0 <= 0xef
        ? [2, 0x800, b0 & 0x0f]
        : b0 >= 0xf0 && b0 <= 0xf4
          ? [3, 0x10000, b0 & 0x07]
          : [0, 0, 0]
  if (extra === 0) return [0xfffd, 1]
  let cp = first
  for (let k = 1; k <= extra; k++) {
    const c = b[i + k]
    if (c === undefined || (c & 0xc0) !== 0x80) return [0xfffd, 1]
    cp = (cp << 6) | (c & 0x3f)
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return [0xfffd, 1]
  return [cp, extra + 1]
}

export function byteLength(s: string): number {
  return utf8Bytes(s).length
}

export function runeCount(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}

/** Go's string order (UTF-8 bytes, i.e. code points); JS `<` compares UTF-16 code units. */
export function compareStrings(a: string, b: string): number {
  let i = 0
  while (i < a.length && i < b.length) {
    const ca = a.codePointAt(i) ?? 0
    const cb = b.codePointAt(i) ?? 0
    if (ca !== cb) return ca < cb ? -1 : 1
    i += ca > 0xffff ? 2 : 1
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u
const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u
const WHITE_SPACE = /^[\t\n\v\f\r\u0085\p{Z}]$/u

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(cp: number): boolean {
  return cp === 0x20 || PRINTABLE.test(String.fromCodePoint(cp))
}

/** The template lexer's isAlphaNumeric: '_', unicode.IsLetter or unicode.IsDigit. */
export function isAlphaNumeric(ch: string): boolean {
  return ch === '_' || LETTER_OR_DIGIT.test(ch)
}

/** strings.Title as docker's `title` uses it: upper-cases the first letter of every word. */
export function title(s: string): string {
  let prev = ' '
  let out = ''
  for (const ch of s) {
    out += isSeparator(prev) ? upperRune(ch) : ch
    prev = ch
  }
  return out
}

function isSeparator(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0
  if (cp <= 0x7f) return !/[0-9A-Za-z_]/.test(ch)
  if (LETTER_OR_DIGIT.test(ch)) return false
  return WHITE_SPACE.test(ch)
}

/** strings.ToUpper / ToLower map rune by rune; JS may expand one (ß → SS), Go does not. */
export function upper(s: string): string {
  return [...s].map(upperRune).join('')
}

export function lower(s: string): string {
  return [...s].map((ch) => single(ch.toLowerCase(), ch)).join('')
}

function upperRune(ch: string): string {
  return single(ch.toUpperCase(), ch)
}

function single(mapped: string, original: string): string {
  return runeCount(mapped) === 1 ? mapped : original
}
