/**
 * Expression text -> our Expr, through mathjs's parser. mathjs reads the
 * syntax (precedence, implicit multiplication "2x", parentheses); we accept
 * only what the backprop calculator can draw as gates and say exactly what
 * is not allowed, with the column, otherwise.
 */
import { normalizeExpression } from '../answer';
import type { MathNode } from 'mathjs';
import { math, mathjsMessage } from '../math';
import { bi, msg, tr, txt, type Text } from '../text';
import { CONSTANTS, ExpressionError, FUNCTIONS, type Expr, type OpKind } from './expr';

export const SUPPORTED: Text = bi(
  'numbers, variables, + - * / ^, unary minus, and exp, log (ln), sqrt, sigmoid, tanh, relu, abs, sin, cos, max, min, pow',
  '数字、变量、+ - * / ^、一元负号，以及 exp, log (ln), sqrt, sigmoid, tanh, relu, abs, sin, cos, max, min, pow',
);

/** The texts of the expression reader, in both languages. */
const M = {
  empty: bi('the expression is empty', '表达式为空'),
  cannotParse: msg((why: Text, column: number | undefined) => `cannot parse the expression: ${tr(why, 'en')}${column !== undefined ? ` at column ${column}` : ''}`,
    (why, column) => `无法解析表达式：${tr(why, 'zh')}${column !== undefined ? `，在第 ${column} 列` : ''}`),
  column: msg((column: number) => ` (column ${column})`, (column) => `（第 ${column} 列）`),
  mayUse: bi(`; the expression may use ${tr(SUPPORTED, 'en')}`, `；表达式可以使用 ${tr(SUPPORTED, 'zh')}`),
  notNumber: msg((text: string) => `"${text}" is not a number`, (text) => `"${text}" 不是数`),
  tooLarge: msg((text: string) => `the number ${text} is too large`, (text) => `数 ${text} 太大`),
  badName: msg((name: string) => `unexpected character in "${name}": names are letters, digits and _`, (name) => `"${name}" 中有不允许的字符：名称只能由字母、数字和 _ 组成`),
  isFunction: msg((name: string) => `${name} is a function: write ${name}(...)`, (name) => `${name} 是函数：请写成 ${name}(...)`),
  operator: msg((op: string) => `the operator "${op}" is not supported`, (op) => `不支持运算符 "${op}"`),
  unknownFunction: msg((name: string) => `unknown function ${name}()`, (name) => `未知的函数 ${name}()`),
  arity: msg((name: string, min: number, max: number, got: number) => `${name}() takes ${max === Infinity ? `at least ${min} arguments` : min === 1 ? 'one argument' : `${min} arguments`}, got ${got}${name === 'log' || name === 'ln' ? ' (log is the natural logarithm)' : ''}`,
    (name, min, max, got) => `${name}() 需要${max === Infinity ? `至少 ${min} 个参数` : min === 1 ? '一个参数' : ` ${min} 个参数`}，收到 ${got} 个${name === 'log' || name === 'ln' ? '（log 是自然对数）' : ''}`),
  unsupported: msg((text: string, type: string) => `"${text}" (${type}) is not supported`, (text, type) => `不支持 "${text}"（${type}）`),
};

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
  if (source.trim() === '') throw new ExpressionError(M.empty, source);
  let node: MathNode;
  try {
    node = math.parse(source);
  } catch (e) {
    const err = e as Error & { char?: number };
    const message = err.message.replace(/\s*\(char \d+\)$/, '');
    const column = typeof err.char === 'number' ? Math.max(0, err.char - 1) : undefined;
    throw new ExpressionError(M.cannotParse(mathjsMessage(message), column !== undefined ? column + 1 : undefined), source, column);
  }
  return convert(node, source);
}

function convert(node: MathNode, source: string): Expr {
  const fail = (message: Text, word?: string): never => {
    const column = word !== undefined ? locate(source, word) : undefined;
    throw new ExpressionError(column !== undefined ? txt`${message}${M.column(column + 1)}` : message, source, column);
  };
  const mayUse = M.mayUse;
  const n = node as MathNode & { content?: MathNode; args?: MathNode[]; fn?: string | MathNode; op?: string; value?: unknown; name?: string };
  switch (node.type) {
    case 'ParenthesisNode':
      return convert(n.content!, source);
    case 'ConstantNode': {
      const value = n.value;
      if (typeof value !== 'number') return fail(txt`${M.notNumber(node.toString())}${mayUse}`, String(value));
      if (!Number.isFinite(value)) return fail(M.tooLarge(node.toString()));
      return { kind: 'num', value };
    }
    case 'SymbolNode': {
      const name = n.name!;
      if (!NAME.test(name)) return fail(M.badName(name), name);
      if (FUNCTIONS[name] && !(name in CONSTANTS)) return fail(M.isFunction(name), name);
      return { kind: 'var', name };
    }
    case 'OperatorNode': {
      const fn = n.fn as string;
      const args = n.args!.map((a) => convert(a, source));
      if (fn === 'unaryPlus') return args[0]!;
      if (fn === 'unaryMinus') return { kind: 'op', op: 'neg', args };
      const kind = OPERATORS[fn];
      if (!kind) return fail(txt`${M.operator(n.op!)}${mayUse}`, n.op);
      return { kind: 'op', op: kind, args };
    }
    case 'FunctionNode': {
      const fnNode = n.fn as MathNode & { name?: string };
      const name = fnNode.type === 'SymbolNode' ? fnNode.name! : fnNode.toString();
      const spec = FUNCTIONS[name];
      if (!spec) return fail(txt`${M.unknownFunction(name)}${mayUse}`, name);
      const args = n.args!.map((a) => convert(a, source));
      if (args.length < spec.min || args.length > spec.max) {
        return fail(M.arity(name, spec.min, spec.max, args.length), name);
      }
      return { kind: 'op', op: spec.op, args };
    }
    default:
      return fail(txt`${M.unsupported(node.toString(), node.type.replace(/Node$/, '').toLowerCase())}${mayUse}`);
  }
}
