// The parse tree of a template, after go1.24 text/template/parse/node.go, and each node's
// String(): Go shows it in execution errors ("executing "" at <.Foo.Bar>: ...").

import { quote } from './strconv'

/** A JS string index into the template text. */
export type Pos = number

export type TextNode = { readonly type: 'text'; readonly pos: Pos; readonly text: string }
export type ActionNode = { readonly type: 'action'; readonly pos: Pos; readonly pipe: PipeNode }
export type BranchNode = {
  readonly type: 'if' | 'range' | 'with'
  readonly pos: Pos
  readonly pipe: PipeNode
  readonly list: ListNode
  readonly elseList: ListNode | null
}
export type TemplateNode = {
  readonly type: 'template'
  readonly pos: Pos
  readonly name: string
  readonly pipe: PipeNode | null
}
export type LoopControlNode = { readonly type: 'break' | 'continue'; readonly pos: Pos }
export type ListNode = { readonly type: 'list'; readonly pos: Pos; readonly nodes: readonly Node[] }

/** What a list holds: text and actions. */
export type Node = TextNode | ActionNode | BranchNode | TemplateNode | LoopControlNode | ListNode

export type PipeNode = {
  readonly type: 'pipe'
  readonly pos: Pos
  readonly isAssign: boolean
  readonly decl: readonly VariableNode[]
  readonly cmds: readonly CommandNode[]
}
export type CommandNode = {
  readonly type: 'command'
  readonly pos: Pos
  readonly args: readonly ArgNode[]
}
export type FieldNode = {
  readonly type: 'field'
  readonly pos: Pos
  readonly ident: readonly string[]
}
/** $x.Field: ident[0] is the variable with its '$'. */
export type VariableNode = {
  readonly type: 'variable'
  readonly pos: Pos
  readonly ident: readonly string[]
}
/** (pipeline).Field1.Field2 */
export type ChainNode = {
  readonly type: 'chain'
  readonly pos: Pos
  readonly node: ArgNode
  readonly field: readonly string[]
}
export type IdentifierNode = {
  readonly type: 'identifier'
  readonly pos: Pos
  readonly ident: string
}
export type DotNode = { readonly type: 'dot'; readonly pos: Pos }
export type NilNode = { readonly type: 'nil'; readonly pos: Pos }
export type BoolNode = { readonly type: 'bool'; readonly pos: Pos; readonly value: boolean }
/** A number constant under every Go type that can hold it, like Go's ideal constants. */
export type NumberNode = {
  readonly type: 'number'
  readonly pos: Pos
  readonly text: string
  readonly isInt: boolean
  readonly isUint: boolean
  readonly isFloat: boolean
  readonly int: number
  readonly float: number
}
export type StringNode = {
  readonly type: 'string'
  readonly pos: Pos
  readonly quoted: string
  readonly text: string
}

/** An operand of a command. */
export type ArgNode =
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode

export type AnyNode = Node | CommandNode | ArgNode

const wrapPipe = (n: ArgNode): string => (n.type === 'pipe' ? `(${nodeString(n)})` : nodeString(n))

/** The node's String(), as Go prints it in error contexts. */
export function nodeString(n: AnyNode): string {
  switch (n.type) {
    case 'text':
      return n.text
    case 'action':
      return `{{${nodeString(n.pipe)}}}`
    case 'if':
    case 'range':
    case 'with': {
      const elsePart = n.elseList ? `{{else}}${nodeString(n.elseList)}` : ''
      return `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}${elsePart}{{end}}`
    }
    case 'template':
      return `{{template ${quote(n.name)}${n.pipe ? ` ${nodeString(n.pipe)}` : ''}}}`
    case 'break':
    case 'continue':
      return `{{${n.type}}}`
    case 'list':
      return n.nodes.map(nodeString).join('')
    case 'pipe': {
      const decl =
        n.decl.length === 0
          ? ''
          : `${n.decl.map(nodeString).join(', ')}${n.isAssign ? ' = ' : ' := '}`
      return decl + n.cmds.map(nodeString).join(' | ')
    }
    case 'command':
      return n.args.map(wrapPipe).join(' ')
    case 'field':
      return n.ident.map((id) => `.${id}`).join('')
    case 'variable':
      return n.ident.join('.')
    case 'chain':
      return wrapPipe(n.node) + n.field.map((f) => `.${f}`).join('')
    case 'identifier':
      return n.ident
    case 'dot':
      return '.'
    case 'nil':
      return 'nil'
    case 'bool':
      return String(n.value)
    case 'number':
      return n.text
    case 'string':
      return n.quoted
  }
}
