/**
 * mathjs's symbolic derivative, as a second opinion for gradcheck. mathjs
 * cannot differentiate sigmoid, relu, max or min, so those are first
 * rewritten by exact identities:
 *   sigmoid(u) = 1/(1 + exp(-u))      relu(u) = (u + abs(u))/2
 *   max(a, b) = (a + b + abs(a - b))/2  min(a, b) = (a + b - abs(a - b))/2
 * (mathjs differentiates abs(u) as abs(u)/u, which is undefined exactly at a kink.)
 */
import { math, mathjsMessage } from '../math';
import { msg, tr, type Text } from '../text';
import { CONSTANTS, num, op, printExpr, type Expr } from './expr';

/** The texts of the symbolic derivative, in both languages. */
const M = {
  cannot: msg((why: Text) => `mathjs cannot differentiate this: ${tr(why, 'en')}`, (why) => `mathjs 无法对它求导：${tr(why, 'zh')}`),
};

export interface Rewritten {
  expr: Expr;
  /** The identities used, e.g. "sigmoid(u) = 1/(1 + exp(-u))". */
  rewrites: string[];
}

/** Replaces the functions mathjs cannot differentiate by exact equivalents it can. */
export function rewriteForMathjs(e: Expr, used = new Set<string>()): Rewritten {
  const go = (x: Expr): Expr => {
    if (x.kind !== 'op') return x;
    const args = x.args.map(go);
    const half = (inner: Expr) => op('div', inner, num(2));
    switch (x.op) {
      case 'sigmoid':
        used.add('sigmoid(u) = 1/(1 + exp(-u))');
        return op('div', num(1), op('add', num(1), op('exp', op('neg', args[0]!))));
      case 'relu':
        used.add('relu(u) = (u + abs(u))/2');
        return half(op('add', args[0]!, op('abs', args[0]!)));
      case 'max':
      case 'min': {
        used.add(x.op === 'max' ? 'max(a, b) = (a + b + abs(a - b))/2' : 'min(a, b) = (a + b - abs(a - b))/2');
        return args.reduce((a, b) => half(op(x.op === 'max' ? 'add' : 'sub', op('add', a, b), op('abs', op('sub', a, b)))));
      }
      default:
        return { ...x, args };
    }
  };
  const expr = go(e);
  return { expr, rewrites: [...used] };
}

export type Symbolic =
  | { ok: true; derivative: string; value: number }
  | { ok: false; reason: Text };

/** d(expr)/d(variable) by mathjs, simplified, and its value at `values` (NaN where undefined, e.g. abs(u)/u at u = 0). */
export function symbolicDerivative(expr: Expr, variable: string, values: Record<string, number>): Symbolic {
  try {
    const d = math.derivative(printExpr(expr), variable);
    const value = Number(d.compile().evaluate({ ...CONSTANTS, ...values }));
    return { ok: true, derivative: d.toString(), value };
  } catch (e) {
    return { ok: false, reason: M.cannot(mathjsMessage((e as Error).message)) };
  }
}
