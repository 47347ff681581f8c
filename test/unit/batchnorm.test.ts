import { describe, expect, it } from 'vitest';
import { tr } from '../../src/core/text';
import { batchNorm, explainBatchNorm } from '../../src/core/batchnorm';

describe('batchNorm (training)', () => {
  // x = [1, 2, 4]: μ = 7/3, σ² = (16 + 1 + 25)/27 = 14/9 (biased), unbiased 42/18 = 7/3.
  it('normalises one feature by hand-computed statistics', () => {
    const r = batchNorm({ x: [[1], [2], [4]], eps: 0 });
    expect(r.mean[0]).toBeCloseTo(7 / 3, 15);
    expect(r.var[0]).toBeCloseTo(14 / 9, 15);
    expect(r.features[0]!.varUnbiased).toBeCloseTo(7 / 3, 15);
    expect(r.xhat.map((row) => row[0])).toEqual([-4 / Math.sqrt(14), -1 / Math.sqrt(14), 5 / Math.sqrt(14)].map((v) => expect.closeTo(v, 14)));
  });
  it('updates the running statistics as PyTorch (momentum 0.1, unbiased variance)', () => {
    const r = batchNorm({ x: [[1], [2], [4]] });
    expect(r.runningMean[0]).toBeCloseTo(0.1 * 7 / 3, 15); // 0.9·0 + 0.1·μ
    expect(r.runningVar[0]).toBeCloseTo(0.9 + 0.1 * 7 / 3, 15); // 0.9·1 + 0.1·(m/(m−1))σ²
  });
  it('applies γ and β per feature, with ε = 1e-5 by default', () => {
    const r = batchNorm({ x: [[1, 2], [2, -1], [4, 0.5]], gamma: [2, 1], beta: [0.5, -1] });
    expect(r.eps).toBe(1e-5);
    const std1 = Math.sqrt(14 / 9 + 1e-5);
    expect(r.y[0]![0]).toBeCloseTo(2 * (1 - 7 / 3) / std1 + 0.5, 14);
    // feature 2: x = [2, -1, 0.5], μ = 0.5, σ² = 1.5
    expect(r.mean[1]).toBeCloseTo(0.5, 15);
    expect(r.var[1]).toBeCloseTo(1.5, 15);
    expect(r.y[2]![1]).toBeCloseTo(-1, 15);
  });
  it('broadcasts a single γ', () => {
    const r = batchNorm({ x: [[1, 2], [3, 6]], gamma: [3], eps: 0 });
    expect(r.y).toEqual([[-3, -3], [3, 3]]);
  });
  it.each([
    [{ x: [[1]] }, /at least 2 samples/],
    [{ x: [] }, /empty/],
    [{ x: [[1, 2], [1]] }, /sample 2 has 1 feature but sample 1 has 2/],
    [{ x: [[1, 2], [3, 4]], gamma: [1, 2, 3] }, /3 values for 2 features/],
    [{ x: [[1], [2]], eps: -1 }, /non-negative/],
    [{ x: [[1], [1]], eps: 0 }, /zero variance/],
    [{ x: [[1], [2]], momentum: 1.5 }, /between 0 and 1/],
  ])('rejects %j', (spec, msg) => {
    expect(() => batchNorm(spec)).toThrow(msg);
  });
});

describe('batchNorm (test)', () => {
  it('uses the running statistics and updates nothing', () => {
    const r = batchNorm({ x: [[1], [3]], mode: 'test', runningMean: [2], runningVar: [4], gamma: [2], beta: [1], eps: 0 });
    expect(r.y).toEqual([[0], [2]]);
    expect(r.runningMean).toEqual([2]);
    expect(r.runningVar).toEqual([4]);
  });
  it('allows a single sample', () => {
    expect(batchNorm({ x: [[5]], mode: 'test' }).y[0]![0]).toBeCloseTo(5 / Math.sqrt(1 + 1e-5), 14);
  });
});

describe('explainBatchNorm', () => {
  it('says that running_var takes the unbiased variance', () => {
    const t = explainBatchNorm(batchNorm({ x: [[1], [2], [4]] })).lines.map((l) => tr(l.text, 'en')).join('\n');
    expect(t).toContain('σ_B² = (1/m) Σ (x_i − μ_B)²   (biased: divide by m)');
    expect(t).toContain('(1 − 0.1) × 1 + 0.1 × 3/2 × 1.55556 = 1.13333');
    expect(t).toContain('UNBIASED');
  });
});
