// The flags each docker command accepts, read from the real CLI's help text (help-texts.ts), so
// that every command knows exactly which flags exist, which are booleans, and their shorthands.
// Typed flags (`--name string`, `-p, --publish list`) are parsed as lists: scalar ones use the
// last value given, as pflag does.

import type { FlagSpec } from '../flags'
import { DOCKER_HELP } from './help-texts'

const cache = new Map<string, FlagSpec[]>()

const FLAG_LINE = /^\s{2,}(?:-(\w), )?--([\w-]+)(?: (\w[\w-]*))?(?:\s|$)/

export function flagsFromHelp(path: string): FlagSpec[] {
  const hit = cache.get(path)
  if (hit) return hit
  const specs: FlagSpec[] = []
  let inOptions = false
  for (const line of (DOCKER_HELP[path] ?? '').split('\n')) {
    if (/^(Global )?Options:$/.test(line)) {
      inOptions = true
      continue
    }
    if (inOptions && /^\S/.test(line)) inOptions = false
    if (!inOptions) continue
    const m = FLAG_LINE.exec(line)
    if (!m?.[2]) continue
    specs.push({ name: m[2], ...(m[1] ? { short: m[1] } : {}), type: m[3] ? 'list' : 'bool' })
  }
  cache.set(path, specs)
  return specs
}
