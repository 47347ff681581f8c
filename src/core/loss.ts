/**
 * The notes' two classification losses on raw class scores:
 *  - multiclass SVM (hinge): L_i = Σ_{j≠y_i} max(0, s_j − s_{y_i} + Δ), summed
 *    over the wrong classes and not divided by C (CS231n; PyTorch's
 *    nn.MultiMarginLoss divides by C, reported alongside);
 *  - softmax / cross-entropy: L_i = −ln(e^{s_y}/Σ_j e^{s_j}) with the natural log,
 *    computed with a shifted log-sum-exp as nn.CrossEntropyLoss does.
 * The batch loss is the mean of the per-sample losses (reduction='mean').
 */
import { InputError } from './errors';
import { mean } from './numlist';
import { bi, msg } from './text';

/** The texts of the loss checks, in both languages. */
const M = {
  noScores: bi('no scores given', '没有给出分数'),
  twoClasses: msg((c: number) => `a classifier needs at least 2 classes, got ${c} score${c === 1 ? '' : 's'} per sample`, (c) => `分类器至少需要 2 个类别，每个样本只有 ${c} 个分数`),
  rowLength: msg((i: number, n: number, c: number) => `sample ${i} has ${n} score${n === 1 ? '' : 's'} but sample 1 has ${c}`, (i, n, c) => `样本 ${i} 有 ${n} 个分数，而样本 1 有 ${c} 个`),
  notFinite: msg((i: number) => `sample ${i} has a score that is not a finite number`, (i) => `样本 ${i} 有一个分数不是有限数`),
  labelCount: msg((labels: number, samples: number) => `${labels} label${labels === 1 ? '' : 's'} for ${samples} sample${samples === 1 ? '' : 's'}; give one label per sample (rows of --scores are separated by ";")`,
    (labels, samples) => `${samples} 个样本却有 ${labels} 个标签；每个样本给一个标签（--scores 的各行用 ";" 分隔）`),
  label: msg((i: number, y: number, c: number) => `label ${i} is ${y}; labels are class indices 0..${c - 1} (0-based, as in PyTorch)`,
    (i, y, c) => `第 ${i} 个标签是 ${y}；标签是类别下标 0..${c - 1}（从 0 开始，与 PyTorch 相同）`),
  delta: msg((d: number) => `the margin Δ must be a positive number, got ${d}`, (d) => `间隔 Δ 必须是正数，收到 ${d}`),
  classes: msg((c: number) => `the number of classes must be an integer of at least 2, got ${c}`, (c) => `类别数必须是不小于 2 的整数，收到 ${c}`),
};

export interface SvmOptions {
  /** Margin Δ (default 1, as in the notes' slides). */
  delta?: number;
  /** Squared hinge: max(0, ·)² (the notes' Q3; nn.MultiMarginLoss(p=2)). */
  squared?: boolean;
}

export interface SvmTerm {
  /** Wrong class j. */
  j: number;
  /** s_j − s_y + Δ. */
  margin: number;
  /** max(0, margin), squared if asked. */
  term: number;
}

export interface SvmSample {
  scores: number[];
  label: number;
  terms: SvmTerm[];
  loss: number;
  /** ∂L_i/∂s. */
  dscores: number[];
}

export interface SvmResult {
  delta: number;
  squared: boolean;
  classes: number;
  samples: SvmSample[];
  losses: number[];
  /** Mean over the batch. */
  loss: number;
  /** What torch.nn.MultiMarginLoss(p, margin=Δ) returns: each L_i divided by C, then the mean. */
  pytorchLoss: number;
}

/** Checks a batch of score rows and their labels; `field` names the inputs for messages. */
export function validateScores(scores: number[][], labels: number[]): void {
  if (scores.length === 0 || scores[0]!.length === 0) throw new InputError('scores', M.noScores);
  const c = scores[0]!.length;
  if (c < 2) throw new InputError('scores', M.twoClasses(c));
  scores.forEach((row, i) => {
    if (row.length !== c) throw new InputError('scores', M.rowLength(i + 1, row.length, c));
    if (row.some((s) => !Number.isFinite(s))) throw new InputError('scores', M.notFinite(i + 1));
  });
  if (labels.length !== scores.length) {
    throw new InputError('labels', M.labelCount(labels.length, scores.length));
  }
  labels.forEach((y, i) => {
    if (!Number.isInteger(y) || y < 0 || y >= c) {
      throw new InputError('labels', M.label(i + 1, y, c));
    }
  });
}

/** Multiclass SVM loss of each sample and their mean. */
export function svmLoss(scores: number[][], labels: number[], opts: SvmOptions = {}): SvmResult {
  const delta = opts.delta ?? 1;
  const squared = opts.squared ?? false;
  if (!(Number.isFinite(delta) && delta > 0)) throw new InputError('delta', M.delta(delta));
  validateScores(scores, labels);
  const c = scores[0]!.length;
  const samples = scores.map((s, i): SvmSample => {
    const y = labels[i]!;
    const terms: SvmTerm[] = [];
    const dscores = s.map(() => 0);
    s.forEach((sj, j) => {
      if (j === y) return;
      const margin = sj - s[y]! + delta;
      const hinge = Math.max(0, margin);
      terms.push({ j, margin, term: squared ? hinge * hinge : hinge });
      const g = squared ? 2 * hinge : margin > 0 ? 1 : 0;
      dscores[j] = g;
      dscores[y] = dscores[y]! - g;
    });
    return { scores: s, label: y, terms, loss: terms.reduce((a, t) => a + t.term, 0), dscores };
  });
  const losses = samples.map((x) => x.loss);
  return { delta, squared, classes: c, samples, losses, loss: mean(losses), pytorchLoss: mean(losses.map((l) => l / c)) };
}

export interface SoftmaxSample {
  scores: number[];
  label: number;
  /** max_j s_j, subtracted before exponentiating (numerical stability). */
  shift: number;
  /** e^{s_j − shift}. */
  exps: number[];
  /** Σ_j e^{s_j − shift}. */
  sumExp: number;
  /** ln Σ_j e^{s_j} = shift + ln sumExp. */
  logSumExp: number;
  probs: number[];
  loss: number;
  /** ∂L_i/∂s = p − onehot(y). */
  dscores: number[];
}

export interface SoftmaxResult {
  classes: number;
  samples: SoftmaxSample[];
  losses: number[];
  loss: number;
  probs: number[][];
}

/** Softmax probabilities of one score vector (stable: shifted by the max). */
export function softmax(scores: number[]): number[] {
  const shift = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - shift));
  const z = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / z);
}

/** Softmax cross-entropy loss of each sample (natural log) and their mean. */
export function softmaxLoss(scores: number[][], labels: number[]): SoftmaxResult {
  validateScores(scores, labels);
  const samples = scores.map((s, i): SoftmaxSample => {
    const y = labels[i]!;
    const shift = Math.max(...s);
    const exps = s.map((v) => Math.exp(v - shift));
    const sumExp = exps.reduce((a, b) => a + b, 0);
    const logSumExp = shift + Math.log(sumExp);
    const probs = exps.map((e) => e / sumExp);
    const loss = logSumExp - s[y]!;
    const dscores = probs.map((p, j) => p - (j === y ? 1 : 0));
    return { scores: s, label: y, shift, exps, sumExp, logSumExp, probs, loss, dscores };
  });
  const losses = samples.map((x) => x.loss);
  return { classes: scores[0]!.length, samples, losses, loss: mean(losses), probs: samples.map((x) => x.probs) };
}

export type LossKind = 'svm' | 'softmax';

export interface InitCheck {
  kind: LossKind;
  classes: number;
  delta: number;
  squared: boolean;
  /** Expected loss when W is small and every score ≈ 0: (C−1)Δ (squared: (C−1)Δ²), or ln C. */
  loss: number;
}

/** The notes' Q4: the loss to expect at initialisation, a sanity check for the first iteration. */
export function initCheck(kind: LossKind, classes: number, opts: SvmOptions = {}): InitCheck {
  if (!(Number.isInteger(classes) && classes >= 2)) throw new InputError('classes', M.classes(classes));
  const delta = opts.delta ?? 1;
  const squared = opts.squared ?? false;
  if (!(Number.isFinite(delta) && delta > 0)) throw new InputError('delta', M.delta(delta));
  const loss = kind === 'svm' ? (classes - 1) * (squared ? delta * delta : delta) : Math.log(classes);
  return { kind, classes, delta, squared, loss };
}
