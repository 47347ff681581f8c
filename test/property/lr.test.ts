/**
 * Closed-form schedules against PyTorch's chainable (recursive) updates, as
 * torch/optim/lr_scheduler.py computes them epoch by epoch from the previous
 * lr: MultiStepLR, CosineAnnealingLR, LinearLR, and SequentialLR's restart.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lrValues, resolveSchedule } from '../../src/core/lr';

const lr0 = fc.double({ min: 1e-4, max: 1, noNaN: true });
const total = fc.integer({ min: 1, max: 300 });

function close(a: number[], b: number[], scale: number): void {
  expect(a).toHaveLength(b.length);
  a.forEach((x, i) => expect(Math.abs(x - b[i]!)).toBeLessThanOrEqual(1e-12 * scale));
}

/** MultiStepLR.get_lr: multiply by gamma^(count of t in milestones) at each step. */
function multiStepRecursive(base: number, milestones: number[], gamma: number, T: number): number[] {
  const out = [base];
  for (let t = 1; t <= T; t++) out.push(out[t - 1]! * gamma ** milestones.filter((m) => m === t).length);
  return out;
}

/** CosineAnnealingLR.get_lr (no restarts within t <= T_max). */
function cosineRecursive(base: number, min: number, Tmax: number, T: number): number[] {
  const out = [base];
  for (let t = 1; t <= T; t++) {
    const prev = out[t - 1]!;
    if ((t - 1 - Tmax) % (2 * Tmax) === 0) out.push(prev + ((base - min) * (1 - Math.cos(Math.PI / Tmax))) / 2);
    else out.push(((1 + Math.cos((Math.PI * t) / Tmax)) / (1 + Math.cos((Math.PI * (t - 1)) / Tmax))) * (prev - min) + min);
  }
  return out;
}

/** LinearLR.get_lr with start/end factors over total_iters. */
function linearRecursive(base: number, start: number, end: number, iters: number, T: number): number[] {
  const out = [base * start];
  for (let t = 1; t <= T; t++) {
    const prev = out[t - 1]!;
    out.push(t > iters ? prev : prev * (1 + (end - start) / (iters * start + (t - 1) * (end - start))));
  }
  return out;
}

describe('schedules equal PyTorch\'s recursive updates', () => {
  it('step = MultiStepLR', () => {
    const milestones = fc.uniqueArray(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 }).map((m) => m.sort((a, b) => a - b));
    fc.assert(fc.property(lr0, milestones, fc.double({ min: 0.01, max: 1, noNaN: true }), total, (lr, ms, gamma, T) => {
      close(lrValues(resolveSchedule('step', { lr, milestones: ms, gamma, total: T })), multiStepRecursive(lr, ms, gamma, T), lr);
    }));
  });
  it('cosine = CosineAnnealingLR(T_max = total, eta_min)', () => {
    fc.assert(fc.property(lr0, fc.double({ min: 0, max: 1, noNaN: true }), total, (lr, frac, T) => {
      const min = lr * frac;
      close(lrValues(resolveSchedule('cosine', { lr, min, total: T })), cosineRecursive(lr, min, T, T), lr);
    }));
  });
  it('linear = LinearLR(start_factor=1, end_factor=0, total_iters=total)', () => {
    fc.assert(fc.property(lr0, total, (lr, T) => {
      close(lrValues(resolveSchedule('linear', { lr, total: T })), linearRecursive(lr, 1, 0, T, T), lr);
    }));
  });
  it('warm-up = LinearLR(start_factor=1/N, total_iters=N−1), then the schedule from its epoch 0 (SequentialLR)', () => {
    fc.assert(fc.property(lr0, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 100 }), (lr, N, rest) => {
      const T = N + rest;
      const values = lrValues(resolveSchedule('cosine', { lr, total: T, warmup: N }));
      const warm = N === 1 ? [lr] : linearRecursive(lr, 1 / N, 1, N - 1, N - 1);
      close(values.slice(0, N), warm, lr);
      close(values.slice(N), cosineRecursive(lr, 0, rest, rest), lr);
    }));
  });
});

describe('shapes', () => {
  it('after warm-up, step (γ < 1), cosine, linear and inverse-sqrt never increase, and stay within [min, lr]', () => {
    const name = fc.constantFrom('step', 'cosine', 'linear', 'inverse-sqrt', 'constant' as const);
    fc.assert(fc.property(name, lr0, total, fc.integer({ min: 0, max: 10 }), (schedule, lr, T, N) => {
      const warmup = Math.min(N, T - 1);
      const v = lrValues(resolveSchedule(schedule, { lr, total: T, warmup }));
      const peak = schedule === 'inverse-sqrt' && warmup > 0 ? warmup - 1 : warmup;
      v.forEach((x) => {
        expect(x).toBeGreaterThanOrEqual(-1e-15);
        expect(x).toBeLessThanOrEqual(lr * (1 + 1e-12));
      });
      for (let t = peak + 1; t <= T; t++) expect(v[t]!).toBeLessThanOrEqual(v[t - 1]! * (1 + 1e-12));
      for (let t = 1; t <= Math.min(peak, T); t++) expect(v[t]! * (1 + 1e-12)).toBeGreaterThanOrEqual(v[t - 1]!);
    }));
  });
});
