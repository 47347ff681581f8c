import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchNorm } from '../../src/core/batchnorm';
import { compareLabels, distance, knn } from '../../src/core/knn';

const batch = fc.integer({ min: 1, max: 4 }).chain((f) => fc.array(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: f, maxLength: f }), { minLength: 2, maxLength: 8 }))
  .filter((x) => x[0]!.every((_, k) => x.some((row) => Math.abs(row[k]! - x[0]![k]!) > 1e-3)));

describe('BatchNorm properties', () => {
  it('each output feature has mean β and, with ε = 0, biased std |γ|', () => {
    const gb = fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }));
    fc.assert(fc.property(batch, gb, (x, [gamma, beta]) => {
      const r = batchNorm({ x, gamma: [gamma], beta: [beta], eps: 0 });
      const m = x.length;
      x[0]!.forEach((_, k) => {
        const col = r.y.map((row) => row[k]!);
        const mu = col.reduce((a, b) => a + b, 0) / m;
        const sd = Math.sqrt(col.reduce((a, v) => a + (v - mu) ** 2, 0) / m);
        expect(mu).toBeCloseTo(beta, 9);
        expect(sd).toBeCloseTo(Math.abs(gamma), 9);
      });
    }));
  });
  it('running statistics follow PyTorch: (1 − m)·old + m·new, variance unbiased', () => {
    fc.assert(fc.property(batch, fc.double({ min: 0, max: 1, noNaN: true }), (x, momentum) => {
      const r = batchNorm({ x, momentum, runningMean: [0.5], runningVar: [2] });
      const m = x.length;
      x[0]!.forEach((_, k) => {
        const col = x.map((row) => row[k]!);
        const mu = col.reduce((a, b) => a + b, 0) / m;
        const unbiased = col.reduce((a, v) => a + (v - mu) ** 2, 0) / (m - 1);
        expect(r.runningMean[k]).toBeCloseTo((1 - momentum) * 0.5 + momentum * mu, 9);
        expect(r.runningVar[k]).toBeCloseTo((1 - momentum) * 2 + momentum * unbiased, 9);
      });
    }));
  });
});

describe('kNN properties', () => {
  const problem = fc.record({
    train: fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 10 }),
    query: fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })),
    metric: fc.constantFrom('l1' as const, 'l2' as const),
  }).chain((p) => fc.record({
    train: fc.constant(p.train.map((t): number[] => [...t])),
    query: fc.constant<number[]>([...p.query]),
    metric: fc.constant(p.metric),
    labels: fc.array(fc.constantFrom('0', '1', '2'), { minLength: p.train.length, maxLength: p.train.length }),
    k: fc.integer({ min: 1, max: p.train.length }),
  }));

  /** Brute force: sort indices by (distance, index), count the first k labels, smallest label among the most votes. */
  function oracle(train: number[][], labels: string[], query: number[], k: number, metric: 'l1' | 'l2'): string {
    const idx = train.map((_, i) => i).sort((a, b) => distance(train[a]!, query, metric) - distance(train[b]!, query, metric) || a - b);
    const counts = new Map<string, number>();
    for (const i of idx.slice(0, k)) counts.set(labels[i]!, (counts.get(labels[i]!) ?? 0) + 1);
    const top = Math.max(...counts.values());
    return [...counts].filter(([, c]) => c === top).map(([l]) => l).sort((a, b) => compareLabels(a, b, labels))[0]!;
  }

  it('predicts what a brute-force vote predicts', () => {
    fc.assert(fc.property(problem, ({ train, labels, query, k, metric }) => {
      expect(knn({ train, labels, query, k, metric }).prediction).toBe(oracle(train, labels, query, k, metric));
    }));
  });
  it('the nearest are sorted by distance and the votes add up to k', () => {
    fc.assert(fc.property(problem, ({ train, labels, query, k, metric }) => {
      const r = knn({ train, labels, query, k, metric });
      for (let i = 1; i < r.nearest.length; i++) expect(r.nearest[i]!.distance).toBeGreaterThanOrEqual(r.nearest[i - 1]!.distance);
      expect(r.votes.reduce((a, v) => a + v.count, 0)).toBe(k);
      const farthestKept = r.nearest[k - 1]!.distance;
      r.points.filter((p) => p.rank > k).forEach((p) => expect(p.distance).toBeGreaterThanOrEqual(farthestKept));
    }));
  });
  it('L1 >= L2 >= L1/√d', () => {
    fc.assert(fc.property(problem, ({ train, query }) => {
      for (const t of train) {
        const l1 = distance(t, query, 'l1');
        const l2 = distance(t, query, 'l2');
        expect(l1).toBeGreaterThanOrEqual(l2 - 1e-12);
        expect(l2).toBeGreaterThanOrEqual(l1 / Math.sqrt(2) - 1e-12);
      }
    }));
  });
});
