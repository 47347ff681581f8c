/**
 * Backprop through Y = XW, as in the notes: y_{n,m} = Σ_d x_{n,d}·w_{d,m},
 * dL/dX = dL/dY·Wᵀ and dL/dW = Xᵀ·dL/dY, with every shape checked, and the
 * notes' Q1/Q2: x_{n,d} affects the whole row n of Y, and y_{n,m} by w_{d,m}.
 */
import { InputError } from './errors';
import { fmtNum } from './format';
import { msg, type Text } from './text';
import { WorkedBuilder, type Worked } from './worked';

export type Matrix = number[][];

export interface MatmulInput {
  x: Matrix;
  w: Matrix;
  /** dL/dY; defaults to all ones (L = the sum of Y's entries). */
  dy?: Matrix;
}

export interface MatmulResult {
  x: Matrix;
  w: Matrix;
  dy: Matrix;
  /** True when dY was not given and is all ones. */
  dyIsOnes: boolean;
  y: Matrix;
  dX: Matrix;
  dW: Matrix;
  /** X is N×D, W is D×M, Y is N×M. */
  n: number;
  d: number;
  m: number;
}

/** "2×3" */
export const shapeOf = (a: Matrix): string => `${a.length}×${a[0]?.length ?? 0}`;

function checkMatrix(field: string, a: Matrix): void {
  if (a.length === 0 || a[0]!.length === 0) throw new InputError(field, 'the matrix is empty');
  const width = a[0]!.length;
  a.forEach((row, i) => {
    if (row.length !== width) throw new InputError(field, `row ${i + 1} has ${row.length} values but row 1 has ${width}`);
    if (row.some((v) => !Number.isFinite(v))) throw new InputError(field, `row ${i + 1} has a value that is not a finite number`);
  });
}

/** The matrix product AB; the caller has checked that A's columns match B's rows. */
export function matmul(a: Matrix, b: Matrix): Matrix {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
}

export function transpose(a: Matrix): Matrix {
  return a[0]!.map((_, j) => a.map((row) => row[j]!));
}

/**
 * Forward and backward of Y = XW. Throws InputError on field "x", "w" or
 * "dy" naming both shapes when they do not fit.
 */
export function matmulBackward(input: MatmulInput): MatmulResult {
  checkMatrix('x', input.x);
  checkMatrix('w', input.w);
  const n = input.x.length;
  const d = input.x[0]!.length;
  const m = input.w[0]!.length;
  if (input.w.length !== d) {
    throw new InputError('w', `W is ${shapeOf(input.w)} but X is ${n}×${d}: for Y = XW, W needs ${d} rows (one per column of X), so W must be ${d}×M`);
  }
  const dyIsOnes = input.dy === undefined;
  const dy = input.dy ?? input.x.map(() => Array.from({ length: m }, () => 1));
  checkMatrix('dy', dy);
  if (dy.length !== n || dy[0]!.length !== m) {
    throw new InputError('dy', `dL/dY must have the shape of Y = XW, which is ${n}×${m} (X ${n}×${d} times W ${d}×${m}); got ${shapeOf(dy)}`);
  }
  return {
    x: input.x, w: input.w, dy, dyIsOnes,
    y: matmul(input.x, input.w),
    dX: matmul(dy, transpose(input.w)),
    dW: matmul(transpose(input.x), dy),
    n, d, m,
  };
}

/** A matrix on one line: [[1, 2], [3, 4]]. */
export function fmtMatrix(a: Matrix, digits = 6): string {
  return `[${a.map((r) => `[${r.map((v) => fmtNum(v, digits)).join(', ')}]`).join(', ')}]`;
}

const par = (v: number, digits: number) => (v < 0 ? `(${fmtNum(v, digits)})` : fmtNum(v, digits));

/** How many single elements to spell out before summarising. */
const SPELL_LIMIT = 12;

/** The worked solution: shapes, Y, the notes' Q1/Q2, and every element of dX and dW as a sum. */
export function explainMatmul(r: MatmulResult, digits = 6): Worked {
  const f = (v: number) => fmtNum(v, digits);
  const { n, d, m } = r;
  const wb = new WorkedBuilder('Backprop through Y = XW');
  wb.heading('Shapes');
  wb.step(`X: ${n}×${d} (N×D), W: ${d}×${m} (D×M)  →  Y = XW: ${n}×${m} (N×M)`);
  wb.step(`dL/dX = dL/dY · Wᵀ: (${n}×${m})(${m}×${d}) = ${n}×${d}, the shape of X`);
  wb.step(`dL/dW = Xᵀ · dL/dY: (${d}×${n})(${n}×${m}) = ${d}×${m}, the shape of W`);
  wb.note('A gradient always has the shape of the thing it is the gradient of; matching shapes tells you where the transposes go.');
  if (r.dyIsOnes) wb.note('dL/dY was not given: using all ones (L = the sum of the entries of Y).');

  wb.heading('Forward: y_{n,m} = Σ_d x_{n,d} · w_{d,m}');
  spell(wb, n, m, (i, j) => `y_{${i + 1},${j + 1}} = ${r.x[i]!.map((xv, k) => `${par(xv, digits)}·${par(r.w[k]![j]!, digits)}`).join(' + ')} = ${f(r.y[i]![j]!)}`);
  wb.result(`Y = ${fmtMatrix(r.y, digits)}`);

  wb.heading('Which elements of Y does one x_{n,d} affect? (the notes\' Q1, Q2)');
  wb.step(`Q1: x_{n,d} appears only in row n of Y: it affects y_{n,1} … y_{n,${m}}, the whole row.`);
  wb.step('Q2: ∂y_{n,m}/∂x_{n,d} = w_{d,m}, so it moves y_{n,m} by w_{d,m} per unit.');
  wb.step(`e.g. x_{1,1} = ${f(r.x[0]![0]!)} affects ${Array.from({ length: m }, (_, j) => `y_{1,${j + 1}} by w_{1,${j + 1}} = ${f(r.w[0]![j]!)}`).join(', ')}`);

  wb.heading('dL/dx_{n,d} = Σ_m dL/dy_{n,m} · w_{d,m}   (dL/dX = dL/dY · Wᵀ)');
  spell(wb, n, d, (i, k) => `dL/dx_{${i + 1},${k + 1}} = ${r.dy[i]!.map((g, j) => `${par(g, digits)}·${par(r.w[k]![j]!, digits)}`).join(' + ')} = ${f(r.dX[i]![k]!)}`);
  wb.result(`dL/dX = ${fmtMatrix(r.dX, digits)}`);

  wb.heading('dL/dw_{d,m} = Σ_n x_{n,d} · dL/dy_{n,m}   (dL/dW = Xᵀ · dL/dY)');
  spell(wb, d, m, (k, j) => `dL/dw_{${k + 1},${j + 1}} = ${r.x.map((row, i) => `${par(row[k]!, digits)}·${par(r.dy[i]![j]!, digits)}`).join(' + ')} = ${f(r.dW[k]![j]!)}`);
  wb.result(`dL/dW = ${fmtMatrix(r.dW, digits)}`);
  return wb.build();
}

function spell(wb: WorkedBuilder, rows: number, cols: number, line: (i: number, j: number) => string): void {
  let shown = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (shown++ < SPELL_LIMIT) wb.step(line(i, j));
    }
  }
  if (shown > SPELL_LIMIT) wb.note(`… ${shown - SPELL_LIMIT} more elements, each the same sum.`);
}

// ---- slips ----------------------------------------------------------------

const SLIP = {
  dxNoT: msg((slipped: string, right: string) => `looks like the transpose was left out: dL/dY · W = ${slipped}; dL/dX = dL/dY · Wᵀ = ${right}`,
    (slipped, right) => `看起来漏了转置：dL/dY · W = ${slipped}；dL/dX = dL/dY · Wᵀ = ${right}`),
  dwNoT: msg((slipped: string, right: string) => `looks like the transpose was left out: X · dL/dY = ${slipped}; dL/dW = Xᵀ · dL/dY = ${right}`,
    (slipped, right) => `看起来漏了转置：X · dL/dY = ${slipped}；dL/dW = Xᵀ · dL/dY = ${right}`),
  dwOrder: msg((slipped: string, right: string) => `looks like the factors were swapped: dL/dYᵀ · X = ${slipped} (the transpose of the answer); dL/dW = Xᵀ · dL/dY = ${right}`,
    (slipped, right) => `看起来两个因子的顺序反了：dL/dYᵀ · X = ${slipped}（答案的转置）；dL/dW = Xᵀ · dL/dY = ${right}`),
};

/** A gradient of Y = XW computed with a transpose left out or misplaced (where the shapes let it be computed). */
export interface MatmulSlip {
  of: 'dX' | 'dW';
  value: Matrix;
  text: Text;
}

/**
 * The classic transposition slips of dL/dX and dL/dW. A slip whose product
 * does not have the gradient's shape cannot be written down, so it is left
 * out; the shapes of square enough inputs allow it.
 */
export function matmulSlips(r: MatmulResult): MatmulSlip[] {
  const out: MatmulSlip[] = [];
  if (r.m === r.d) {
    const v = matmul(r.dy, r.w);
    out.push({ of: 'dX', value: v, text: SLIP.dxNoT(fmtMatrix(v), fmtMatrix(r.dX)) });
  }
  if (r.d === r.n) {
    const v = matmul(r.x, r.dy);
    out.push({ of: 'dW', value: v, text: SLIP.dwNoT(fmtMatrix(v), fmtMatrix(r.dW)) });
  }
  if (r.d === r.m) {
    const v = matmul(transpose(r.dy), r.x);
    out.push({ of: 'dW', value: v, text: SLIP.dwOrder(fmtMatrix(v), fmtMatrix(r.dW)) });
  }
  return out;
}
