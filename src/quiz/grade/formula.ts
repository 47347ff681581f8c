/**
 * Formula answers, graded by equivalence and never by string comparison: the
 * student's expression and the key are parsed with mathjs and evaluated at
 * random points inside the declared variable ranges; they are equivalent
 * when they agree (to a relative 1e-7) at every point where the key is
 * defined. Only the declared variables and a fixed set of functions may be
 * used, so `s*(1-s)` == `s - s^2` and `x*sigmoid(x)` == `x/(1+exp(-x))`, but
 * `s*(1+s)` is caught.
 *
 * mathjs is heavy to load: import this module lazily (present.ts does).
 */
import type { MathNode } from 'mathjs';
import { normalizeExpression } from '../../core/answer';
import { math } from '../../core/math';
import { fmtNum } from '../../core/format';
import { seededRng, seedFrom } from '../../core/random';
import { bi, msg, tr, type Text } from '../../core/text';

const M = {
  empty: bi('empty expression', '表达式为空'),
  notExpression: msg((why: string) => `not an expression: ${why}`, (why) => `不是表达式：${why}`),
  notNumber: msg((v: string) => `${v} is not a number`, (v) => `${v} 不是数`),
  isFunction: msg((name: string) => `${name} is a function: write ${name}(…)`, (name) => `${name} 是函数：请写 ${name}(…)`),
  unknownName: msg((name: string, vars: string) => `unknown name "${name}": the variables are ${vars}`, (name, vars) => `未知的名字 "${name}"：变量是 ${vars}`),
  noVariables: bi('no variables', '无变量'),
  operator: msg((op: string) => `the operator ${op} is not allowed (use + - * / ^)`, (op) => `不允许使用运算符 ${op}（请用 + - * / ^）`),
  unknownFunction: msg((name: string, allowed: string) => `unknown function "${name}": allowed are ${allowed}`, (name, allowed) => `未知的函数 "${name}"：可用的有 ${allowed}`),
  arity: msg((name: string, n: string, many: boolean) => `${name} takes ${n} argument${many ? 's' : ''}`, (name, n, _many) => `${name} 需要 ${n} 个参数`),
  notAllowed: msg((node: string) => `"${node}" is not allowed in an answer (only numbers, variables, + - * / ^ and functions)`,
    (node) => `答案中不允许出现 "${node}"（只能用数、变量、+ - * / ^ 和函数）`),
  notEquivalent: msg((at: string, got: string, want: string) => `not equivalent: at ${at} yours gives ${got}, the answer ${want}`,
    (at, got, want) => `不等价：在 ${at} 处你的表达式得 ${got}，答案是 ${want}`),
  equivalent: msg((n: number) => `equivalent (agrees at ${n} points)`, (n) => `等价（在 ${n} 个点上一致）`),
};

type Fn = (...args: number[]) => number;

/** The functions answers may call, with their arity [min, max]. */
export const FORMULA_FUNCTIONS: Record<string, { fn: Fn; arity: [number, number] }> = {
  exp: { fn: Math.exp, arity: [1, 1] },
  log: { fn: (x, b) => (b === undefined ? Math.log(x) : Math.log(x) / Math.log(b)), arity: [1, 2] },
  ln: { fn: Math.log, arity: [1, 1] },
  sqrt: { fn: Math.sqrt, arity: [1, 1] },
  abs: { fn: Math.abs, arity: [1, 1] },
  max: { fn: Math.max, arity: [1, 16] },
  min: { fn: Math.min, arity: [1, 16] },
  sin: { fn: Math.sin, arity: [1, 1] },
  cos: { fn: Math.cos, arity: [1, 1] },
  tanh: { fn: Math.tanh, arity: [1, 1] },
  sigmoid: { fn: (x) => 1 / (1 + Math.exp(-x)), arity: [1, 1] },
  relu: { fn: (x) => Math.max(0, x), arity: [1, 1] },
  erf: { fn: (x) => math.erf(x) as number, arity: [1, 1] },
};

const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };

const OPERATORS: Record<string, Fn> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: (a, b) => a ** b,
  unaryMinus: (a) => -a,
  unaryPlus: (a) => a,
};

export type Compiled = (vars: Record<string, number>) => number;

export type CompileResult = { ok: true; fn: Compiled; used: Set<string> } | { ok: false; error: Text };

/** Unicode and habits students type (core/answer.ts normalizeExpression). */
export const normaliseExpression = normalizeExpression;

/**
 * Compiles an expression that may use only `variables`, the constants pi
 * and e, and FORMULA_FUNCTIONS. `v(…)` with a variable v reads as v·(…), as
 * on paper (s(1-s)).
 */
export function compileFormula(text: string, variables: readonly string[]): CompileResult {
  const expr = normaliseExpression(text);
  if (expr === '') return { ok: false, error: M.empty };
  let node: MathNode;
  try {
    node = math.parse(expr);
  } catch (e) {
    return { ok: false, error: M.notExpression((e as Error).message) };
  }
  const used = new Set<string>();
  const vars = new Set(variables);
  try {
    return { ok: true, fn: build(node, vars, used), used };
  } catch (e) {
    if (e instanceof FormulaError) return { ok: false, error: e.text };
    throw e;
  }
}

class FormulaError extends Error {
  constructor(readonly text: Text) {
    super(tr(text, 'en'));
  }
}

const allowedNames = (vars: Set<string>): Text => (vars.size ? [...vars].join(', ') : M.noVariables);

function build(node: MathNode, vars: Set<string>, used: Set<string>): Compiled {
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case 'ConstantNode': {
      const v = n.value;
      if (typeof v !== 'number') throw new FormulaError(M.notNumber(JSON.stringify(v)));
      return () => v;
    }
    case 'SymbolNode': {
      const name = String(n.name);
      if (vars.has(name)) {
        used.add(name);
        return (scope) => scope[name]!;
      }
      if (name in CONSTANTS) return () => CONSTANTS[name]!;
      if (name in FORMULA_FUNCTIONS) throw new FormulaError(M.isFunction(name));
      const names = allowedNames(vars);
      throw new FormulaError({ en: M.unknownName(name, tr(names, 'en')).en, zh: M.unknownName(name, tr(names, 'zh')).zh });
    }
    case 'ParenthesisNode':
      return build(n.content as MathNode, vars, used);
    case 'OperatorNode': {
      const op = OPERATORS[String(n.fn)];
      if (!op) throw new FormulaError(M.operator(String(n.op)));
      const args = (n.args as MathNode[]).map((a) => build(a, vars, used));
      if (args.length === 1) return (s) => op(args[0]!(s));
      return (s) => op(args[0]!(s), args[1]!(s));
    }
    case 'FunctionNode': {
      const fnNode = n.fn as MathNode & { name?: string };
      const name = fnNode.type === 'SymbolNode' ? String(fnNode.name) : '';
      const argNodes = n.args as MathNode[];
      if (vars.has(name) && argNodes.length === 1) {
        used.add(name);
        const arg = build(argNodes[0]!, vars, used);
        return (s) => s[name]! * arg(s);
      }
      const f = FORMULA_FUNCTIONS[name];
      if (!f) throw new FormulaError(M.unknownFunction(name || node.toString(), Object.keys(FORMULA_FUNCTIONS).join(', ')));
      if (argNodes.length < f.arity[0] || argNodes.length > f.arity[1]) throw new FormulaError(f.arity[0] === f.arity[1] ? M.arity(name, String(f.arity[0]), f.arity[1] > 1) : { en: M.arity(name, `${f.arity[0]} to ${f.arity[1]}`, true).en, zh: M.arity(name, `${f.arity[0]} 到 ${f.arity[1]}`, true).zh });
      const args = argNodes.map((a) => build(a, vars, used));
      return (s) => f.fn(...args.map((a) => a(s)));
    }
    default:
      throw new FormulaError(M.notAllowed(node.toString()));
  }
}

export interface FormulaKey {
  answer: string;
  variables: Record<string, [number, number]>;
}

/** Points drawn uniformly inside each variable's range, reproducibly from the key. */
export function samplePoints(key: FormulaKey, count = 16): Array<Record<string, number>> {
  const names = Object.keys(key.variables).sort();
  const rng = seededRng(seedFrom(`${key.answer}|${names.join(',')}`));
  return Array.from({ length: count }, () => Object.fromEntries(names.map((v) => {
    const [lo, hi] = key.variables[v]!;
    return [v, lo + (hi - lo) * rng.next()];
  })));
}

function close(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= 1e-7 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
}

export interface FormulaVerdict {
  correct: boolean;
  feedback: Text;
  given: string;
  /** The expression could not be read (it does not parse, or uses names it may not): ask again. */
  unreadable?: boolean;
}

/** Grades an expression against the key. Throws when the key itself does not compile (a bank error lint reports). */
export function checkFormula(given: string, key: FormulaKey): FormulaVerdict {
  const names = Object.keys(key.variables);
  const keyFn = compileFormula(key.answer, names);
  if (!keyFn.ok) throw new Error(`the answer key "${key.answer}" does not compile: ${tr(keyFn.error, 'en')}`);
  const text = normaliseExpression(given);
  const student = compileFormula(text, names);
  if (!student.ok) return { correct: false, unreadable: true, feedback: student.error, given: text };
  let compared = 0;
  for (const point of samplePoints(key)) {
    const want = keyFn.fn(point);
    if (!Number.isFinite(want)) continue;
    const got = student.fn(point);
    compared++;
    if (!close(got, want)) {
      const at = names.map((v) => `${v}=${fmtNum(point[v]!, 3)}`).join(', ');
      return { correct: false, feedback: M.notEquivalent(at, fmtNum(got, 4), fmtNum(want, 4)), given: text };
    }
  }
  if (compared === 0) throw new Error(`the answer key "${key.answer}" is not finite anywhere in the variable ranges`);
  return { correct: true, feedback: M.equivalent(compared), given: text };
}
