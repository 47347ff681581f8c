/**
 * Output sizes along one spatial axis, exactly as PyTorch computes them
 * (torch.nn.Conv2d, ConvTranspose2d, MaxPool2d/AvgPool2d). Every other
 * feature (conv/pool calculators, receptive fields, network summaries, quiz
 * generators) calls these.
 */
import { InputError } from './errors';

export interface Axis {
  /** Input size along this axis. */
  n: number;
  /** Kernel (filter) size. */
  k: number;
  /** Stride. */
  s: number;
  /** Padding on the leading side (top/left). */
  p: number;
  /** Padding on the trailing side; defaults to `p` (PyTorch pads symmetrically). */
  pr?: number;
  /** Dilation. */
  d: number;
}

export interface SizeResult {
  out: number;
  /** H + pl + pr - D(F-1) - 1: what is divided by the stride. */
  numerator: number;
  /** D(F-1) + 1: the extent one window covers. */
  effK: number;
  /** True when the stride divides the numerator, i.e. the windows tile the padded input exactly. */
  exact: boolean;
  /** numerator / S + 1 before rounding (4.5 in the notes' W=10, F=3, P=0, S=2 example). */
  raw: number;
  /** Input positions on the trailing side that no window reaches (0 when exact). */
  uncovered: number;
}

/** D(F-1) + 1. */
export function effectiveKernel(k: number, d: number): number {
  return d * (k - 1) + 1;
}

function validate(a: Axis): void {
  if (!(Number.isInteger(a.n) && a.n >= 1)) throw new InputError('h', `input size must be a positive integer, got ${a.n}`);
  if (!(Number.isInteger(a.k) && a.k >= 1)) throw new InputError('f', `kernel size must be a positive integer, got ${a.k}`);
  if (!(Number.isInteger(a.s) && a.s >= 1)) throw new InputError('s', `stride must be a positive integer, got ${a.s}`);
  if (!(Number.isInteger(a.d) && a.d >= 1)) throw new InputError('d', `dilation must be a positive integer, got ${a.d}`);
  const pr = a.pr ?? a.p;
  if (!(Number.isInteger(a.p) && a.p >= 0 && Number.isInteger(pr) && pr >= 0)) {
    throw new InputError('p', `padding must be a non-negative integer, got ${a.p}`);
  }
}

/** floor((H + 2P - D(F-1) - 1)/S) + 1, rejecting a kernel larger than the padded input as PyTorch does. */
export function convOutSize(a: Axis): SizeResult {
  validate(a);
  const pr = a.pr ?? a.p;
  const effK = effectiveKernel(a.k, a.d);
  const padded = a.n + a.p + pr;
  if (effK > padded) {
    throw new InputError('f', `the kernel (extent ${effK}${a.d > 1 ? ` with dilation ${a.d}` : ''}) is larger than the padded input (${a.n} + ${a.p + pr} = ${padded})`);
  }
  const numerator = padded - effK;
  const out = Math.floor(numerator / a.s) + 1;
  const covered = (out - 1) * a.s + effK;
  return { out, numerator, effK, exact: numerator % a.s === 0, raw: numerator / a.s + 1, uncovered: padded - covered };
}

export interface PoolSizeResult extends SizeResult {
  ceil: boolean;
  /** In ceil mode: the extra window PyTorch drops because it would start in the right padding. */
  droppedLastWindow: boolean;
}

/**
 * MaxPool2d/AvgPool2d output size. With ceil_mode the division rounds up, but
 * the last window must start inside the input or the left padding; PyTorch
 * also requires padding <= kernel/2.
 */
export function poolOutSize(a: Axis & { ceil: boolean }): PoolSizeResult {
  validate(a);
  const pr = a.pr ?? a.p;
  if (2 * Math.max(a.p, pr) > a.k) {
    throw new InputError('p', `PyTorch requires pooling padding to be at most half the kernel size (p <= ${Math.floor(a.k / 2)} for k=${a.k}), got ${Math.max(a.p, pr)}`);
  }
  const effK = effectiveKernel(a.k, a.d);
  const padded = a.n + a.p + pr;
  const numerator = padded - effK;
  const floorOut = Math.floor(numerator / a.s) + 1;
  let out = a.ceil ? Math.floor((numerator + a.s - 1) / a.s) + 1 : floorOut;
  let droppedLastWindow = false;
  if (a.ceil && (out - 1) * a.s >= a.n + a.p) {
    out -= 1;
    droppedLastWindow = true;
  }
  if (out < 1) {
    throw new InputError('f', `the pooling window (extent ${effK}) is larger than the padded input (${padded}); the output would be empty`);
  }
  const covered = Math.min((out - 1) * a.s + effK, padded);
  return {
    out,
    numerator,
    effK,
    exact: numerator % a.s === 0,
    raw: numerator / a.s + 1,
    uncovered: Math.max(0, padded - covered),
    ceil: a.ceil,
    droppedLastWindow,
  };
}

/** ConvTranspose2d: (H-1)S - 2P + D(F-1) + output_padding + 1. */
export function convTransposeOutSize(a: Axis & { outputPadding: number }): number {
  validate(a);
  const op = a.outputPadding;
  if (!(Number.isInteger(op) && op >= 0)) throw new InputError('output-padding', `output padding must be a non-negative integer, got ${op}`);
  if (op >= Math.max(a.s, a.d)) {
    throw new InputError('output-padding', `PyTorch requires output padding to be smaller than the stride or the dilation (< ${Math.max(a.s, a.d)}), got ${op}`);
  }
  const out = (a.n - 1) * a.s - a.p - (a.pr ?? a.p) + a.d * (a.k - 1) + op + 1;
  if (out < 1) throw new InputError('p', `the padding removes the whole output (size would be ${out})`);
  return out;
}

/** padding='same' as PyTorch applies it: total D(F-1), the odd extra on the trailing side; stride must be 1. */
export function samePadding(k: number, d: number, s: number): { p: number; pr: number } {
  if (s !== 1) throw new InputError('p', `padding='same' is not supported by PyTorch for strided convolutions (stride ${s}); give a number`);
  const total = d * (k - 1);
  return { p: Math.floor(total / 2), pr: total - Math.floor(total / 2) };
}
