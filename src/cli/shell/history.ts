// The shell's `history` builtin over the lines a shell has read: bash numbers them from 1
// (`%5d  %s`, bash builtins/history.def), busybox ash from 0 (`%4d %s`, libbb/lineedit.c).
// Both record a line when it is read, so `history` lists itself last.

import { fail, out, type CommandOutput } from '../output'

export type HistoryFlavor = 'bash' | 'ash'

const BASH_USAGE =
  'history: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n'

/** Adds a line as the shell reads it: blank lines are not kept; ash drops a repeat of the last. */
export function rememberLine(lines: string[], line: string, flavor: HistoryFlavor): void {
  if (line.trim() === '') return
  if (flavor === 'ash' && lines.at(-1) === line) return
  lines.push(line)
}

/** `history`, `history N` (the last N), `history -c` (clears); ash ignores its arguments. */
export function runHistory(
  lines: string[],
  argv: readonly string[],
  flavor: HistoryFlavor,
): CommandOutput {
  if (flavor === 'ash') return out(lines.map((l, i) => `${String(i).padStart(4)} ${l}\n`).join(''))
  const [arg] = argv
  if (arg === '-c') {
    lines.length = 0
    return out('')
  }
  if (arg !== undefined && arg.startsWith('-') && arg !== '-')
    return fail(`bash: history: ${arg.slice(0, 2)}: invalid option\n${BASH_USAGE}`, 2)
  if (argv.length > 1) return fail('bash: history: too many arguments\n', 1)
  if (arg !== undefined && !/^\d+$/.test(arg))
    return fail(`bash: history: ${arg}: numeric argument required\n`, 1)
  const count = arg === undefined ? lines.length : Number(arg)
  const first = Math.max(0, lines.length - count)
  return out(
    lines
      .slice(first)
      .map((l, i) => `${String(first + i + 1).padStart(5)}  ${l}\n`)
      .join(''),
  )
}
