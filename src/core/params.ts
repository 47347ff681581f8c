/**
 * Parameter counts of single layers (PyTorch's definitions), and the course's
 * comparisons built from them.
 */
import { InputError } from './errors';
import { effectiveKernel } from './size';
import { fmtInt } from './format';
import { bi, msg, plural, txt } from './text';
import { WorkedBuilder, type Worked } from './worked';

/** The texts of this module, in both languages. */
const M = {
  inDivisible: msg((c: number, g: number) => `input channels (${c}) must be divisible by groups (${g})`, (c, g) => `输入通道数（${c}）必须能被分组数（${g}）整除`),
  outDivisible: msg((k: number, g: number) => `output channels (${k}) must be divisible by groups (${g})`, (k, g) => `输出通道数（${k}）必须能被分组数（${g}）整除`),
  positive: msg((field: string, v: number) => `${field} must be a positive integer, got ${v}`, (field, v) => `${field} 必须是正整数，收到 ${v}`),
  weights: bi('weights', '权重'),
  biases: bi('biases', '偏置'),
  parameters: bi('parameters', '参数量'),
  noBias: bi('biases = 0 (bias=False)', '偏置 = 0（bias=False）'),
  convTitle: bi('Conv2d parameters', 'Conv2d 参数量'),
  convGiven: msg((k: number, fh: number, fw: number, c: number, g: number, bias: boolean) => `Given: ${plural(k, 'filter')} of ${fh}×${fw}, ${plural(c, 'input channel')}${g > 1 ? `, groups ${g}` : ''}${bias ? '' : ', bias=False'}.`,
    (k, fh, fw, c, g, bias) => `已知：${k} 个 ${fh}×${fw} 的滤波器，${c} 个输入通道${g > 1 ? `，分组 ${g}` : ''}${bias ? '' : '，bias=False'}。`),
  fp32: msg((params: string, bytes: string) => `fp32 size: ${params} × 4 B = ${bytes} B`, (params, bytes) => `fp32 大小：${params} × 4 B = ${bytes} B`),
  depthwise: bi('groups = C = K: depthwise, each filter sees one input channel (F_H·F_W weights per channel).', 'groups = C = K：深度（逐通道）卷积，每个滤波器只看一个输入通道（每个通道 F_H·F_W 个权重）。'),
  fcTitle: bi('Linear (fully connected) parameters', 'Linear（全连接层）参数量'),
  fcIn: bi('A fully connected layer after a conv stack takes in = C·H·W of the flattened feature map (VGG-16: 512·7·7 = 25,088).',
    '卷积层之后的全连接层，输入 in = 展平后特征图的 C·H·W（VGG-16：512·7·7 = 25,088）。'),
  bnTitle: bi('BatchNorm2d parameters', 'BatchNorm2d 参数量'),
  bnLearnable: msg((c: number, p: string) => `learnable: γ and β, one per channel: 2·C = 2·${c} = ${p}`, (c, p) => `可学习参数：γ 和 β，每个通道各一个：2·C = 2·${c} = ${p}`),
  bnNoAffine: bi('affine=False: no learnable parameters', 'affine=False：没有可学习参数'),
  bnBuffers: msg((c: number, b: string) => `buffers (not learned): running_mean and running_var, C each: 2·${c} = ${b}`, (c, b) => `缓冲区（不参与学习）：running_mean 和 running_var，各 C 个：2·${c} = ${b}`),
  bnTracked: bi('PyTorch also keeps num_batches_tracked (one integer), not a parameter.', 'PyTorch 还保存 num_batches_tracked（一个整数），它不是参数。'),
  stackTitle: msg((n: number, f: number, F: number) => `${n} stacked ${f}×${f} convs vs one ${F}×${F} conv`, (n, f, F) => `${n} 个堆叠的 ${f}×${f} 卷积 vs 一个 ${F}×${F} 卷积`),
  stackGiven: msg((c: number) => `C = ${c} channels in and out, stride 1.`, (c) => `输入、输出通道数都是 C = ${c}，步幅 1。`),
  rf: bi('Receptive field', '感受野'),
  sameAsOne: msg((F: number) => `: the same as one ${F}×${F} conv`, (F) => `：与一个 ${F}×${F} 卷积相同`),
  stackWeights: bi('Weights (biases aside, as the course counts)', '权重（按课程的算法，不计偏置）'),
  stack: bi('stack', '堆叠'),
  single: bi('single', '单层'),
  fewer: msg((a: number, b: number, pct: string) => `${a}C² vs ${b}C²: the stack has ${pct}% fewer weights`, (a, b, pct) => `${a}C² vs ${b}C²：堆叠的权重少 ${pct}%`),
  withBiases: msg((a: string, b: string) => `With biases: ${a} vs ${b}.`, (a, b) => `算上偏置：${a} vs ${b}。`),
  nonlinear: msg((n: number) => `And ${n} non-linearities instead of 1: a more expressive function (VGG's argument).`, (n) => `而且有 ${n} 个非线性激活而不是 1 个：函数的表达能力更强（VGG 的论点）。`),
  sepTitle: bi('Depthwise-separable vs standard conv', '深度可分离卷积 vs 标准卷积'),
  depthwiseStep: bi('depthwise', '深度卷积'),
  pointwiseStep: bi('pointwise', '逐点卷积'),
  separableTotal: bi('separable total', '可分离卷积合计'),
  standard: bi('standard', '标准卷积'),
  ratio: msg((r: string, approx: string) => `ratio = ${r} (≈ 1/K + 1/F² = ${approx} without biases)`, (r, approx) => `比值 = ${r}（不计偏置时 ≈ 1/K + 1/F² = ${approx}）`),
};

export interface ParamCount {
  weights: number;
  biases: number;
  params: number;
}

export interface ConvParamsInput {
  fh: number;
  fw: number;
  c: number;
  k: number;
  groups?: number;
  bias?: boolean;
}

/** Conv2d (and ConvTranspose2d): F_H·F_W·(C/groups)·K weights + K biases. */
export function convParams({ fh, fw, c, k, groups = 1, bias = true }: ConvParamsInput): ParamCount {
  checkPositive('c', c);
  checkPositive('k', k);
  checkPositive('groups', groups);
  if (c % groups !== 0) throw new InputError('groups', M.inDivisible(c, groups));
  if (k % groups !== 0) throw new InputError('groups', M.outDivisible(k, groups));
  const weights = fh * fw * (c / groups) * k;
  const biases = bias ? k : 0;
  return { weights, biases, params: weights + biases };
}

/** Linear: in·out weights + out biases. */
export function fcParams(inFeatures: number, outFeatures: number, bias = true): ParamCount {
  checkPositive('in', inFeatures);
  checkPositive('out', outFeatures);
  const weights = inFeatures * outFeatures;
  const biases = bias ? outFeatures : 0;
  return { weights, biases, params: weights + biases };
}

export interface BnParams extends ParamCount {
  /** running_mean and running_var: C each, stored but not learned. */
  buffers: number;
}

/** BatchNorm2d: γ and β (C each) are learned; running mean and variance are buffers. */
export function bnParams(c: number, affine = true): BnParams {
  checkPositive('c', c);
  return { weights: affine ? c : 0, biases: affine ? c : 0, params: affine ? 2 * c : 0, buffers: 2 * c };
}

export interface StackComparison {
  n: number;
  f: number;
  c: number;
  /** Kernel of the single layer with the same receptive field: n(F-1)+1. */
  singleF: number;
  rf: number;
  stackWeights: number;
  singleWeights: number;
  /** Coefficients of C² (27 and 49 for three 3×3 vs one 7×7). */
  stackCoeff: number;
  singleCoeff: number;
  stackParams: number;
  singleParams: number;
  /** Non-linearities: n in the stack, 1 in the single layer. */
  stackNonlinearities: number;
}

/**
 * n stacked F×F convs (C→C channels, stride 1) against the single conv with
 * the same receptive field. Weights only in the C² coefficients, as the
 * course writes them (27C² vs 49C²); the totals include biases.
 */
export function compareStack(n: number, f: number, c: number, d = 1): StackComparison {
  checkPositive('n', n);
  checkPositive('f', f);
  checkPositive('c', c);
  const eff = effectiveKernel(f, d);
  const rf = n * (eff - 1) + 1;
  const stack = convParams({ fh: f, fw: f, c, k: c });
  const single = convParams({ fh: rf, fw: rf, c, k: c });
  return {
    n, f, c,
    singleF: rf,
    rf,
    stackWeights: n * stack.weights,
    singleWeights: single.weights,
    stackCoeff: n * f * f,
    singleCoeff: rf * rf,
    stackParams: n * stack.params,
    singleParams: single.params,
    stackNonlinearities: n,
  };
}

export interface SeparableComparison {
  depthwise: ParamCount;
  pointwise: ParamCount;
  separable: number;
  standard: number;
  /** separable / standard = 1/K + 1/F² (ignoring biases). */
  ratio: number;
}

/** Depthwise-separable conv (MobileNet): depthwise F×F with groups=C, then 1×1 C→K; against a standard F×F conv. */
export function compareSeparable(f: number, c: number, k: number, bias = true): SeparableComparison {
  const depthwise = convParams({ fh: f, fw: f, c, k: c, groups: c, bias });
  const pointwise = convParams({ fh: 1, fw: 1, c, k, bias });
  const standard = convParams({ fh: f, fw: f, c, k, bias }).params;
  const separable = depthwise.params + pointwise.params;
  return { depthwise, pointwise, separable, standard, ratio: separable / standard };
}

function checkPositive(field: string, v: number): void {
  if (!(Number.isInteger(v) && v >= 1)) throw new InputError(field, M.positive(field, v));
}

// ---- worked solutions -------------------------------------------------------


export function explainConvParams(i: ConvParamsInput): Worked {
  const r = convParams(i);
  const g = i.groups ?? 1;
  const wb = new WorkedBuilder(M.convTitle);
  wb.note(M.convGiven(i.k, i.fh, i.fw, i.c, g, i.bias !== false));
  wb.formula(txt`${M.weights} = F_H·F_W·${g > 1 ? '(C/groups)' : 'C'}·K = ${i.fh}·${i.fw}·${g > 1 ? `(${i.c}/${g})` : i.c}·${i.k} = ${fmtInt(r.weights)}`);
  wb.step(i.bias === false ? M.noBias : txt`${M.biases} = K = ${i.k}`);
  wb.result(txt`${M.parameters} = ${fmtInt(r.weights)} + ${fmtInt(r.biases)} = ${fmtInt(r.params)}`);
  wb.note(M.fp32(fmtInt(r.params), fmtInt(4 * r.params)));
  if (g > 1 && g === i.c && g === i.k) wb.note(M.depthwise);
  return wb.build();
}

export function explainFcParams(inF: number, outF: number, bias = true): Worked {
  const r = fcParams(inF, outF, bias);
  const wb = new WorkedBuilder(M.fcTitle);
  wb.formula(txt`${M.weights} = in·out = ${inF}·${outF} = ${fmtInt(r.weights)}`);
  wb.step(bias ? txt`${M.biases} = out = ${outF}` : M.noBias);
  wb.result(txt`${M.parameters} = ${fmtInt(r.weights)} + ${fmtInt(r.biases)} = ${fmtInt(r.params)}`);
  wb.note(M.fcIn);
  return wb.build();
}

export function explainBnParams(c: number, affine = true): Worked {
  const r = bnParams(c, affine);
  const wb = new WorkedBuilder(M.bnTitle);
  wb.formula(affine ? M.bnLearnable(c, fmtInt(r.params)) : M.bnNoAffine);
  wb.step(M.bnBuffers(c, fmtInt(r.buffers)));
  wb.result(txt`${M.parameters} = ${fmtInt(r.params)}`);
  wb.note(M.bnTracked);
  return wb.build();
}

export function explainCompareStack(n: number, f: number, c: number): Worked {
  const r = compareStack(n, f, c);
  const wb = new WorkedBuilder(M.stackTitle(n, f, r.singleF));
  wb.note(M.stackGiven(c));
  wb.heading(M.rf);
  wb.formula(txt`r = 1 + n(F − 1) = 1 + ${n}·(${f} − 1) = ${r.rf}${M.sameAsOne(r.singleF)}`);
  wb.heading(M.stackWeights);
  wb.formula(txt`${M.stack}${bi(': ', '：')}n·(F²C²) = ${n}·${f * f}·C² = ${r.stackCoeff}C² = ${fmtInt(r.stackWeights)}`);
  wb.formula(txt`${M.single}${bi(': ', '：')}(${r.singleF}²)C² = ${r.singleCoeff}C² = ${fmtInt(r.singleWeights)}`);
  wb.result(M.fewer(r.stackCoeff, r.singleCoeff, ((1 - r.stackWeights / r.singleWeights) * 100).toFixed(1)));
  wb.note(M.withBiases(fmtInt(r.stackParams), fmtInt(r.singleParams)));
  wb.note(M.nonlinear(n));
  return wb.build();
}

export function explainSeparable(f: number, c: number, k: number, bias = true): Worked {
  const r = compareSeparable(f, c, k, bias);
  const wb = new WorkedBuilder(M.sepTitle);
  const sep = bi(', ', '，');
  const colon = bi(': ', '：');
  wb.formula(txt`${M.depthwiseStep} ${f}×${f}${sep}groups=C${colon}F²·C${bias ? ' + C' : ''} = ${fmtInt(r.depthwise.params)}`);
  wb.formula(txt`${M.pointwiseStep} 1×1${sep}C→K${colon}C·K${bias ? ' + K' : ''} = ${fmtInt(r.pointwise.params)}`);
  wb.step(txt`${M.separableTotal} = ${fmtInt(r.separable)}`);
  wb.formula(txt`${M.standard} ${f}×${f}${sep}C→K${colon}F²·C·K${bias ? ' + K' : ''} = ${fmtInt(r.standard)}`);
  wb.result(M.ratio(r.ratio.toFixed(4), (1 / k + 1 / (f * f)).toFixed(4)));
  return wb.build();
}
