// The docker CLI's table layout: Go text/tabwriter with minwidth 10, tabwidth 1, padding 3,
// padchar ' ' (docker/cli cli/command/formatter/formatter.go). Each column is as wide as its
// widest cell plus 3, at least 10; the last column is not padded.

const MIN_WIDTH = 10
const PADDING = 3

export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = []
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (i === row.length - 1) return
      widths[i] = Math.max(widths[i] ?? 0, Math.max([...cell].length + PADDING, MIN_WIDTH))
    })
  }
  return rows
    .map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join(''),
    )
    .map((line) => `${line}\n`)
    .join('')
}
