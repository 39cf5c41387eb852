// Go text/template as the docker CLI runs it for --format and -f, over the JSON shape of Docker's
// API data. Mirrors go1.24 text/template (docker/cli v28.5.2 is built with go1.24.9) and docker/cli
// v28.5.2 templates/templates.go (json, split, join, title, lower, upper, pad, truncate); the
// engine is in ./go-template/ (lex, parse, eval, exec, funcs, fmt).
//
// How docker/cli v28.5.2 feeds templates:
// - `docker ps`, `docker network ls`, `docker version` --format go through
//   cli/command/formatter/formatter.go Context.preFormat (see preFormat below): it drops a `table`
//   prefix, turns the format `json` into `{{json .}}`, trims outer spaces and replaces the
//   two-character escapes \t and \n with a tab and a newline. templates.Parse itself replaces
//   nothing. Each executed row is followed by "\n"; a parse or execution error is wrapped as
//   "template parsing error: <Go error>".
// - `docker inspect -f` (cli/command/inspect/inspector.go) calls templates.Parse on the raw
//   string, so a typed \t stays a backslash and a t. It executes on the typed struct and, if that
//   fails, on the raw JSON as map[string]interface{} with missingkey=error: a missing field there
//   prints `map has no entry for key "X"`. Pass { missingKey: 'error' } for that path. Errors are
//   wrapped as "template parsing error: <Go error>" too (exit status 64 when parsing fails).
//
// Data model: objects are map[string]interface {} (fields are keys; range and %v sort keys like
// Go; json keeps the data's key order), arrays []interface {}, integral numbers int and other
// numbers float64. A missing key prints "<no value>" by default.

import type { Result } from '../../lib/result'
import { err, ok } from '../../lib/result'
import type { MissingKey } from './go-template/eval'
import { execute } from './go-template/exec'
import type { Template } from './go-template/parse'
import { parse } from './go-template/parse'

/** The error text exactly as the docker CLI prints it after its own prefix. */
export type TemplateError = string

export type { Template, MissingKey }

export type TemplateOptions = {
  /** Go's Option("missingkey=..."): 'default' prints <no value>, 'error' fails. */
  readonly missingKey?: MissingKey
}

/** template.New("").Funcs(basicFunctions).Parse(text), as docker's templates.Parse does. */
export function parseTemplate(text: string): Result<Template, TemplateError> {
  const parsed = parse(text)
  return 'error' in parsed ? err(parsed.error) : ok(parsed)
}

/** Template.Execute over data (plain JSON-like values); the output only if it all succeeds. */
export function executeTemplate(
  template: Template,
  data: unknown,
  options: TemplateOptions = {},
): Result<string, TemplateError> {
  const run = execute(template, data, options.missingKey ?? 'default')
  return 'error' in run ? err(run.error) : ok(run.output)
}

/** Parse, then execute. */
export function renderTemplate(
  text: string,
  data: unknown,
  options: TemplateOptions = {},
): Result<string, TemplateError> {
  const parsed = parseTemplate(text)
  return parsed.ok ? executeTemplate(parsed.value, data, options) : parsed
}

/**
 * formatter.Context.preFormat (docker/cli v28.5.2 cli/command/formatter/formatter.go): the
 * format a list command parses. `table` is stripped (IsTable is a prefix test), `json` alone
 * becomes `{{json .}}`, spaces (only ' ') are trimmed from both ends, and the two-character
 * sequences \t and \n become a tab and a newline.
 */
export function preFormat(format: string): string {
  let f = format
  if (f.startsWith('table')) f = f.slice('table'.length)
  else if (f === 'json') f = '{{json .}}'
  f = f.replace(/^ +| +$/g, '')
  return f.replace(/\\[tn]/g, (m) => (m === '\\t' ? '\t' : '\n'))
}
