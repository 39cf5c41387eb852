// Template execution, after go1.24 text/template/exec.go (walk, walkIfOrWith, walkRange,
// walkTemplate, printValue): walks the tree over the data and builds the output text.

import type { MissingKey, State } from './eval'
import { ExecFailure, evalPipeline, fail, setVar } from './eval'
import { formatV } from './fmt'
import type { BranchNode, Node, PipeNode, TemplateNode } from './nodes'
import type { Template } from './parse'
import { quote } from './strconv'
import type { GoValue } from './values'
import { Boxed, fromData, isInt, isList, isMap, isTrue, sortedKeys } from './values'

/** Go allows 100000 nested template calls; the JS stack allows fewer (Go on wasm uses 1000). */
const MAX_EXEC_DEPTH = 1000

/** Unwinds to the enclosing range, as Go panics with walkBreak / walkContinue. */
class LoopSignal extends Error {
  constructor(readonly kind: 'break' | 'continue') {
    super(kind)
  }
}

export function execute(
  t: Template,
  data: unknown,
  missingKey: MissingKey,
): { readonly output: string } | { readonly error: string } {
  // encoding/json would give nil for null; Execute(nil) starts from the invalid value.
  const value = data === null ? undefined : fromData(data)
  const s: State = {
    text: t.text,
    trees: t.trees,
    missingKey,
    name: '',
    node: undefined,
    vars: [{ name: '$', value }],
    depth: 0,
    out: '',
  }
  try {
    const root = t.trees.get('') ?? fail(s, `${quote('')} is an incomplete or empty template`)
    walk(s, value, root)
    return { output: s.out }
  } catch (e) {
    if (e instanceof ExecFailure) return { error: e.message }
    throw e
  }
}

function walk(s: State, dot: GoValue, node: Node): void {
  s.node = node
  switch (node.type) {
    case 'text':
      s.out += node.text
      return
    case 'action': {
      // An action that declares variables prints nothing.
      const value = evalPipeline(s, dot, node.pipe)
      if (node.pipe.decl.length === 0) printValue(s, node, value)
      return
    }
    case 'if':
    case 'with':
      return walkIfOrWith(s, dot, node)
    case 'range':
      return walkRange(s, dot, node)
    case 'template':
      return walkTemplate(s, dot, node)
    case 'break':
    case 'continue':
      throw new LoopSignal(node.type)
    case 'list':
      for (const n of node.nodes) walk(s, dot, n)
      return
  }
}

function printValue(s: State, node: Node, value: GoValue): void {
  s.node = node
  s.out += value === undefined ? '<no value>' : formatV(value)
}

/** Variables declared inside a control live until its {{end}}. */
function scoped(s: State, body: () => void): void {
  const mark = s.vars.length
  try {
    body()
  } finally {
    s.vars.length = mark
  }
}

function walkIfOrWith(s: State, dot: GoValue, node: BranchNode): void {
  scoped(s, () => {
    const value = evalPipeline(s, dot, node.pipe)
    if (isTrue(value)) walk(s, node.type === 'with' ? value : dot, node.list)
    else if (node.elseList) walk(s, dot, node.elseList)
  })
}

function walkRange(s: State, dot: GoValue, r: BranchNode): void {
  s.node = r
  try {
    scoped(s, () => {
      const value = evalPipeline(s, dot, r.pipe)
      const mark = s.vars.length
      const iterate = (index: GoValue, elem: GoValue): void =>
        scoped(s, () => {
          setRangeVars(s, r.pipe, mark, index, elem)
          try {
            walk(s, elem, r.list)
          } catch (e) {
            if (!(e instanceof LoopSignal && e.kind === 'continue')) throw e
          }
        })
      if (!rangeOver(s, r.pipe, value, iterate) && r.elseList) walk(s, dot, r.elseList)
    })
  } catch (e) {
    if (!(e instanceof LoopSignal && e.kind === 'break')) throw e
  }
}

/** Calls iterate per element (sorted keys for maps, 0..n-1 for an int); false when none. */
function rangeOver(
  s: State,
  pipe: PipeNode,
  value: GoValue,
  iterate: (index: GoValue, elem: GoValue) => void,
): boolean {
  if (isInt(value)) {
    if (pipe.decl.length > 1)
      fail(s, `can't use ${formatV(value)} to iterate over more than one variable`)
    for (let i = 0; i < value; i++) iterate(undefined, i)
    return value > 0
  }
  if (isList(value)) {
    value.forEach((elem, i) => iterate(i, new Boxed(elem)))
    return value.length > 0
  }
  if (isMap(value)) {
    const keys = sortedKeys(value)
    for (const k of keys) iterate(k, new Boxed(value[k] ?? null))
    return keys.length > 0
  }
  // An invalid value (a missing key) ranges like an empty map.
  if (value === undefined) return false
  return fail(s, `range can't iterate over ${formatV(value)}`)
}

/** {{range $e := ...}} sets $e to the element; {{range $i, $e := ...}} also $i to the index. */
function setRangeVars(s: State, pipe: PipeNode, mark: number, index: GoValue, elem: GoValue): void {
  const [first, second] = pipe.decl.map((v) => v.ident[0] ?? '')
  if (first === undefined) return
  if (pipe.isAssign) {
    setVar(s, first, second === undefined ? elem : index)
    if (second !== undefined) setVar(s, second, elem)
    return
  }
  const top = s.vars[mark - 1]
  const below = s.vars[mark - 2]
  if (top) top.value = elem
  if (second !== undefined && below) below.value = index
}

function walkTemplate(s: State, dot: GoValue, t: TemplateNode): void {
  s.node = t
  const root = s.trees.get(t.name) ?? fail(s, `template ${quote(t.name)} not defined`)
  if (s.depth === MAX_EXEC_DEPTH) fail(s, `exceeded maximum template depth (${MAX_EXEC_DEPTH})`)
  const newDot = evalPipeline(s, dot, t.pipe)
  // No dynamic scoping: the called template sees only $, set to its dot.
  const saved = { name: s.name, vars: s.vars, depth: s.depth }
  Object.assign(s, { name: t.name, vars: [{ name: '$', value: newDot }], depth: s.depth + 1 })
  try {
    walk(s, newDot, root)
  } finally {
    Object.assign(s, saved)
  }
}
