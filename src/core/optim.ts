/**
 * First-order optimizers on one scalar weight, updated exactly as
 * torch.optim does it: SGD, SGD with momentum, RMSprop, AdaGrad, Adam and
 * AdamW. Each has one pure step function (state in, state out); a driver
 * runs a given gradient sequence or a gradient function. The notes write the
 * same rules with other letters (α or η for lr, β for RMSprop's alpha);
 * src/core/optim-explain.ts says so in the worked solution.
 */
import type { Quantity } from './check';
import { InputError } from './errors';
import { fmtNum } from './format';
import { bi, msg, type Text } from './text';

/** The texts of the optimizer runs, in both languages. */
const M = {
  finite: msg((got: number) => `must be a finite number, got ${got}`, (got) => `必须是有限数，收到 ${got}`),
  lr: msg((got: number) => `the learning rate must be greater than 0, got ${got}`, (got) => `学习率必须大于 0，收到 ${got}`),
  eps: msg((got: number) => `epsilon must be at least 0 (PyTorch allows 0; it keeps the denominator away from 0), got ${got}`,
    (got) => `epsilon 不能小于 0（PyTorch 允许 0；它让分母不为 0），收到 ${got}`),
  weightDecay: msg((got: number) => `weight decay must be at least 0, got ${got}`, (got) => `权重衰减不能小于 0，收到 ${got}`),
  unit: msg((got: number) => `must be in [0, 1), got ${got}`, (got) => `必须在 [0, 1) 内，收到 ${got}`),
  w0: msg((got: number) => `the starting weight must be a finite number, got ${got}`, (got) => `初始权重必须是有限数，收到 ${got}`),
  empty: bi('the list is empty: give at least one gradient', '列表为空：至少给出一个梯度'),
  item: msg((i: number) => `item ${i} is not a finite number`, (i) => `第 ${i} 项不是有限数`),
  steps: msg((max: number, got: number) => `expected a whole number of steps from 1 to ${max}, got ${got}`, (max, got) => `步数应为 1 到 ${max} 的整数，收到 ${got}`),
  notFinite: msg((w: string, t: number) => `the gradient at w = ${w} is not a finite number; stopped after ${t} step${t === 1 ? '' : 's'}`,
    (w, t) => `w = ${w} 处的梯度不是有限数；走了 ${t} 步后停止`),
  diverged: msg((limit: string, t: number) => `the run diverged: |w| passed ${limit} at step ${t} (try a smaller learning rate)`,
    (limit, t) => `发散了：第 ${t} 步时 |w| 超过了 ${limit}（试试更小的学习率）`),
  wAfter: msg((t: number, sub: string) => `w after step ${t} (w${sub})`, (t, sub) => `第 ${t} 步之后的 w（w${sub}）`),
};

export const OPTIMIZERS = ['sgd', 'momentum', 'rmsprop', 'adagrad', 'adam', 'adamw'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface OptimHyper {
  /** Learning rate: the notes' η (SGD) or α, PyTorch's lr (γ in its pseudo-code). */
  lr: number;
  /** Momentum ρ (PyTorch: momentum). */
  rho: number;
  /** RMSprop's decay rate: the notes' β, PyTorch's alpha. */
  beta: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** λ. Coupled L2 (g ← g + λw, PyTorch's weight_decay) for all but AdamW, where it is decoupled. */
  weightDecay: number;
}

/** The hyper-parameters each optimizer reads. */
export const USES: Record<OptimizerName, ReadonlyArray<keyof OptimHyper>> = {
  sgd: ['lr', 'weightDecay'],
  momentum: ['lr', 'rho', 'weightDecay'],
  rmsprop: ['lr', 'beta', 'eps', 'weightDecay'],
  adagrad: ['lr', 'eps', 'weightDecay'],
  adam: ['lr', 'beta1', 'beta2', 'eps', 'weightDecay'],
  adamw: ['lr', 'beta1', 'beta2', 'eps', 'weightDecay'],
};

const BASE: OptimHyper = { lr: 0.1, rho: 0.9, beta: 0.99, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };

/**
 * PyTorch's defaults for each optimizer. torch.optim.SGD has no default lr
 * (dlnotes uses 0.1) and a default momentum of 0 (the `momentum` optimizer
 * here uses ρ = 0.9, the usual choice).
 */
export const DEFAULTS: Record<OptimizerName, OptimHyper> = {
  sgd: { ...BASE },
  momentum: { ...BASE },
  rmsprop: { ...BASE, lr: 0.01, beta: 0.99, eps: 1e-8 },
  adagrad: { ...BASE, lr: 0.01, eps: 1e-10 },
  adam: { ...BASE, lr: 0.001 },
  adamw: { ...BASE, lr: 0.001, weightDecay: 0.01 },
};

/** Fills in PyTorch's defaults and rejects values no optimizer accepts (InputError on the field). */
export function resolveHyper(name: OptimizerName, given: Partial<OptimHyper> = {}): OptimHyper {
  const h: OptimHyper = { ...DEFAULTS[name] };
  for (const [k, v] of Object.entries(given) as Array<[keyof OptimHyper, number | undefined]>) {
    if (v !== undefined) h[k] = v;
  }
  for (const k of Object.keys(h) as Array<keyof OptimHyper>) {
    if (!Number.isFinite(h[k])) throw new InputError(k, M.finite(h[k]));
  }
  if (!(h.lr > 0)) throw new InputError('lr', M.lr(h.lr));
  if (!(h.eps >= 0)) throw new InputError('eps', M.eps(h.eps));
  if (h.weightDecay < 0) throw new InputError('weightDecay', M.weightDecay(h.weightDecay));
  for (const k of ['rho', 'beta', 'beta1', 'beta2'] as const) {
    if (!(h[k] >= 0 && h[k] < 1)) throw new InputError(k, M.unit(h[k]));
  }
  return h;
}

/** Optimizer state after t steps. Momentum keeps its velocity in v, Adam its second moment; RMSprop/AdaGrad use s. */
export interface OptimState {
  t: number;
  w: number;
  v: number;
  s: number;
  m: number;
}

/** Everything one step computed, for the table, the worked solution and --json. */
export interface StepRecord {
  t: number;
  /** ∇L(w_{t−1}) as given or computed. */
  grad: number;
  /** The gradient the update uses: grad + λ·w_{t−1} with coupled weight decay, else grad. */
  g: number;
  wPrev: number;
  w: number;
  v?: number;
  s?: number;
  m?: number;
  mHat?: number;
  vHat?: number;
  /** AdamW: w after the decoupled decay w − lr·λ·w, before the Adam step. */
  wDecayed?: number;
  /** f(w_t), when driven by a function. */
  f?: number;
}

export interface StepOut {
  state: OptimState;
  record: StepRecord;
}

export function initialState(w0: number): OptimState {
  return { t: 0, w: w0, v: 0, s: 0, m: 0 };
}

/** PyTorch's weight_decay on everything but AdamW: the L2 gradient λw joins the loss gradient. */
function coupled(grad: number, w: number, wd: number): number {
  return wd === 0 ? grad : grad + wd * w;
}

/** SGD: w ← w − lr·g. */
export function sgdStep(st: OptimState, grad: number, h: OptimHyper): StepOut {
  const g = coupled(grad, st.w, h.weightDecay);
  const t = st.t + 1;
  const w = st.w - h.lr * g;
  return { state: { ...st, t, w }, record: { t, grad, g, wPrev: st.w, w } };
}

/**
 * SGD + momentum, PyTorch's form (dampening 0, no Nesterov): v ← ρv + g,
 * w ← w − lr·v. PyTorch sets v₁ = g₁ on the first step, which is ρ·0 + g₁.
 */
export function momentumStep(st: OptimState, grad: number, h: OptimHyper): StepOut {
  const g = coupled(grad, st.w, h.weightDecay);
  const t = st.t + 1;
  const v = h.rho * st.v + g;
  const w = st.w - h.lr * v;
  return { state: { ...st, t, v, w }, record: { t, grad, g, wPrev: st.w, w, v } };
}

/** RMSprop (not centred, no momentum): s ← βs + (1−β)g², w ← w − lr·g/(√s + ε). */
export function rmspropStep(st: OptimState, grad: number, h: OptimHyper): StepOut {
  const g = coupled(grad, st.w, h.weightDecay);
  const t = st.t + 1;
  const s = h.beta * st.s + (1 - h.beta) * g * g;
  const w = st.w - (h.lr * g) / (Math.sqrt(s) + h.eps);
  return { state: { ...st, t, s, w }, record: { t, grad, g, wPrev: st.w, w, s } };
}

/** AdaGrad (lr_decay 0, initial accumulator 0): s ← s + g², w ← w − lr·g/(√s + ε). */
export function adagradStep(st: OptimState, grad: number, h: OptimHyper): StepOut {
  const g = coupled(grad, st.w, h.weightDecay);
  const t = st.t + 1;
  const s = st.s + g * g;
  const w = st.w - (h.lr * g) / (Math.sqrt(s) + h.eps);
  return { state: { ...st, t, s, w }, record: { t, grad, g, wPrev: st.w, w, s } };
}

interface Moments { m: number; v: number; mHat: number; vHat: number; dir: number }

/** Adam's moments with bias correction, and the direction m̂/(√v̂ + ε). */
function moments(st: OptimState, t: number, g: number, h: OptimHyper): Moments {
  const m = h.beta1 * st.m + (1 - h.beta1) * g;
  const v = h.beta2 * st.v + (1 - h.beta2) * g * g;
  const mHat = m / (1 - h.beta1 ** t);
  const vHat = v / (1 - h.beta2 ** t);
  return { m, v, mHat, vHat, dir: mHat / (Math.sqrt(vHat) + h.eps) };
}

/** Adam (amsgrad off); weight decay, if any, is PyTorch's coupled L2: g ← g + λw. */
export function adamStep(st: OptimState, grad: number, h: OptimHyper): StepOut {
  const g = coupled(grad, st.w, h.weightDecay);
  const t = st.t + 1;
  const { m, v, mHat, vHat, dir } = moments(st, t, g, h);
  const w = st.w - h.lr * dir;
  return { state: { ...st, t, m, v, w }, record: { t, grad, g, wPrev: st.w, w, m, v, mHat, vHat } };
}

/**
 * AdamW as PyTorch orders it: decay first, w' = w − lr·λ·w, then the Adam
 * step from the raw gradient, w ← w' − lr·m̂/(√v̂ + ε). This equals the notes'
 * w ← w − lr·(m̂/(√v̂ + ε) + λw) with the pre-decay w.
 */
export function adamwStep(st: OptimState, grad: number, h: OptimHyper): StepOut {
  const t = st.t + 1;
  const wDecayed = st.w - h.lr * h.weightDecay * st.w;
  const { m, v, mHat, vHat, dir } = moments(st, t, grad, h);
  const w = wDecayed - h.lr * dir;
  return { state: { ...st, t, m, v, w }, record: { t, grad, g: grad, wPrev: st.w, w, m, v, mHat, vHat, wDecayed } };
}

export const STEP: Record<OptimizerName, (st: OptimState, grad: number, h: OptimHyper) => StepOut> = {
  sgd: sgdStep,
  momentum: momentumStep,
  rmsprop: rmspropStep,
  adagrad: adagradStep,
  adam: adamStep,
  adamw: adamwStep,
};

/** Where the gradients come from: a given sequence, or ∇f at the current w. */
export type GradSource =
  | { kind: 'grads'; grads: readonly number[] }
  | {
    kind: 'function';
    steps: number;
    /** The objective as the user wrote it, and its derivative, for display. */
    expr: string;
    gradExpr: string;
    f: (w: number) => number;
    grad: (w: number) => number;
  };

export interface OptimTrace {
  optimizer: OptimizerName;
  hyper: OptimHyper;
  w0: number;
  source: 'grads' | 'function';
  expr?: string;
  gradExpr?: string;
  /** f(w₀), when driven by a function. */
  f0?: number;
  steps: StepRecord[];
  /** Set when the run stopped early: a gradient that is not a finite number, or |w| past DIVERGED. */
  stopped?: Text;
}

export const MAX_STEPS = 10000;
/** A run whose |w| passes this (or 1e6·|w₀|) has diverged; it stops there rather than overflow. */
export const DIVERGED = 1e12;

/** Runs `name` from w0 for every gradient in the sequence, or `steps` steps of ∇f. */
export function runOptimizer(name: OptimizerName, hyper: OptimHyper, w0: number, source: GradSource): OptimTrace {
  if (!Number.isFinite(w0)) throw new InputError('w0', M.w0(w0));
  const n = source.kind === 'grads' ? source.grads.length : source.steps;
  if (source.kind === 'grads' && n === 0) throw new InputError('grads', M.empty);
  if (source.kind === 'grads') {
    source.grads.forEach((g, i) => {
      if (!Number.isFinite(g)) throw new InputError('grads', M.item(i + 1));
    });
  }
  if (!(Number.isInteger(n) && n >= 1 && n <= MAX_STEPS)) throw new InputError('steps', M.steps(MAX_STEPS, n));
  const trace: OptimTrace = { optimizer: name, hyper, w0, source: source.kind, steps: [] };
  if (source.kind === 'function') {
    trace.expr = source.expr;
    trace.gradExpr = source.gradExpr;
    trace.f0 = source.f(w0);
  }
  const limit = Math.max(DIVERGED, 1e6 * Math.abs(w0));
  let st = initialState(w0);
  for (let i = 0; i < n; i++) {
    const grad = source.kind === 'grads' ? source.grads[i]! : source.grad(st.w);
    if (!Number.isFinite(grad)) {
      trace.stopped = M.notFinite(fmtNum(st.w, 6), st.t);
      break;
    }
    const out = STEP[name](st, grad, hyper);
    if (source.kind === 'function') out.record.f = source.f(out.record.w);
    trace.steps.push(out.record);
    st = out.state;
    if (!(Math.abs(st.w) <= limit)) {
      trace.stopped = M.diverged(limit.toExponential(), st.t);
      break;
    }
  }
  return trace;
}

/** The weight after the last step (w₀ when no step ran). */
export function finalW(trace: OptimTrace): number {
  return trace.steps.at(-1)?.w ?? trace.w0;
}

/** State variables an optimizer shows per step, in table order. */
export const STATE_VARS: Record<OptimizerName, ReadonlyArray<'v' | 's' | 'm' | 'mHat' | 'vHat'>> = {
  sgd: [],
  momentum: ['v'],
  rmsprop: ['s'],
  adagrad: ['s'],
  adam: ['m', 'v', 'mHat', 'vHat'],
  adamw: ['m', 'v', 'mHat', 'vHat'],
};

const VAR_LABEL: Record<string, string> = { v: 'v', s: 's', m: 'm', mHat: 'm̂', vHat: 'v̂' };

/**
 * The checkable quantities of a run, for --answer and the homework checker:
 * `w` (after the last step), `w1`, `w2`, ... and each state variable, last
 * (`m`, `v`, `s`, `mhat`, `vhat`) and per step (`m1`, `vhat2`, ...).
 */
export function optimQuantities(trace: OptimTrace): Record<string, Quantity> {
  const q: Record<string, Quantity> = {};
  const T = trace.steps.length;
  q.w = { label: M.wAfter(T, sub(T)), expected: finalW(trace), aliases: ['w_final', 'final'] };
  for (const r of trace.steps) q[`w${r.t}`] = { label: `w${sub(r.t)}`, expected: r.w, aliases: [`w_${r.t}`] };
  const last = trace.steps.at(-1);
  for (const key of STATE_VARS[trace.optimizer]) {
    const lower = key.toLowerCase();
    const snake = key === 'mHat' ? 'm_hat' : key === 'vHat' ? 'v_hat' : key;
    if (last && last[key] !== undefined) q[lower] = { label: `${VAR_LABEL[key]}${sub(T)}`, expected: last[key]!, aliases: snake !== lower ? [snake] : [] };
    for (const r of trace.steps) {
      if (r[key] !== undefined) q[`${lower}${r.t}`] = { label: `${VAR_LABEL[key]}${sub(r.t)}`, expected: r[key]!, aliases: [`${snake}${r.t}`, `${snake}_${r.t}`] };
    }
  }
  return q;
}

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';

/** 12 -> "₁₂", for w₁₂. */
export function sub(n: number): string {
  return String(n).replace(/\d/g, (d) => SUBSCRIPT[Number(d)]!);
}
