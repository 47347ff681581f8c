/**
 * L1 and L2 regularization as the notes write them: L = (1/N)Σ L_i + λR(W)
 * with R(W) = Σ|W| or ΣW². The gradient of λΣW² is 2λW; PyTorch's optimizer
 * weight_decay=wd adds wd·W to the gradient, i.e. it is the gradient of
 * (wd/2)ΣW², so λΣW² corresponds to weight_decay = 2λ.
 */
import { InputError } from './errors';
import { fmtNum, paren } from './format';
import { fmtVec } from './numlist';
import { bi, msg } from './text';
import type { WorkedBuilder } from './worked';

/** The texts of regularization, in both languages. */
const M = {
  lambda: msg((got: number) => `λ must be a non-negative number, got ${got}`, (got) => `λ 必须是非负数，收到 ${got}`),
  noWeights: bi('no weights given', '没有给出权重'),
  finite: bi('every weight must be a finite number', '每个权重都必须是有限数'),
  heading: msg((kind: string, lambda: string) => `Regularization (${kind}), λ = ${lambda}`, (kind, lambda) => `正则化（${kind}），λ = ${lambda}`),
  l1: bi('R(W) = Σ|W|   (L1: drives weights to exactly 0, sparse W)', 'R(W) = Σ|W|   （L1：把权重推到恰好为 0，W 稀疏）'),
  l2: bi('R(W) = ΣW²   (L2: prefers many small, spread-out weights)', 'R(W) = ΣW²   （L2：偏好许多小而分散的权重）'),
  l1Grad: bi('∂(λR)/∂W = λ·sign(W)   (sign(0) = 0: the subgradient torch.sign gives)', '∂(λR)/∂W = λ·sign(W)   （sign(0) = 0：即 torch.sign 给出的次梯度）'),
  weightDecay: msg((lambda: string, wd: string) => `PyTorch: an optimizer's weight_decay=wd adds wd·W to the gradient, the gradient of (wd/2)ΣW²; so λΣW² with λ = ${lambda} is weight_decay = 2λ = ${wd}.`,
    (lambda, wd) => `PyTorch：优化器的 weight_decay=wd 会在梯度上加 wd·W，即 (wd/2)ΣW² 的梯度；所以 λ = ${lambda} 时的 λΣW² 相当于 weight_decay = 2λ = ${wd}。`),
  noL1: bi('PyTorch: no optimizer option does L1; add lam * w.abs().sum() to the loss.', 'PyTorch：没有哪个优化器选项能做 L1；请在损失上加 lam * w.abs().sum()。'),
};

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
  if (!(Number.isFinite(lambda) && lambda >= 0)) throw new InputError('lambda', M.lambda(lambda));
  if (weights.length === 0 || weights.every((row) => row.length === 0)) throw new InputError('weights', M.noWeights);
  if (weights.some((row) => row.some((w) => !Number.isFinite(w)))) throw new InputError('weights', M.finite);
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
  wb.heading(M.heading(reg.kind.toUpperCase(), fmtNum(reg.lambda)));
  if (reg.kind === 'l1') {
    wb.formula(M.l1);
    if (shown) wb.step(`= ${flat.map((w) => `|${fmtNum(w)}|`).join(' + ')}`);
  } else {
    wb.formula(M.l2);
    if (shown) wb.step(`= ${flat.map((w) => `${paren(w)}²`).join(' + ')}`);
  }
  wb.step(`= ${fmtNum(reg.r)}`);
  wb.result(`λR(W) = ${fmtNum(reg.lambda)} × ${fmtNum(reg.r)} = ${fmtNum(reg.penalty)}`);
  if (dataLoss !== undefined) {
    wb.formula('L = (1/N)Σ L_i + λR(W)');
    wb.result(`L = ${fmtNum(dataLoss)} + ${fmtNum(reg.penalty)} = ${fmtNum(dataLoss + reg.penalty)}`);
  }
  if (reg.kind === 'l1') {
    wb.formula(M.l1Grad);
  } else {
    wb.formula('∂(λR)/∂W = 2λW');
  }
  wb.result(`∂(λR)/∂W = ${mat(reg.grad)}`);
  if (reg.kind === 'l2') {
    wb.note(M.weightDecay(fmtNum(reg.lambda), fmtNum(reg.weightDecay!)));
  } else {
    wb.note(M.noL1);
  }
}
