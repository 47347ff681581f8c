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
export function lrQuantities(values: readonly number[], at?: number): Record<string, Quantity> {
  const q: Record<string, Quantity> = {};
  if (at !== undefined) q.lr = { label: M.lrAt(at), expected: values[at]!, aliases: ['value', 'eta'] };
  values.forEach((v, t) => {
    q[`lr${t}`] = { label: M.lrAt(t), expected: v, aliases: [`lr_${t}`, `eta${t}`, `eta_${t}`] };
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
