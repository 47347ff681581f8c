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
import { bi, msg, type Text } from '../text';

/** The texts of the gates, in both languages. */
const M = {
  divZero: bi('division by zero: the denominator is 0', '除以零：分母为 0'),
  logDomain: msg((a: string) => `log of a non-positive number: log(${a})`, (a) => `对非正数取对数：log(${a})`),
  sqrtDomain: msg((a: string) => `square root of a negative number: sqrt(${a})`, (a) => `对负数开平方：sqrt(${a})`),
  sqrtZero: bi('sqrt at 0: the value is 0 but its gradient 1/(2·sqrt(0)) is infinite', 'sqrt 在 0 处：值为 0，但梯度 1/(2·sqrt(0)) 是无穷大'),
  negativeBase: msg((a: string, b: string) => `a negative base to a non-integer power: (${a})^${b}`, (a, b) => `负数的非整数次幂：(${a})^${b}`),
  zeroNegative: msg((b: string) => `division by zero: 0 to a negative power (0^${b})`, (b) => `除以零：0 的负数次幂（0^${b}）`),
  lnBase: msg((a: string) => `the gradient of a^b with respect to the exponent needs ln(a), but the base is ${a} < 0`, (a) => `a^b 对指数的梯度需要 ln(a)，但底数是 ${a} < 0`),
  infiniteGrad: msg((b: string) => `the gradient b·a^(b−1) is infinite at a = 0 with b = ${b}`, (b) => `a = 0、b = ${b} 时梯度 b·a^(b−1) 是无穷大`),
  addConst: msg((c: string) => `adding a constant (${c}) passes the gradient through unchanged: local gradient 1`, (c) => `加上常数（${c}）梯度原样通过：局部梯度为 1`),
  constMinus: msg((c: string) => `${c} − x flips the sign of the gradient: local gradient −1`, (c) => `${c} − x 翻转梯度的符号：局部梯度为 −1`),
  subConst: bi('subtracting a constant passes the gradient through unchanged: local gradient 1', '减去常数梯度原样通过：局部梯度为 1'),
  mulConst: msg((c: string) => `multiplying by the constant ${c} scales the gradient by ${c}`, (c) => `乘以常数 ${c}，梯度也乘以 ${c}`),
  reciprocal: msg((c: string) => `reciprocal gate ${c}/x: the local gradient is −${c}/x²`, (c) => `倒数门 ${c}/x：局部梯度是 −${c}/x²`),
  divConst: msg((c: string) => `dividing by the constant ${c} scales the gradient by 1/${c}`, (c) => `除以常数 ${c}，梯度也乘以 1/${c}`),
  exponential: msg((c: string) => `exponential ${c}^x: the local gradient is ${c}^x·ln ${c}`, (c) => `指数 ${c}^x：局部梯度是 ${c}^x·ln ${c}`),
  power: msg((c: string, e: string) => `power gate x^${c}: the local gradient is ${c}·x^${e}`, (c, e) => `幂门 x^${c}：局部梯度是 ${c}·x^${e}`),
};

export const TIE_RULE: Text = bi(
  'At a max/min tie the gradient is split equally among the tied inputs (PyTorch torch.maximum/torch.minimum); relu\'(0) = 0 and abs\'(0) = 0 as in PyTorch.',
  "max/min 出现相等时，梯度平均分给相等的输入（PyTorch 的 torch.maximum/torch.minimum）；relu'(0) = 0，abs'(0) = 0，与 PyTorch 相同。",
);

export interface GateEval {
  value: number;
  /** ∂value/∂args[i]; NaN where the gradient was not asked for. */
  local: number[];
  /** Why the gate cannot be evaluated at this point (outside its domain), in a few words. */
  error?: Text;
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
  const out = (value: number, local: number[], error?: Text): GateEval => (error ? { value, local, error } : { value, local });
  switch (op) {
    case 'add': return out(a + b, [1, 1]);
    case 'sub': return out(a - b, [1, -1]);
    case 'mul': return out(a * b, [b, a]);
    case 'div':
      if (b === 0) return out(NaN, [NaN, NaN], M.divZero);
      return out(a / b, [1 / b, -a / (b * b)]);
    case 'pow': return evalPow(a, b, need);
    case 'neg': return out(-a, [-1]);
    case 'exp': { const y = Math.exp(a); return out(y, [y]); }
    case 'log':
      if (a <= 0) return out(NaN, [NaN], M.logDomain(fmtNum(a)));
      return out(Math.log(a), [1 / a]);
    case 'sqrt':
      if (a < 0) return out(NaN, [NaN], M.sqrtDomain(fmtNum(a)));
      if (a === 0 && need[0]) return out(0, [Infinity], M.sqrtZero);
      return out(Math.sqrt(a), [1 / (2 * Math.sqrt(a))]);
    case 'sigmoid': { const s = sigmoid(a); return out(s, [s * (1 - s)]); }
    case 'tanh': { const t = Math.tanh(a); return out(t, [1 - t * t]); }
    case 'relu': return out(Math.max(0, a), [a > 0 ? 1 : 0]);
    case 'abs': return out(Math.abs(a), [Math.sign(a) || 0]);
    case 'sin': return out(Math.sin(a), [Math.cos(a)]);
    case 'cos': return out(Math.cos(a), [-Math.sin(a)]);
    case 'max': { const m = Math.max(...args); return out(m, routeShares(args, m)); }
    case 'min': { const m = Math.min(...args); return out(m, routeShares(args, m)); }
  }
}

function evalPow(a: number, b: number, need: boolean[]): GateEval {
  if (a < 0 && !Number.isInteger(b)) {
    return { value: NaN, local: [NaN, NaN], error: M.negativeBase(fmtNum(a), fmtNum(b)) };
  }
  if (a === 0 && b < 0) return { value: NaN, local: [NaN, NaN], error: M.zeroNegative(fmtNum(b)) };
  const value = a ** b;
  // PyTorch masks the 0·∞ cases to 0: d/da at b = 0, d/db at a = 0.
  const dA = !need[0] ? NaN : b === 0 ? 0 : b * a ** (b - 1);
  let dB = NaN;
  if (need[1]) {
    if (a < 0) return { value, local: [dA, NaN], error: M.lnBase(fmtNum(a)) };
    dB = a === 0 ? 0 : value * Math.log(a);
  }
  if (need[0] && !Number.isFinite(dA)) return { value, local: [dA, dB], error: M.infiniteGrad(fmtNum(b)) };
  return { value, local: [dA, dB] };
}

/** The backward pattern of a gate, in words. */
export const PATTERN: Record<OpKind | 'copy', Text> = {
  add: bi('add gate distributes: every input gets the upstream gradient unchanged', '加法门分配梯度：每个输入都原样得到上游梯度'),
  sub: bi('subtract gate: the first input gets the upstream gradient, the second its negative', '减法门：第一个输入得到上游梯度，第二个输入得到它的相反数'),
  mul: bi("mul gate swaps: each input gets the upstream gradient times the other input's value", '乘法门交换：每个输入得到上游梯度乘以另一个输入的值'),
  div: bi('divide gate: ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b²', '除法门：∂(a/b)/∂a = 1/b，∂(a/b)/∂b = −a/b²'),
  pow: bi('power gate: ∂(a^b)/∂a = b·a^(b−1), ∂(a^b)/∂b = a^b·ln a', '幂门：∂(a^b)/∂a = b·a^(b−1)，∂(a^b)/∂b = a^b·ln a'),
  neg: bi('negation (×−1) flips the sign of the gradient', '取负（×−1）翻转梯度的符号'),
  exp: bi('exp gate: the local gradient is exp(x), the forward value itself', 'exp 门：局部梯度是 exp(x)，就是前向值本身'),
  log: bi('log gate: the local gradient is 1/x', 'log 门：局部梯度是 1/x'),
  sqrt: bi('sqrt gate: the local gradient is 1/(2·sqrt(x))', 'sqrt 门：局部梯度是 1/(2·sqrt(x))'),
  sigmoid: bi('sigmoid gate: the local gradient is σ(x)(1−σ(x)), from the forward value', 'sigmoid 门：局部梯度是 σ(x)(1−σ(x))，由前向值算出'),
  tanh: bi('tanh gate: the local gradient is 1 − tanh²(x), from the forward value', 'tanh 门：局部梯度是 1 − tanh²(x)，由前向值算出'),
  relu: bi("ReLU gate: passes the gradient where x > 0, blocks it where x ≤ 0 (relu'(0) = 0 as in PyTorch)", "ReLU 门：x > 0 时让梯度通过，x ≤ 0 时阻断（relu'(0) = 0，与 PyTorch 相同）"),
  abs: bi('abs gate: the local gradient is sign(x) (0 at x = 0, as in PyTorch)', 'abs 门：局部梯度是 sign(x)（x = 0 处为 0，与 PyTorch 相同）'),
  sin: bi('sin gate: the local gradient is cos(x)', 'sin 门：局部梯度是 cos(x)'),
  cos: bi('cos gate: the local gradient is −sin(x)', 'cos 门：局部梯度是 −sin(x)'),
  max: bi('max gate routes: the larger input gets the whole upstream gradient, the others 0 (a tie splits it equally, as torch.maximum)',
    'max 门路由梯度：较大的输入得到全部上游梯度，其余为 0（相等时平均分配，与 torch.maximum 相同）'),
  min: bi('min gate routes: the smaller input gets the whole upstream gradient, the others 0 (a tie splits it equally, as torch.minimum)',
    'min 门路由梯度：较小的输入得到全部上游梯度，其余为 0（相等时平均分配，与 torch.minimum 相同）'),
  copy: bi('copy gate (fan-out) sums: the gradients from every use of the value add up', 'copy 门（扇出）求和：这个值每次被使用得到的梯度相加'),
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
    // Iverson brackets, as a formula in both languages: 1 when names[i] is the max, else 0.
    case 'max': return `[${names[i]} = max]`;
    case 'min': return `[${names[i]} = min]`;
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
export function patternOf(op: OpKind, consts: Array<number | null>): Text {
  const i = consts.findIndex((x) => x !== null);
  if (i < 0) return PATTERN[op];
  const c = fmtNum(consts[i]!, 4);
  switch (op) {
    case 'add': return M.addConst(c);
    case 'sub': return i === 0 ? M.constMinus(c) : M.subConst;
    case 'mul': return M.mulConst(c);
    case 'div': return i === 0 ? M.reciprocal(c) : M.divConst(c);
    case 'pow': return i === 0 ? M.exponential(c) : M.power(c, consts[1]! - 1 < 0 ? `(${fmtNum(consts[1]! - 1, 4)})` : fmtNum(consts[1]! - 1, 4));
    default: return PATTERN[op];
  }
}
