/**
 * Backpropagation through time on the scalar RNN h_t = tanh(w·h_{t−1} + u·x_t + b),
 * the notes' "RNN 和 LSTM 的梯度计算式" with the student's numbers:
 *   ∂h_t/∂h_{t−1} = w·(1 − h_t²),   ∂h_T/∂h_0 = ∏_t w·(1 − h_t²)
 *   ∂h_T/∂w = Σ_k (∏_{j>k} w·(1 − h_j²))·(1 − h_k²)·h_{k−1}
 * and the LSTM's cell path c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t: ∂c_T/∂c_0 = ∏_t f_t.
 */
import { InputError } from './errors';
import { fmtNum, paren } from './format';
import { slipValues, type SlipDef, type SlipValue } from './slips';
import { bi, msg, txt } from './text';
import { WorkedBuilder, type Worked } from './worked';

const M = {
  noSteps: bi('give at least one input x_t', '至少给出一个输入 x_t'),
  forgetRange: msg((k: number, f: string) => `forget gate ${k} is ${f}; a sigmoid output lies in (0, 1)`, (k, f) => `第 ${k} 个遗忘门是 ${f}；sigmoid 的输出在 (0, 1) 之间`),
  nothing: bi('give the RNN (--w and --x) or the LSTM forget gates (--forget)', '请给出 RNN（--w 和 --x）或 LSTM 的遗忘门（--forget）'),
  title: bi('Backpropagation through time', '随时间反向传播（BPTT）'),
  given: msg((w: string, u: string, b: string, h0: string) => `Scalar RNN h_t = tanh(w·h_{t−1} + u·x_t + b) with w = ${w}, u = ${u}, b = ${b}, h_0 = ${h0}.`,
    (w, u, b, h0) => `标量 RNN h_t = tanh(w·h_{t−1} + u·x_t + b)，w = ${w}，u = ${u}，b = ${b}，h_0 = ${h0}。`),
  forward: bi('Forward', '前向传播'),
  local: bi('Local factors ∂h_t/∂h_{t−1} = w·(1 − h_t²)', '局部因子 ∂h_t/∂h_{t−1} = w·(1 − h_t²)'),
  chain: bi('Through all the steps (chain rule)', '穿过所有时间步（链式法则）'),
  verdictVanish: msg((g: string, t: number) => `Each step multiplies the gradient by ${g} on average (geometric mean): after ${t} steps it has shrunk — vanishing gradient.`,
    (g, t) => `每一步平均把梯度乘以 ${g}（几何平均）：${t} 步之后梯度已经变小——梯度消失。`),
  verdictExplode: msg((g: string, t: number) => `Each step multiplies the gradient by ${g} on average (geometric mean): after ${t} steps it has grown — exploding gradient (gradient clipping is the usual fix).`,
    (g, t) => `每一步平均把梯度乘以 ${g}（几何平均）：${t} 步之后梯度已经变大——梯度爆炸（通常用梯度裁剪解决）。`),
  verdictSteady: bi('The factors multiply to about 1: neither vanishing nor exploding over these steps.', '这些因子的乘积约为 1：这几步既不消失也不爆炸。'),
  bound: msg((w: string) => `Since |1 − h_t²| ≤ 1, each factor is at most |w| = ${w} in size: |w| < 1 guarantees vanishing; |w| > 1 is needed (not sufficient) to explode.`,
    (w) => `因为 |1 − h_t²| ≤ 1，每个因子的绝对值不超过 |w| = ${w}：|w| < 1 必然消失；|w| > 1 是爆炸的必要（而非充分）条件。`),
  gradW: bi('Gradient of h_T with respect to the shared weight w', 'h_T 对共享权重 w 的梯度'),
  sumNote: bi('w is used at every step, so its gradient is the sum of each step\'s contribution (a copy gate); the contributions from early steps carry the long products above.',
    'w 在每一步都被使用，所以它的梯度是各步贡献之和（copy 门）；早期时间步的贡献带着上面那样的长连乘。'),
  lstm: bi('LSTM: the cell path', 'LSTM：记忆单元通路'),
  lstmGiven: msg((f: string) => `forget gates f_t = ${f}`, (f) => `遗忘门 f_t = ${f}`),
  lstmNote: bi('c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t: along the cell path there is no weight matrix and no tanh′, only the forget gates, which the network can keep near 1 (a forget bias of 1 at initialisation helps).',
    'c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t：沿记忆单元通路没有权重矩阵，也没有 tanh′，只有遗忘门，网络可以让它接近 1（初始化时遗忘门偏置取 1 有帮助）。'),
  compare: msg((rnn: string, lstm: string) => `Over the same steps: RNN ${rnn} against LSTM cell path ${lstm}.`, (rnn, lstm) => `同样的步数：RNN 为 ${rnn}，LSTM 记忆单元通路为 ${lstm}。`),
};

export interface BpttInput {
  /** Recurrent weight w. */
  w?: number;
  /** Input weight u (default 1). */
  u?: number;
  /** Bias b (default 0). */
  b?: number;
  /** Initial state h_0 (default 0). */
  h0?: number;
  /** Inputs x_1..x_T. */
  x?: number[];
  /** LSTM forget-gate values f_1..f_T. */
  forget?: number[];
}

export interface RnnBptt {
  w: number;
  u: number;
  b: number;
  h0: number;
  x: number[];
  /** Pre-activations a_t and states h_t, t = 1..T. */
  a: number[];
  h: number[];
  /** w·(1 − h_t²). */
  factors: number[];
  /** ∂h_T/∂h_0. */
  grad: number;
  /** |grad|^(1/T). */
  perStep: number;
  verdict: 'vanishing' | 'exploding' | 'steady';
  /** ∂h_T/∂w and ∂h_T/∂u. */
  dw: number;
  du: number;
  /** The k-th term of ∂h_T/∂w (k = 1..T). */
  dwTerms: number[];
}

export interface LstmPath {
  forget: number[];
  /** ∂c_T/∂c_0 = ∏ f_t. */
  grad: number;
  perStep: number;
}

export interface BpttResult {
  rnn?: RnnBptt;
  lstm?: LstmPath;
}

function verdictOf(perStep: number): RnnBptt['verdict'] {
  if (Math.abs(perStep - 1) < 1e-9) return 'steady';
  return perStep < 1 ? 'vanishing' : 'exploding';
}

/** The forward values and the gradients through time of the scalar RNN. */
export function rnnBptt(i: Required<Pick<BpttInput, 'w' | 'x'>> & BpttInput): RnnBptt {
  if (i.x.length === 0) throw new InputError('x', M.noSteps);
  const u = i.u ?? 1;
  const b = i.b ?? 0;
  const h0 = i.h0 ?? 0;
  const a: number[] = [];
  const h: number[] = [];
  let prev = h0;
  for (const xt of i.x) {
    const at = i.w * prev + u * xt + b;
    prev = Math.tanh(at);
    a.push(at);
    h.push(prev);
  }
  const factors = h.map((ht) => i.w * (1 - ht * ht));
  const grad = factors.reduce((p, f) => p * f, 1);
  const T = h.length;
  // Suffix products ∏_{j>k} factor_j, so each term of ∂h_T/∂w costs one multiply.
  const after: number[] = new Array<number>(T).fill(1);
  for (let k = T - 2; k >= 0; k--) after[k] = after[k + 1]! * factors[k + 1]!;
  const dwTerms = h.map((hk, k) => after[k]! * (1 - hk * hk) * (k === 0 ? h0 : h[k - 1]!));
  const du = h.reduce((s, hk, k) => s + after[k]! * (1 - hk * hk) * i.x[k]!, 0);
  const perStep = Math.abs(grad) ** (1 / T);
  return { w: i.w, u, b, h0, x: i.x, a, h, factors, grad, perStep, verdict: verdictOf(perStep), dw: dwTerms.reduce((s, t) => s + t, 0), du, dwTerms };
}

/** ∂c_T/∂c_0 along the LSTM's cell path. */
export function lstmPath(forget: number[]): LstmPath {
  if (forget.length === 0) throw new InputError('forget', M.noSteps);
  forget.forEach((f, k) => {
    if (!(f > 0 && f < 1)) throw new InputError('forget', M.forgetRange(k + 1, fmtNum(f)));
  });
  const grad = forget.reduce((p, f) => p * f, 1);
  return { forget, grad, perStep: grad ** (1 / forget.length) };
}

/** Both parts, as far as the inputs allow. */
export function bptt(i: BpttInput): BpttResult {
  const out: BpttResult = {};
  if (i.w !== undefined || i.x !== undefined) {
    if (i.w === undefined) throw new InputError('w', M.nothing);
    if (i.x === undefined) throw new InputError('x', M.noSteps);
    out.rnn = rnnBptt({ ...i, w: i.w, x: i.x });
  }
  if (i.forget !== undefined) out.lstm = lstmPath(i.forget);
  if (!out.rnn && !out.lstm) throw new InputError('w', M.nothing);
  return out;
}

const n4 = (x: number): string => fmtNum(x, 4);

/** The worked solution of bptt. */
export function explainBptt(i: BpttInput): Worked {
  const r = bptt(i);
  const wb = new WorkedBuilder(M.title);
  const rnn = r.rnn;
  if (rnn) {
    const T = rnn.h.length;
    wb.note(M.given(n4(rnn.w), n4(rnn.u), n4(rnn.b), n4(rnn.h0)));
    wb.heading(M.forward);
    rnn.h.forEach((ht, k) => {
      const prev = k === 0 ? rnn.h0 : rnn.h[k - 1]!;
      const t = k + 1;
      wb.step(`h_${t} = tanh(${n4(rnn.w)}·${paren(prev, 4)} + ${n4(rnn.u)}·${paren(rnn.x[k]!, 4)}${rnn.b !== 0 ? ` + ${paren(rnn.b, 4)}` : ''}) = tanh(${n4(rnn.a[k]!)}) = ${n4(ht)}`);
    });
    wb.heading(M.local);
    rnn.factors.forEach((f, k) => wb.step(`t = ${k + 1}: ${n4(rnn.w)}·(1 − ${paren(rnn.h[k]!, 4)}²) = ${n4(f)}`));
    wb.heading(M.chain);
    wb.formula(`∂h_${T}/∂h_0 = ∏_{t=1}^{${T}} w·(1 − h_t²) = ${rnn.factors.map((f) => paren(f, 4)).join(' · ')}`);
    wb.result(`∂h_${T}/∂h_0 = ${n4(rnn.grad)}`);
    if (rnn.verdict === 'vanishing') wb.warn(M.verdictVanish(n4(rnn.perStep), T));
    else if (rnn.verdict === 'exploding') wb.warn(M.verdictExplode(n4(rnn.perStep), T));
    else wb.note(M.verdictSteady);
    wb.note(M.bound(n4(Math.abs(rnn.w))));
    wb.heading(M.gradW);
    wb.formula(`∂h_${T}/∂w = Σ_k (∏_{j>k} w·(1 − h_j²))·(1 − h_k²)·h_{k−1}`);
    wb.step(`= ${rnn.dwTerms.map((x) => paren(x, 4)).join(' + ')}`);
    wb.result(`∂h_${T}/∂w = ${n4(rnn.dw)},   ∂h_${T}/∂u = ${n4(rnn.du)}`);
    wb.note(M.sumNote);
  }
  const lstm = r.lstm;
  if (lstm) {
    const T = lstm.forget.length;
    wb.heading(M.lstm);
    wb.note(M.lstmGiven(lstm.forget.map(n4).join(', ')));
    wb.formula(`∂c_${T}/∂c_0 = ∏_{t=1}^{${T}} f_t = ${lstm.forget.map(n4).join(' · ')}`);
    wb.result(`∂c_${T}/∂c_0 = ${n4(lstm.grad)}`);
    wb.note(M.lstmNote);
    if (rnn) wb.note(txt`${M.compare(n4(rnn.grad), n4(lstm.grad))}`);
  }
  return wb.build();
}

// ---- slips ------------------------------------------------------------------

const SLIP = {
  noTanh: msg((slipped: string, right: string) => `looks like tanh′ was left out: w^T = ${slipped}; each step multiplies by w·(1 − h_t²): ${right}`,
    (slipped, right) => `看起来漏了 tanh′：w^T = ${slipped}；每一步乘的是 w·(1 − h_t²)：${right}`),
  oneMinusH: msg((slipped: string, right: string) => `looks like 1 − h_t was used (${slipped}); tanh′ = 1 − tanh² = 1 − h_t²: ${right}`,
    (slipped, right) => `看起来用了 1 − h_t（${slipped}）；tanh′ = 1 − tanh² = 1 − h_t²：${right}`),
};

/** Slips of ∂h_T/∂h_0. */
export const bpttSlips: readonly SlipDef<RnnBptt>[] = [
  { id: 'bptt-forgot-tanh-grad', value: (r) => r.w ** r.h.length, text: (r, v) => SLIP.noTanh(n4(v as number), n4(r.grad)) },
  { id: 'bptt-one-minus-h', value: (r) => r.h.reduce((p, ht) => p * r.w * (1 - ht), 1), text: (r, v) => SLIP.oneMinusH(n4(v as number), n4(r.grad)) },
];

export function bpttSlipValues(r: RnnBptt): SlipValue[] {
  return slipValues(bpttSlips, r);
}
