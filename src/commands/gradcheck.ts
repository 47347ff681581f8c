/** dlnotes gradcheck: analytic vs symbolic vs numerical gradients, with relative errors. */
import { fmtNum } from '../core/format';
import { explainGradcheck, gradcheck, type GradcheckResult } from '../core/graph/gradcheck';
import { style } from '../render/style';
import { renderTable } from '../render/table';
import { renderWorked } from '../render/worked';
import { digitsFlag, readExpression, withExpression } from './expression';
import { numFlag } from './flags';
import { print, printJson } from './output';

export interface GradcheckFlags {
  h?: string;
  json?: boolean;
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
      ...(e.symbolic.ok ? {} : { symbolicUnavailable: e.symbolic.reason }),
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
    x.symbolic.ok ? (Number.isFinite(x.symbolic.value) ? f(x.symbolic.value) : 'undefined') : 'n/a',
    f(x.forward),
    f(x.centred),
    e(x.relForward),
    e(x.relCentred),
    x.verdict,
  ]);
  return renderTable(['var', 'analytic', 'symbolic', 'forward diff', 'centred diff', 'rel err fwd', 'rel err ctr', 'verdict'], rows, {
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
}

export async function run(source: string | undefined, words: string[], o: GradcheckFlags): Promise<void> {
  const digits = digitsFlag(o.digits, 8);
  const h = numFlag('h', o.h, { positive: true, max: 1 }) ?? 1e-5;
  const { expr, values } = readExpression('gradcheck', source, words ?? []);
  const r = withExpression(() => gradcheck(expr, values, h));
  if (o.json) {
    printJson(gradcheckJson(r));
    return;
  }
  print([style.bold(`Gradient check, h = ${e0(h)}`), summary(r, digits), '', renderWorked(explainGradcheck(r, digits))].join('\n'));
}

const e0 = (v: number) => v.toExponential(0);
