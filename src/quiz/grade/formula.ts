/**
 * Formula answers, graded by equivalence and never by string comparison: the
 * student's expression and the key are parsed (core/graph/parse.ts) and evaluated at
 * random points inside the declared variable ranges; they are equivalent
 * when they agree (to a relative 1e-7) at every point where the key is
 * defined. Only the declared variables and a fixed set of functions may be
 * used, so `s*(1-s)` == `s - s^2` and `x*sigmoid(x)` == `x/(1+exp(-x))`, but
 * `s*(1+s)` is caught.
 */
import { fmtNum } from '../../core/format';
import { seededRng, seedFrom } from '../../core/random';
import { bi, msg, tr, type Lang, type Text } from '../../core/text';
import { evaluate } from '../../core/graph/build';
import { ExpressionError, FUNCTIONS, variablesOf, type Expr } from '../../core/graph/expr';
import { parseWith, type FunctionSpec } from '../../core/graph/parse';

/**
 * The functions answers may call. log takes an optional base (log(x, 2)),
 * max and min any number of arguments.
 */
export const FORMULA_FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  ...FUNCTIONS,
  log: { op: 'log', min: 1, max: 2 },
};

const EMPTY = bi('empty expression', '表达式是空的');

const M = {
  notEquivalent: msg((at: string, got: string, want: string) => `not equivalent: at ${at} yours gives ${got}, the answer ${want}`,
    (at, got, want) => `不等价：在 ${at} 处你的表达式得 ${got}，答案是 ${want}`),
  equivalent: msg((n: number) => `equivalent (agrees at ${n} points)`, (n) => `等价（在 ${n} 个点上一致）`),
  // The problems of an answer key, for the bank's author (bank lint, and the quiz refusing the bank).
  keyInvalid: msg((answer: string, error: Text) => `the answer "${answer}" is not a valid formula: ${tr(error, 'en')}`,
    (answer, error) => `答案 "${answer}" 不是有效的公式：${tr(error, 'zh')}`),
  keyNotFinite: msg((answer: string, at: string) => `the answer "${answer}" is not finite at ${at}: keep the ranges inside its domain`,
    (answer, at) => `答案 "${answer}" 在 ${at} 处不是有限值：请把变量范围限制在它的定义域内`),
  keyFailsGrader: msg((answer: string, feedback: Text) => `the answer "${answer}" does not pass its own grader (${tr(feedback, 'en')})`,
    (answer, feedback) => `答案 "${answer}" 通不过它自己的评分（${tr(feedback, 'zh')}）`),
};

export type Compiled = (vars: Record<string, number>) => number;

export type CompileResult = { ok: true; fn: Compiled; used: Set<string>; expr: Expr } | { ok: false; error: string; text: Text };

/** How answers are printed back: trimmed (the parser itself reads − × · ÷ π ² ³ ** and full-width signs). */
export function normaliseExpression(text: string): string {
  return text.trim();
}

/**
 * Compiles an expression that may use only `variables`, the constants pi
 * and e, and FORMULA_FUNCTIONS, with the one expression parser
 * (core/graph/parse.ts). `v(…)` with a variable v reads as v·(…), as on
 * paper (s(1-s)). `error` is the English message, `text` both languages.
 */
export function compileFormula(text: string, variables: readonly string[]): CompileResult {
  const expr = normaliseExpression(text);
  if (expr === '') return { ok: false, error: EMPTY.en, text: EMPTY };
  let tree: Expr;
  try {
    tree = parseWith(expr, { variables, functions: FORMULA_FUNCTIONS, callIsProduct: true });
  } catch (e) {
    if (e instanceof ExpressionError) return { ok: false, error: tr(e.text, 'en'), text: e.text };
    throw e;
  }
  const declared = new Set(variables);
  const used = new Set(variablesOf(tree).filter((v) => declared.has(v)));
  return { ok: true, fn: (scope) => evaluate(tree, scope), used, expr: tree };
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
export function checkFormula(given: string, key: FormulaKey, lang: Lang = 'en'): FormulaVerdict {
  const names = Object.keys(key.variables);
  const keyFn = compileFormula(key.answer, names);
  if (!keyFn.ok) throw new Error(`the answer key "${key.answer}" does not compile: ${tr(keyFn.error, 'en')}`);
  const text = normaliseExpression(given);
  const student = compileFormula(text, names);
  if (!student.ok) return { correct: false, unreadable: true, feedback: tr(student.text, lang), given: text };
  let compared = 0;
  for (const point of samplePoints(key)) {
    const want = keyFn.fn(point);
    if (!Number.isFinite(want)) continue;
    const got = student.fn(point);
    compared++;
    if (!close(got, want)) {
      const at = names.map((v) => `${v}=${fmtNum(point[v]!, 3)}`).join(', ');
      return { correct: false, feedback: tr(M.notEquivalent(at, fmtNum(got, 4), fmtNum(want, 4)), lang), given: text };
    }
  }
  if (compared === 0) throw new Error(`the answer key "${key.answer}" is not finite anywhere in the variable ranges`);
  return { correct: true, feedback: tr(M.equivalent(compared), lang), given: text };
}

/**
 * What is wrong with a formula key, if anything: it must compile with only
 * its declared variables and the allowed functions, be finite at every
 * sample point, and pass its own grader. Checked when a deck is parsed, so
 * the quiz never loads a key it would fail on at the first answer.
 */
export function formulaKeyProblems(answer: string, variables: Record<string, [number, number]>): Array<{ field: 'answer' | 'variables'; text: Text }> {
  const compiled = compileFormula(answer, Object.keys(variables));
  if (!compiled.ok) return [{ field: 'answer', text: M.keyInvalid(answer, compiled.text) }];
  for (const point of samplePoints({ answer, variables })) {
    const v = compiled.fn(point);
    if (!Number.isFinite(v)) {
      const at = Object.entries(point).map(([k, x]) => `${k}=${fmtNum(x, 4)}`).join(', ');
      return [{ field: 'variables', text: M.keyNotFinite(answer, at) }];
    }
  }
  const self = checkFormula(answer, { answer, variables });
  if (self.correct) return [];
  const feedback = bi(tr(self.feedback, 'en'), tr(checkFormula(answer, { answer, variables }, 'zh').feedback, 'zh'));
  return [{ field: 'answer', text: M.keyFailsGrader(answer, feedback) }];
}
