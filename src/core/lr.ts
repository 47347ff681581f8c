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
  if (!(Number.isFinite(spec.lr) && spec.lr > 0)) throw new InputError('lr', `the learning rate must be greater than 0, got ${spec.lr}`);
  if (!(Number.isInteger(spec.total) && spec.total >= 1)) throw new InputError('total', `expected a positive whole number of epochs, got ${spec.total}`);
  if (!(Number.isInteger(spec.warmup) && spec.warmup >= 0)) throw new InputError('warmup', `expected a whole number of epochs >= 0, got ${spec.warmup}`);
  const needsHorizon = schedule === 'cosine' || schedule === 'linear';
  if (needsHorizon && spec.warmup >= spec.total) throw new InputError('warmup', `must be less than --total (${spec.total}) so that ${schedule} has epochs left to decay over, got ${spec.warmup}`);
  if (spec.warmup > spec.total) throw new InputError('warmup', `must be at most --total (${spec.total}), got ${spec.warmup}`);
  if (!(Number.isFinite(spec.gamma) && spec.gamma > 0)) throw new InputError('gamma', `must be greater than 0, got ${spec.gamma}`);
  spec.milestones.forEach((m, i) => {
    if (!(Number.isInteger(m) && m >= 1)) throw new InputError('milestones', `item ${i + 1} must be a positive whole epoch, got ${m}`);
    if (i > 0 && m <= spec.milestones[i - 1]!) throw new InputError('milestones', `must be strictly increasing, but ${m} follows ${spec.milestones[i - 1]}`);
  });
  if (schedule === 'step' && spec.milestones.length === 0) throw new InputError('milestones', 'give at least one epoch, e.g. 30,60,90');
  if (!(Number.isFinite(spec.min) && spec.min >= 0)) throw new InputError('min', `must be at least 0, got ${spec.min}`);
  if (spec.min > spec.lr) throw new InputError('min', `η_min must not exceed --lr (${spec.lr}), got ${spec.min}`);
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
  if (!(Number.isInteger(t) && t >= 0)) throw new InputError('at', `expected a whole epoch >= 0, got ${t}`);
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
  if (at !== undefined) q.lr = { label: `lr at t = ${at}`, expected: values[at]!, aliases: ['value', 'eta'] };
  values.forEach((v, t) => {
    q[`lr${t}`] = { label: `lr at t = ${t}`, expected: v, aliases: [`lr_${t}`, `eta${t}`, `eta_${t}`] };
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
