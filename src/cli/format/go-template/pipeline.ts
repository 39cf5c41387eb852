// Pipelines, commands and operands, after go1.24 text/template/parse/parse.go (pipeline down to
// term and newNumber): `$x := .A | printf "%s" (index .B 0).C`.

import { findFunction } from './funcs'
import type { Item, ItemType } from './items'
import type { ArgNode, CommandNode, NumberNode, PipeNode, Pos, VariableNode } from './nodes'
import { nodeString } from './nodes'
import type { Parser } from './parser'
import { backup, errorf, next, nextNonSpace, peek, peekNonSpace, unexpected } from './parser'
import { parseCharConstant, parseFloat64, parseInteger, quote, unquote } from './strconv'

/** pipeline: declarations? command ('|' command)* up to the end token. */
export function pipeline(p: Parser, context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
  const pos = peekNonSpace(p).pos
  const { decl, isAssign } = declarations(p, context)
  const cmds: CommandNode[] = []
  for (;;) {
    const token = nextNonSpace(p)
    if (token.type === end) {
      checkPipeline(p, cmds, context)
      return { type: 'pipe', pos, isAssign, decl, cmds }
    }
    if (!isOperandStart(token.type)) unexpected(p, token, context)
    backup(p)
    cmds.push(command(p))
  }
}

const OPERAND_START = [
  'bool',
  'charConstant',
  'complex',
  'dot',
  'field',
  'identifier',
  'number',
  'nil',
  'rawString',
  'string',
  'variable',
  'leftParen',
] as const
type OperandStart = (typeof OPERAND_START)[number]
const isOperandStart = (t: ItemType): t is OperandStart =>
  (OPERAND_START as readonly ItemType[]).includes(t)

/** `$x :=`, `$x =`, or in a range `$i, $e :=`; otherwise the variable is an operand. */
function declarations(p: Parser, context: string): { decl: VariableNode[]; isAssign: boolean } {
  const decl: VariableNode[] = []
  for (;;) {
    const v = peekNonSpace(p)
    if (v.type !== 'variable') break
    const mark = p.cursor
    next(p)
    const following = peekNonSpace(p)
    if (following.type === 'assign' || following.type === 'declare') {
      nextNonSpace(p)
      declare(p, decl, v)
      return { decl, isAssign: following.type === 'assign' }
    }
    if (following.type === 'char' && following.val === ',') {
      nextNonSpace(p)
      declare(p, decl, v)
      if (context === 'range' && decl.length < 2) {
        const t = peekNonSpace(p).type
        if (t === 'variable' || t === 'rightDelim' || t === 'rightParen') continue
        errorf(p, 'range can only initialize variables')
      }
      errorf(p, `too many declarations in ${context}`)
    }
    p.cursor = mark
    break
  }
  return { decl, isAssign: false }
}

function declare(p: Parser, decl: VariableNode[], v: Item): void {
  decl.push({ type: 'variable', pos: v.pos, ident: v.val.split('.') })
  p.vars.push(v.val)
}

function checkPipeline(p: Parser, cmds: readonly CommandNode[], context: string): void {
  if (cmds.length === 0) errorf(p, `missing value for ${context}`)
  cmds.slice(1).forEach((c, i) => {
    const first = c.args[0]?.type
    if (
      first === 'bool' ||
      first === 'dot' ||
      first === 'nil' ||
      first === 'number' ||
      first === 'string'
    ) {
      errorf(p, `non executable command in pipeline stage ${i + 2}`)
    }
  })
}

/** command: operands separated by spaces, up to '|' (consumed) or the end token (not). */
function command(p: Parser): CommandNode {
  const pos = peekNonSpace(p).pos
  const args: ArgNode[] = []
  for (;;) {
    peekNonSpace(p)
    const arg = operand(p)
    if (arg) args.push(arg)
    const token = next(p)
    if (token.type === 'space') continue
    if (token.type === 'rightDelim' || token.type === 'rightParen') backup(p)
    else if (token.type !== 'pipe') unexpected(p, token, 'operand')
    break
  }
  if (args.length === 0) errorf(p, 'empty command')
  return { type: 'command', pos, args }
}

/** operand: a term and any .Field accesses after it. */
function operand(p: Parser): ArgNode | null {
  const node = term(p)
  if (!node || peek(p).type !== 'field') return node
  // The chain, and the field or variable it extends, sit at the first chained field.
  const pos = peek(p).pos
  const fields: string[] = []
  while (peek(p).type === 'field') fields.push(next(p).val.slice(1))
  switch (node.type) {
    case 'field':
    case 'variable':
      return { type: node.type, pos, ident: [...node.ident, ...fields] }
    case 'bool':
    case 'string':
    case 'number':
    case 'nil':
    case 'dot':
      return errorf(p, `unexpected . after term ${quote(nodeString(node))}`)
    case 'chain':
    case 'identifier':
    case 'pipe':
      return { type: 'chain', pos, node, field: fields }
  }
}

/** term: a literal, function name, ., .Field, $x or a parenthesized pipeline. */
function term(p: Parser): ArgNode | null {
  const token = nextNonSpace(p)
  const { pos, type } = token
  if (!isOperandStart(type)) {
    backup(p)
    return null
  }
  switch (type) {
    case 'identifier':
      if (!findFunction(token.val)) errorf(p, `function ${quote(token.val)} not defined`)
      return { type: 'identifier', pos, ident: token.val }
    case 'dot':
      return { type: 'dot', pos }
    case 'nil':
      return { type: 'nil', pos }
    case 'variable':
      return useVar(p, pos, token.val)
    case 'field':
      return { type: 'field', pos, ident: token.val.slice(1).split('.') }
    case 'bool':
      return { type: 'bool', pos, value: token.val === 'true' }
    case 'charConstant':
    case 'complex':
    case 'number':
      return numberNode(p, token)
    case 'leftParen':
      return pipeline(p, 'parenthesized pipeline', 'rightParen')
    case 'string':
    case 'rawString':
      return {
        type: 'string',
        pos,
        quoted: token.val,
        text: unquote(token.val) ?? errorf(p, 'invalid syntax'),
      }
  }
}

function useVar(p: Parser, pos: Pos, name: string): VariableNode {
  const ident = name.split('.')
  if (!p.vars.includes(ident[0] ?? '')) errorf(p, `undefined variable ${quote(ident[0] ?? '')}`)
  return { type: 'variable', pos, ident }
}

/** newNumber: the constant under every type that holds it exactly. */
function numberNode(p: Parser, token: Item): NumberNode {
  const text = token.val
  const base = { type: 'number', pos: token.pos, text } as const
  if (token.type === 'charConstant') {
    const r = parseCharConstant(text)
    if (typeof r !== 'number') errorf(p, r.error)
    return { ...base, isInt: true, isUint: true, isFloat: true, int: r, float: r }
  }
  // Complex and imaginary constants have no use in docker's data.
  if (token.type === 'complex' || text.endsWith('i'))
    errorf(p, `illegal number syntax: ${quote(text)}`)
  const u = parseInteger(text, true)
  const i = parseInteger(text, false)
  if (i !== undefined || u !== undefined) {
    const value = Number(i ?? u)
    return {
      ...base,
      isInt: i !== undefined,
      isUint: u !== undefined,
      isFloat: true,
      int: value,
      float: value,
    }
  }
  const f = parseFloat64(text)
  if (f === undefined) errorf(p, `illegal number syntax: ${quote(text)}`)
  // A float that looks like an integer is one too large for int64.
  if (!/[.eEpP]/.test(text)) errorf(p, `integer overflow: ${quote(text)}`)
  const isInt = Number.isInteger(f) && Math.abs(f) < 2 ** 63
  return { ...base, isInt, isUint: isInt && f >= 0, isFloat: true, int: f, float: f }
}
