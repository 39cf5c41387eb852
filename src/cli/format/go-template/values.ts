// Template data as Go's reflect sees it after encoding/json decoding: objects are
// map[string]interface {}, arrays []interface {}, numbers int (integral) or float64, and a slot
// of static type interface {} (a map value, a slice element) is a Boxed value until a pipeline
// command ends, as text/template's exec.go does with reflect.Value.Elem.

import { compareStrings } from './go-strings'

/** A float64 constant written as one (`1.0`, `1e3`): Go keeps it a float even when integral. */
export class GoFloat {
  constructor(readonly value: number) {}
}

/**
 * A value read from an interface{} slot. Go keeps the static type interface {} until a command
 * ends: it shows in errors ("can't evaluate field X in type interface {}") and makes a JSON null
 * a nil interface (inner null) rather than a missing value.
 */
export class Boxed {
  constructor(readonly inner: GoValue) {}
}

export type GoMap = { readonly [key: string]: GoValue }

/**
 * undefined is the invalid reflect.Value (a missing map key, printed "<no value>"); null is a nil
 * interface{} (a JSON null inside a map or slice, or nil passed to an `any` parameter).
 */
export type GoValue =
  undefined | null | string | boolean | number | GoFloat | Boxed | readonly GoValue[] | GoMap

/** Normalises caller data to JSON-like values, as if it went through encoding/json. */
export function fromData(data: unknown): GoValue {
  switch (typeof data) {
    case 'string':
    case 'boolean':
      return data
    case 'number':
      return Number.isFinite(data) ? data : null
    case 'bigint':
      return Number(data)
    case 'object': {
      if (data === null) return null
      if (Array.isArray(data)) return data.map((e: unknown) => fromData(e) ?? null)
      // fromEntries defines own properties, so a "__proto__" key stays a key.
      const entries = Object.entries(data).map(([k, v]) => [k, fromData(v)] as const)
      return Object.fromEntries(entries.filter(([, v]) => v !== undefined))
    }
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined
  }
}

export function isMap(v: GoValue): v is GoMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isWrapper(v)
}

export function isList(v: GoValue): v is readonly GoValue[] {
  return Array.isArray(v)
}

function isWrapper(v: object): boolean {
  return v instanceof GoFloat || v instanceof Boxed
}

/** An int: an integral number within int64. Other numbers are float64, as JSON gives them. */
export function isInt(v: GoValue): v is number {
  return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 63
}

export function isFloat(v: GoValue): v is number | GoFloat {
  return v instanceof GoFloat || (typeof v === 'number' && !isInt(v))
}

export function numberValue(v: number | GoFloat): number {
  return v instanceof GoFloat ? v.value : v
}

export function hasKey(m: GoMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key) && m[key] !== undefined
}

/** Map keys in Go's order (fmt, range and fmtsort sort string keys by bytes). */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort(compareStrings)
}

/** indirectInterface: the dynamic value of an interface{} slot; a nil interface is invalid. */
export function unbox(v: GoValue): GoValue {
  if (v instanceof Boxed) return v.inner === null ? undefined : v.inner
  return v
}

/** The Go type name reflect reports, for error texts and %T. */
export function typeName(v: GoValue): string {
  if (v === undefined || v === null) return '<nil>'
  if (v instanceof Boxed) return 'interface {}'
  if (typeof v === 'string') return 'string'
  if (typeof v === 'boolean') return 'bool'
  if (isInt(v)) return 'int'
  if (isFloat(v)) return 'float64'
  return isList(v) ? '[]interface {}' : 'map[string]interface {}'
}

/** text/template isTrue: the zero value of a type is false (nil, 0, "", empty map or slice). */
export function isTrue(value: GoValue): boolean {
  const v = unbox(value)
  if (v === undefined || v === null) return false
  if (typeof v === 'string') return v.length > 0
  if (typeof v === 'boolean') return v
  if (typeof v === 'number' || v instanceof GoFloat) return numberValue(v) !== 0
  if (isList(v)) return v.length > 0
  return isMap(v) && Object.keys(v).length > 0
}
