/** dlnotes gradcheck: analytic vs symbolic vs numerical gradients, with relative errors. */
import { fmtNum } from '../core/format';
import { explainGradcheck, gradcheck, VERDICT_WORD, type GradcheckResult } from '../core/graph/gradcheck';
import { bi, msg, type Text } from '../core/text';
import { t } from '../render/lang';
import { style } from '../render/style';
import { renderTable } from '../render/table';
import { renderWorked } from '../render/worked';
import { digitsFlag, readExpression, withExpression } from './expression';
import { numFlag } from './flags';
import { emit, type Outcome } from './output';
import type { Quantity } from '../core/check';

/** The texts of this command, in both languages. */
const M = {
  header: [bi('var', '变量'), bi('analytic', '解析'), bi('symbolic', '符号'), bi('forward diff', '前向差分'), bi('centred diff', '中心差分'),
    bi('rel err fwd', '相对误差(前向)'), bi('rel err ctr', '相对误差(中心)'), bi('verdict', '结论')] as Text[],
  undefined: bi('undefined', '未定义'),
  na: bi('n/a', '无'),
  forward: msg((v: string) => `forward difference for ${v}`, (v) => `${v} 的前向差分`),
  centred: msg((v: string) => `centred difference for ${v}`, (v) => `${v} 的中心差分`),
  relForward: msg((v: string) => `relative error (forward) for ${v}`, (v) => `${v} 的相对误差（前向）`),
  relCentred: msg((v: string) => `relative error (centred) for ${v}`, (v) => `${v} 的相对误差（中心）`),
  title: msg((h: string) => `Gradient check, h = ${h}`, (h) => `梯度检查，h = ${h}`),
};

export interface GradcheckFlags {
  h?: string;
  json?: boolean;
  answer?: string;
  digits?: string;
}

export function gradcheckJson(r: GradcheckResult): Record<string, unknown> {
  return {
    expression: r.graph.expression,
    point: Object.fromEntries(r.graph.variables.map((v) => [v, r.graph.nodes.find((n) => n.name === v)!.value])),
    value: r.graph.value,
    h: r.h,
    rewrites: r.rewrites,
    checks: r.entries.map((e) => ({
      variable: e.variable,
      analytic: e.analytic,
      symbolic: e.symbolic.ok ? { derivative: e.symbolic.derivative, value: Number.isFinite(e.symbolic.value) ? e.symbolic.value : null } : null,
      ...(e.symbolic.ok ? {} : { symbolicUnavailable: t(e.symbolic.reason) }),
      forward: e.forward,
      centred: e.centred,
      relErrorForward: e.relForward,
      relErrorCentred: e.relCentred,
      verdict: e.verdict,
      crossesKink: e.crossesKink,
    })),
  };
}

function summary(r: GradcheckResult, digits: number): string {
  const f = (v: number) => fmtNum(v, digits);
  const e = (v: number) => (v === 0 ? '0' : v.toExponential(1));
  const rows = r.entries.map((x) => [
    x.variable,
    f(x.analytic),
    x.symbolic.ok ? (Number.isFinite(x.symbolic.value) ? f(x.symbolic.value) : t(M.undefined)) : t(M.na),
    f(x.forward),
    f(x.centred),
    e(x.relForward),
    e(x.relCentred),
    t(VERDICT_WORD[x.verdict]),
  ]);
  return renderTable(M.header.map(t), rows, {
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
}

/**
 * What a student can be asked about a gradient check, per variable x:
 * the analytic gradient (x, dx), the forward and centred differences
 * (fwd_x, ctr_x) and their relative errors (relerr_fwd_x, relerr_ctr_x).
 */
export function gradcheckQuantities(r: GradcheckResult): Record<string, Quantity> {
  const q: Record<string, Quantity> = {};
  for (const e of r.entries) {
    const v = e.variable.toLowerCase();
    q[v] = { label: `∂f/∂${e.variable}`, expected: e.analytic, aliases: [`d${v}`, `analytic_${v}`] };
    q[`fwd_${v}`] = { label: M.forward(e.variable), expected: e.forward, tol: { rel: 1e-6 }, aliases: [`forward_${v}`] };
    q[`ctr_${v}`] = { label: M.centred(e.variable), expected: e.centred, tol: { rel: 1e-6 }, aliases: [`centred_${v}`, `centered_${v}`] };
    q[`relerr_fwd_${v}`] = { label: M.relForward(e.variable), expected: e.relForward, tol: { rel: 0.05 } };
    q[`relerr_ctr_${v}`] = { label: M.relCentred(e.variable), expected: e.relCentred, tol: { rel: 0.05 } };
  }
  q.value = { label: 'f', expected: r.graph.value, aliases: ['f'] };
  return q;
}

/** One `gradcheck` run: shared by the command and the homework checker. */
export function computeGradcheck(source: string | undefined, words: string[], o: GradcheckFlags): Outcome {
  const digits = digitsFlag(o.digits, 8);
  const h = numFlag('h', o.h, { positive: true, max: 1 }) ?? 1e-5;
  const { expr, values, output } = readExpression('gradcheck', source, words ?? []);
  const r = withExpression(() => gradcheck(expr, values, h, output));
  return {
    data: gradcheckJson(r),
    quantities: gradcheckQuantities(r),
    defaultKey: r.entries.length === 1 ? r.entries[0]!.variable.toLowerCase() : 'value',
    worked: [style.bold(t(M.title(e0(h)))), summary(r, digits), '', renderWorked(explainGradcheck(r, digits))].join('\n'),
  };
}

export async function run(source: string | undefined, words: string[], o: GradcheckFlags): Promise<void> {
  emit(computeGradcheck(source, words, o), o);
}


const e0 = (v: number) => v.toExponential(0);
