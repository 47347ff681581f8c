/**
 * BatchNorm over a batch of m samples (rows) × features (columns), as
 * torch.nn.BatchNorm1d computes it:
 *  - training: μ_B, the biased σ_B² (divide by m), x̂ = (x − μ_B)/√(σ_B² + ε),
 *    y = γx̂ + β; the running statistics move by
 *    running = (1 − momentum)·running + momentum·batch, where running_var
 *    takes the UNBIASED variance m/(m−1)·σ_B²;
 *  - test (eval): x̂ uses running_mean and running_var; nothing is updated.
 */
import { InputError } from './errors';
import { fmtNum, paren } from './format';
import { fmtVec } from './numlist';
import { bi, msg, txt } from './text';
import { WorkedBuilder, type Worked } from './worked';

/** The texts of BatchNorm, in both languages. */
const M = {
  perFeature: msg((n: number, count: number) => `${n} value${n === 1 ? '' : 's'} for ${count} feature${count === 1 ? '' : 's'}; give one per feature or a single value for all`,
    (n, count) => `给了 ${n} 个值，但有 ${count} 个特征；请每个特征给一个值，或者给一个值用于全部特征`),
  empty: bi('the batch is empty', '这批数据为空'),
  features: msg((i: number, n: number, f: number) => `sample ${i} has ${n} feature${n === 1 ? '' : 's'} but sample 1 has ${f}`, (i, n, f) => `样本 ${i} 有 ${n} 个特征，而样本 1 有 ${f} 个`),
  twoSamples: msg((f: number, column: string) => `training mode needs at least 2 samples (rows) per feature (PyTorch: "Expected more than 1 value per channel when training")${f > 1 ? `; this is 1 sample with ${f} features. For one feature over ${f} samples write a column: "${column}"` : ''}`,
    (f, column) => `训练模式下每个特征至少需要 2 个样本（行）（PyTorch："Expected more than 1 value per channel when training"）${f > 1 ? `；这里是 1 个样本、${f} 个特征。如果是一个特征的 ${f} 个样本，请写成一列："${column}"` : ''}`),
  eps: msg((got: number) => `ε must be a non-negative number, got ${got}`, (got) => `ε 必须是非负数，收到 ${got}`),
  momentum: msg((got: number) => `momentum must be between 0 and 1, got ${got}`, (got) => `momentum 必须在 0 到 1 之间，收到 ${got}`),
  negativeVar: bi('a variance cannot be negative', '方差不能为负'),
  zeroVar: msg((k: number) => `feature ${k} has zero variance and ε = 0: x̂ would divide by zero; use ε > 0`, (k) => `特征 ${k} 的方差为 0 且 ε = 0：计算 x̂ 会除以 0；请用 ε > 0`),
  title: msg((train: boolean) => `BatchNorm (${train ? 'training' : 'test / eval'} mode)`, (train) => `BatchNorm（${train ? '训练' : '测试/推理'}模式）`),
  given: msg((m: number, f: number, eps: string, momentum: string | undefined) => `Given: m = ${m} sample${m === 1 ? '' : 's'} × ${f} feature${f === 1 ? '' : 's'}, ε = ${eps}${momentum !== undefined ? `, momentum = ${momentum}` : ''}; each feature (column) is normalised on its own.`,
    (m, f, eps, momentum) => `已知：m = ${m} 个样本 × ${f} 个特征，ε = ${eps}${momentum !== undefined ? `，momentum = ${momentum}` : ''}；每个特征（列）各自归一化。`),
  feature: msg((k: number, x: string, gamma: string, beta: string) => `Feature ${k}: x = ${x}, γ = ${gamma}, β = ${beta}`, (k, x, gamma, beta) => `特征 ${k}：x = ${x}，γ = ${gamma}，β = ${beta}`),
  biased: bi('σ_B² = (1/m) Σ (x_i − μ_B)²   (biased: divide by m)', 'σ_B² = (1/m) Σ (x_i − μ_B)²   （有偏：除以 m）'),
  running: bi('Running statistics (what eval mode will use)', '滑动统计量（推理模式会用到）'),
  featurePrefix: msg((k: number) => `feature ${k}: `, (k) => `特征 ${k}：`),
  unbiased: bi('PyTorch normalises with the biased σ_B² but stores the UNBIASED m/(m−1)·σ_B² in running_var. Fresh layers start at running_mean = 0, running_var = 1.',
    'PyTorch 用有偏的 σ_B² 做归一化，但在 running_var 中保存无偏的 m/(m−1)·σ_B²。新建的层 running_mean = 0，running_var = 1。'),
  momentumNote: bi("PyTorch's momentum is the weight of the NEW batch (0.1), unlike an optimizer's momentum.", 'PyTorch 的 momentum 是新一批数据的权重（0.1），与优化器的动量不是一回事。'),
  eval: bi('Eval mode uses the running statistics collected in training; γ and β are the trained values. Nothing is updated.', '推理模式使用训练时积累的滑动统计量；γ 和 β 是训练好的值。什么都不更新。'),
};

export interface BnSpec {
  /** Rows are samples, columns features. */
  x: number[][];
  mode?: 'train' | 'test';
  /** One value per feature, or one value for all (default 1). */
  gamma?: number[];
  /** One value per feature, or one value for all (default 0). */
  beta?: number[];
  /** Default 1e-5 as in PyTorch; must be >= 0 here (the CLI asks for > 0). */
  eps?: number;
  /** Default 0.1. */
  momentum?: number;
  /** Before this batch; PyTorch starts at 0. */
  runningMean?: number[];
  /** Before this batch; PyTorch starts at 1. */
  runningVar?: number[];
}

export interface BnFeature {
  values: number[];
  gamma: number;
  beta: number;
  /** μ used to normalise: μ_B in training, running_mean in test. */
  mean: number;
  /** σ² used to normalise: biased σ_B² in training, running_var in test. */
  var: number;
  /** m/(m−1)·σ_B² (training only). */
  varUnbiased?: number;
  /** √(var + ε). */
  std: number;
  xhat: number[];
  y: number[];
  runningMeanBefore: number;
  runningVarBefore: number;
  runningMean: number;
  runningVar: number;
}

export interface BnResult {
  mode: 'train' | 'test';
  m: number;
  eps: number;
  momentum: number;
  features: BnFeature[];
  mean: number[];
  var: number[];
  xhat: number[][];
  y: number[][];
  runningMean: number[];
  runningVar: number[];
}

function perFeature(field: string, v: number[] | undefined, count: number, dflt: number): number[] {
  if (v === undefined) return Array(count).fill(dflt);
  if (v.length === 1) return Array(count).fill(v[0]);
  if (v.length !== count) throw new InputError(field, M.perFeature(v.length, count));
  return v;
}

/** Normalises the batch and updates (training) or uses (test) the running statistics. */
export function batchNorm(spec: BnSpec): BnResult {
  const mode = spec.mode ?? 'train';
  const x = spec.x;
  if (x.length === 0 || x[0]!.length === 0) throw new InputError('x', M.empty);
  const f = x[0]!.length;
  x.forEach((row, i) => {
    if (row.length !== f) throw new InputError('x', M.features(i + 1, row.length, f));
  });
  const m = x.length;
  if (mode === 'train' && m < 2) {
    throw new InputError('x', M.twoSamples(f, x[0]!.map((v) => fmtNum(v)).join('; ')));
  }
  const eps = spec.eps ?? 1e-5;
  const momentum = spec.momentum ?? 0.1;
  if (!(Number.isFinite(eps) && eps >= 0)) throw new InputError('eps', M.eps(eps));
  if (!(momentum >= 0 && momentum <= 1)) throw new InputError('momentum', M.momentum(momentum));
  const gamma = perFeature('gamma', spec.gamma, f, 1);
  const beta = perFeature('beta', spec.beta, f, 0);
  const rm = perFeature('running-mean', spec.runningMean, f, 0);
  const rv = perFeature('running-var', spec.runningVar, f, 1);
  if (rv.some((v) => v < 0)) throw new InputError('running-var', M.negativeVar);

  const features = Array.from({ length: f }, (_, k): BnFeature => {
    const values = x.map((row) => row[k]!);
    let mean: number;
    let variance: number;
    let varUnbiased: number | undefined;
    if (mode === 'train') {
      mean = values.reduce((a, b) => a + b, 0) / m;
      const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
      variance = ss / m;
      varUnbiased = ss / (m - 1);
    } else {
      mean = rm[k]!;
      variance = rv[k]!;
    }
    const std = Math.sqrt(variance + eps);
    if (std === 0) throw new InputError('eps', M.zeroVar(k + 1));
    const xhat = values.map((v) => (v - mean) / std);
    const y = xhat.map((h) => gamma[k]! * h + beta[k]!);
    const train = mode === 'train';
    return {
      values, gamma: gamma[k]!, beta: beta[k]!, mean, var: variance, ...(varUnbiased !== undefined ? { varUnbiased } : {}), std, xhat, y,
      runningMeanBefore: rm[k]!, runningVarBefore: rv[k]!,
      runningMean: train ? (1 - momentum) * rm[k]! + momentum * mean : rm[k]!,
      runningVar: train ? (1 - momentum) * rv[k]! + momentum * varUnbiased! : rv[k]!,
    };
  });
  const rows = (pick: (ft: BnFeature) => number[]) => x.map((_, i) => features.map((ft) => pick(ft)[i]!));
  return {
    mode, m, eps, momentum, features,
    mean: features.map((ft) => ft.mean),
    var: features.map((ft) => ft.var),
    xhat: rows((ft) => ft.xhat),
    y: rows((ft) => ft.y),
    runningMean: features.map((ft) => ft.runningMean),
    runningVar: features.map((ft) => ft.runningVar),
  };
}

const n = (v: number) => fmtNum(v, 6);

/** The worked BatchNorm, feature by feature, and the running-statistics update. */
export function explainBatchNorm(r: BnResult): Worked {
  const train = r.mode === 'train';
  const f = r.features.length;
  const wb = new WorkedBuilder(M.title(train));
  wb.note(M.given(r.m, f, n(r.eps), train ? n(r.momentum) : undefined));
  r.features.forEach((ft, k) => {
    wb.heading(M.feature(k + 1, fmtVec(ft.values), n(ft.gamma), n(ft.beta)));
    if (train) {
      wb.formula('μ_B = (1/m) Σ x_i');
      wb.step(`= (${ft.values.map((v) => paren(v)).join(' + ')})/${r.m} = ${n(ft.mean)}`);
      wb.formula(M.biased);
      wb.step(`= (${ft.values.map((v) => `${paren(v - ft.mean)}²`).join(' + ')})/${r.m} = ${n(ft.var)}`);
    } else {
      wb.step(`μ = running_mean = ${n(ft.mean)},  σ² = running_var = ${n(ft.var)}`);
    }
    wb.formula(`x̂_i = (x_i − μ${train ? '_B' : ''})/√(σ${train ? '_B' : ''}² + ε)`);
    wb.step(`√(${n(ft.var)} + ${n(r.eps)}) = ${n(ft.std)}`);
    wb.step(`x̂ = ${fmtVec(ft.xhat)}`);
    wb.formula('y_i = γ·x̂_i + β');
    wb.result(`y = ${fmtVec(ft.y)}`);
  });
  if (train) {
    wb.heading(M.running);
    wb.formula('running_mean ← (1 − momentum)·running_mean + momentum·μ_B');
    const prefix = (k: number) => (f > 1 ? M.featurePrefix(k + 1) : '');
    r.features.forEach((ft, k) => wb.step(txt`${prefix(k)}(1 − ${n(r.momentum)}) × ${n(ft.runningMeanBefore)} + ${n(r.momentum)} × ${n(ft.mean)} = ${n(ft.runningMean)}`));
    wb.formula('running_var ← (1 − momentum)·running_var + momentum·(m/(m − 1))·σ_B²');
    r.features.forEach((ft, k) => wb.step(txt`${prefix(k)}(1 − ${n(r.momentum)}) × ${n(ft.runningVarBefore)} + ${n(r.momentum)} × ${r.m}/${r.m - 1} × ${n(ft.var)} = ${n(ft.runningVar)}`));
    wb.result(`running_mean = ${fmtVec(r.runningMean)}, running_var = ${fmtVec(r.runningVar)}`);
    wb.note(M.unbiased);
    wb.note(M.momentumNote);
  } else {
    wb.note(M.eval);
  }
  return wb.build();
}
