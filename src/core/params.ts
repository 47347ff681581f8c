/**
 * Parameter counts of single layers (PyTorch's definitions), and the course's
 * comparisons built from them.
 */
import { InputError } from './errors';
import { effectiveKernel } from './size';
import { fmtInt } from './format';
import { WorkedBuilder, type Worked } from './worked';

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
  if (c % groups !== 0) throw new InputError('groups', `input channels (${c}) must be divisible by groups (${groups})`);
  if (k % groups !== 0) throw new InputError('groups', `output channels (${k}) must be divisible by groups (${groups})`);
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
  if (!(Number.isInteger(v) && v >= 1)) throw new InputError(field, `${field} must be a positive integer, got ${v}`);
}

// ---- worked solutions -------------------------------------------------------


export function explainConvParams(i: ConvParamsInput): Worked {
  const r = convParams(i);
  const g = i.groups ?? 1;
  const wb = new WorkedBuilder('Conv2d parameters');
  wb.note(`Given: ${i.k} filters of ${i.fh}×${i.fw}, ${i.c} input channels${g > 1 ? `, groups ${g}` : ''}${i.bias === false ? ', bias=False' : ''}.`);
  wb.formula(`weights = F_H·F_W·${g > 1 ? '(C/groups)' : 'C'}·K = ${i.fh}·${i.fw}·${g > 1 ? `(${i.c}/${g})` : i.c}·${i.k} = ${fmtInt(r.weights)}`);
  wb.step(i.bias === false ? 'biases = 0 (bias=False)' : `biases = K = ${i.k}`);
  wb.result(`parameters = ${fmtInt(r.weights)} + ${fmtInt(r.biases)} = ${fmtInt(r.params)}`);
  wb.note(`fp32 size: ${fmtInt(r.params)} × 4 B = ${fmtInt(4 * r.params)} B`);
  if (g > 1 && g === i.c && g === i.k) wb.note('groups = C = K: depthwise, each filter sees one input channel (F_H·F_W weights per channel).');
  return wb.build();
}

export function explainFcParams(inF: number, outF: number, bias = true): Worked {
  const r = fcParams(inF, outF, bias);
  const wb = new WorkedBuilder('Linear (fully connected) parameters');
  wb.formula(`weights = in·out = ${inF}·${outF} = ${fmtInt(r.weights)}`);
  wb.step(bias ? `biases = out = ${outF}` : 'biases = 0 (bias=False)');
  wb.result(`parameters = ${fmtInt(r.weights)} + ${fmtInt(r.biases)} = ${fmtInt(r.params)}`);
  wb.note('A fully connected layer after a conv stack takes in = C·H·W of the flattened feature map (VGG-16: 512·7·7 = 25,088).');
  return wb.build();
}

export function explainBnParams(c: number, affine = true): Worked {
  const r = bnParams(c, affine);
  const wb = new WorkedBuilder('BatchNorm2d parameters');
  wb.formula(affine ? `learnable: γ and β, one per channel: 2·C = 2·${c} = ${fmtInt(r.params)}` : 'affine=False: no learnable parameters');
  wb.step(`buffers (not learned): running_mean and running_var, C each: 2·${c} = ${fmtInt(r.buffers)}`);
  wb.result(`parameters = ${fmtInt(r.params)}`);
  wb.note('PyTorch also keeps num_batches_tracked (one integer), not a parameter.');
  return wb.build();
}

export function explainCompareStack(n: number, f: number, c: number): Worked {
  const r = compareStack(n, f, c);
  const wb = new WorkedBuilder(`${n} stacked ${f}×${f} convs vs one ${r.singleF}×${r.singleF} conv`);
  wb.note(`C = ${c} channels in and out, stride 1.`);
  wb.heading('Receptive field');
  wb.formula(`r = 1 + n(F − 1) = 1 + ${n}·(${f} − 1) = ${r.rf}: the same as one ${r.singleF}×${r.singleF} conv`);
  wb.heading('Weights (biases aside, as the course counts)');
  wb.formula(`stack: n·(F²C²) = ${n}·${f * f}·C² = ${r.stackCoeff}C² = ${fmtInt(r.stackWeights)}`);
  wb.formula(`single: (${r.singleF}²)C² = ${r.singleCoeff}C² = ${fmtInt(r.singleWeights)}`);
  wb.result(`${r.stackCoeff}C² vs ${r.singleCoeff}C²: the stack has ${((1 - r.stackWeights / r.singleWeights) * 100).toFixed(1)}% fewer weights`);
  wb.note(`With biases: ${fmtInt(r.stackParams)} vs ${fmtInt(r.singleParams)}.`);
  wb.note(`And ${n} non-linearities instead of 1: a more expressive function (VGG's argument).`);
  return wb.build();
}

export function explainSeparable(f: number, c: number, k: number, bias = true): Worked {
  const r = compareSeparable(f, c, k, bias);
  const wb = new WorkedBuilder('Depthwise-separable vs standard conv');
  wb.formula(`depthwise ${f}×${f}, groups=C: F²·C${bias ? ' + C' : ''} = ${fmtInt(r.depthwise.params)}`);
  wb.formula(`pointwise 1×1, C→K: C·K${bias ? ' + K' : ''} = ${fmtInt(r.pointwise.params)}`);
  wb.step(`separable total = ${fmtInt(r.separable)}`);
  wb.formula(`standard ${f}×${f}, C→K: F²·C·K${bias ? ' + K' : ''} = ${fmtInt(r.standard)}`);
  wb.result(`ratio = ${r.ratio.toFixed(4)} (≈ 1/K + 1/F² = ${(1 / k + 1 / (f * f)).toFixed(4)} without biases)`);
  return wb.build();
}
