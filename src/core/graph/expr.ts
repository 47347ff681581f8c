/**
 * The expression tree the backprop calculator works on: our own small AST,
 * independent of mathjs, so quiz generators and property tests can build
 * expressions without loading the parser, and so every gate is ours to
 * evaluate and differentiate step by step.
 */
import { InputError } from '../errors';
import type { Text } from '../text';

/** Every gate the graph knows. Binary: add sub mul div pow; n-ary: max min; the rest unary. */
export type OpKind =
  | 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'neg'
  | 'exp' | 'log' | 'sqrt' | 'sigmoid' | 'tanh' | 'relu' | 'abs' | 'sin' | 'cos'
  | 'max' | 'min';

export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'var'; name: string }
  | { kind: 'op'; op: OpKind; args: Expr[] };

/** The functions written as `name(args)`, with how many arguments each takes. */
export const FUNCTIONS: Readonly<Record<string, { op: OpKind; min: number; max: number }>> = {
  exp: { op: 'exp', min: 1, max: 1 },
  log: { op: 'log', min: 1, max: 1 },
  ln: { op: 'log', min: 1, max: 1 },
  sqrt: { op: 'sqrt', min: 1, max: 1 },
  sigmoid: { op: 'sigmoid', min: 1, max: 1 },
  tanh: { op: 'tanh', min: 1, max: 1 },
  relu: { op: 'relu', min: 1, max: 1 },
  abs: { op: 'abs', min: 1, max: 1 },
  sin: { op: 'sin', min: 1, max: 1 },
  cos: { op: 'cos', min: 1, max: 1 },
  max: { op: 'max', min: 2, max: Infinity },
  min: { op: 'min', min: 2, max: Infinity },
  pow: { op: 'pow', min: 2, max: 2 },
};

/** Named constants, used when the user gives them no value. */
export const CONSTANTS: Readonly<Record<string, number>> = { e: Math.E, pi: Math.PI };

/**
 * A mistake in the expression text. `column` is 0-based into `source` when
 * the position is known, so the command can draw a caret under it.
 */
export class ExpressionError extends InputError {
  constructor(message: Text, readonly source: string, readonly column?: number) {
    super('expression', message);
    this.name = 'ExpressionError';
  }
}

export const num = (value: number): Expr => ({ kind: 'num', value });
export const v = (name: string): Expr => ({ kind: 'var', name });
export const op = (kind: OpKind, ...args: Expr[]): Expr => ({ kind: 'op', op: kind, args });

/** Variable names in order of first appearance (named constants e, pi count as variables here). */
export function variablesOf(e: Expr, out: string[] = []): string[] {
  if (e.kind === 'var' && !out.includes(e.name)) out.push(e.name);
  if (e.kind === 'op') e.args.forEach((a) => variablesOf(a, out));
  return out;
}

/** How many times each variable is used. */
export function useCounts(e: Expr, out = new Map<string, number>()): Map<string, number> {
  if (e.kind === 'var') out.set(e.name, (out.get(e.name) ?? 0) + 1);
  if (e.kind === 'op') e.args.forEach((a) => useCounts(a, out));
  return out;
}

// Binding strength as mathjs parses: unary minus binds tighter than * but looser than ^.
const PREC: Record<OpKind, number> = {
  add: 1, sub: 1, mul: 2, div: 2, neg: 3, pow: 4,
  exp: 5, log: 5, sqrt: 5, sigmoid: 5, tanh: 5, relu: 5, abs: 5, sin: 5, cos: 5, max: 5, min: 5,
};

function precOf(e: Expr): number {
  if (e.kind === 'op') return PREC[e.op];
  if (e.kind === 'num' && e.value < 0) return 3;
  return 6;
}

/** Formats a constant in an expression exactly (shortest round-tripping form); e and pi by name. */
export function fmtConst(n: number): string {
  if (n === Math.E) return 'e';
  if (n === Math.PI) return 'pi';
  return String(n);
}

/**
 * Prints an expression in mathjs syntax with only the parentheses it needs,
 * so print(parse(text)) parses back to the same tree.
 */
export function printExpr(e: Expr): string {
  if (e.kind === 'num') return fmtConst(e.value);
  if (e.kind === 'var') return e.name;
  const [a, b] = e.args;
  const wrap = (x: Expr, min: number) => (precOf(x) < min ? `(${printExpr(x)})` : printExpr(x));
  switch (e.op) {
    case 'add': return `${wrap(a!, 1)} + ${wrap(b!, 2)}`;
    case 'sub': return `${wrap(a!, 1)} - ${wrap(b!, 2)}`;
    case 'mul': return `${wrap(a!, 2)}*${wrap(b!, 3)}`;
    case 'div': return `${wrap(a!, 2)}/${wrap(b!, 3)}`;
    // ^ is right-associative: a^(b^c) prints as a^b^c, (a^b)^c keeps its parentheses.
    case 'pow': return `${wrap(a!, 5)}^${wrap(b!, 4)}`;
    case 'neg': return `-${wrap(a!, 4)}`;
    default: return `${e.op}(${e.args.map(printExpr).join(', ')})`;
  }
}
