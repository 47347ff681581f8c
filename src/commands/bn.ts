/** dlnotes bn: BatchNorm in training or test mode, worked. */
import { batchNorm, explainBatchNorm, type BnResult, type BnSpec } from '../core/batchnorm';
import type { Quantity } from '../core/check';
import { tidyDeep } from '../core/numlist';
import { bi, msg, type Text } from '../core/text';
import { UsageError } from '../errors';
import { choiceFlag, matrixFlag, numFlag, numListFlag, requiredFlag, withFlags } from './flags';
import { emit, type Outcome } from './output';

/** The texts of this command, in both languages. */
const M = {
  x: bi('the batch: rows are samples, columns features, e.g. --x "1,2; 2,-1; 4,0.5"', '一批数据：每行一个样本，每列一个特征，例如 --x "1,2; 2,-1; 4,0.5"'),
  momentum: bi('--momentum only matters in training mode (test mode updates nothing)', '--momentum 只在训练模式下有用（测试模式什么都不更新）'),
  y: bi('y (row by row)', 'y（逐行）'),
  xhat: bi('x̂ (row by row)', 'x̂（逐行）'),
  meanUsed: bi('mean used (running_mean)', '所用的均值（running_mean）'),
  varBiased: bi('σ_B² (biased)', 'σ_B²（有偏）'),
  varUsed: bi('variance used (running_var)', '所用的方差（running_var）'),
  runningMean: bi('running_mean after the batch', '这批数据之后的 running_mean'),
  runningVar: bi('running_var after the batch', '这批数据之后的 running_var'),
  meanOf: msg((k: number) => `μ of feature ${k}`, (k) => `特征 ${k} 的 μ`),
  varOf: msg((k: number) => `σ² of feature ${k}`, (k) => `特征 ${k} 的 σ²`),
  yOf: msg((i: number, k: number) => `y of sample ${i}, feature ${k}`, (i, k) => `样本 ${i}、特征 ${k} 的 y`),
  xhatOf: msg((i: number, k: number) => `x̂ of sample ${i}, feature ${k}`, (i, k) => `样本 ${i}、特征 ${k} 的 x̂`),
};

export interface BnFlags {
  x?: string; gamma?: string; beta?: string; eps?: string; momentum?: string;
  mode?: string; runningMean?: string; runningVar?: string;
  json?: boolean; answer?: string;
}

export function readBnFlags(o: BnFlags): BnSpec {
  const x = matrixFlag('x', o.x);
  if (x === undefined) throw requiredFlag('x', M.x);
  const mode = choiceFlag<'train' | 'test'>('mode', o.mode, ['train', 'test']) ?? 'train';
  const eps = numFlag('eps', o.eps, { min: 0 });
  const momentum = numFlag('momentum', o.momentum, { min: 0, max: 1 });
  if (mode === 'test' && momentum !== undefined) throw new UsageError(M.momentum, 'momentum');
  const spec: BnSpec = { x, mode };
  const gamma = numListFlag('gamma', o.gamma);
  const beta = numListFlag('beta', o.beta);
  const rm = numListFlag('running-mean', o.runningMean);
  const rv = numListFlag('running-var', o.runningVar, { min: 0 });
  if (gamma) spec.gamma = gamma;
  if (beta) spec.beta = beta;
  if (eps !== undefined) spec.eps = eps;
  if (momentum !== undefined) spec.momentum = momentum;
  if (rm) spec.runningMean = rm;
  if (rv) spec.runningVar = rv;
  return spec;
}

/** Checkable quantities: vectors per feature (mean, var, ...), y and x̂ row by row, and single entries. */
export function bnQuantities(r: BnResult): Record<string, Quantity> {
  const f = r.features.length;
  const vec = (label: Text, v: number[], aliases: string[] = []): Quantity => (f === 1 ? { label, expected: v[0]!, aliases } : { label, expected: [v], aliases });
  const q: Record<string, Quantity> = {
    y: { label: M.y, expected: [r.y.flat()], aliases: ['out', 'output'] },
    xhat: { label: M.xhat, expected: [r.xhat.flat()], aliases: ['x_hat'] },
    mean: vec(r.mode === 'train' ? 'μ_B' : M.meanUsed, r.mean, ['mu']),
    var: vec(r.mode === 'train' ? M.varBiased : M.varUsed, r.var, ['variance', 'sigma2']),
    running_mean: vec(M.runningMean, r.runningMean, ['rm']),
    running_var: vec(M.runningVar, r.runningVar, ['rv']),
  };
  r.features.forEach((ft, k) => {
    if (f > 1) {
      q[`mean${k + 1}`] = { label: M.meanOf(k + 1), expected: ft.mean };
      q[`var${k + 1}`] = { label: M.varOf(k + 1), expected: ft.var };
    }
    ft.y.forEach((y, i) => {
      q[`y${i + 1}.${k + 1}`] = { label: M.yOf(i + 1, k + 1), expected: y, aliases: f === 1 ? [`y${i + 1}`] : [] };
      q[`xhat${i + 1}.${k + 1}`] = { label: M.xhatOf(i + 1, k + 1), expected: ft.xhat[i]!, aliases: f === 1 ? [`xhat${i + 1}`] : [] };
    });
  });
  return q;
}

export function bnJson(r: BnResult): Record<string, unknown> {
  return tidyDeep({
    mode: r.mode, m: r.m, eps: r.eps, ...(r.mode === 'train' ? { momentum: r.momentum } : {}),
    mean: r.mean, var: r.var,
    ...(r.mode === 'train' ? { var_unbiased: r.features.map((ft) => ft.varUnbiased!) } : {}),
    xhat: r.xhat, y: r.y,
    running_mean: r.runningMean, running_var: r.runningVar,
    gamma: r.features.map((ft) => ft.gamma), beta: r.features.map((ft) => ft.beta),
  });
}

/** One `bn` run: shared by the command and the homework checker. */
export function computeBn(o: BnFlags): Outcome {
  const spec = readBnFlags(o);
  const r = withFlags(() => batchNorm(spec));
  return { data: bnJson(r), quantities: bnQuantities(r), defaultKey: 'y', worked: explainBatchNorm(r) };
}

export async function run(o: BnFlags): Promise<void> {
  emit(computeBn(o), o);
}
