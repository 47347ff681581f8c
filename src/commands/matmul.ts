/** dlnotes backprop matmul: Y = XW forward and backward, shapes checked. */
import type { Quantity } from '../core/check';
import { fmtNum } from '../core/format';
import { explainMatmul, fmtMatrix, matmulBackward, type Matrix, type MatmulResult } from '../core/matmul';
import { bi } from '../core/text';
import { t } from '../render/lang';
import { renderMatrix } from '../render/matrix';
import { style } from '../render/style';
import { renderWorked } from '../render/worked';
import { intFlag, matrixFlag, requiredFlag, withFlags } from './flags';
import { emit, type Outcome } from './output';

/** The texts of this command, in both languages. */
const M = {
  x: bi('the input X, N×D, e.g. --x "[[1,2],[3,4]]"', '输入 X，N×D，例如 --x "[[1,2],[3,4]]"'),
  w: bi('the weights W, D×M, e.g. --w "[[1,0],[0,1]]"', '权重 W，D×M，例如 --w "[[1,0],[0,1]]"'),
  backward: bi('Backward', '反向'),
};

export interface MatmulFlags {
  x?: string;
  w?: string;
  dy?: string;
  json?: boolean;
  answer?: string;
  digits?: string;
}

/**
 * Checkable quantities: whole matrices y, dx, dw (row by row, brackets
 * optional) and single elements dx_n_d, dw_d_m, y_n_m (1-based).
 */
export function matmulQuantities(r: MatmulResult): Record<string, Quantity> {
  const q: Record<string, Quantity> = {};
  const whole = (key: string, label: string, a: Matrix, aliases: string[]) => {
    q[key] = { label, expected: [a.flat()], show: fmtMatrix(a), aliases };
    a.forEach((row, i) => row.forEach((v, j) => {
      q[`${key}_${i + 1}_${j + 1}`] = { label: `${label}[${i + 1},${j + 1}]`, expected: v };
    }));
  };
  whole('y', 'Y', r.y, []);
  whole('dx', 'dL/dX', r.dX, ['dl/dx', 'gradx']);
  whole('dw', 'dL/dW', r.dW, ['dl/dw', 'gradw']);
  return q;
}

export function matmulJson(r: MatmulResult): Record<string, unknown> {
  return {
    y: r.y,
    dX: r.dX,
    dW: r.dW,
    dY: r.dy,
    dYIsOnes: r.dyIsOnes,
    shapes: { x: [r.n, r.d], w: [r.d, r.m], y: [r.n, r.m] },
  };
}

/** Brackets inside an answer ("dw=[[1,2],[3,4]]") are only grouping: drop them so the numbers read as one list. */
const flattenBrackets = (text: string): string => text.replace(/\]\s*[,;]?\s*\[/g, ',').replace(/[[\]]/g, '');

/** The parent `backprop` command, whose --json/--answer/--digits commander fills when they follow `matmul`. */
interface ParentCommand { parent?: { opts(): Record<string, unknown> } | null }

/** One `backprop matmul` run: shared by the command and the homework checker. */
export function computeMatmul(o: MatmulFlags): Outcome {
  // Not expression.ts's digitsFlag: importing that module would load mathjs here.
  const digits = intFlag('digits', o.digits, { min: 1, max: 15 }) ?? 6;
  const x = matrixFlag('x', o.x);
  const w = matrixFlag('w', o.w);
  if (!x) throw requiredFlag('x', M.x);
  if (!w) throw requiredFlag('w', M.w);
  const dy = matrixFlag('dy', o.dy);
  const r = withFlags(() => matmulBackward({ x, w, ...(dy ? { dy } : {}) }));
  const f = (v: number) => fmtNum(v, digits);
  const text = [
    style.bold('Y = XW'),
    renderMatrix([['X', r.x], ['W', r.w], ['Y', r.y]], f),
    '',
    style.bold(t(M.backward)),
    renderMatrix([['dL/dY', r.dy], ['dL/dX', r.dX], ['dL/dW', r.dW]], f),
    '',
    renderWorked(explainMatmul(r, digits)),
  ].join('\n');
  return { data: matmulJson(r), quantities: matmulQuantities(r), defaultKey: 'dx', worked: text };
}

export async function run(own: MatmulFlags, cmd?: ParentCommand): Promise<void> {
  const parent = (cmd?.parent?.opts() ?? {}) as MatmulFlags;
  const o: MatmulFlags = { ...own, json: own.json ?? parent.json, answer: own.answer ?? parent.answer, digits: own.digits ?? parent.digits };
  emit(computeMatmul(o), { json: o.json, ...(o.answer !== undefined ? { answer: flattenBrackets(o.answer) } : {}) });
}
