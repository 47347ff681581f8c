/**
 * A one-variable objective f(w) typed by the user (`optim --f "w^2 + 3*w"`),
 * compiled with its symbolic derivative. This module loads mathjs: import it
 * only where an objective is actually given.
 */
import type { MathNode } from 'mathjs';
import { InputError } from './errors';
import { math, mathjsMessage } from './math';
import { bi, msg, tr, type Text } from './text';

/** The texts of the objective reader, in both languages. */
const M = {
  empty: bi('the function is empty; write it in w, e.g. "w^2 + 3*w"', '函数为空；请用 w 写出，例如 "w^2 + 3*w"'),
  parse: msg((text: string, why: Text) => `cannot parse "${text}": ${tr(why, 'en')}`, (text, why) => `无法解析 "${text}"：${tr(why, 'zh')}`),
  onlyW: msg((text: string, names: string) => `"${text}" uses ${names}; the function may use only the variable w (and the constants pi, e)`,
    (text, names) => `"${text}" 用到了 ${names}；函数只能用变量 w（以及常数 pi、e）`),
  differentiate: msg((text: string, why: Text, fns: string) => `cannot differentiate "${text}": ${tr(why, 'en')} (functions available: ${fns})`,
    (text, why, fns) => `无法对 "${text}" 求导：${tr(why, 'zh')}（可用的函数：${fns}）`),
  evaluate: msg((text: string, why: Text, fns: string) => `cannot evaluate "${text}": ${tr(why, 'en')} (functions available: ${fns})`,
    (text, why, fns) => `无法计算 "${text}"：${tr(why, 'zh')}（可用的函数：${fns}）`),
};

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
  if (text === '') throw new InputError('f', M.empty);
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (e) {
    throw new InputError('f', M.parse(text, mathjsMessage((e as Error).message)));
  }
  const fnNames = new Set(node.filter((x) => x.type === 'FunctionNode').map((x) => (x as unknown as { fn: { name: string } }).fn.name));
  const unknown = [...new Set(node.filter((x) => x.type === 'SymbolNode').map((x) => (x as unknown as { name: string }).name))]
    .filter((name) => !CONSTANTS.has(name) && !fnNames.has(name));
  if (unknown.length > 0) {
    throw new InputError('f', M.onlyW(text, unknown.map((u) => `"${u}"`).join(', ')));
  }
  let gradNode: MathNode;
  try {
    gradNode = math.derivative(node, 'w');
  } catch (e) {
    throw new InputError('f', M.differentiate(text, mathjsMessage((e as Error).message), FUNCTIONS));
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
    throw new InputError('f', M.evaluate(text, mathjsMessage((e as Error).message), FUNCTIONS));
  }
  return obj;
}
