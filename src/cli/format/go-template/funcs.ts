// The functions a docker template can call: text/template's builtins (go1.24
// text/template/funcs.go) plus docker's basicFunctions (docker/cli v28.5.2 templates/templates.go:
// json, split, join, title, lower, upper, pad, truncate). Each declares its Go parameter types so
// the executor checks arguments the way reflect does.

import { formatS, formatV, sprint, sprintf, sprintln } from './fmt'
import {
  byteLength,
  compareStrings,
  fromUtf8,
  isPrint,
  lower,
  title,
  upper,
  utf8Bytes,
} from './go-strings'
import type { GoValue } from './values'
import {
  Boxed,
  GoFloat,
  hasKey,
  isFloat,
  isInt,
  isList,
  isMap,
  isTrue,
  numberValue,
  typeName,
  unbox,
} from './values'

/**
 * Go parameter types: `value` is reflect.Value (anything, even invalid), `any` is interface{},
 * `strings` is []string.
 */
export type ParamType = 'value' | 'any' | 'string' | 'int' | 'strings'

export type GoFunc = {
  readonly params: readonly ParamType[]
  readonly variadic?: ParamType
  readonly call: (args: readonly GoValue[]) => GoValue
}

/** The error a function returns (or the panic safeCall recovers), without "error calling". */
export class FuncError extends Error {}

function fail(message: string): never {
  throw new FuncError(message)
}

const str = (v: GoValue): string => (typeof v === 'string' ? v : '')
const int = (v: GoValue): number => (isInt(v) ? v : 0)

/** evalArgs: the text of html/js/urlquery arguments. */
function evalArgs(args: readonly GoValue[]): string {
  const [only] = args
  return args.length === 1 && typeof only === 'string' ? only : sprint(args)
}

/** indexArg: an int index within 0..cap. */
function indexArg(index: GoValue, cap: number): number {
  if (index === undefined) fail('cannot index slice/array with nil')
  if (!isInt(index)) fail(`cannot index slice/array with type ${typeName(index)}`)
  if (index < 0 || index > cap) fail(`index out of range: ${index}`)
  return index
}

function index(item: GoValue, indexes: readonly GoValue[]): GoValue {
  let v = unbox(item)
  if (v === undefined) fail('index of untyped nil')
  for (const raw of indexes) {
    const i = unbox(raw)
    if (v instanceof Boxed) {
      if (v.inner === null) fail('index of nil pointer')
      v = v.inner
    }
    if (typeof v === 'string') {
      const bytes = utf8Bytes(v)
      const x = indexArg(i, bytes.length)
      if (x === bytes.length) fail('reflect: string index out of range')
      v = bytes[x]
    } else if (isList(v)) {
      const x = indexArg(i, v.length)
      if (x === v.length) fail('reflect: slice index out of range')
      v = new Boxed(v[x] ?? null)
    } else if (isMap(v)) {
      if (i !== undefined && typeof i !== 'string') {
        fail(`value has type ${typeName(i)}; should be string`)
      }
      const key = i ?? ''
      v = new Boxed(hasKey(v, key) ? v[key] : null)
    } else fail(`can't index item of type ${typeName(v)}`)
  }
  return v
}

function slice(item: GoValue, indexes: readonly GoValue[]): GoValue {
  const v = unbox(item)
  if (v === undefined) fail('slice of untyped nil')
  if (indexes.length > 3) fail(`too many slice indexes: ${indexes.length}`)
  let len: number
  if (typeof v === 'string') {
    if (indexes.length === 3) fail('cannot 3-index slice a string')
    len = byteLength(v)
  } else if (isList(v)) len = v.length
  else fail(`can't slice item of type ${typeName(v)}`)
  const idx = [0, len, len]
  indexes.forEach((i, n) => (idx[n] = indexArg(unbox(i), len)))
  const [i = 0, j = len, k = len] = idx
  if (i > j) fail(`invalid slice index: ${i} > ${j}`)
  if (indexes.length === 3 && j > k) fail(`invalid slice index: ${j} > ${k}`)
  return typeof v === 'string' ? fromUtf8(utf8Bytes(v).slice(i, j)) : v.slice(i, j)
}

function length(item: GoValue): number {
  if (item instanceof Boxed && item.inner === null) fail('len of nil pointer')
  const v = unbox(item)
  // length calls item.Type() on an invalid value, which panics inside safeCall.
  if (v === undefined) fail('reflect: call of reflect.Value.Type on zero Value')
  if (typeof v === 'string') return byteLength(v)
  if (isList(v)) return v.length
  if (isMap(v)) return Object.keys(v).length
  return fail(`len of type ${typeName(v)}`)
}

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid'

function basicKind(v: GoValue): Kind {
  if (typeof v === 'boolean') return 'bool'
  if (isInt(v)) return 'int'
  if (isFloat(v)) return 'float'
  return typeof v === 'string' ? 'string' : 'invalid'
}

const reflectKind = (v: GoValue): string =>
  v === undefined ? 'invalid' : isList(v) ? 'slice' : 'map'

function eq(arg1: GoValue, others: readonly GoValue[]): boolean {
  const v1 = unbox(arg1)
  if (others.length === 0) fail('missing argument for comparison')
  const k1 = basicKind(v1)
  for (const other of others) {
    const v2 = unbox(other)
    const k2 = basicKind(v2)
    if (k1 !== k2) {
      if (v1 !== undefined && v2 !== undefined) fail('incompatible types for comparison')
      continue
    }
    if (k1 !== 'invalid') {
      if (scalar(v1) === scalar(v2)) return true
      continue
    }
    // Maps, slices and missing values: only nil compares.
    const canCompare = reflectKind(v1) === reflectKind(v2) || v1 === undefined || v2 === undefined
    if (!canCompare) {
      fail(`non-comparable types ${formatS(v1)}: ${typeName(v1)}, ${typeName(v2)}: ${formatV(v2)}`)
    }
    if (v1 === undefined || v2 === undefined) {
      if (v1 === v2) return true
      continue
    }
    fail(`non-comparable type ${formatS(v2)}: ${typeName(v2)}`)
  }
  return false
}

function scalar(v: GoValue): string | number | boolean | undefined {
  if (typeof v === 'number' || v instanceof GoFloat) return numberValue(v)
  return typeof v === 'string' || typeof v === 'boolean' ? v : undefined
}

function lt(a: GoValue, b: GoValue): boolean {
  const [v1, v2] = [unbox(a), unbox(b)]
  const [k1, k2] = [basicKind(v1), basicKind(v2)]
  if (k1 === 'invalid' || k2 === 'invalid') fail('invalid type for comparison')
  if (k1 !== k2) fail('incompatible types for comparison')
  if (k1 === 'bool') fail('invalid type for comparison')
  if (typeof v1 === 'string' && typeof v2 === 'string') return compareStrings(v1, v2) < 0
  const [x, y] = [scalar(v1), scalar(v2)]
  return typeof x === 'number' && typeof y === 'number' && x < y
}

const le = (a: GoValue, b: GoValue): boolean => lt(a, b) || eq(a, [b])

function htmlEscape(s: string): string {
  const map: Record<string, string> = {
    '\0': '\uFFFD',
    '"': '&#34;',
    "'": '&#39;',
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
  }
  return s.replace(/[\0"'&<>]/g, (c) => map[c] ?? c)
}

function jsEscape(s: string): string {
  const map: Record<string, string> = {
    '\\': '\\\\',
    "'": "\\'",
    '"': '\\"',
    '<': '\\u003C',
    '>': '\\u003E',
    '&': '\\u0026',
    '=': '\\u003D',
  }
  let out = ''
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0
    if (map[ch] !== undefined) out += map[ch]
    else if (cp < 0x20) out += `\\u00${cp.toString(16).toUpperCase().padStart(2, '0')}`
    else if (cp >= 0x80 && !isPrint(cp)) {
      out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`
    } else out += ch
  }
  return out
}

/** url.QueryEscape. */
function queryEscape(s: string): string {
  return utf8Bytes(s)
    .map((b) => {
      const c = String.fromCharCode(b)
      if (/[A-Za-z0-9\-_.~]/.test(c)) return c
      return c === ' ' ? '+' : `%${b.toString(16).toUpperCase().padStart(2, '0')}`
    })
    .join('')
}

/** docker's json: encoding/json with SetEscapeHTML(false), the trailing newline trimmed. */
export function jsonEncode(v: GoValue): string {
  if (v === undefined || v === null) return 'null'
  if (v instanceof Boxed) return jsonEncode(v.inner)
  if (v instanceof GoFloat) return JSON.stringify(v.value)
  if (typeof v === 'string') {
    return JSON.stringify(v).replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029')
  }
  if (typeof v !== 'object') return JSON.stringify(v)
  if (isList(v)) return `[${v.map(jsonEncode).join(',')}]`
  if (!isMap(v)) return 'null'
  // Keys keep the data's order: Docker's JSON already lists struct fields in declaration order
  // and map keys sorted, which is what json.Marshal would do with the typed value.
  const fields = Object.keys(v).filter((k) => hasKey(v, k))
  return `{${fields.map((k) => `${jsonEncode(k)}:${jsonEncode(v[k])}`).join(',')}}`
}

function truncate(s: string, n: number): string {
  const bytes = utf8Bytes(s)
  if (bytes.length < n) return s
  if (n < 0) fail(`runtime error: slice bounds out of range [:${n}]`)
  return fromUtf8(bytes.slice(0, n))
}

function pad(s: string, prefix: number, suffix: number): string {
  if (s === '') return s
  if (prefix < 0 || suffix < 0) fail('strings: negative Repeat count')
  return ' '.repeat(prefix) + s + ' '.repeat(suffix)
}

const unreachable = (): never => fail('unreachable')

/** Builtins and docker functions by name; and, or and call are special-cased by the executor. */
export const FUNCS: Readonly<Record<string, GoFunc>> = {
  and: { params: ['value'], variadic: 'value', call: unreachable },
  or: { params: ['value'], variadic: 'value', call: unreachable },
  call: { params: ['value'], variadic: 'value', call: unreachable },
  not: { params: ['value'], call: ([a]) => !isTrue(a) },
  len: { params: ['value'], call: ([a]) => length(a) },
  index: { params: ['value'], variadic: 'value', call: ([a, ...rest]) => index(a, rest) },
  slice: { params: ['value'], variadic: 'value', call: ([a, ...rest]) => slice(a, rest) },
  print: { params: [], variadic: 'any', call: (args) => sprint(args) },
  println: { params: [], variadic: 'any', call: (args) => sprintln(args) },
  printf: { params: ['string'], variadic: 'any', call: ([f, ...a]) => sprintf(str(f), a) },
  html: { params: [], variadic: 'any', call: (args) => htmlEscape(evalArgs(args)) },
  js: { params: [], variadic: 'any', call: (args) => jsEscape(evalArgs(args)) },
  urlquery: { params: [], variadic: 'any', call: (args) => queryEscape(evalArgs(args)) },
  eq: { params: ['value'], variadic: 'value', call: ([a, ...rest]) => eq(a, rest) },
  ne: { params: ['value', 'value'], call: ([a, b]) => !eq(a, [b]) },
  lt: { params: ['value', 'value'], call: ([a, b]) => lt(a, b) },
  le: { params: ['value', 'value'], call: ([a, b]) => le(a, b) },
  gt: { params: ['value', 'value'], call: ([a, b]) => !le(a, b) },
  ge: { params: ['value', 'value'], call: ([a, b]) => !lt(a, b) },
  json: { params: ['any'], call: ([v]) => jsonEncode(v) },
  split: { params: ['string', 'string'], call: ([s, sep]) => split(str(s), str(sep)) },
  join: { params: ['strings', 'string'], call: ([a, sep]) => join(a, str(sep)) },
  title: { params: ['string'], call: ([s]) => title(str(s)) },
  lower: { params: ['string'], call: ([s]) => lower(str(s)) },
  upper: { params: ['string'], call: ([s]) => upper(str(s)) },
  pad: { params: ['string', 'int', 'int'], call: ([s, p, q]) => pad(str(s), int(p), int(q)) },
  truncate: { params: ['string', 'int'], call: ([s, n]) => truncate(str(s), int(n)) },
}

/** findFunction: the function a template may call by this name. */
export function findFunction(name: string): GoFunc | undefined {
  return Object.hasOwn(FUNCS, name) ? FUNCS[name] : undefined
}

function split(s: string, sep: string): string[] {
  return sep === '' ? [...s] : s.split(sep)
}

function join(elems: GoValue, sep: string): string {
  return isList(elems) ? elems.map((e) => str(unbox(e))).join(sep) : ''
}
