// Text filters learners pipe output through: grep, head, tail, wc (GNU and busybox agree on
// the options used here).

import type { Program } from '../program'
import { fail, out } from '../output'
import { readFile } from './files'

function inputLines(text: string): string[] {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** GNU basic regular expressions: `+?(){}|` are literal, and special when escaped. */
function basicToExtended(pattern: string): string {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    const next = pattern[i + 1] ?? ''
    if (c === '\\' && '+?(){}|'.includes(next) && next !== '') {
      out += next
      i++
    } else if ('+?(){}|'.includes(c)) out += `\\${c}`
    else out += c
  }
  return out
}

export const grep: Program = (ctx, argv) => {
  const flags = new Set<string>()
  const rest: string[] = []
  for (const a of argv) {
    if (/^-[a-zA-Z]+$/.test(a)) for (const f of a.slice(1)) flags.add(f)
    else rest.push(a)
  }
  const [pattern, ...files] = rest
  if (pattern === undefined)
    return fail(
      "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
      2,
    )
  let re: RegExp
  try {
    const source = flags.has('E') ? pattern : basicToExtended(pattern)
    const body = flags.has('w') ? `\\b(?:${source})\\b` : source
    re = new RegExp(body, flags.has('i') ? 'i' : '')
  } catch {
    return fail('grep: Invalid regular expression\n', 2)
  }
  const text = files.length ? files.map((f) => readFile(ctx, f) ?? '').join('') : (ctx.stdin ?? '')
  const hits = inputLines(text)
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => re.test(line) !== flags.has('v'))
  if (flags.has('c'))
    return { stdout: `${hits.length}\n`, stderr: '', exitCode: hits.length ? 0 : 1 }
  const shown = hits.map(({ line, n }) => (flags.has('n') ? `${n}:${line}` : line))
  return { stdout: shown.map((l) => `${l}\n`).join(''), stderr: '', exitCode: hits.length ? 0 : 1 }
}

function count(argv: readonly string[]): number {
  const i = argv.findIndex((a) => a === '-n')
  const n =
    i >= 0 ? Number(argv[i + 1]) : Number(argv.find((a) => /^-\d+$/.test(a))?.slice(1) ?? 10)
  return Number.isFinite(n) ? n : 10
}

export const head: Program = (ctx, argv) =>
  out(
    inputLines(ctx.stdin ?? '')
      .slice(0, count(argv))
      .map((l) => `${l}\n`)
      .join(''),
  )

export const tail: Program = (ctx, argv) => {
  const lines = inputLines(ctx.stdin ?? '')
  return out(
    lines
      .slice(Math.max(lines.length - count(argv), 0))
      .map((l) => `${l}\n`)
      .join(''),
  )
}

export const wc: Program = (ctx, argv) => {
  const text = ctx.stdin ?? ''
  const lines = inputLines(text).length
  if (argv.includes('-l')) return out(`${lines}\n`)
  const words = text.split(/\s+/).filter(Boolean).length
  return out(
    `${String(lines).padStart(7)} ${String(words).padStart(7)} ${String(text.length).padStart(7)}\n`,
  )
}
