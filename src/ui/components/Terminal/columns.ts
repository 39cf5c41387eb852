// Lays out completion candidates as readline lists them on a second Tab (rl_display_match_list,
// print-completions-horizontally off): columns as wide as the longest word plus two, filled
// top to bottom, as many as fit in the terminal's width; the last column is not padded.

export function formatColumns(words: readonly string[], width: number): string {
  if (words.length === 0) return ''
  const max = Math.max(...words.map((w) => w.length)) + 2
  let limit = Math.floor(width / max)
  if (limit !== 1 && limit * max === width) limit--
  limit = Math.max(limit, 1)
  const rows = Math.ceil(words.length / limit)
  let text = ''
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < limit; col++) {
      const i = row + col * rows
      const word = words[i]
      if (word === undefined) break
      const more = col + 1 < limit && i + rows < words.length
      text += more ? word.padEnd(max) : word
    }
    text += '\n'
  }
  return text
}
