/**
 * L1 and L2 regularization as the notes write them: L = (1/N)Σ L_i + λR(W)
 * with R(W) = Σ|W| or ΣW². The gradient of λΣW² is 2λW; PyTorch's optimizer
 * weight_decay=wd adds wd·W to the gradient, i.e. it is the gradient of
 * (wd/2)ΣW², so λΣW² corresponds to weight_decay = 2λ.
 */
import { InputError } from './errors';
import { fmtNum, paren } from './format';
import { fmtVec } from './numlist';
import type { WorkedBuilder } from './worked';

export type RegKind = 'l1' | 'l2';

export interface RegResult {
  kind: RegKind;
  lambda: number;
  weights: number[][];
  /** R(W). */
  r: number;
  /** λR(W), the term added to the data loss. */
  penalty: number;
  /** ∂(λR)/∂W: λ·sign(W) (sign(0) = 0, as torch.sign) or 2λW. */
  grad: number[][];
  /** The PyTorch optimizer weight_decay with the same gradient (L2 only): 2λ. */
  weightDecay?: number;
}

/** λR(W) and its gradient. */
export function regularize(kind: RegKind, lambda: number, weights: number[][]): RegResult {
  if (!(Number.isFinite(lambda) && lambda >= 0)) throw new InputError('lambda', `λ must be a non-negative number, got ${lambda}`);
  if (weights.length === 0 || weights.every((row) => row.length === 0)) throw new InputError('weights', 'no weights given');
  if (weights.some((row) => row.some((w) => !Number.isFinite(w)))) throw new InputError('weights', 'every weight must be a finite number');
  const flat = weights.flat();
  const r = kind === 'l1' ? flat.reduce((a, w) => a + Math.abs(w), 0) : flat.reduce((a, w) => a + w * w, 0);
  const grad = weights.map((row) => row.map((w) => (kind === 'l1' ? lambda * Math.sign(w) : 2 * lambda * w) + 0));
  return { kind, lambda, weights, r, penalty: lambda * r, grad, ...(kind === 'l2' ? { weightDecay: 2 * lambda } : {}) };
}

const mat = (m: number[][]) => (m.length === 1 ? fmtVec(m[0]!) : `[${m.map((row) => fmtVec(row)).join('; ')}]`);

/** Appends the regularization steps (and the total when the data loss is known) to a worked solution. */
export function addRegularizationSteps(wb: WorkedBuilder, reg: RegResult, dataLoss?: number): void {
  const flat = reg.weights.flat();
  const shown = flat.length <= 12;
  wb.heading(`Regularization (${reg.kind.toUpperCase()}), λ = ${fmtNum(reg.lambda)}`);
  if (reg.kind === 'l1') {
    wb.formula('R(W) = Σ|W|   (L1: drives weights to exactly 0, sparse W)');
    if (shown) wb.step(`= ${flat.map((w) => `|${fmtNum(w)}|`).join(' + ')}`);
  } else {
    wb.formula('R(W) = ΣW²   (L2: prefers many small, spread-out weights)');
    if (shown) wb.step(`= ${flat.map((w) => `${paren(w)}²`).join(' + ')}`);
  }
  wb.step(`= ${fmtNum(reg.r)}`);
  wb.result(`λR(W) = ${fmtNum(reg.lambda)} × ${fmtNum(reg.r)} = ${fmtNum(reg.penalty)}`);
  if (dataLoss !== undefined) {
    wb.formula('L = (1/N)Σ L_i + λR(W)');
    wb.result(`L = ${fmtNum(dataLoss)} + ${fmtNum(reg.penalty)} = ${fmtNum(dataLoss + reg.penalty)}`);
  }
  if (reg.kind === 'l1') {
    wb.formula('∂(λR)/∂W = λ·sign(W)   (sign(0) = 0: the subgradient torch.sign gives)');
  } else {
    wb.formula('∂(λR)/∂W = 2λW');
  }
  wb.result(`∂(λR)/∂W = ${mat(reg.grad)}`);
  if (reg.kind === 'l2') {
    wb.note(`PyTorch: an optimizer's weight_decay=wd adds wd·W to the gradient, the gradient of (wd/2)ΣW²; so λΣW² with λ = ${fmtNum(reg.lambda)} is weight_decay = 2λ = ${fmtNum(reg.weightDecay!)}.`);
  } else {
    wb.note('PyTorch: no optimizer option does L1; add lam * w.abs().sum() to the loss.');
  }
}
