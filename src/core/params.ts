/**
 * Parameter counts of single layers (PyTorch's definitions), and the course's
 * comparisons built from them.
 */
import { InputError } from './errors';
import { effectiveKernel } from './size';

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
