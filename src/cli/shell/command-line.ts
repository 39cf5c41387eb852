// A command line as bash reads it: pipelines (`a | b`) joined by `;`, `&&` and `||`, words split
// and quoted as in tokenize.ts. Redirections and substitutions are not shell features learners
// need here, so `>`, `$(…)` are plain characters.

import { err, ok, type Result } from '../../lib/result'

export type Operator = ';' | '&&' | '||'

/** One step of a list: a pipeline and how it joins the previous step. */
export type Step = { readonly join: Operator; readonly pipeline: readonly (readonly string[])[] }

type Token = string | { readonly op: '|' | Operator }

function lex(line: string): Result<Token[], string> {
  const tokens: Token[] = []
  let word = ''
  let inWord = false
  const flush = (): void => {
    if (inWord) tokens.push(word)
    word = ''
    inWord = false
  }
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string
    const next = line[i + 1]
    if (c === ' ' || c === '\t') flush()
    else if (c === '|' || c === ';' || (c === '&' && next === '&')) {
      flush()
      if (c === '|' && next === '|') {
        tokens.push({ op: '||' })
        i++
      } else if (c === '&') {
        tokens.push({ op: '&&' })
        i++
      } else tokens.push({ op: c })
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1)
      if (end < 0) return err("unexpected EOF while looking for matching `''")
      word += line.slice(i + 1, end)
      inWord = true
      i = end
    } else if (c === '"') {
      let j = i + 1
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && ['"', '\\', '$'].includes(line[j + 1] ?? '')) j++
        word += line[j]
      }
      if (j >= line.length) return err('unexpected EOF while looking for matching `"\'')
      inWord = true
      i = j
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i]
      inWord = true
    } else if (c === '#' && !inWord) break
    else {
      word += c
      inWord = true
    }
  }
  flush()
  return ok(tokens)
}

export function parseCommandLine(line: string): Result<Step[], string> {
  const tokens = lex(line)
  if (!tokens.ok) return tokens
  const steps: Step[] = []
  let join: Operator = ';'
  let pipeline: string[][] = []
  let words: string[] = []
  const syntax = (t: string): Result<never, string> =>
    err(`syntax error near unexpected token \`${t}'`)
  for (const t of tokens.value) {
    if (typeof t === 'string') {
      words.push(t)
      continue
    }
    if (words.length === 0) return syntax(t.op)
    pipeline.push(words)
    words = []
    if (t.op !== '|') {
      steps.push({ join, pipeline })
      pipeline = []
      join = t.op
    }
  }
  if (words.length) pipeline.push(words)
  else if (pipeline.length) return syntax('newline')
  if (pipeline.length) steps.push({ join, pipeline })
  return ok(steps)
}
