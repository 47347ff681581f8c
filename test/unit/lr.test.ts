import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { lrAt, lrQuantities, lrValues, pytorchSchedule, resolveSchedule, type ScheduleName } from '../../src/core/lr';
import { explainLr } from '../../src/core/lr-explain';
import { workedToPlainLines } from '../../src/render/worked';

const spec = (name: ScheduleName, given: Parameters<typeof resolveSchedule>[1] = {}) => resolveSchedule(name, given);

describe('step (MultiStepLR)', () => {
  const resnet = spec('step'); // lr 0.1, milestones 30, 60, 90, γ 0.1
  it.each([
    [0, 0.1], [29, 0.1], [30, 0.01], [59, 0.01], [60, 0.001], [89, 0.001], [90, 1e-4], [100, 1e-4],
  ])('ResNet schedule at t = %i is %d', (t, lr) => {
    expect(lrAt(resnet, t)).toBeCloseTo(lr, 15);
  });
  // PyTorch's MultiStepLR docstring: lr 0.05, milestones [30, 80], gamma 0.1:
  // 0.05 for epoch < 30, 0.005 for 30 <= epoch < 80, 0.0005 for epoch >= 80.
  it.each([[0, 0.05], [29, 0.05], [30, 0.005], [79, 0.005], [80, 0.0005], [99, 0.0005]])('PyTorch docs example at %i -> %d', (t, lr) => {
    expect(lrAt(spec('step', { lr: 0.05, milestones: [30, 80] }), t)).toBeCloseTo(lr, 15);
  });
});

describe('cosine (CosineAnnealingLR closed form)', () => {
  const cos = spec('cosine', { lr: 0.1, total: 100 });
  it.each([
    [0, 0.1], [25, 0.05 * (1 + Math.SQRT1_2)], [50, 0.05], [75, 0.05 * (1 - Math.SQRT1_2)], [100, 0],
  ])('T_max 100 at t = %i is %d', (t, lr) => {
    expect(lrAt(cos, t)).toBeCloseTo(lr, 15);
  });
  it('η_min shifts the curve', () => {
    expect(lrAt(spec('cosine', { lr: 0.1, min: 0.001, total: 100 }), 50)).toBeCloseTo(0.0505, 15);
    expect(lrAt(spec('cosine', { lr: 0.1, min: 0.001, total: 100 }), 100)).toBeCloseTo(0.001, 15);
  });
});

describe('linear, inverse-sqrt, constant', () => {
  it.each([[0, 0.1], [4, 0.06], [5, 0.05], [10, 0]])('linear T = 10 at t = %i is %d', (t, lr) => {
    expect(lrAt(spec('linear', { total: 10 }), t)).toBeCloseTo(lr, 15);
  });
  it.each([[0, 1], [1, 1], [4, 0.5], [16, 0.25], [100, 0.1]])('inverse-sqrt a₀ = 1 at t = %i is %d (t = 0 uses a₀)', (t, lr) => {
    expect(lrAt(spec('inverse-sqrt', { lr: 1 }), t)).toBeCloseTo(lr, 15);
  });
  it('constant', () => expect(new Set(lrValues(spec('constant', { lr: 0.3, total: 5 })))).toEqual(new Set([0.3])));
});

describe('warm-up', () => {
  it('rises as lr·(t+1)/N, then cosine restarts its clock at t = N with T_max = total − N', () => {
    const v = lrValues(spec('cosine', { lr: 0.1, total: 20, warmup: 5 }));
    expect(v.slice(0, 6).map((x) => Number(x.toFixed(12)))).toEqual([0.02, 0.04, 0.06, 0.08, 0.1, 0.1]);
    expect(v[12]).toBeCloseTo(0.05 * (1 + Math.cos((Math.PI * 7) / 15)), 15); // T_cur = 7 of T_max = 15
    expect(v[20]).toBeCloseTo(0, 15);
  });
  it('counts step milestones from the end of warm-up (SequentialLR)', () => {
    const s = spec('step', { warmup: 5 });
    expect(lrAt(s, 34)).toBeCloseTo(0.1, 15);
    expect(lrAt(s, 35)).toBeCloseTo(0.01, 15);
  });
  it('inverse-sqrt with warm-up is the Transformer rsqrt schedule peaking at lr', () => {
    const s = spec('inverse-sqrt', { lr: 0.1, warmup: 4 });
    expect(lrAt(s, 0)).toBeCloseTo(0.025, 15);
    expect(lrAt(s, 3)).toBeCloseTo(0.1, 15);
    expect(lrAt(s, 15)).toBeCloseTo(0.05, 15); // 0.1·√(4/16)
  });
});

describe('bad input', () => {
  it.each([
    ['lr', 'cosine', { lr: 0 }],
    ['total', 'cosine', { total: 0 }],
    ['warmup', 'cosine', { total: 10, warmup: 10 }],
    ['warmup', 'step', { total: 10, warmup: 11 }],
    ['milestones', 'step', { milestones: [60, 30] }],
    ['milestones', 'step', { milestones: [30, 30] }],
    ['milestones', 'step', { milestones: [0] }],
    ['milestones', 'step', { milestones: [] }],
    ['gamma', 'step', { gamma: 0 }],
    ['min', 'cosine', { min: -0.1 }],
    ['min', 'cosine', { lr: 0.1, min: 0.2 }],
  ] as const)('%s: %s %j', (field, name, given) => {
    try {
      resolveSchedule(name, given);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe(field);
    }
  });
  it('rejects a negative or fractional epoch', () => {
    expect(() => lrAt(spec('step'), -1)).toThrow(InputError);
    expect(() => lrAt(spec('step'), 1.5)).toThrow(InputError);
  });
});

describe('PyTorch equivalents and quantities', () => {
  it.each([
    ['step', {}, 'MultiStepLR(opt, milestones=[30, 60, 90], gamma=0.1)'],
    ['cosine', { total: 50, min: 0.001 }, 'CosineAnnealingLR(opt, T_max=50, eta_min=0.001)'],
    ['linear', { total: 10 }, 'LinearLR(opt, start_factor=1.0, end_factor=0.0, total_iters=10)'],
    ['cosine', { total: 20, warmup: 5 }, 'SequentialLR(opt, [LinearLR(opt, start_factor=1/5, end_factor=1.0, total_iters=4), CosineAnnealingLR(opt, T_max=15, eta_min=0)], milestones=[5])'],
  ] as const)('%s %j', (name, given, text) => {
    expect(pytorchSchedule(spec(name, given))).toBe(text);
  });
  it('lrQuantities names lr (at --at) and lr0…lrT', () => {
    const q = lrQuantities([0.1, 0.05, 0], 1);
    expect(Object.keys(q)).toEqual(['lr', 'lr0', 'lr1', 'lr2']);
    expect(q.lr!.expected).toBe(0.05);
  });
  it('explains the value at one epoch with the numbers substituted', () => {
    const t = workedToPlainLines(explainLr(spec('cosine', { lr: 0.1, total: 100 }), 25)).join('\n');
    expect(t).toContain('= 0 + ½(0.1 − 0)(1 + cos(π·25/100))');
    expect(t).toContain('→ lr at t = 25: 0.0853553');
    const s = workedToPlainLines(explainLr(spec('step'), 65)).join('\n');
    expect(s).toContain('milestones ≤ 65: 30, 60, so k = 2');
    expect(s).toContain("ResNet's schedule");
  });
});
