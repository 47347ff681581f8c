/**
 * Gradient checking as in the notes: compare the analytic gradient (the
 * graph's backward pass, and the symbolic derivative of core/graph/symbolic.ts) with numerical
 * ones, the notes' forward difference (f(x+h) - f(x))/h and the centred
 * difference (f(x+h) - f(x-h))/(2h), by relative error
 * |a - n| / max(|a|, |n|), with the CS231n verdict thresholds.
 */
import { fmtNum } from '../format';
import { WorkedBuilder, type Worked } from '../worked';
import { buildGraph, evaluate, type Graph } from './build';
import { evalGate } from './ops';
import { CONSTANTS, foldExpr, type Expr } from './expr';
import { symbolicDerivative, type Symbolic } from './symbolic';

export type Verdict = 'excellent' | 'ok' | 'suspicious' | 'wrong' | 'kink';

/** CS231n's reading of a relative error. */
export function verdictOf(rel: number): Verdict {
  if (!(rel <= 1e-2)) return 'wrong';
  if (rel > 1e-4) return 'suspicious';
  if (rel > 1e-7) return 'ok';
  return 'excellent';
}

export const VERDICT_TEXT: Record<Verdict, string> = {
  excellent: 'excellent (< 1e-7): the gradient is right',
  ok: 'ok (1e-7 .. 1e-4): fine where the function has kinks, too high for a smooth one',
  suspicious: 'suspicious (1e-4 .. 1e-2): something may be wrong',
  wrong: 'wrong (> 1e-2): the gradient is probably wrong',
  kink: 'unreliable: x ± h crosses a kink, so the numerical gradient says nothing here; move the point',
};

/** |a - n| / max(|a|, |n|), and 0 when both are 0. */
export function relativeError(a: number, n: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(n));
  return scale === 0 ? 0 : Math.abs(a - n) / scale;
}

export interface GradcheckEntry {
  variable: string;
  /** From the graph's backward pass. */
  analytic: number;
  symbolic: Symbolic;
  /** f(x+h), f(x), f(x-h) with only this variable moved. */
  fPlus: number;
  f0: number;
  fMinus: number;
  forward: number;
  centred: number;
  relForward: number;
  relCentred: number;
  /** Judged on the centred difference; 'kink' when x ± h crosses a kink. */
  verdict: Verdict;
  /** x ± h crosses a kink (relu/abs at 0, a max/min changing its winner): numerical gradients are unreliable here. */
  crossesKink: boolean;
}

export interface GradcheckResult {
  graph: Graph;
  h: number;
  entries: GradcheckEntry[];
  /** Kept for the JSON shape: no identities are needed any more (the derivative is ours). */
  rewrites: string[];
}

/**
 * Which branch every kinked gate is on: relu/abs by the sign of its input,
 * max/min by its winners; null where the expression is undefined. A cheap
 * evaluation, not a graph (it runs twice per variable).
 */
function branches(expr: Expr, values: Record<string, number>): string | null {
  const marks: string[] = [];
  const value = foldExpr<number>(expr, (e) => (e.kind === 'num' ? e.value : values[e.name] ?? CONSTANTS[e.name] ?? NaN), (e, args) => {
    if (e.op === 'relu' || e.op === 'abs') marks.push(String(Math.sign(args[0]!)));
    if (e.op === 'max' || e.op === 'min') {
      const m = e.op === 'max' ? Math.max(...args) : Math.min(...args);
      marks.push(args.map((a) => (a === m ? 1 : 0)).join(''));
    }
    const r = evalGate(e.op, args, args.map(() => false));
    return r.error ? NaN : r.value;
  });
  return Number.isNaN(value) ? null : marks.join('|');
}

/** Whether the expression has a gate with a kink at all (relu, abs, max, min). */
const hasKinks = (expr: Expr): boolean => foldExpr<boolean>(expr, () => false, (e, args) => args.some(Boolean) || ['relu', 'abs', 'max', 'min'].includes(e.op));

/** Checks every variable's gradient at `values` with step `h` (default 1e-5). */
export function gradcheck(expr: Expr, values: Record<string, number>, h = 1e-5): GradcheckResult {
  const graph = buildGraph(expr, values);
  const kinked = hasKinks(expr);
  const here = kinked ? branches(expr, values) : '';
  const entries = graph.variables.map((variable): GradcheckEntry => {
    const at = (dx: number) => evaluate(expr, { ...values, [variable]: values[variable]! + dx });
    const fPlus = at(h);
    const fMinus = at(-h);
    const f0 = graph.value;
    const forward = (fPlus - f0) / h;
    const centred = (fPlus - fMinus) / (2 * h);
    const analytic = graph.grads[variable]!;
    const relCentred = relativeError(analytic, centred);
    const crossesKink = kinked && [h, -h].some((dx) => branches(expr, { ...values, [variable]: values[variable]! + dx }) !== here);
    return {
      variable, analytic,
      symbolic: symbolicDerivative(expr, variable, values, CONSTANTS),
      fPlus, f0, fMinus, forward, centred,
      relForward: relativeError(analytic, forward),
      relCentred,
      verdict: crossesKink ? 'kink' : verdictOf(relCentred),
      crossesKink,
    };
  });
  return { graph, h, entries, rewrites: [] };
}

/** The worked gradient check: formulas with the numbers, verdicts, and why centred differences are better. */
export function explainGradcheck(r: GradcheckResult, digits = 6): Worked {
  const f = (x: number) => fmtNum(x, digits);
  const e = (x: number) => (x === 0 ? '0' : x.toExponential(1));
  const out = r.graph.nodes[r.graph.output]!.name;
  const wb = new WorkedBuilder(`Gradient check of ${out} = ${r.graph.expression}`);
  wb.note(`at ${r.graph.variables.map((v) => `${v} = ${f(r.graph.nodes.find((n) => n.name === v)!.value)}`).join(', ')}, h = ${e(r.h)}, ${out} = ${f(r.graph.value)}`);
  wb.formula("forward difference (the notes): ∂f/∂x ≈ (f(x+h) − f(x)) / h");
  wb.formula('centred difference:             ∂f/∂x ≈ (f(x+h) − f(x−h)) / (2h)');
  wb.formula('relative error = |analytic − numerical| / max(|analytic|, |numerical|)');
  if (r.entries.some((x) => x.symbolic.ok && /\b(step|sign|maxgrad\d+|mingrad\d+)\(/.test(x.symbolic.derivative))) {
    wb.note('In the symbolic derivatives: step(u) = 1 where u > 0, else 0; sign(0) = 0; maxgradᵢ/mingradᵢ = the share of the i-th argument (1, or 1/k at a k-way tie), as PyTorch.');
  }
  for (const x of r.entries) {
    const v = x.variable;
    wb.heading(`∂${out}/∂${v}`);
    wb.step(`analytic (backward pass through the graph) = ${f(x.analytic)}`);
    if (x.symbolic.ok) {
      wb.step(`symbolic: d/d${v} = ${x.symbolic.derivative}`);
      wb.step(Number.isFinite(x.symbolic.value) ? `  = ${f(x.symbolic.value)} at this point` : '  undefined at this point');
    } else {
      wb.step(`symbolic: not available (${x.symbolic.reason})`);
    }
    const fx = (y: number) => fmtNum(y, 12);
    wb.step(`forward:  (f(${v}+h) − f(${v})) / h = (${fx(x.fPlus)} − ${fx(x.f0)}) / ${e(r.h)} = ${f(x.forward)}   relative error ${e(x.relForward)}`);
    wb.step(`centred:  (f(${v}+h) − f(${v}−h)) / 2h = (${fx(x.fPlus)} − ${fx(x.fMinus)}) / ${e(2 * r.h)} = ${f(x.centred)}   relative error ${e(x.relCentred)}`);
    if (x.crossesKink) wb.warn(`${v} ± h crosses a kink (relu/abs at 0, or a max/min changing its winner): the difference quotient mixes two branches.`);
    wb.result(`${VERDICT_TEXT[x.verdict]}`);
  }
  wb.heading('Why the centred difference is better');
  wb.step('Taylor: f(x ± h) = f(x) ± h·f\'(x) + h²/2·f\'\'(x) ± h³/6·f\'\'\'(x) + …');
  wb.step('forward: (f(x+h) − f(x))/h = f\'(x) + h/2·f\'\'(x) + …          error O(h)');
  wb.step('centred: (f(x+h) − f(x−h))/(2h) = f\'(x) + h²/6·f\'\'\'(x) + …   the h² terms cancel: error O(h²)');
  wb.note(`With h = ${e(r.h)} that is an error around ${e(r.h)} against ${e(r.h * r.h)} (until rounding, about 1e-16/h, takes over). It costs one more evaluation of f per variable.`);
  return wb.build();
}
