/**
 * Parameter counts of single layers (PyTorch's definitions), and the course's
 * comparisons built from them.
 */
import { InputError } from './errors';
import { effectiveKernel } from './size';
import { fmtInt } from './format';
import { type SlipDef, type SlipValue, slipValues } from './slip-defs';
import { bi, msg, plural, txt } from './text';
import { forgotBias } from './unit-slips';
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

// ---- slips ----------------------------------------------------------------

const SLIP = {
  noChannels: msg((f: string, k: number, slipped: string, c: string, right: string) => `looks like the input channels were left out: ${f}·${k} (+ biases) = ${slipped}; each filter is F·F·C with C = ${c}: ${right}`,
    (f, k, slipped, c, right) => `看起来漏了输入通道：${f}·${k}（+ 偏置）= ${slipped}；每个滤波器是 F·F·C，C = ${c}：${right}`),
  biasPerWeight: msg((w: string, slipped: string, b: string, right: string) => `looks like one bias was counted per weight: 2 × ${w} = ${slipped}; there is one bias per output (${b}): ${right}`,
    (w, slipped, b, right) => `看起来每个权重都算了一个偏置：2 × ${w} = ${slipped}；每个输出只有一个偏置（${b} 个）：${right}`),
  groups: msg((slipped: string, g: number, right: string) => `looks like the groups were ignored: ${slipped} as if groups = 1; with groups = ${g} each filter sees C/${g} channels: ${right}`,
    (slipped, g, right) => `看起来忽略了分组：按 groups = 1 算是 ${slipped}；groups = ${g} 时每个滤波器只看 C/${g} 个通道：${right}`),
  fcBiasPerInput: msg((w: string, n: number, slipped: string, out: number, right: string) => `looks like one bias was counted per input: ${w} + ${n} = ${slipped}; a Linear layer has one bias per output (${out}): ${right}`,
    (w, n, slipped, out, right) => `看起来按输入个数算了偏置：${w} + ${n} = ${slipped}；全连接层每个输出一个偏置（${out} 个）：${right}`),
  bnBuffers: msg((c: number, slipped: string, right: string) => `looks like running_mean and running_var were counted too: 4·${c} = ${slipped}; they are buffers, not learned: γ and β give ${right}`,
    (c, slipped, right) => `看起来把 running_mean 和 running_var 也算进去了：4·${c} = ${slipped}；它们是缓冲区，不参与学习：γ 和 β 共 ${right}`),
  stackNoChannels: msg((n: number, f: number, c: number, slipped: string, right: string) => `looks like one factor C was left out: ${n}·${f}²·${c} = ${slipped}; each layer has F²·C·C weights (C in, C out): ${right}`,
    (n, f, c, slipped, right) => `看起来少乘了一个 C：${n}·${f}²·${c} = ${slipped}；每层有 F²·C·C 个权重（输入 C、输出 C）：${right}`),
  singleNoChannels: msg((k: number, c: number, slipped: string, right: string) => `looks like one factor C was left out: ${k}²·${c} = ${slipped}; the single layer has ${k}²·C·C weights: ${right}`,
    (k, c, slipped, right) => `看起来少乘了一个 C：${k}²·${c} = ${slipped}；单层卷积有 ${k}²·C·C 个权重：${right}`),
  sumKernels: msg((n: number, f: number, sum: number, rf: number, slipped: string, right: string) => `looks like the kernel sizes were added: ${n}·${f} = ${sum}, but each layer adds F − 1: 1 + ${n}·(${f} − 1) = ${rf}; that gives ${slipped} instead of ${right}`,
    (n, f, sum, rf, slipped, right) => `看起来把卷积核大小直接相加了：${n}·${f} = ${sum}，但每层只增加 F − 1：1 + ${n}·(${f} − 1) = ${rf}；于是得到 ${slipped} 而不是 ${right}`),
  productKernels: msg((f: number, n: number, prod: number, rf: number, slipped: string, right: string) => `looks like the kernel sizes were multiplied: ${f}^${n} = ${prod}, but stacking adds F − 1 per layer: 1 + ${n}·(${f} − 1) = ${rf}; that gives ${slipped} instead of ${right}`,
    (f, n, prod, rf, slipped, right) => `看起来把卷积核大小相乘了：${f}^${n} = ${prod}，但堆叠时每层只增加 F − 1：1 + ${n}·(${f} − 1) = ${rf}；于是得到 ${slipped} 而不是 ${right}`),
  separableGroups: msg((slipped: string, right: string) => `looks like the depthwise conv was counted as a full conv (groups ignored): ${slipped}; with groups = C each filter sees one channel: ${right}`,
    (slipped, right) => `看起来把深度卷积当成了普通卷积（忽略了分组）：${slipped}；groups = C 时每个滤波器只看一个通道：${right}`),
};

/** What the parameter slips of one conv layer are computed from. */
export interface ConvParamSlipInput {
  layer: ConvParamsInput;
  count: ParamCount;
}

const channelsPerFilter = ({ layer }: ConvParamSlipInput): number => layer.c / (layer.groups ?? 1);

/** The classic slips of a conv layer's parameter count. */
export const convParamSlips: readonly SlipDef<ConvParamSlipInput>[] = [
  forgotBias(({ count }) => count.weights, ({ count }) => count.biases),
  {
    id: 'forgot-input-channels',
    value: (x) => (channelsPerFilter(x) > 1 ? x.layer.fh * x.layer.fw * x.layer.k + x.count.biases : undefined),
    text: (x, v) => SLIP.noChannels(`${x.layer.fh}·${x.layer.fw}`, x.layer.k, fmtInt(v as number), (x.layer.groups ?? 1) > 1 ? `${x.layer.c}/${x.layer.groups}` : String(x.layer.c), fmtInt(x.count.params)),
  },
  {
    id: 'bias-per-weight',
    value: ({ count }) => (count.biases > 0 ? 2 * count.weights : undefined),
    text: ({ count }, v) => SLIP.biasPerWeight(fmtInt(count.weights), fmtInt(v as number), fmtInt(count.biases), fmtInt(count.params)),
  },
  {
    id: 'groups-ignored',
    value: ({ layer, count }) => ((layer.groups ?? 1) > 1 ? count.weights * layer.groups! + count.biases : undefined),
    text: ({ layer, count }, v) => SLIP.groups(fmtInt(v as number), layer.groups!, fmtInt(count.params)),
  },
];

/** The slips of a conv layer's weight count (biases aside). */
export const convWeightSlips: readonly SlipDef<ConvParamSlipInput>[] = [
  {
    id: 'forgot-input-channels',
    value: (x) => (channelsPerFilter(x) > 1 ? x.layer.fh * x.layer.fw * x.layer.k : undefined),
    text: (x, v) => SLIP.noChannels(`${x.layer.fh}·${x.layer.fw}`, x.layer.k, fmtInt(v as number), String(channelsPerFilter(x)), fmtInt(x.count.weights)),
  },
  {
    id: 'groups-ignored',
    value: ({ layer, count }) => ((layer.groups ?? 1) > 1 ? count.weights * layer.groups! : undefined),
    text: ({ layer, count }, v) => SLIP.groups(fmtInt(v as number), layer.groups!, fmtInt(count.weights)),
  },
];

/** What the slips of a Linear layer's parameter count are computed from. */
export interface FcSlipInput {
  in: number;
  out: number;
  count: ParamCount;
}

/** The classic slips of a Linear layer's parameter count. */
export const fcParamSlips: readonly SlipDef<FcSlipInput>[] = [
  forgotBias(({ count }) => count.weights, ({ count }) => count.biases),
  {
    id: 'bias-per-weight',
    value: ({ count }) => (count.biases > 0 ? 2 * count.weights : undefined),
    text: ({ count }, v) => SLIP.biasPerWeight(fmtInt(count.weights), fmtInt(v as number), fmtInt(count.biases), fmtInt(count.params)),
  },
  {
    id: 'fc-bias-per-input',
    value: (x) => (x.count.biases > 0 ? x.count.weights + x.in : undefined),
    text: (x, v) => SLIP.fcBiasPerInput(fmtInt(x.count.weights), x.in, fmtInt(v as number), x.out, fmtInt(x.count.params)),
  },
];

/** The classic slip of a BatchNorm layer's parameter count. */
export const bnParamSlips: readonly SlipDef<{ c: number; count: BnParams }>[] = [
  {
    id: 'bn-buffers-as-params',
    value: ({ count }) => count.params + count.buffers,
    text: ({ c, count }, v) => SLIP.bnBuffers(c, fmtInt(v as number), fmtInt(count.params)),
  },
];

/** The slips of the stack-versus-single comparison, keyed by quantity (stack, single, rf). */
export const stackSlips: Record<'stack' | 'single' | 'rf', readonly SlipDef<StackComparison>[]> = {
  stack: [
    {
      id: 'forgot-input-channels',
      value: (r) => (r.c > 1 ? r.stackWeights / r.c : undefined),
      text: (r, v) => SLIP.stackNoChannels(r.n, r.f, r.c, fmtInt(v as number), fmtInt(r.stackWeights)),
    },
  ],
  single: [
    {
      id: 'forgot-input-channels',
      value: (r) => (r.c > 1 ? r.singleWeights / r.c : undefined),
      text: (r, v) => SLIP.singleNoChannels(r.singleF, r.c, fmtInt(v as number), fmtInt(r.singleWeights)),
    },
    {
      id: 'rf-sum-of-kernels',
      value: (r) => (r.n > 1 ? (r.n * r.f) ** 2 * r.c * r.c : undefined),
      text: (r, v) => SLIP.sumKernels(r.n, r.f, r.n * r.f, r.rf, fmtInt(v as number), fmtInt(r.singleWeights)),
    },
    {
      id: 'rf-product-of-kernels',
      value: (r) => (r.n > 1 ? r.f ** (2 * r.n) * r.c * r.c : undefined),
      text: (r, v) => SLIP.productKernels(r.f, r.n, r.f ** r.n, r.rf, fmtInt(v as number), fmtInt(r.singleWeights)),
    },
  ],
  rf: [
    { id: 'rf-sum-of-kernels', value: (r) => (r.n > 1 ? r.n * r.f : undefined), text: (r, v) => SLIP.sumKernels(r.n, r.f, r.n * r.f, r.rf, String(v), String(r.rf)) },
    { id: 'rf-product-of-kernels', value: (r) => (r.n > 1 ? r.f ** r.n : undefined), text: (r, v) => SLIP.productKernels(r.f, r.n, r.f ** r.n, r.rf, String(v), String(r.rf)) },
  ],
};

/**
 * The slips of "stack, single" answered together (the quiz asks for both):
 * each slip changes the number it touches and leaves the other right.
 */
export function stackPairSlips(r: StackComparison): SlipValue[] {
  const byId = new Map<string, { stack?: SlipValue; single?: SlipValue }>();
  for (const key of ['stack', 'single'] as const) {
    for (const s of slipValues(stackSlips[key], r)) byId.set(s.id, { ...byId.get(s.id), [key]: s });
  }
  return [...byId.values()].map(({ stack, single }) => ({
    id: (stack ?? single)!.id,
    expected: [[(stack?.expected as number | undefined) ?? r.stackWeights, (single?.expected as number | undefined) ?? r.singleWeights]],
    text: (single ?? stack)!.text,
  }));
}

/** What the slips of the separable-versus-standard comparison are computed from. */
export interface SeparableSlipInput {
  f: number;
  c: number;
  k: number;
  bias: boolean;
  r: SeparableComparison;
}

/** The slips of the depthwise-separable parameter count. */
export const separableSlips: Record<'separable' | 'standard', readonly SlipDef<SeparableSlipInput>[]> = {
  separable: [
    forgotBias(({ r }) => r.depthwise.weights + r.pointwise.weights, ({ r }) => r.depthwise.biases + r.pointwise.biases),
    {
      id: 'groups-ignored',
      value: ({ f, c, r, bias }) => (c > 1 ? f * f * c * c + (bias ? c : 0) + r.pointwise.params : undefined),
      text: ({ r }, v) => SLIP.separableGroups(fmtInt(v as number), fmtInt(r.separable)),
    },
  ],
  standard: [forgotBias(({ f, c, k }) => f * f * c * k, ({ k, bias }) => (bias ? k : 0))],
};
