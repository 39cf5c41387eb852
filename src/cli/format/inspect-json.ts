// JSON as `docker inspect` prints it: the daemon encodes each object with encoding/json (map keys
// sorted, HTML characters left alone: moby api/server/httputils WriteJSON SetEscapeHTML(false)),
// the CLI joins them into an array and indents it with json.Indent(…, "", "    ") — or compacts
// it for `--format json` (docker/cli cli/command/inspect/inspector.go jsonInspector.Flush).
// Objects are written in insertion order: callers build struct fields in Go's declared order and
// map keys already sorted. `omitEmpty` marks the fields tagged `json:",omitempty"`: left out of
// the JSON when empty, yet present (as their zero value) for `--format` templates, which Docker
// runs on the typed struct.

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined }

export type JsonOptions = {
  /** encoding/json's default HTML escaping (`<` → `\u003c`), which `docker inspect` turns off. */
  readonly escapeHtml?: boolean
}

const OMIT_EMPTY = Symbol('omitempty')

type JsonObject = { readonly [key: string]: JsonValue | undefined }

/** Tags `keys` of `obj` as `omitempty`; returns `obj`. */
export function omitEmpty<T extends JsonObject>(obj: T, ...keys: (keyof T & string)[]): T {
  Object.defineProperty(obj, OMIT_EMPTY, { value: new Set(keys), enumerable: false })
  return obj
}

/** Go's notion of an empty value for omitempty: false, 0, "", nil, or an empty slice or map. */
function isEmpty(v: JsonValue): boolean {
  if (v === null || v === '' || v === 0 || v === false) return true
  return typeof v === 'object' && Object.keys(v).length === 0
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
}

const hex4 = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`

/** A Go-encoded JSON string: control characters as \u00XX, U+2028/U+2029 escaped. */
export function quoteJson(s: string, opts: JsonOptions = {}): string {
  let out = '"'
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0
    const short = SHORT_ESCAPES[ch]
    if (short !== undefined) out += short
    else if (c < 0x20 || c === 0x2028 || c === 0x2029) out += hex4(c)
    else if (opts.escapeHtml && (ch === '<' || ch === '>' || ch === '&')) out += hex4(c)
    else if (c >= 0xd800 && c <= 0xdfff)
      out += '\ufffd' // a lone surrogate: invalid UTF-8 in Go
    else out += ch
  }
  return `${out}"`
}

function isArray(v: JsonValue): v is readonly JsonValue[] {
  return Array.isArray(v)
}

function entries(v: JsonObject): [string, JsonValue][] {
  const omit = (v as { [OMIT_EMPTY]?: ReadonlySet<string> })[OMIT_EMPTY]
  return Object.entries(v).filter(
    (e): e is [string, JsonValue] => e[1] !== undefined && !(omit?.has(e[0]) && isEmpty(e[1])),
  )
}

function write(v: JsonValue, indent: string, depth: number, opts: JsonOptions): string {
  if (v === null) return 'null'
  if (typeof v === 'string') return quoteJson(v, opts)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  const nl = indent === '' ? '' : `\n${indent.repeat(depth + 1)}`
  const end = indent === '' ? '' : `\n${indent.repeat(depth)}`
  const colon = indent === '' ? ':' : ': '
  if (isArray(v)) {
    if (v.length === 0) return '[]'
    return `[${v.map((x) => nl + write(x, indent, depth + 1, opts)).join(',')}${end}]`
  }
  const members = entries(v)
  if (members.length === 0) return '{}'
  const body = members.map(
    ([k, x]) => `${nl}${quoteJson(k, opts)}${colon}${write(x, indent, depth + 1, opts)}`,
  )
  return `{${body.join(',')}${end}}`
}

/** Go json.MarshalIndent(v, "", "    "). */
export function marshalIndent(v: JsonValue, opts: JsonOptions = {}): string {
  return write(v, '    ', 0, opts)
}

/** Go json.Marshal / json.Compact. */
export function marshalCompact(v: JsonValue, opts: JsonOptions = {}): string {
  return write(v, '', 0, opts)
}

/** What `docker inspect` prints for the objects it found: `[]` when none, then a newline. */
export function formatInspectArray(elements: readonly JsonValue[], compact = false): string {
  if (elements.length === 0) return '[]\n'
  return `${compact ? marshalCompact(elements) : marshalIndent(elements)}\n`
}
