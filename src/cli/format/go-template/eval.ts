// Evaluation of pipelines, commands and operands, after go1.24 text/template/exec.go (evalPipeline
// down to evalArg). Like Go it tracks the node being evaluated (s.at) so an error names it:
// `template: :1:8: executing "" at <.State.Health>: map has no entry for key "Health"`.

import type { GoFunc, ParamType } from './funcs'
import { FuncError, findFunction } from './funcs'
import { byteLength } from './go-strings'
import type { AnyNode, ArgNode, ChainNode, CommandNode, FieldNode, IdentifierNode } from './nodes'
import type {
  BoolNode,
  DotNode,
  ListNode,
  NilNode,
  NumberNode,
  PipeNode,
  StringNode,
  VariableNode,
} from './nodes'
import { nodeString } from './nodes'
import { quote } from './strconv'
import type { GoValue } from './values'
import { Boxed, GoFloat, hasKey, isInt, isList, isMap, isTrue, typeName, unbox } from './values'

/** Go's Option("missingkey=..."): what a missing map key gives. */
export type MissingKey = 'default' | 'zero' | 'error'

export type State = {
  readonly text: string
  readonly trees: ReadonlyMap<string, ListNode>
  readonly missingKey: MissingKey
  /** The template being executed, for `executing "name"`. */
  name: string
  /** The node being evaluated (Go's s.at), for the error context. */
  node: AnyNode | undefined
  vars: { readonly name: string; value: GoValue }[]
  depth: number
  out: string
}

/** An execution error: Go's ExecError, already formatted. */
export class ExecFailure extends Error {}

/** No value piped in yet (Go's missingVal), as opposed to a piped-in invalid value. */
const MISSING = Symbol('missing')
type Final = GoValue | typeof MISSING

export function fail(s: State, message: string): never {
  if (s.node === undefined) throw new ExecFailure(`template: ${s.name}: ${message}`)
  const before = s.text.slice(0, s.node.pos)
  const line = 1 + (before.match(/\n/g)?.length ?? 0)
  const column = byteLength(before.slice(before.lastIndexOf('\n') + 1))
  const where = `:${line}:${column}`
  throw new ExecFailure(
    `template: ${where}: executing ${quote(s.name)} at <${nodeString(s.node)}>: ${message}`,
  )
}

function varValue(s: State, name: string): GoValue {
  const v = s.vars.findLast((x) => x.name === name)
  return v ? v.value : fail(s, `undefined variable: ${name}`)
}

export function setVar(s: State, name: string, value: GoValue): void {
  const v = s.vars.findLast((x) => x.name === name)
  if (!v) fail(s, `undefined variable: ${name}`)
  v.value = value
}

/** evalPipeline: runs the commands, each result the last argument of the next. */
export function evalPipeline(s: State, dot: GoValue, pipe: PipeNode | null): GoValue {
  if (pipe === null) return undefined
  s.node = pipe
  let value: GoValue = undefined
  let final: Final = MISSING
  for (const cmd of pipe.cmds) {
    // An interface{} result drops to its dynamic value.
    value = unbox(evalCommand(s, dot, cmd, final))
    final = value
  }
  for (const v of pipe.decl) {
    const name = v.ident[0] ?? ''
    if (pipe.isAssign) setVar(s, name, value)
    else s.vars.push({ name, value })
  }
  return value
}

function notAFunction(s: State, args: readonly ArgNode[], final: Final): void {
  const [first] = args
  if (first !== undefined && (args.length > 1 || final !== MISSING)) {
    fail(s, `can't give argument to non-function ${nodeString(first)}`)
  }
}

function evalCommand(s: State, dot: GoValue, cmd: CommandNode, final: Final): GoValue {
  const first = cmd.args[0]
  if (first === undefined) return fail(s, 'empty command')
  switch (first.type) {
    case 'field':
      return evalFieldNode(s, dot, first, cmd.args, final)
    case 'chain':
      return evalChainNode(s, dot, first, cmd.args, final)
    case 'identifier':
      return evalFunction(s, dot, first, cmd, cmd.args, final)
    case 'pipe':
      notAFunction(s, cmd.args, final)
      return evalPipeline(s, dot, first)
    case 'variable':
      return evalVariableNode(s, first, cmd.args, final)
    case 'bool':
    case 'dot':
    case 'nil':
    case 'number':
    case 'string':
      s.node = first
      notAFunction(s, cmd.args, final)
      return literalCommand(s, dot, first)
  }
}

function literalCommand(
  s: State,
  dot: GoValue,
  n: BoolNode | DotNode | NilNode | NumberNode | StringNode,
): GoValue {
  switch (n.type) {
    case 'bool':
      return n.value
    case 'dot':
      return dot
    case 'nil':
      return fail(s, 'nil is not a command')
    case 'number':
      return idealConstant(s, n)
    case 'string':
      return n.text
  }
}

/** A number constant with no type from context: its syntax decides int or float64. */
function idealConstant(s: State, n: NumberNode): GoValue {
  s.node = n
  const hexInt = /^0[xX]/.test(n.text) && !/[pP]/.test(n.text)
  if (n.isFloat && !hexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) {
    return new GoFloat(n.float)
  }
  if (n.isInt) return n.int
  return n.isUint ? fail(s, `${n.text} overflows int`) : undefined
}

function evalFieldNode(
  s: State,
  dot: GoValue,
  field: FieldNode,
  args: readonly ArgNode[],
  final: Final,
): GoValue {
  s.node = field
  return evalFieldChain(s, dot, field.ident, args, final)
}

function evalChainNode(
  s: State,
  dot: GoValue,
  chain: ChainNode,
  args: readonly ArgNode[],
  final: Final,
): GoValue {
  s.node = chain
  if (chain.node.type === 'nil') fail(s, `indirection through explicit nil in ${nodeString(chain)}`)
  const receiver = evalArg(s, dot, null, chain.node)
  return evalFieldChain(s, receiver, chain.field, args, final)
}

function evalVariableNode(
  s: State,
  v: VariableNode,
  args: readonly ArgNode[],
  final: Final,
): GoValue {
  s.node = v
  const value = varValue(s, v.ident[0] ?? '')
  if (v.ident.length === 1) {
    notAFunction(s, args, final)
    return value
  }
  return evalFieldChain(s, value, v.ident.slice(1), args, final)
}

function evalFieldChain(
  s: State,
  receiver: GoValue,
  ident: readonly string[],
  args: readonly ArgNode[],
  final: Final,
): GoValue {
  let r = receiver
  ident.forEach((name, i) => {
    const last = i === ident.length - 1
    r = evalField(s, name, last ? args : [], last ? final : MISSING, r)
  })
  return r
}

/** evalField: .Name on a map is its key; anything else has no fields (data has no methods). */
function evalField(
  s: State,
  name: string,
  args: readonly ArgNode[],
  final: Final,
  receiver: GoValue,
): GoValue {
  if (receiver === undefined) {
    if (s.missingKey === 'error') fail(s, `nil data; no entry for key ${quote(name)}`)
    return undefined
  }
  const typ = typeName(receiver)
  const r = receiver instanceof Boxed ? receiver.inner : receiver
  // A JSON null is a nil interface{}: reflect cannot look inside it.
  if (r === null) fail(s, `nil pointer evaluating interface {}.${name}`)
  if (!isMap(r)) return fail(s, `can't evaluate field ${name} in type ${typ}`)
  if (args.length > 1 || final !== MISSING) fail(s, `${name} is not a method but has arguments`)
  if (hasKey(r, name)) return new Boxed(r[name])
  if (s.missingKey === 'zero') return new Boxed(null)
  if (s.missingKey === 'error') fail(s, `map has no entry for key ${quote(name)}`)
  return undefined
}

function evalFunction(
  s: State,
  dot: GoValue,
  node: IdentifierNode,
  cmd: AnyNode,
  args: readonly ArgNode[],
  final: Final,
): GoValue {
  s.node = node
  const fn = findFunction(node.ident) ?? fail(s, `${quote(node.ident)} is not a defined function`)
  return evalCall(s, dot, fn, cmd, node.ident, args.slice(1), final)
}

/** evalCall: checks the arity, evaluates and type-checks the arguments, calls. */
function evalCall(
  s: State,
  dot: GoValue,
  fn: GoFunc,
  node: AnyNode,
  name: string,
  args: readonly ArgNode[],
  final: Final,
): GoValue {
  const numIn = args.length + (final === MISSING ? 0 : 1)
  const numFixed = fn.variadic ? fn.params.length : args.length
  if (fn.variadic && numIn < numFixed) {
    fail(s, `wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`)
  }
  if (!fn.variadic && numIn !== fn.params.length) {
    fail(s, `wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`)
  }
  if (name === 'and' || name === 'or') return andOr(s, dot, name, args, final)
  const argv = args.map((arg, i) => evalArg(s, dot, fn.params[i] ?? fn.variadic ?? 'value', arg))
  if (final !== MISSING) {
    const t = fn.params[numIn - 1] ?? fn.variadic ?? 'value'
    argv.push(validateType(s, final, t))
  }
  if (name === 'call') return call(s, node, final, args, argv)
  try {
    return fn.call(argv)
  } catch (e) {
    if (!(e instanceof FuncError)) throw e
    s.node = node
    return fail(s, `error calling ${name}: ${e.message}`)
  }
}

/** and/or short-circuit: the first argument that decides, else the last. */
function andOr(
  s: State,
  dot: GoValue,
  name: string,
  args: readonly ArgNode[],
  final: Final,
): GoValue {
  let v: GoValue = undefined
  for (const arg of args) {
    v = evalArg(s, dot, 'value', arg)
    if (isTrue(v) === (name === 'or')) return v
  }
  return final === MISSING ? v : validateType(s, final, 'value')
}

/** call: template data holds no functions, so it can only fail as Go's does. */
function call(
  s: State,
  node: AnyNode,
  final: Final,
  args: readonly ArgNode[],
  argv: readonly GoValue[],
): never {
  const fn = unbox(argv[0])
  const [first] = args
  const callee = first ? nodeString(first) : typeof final === 'string' ? final : ''
  s.node = node
  if (fn === undefined) fail(s, 'error calling call: call of nil')
  return fail(s, `error calling call: non-function ${callee} of type ${typeName(fn)}`)
}

const GO_TYPES: Record<ParamType, string> = {
  value: 'reflect.Value',
  any: 'interface {}',
  string: 'string',
  int: 'int',
  strings: '[]string',
}

/** validateType: the value as an argument of type typ (null: no particular type). */
function validateType(s: State, value: GoValue, typ: ParamType | null): GoValue {
  if (typ === null || typ === 'value') return value
  if (value === undefined) {
    if (typ === 'any') return null
    if (typ === 'strings') return []
    return fail(s, `invalid value; expected ${GO_TYPES[typ]}`)
  }
  if (typ === 'any') return value instanceof Boxed ? value.inner : value
  const v = value instanceof Boxed && value.inner !== null ? value.inner : value
  const ok =
    typ === 'string'
      ? typeof v === 'string'
      : typ === 'int'
        ? isInt(v)
        : isList(v) && v.every((e) => typeof e === 'string')
  if (ok) return v
  return fail(s, `wrong type for value; expected ${GO_TYPES[typ]}; got ${typeName(v)}`)
}

function evalArg(s: State, dot: GoValue, typ: ParamType | null, n: ArgNode): GoValue {
  s.node = n
  switch (n.type) {
    case 'dot':
      return validateType(s, dot, typ)
    case 'nil':
      if (typ === 'value') return undefined
      if (typ === 'any') return null
      if (typ === 'strings') return []
      return fail(s, `cannot assign nil to ${typ === null ? '<nil>' : GO_TYPES[typ]}`)
    case 'field':
      return validateType(s, evalFieldNode(s, dot, n, [n], MISSING), typ)
    case 'variable':
      return validateType(s, evalVariableNode(s, n, [], MISSING), typ)
    case 'pipe':
      return validateType(s, evalPipeline(s, dot, n), typ)
    case 'identifier':
      return validateType(s, evalFunction(s, dot, n, n, [], MISSING), typ)
    case 'chain':
      return validateType(s, evalChainNode(s, dot, n, [], MISSING), typ)
    case 'bool':
    case 'number':
    case 'string':
      return literalArg(s, typ, n)
  }
}

/** A constant argument takes the parameter's type (evalString, evalInteger, ...). */
function literalArg(
  s: State,
  typ: ParamType | null,
  n: BoolNode | NumberNode | StringNode,
): GoValue {
  if (typ === 'string') {
    return n.type === 'string' ? n.text : fail(s, `expected string; found ${nodeString(n)}`)
  }
  if (typ === 'int') {
    return n.type === 'number' && n.isInt
      ? n.int
      : fail(s, `expected integer; found ${nodeString(n)}`)
  }
  if (typ === 'strings' || typ === null) {
    return fail(
      s,
      `can't handle ${nodeString(n)} for arg of type ${typ === null ? '<nil>' : GO_TYPES[typ]}`,
    )
  }
  // evalEmptyInterface
  if (n.type === 'bool') return n.value
  if (n.type === 'number') return idealConstant(s, n)
  return n.text
}
