// Tab completion as bash and readline do it: the word under the cursor is completed against what
// may stand there (a program name, a docker subcommand, a flag, a container, network or image
// name). One match completes the word and adds a space; several complete their common prefix and
// are returned as candidates for the terminal to list on a second Tab.

import type { HostId, World } from '../engine'
import { dockerWords } from './complete-docker'
import { labWords } from './lab'

/** What completion may read: the world, the shell's host and the programs its shell can run. */
export type CompletionScope = {
  readonly world: World
  readonly host: HostId
  /** Programs and builtins the current shell runs (differs in a busybox or Debian container). */
  readonly programs: readonly string[]
}

export type Completion = {
  /** The whole line after completion (the line unchanged when nothing could be added). */
  readonly replacement: string
  /** Every word that matches what was typed, sorted; a terminal lists them on a second Tab. */
  readonly candidates: readonly string[]
}

/** The word being completed: its text so far (unquoted), where it starts, and its quote. */
type Word = { readonly text: string; readonly start: number; readonly quote: '' | "'" | '"' }

type Scan = { readonly before: readonly string[]; readonly current: Word } | null

const BLANK = new Set([' ', '\t'])
const OPERATORS = new Set(['|', ';', '&'])

/**
 * Splits the text before the cursor into the words of the current simple command (after the last
 * `|`, `;`, `&&` or `||`); null when the word under the cursor cannot be completed (a quote in the
 * middle of it).
 */
function scan(text: string): Scan {
  let before: string[] = []
  let word = ''
  let start = -1
  let quote: '' | "'" | '"' = ''
  let midQuote = false
  const flush = (): void => {
    if (start >= 0) before.push(word)
    word = ''
    start = -1
    midQuote = false
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (quote !== '') {
      if (c === quote) quote = ''
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i]
      else word += c
    } else if (BLANK.has(c)) flush()
    else if (OPERATORS.has(c)) {
      flush()
      before = []
    } else if (c === "'" || c === '"') {
      if (start < 0) start = i
      else midQuote = true
      quote = c
    } else if (c === '\\' && i + 1 < text.length) {
      if (start < 0) start = i
      word += text[++i]
    } else {
      if (start < 0) start = i
      word += c
    }
  }
  if (start < 0) return { before, current: { text: '', start: text.length, quote: '' } }
  if (midQuote) return null
  const first = text[start]
  return {
    before,
    current: { text: word, start, quote: first === "'" || first === '"' ? first : '' },
  }
}

/** The longest prefix every candidate shares. */
function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? ''
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1)
  return prefix
}

const escapeWord = (w: string): string => w.replace(/([\s'"\\|;&$`(){}<>*?!#])/g, '\\$1')

/** Words ending in `=` or `:` take their value right after, so no space follows them. */
const takesSuffix = (w: string): boolean => w.endsWith('=') || w.endsWith(':')

function wordsFor(scope: CompletionScope, before: readonly string[], text: string): string[] {
  const [program, ...args] = before
  if (program === undefined) return text.includes('/') ? [] : [...scope.programs]
  if (program === 'docker' && scope.programs.includes('docker'))
    return dockerWords(scope, args, text)
  if (program === 'lab' && scope.programs.includes('lab')) return labWords(scope.world, args)
  return []
}

export function complete(scope: CompletionScope, line: string, cursor: number): Completion {
  const at = Math.max(0, Math.min(cursor, line.length))
  const head = line.slice(0, at)
  const tail = line.slice(at)
  const none: Completion = { replacement: line, candidates: [] }
  const s = scan(head)
  if (!s) return none
  const { before, current } = s
  const candidates = [...new Set(wordsFor(scope, before, current.text))]
    .filter((w) => w.startsWith(current.text))
    .sort()
  if (candidates.length === 0) return none
  const unique = candidates.length === 1
  const completed = unique ? (candidates[0] ?? '') : commonPrefix(candidates)
  // Readline steps over a blank already after the cursor rather than inserting another one.
  const space = tail.startsWith(' ') ? '' : ' '
  const end = unique && !takesSuffix(completed) ? `${current.quote}${space}` : ''
  const word =
    current.quote === '' ? escapeWord(completed) + end : `${current.quote}${completed}${end}`
  return { replacement: `${head.slice(0, current.start)}${word}${tail}`, candidates }
}
