import { describe, expect, it } from 'vitest';
import { tr } from '../../src/core/text';
import { distance, distanceSteps, explainKnn, knn } from '../../src/core/knn';

describe('distance', () => {
  it.each([
    [[1, 2], [3, 3], 'l1', 3],
    [[1, 2], [3, 3], 'l2', Math.sqrt(5)],
    [[0, 0, 0], [1, 2, 2], 'l2', 3],
    [[-1, 4], [2, 0], 'l1', 7],
  ] as const)('%j to %j (%s) = %d', (a, b, m, d) => {
    expect(distance(a, b, m)).toBeCloseTo(d, 15);
  });
  it('writes the steps', () => {
    expect(distanceSteps([1, 2], [3, 3], 'l2')).toBe('√((1−3)² + (2−3)²) = √5 = 2.23607');
    expect(distanceSteps([1, -2], [3, 3], 'l1')).toBe('|1−3| + |-2−3| = 7');
  });
});

describe('knn', () => {
  const train = [[1, 1], [2, 2], [5, 5], [6, 5]];
  it('votes among the k nearest', () => {
    const r = knn({ train, labels: ['0', '0', '1', '1'], query: [3, 3], k: 3, metric: 'l2' });
    expect(r.nearest.map((p) => p.index)).toEqual([1, 0, 2]); // √2, √8, √8 (the tie kept in training order)
    expect(r.votes).toEqual([{ label: '0', count: 2, nearestRank: 1 }, { label: '1', count: 1, nearestRank: 3 }]);
    expect(r.prediction).toBe('0');
    expect(r.boundaryTies).toEqual([]);
  });
  it('1-NN with L1', () => {
    expect(knn({ train, labels: ['a', 'b', 'c', 'd'], query: [5, 4], k: 1, metric: 'l1' }).prediction).toBe('c');
  });
  it('breaks a vote tie by the smallest label (CS231n, sklearn), or by the nearest with --tie nearest', () => {
    const spec = { train: [[0, 0], [3, 0]], labels: ['b', 'a'], query: [1, 0], k: 2 };
    expect(knn(spec).tied).toEqual(['a', 'b']);
    expect(knn(spec).prediction).toBe('a');
    expect(knn({ ...spec, tie: 'nearest' }).prediction).toBe('b');
  });
  it('orders numeric labels as numbers (9 < 10)', () => {
    expect(knn({ train: [[0], [2]], labels: ['10', '9'], query: [1], k: 2 }).prediction).toBe('9');
  });
  it('reports a tie in distance across the k-th place', () => {
    const r = knn({ train: [[1, 0], [0, 1], [5, 5]], labels: ['0', '1', '0'], query: [0, 0], k: 1 });
    expect(r.prediction).toBe('0');
    expect(r.boundaryTies.map((p) => p.index)).toEqual([1]);
    expect(explainKnn(r, [0, 0]).lines.some((l) => l.kind === 'warn' && tr(l.text, 'en').includes('#2'))).toBe(true);
  });
  it.each([
    [{ train: [[1, 2]], labels: ['a', 'b'], query: [1, 2], k: 1 }, /2 labels for 1 training point/],
    [{ train: [[1, 2]], labels: ['a'], query: [1], k: 1 }, /query has 1 coordinate/],
    [{ train: [[1, 2]], labels: ['a'], query: [1, 2], k: 2 }, /k = 2 but there are only 1 training point\b/],
    [{ train: [[1, 2], [1]], labels: ['a', 'b'], query: [1, 2], k: 1 }, /point 2 has 1 coordinate but point 1 has 2/],
    [{ train: [], labels: [], query: [1], k: 1 }, /no training points/],
  ])('rejects %j', (spec, msg) => {
    expect(() => knn(spec)).toThrow(msg);
  });
  it('explains why pixel distances are a poor similarity', () => {
    const t = explainKnn(knn({ train, labels: ['0', '0', '1', '1'], query: [3, 3], k: 3 }), [3, 3]).lines.map((l) => tr(l.text, 'en')).join('\n');
    expect(t).toContain('same L2 distance');
    expect(t).toContain('prediction: 0');
  });
});
