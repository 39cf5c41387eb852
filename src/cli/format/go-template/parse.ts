// The template parser, after go1.24 text/template/parse/parse.go: a recursive descent over the
// lexer's items into the nodes of nodes.ts, with Go's checks (defined functions and variables,
// break/continue inside range) and error texts ("template: :1: function "x" not defined"). This
// file holds the top level and the control actions; pipeline.ts parses what is inside actions.

import type { Item, ItemType } from './items'
import { lex } from './lex'
import type { BranchNode, ListNode, Node, PipeNode, Pos, TemplateNode } from './nodes'
import type { Parser } from './parser'
import {
  ParseFailure,
  backup,
  errorf,
  expect,
  next,
  nextNonSpace,
  peek,
  peekNonSpace,
  unexpected,
} from './parser'
import { pipeline } from './pipeline'
import { quote, unquote } from './strconv'

/** A parsed template: the named trees ("" is the top level; {{define}} adds others). */
export type Template = {
  readonly text: string
  readonly trees: ReadonlyMap<string, ListNode>
}

/** {{end}} and {{else}} end an item list; they never stay in the tree. */
type Delim =
  { readonly type: 'end'; readonly pos: Pos } | { readonly type: 'else'; readonly pos: Pos }

export function parse(text: string): Template | { readonly error: string } {
  const p: Parser = {
    items: lex(text),
    trees: new Map(),
    cursor: 0,
    furthest: 0,
    vars: ['$'],
    rangeDepth: 0,
    actionLine: 0,
  }
  try {
    addTree(p, '', parseTop(p))
    return { text, trees: p.trees }
  } catch (e) {
    if (e instanceof ParseFailure) return { error: e.message }
    throw e
  }
}

const delimString = (d: Delim): string => `{{${d.type}}}`

/** A tree keeps its first non-empty definition; a second one is an error. */
function addTree(p: Parser, name: string, root: ListNode): void {
  const existing = p.trees.get(name)
  if (existing === undefined || isEmptyTree(existing)) p.trees.set(name, root)
  else if (!isEmptyTree(root)) errorf(p, `template: multiple definition of template ${quote(name)}`)
}

function isEmptyTree(n: Node): boolean {
  if (n.type === 'list') return n.nodes.every(isEmptyTree)
  return n.type === 'text' && n.text.trim() === ''
}

/** parse: the top level, which may also hold {{define}}s. */
function parseTop(p: Parser): ListNode {
  const nodes: Node[] = []
  const pos = peek(p).pos
  while (peek(p).type !== 'eof') {
    if (peek(p).type === 'leftDelim') {
      const mark = p.cursor
      next(p)
      if (nextNonSpace(p).type === 'define') {
        inNewTree(p, () => parseDefinition(p))
        continue
      }
      p.cursor = mark
    }
    const n = textOrAction(p)
    if (n.type === 'end' || n.type === 'else') errorf(p, `unexpected ${delimString(n)}`)
    nodes.push(n)
  }
  return { type: 'list', pos, nodes }
}

/** Definitions and block bodies are trees of their own: no outer variables, no outer range. */
function inNewTree<T>(p: Parser, body: () => T): T {
  const saved = { vars: p.vars, rangeDepth: p.rangeDepth, actionLine: p.actionLine }
  Object.assign(p, { vars: ['$'], rangeDepth: 0, actionLine: 0 })
  try {
    return body()
  } finally {
    Object.assign(p, saved)
  }
}

function parseDefinition(p: Parser): void {
  const token = nextNonSpace(p)
  if (token.type !== 'string' && token.type !== 'rawString') unexpected(p, token, 'define clause')
  const name = unquote(token.val) ?? errorf(p, 'invalid syntax')
  expect(p, 'rightDelim', 'define clause')
  const [root, end] = itemList(p)
  if (end.type !== 'end') errorf(p, `unexpected ${delimString(end)} in define clause`)
  addTree(p, name, root)
}

/** itemList: textOrAction* up to {{end}} or {{else}}, which it returns. */
function itemList(p: Parser): [ListNode, Delim] {
  const nodes: Node[] = []
  const pos = peekNonSpace(p).pos
  while (peekNonSpace(p).type !== 'eof') {
    const n = textOrAction(p)
    if (n.type === 'end' || n.type === 'else') return [{ type: 'list', pos, nodes }, n]
    nodes.push(n)
  }
  return errorf(p, 'unexpected EOF')
}

function textOrAction(p: Parser): Node | Delim {
  const token = nextNonSpace(p)
  if (token.type === 'text') return { type: 'text', pos: token.pos, text: token.val }
  if (token.type !== 'leftDelim') unexpected(p, token, 'input')
  p.actionLine = token.line
  try {
    return action(p)
  } finally {
    p.actionLine = 0
  }
}

const CONTROLS = [
  'block',
  'break',
  'continue',
  'else',
  'end',
  'if',
  'range',
  'template',
  'with',
] as const
type Control = (typeof CONTROLS)[number]
const isControl = (t: ItemType): t is Control => (CONTROLS as readonly ItemType[]).includes(t)

function action(p: Parser): Node | Delim {
  const token = nextNonSpace(p)
  const type = token.type
  if (!isControl(type)) {
    backup(p)
    // Variables declared here persist until the enclosing {{end}}.
    return { type: 'action', pos: peek(p).pos, pipe: pipeline(p, 'command', 'rightDelim') }
  }
  switch (type) {
    case 'block':
      return blockControl(p)
    case 'break':
    case 'continue':
      return loopControl(p, token)
    case 'else':
      return elseControl(p)
    case 'end':
      return { type: 'end', pos: expect(p, 'rightDelim', 'end').pos }
    case 'if':
    case 'range':
    case 'with':
      return branchControl(p, type)
    case 'template':
      return templateControl(p)
  }
}

function loopControl(p: Parser, keyword: Item): Node {
  const type = keyword.type === 'break' ? 'break' : 'continue'
  const token = nextNonSpace(p)
  if (token.type !== 'rightDelim') unexpected(p, token, `{{${type}}}`)
  if (p.rangeDepth === 0) errorf(p, `{{${type}}} outside {{range}}`)
  return { type, pos: keyword.pos }
}

function elseControl(p: Parser): Delim {
  // "{{else if ...": leave the "if" for the enclosing control to parse.
  const after = peekNonSpace(p)
  if (after.type === 'if' || after.type === 'with') return { type: 'else', pos: after.pos }
  return { type: 'else', pos: expect(p, 'rightDelim', 'else').pos }
}

/** if, range, with: {{kind pipeline}} list [{{else}} list] {{end}}. */
function branchControl(p: Parser, type: BranchNode['type']): BranchNode {
  const varsLength = p.vars.length
  try {
    const pipe = pipeline(p, type, 'rightDelim')
    if (type === 'range') p.rangeDepth++
    const [list, end] = itemList(p)
    if (type === 'range') p.rangeDepth--
    let elseList: ListNode | null = null
    if (end.type === 'else') {
      // {{else if b}} and {{else with b}} are {{else}}{{if b}}...{{end}}{{end}}.
      const chained = peek(p).type
      if ((type === 'if' || type === 'with') && chained === type) {
        next(p)
        elseList = { type: 'list', pos: end.pos, nodes: [branchControl(p, type)] }
      } else {
        const [list2, end2] = itemList(p)
        if (end2.type !== 'end') errorf(p, `expected end; found ${delimString(end2)}`)
        elseList = list2
      }
    }
    return { type, pos: pipe.pos, pipe, list, elseList }
  } finally {
    p.vars.length = varsLength
  }
}

function templateName(p: Parser, token: Item, context: string): string {
  if (token.type !== 'string' && token.type !== 'rawString') unexpected(p, token, context)
  return unquote(token.val) ?? errorf(p, 'invalid syntax')
}

function templateControl(p: Parser): TemplateNode {
  const token = nextNonSpace(p)
  const name = templateName(p, token, 'template clause')
  let pipe: PipeNode | null = null
  if (nextNonSpace(p).type !== 'rightDelim') {
    backup(p)
    pipe = pipeline(p, 'template clause', 'rightDelim')
  }
  return { type: 'template', pos: token.pos, name, pipe }
}

/** {{block "name" pipeline}} list {{end}}: defines "name" and executes it in place. */
function blockControl(p: Parser): TemplateNode {
  const token = nextNonSpace(p)
  const name = templateName(p, token, 'block clause')
  const pipe = pipeline(p, 'block clause', 'rightDelim')
  const [root, end] = inNewTree(p, () => itemList(p))
  if (end.type !== 'end') errorf(p, `unexpected ${delimString(end)} in block clause`)
  addTree(p, name, root)
  return { type: 'template', pos: token.pos, name, pipe }
}
