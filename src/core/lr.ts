/**
 * Learning-rate schedules from the notes, epoch by epoch (t = 0 is the first
 * epoch, as PyTorch's schedulers count), agreeing with torch.optim.lr_scheduler:
 *  - step: MultiStepLR, lr·γ^(milestones ≤ t) (ResNet: ÷10 at 30, 60, 90);
 *  - cosine: CosineAnnealingLR's closed form η_min + ½(η_max − η_min)(1 + cos(πt/T_max)),
 *    T_max = total;
 *  - linear: a₀(1 − t/T), T = total (LinearLR(start_factor=1, end_factor=0, total_iters=T));
 *  - inverse-sqrt: a₀/√t for t ≥ 1, and a₀ at t = 0 (the formula has no value there);
 *  - constant.
 * Warm-up over N epochs: lr·(t+1)/N for t < N (LinearLR(start_factor=1/N,
 * total_iters=N−1)), then the schedule restarts its clock at t = N as
 * SequentialLR does: it is evaluated at t − N with horizon total − N.
 * inverse-sqrt with warm-up is the Transformer's rsqrt schedule scaled to peak
 * at lr: lr·min((t+1)/N, √(N/(t+1))).
 */
import type { Quantity } from './check';
import { InputError } from './errors';
import { fmtNum } from './format';
import { type SlipDef, slipValues } from './slip-defs';
import { bi, msg } from './text';

/** The texts of the schedule checks, in both languages. */
const M = {
  lr: msg((got: number) => `the learning rate must be greater than 0, got ${got}`, (got) => `学习率必须大于 0，收到 ${got}`),
  total: msg((got: number) => `expected a positive whole number of epochs, got ${got}`, (got) => `epoch 数应为正整数，收到 ${got}`),
  warmup: msg((got: number) => `expected a whole number of epochs >= 0, got ${got}`, (got) => `epoch 数应为 >= 0 的整数，收到 ${got}`),
  warmupDecay: msg((total: number, schedule: string, got: number) => `must be less than --total (${total}) so that ${schedule} has epochs left to decay over, got ${got}`,
    (total, schedule, got) => `必须小于 --total（${total}），${schedule} 才有剩余的 epoch 用来衰减，收到 ${got}`),
  warmupTotal: msg((total: number, got: number) => `must be at most --total (${total}), got ${got}`, (total, got) => `不能大于 --total（${total}），收到 ${got}`),
  gamma: msg((got: number) => `must be greater than 0, got ${got}`, (got) => `必须大于 0，收到 ${got}`),
  milestone: msg((i: number, got: number) => `item ${i} must be a positive whole epoch, got ${got}`, (i, got) => `第 ${i} 项必须是正整数（epoch），收到 ${got}`),
  increasing: msg((m: number, prev: number) => `must be strictly increasing, but ${m} follows ${prev}`, (m, prev) => `必须严格递增，但 ${m} 排在 ${prev} 之后`),
  oneMilestone: bi('give at least one epoch, e.g. 30,60,90', '至少给出一个 epoch，例如 30,60,90'),
  min: msg((got: number) => `must be at least 0, got ${got}`, (got) => `不能小于 0，收到 ${got}`),
  minLr: msg((lr: number, got: number) => `η_min must not exceed --lr (${lr}), got ${got}`, (lr, got) => `η_min 不能超过 --lr（${lr}），收到 ${got}`),
  at: msg((got: number) => `expected a whole epoch >= 0, got ${got}`, (got) => `应为 >= 0 的整数 epoch，收到 ${got}`),
  lrAt: msg((t: number) => `lr at t = ${t}`, (t) => `t = ${t} 时的 lr`),
};

export const SCHEDULES = ['step', 'cosine', 'linear', 'inverse-sqrt', 'constant'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

export interface ScheduleSpec {
  schedule: ScheduleName;
  /** The initial (peak) learning rate: the notes' η_max or a₀. */
  lr: number;
  /** Last epoch of the table; also T_max (cosine) and T (linear). */
  total: number;
  /** Warm-up epochs N (0: none). */
  warmup: number;
  /** step: epochs at which lr is multiplied by gamma. */
  milestones: readonly number[];
  gamma: number;
  /** cosine: η_min. */
  min: number;
}

export const LR_DEFAULTS: Omit<ScheduleSpec, 'schedule'> = {
  lr: 0.1,
  total: 100,
  warmup: 0,
  milestones: [30, 60, 90],
  gamma: 0.1,
  min: 0,
};

/** Fills defaults and rejects impossible settings (InputError on the field). */
export function resolveSchedule(schedule: ScheduleName, given: Partial<Omit<ScheduleSpec, 'schedule'>> = {}): ScheduleSpec {
  const spec: ScheduleSpec = { schedule, ...LR_DEFAULTS, milestones: [...LR_DEFAULTS.milestones] };
  for (const [k, v] of Object.entries(given)) {
    if (v !== undefined) (spec as unknown as Record<string, unknown>)[k] = v;
  }
  if (!(Number.isFinite(spec.lr) && spec.lr > 0)) throw new InputError('lr', M.lr(spec.lr));
  if (!(Number.isInteger(spec.total) && spec.total >= 1)) throw new InputError('total', M.total(spec.total));
  if (!(Number.isInteger(spec.warmup) && spec.warmup >= 0)) throw new InputError('warmup', M.warmup(spec.warmup));
  const needsHorizon = schedule === 'cosine' || schedule === 'linear';
  if (needsHorizon && spec.warmup >= spec.total) throw new InputError('warmup', M.warmupDecay(spec.total, schedule, spec.warmup));
  if (spec.warmup > spec.total) throw new InputError('warmup', M.warmupTotal(spec.total, spec.warmup));
  if (!(Number.isFinite(spec.gamma) && spec.gamma > 0)) throw new InputError('gamma', M.gamma(spec.gamma));
  spec.milestones.forEach((m, i) => {
    if (!(Number.isInteger(m) && m >= 1)) throw new InputError('milestones', M.milestone(i + 1, m));
    if (i > 0 && m <= spec.milestones[i - 1]!) throw new InputError('milestones', M.increasing(m, spec.milestones[i - 1]!));
  });
  if (schedule === 'step' && spec.milestones.length === 0) throw new InputError('milestones', M.oneMilestone);
  if (!(Number.isFinite(spec.min) && spec.min >= 0)) throw new InputError('min', M.min(spec.min));
  if (spec.min > spec.lr) throw new InputError('min', M.minLr(spec.lr, spec.min));
  return spec;
}

/** How many milestones are at or before epoch u (Python's bisect_right). */
export function milestonesPassed(milestones: readonly number[], u: number): number {
  return milestones.filter((m) => m <= u).length;
}

/** Which part of the schedule epoch t falls in, and its clock there. */
export interface Phase {
  kind: 'warmup' | 'rsqrt-warmup' | 'main';
  /** The schedule's own epoch: t − N after a warm-up (SequentialLR), else t. */
  u: number;
  /** The schedule's horizon: total − N after a warm-up. */
  T: number;
}

export function phaseAt(spec: ScheduleSpec, t: number): Phase {
  const N = spec.warmup;
  if (spec.schedule === 'inverse-sqrt' && N > 0) return { kind: 'rsqrt-warmup', u: t, T: spec.total };
  if (t < N) return { kind: 'warmup', u: t, T: N };
  return { kind: 'main', u: t - N, T: spec.total - N };
}

/** The learning rate at epoch t (t = 0 is the first epoch). */
export function lrAt(spec: ScheduleSpec, t: number): number {
  if (!(Number.isInteger(t) && t >= 0)) throw new InputError('at', M.at(t));
  const { lr } = spec;
  const N = spec.warmup;
  const ph = phaseAt(spec, t);
  if (ph.kind === 'rsqrt-warmup') return lr * Math.min((t + 1) / N, Math.sqrt(N / (t + 1)));
  if (ph.kind === 'warmup') return (lr * (t + 1)) / N;
  const { u, T } = ph;
  switch (spec.schedule) {
    case 'constant': return lr;
    case 'step': return lr * spec.gamma ** milestonesPassed(spec.milestones, u);
    case 'cosine': return spec.min + ((lr - spec.min) * (1 + Math.cos((Math.PI * u) / T))) / 2;
    case 'linear': return lr * (1 - u / T);
    case 'inverse-sqrt': return lr / Math.sqrt(Math.max(u, 1));
  }
}

/** lr at t = 0, 1, ..., total. */
export function lrValues(spec: ScheduleSpec): number[] {
  return Array.from({ length: spec.total + 1 }, (_, t) => lrAt(spec, t));
}

/**
 * Checkable quantities for --answer and the homework checker: `lr` (the value
 * at `at`, when given) and `lr0`, `lr1`, ... for every epoch.
 */
export function lrQuantities(values: readonly number[], at?: number, spec?: ScheduleSpec): Record<string, Quantity> {
  const q: Record<string, Quantity> = {};
  // Slips are computed only when a wrong answer is graded.
  const slips = (t: number) => (spec ? { slips: () => slipValues(lrSlips, { spec, t }) } : {});
  if (at !== undefined) q.lr = { label: M.lrAt(at), expected: values[at]!, aliases: ['value', 'eta'], ...slips(at) };
  values.forEach((v, t) => {
    q[`lr${t}`] = { label: M.lrAt(t), expected: v, aliases: [`lr_${t}`, `eta${t}`, `eta_${t}`], ...slips(t) };
  });
  return q;
}

/** The PyTorch scheduler(s) that produce the same values. */
export function pytorchSchedule(spec: ScheduleSpec): string {
  const N = spec.warmup;
  const T = spec.total - N;
  const fmt = (x: number) => String(Number(x.toPrecision(12)));
  const main = (() => {
    switch (spec.schedule) {
      case 'constant': return 'ConstantLR(opt, factor=1.0)';
      case 'step': return `MultiStepLR(opt, milestones=[${spec.milestones.join(', ')}], gamma=${fmt(spec.gamma)})`;
      case 'cosine': return `CosineAnnealingLR(opt, T_max=${T}, eta_min=${fmt(spec.min)})`;
      case 'linear': return `LinearLR(opt, start_factor=1.0, end_factor=0.0, total_iters=${T})`;
      case 'inverse-sqrt': return N > 0
        ? `LambdaLR(opt, lambda t: min((t + 1) / ${N}, (${N} / (t + 1)) ** 0.5))`
        : 'LambdaLR(opt, lambda t: 1 / max(t, 1) ** 0.5)';
    }
  })();
  if (N === 0 || spec.schedule === 'inverse-sqrt') return main;
  const warm = N === 1 ? 'ConstantLR(opt, factor=1.0, total_iters=1)' : `LinearLR(opt, start_factor=1/${N}, end_factor=1.0, total_iters=${N - 1})`;
  return `SequentialLR(opt, [${warm}, ${main}], milestones=[${N}])`;
}

const SLIP = {
  offByOne: msg((t: number, slipped: string, right: string) => `looks like the epochs were counted from 1 (or the change taken one epoch late): ${slipped} is the value at t = ${t - 1}; PyTorch counts from t = 0, and at t = ${t} lr = ${right}`,
    (t, slipped, right) => `看起来 epoch 是从 1 开始数的（或晚了一个 epoch 才变化）：${slipped} 是 t = ${t - 1} 时的值；PyTorch 从 t = 0 开始计，t = ${t} 时 lr = ${right}`),
  clock: msg((t: number, total: number, slipped: string, n: number, right: string) => `looks like the schedule's clock did not restart after the warm-up: at t = ${t} with T = ${total} it gives ${slipped}; after ${n} warm-up epochs it runs at t − ${n} = ${t - n} with T = ${total} − ${n} = ${total - n}: ${right}`,
    (t, total, slipped, n, right) => `看起来预热之后调度没有重新计时：按 t = ${t}、T = ${total} 算得 ${slipped}；预热 ${n} 个 epoch 之后应按 t − ${n} = ${t - n}、T = ${total} − ${n} = ${total - n} 计算：${right}`),
  min: msg((slipped: string, min: string, right: string) => `looks like η_min was left out: ½·η_max·(1 + cos(πT_cur/T_max)) = ${slipped}; with η_min = ${min}, η_min + ½(η_max − η_min)(1 + cos(πT_cur/T_max)) = ${right}`,
    (slipped, min, right) => `看起来漏了 η_min：½·η_max·(1 + cos(πT_cur/T_max)) = ${slipped}；η_min = ${min} 时，η_min + ½(η_max − η_min)(1 + cos(πT_cur/T_max)) = ${right}`),
  gammaOnce: msg((slipped: string, k: number, right: string) => `looks like γ was applied only once: lr·γ = ${slipped}; ${k} milestones have passed, so lr·γ^${k} = ${right}`,
    (slipped, k, right) => `看起来 γ 只乘了一次：lr·γ = ${slipped}；已经过了 ${k} 个里程碑，应为 lr·γ^${k} = ${right}`),
};

/** A schedule and the epoch asked about. */
export interface LrSlipInput {
  spec: ScheduleSpec;
  t: number;
}

const lrText = (x: number): string => fmtNum(x, 6);

/** The classic slips of a schedule's value at one epoch, each recomputed by lrAt with the mistake. */
export const lrSlips: readonly SlipDef<LrSlipInput>[] = [
  {
    id: 'lr-epoch-off-by-one',
    value: ({ spec, t }) => (t >= 1 ? lrAt(spec, t - 1) : undefined),
    text: ({ spec, t }, v) => SLIP.offByOne(t, lrText(v as number), lrText(lrAt(spec, t))),
  },
  {
    id: 'warmup-clock-not-restarted',
    value: ({ spec, t }) => (phaseAt(spec, t).kind === 'main' && spec.warmup > 0 && spec.schedule !== 'constant' ? lrAt({ ...spec, warmup: 0 }, t) : undefined),
    text: ({ spec, t }, v) => SLIP.clock(t, spec.total, lrText(v as number), spec.warmup, lrText(lrAt(spec, t))),
  },
  {
    id: 'cosine-forgot-min',
    value: ({ spec, t }) => (spec.schedule === 'cosine' && spec.min > 0 && phaseAt(spec, t).kind === 'main' ? lrAt({ ...spec, min: 0 }, t) : undefined),
    text: ({ spec, t }, v) => SLIP.min(lrText(v as number), lrText(spec.min), lrText(lrAt(spec, t))),
  },
  {
    id: 'step-gamma-once',
    value: ({ spec, t }) => {
      const ph = phaseAt(spec, t);
      return spec.schedule === 'step' && ph.kind === 'main' && milestonesPassed(spec.milestones, ph.u) >= 2 ? lrAt({ ...spec, milestones: spec.milestones.slice(0, 1) }, t) : undefined;
    },
    text: ({ spec, t }, v) => SLIP.gammaOnce(lrText(v as number), milestonesPassed(spec.milestones, phaseAt(spec, t).u), lrText(lrAt(spec, t))),
  },
];
