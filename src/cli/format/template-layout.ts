// `--format` for list commands (docker/cli cli/command/formatter/formatter.go): a template run
// once per row; with a `table` prefix the header row is the template run on the column titles,
// and every line goes through the tabwriter.

import { err, ok, type Result } from '../../lib/result'
import { executeTemplate, parseTemplate, preFormat } from './go-template'
import { formatTable } from './table'

export function templateLayout(
  rows: readonly Readonly<Record<string, unknown>>[],
  format: string,
  headers: Readonly<Record<string, string>>,
): Result<string, string> {
  const tmpl = parseTemplate(preFormat(format))
  if (!tmpl.ok) return err(`template parsing error: ${tmpl.error}`)
  const table = format.startsWith('table')
  const lines: string[] = []
  if (table) {
    const header = executeTemplate(tmpl.value, headers)
    lines.push(header.ok ? header.value : '')
  }
  for (const r of rows) {
    const line = executeTemplate(tmpl.value, r)
    if (!line.ok) return err(`template parsing error: ${line.error}`)
    lines.push(line.value)
  }
  if (!table) return ok(lines.map((l) => `${l}\n`).join(''))
  const cells = lines
    .join('\n')
    .split('\n')
    .map((l) => l.split('\t'))
  return ok(formatTable(cells))
}
