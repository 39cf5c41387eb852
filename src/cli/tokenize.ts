// Splits a command line into words the way bash does for simple commands (quotes, escapes,
// comments); the shell's full grammar, with pipelines and lists, is shell/command-line.ts.

import { err, ok, type Result } from '../lib/result'
import { parseCommandLine } from './shell/command-line'

export function tokenize(line: string): Result<string[], string> {
  const steps = parseCommandLine(line)
  if (!steps.ok) return steps
  const [first, ...rest] = steps.value
  if (rest.length > 0 || (first?.pipeline.length ?? 0) > 1) return err('not a simple command')
  return ok([...(first?.pipeline[0] ?? [])])
}
