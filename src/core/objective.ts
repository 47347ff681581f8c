/**
 * A one-variable objective f(w) typed by the user (`optim --f "w^2 + 3*w"`),
 * compiled with its symbolic derivative. This module loads mathjs: import it
 * only where an objective is actually given.
 */
import type { MathNode } from 'mathjs';
import { InputError } from './errors';
import { math } from './math';

export interface Objective {
  expr: string;
  /** f'(w) as mathjs prints it, e.g. "2 * w + 3". */
  gradExpr: string;
  /** f(w); NaN where f is not a real number. */
  f: (w: number) => number;
  /** f'(w); NaN where it is not a real number. */
  grad: (w: number) => number;
}

const CONSTANTS = new Set(['w', 'pi', 'e']);
const FUNCTIONS = 'exp, log, sqrt, sin, cos, tanh, abs';

/** Parses f(w) and differentiates it; InputError on field "f" when it cannot. */
export function compileObjective(expr: string): Objective {
  const text = expr.trim();
  if (text === '') throw new InputError('f', 'the function is empty; write it in w, e.g. "w^2 + 3*w"');
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (e) {
    throw new InputError('f', `cannot parse "${text}": ${(e as Error).message}`);
  }
  const fnNames = new Set(node.filter((x) => x.type === 'FunctionNode').map((x) => (x as unknown as { fn: { name: string } }).fn.name));
  const unknown = [...new Set(node.filter((x) => x.type === 'SymbolNode').map((x) => (x as unknown as { name: string }).name))]
    .filter((name) => !CONSTANTS.has(name) && !fnNames.has(name));
  if (unknown.length > 0) {
    throw new InputError('f', `"${text}" uses ${unknown.map((u) => `"${u}"`).join(', ')}; the function may use only the variable w (and the constants pi, e)`);
  }
  let gradNode: MathNode;
  try {
    gradNode = math.derivative(node, 'w');
  } catch (e) {
    throw new InputError('f', `cannot differentiate "${text}": ${(e as Error).message} (functions available: ${FUNCTIONS})`);
  }
  const fc = node.compile();
  const gc = gradNode.compile();
  const real = (c: { evaluate(scope: Record<string, number>): unknown }) => (w: number): number => {
    try {
      const v = c.evaluate({ w });
      return typeof v === 'number' ? v : NaN;
    } catch {
      return NaN;
    }
  };
  const obj: Objective = { expr: text, gradExpr: gradNode.toString(), f: real(fc), grad: real(gc) };
  try {
    // Catches functions mathjs can differentiate but this build cannot evaluate (tan -> sec).
    fc.evaluate({ w: 0.5 });
    gc.evaluate({ w: 0.5 });
  } catch (e) {
    throw new InputError('f', `cannot evaluate "${text}": ${(e as Error).message} (functions available: ${FUNCTIONS})`);
  }
  return obj;
}
