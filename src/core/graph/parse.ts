/**
 * Expression text -> our Expr, through mathjs's parser. mathjs reads the
 * syntax (precedence, implicit multiplication "2x", parentheses); we accept
 * only what the backprop calculator can draw as gates and say exactly what
 * is not allowed, with the column, otherwise.
 */
import { normalizeExpression } from '../answer';
import type { MathNode } from 'mathjs';
import { math } from '../math';
import { CONSTANTS, ExpressionError, FUNCTIONS, type Expr, type OpKind } from './expr';

export const SUPPORTED =
  'numbers, variables, + - * / ^, unary minus, and exp, log (ln), sqrt, sigmoid, tanh, relu, abs, sin, cos, max, min, pow';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const OPERATORS: Record<string, OpKind | undefined> = {
  add: 'add', subtract: 'sub', multiply: 'mul', divide: 'div', pow: 'pow',
};

/** 0-based column of `word` in `source` as a whole word, or of its first character. */
function locate(source: string, word: string): number | undefined {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?<![A-Za-z0-9_])${escaped}(?![A-Za-z0-9_])`).exec(source) ?? new RegExp(escaped).exec(source);
  return m?.index;
}

/**
 * Parses `source` into an Expr. Throws ExpressionError naming the problem
 * and its column: a syntax error, an unknown function, a wrong number of
 * arguments, an operator the calculator does not support.
 */
export function parseExpression(typed: string): Expr {
  // What a Chinese keyboard types and what the tool prints (×, ·, √, full-width
  // brackets) reads as mathjs syntax; errors point into the normalised text.
  const source = normalizeExpression(typed);
  if (source.trim() === '') throw new ExpressionError('the expression is empty', source);
  let node: MathNode;
  try {
    node = math.parse(source);
  } catch (e) {
    const err = e as Error & { char?: number };
    const message = err.message.replace(/\s*\(char \d+\)$/, '');
    const column = typeof err.char === 'number' ? Math.max(0, err.char - 1) : undefined;
    throw new ExpressionError(`cannot parse the expression: ${message}${column !== undefined ? ` at column ${column + 1}` : ''}`, source, column);
  }
  return convert(node, source);
}

function convert(node: MathNode, source: string): Expr {
  const fail = (message: string, word?: string): never => {
    const column = word !== undefined ? locate(source, word) : undefined;
    throw new ExpressionError(`${message}${column !== undefined ? ` (column ${column + 1})` : ''}`, source, column);
  };
  const n = node as MathNode & { content?: MathNode; args?: MathNode[]; fn?: string | MathNode; op?: string; value?: unknown; name?: string };
  switch (node.type) {
    case 'ParenthesisNode':
      return convert(n.content!, source);
    case 'ConstantNode': {
      const value = n.value;
      if (typeof value !== 'number') return fail(`"${node.toString()}" is not a number; the expression may use ${SUPPORTED}`, String(value));
      if (!Number.isFinite(value)) return fail(`the number ${node.toString()} is too large`);
      return { kind: 'num', value };
    }
    case 'SymbolNode': {
      const name = n.name!;
      if (!NAME.test(name)) return fail(`unexpected character in "${name}": names are letters, digits and _`, name);
      if (FUNCTIONS[name] && !(name in CONSTANTS)) return fail(`${name} is a function: write ${name}(...)`, name);
      return { kind: 'var', name };
    }
    case 'OperatorNode': {
      const fn = n.fn as string;
      const args = n.args!.map((a) => convert(a, source));
      if (fn === 'unaryPlus') return args[0]!;
      if (fn === 'unaryMinus') return { kind: 'op', op: 'neg', args };
      const kind = OPERATORS[fn];
      if (!kind) return fail(`the operator "${n.op}" is not supported; the expression may use ${SUPPORTED}`, n.op);
      return { kind: 'op', op: kind, args };
    }
    case 'FunctionNode': {
      const fnNode = n.fn as MathNode & { name?: string };
      const name = fnNode.type === 'SymbolNode' ? fnNode.name! : fnNode.toString();
      const spec = FUNCTIONS[name];
      if (!spec) return fail(`unknown function ${name}(); the expression may use ${SUPPORTED}`, name);
      const args = n.args!.map((a) => convert(a, source));
      if (args.length < spec.min || args.length > spec.max) {
        const want = spec.max === Infinity ? `at least ${spec.min} arguments` : spec.min === 1 ? 'one argument' : `${spec.min} arguments`;
        return fail(`${name}() takes ${want}, got ${args.length}${name === 'log' || name === 'ln' ? ' (log is the natural logarithm)' : ''}`, name);
      }
      return { kind: 'op', op: spec.op, args };
    }
    default:
      return fail(`"${node.toString()}" (${node.type.replace(/Node$/, '').toLowerCase()}) is not supported; the expression may use ${SUPPORTED}`);
  }
}
