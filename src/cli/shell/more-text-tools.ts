// awk (field printing), sort and uniq: what tutorials pipe `ls`/`ps` output through, e.g. seed
// 001's `ls -l /proc/*/ns | grep uts | awk '{print $11}' | sort | uniq`.

import { fail, out } from '../output'
import type { Program } from '../program'
import { readFile } from './files'

function inputOf(ctx: Parameters<Program>[0], files: readonly string[]): string | undefined {
  if (files.length === 0) return ctx.stdin ?? ''
  let text = ''
  for (const f of files) {
    const content = readFile(ctx, f)
    if (content === undefined) return undefined
    text += content
  }
  return text
}

const linesOf = (text: string): string[] => {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/**
 * `awk '{print $1, $3}'` and `awk -F: '{print $2}'`: printing fields of every line (the one awk
 * program learners type here); other programs say so.
 */
export const awk: Program = (ctx, argv) => {
  let sep: string | undefined
  const rest: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (a === '-F') sep = argv[++i]
    else if (a.startsWith('-F')) sep = a.slice(2)
    else rest.push(a)
  }
  const [program, ...files] = rest
  if (program === undefined)
    return fail('usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n', 2)
  const m = /^\s*\{\s*print\s*((?:\$\d+|NF|\$NF)(?:\s*,\s*(?:\$\d+|\$NF))*)?\s*;?\s*\}\s*$/.exec(
    program,
  )
  if (!m) return fail(`awk: only '{print $N, …}' programs are simulated here\n`, 2)
  const text = inputOf(ctx, files)
  if (text === undefined) return fail(`awk: can't open file ${files[0] ?? ''}\n`, 2)
  const wanted = (m[1] ?? '$0').split(/\s*,\s*/)
  const rows = linesOf(text).map((line) => {
    const fields = sep === undefined ? line.trim().split(/\s+/) : line.split(sep)
    return wanted
      .map((w) => {
        if (w === '$0') return line
        if (w === 'NF') return String(fields.length)
        if (w === '$NF') return fields[fields.length - 1] ?? ''
        const n = Number(w.slice(1))
        return n === 0 ? line : (fields[n - 1] ?? '')
      })
      .join(' ')
  })
  return out(rows.map((r) => `${r}\n`).join(''))
}

/** `sort [-r] [-u] [-n]`, byte order as in the C locale root shells use. */
export const sort: Program = (ctx, argv) => {
  const flags = new Set(argv.filter((a) => /^-[a-z]+$/.test(a)).flatMap((a) => [...a.slice(1)]))
  const text = inputOf(
    ctx,
    argv.filter((a) => !a.startsWith('-')),
  )
  if (text === undefined) return fail('sort: cannot read: No such file or directory\n', 2)
  const cmp = flags.has('n')
    ? (a: string, b: string) => parseFloat(a) - parseFloat(b) || (a < b ? -1 : a > b ? 1 : 0)
    : (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  let lines = linesOf(text).sort(cmp)
  if (flags.has('r')) lines = lines.reverse()
  if (flags.has('u')) lines = lines.filter((l, i) => i === 0 || l !== lines[i - 1])
  return out(lines.map((l) => `${l}\n`).join(''))
}

/** `uniq [-c]`: adjacent duplicate lines once (with their count). */
export const uniq: Program = (ctx, argv) => {
  const count = argv.includes('-c')
  const text = inputOf(
    ctx,
    argv.filter((a) => !a.startsWith('-')),
  )
  if (text === undefined) return fail('uniq: No such file or directory\n', 1)
  const groups: [string, number][] = []
  for (const line of linesOf(text)) {
    const last = groups.at(-1)
    if (last && last[0] === line) last[1]++
    else groups.push([line, 1])
  }
  return out(
    groups
      .map(([line, n]) => (count ? `${String(n).padStart(7)} ${line}\n` : `${line}\n`))
      .join(''),
  )
}
