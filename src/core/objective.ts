/**
 * A one-variable objective f(w) typed by the user (`optim --f "w^2 + 3*w"`),
 * read by the one expression parser (core/graph/parse.ts: only w, the
 * constants pi and e, + - * / ^ and the gate functions) and differentiated
 * symbolically on shared subexpressions (core/graph/symbolic.ts).
 */
import { InputError } from './errors';
import { bi, txt } from './text';
import { evaluate } from './graph/build';
import { CONSTANTS, ExpressionError, type Expr } from './graph/expr';
import { parseWith } from './graph/parse';
import { derivative } from './graph/symbolic';

export interface Objective {
  expr: string;
  /** f'(w) printed, e.g. "2*w + 3". */
  gradExpr: string;
  /** f(w); NaN where f is not a real number. */
  f: (w: number) => number;
  /** f'(w); NaN where it is not a real number. */
  grad: (w: number) => number;
}

/** What --f may use, as its help says. */
export const OBJECTIVE_FUNCTIONS = 'exp, log (ln), sqrt, sigmoid, tanh, relu, abs, sin, cos, erf, max, min, pow';

const M = {
  empty: bi('the function is empty; write it in w, e.g. "w^2 + 3*w"', '函数是空的；请用 w 写出，例如 "w^2 + 3*w"'),
  onlyW: bi('the function may use only the variable w (and the constants pi, e)', '函数只能用变量 w（以及常数 pi、e）'),
  tooLarge: bi('the function is too large to differentiate symbolically', '函数太大，无法做符号求导'),
};

/** Parses f(w) and differentiates it; InputError on field "f" when it cannot. */
export function compileObjective(expr: string): Objective {
  const text = expr.trim();
  if (text === '') throw new InputError('f', M.empty);
  let tree: Expr;
  try {
    tree = parseWith(text, { variables: ['w'], namesHint: M.onlyW });
  } catch (e) {
    if (e instanceof ExpressionError) throw new InputError('f', txt`"${text}": ${e.text}`);
    throw e;
  }
  const d = derivative(tree, 'w', CONSTANTS);
  if (!d) throw new InputError('f', M.tooLarge);
  return {
    expr: text,
    gradExpr: d.text ?? '(too long to print)',
    f: (w) => evaluate(tree, { w }),
    grad: (w) => d.at({ w }),
  };
}
