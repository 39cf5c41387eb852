// Splits a command line into words the way bash does for simple commands: blanks separate words,
// single quotes keep everything, double quotes keep all but `\"` and `\\`, backslash escapes.

import { err, ok, type Result } from '../lib/result'

export function tokenize(line: string): Result<string[], string> {
  const words: string[] = []
  let word = ''
  let inWord = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string
    if (c === ' ' || c === '\t') {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1)
      if (end < 0) return err("unexpected EOF while looking for matching `''")
      word += line.slice(i + 1, end)
      inWord = true
      i = end
    } else if (c === '"') {
      let j = i + 1
      for (; j < line.length && line[j] !== '"'; j++) {
        if (
          line[j] === '\\' &&
          (line[j + 1] === '"' || line[j + 1] === '\\' || line[j + 1] === '$')
        )
          j++
        word += line[j]
      }
      if (j >= line.length) return err('unexpected EOF while looking for matching `"\'')
      inWord = true
      i = j
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i]
      inWord = true
    } else if (c === '#' && !inWord) {
      break
    } else {
      word += c
      inWord = true
    }
  }
  if (inWord) words.push(word)
  return ok(words)
}
