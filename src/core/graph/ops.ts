/**
 * One gate at a time: forward value, local gradients (∂out/∂input_i) and
 * the words for its backward pattern. The graph, the single-gate command and
 * the quiz generators all use these rules, so each derivative is written once.
 *
 * Conventions at non-differentiable points follow PyTorch:
 *  - max/min of several inputs: a tie splits the gradient equally among the
 *    tied inputs (torch.maximum/torch.minimum and amax/amin since 1.10);
 *  - relu'(0) = 0 (the gradient passes only where x > 0);
 *  - abs'(0) = sign(0) = 0.
 */
import type { OpKind } from './expr';
import { fmtNum } from '../format';
import { erf } from '../erf';

export const TIE_RULE =
  'At a max/min tie the gradient is split equally among the tied inputs (PyTorch torch.maximum/torch.minimum); relu\'(0) = 0 and abs\'(0) = 0 as in PyTorch.';

export interface GateEval {
  value: number;
  /** ∂value/∂args[i]; NaN where the gradient was not asked for. */
  local: number[];
  /** Why the gate cannot be evaluated at this point (outside its domain), in a few words. */
  error?: string;
}

const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Shares of an upstream gradient for max/min: 1/k to each of the k inputs equal to the extreme. */
function routeShares(args: number[], extreme: number): number[] {
  const k = args.filter((a) => a === extreme).length;
  return args.map((a) => (a === extreme ? 1 / k : 0));
}

/**
 * Evaluates one gate. `need[i]` says whether the gradient for args[i] is
 * wanted (false for constants), so 2^x does not fail on ln of a missing base.
 */
export function evalGate(op: OpKind, args: number[], need: boolean[] = args.map(() => true)): GateEval {
  const [a = NaN, b = NaN] = args;
  const out = (value: number, local: number[], error?: string): GateEval => (error ? { value, local, error } : { value, local });
  switch (op) {
    case 'add': return out(a + b, [1, 1]);
    case 'sub': return out(a - b, [1, -1]);
    case 'mul': return out(a * b, [b, a]);
    case 'div':
      if (b === 0) return out(NaN, [NaN, NaN], `division by zero: the denominator is 0`);
      return out(a / b, [1 / b, -a / (b * b)]);
    case 'pow': return evalPow(a, b, need);
    case 'neg': return out(-a, [-1]);
    case 'exp': { const y = Math.exp(a); return out(y, [y]); }
    case 'log':
      if (a <= 0) return out(NaN, [NaN], `log of a non-positive number: log(${fmtNum(a)})`);
      return out(Math.log(a), [1 / a]);
    case 'sqrt':
      if (a < 0) return out(NaN, [NaN], `square root of a negative number: sqrt(${fmtNum(a)})`);
      if (a === 0 && need[0]) return out(0, [Infinity], 'sqrt at 0: the value is 0 but its gradient 1/(2·sqrt(0)) is infinite');
      return out(Math.sqrt(a), [1 / (2 * Math.sqrt(a))]);
    case 'sigmoid': { const s = sigmoid(a); return out(s, [s * (1 - s)]); }
    case 'tanh': { const t = Math.tanh(a); return out(t, [1 - t * t]); }
    case 'relu': return out(Math.max(0, a), [a > 0 ? 1 : 0]);
    case 'abs': return out(Math.abs(a), [Math.sign(a) || 0]);
    case 'sin': return out(Math.sin(a), [Math.cos(a)]);
    case 'cos': return out(Math.cos(a), [-Math.sin(a)]);
    case 'erf': return out(erf(a), [(2 / Math.sqrt(Math.PI)) * Math.exp(-a * a)]);
    case 'max': { const m = Math.max(...args); return out(m, routeShares(args, m)); }
    case 'min': { const m = Math.min(...args); return out(m, routeShares(args, m)); }
  }
}

function evalPow(a: number, b: number, need: boolean[]): GateEval {
  if (a < 0 && !Number.isInteger(b)) {
    return { value: NaN, local: [NaN, NaN], error: `a negative base to a non-integer power: (${fmtNum(a)})^${fmtNum(b)}` };
  }
  if (a === 0 && b < 0) return { value: NaN, local: [NaN, NaN], error: `division by zero: 0 to a negative power (0^${fmtNum(b)})` };
  const value = a ** b;
  // PyTorch masks the 0·∞ cases to 0: d/da at b = 0, d/db at a = 0.
  const dA = !need[0] ? NaN : b === 0 ? 0 : b * a ** (b - 1);
  let dB = NaN;
  if (need[1]) {
    if (a < 0) return { value, local: [dA, NaN], error: `the gradient of a^b with respect to the exponent needs ln(a), but the base is ${fmtNum(a)} < 0` };
    dB = a === 0 ? 0 : value * Math.log(a);
  }
  if (need[0] && !Number.isFinite(dA)) return { value, local: [dA, dB], error: `the gradient b·a^(b−1) is infinite at a = 0 with b = ${fmtNum(b)}` };
  return { value, local: [dA, dB] };
}

/** The backward pattern of a gate, in words. */
export const PATTERN: Record<OpKind | 'copy', string> = {
  add: 'add gate distributes: every input gets the upstream gradient unchanged',
  sub: 'subtract gate: the first input gets the upstream gradient, the second its negative',
  mul: "mul gate swaps: each input gets the upstream gradient times the other input's value",
  div: 'divide gate: ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b²',
  pow: 'power gate: ∂(a^b)/∂a = b·a^(b−1), ∂(a^b)/∂b = a^b·ln a',
  neg: 'negation (×−1) flips the sign of the gradient',
  exp: 'exp gate: the local gradient is exp(x), the forward value itself',
  log: 'log gate: the local gradient is 1/x',
  sqrt: 'sqrt gate: the local gradient is 1/(2·sqrt(x))',
  sigmoid: 'sigmoid gate: the local gradient is σ(x)(1−σ(x)), from the forward value',
  tanh: 'tanh gate: the local gradient is 1 − tanh²(x), from the forward value',
  relu: "ReLU gate: passes the gradient where x > 0, blocks it where x ≤ 0 (relu'(0) = 0 as in PyTorch)",
  abs: 'abs gate: the local gradient is sign(x) (0 at x = 0, as in PyTorch)',
  sin: 'sin gate: the local gradient is cos(x)',
  cos: 'cos gate: the local gradient is −sin(x)',
  erf: 'erf gate: the local gradient is (2/√π)·exp(−x²)',
  max: 'max gate routes: the larger input gets the whole upstream gradient, the others 0 (a tie splits it equally, as torch.maximum)',
  min: 'min gate routes: the smaller input gets the whole upstream gradient, the others 0 (a tie splits it equally, as torch.minimum)',
  copy: 'copy gate (fan-out) sums: the gradients from every use of the value add up',
};

/** The symbolic local gradient ∂out/∂args[i], e.g. "y" for the first input of x*y; `names` are the inputs as written. */
export function localFormula(op: OpKind, i: number, names: string[]): string {
  const [a = 'a', b = 'b'] = names.map((n) => (/^[\w.]+$/.test(n) ? n : `(${n})`));
  switch (op) {
    case 'add': return '1';
    case 'sub': return i === 0 ? '1' : '−1';
    case 'mul': return i === 0 ? b : a;
    case 'div': return i === 0 ? `1/${b}` : `−${a}/${b}²`;
    case 'pow': return i === 0 ? `${b}·${a}^(${b}−1)` : `${a}^${b}·ln ${a}`;
    case 'neg': return '−1';
    case 'exp': return `exp(${a})`;
    case 'log': return `1/${a}`;
    case 'sqrt': return `1/(2·sqrt(${a}))`;
    case 'sigmoid': return `σ(${a})(1−σ(${a}))`;
    case 'tanh': return `1 − tanh²(${a})`;
    case 'relu': return `[${a} > 0]`;
    case 'abs': return `sign(${a})`;
    case 'sin': return `cos(${a})`;
    case 'cos': return `−sin(${a})`;
    case 'erf': return `(2/√π)·exp(−${a}²)`;
    case 'max': return `[${names[i]} is the max]`;
    case 'min': return `[${names[i]} is the min]`;
  }
}

/**
 * A short label for a gate as drawn on a computational graph, with constant
 * inputs folded in the way the CS231n figures do: "+1", "*-1", "1/x", "x^2".
 * `consts[i]` is the constant at position i, or null for a graph input.
 */
export function gateLabel(op: OpKind, consts: Array<number | null>): string {
  const c = consts.find((x) => x !== null) ?? null;
  const f = (n: number) => fmtNum(n, 4);
  const left = consts[0] !== null && consts[0] !== undefined;
  switch (op) {
    case 'add': return c === null ? '+' : c < 0 ? `-${f(-c)}` : `+${f(c)}`;
    case 'sub': return c === null ? '-' : left ? `${f(c)}-x` : c < 0 ? `+${f(-c)}` : `-${f(c)}`;
    case 'mul': return c === null ? '*' : `*${f(c)}`;
    case 'div': return c === null ? '/' : left ? `${f(c)}/x` : `/${f(c)}`;
    case 'pow': return c === null ? '^' : left ? `${c === Math.E ? 'e' : f(c)}^x` : `x^${f(c)}`;
    case 'neg': return '*-1';
    case 'max':
    case 'min': return c === null ? op : `${op}(${consts.map((k) => (k === null ? 'x' : f(k))).join(',')})`;
    default: return op;
  }
}

/** The pattern in words for a gate whose constant inputs are folded in (consts as in gateLabel). */
export function patternOf(op: OpKind, consts: Array<number | null>): string {
  const i = consts.findIndex((x) => x !== null);
  if (i < 0) return PATTERN[op];
  const c = fmtNum(consts[i]!, 4);
  switch (op) {
    case 'add': return `adding a constant (${c}) passes the gradient through unchanged: local gradient 1`;
    case 'sub': return i === 0 ? `${c} − x flips the sign of the gradient: local gradient −1` : `subtracting a constant passes the gradient through unchanged: local gradient 1`;
    case 'mul': return `multiplying by the constant ${c} scales the gradient by ${c}`;
    case 'div': return i === 0 ? `reciprocal gate ${c}/x: the local gradient is −${c}/x²` : `dividing by the constant ${c} scales the gradient by 1/${c}`;
    case 'pow': return i === 0 ? `exponential ${c}^x: the local gradient is ${c}^x·ln ${c}` : `power gate x^${c}: the local gradient is ${c}·x^${consts[1]! - 1 < 0 ? `(${fmtNum(consts[1]! - 1, 4)})` : fmtNum(consts[1]! - 1, 4)}`;
    default: return PATTERN[op];
  }
}
