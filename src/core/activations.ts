/**
 * Activation functions as PyTorch defines them (torch.nn.Sigmoid, Tanh, ReLU,
 * LeakyReLU, PReLU, ELU, SELU, GELU), each with its derivative. At a kink the
 * derivative is the one PyTorch's autograd returns: the x <= 0 branch
 * (relu'(0) = 0, leaky_relu'(0) = α, prelu'(0) = α, elu'(0) = α, selu'(0) = λα).
 */
import { normalCdf, normalPdf } from './erf';
import { InputError } from './errors';
import { bi, msg } from './text';

/** The texts of the activation checks, in both languages. */
const M = {
  finite: msg((x: number) => `x must be a finite number, got ${x}`, (x) => `x 必须是有限数，收到 ${x}`),
  range: msg((lo: number, hi: number) => `the range must go from a smaller to a larger number, got ${lo}..${hi}`, (lo, hi) => `范围必须从较小的数到较大的数，收到 ${lo}..${hi}`),
  empty: bi('x is empty', 'x 为空'),
  length: msg((w: string, n: number, m: number) => `${w} has ${n} value${n === 1 ? '' : 's'} but x has ${m}; they must have the same length`, (w, n, m) => `${w} 有 ${n} 个值，而 x 有 ${m} 个；长度必须相同`),
};

export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leaky-relu', 'prelu', 'elu', 'selu', 'gelu', 'maxout'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];
/** The activations of one real variable (maxout takes a vector and weights). */
export type ScalarActivation = Exclude<ActivationName, 'maxout'>;

/** SELU's constants, as in torch.nn.SELU (Klambauer et al. 2017). */
export const SELU_LAMBDA = 1.0507009873554804934193349852946;
export const SELU_ALPHA = 1.6732632423543772848170429916717;
/** √(2/π) and the cubic coefficient of GELU's tanh form (torch.nn.GELU(approximate='tanh')). */
const GELU_K = Math.sqrt(2 / Math.PI);
const GELU_C = 0.044715;

/** Default α per function: LeakyReLU 0.01, PReLU 0.25 (nn.PReLU's init), ELU 1. */
export const DEFAULT_ALPHA: Partial<Record<ScalarActivation, number>> = { 'leaky-relu': 0.01, prelu: 0.25, elu: 1 };

export interface ActParams {
  /** Negative-side slope or scale for leaky-relu, prelu, elu; ignored by the others. */
  alpha?: number;
  /** GELU only: 'none' (exact, erf) or 'tanh' (the approximation). */
  approx?: 'none' | 'tanh';
}

export interface ActValue {
  value: number;
  grad: number;
}

/** Whether a function takes α. */
export function takesAlpha(name: ActivationName): boolean {
  return name === 'leaky-relu' || name === 'prelu' || name === 'elu';
}

/** α for this function: the given one when it takes α, else its default. */
export function alphaOf(name: ActivationName, p: ActParams = {}): number | undefined {
  if (name === 'selu') return SELU_ALPHA;
  if (!takesAlpha(name)) return undefined;
  return p.alpha ?? DEFAULT_ALPHA[name as ScalarActivation]!;
}

export function sigmoid(x: number): number {
  // Two forms so neither exp overflows.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Value and derivative of one scalar activation at x. */
export function activate(name: ScalarActivation, x: number, p: ActParams = {}): ActValue {
  if (!Number.isFinite(x)) throw new InputError('x', M.finite(x));
  const a = alphaOf(name, p);
  switch (name) {
    case 'sigmoid': {
      const s = sigmoid(x);
      return { value: s, grad: s * (1 - s) };
    }
    case 'tanh': {
      const t = Math.tanh(x);
      return { value: t, grad: 1 - t * t };
    }
    case 'relu':
      return { value: x > 0 ? x : 0, grad: x > 0 ? 1 : 0 };
    case 'leaky-relu':
    case 'prelu':
      return { value: x > 0 ? x : a! * x, grad: x > 0 ? 1 : a! };
    case 'elu':
      return x > 0 ? { value: x, grad: 1 } : { value: a! * Math.expm1(x), grad: a! * Math.exp(x) };
    case 'selu':
      return x > 0
        ? { value: SELU_LAMBDA * x, grad: SELU_LAMBDA }
        : { value: SELU_LAMBDA * SELU_ALPHA * Math.expm1(x), grad: SELU_LAMBDA * SELU_ALPHA * Math.exp(x) };
    case 'gelu':
      return p.approx === 'tanh' ? geluTanh(x) : geluExact(x);
  }
}

function geluExact(x: number): ActValue {
  const cdf = normalCdf(x);
  return { value: x * cdf, grad: cdf + x * normalPdf(x) };
}

function geluTanh(x: number): ActValue {
  const u = GELU_K * (x + GELU_C * x ** 3);
  const t = Math.tanh(u);
  return {
    value: 0.5 * x * (1 + t),
    grad: 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_K * (1 + 3 * GELU_C * x * x),
  };
}

/** True where the function has a kink (no derivative in the usual sense) at x. */
export function isKink(name: ActivationName, x: number, p: ActParams = {}): boolean {
  if (x !== 0) return false;
  if (name === 'relu' || name === 'selu') return true;
  if (name === 'leaky-relu' || name === 'prelu') return alphaOf(name, p) !== 1;
  if (name === 'elu') return alphaOf(name, p) !== 1;
  return false;
}

/** Samples value and derivative on an even grid over [lo, hi] (inclusive), for plots. */
export function activationCurve(name: ScalarActivation, p: ActParams, lo: number, hi: number, points: number): { xs: number[]; values: number[]; grads: number[] } {
  if (!(hi > lo)) throw new InputError('range', M.range(lo, hi));
  const xs = Array.from({ length: points }, (_, i) => lo + ((hi - lo) * i) / (points - 1));
  const vs = xs.map((x) => activate(name, x, p));
  return { xs, values: vs.map((v) => v.value), grads: vs.map((v) => v.grad) };
}

export interface MaxoutParams {
  w1: number[];
  b1: number;
  w2: number[];
  b2: number;
}

export interface MaxoutResult {
  z1: number;
  z2: number;
  value: number;
  /** ∂max/∂x: w1 or w2, the mean of both on a tie (torch.maximum splits the gradient). */
  grad: number[];
  winner: 1 | 2 | 'tie';
}

/** Maxout(x) = max(w1·x + b1, w2·x + b2) with its gradient with respect to x. */
export function maxout(x: number[], p: MaxoutParams): MaxoutResult {
  if (x.length === 0) throw new InputError('x', M.empty);
  if (p.w1.length !== x.length) throw new InputError('w1', M.length('w1', p.w1.length, x.length));
  if (p.w2.length !== x.length) throw new InputError('w2', M.length('w2', p.w2.length, x.length));
  const dot = (w: number[]) => w.reduce((s, wi, i) => s + wi * x[i]!, 0);
  const z1 = dot(p.w1) + p.b1;
  const z2 = dot(p.w2) + p.b2;
  const winner = z1 > z2 ? 1 : z2 > z1 ? 2 : 'tie';
  const grad = winner === 1 ? [...p.w1] : winner === 2 ? [...p.w2] : p.w1.map((w, i) => (w + p.w2[i]!) / 2);
  return { z1, z2, value: Math.max(z1, z2), grad, winner };
}
