// Command-line flags as the docker CLI parses them (spf13/pflag under cobra): `--name value`,
// `--name=value`, `-n value`, `-nvalue`, grouped booleans `-dit`, `--` ends flags. Errors carry
// pflag's exact wording; the caller adds the usage lines the docker CLI prints after them.

import { err, ok, type Result } from '../lib/result'

export type FlagType = 'bool' | 'string' | 'list'

export type FlagSpec = {
  readonly name: string
  readonly short?: string
  readonly type: FlagType
}

/** Parsed flags: bool → 'true'|'false' (last wins), string → last value, list → every value. */
export type ParsedFlags = {
  readonly bools: ReadonlySet<string>
  readonly strings: ReadonlyMap<string, string>
  readonly lists: ReadonlyMap<string, readonly string[]>
}

export type ParsedArgs = { readonly flags: ParsedFlags; readonly args: readonly string[] }

export type ParseOptions = {
  /** false: the first positional argument ends flag parsing (`docker run IMAGE CMD -x`). */
  readonly interspersed: boolean
}

const PARSE_BOOL: Record<string, boolean> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
}

type FlagIndex = {
  readonly byName: ReadonlyMap<string, FlagSpec>
  readonly byShort: ReadonlyMap<string, FlagSpec>
}

// A command's flag table is built once; `docker run` has over a hundred flags to index.
const indexes = new WeakMap<readonly FlagSpec[], FlagIndex>()

function indexOf(specs: readonly FlagSpec[]): FlagIndex {
  let index = indexes.get(specs)
  if (!index) {
    index = {
      byName: new Map(specs.map((s) => [s.name, s])),
      byShort: new Map(specs.flatMap((s) => (s.short ? [[s.short, s] as const] : []))),
    }
    indexes.set(specs, index)
  }
  return index
}

export function parseFlags(
  argv: readonly string[],
  specs: readonly FlagSpec[],
  options: ParseOptions = { interspersed: true },
): Result<ParsedArgs, string> {
  const bools = new Set<string>()
  const strings = new Map<string, string>()
  const lists = new Map<string, string[]>()
  const args: string[] = []
  const { byName, byShort } = indexOf(specs)

  const set = (spec: FlagSpec, value: string, label: string): string | undefined => {
    if (spec.type === 'bool') {
      const b = PARSE_BOOL[value]
      if (b === undefined) {
        return `invalid argument "${value}" for "${label}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`
      }
      if (b) bools.add(spec.name)
      else bools.delete(spec.name)
    } else if (spec.type === 'string') strings.set(spec.name, value)
    else lists.set(spec.name, [...(lists.get(spec.name) ?? []), value])
    return undefined
  }
  const label = (s: FlagSpec): string => (s.short ? `-${s.short}, --${s.name}` : `--${s.name}`)

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (a === '--') {
      args.push(...argv.slice(i + 1))
      break
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=')
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq)
      const spec = byName.get(name)
      if (!spec) return err(`unknown flag: --${name}`)
      let value = eq < 0 ? undefined : a.slice(eq + 1)
      if (value === undefined && spec.type !== 'bool') {
        if (i + 1 >= argv.length) return err(`flag needs an argument: --${name}`)
        value = argv[++i]
      }
      const e = set(spec, value ?? 'true', label(spec))
      if (e) return err(e)
      continue
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j] as string
        const spec = byShort.get(c)
        if (!spec) return err(`unknown shorthand flag: '${c}' in ${a}`)
        if (spec.type === 'bool') {
          const explicit = a[j + 1] === '=' ? a.slice(j + 2) : undefined
          const e = set(spec, explicit ?? 'true', label(spec))
          if (e) return err(e)
          if (explicit !== undefined) break
          continue
        }
        let value = a.slice(j + 1).replace(/^=/, '')
        if (value === '') {
          if (i + 1 >= argv.length) return err(`flag needs an argument: '${c}' in ${a}`)
          value = argv[++i] as string
        }
        const e = set(spec, value, label(spec))
        if (e) return err(e)
        break
      }
      continue
    }
    if (!options.interspersed) {
      args.push(...argv.slice(i))
      break
    }
    args.push(a)
  }
  return ok({ flags: { bools, strings, lists }, args })
}
