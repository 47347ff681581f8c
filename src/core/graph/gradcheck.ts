/**
 * Gradient checking as in the notes: compare the analytic gradient (the
 * graph's backward pass, and mathjs's symbolic derivative) with numerical
 * ones, the notes' forward difference (f(x+h) - f(x))/h and the centred
 * difference (f(x+h) - f(x-h))/(2h), by relative error
 * |a - n| / max(|a|, |n|), with the CS231n verdict thresholds.
 */
import { fmtNum } from '../format';
import { bi, msg, tr, txt, type Text } from '../text';
import { WorkedBuilder, type Worked } from '../worked';
import { buildGraph, evaluate, type Graph } from './build';
import type { Expr } from './expr';
import { rewriteForMathjs, symbolicDerivative, type Symbolic } from './symbolic';

/** The texts of the gradient check, in both languages. */
const M = {
  title: msg((out: string, expr: string) => `Gradient check of ${out} = ${expr}`, (out, expr) => `梯度检查：${out} = ${expr}`),
  at: msg((point: string, h: string, out: string, value: string) => `at ${point}, h = ${h}, ${out} = ${value}`, (point, h, out, value) => `在 ${point} 处，h = ${h}，${out} = ${value}`),
  forward: bi('forward difference (the notes): ∂f/∂x ≈ (f(x+h) − f(x)) / h', '前向差分（笔记）：∂f/∂x ≈ (f(x+h) − f(x)) / h'),
  centred: bi('centred difference:             ∂f/∂x ≈ (f(x+h) − f(x−h)) / (2h)', '中心差分：             ∂f/∂x ≈ (f(x+h) − f(x−h)) / (2h)'),
  relative: bi('relative error = |analytic − numerical| / max(|analytic|, |numerical|)', '相对误差 = |解析 − 数值| / max(|解析|, |数值|)'),
  rewritten: msg((list: string) => `For mathjs's derivative, rewritten exactly: ${list}`, (list) => `为了让 mathjs 求导，做了等价改写：${list}`),
  analytic: msg((v: string) => `analytic (backward pass through the graph) = ${v}`, (v) => `解析梯度（计算图的反向传播）= ${v}`),
  symbolic: bi('symbolic (mathjs): ', '符号导数（mathjs）：'),
  atPoint: msg((v: string) => `  = ${v} at this point`, (v) => `  = ${v}（在这一点）`),
  undefinedHere: bi('  undefined at this point (a kink: abs(u)/u with u = 0)', '  在这一点没有定义（折点：abs(u)/u，u = 0）'),
  unavailable: msg((why: Text) => `not available (${tr(why, 'en')})`, (why) => `无法给出（${tr(why, 'zh')}）`),
  forwardStep: bi('forward: ', '前向：'),
  centredStep: bi('centred: ', '中心：'),
  relErr: msg((e: string) => `   relative error ${e}`, (e) => `   相对误差 ${e}`),
  crosses: msg((v: string) => `${v} ± h crosses a kink (relu/abs at 0, or a max/min changing its winner): the difference quotient mixes two branches.`,
    (v) => `${v} ± h 跨过了折点（relu/abs 在 0 处，或 max/min 换了胜者）：差商混合了两个分支。`),
  why: bi('Why the centred difference is better', '为什么中心差分更好'),
  taylor: bi("Taylor: f(x ± h) = f(x) ± h·f'(x) + h²/2·f''(x) ± h³/6·f'''(x) + …", "泰勒展开：f(x ± h) = f(x) ± h·f'(x) + h²/2·f''(x) ± h³/6·f'''(x) + …"),
  forwardError: bi("forward: (f(x+h) − f(x))/h = f'(x) + h/2·f''(x) + …          error O(h)", "前向：(f(x+h) − f(x))/h = f'(x) + h/2·f''(x) + …          误差 O(h)"),
  centredError: bi("centred: (f(x+h) − f(x−h))/(2h) = f'(x) + h²/6·f'''(x) + …   the h² terms cancel: error O(h²)", "中心：(f(x+h) − f(x−h))/(2h) = f'(x) + h²/6·f'''(x) + …   h² 项相消：误差 O(h²)"),
  cost: msg((h: string, h2: string) => `With h = ${h} that is an error around ${h} against ${h2} (until rounding, about 1e-16/h, takes over). It costs one more evaluation of f per variable.`,
    (h, h2) => `h = ${h} 时，前向差分的误差约为 ${h}，中心差分约为 ${h2}（直到约 1e-16/h 的舍入误差占主导）。代价是每个变量多算一次 f。`),
};

export type Verdict = 'excellent' | 'ok' | 'suspicious' | 'wrong' | 'kink';

/** CS231n's reading of a relative error. */
export function verdictOf(rel: number): Verdict {
  if (!(rel <= 1e-2)) return 'wrong';
  if (rel > 1e-4) return 'suspicious';
  if (rel > 1e-7) return 'ok';
  return 'excellent';
}

export const VERDICT_TEXT: Record<Verdict, Text> = {
  excellent: bi('excellent (< 1e-7): the gradient is right', '很好（< 1e-7）：梯度是对的'),
  ok: bi('ok (1e-7 .. 1e-4): fine where the function has kinks, too high for a smooth one', '可以（1e-7 .. 1e-4）：函数有折点时没问题，对光滑函数来说偏高'),
  suspicious: bi('suspicious (1e-4 .. 1e-2): something may be wrong', '可疑（1e-4 .. 1e-2）：可能有错'),
  wrong: bi('wrong (> 1e-2): the gradient is probably wrong', '错误（> 1e-2）：梯度很可能算错了'),
  kink: bi('unreliable: x ± h crosses a kink, so the numerical gradient says nothing here; move the point', '不可靠：x ± h 跨过了折点，这里的数值梯度说明不了什么；换一个点'),
};

/** One word per verdict, for tables. */
export const VERDICT_WORD: Record<Verdict, Text> = {
  excellent: bi('excellent', '很好'),
  ok: bi('ok', '可以'),
  suspicious: bi('suspicious', '可疑'),
  wrong: bi('wrong', '错误'),
  kink: bi('kink', '折点'),
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
  /** Identities used so mathjs could differentiate (sigmoid, relu, max, min). */
  rewrites: string[];
}

/** Which branch every kinked gate is on: relu/abs by the sign of its input, max/min by its winners. */
function branches(expr: Expr, values: Record<string, number>): string | null {
  try {
    return buildGraph(expr, values).nodes
      .filter((n) => n.op === 'relu' || n.op === 'abs' || n.op === 'max' || n.op === 'min')
      .map((n) => n.local.join(','))
      .join('|');
  } catch {
    return null;
  }
}

/** Checks every variable's gradient at `values` with step `h` (default 1e-5); `output` names the output (default f). */
export function gradcheck(expr: Expr, values: Record<string, number>, h = 1e-5, output?: string): GradcheckResult {
  const graph = buildGraph(expr, values, output);
  const { expr: rewritten, rewrites } = rewriteForMathjs(expr);
  const here = branches(expr, values);
  const entries = graph.variables.map((variable): GradcheckEntry => {
    const at = (dx: number) => evaluate(expr, { ...values, [variable]: values[variable]! + dx });
    const fPlus = at(h);
    const fMinus = at(-h);
    const f0 = graph.value;
    const forward = (fPlus - f0) / h;
    const centred = (fPlus - fMinus) / (2 * h);
    const analytic = graph.grads[variable]!;
    const relCentred = relativeError(analytic, centred);
    const crossesKink = [h, -h].some((dx) => branches(expr, { ...values, [variable]: values[variable]! + dx }) !== here);
    return {
      variable, analytic,
      symbolic: symbolicDerivative(rewritten, variable, values),
      fPlus, f0, fMinus, forward, centred,
      relForward: relativeError(analytic, forward),
      relCentred,
      verdict: crossesKink ? 'kink' : verdictOf(relCentred),
      crossesKink,
    };
  });
  return { graph, h, entries, rewrites };
}

/** The worked gradient check: formulas with the numbers, verdicts, and why centred differences are better. */
export function explainGradcheck(r: GradcheckResult, digits = 6): Worked {
  const f = (x: number) => fmtNum(x, digits);
  const e = (x: number) => (x === 0 ? '0' : x.toExponential(1));
  const out = r.graph.nodes[r.graph.output]!.name;
  const wb = new WorkedBuilder(M.title(out, r.graph.expression));
  wb.note(M.at(r.graph.variables.map((v) => `${v} = ${f(r.graph.nodes.find((n) => n.name === v)!.value)}`).join(', '), e(r.h), out, f(r.graph.value)));
  wb.formula(M.forward);
  wb.formula(M.centred);
  wb.formula(M.relative);
  if (r.rewrites.length > 0) wb.note(M.rewritten(r.rewrites.join('; ')));
  for (const x of r.entries) {
    const v = x.variable;
    wb.heading(`∂${out}/∂${v}`);
    wb.step(M.analytic(f(x.analytic)));
    if (x.symbolic.ok) {
      wb.step(txt`${M.symbolic}d/d${v} = ${x.symbolic.derivative}`);
      wb.step(Number.isFinite(x.symbolic.value) ? M.atPoint(f(x.symbolic.value)) : M.undefinedHere);
    } else {
      wb.step(txt`${M.symbolic}${M.unavailable(x.symbolic.reason)}`);
    }
    const fx = (y: number) => fmtNum(y, 12);
    wb.step(txt`${M.forwardStep} (f(${v}+h) − f(${v})) / h = (${fx(x.fPlus)} − ${fx(x.f0)}) / ${e(r.h)} = ${f(x.forward)}${M.relErr(e(x.relForward))}`);
    wb.step(txt`${M.centredStep} (f(${v}+h) − f(${v}−h)) / 2h = (${fx(x.fPlus)} − ${fx(x.fMinus)}) / ${e(2 * r.h)} = ${f(x.centred)}${M.relErr(e(x.relCentred))}`);
    if (x.crossesKink) wb.warn(M.crosses(v));
    wb.result(VERDICT_TEXT[x.verdict]);
  }
  wb.heading(M.why);
  wb.step(M.taylor);
  wb.step(M.forwardError);
  wb.step(M.centredError);
  wb.note(M.cost(e(r.h), e(r.h * r.h)));
  return wb.build();
}
