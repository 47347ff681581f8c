/**
 * Backprop through Y = XW, as in the notes: y_{n,m} = Σ_d x_{n,d}·w_{d,m},
 * dL/dX = dL/dY·Wᵀ and dL/dW = Xᵀ·dL/dY, with every shape checked, and the
 * notes' Q1/Q2: x_{n,d} affects the whole row n of Y, and y_{n,m} by w_{d,m}.
 */
import { InputError } from './errors';
import { fmtNum } from './format';
import { bi, joinText, msg, plural, txt } from './text';
import { WorkedBuilder, type Worked } from './worked';

/** The texts of Y = XW, in both languages. */
const M = {
  empty: bi('the matrix is empty', '矩阵为空'),
  rowLength: msg((i: number, n: number, width: number) => `row ${i} has ${n} value${n === 1 ? '' : 's'} but row 1 has ${width}`, (i, n, width) => `第 ${i} 行有 ${n} 个值，而第 1 行有 ${width} 个`),
  notFinite: msg((i: number) => `row ${i} has a value that is not a finite number`, (i) => `第 ${i} 行有一个值不是有限数`),
  wShape: msg((w: string, n: number, d: number) => `W is ${w} but X is ${n}×${d}: for Y = XW, W needs ${plural(d, 'row')} (one per column of X), so W must be ${d}×M`,
    (w, n, d) => `W 是 ${w}，而 X 是 ${n}×${d}：要算 Y = XW，W 需要 ${d} 行（X 的每一列对应一行），所以 W 必须是 ${d}×M`),
  dyShape: msg((n: number, m: number, d: number, got: string) => `dL/dY must have the shape of Y = XW, which is ${n}×${m} (X ${n}×${d} times W ${d}×${m}); got ${got}`,
    (n, m, d, got) => `dL/dY 的形状必须与 Y = XW 相同，即 ${n}×${m}（X ${n}×${d} 乘 W ${d}×${m}）；收到 ${got}`),
  title: bi('Backprop through Y = XW', '反向传播：Y = XW'),
  shapes: bi('Shapes', '形状'),
  shapeOfX: msg((n: number, m: number, d: number) => `dL/dX = dL/dY · Wᵀ: (${n}×${m})(${m}×${d}) = ${n}×${d}, the shape of X`, (n, m, d) => `dL/dX = dL/dY · Wᵀ：(${n}×${m})(${m}×${d}) = ${n}×${d}，与 X 的形状相同`),
  shapeOfW: msg((d: number, n: number, m: number) => `dL/dW = Xᵀ · dL/dY: (${d}×${n})(${n}×${m}) = ${d}×${m}, the shape of W`, (d, n, m) => `dL/dW = Xᵀ · dL/dY：(${d}×${n})(${n}×${m}) = ${d}×${m}，与 W 的形状相同`),
  sameShape: bi('A gradient always has the shape of the thing it is the gradient of; matching shapes tells you where the transposes go.', '梯度的形状总是与求导对象的形状相同；把形状对上，就知道转置该放在哪里。'),
  ones: bi('dL/dY was not given: using all ones (L = the sum of the entries of Y).', '没有给出 dL/dY：用全 1（L = Y 所有元素之和）。'),
  forward: bi('Forward: y_{n,m} = Σ_d x_{n,d} · w_{d,m}', '前向：y_{n,m} = Σ_d x_{n,d} · w_{d,m}'),
  which: bi("Which elements of Y does one x_{n,d} affect? (the notes' Q1, Q2)", '一个 x_{n,d} 会影响 Y 的哪些元素？（笔记的 Q1、Q2）'),
  q1: msg((m: number) => `Q1: x_{n,d} appears only in row n of Y: it affects y_{n,1} … y_{n,${m}}, the whole row.`, (m) => `Q1：x_{n,d} 只出现在 Y 的第 n 行：它影响 y_{n,1} … y_{n,${m}}，即整行。`),
  q2: bi('Q2: ∂y_{n,m}/∂x_{n,d} = w_{d,m}, so it moves y_{n,m} by w_{d,m} per unit.', 'Q2：∂y_{n,m}/∂x_{n,d} = w_{d,m}，所以 x_{n,d} 每变化 1，y_{n,m} 变化 w_{d,m}。'),
  example: msg((x: string) => `e.g. x_{1,1} = ${x} affects `, (x) => `例如 x_{1,1} = ${x} 影响 `),
  by: msg((j: number, w: string) => `y_{1,${j}} by w_{1,${j}} = ${w}`, (j, w) => `y_{1,${j}}（幅度 w_{1,${j}} = ${w}）`),
  more: msg((n: number) => `… ${n} more element${n === 1 ? '' : 's'}, each the same sum.`, (n) => `……还有 ${n} 个元素，都是同样的求和。`),
};

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
  if (a.length === 0 || a[0]!.length === 0) throw new InputError(field, M.empty);
  const width = a[0]!.length;
  a.forEach((row, i) => {
    if (row.length !== width) throw new InputError(field, M.rowLength(i + 1, row.length, width));
    if (row.some((v) => !Number.isFinite(v))) throw new InputError(field, M.notFinite(i + 1));
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
    throw new InputError('w', M.wShape(shapeOf(input.w), n, d));
  }
  const dyIsOnes = input.dy === undefined;
  const dy = input.dy ?? input.x.map(() => Array.from({ length: m }, () => 1));
  checkMatrix('dy', dy);
  if (dy.length !== n || dy[0]!.length !== m) {
    throw new InputError('dy', M.dyShape(n, m, d, shapeOf(dy)));
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
  const wb = new WorkedBuilder(M.title);
  wb.heading(M.shapes);
  wb.step(`X: ${n}×${d} (N×D), W: ${d}×${m} (D×M)  →  Y = XW: ${n}×${m} (N×M)`);
  wb.step(M.shapeOfX(n, m, d));
  wb.step(M.shapeOfW(d, n, m));
  wb.note(M.sameShape);
  if (r.dyIsOnes) wb.note(M.ones);

  wb.heading(M.forward);
  spell(wb, n, m, (i, j) => `y_{${i + 1},${j + 1}} = ${r.x[i]!.map((xv, k) => `${par(xv, digits)}·${par(r.w[k]![j]!, digits)}`).join(' + ')} = ${f(r.y[i]![j]!)}`);
  wb.result(`Y = ${fmtMatrix(r.y, digits)}`);

  wb.heading(M.which);
  wb.step(M.q1(m));
  wb.step(M.q2);
  wb.step(txt`${M.example(f(r.x[0]![0]!))}${joinText(Array.from({ length: m }, (_, j) => M.by(j + 1, f(r.w[0]![j]!))), bi(', ', '，'))}`);

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
  if (shown > SPELL_LIMIT) wb.note(M.more(shown - SPELL_LIMIT));
}
