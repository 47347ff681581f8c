import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divergences } from '../../src/core/divergence';
import { initCheck, softmax, softmaxLoss, svmLoss } from '../../src/core/loss';

const score = fc.double({ min: -20, max: 20, noNaN: true });
/** A batch: N samples × C classes of scores, and one valid label per sample. */
const batch = fc.integer({ min: 2, max: 6 }).chain((c) => fc.record({
  scores: fc.array(fc.array(score, { minLength: c, maxLength: c }), { minLength: 1, maxLength: 4 }),
  c: fc.constant(c),
})).chain(({ scores, c }) => fc.record({
  scores: fc.constant(scores),
  labels: fc.array(fc.integer({ min: 0, max: c - 1 }), { minLength: scores.length, maxLength: scores.length }),
}));
const delta = fc.double({ min: 0.1, max: 5, noNaN: true });

/** The notes' formula written out directly. */
function svmOracle(s: number[], y: number, d: number, squared: boolean): number {
  let l = 0;
  for (let j = 0; j < s.length; j++) {
    if (j === y) continue;
    const h = Math.max(0, s[j]! - s[y]! + d);
    l += squared ? h * h : h;
  }
  return l;
}

describe('softmax properties', () => {
  it('probabilities are in (0, 1] and sum to 1', () => {
    fc.assert(fc.property(fc.array(score, { minLength: 2, maxLength: 10 }), (s) => {
      const p = softmax(s);
      expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }));
  });
  it('is invariant to adding a constant to every score (probabilities and loss)', () => {
    fc.assert(fc.property(batch, fc.double({ min: -100, max: 100, noNaN: true }), ({ scores, labels }, c) => {
      const a = softmaxLoss(scores, labels);
      const b = softmaxLoss(scores.map((r) => r.map((v) => v + c)), labels);
      expect(b.loss).toBeCloseTo(a.loss, 9);
      b.probs.flat().forEach((p, i) => expect(p).toBeCloseTo(a.probs.flat()[i]!, 12));
    }));
  });
  it('the loss is −ln p_y, at least 0, and its gradient p − onehot sums to 0', () => {
    fc.assert(fc.property(batch, ({ scores, labels }) => {
      const r = softmaxLoss(scores, labels);
      r.samples.forEach((s, i) => {
        const naive = -Math.log(Math.exp(s.scores[labels[i]!]!) / s.scores.reduce((a, v) => a + Math.exp(v), 0));
        expect(s.loss).toBeCloseTo(naive, 9);
        expect(s.loss).toBeGreaterThanOrEqual(0);
        expect(s.dscores.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
      });
    }));
  });
});

describe('SVM properties', () => {
  it('matches the formula written out, is >= 0, and the batch loss is the mean', () => {
    fc.assert(fc.property(batch, delta, fc.boolean(), ({ scores, labels }, d, squared) => {
      const r = svmLoss(scores, labels, { delta: d, squared });
      r.losses.forEach((l, i) => {
        expect(l).toBeCloseTo(svmOracle(scores[i]!, labels[i]!, d, squared), 10);
        expect(l).toBeGreaterThanOrEqual(0);
      });
      expect(r.loss).toBeCloseTo(r.losses.reduce((a, b) => a + b, 0) / r.losses.length, 10);
    }));
  });
  it('is 0 once the correct score beats every other by more than the margin', () => {
    fc.assert(fc.property(batch, delta, fc.double({ min: 1e-6, max: 3, noNaN: true }), ({ scores, labels }, d, extra) => {
      const fixed = scores.map((s, i) => s.map((v, j) => (j === labels[i] ? Math.max(...s.filter((_, k) => k !== j)) + d + extra : v)));
      expect(svmLoss(fixed, labels, { delta: d }).loss).toBe(0);
    }));
  });
  it("Q5: summing over every class, the true one included, adds exactly Δ", () => {
    fc.assert(fc.property(batch, delta, ({ scores, labels }, d) => {
      const r = svmLoss(scores, labels, { delta: d });
      scores.forEach((s, i) => {
        const all = s.reduce((a, v) => a + Math.max(0, v - s[labels[i]!]! + d), 0);
        expect(all).toBeCloseTo(r.losses[i]! + d, 10);
      });
    }));
  });
  it('the score gradient matches centred differences away from the hinge', () => {
    fc.assert(fc.property(batch, ({ scores, labels }) => {
      const s = scores[0]!;
      const y = labels[0]!;
      const r = svmLoss([s], [y]).samples[0]!;
      if (r.terms.some((t) => Math.abs(t.margin) < 1e-3)) return; // on a kink
      const h = 1e-6;
      s.forEach((_, j) => {
        const up = svmLoss([s.map((v, k) => (k === j ? v + h : v))], [y]).loss;
        const down = svmLoss([s.map((v, k) => (k === j ? v - h : v))], [y]).loss;
        expect(r.dscores[j]).toBeCloseTo((up - down) / (2 * h), 4);
      });
    }));
  });
  it('all-zero scores give the init-check value (C − 1)Δ', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 50 }), delta, (c, d) => {
      expect(svmLoss([Array(c).fill(0)], [0], { delta: d }).loss).toBeCloseTo(initCheck('svm', c, { delta: d }).loss, 10);
      expect(softmaxLoss([Array(c).fill(0)], [c - 1]).loss).toBeCloseTo(Math.log(c), 12);
    }));
  });
});

describe('KL / cross-entropy properties', () => {
  const dist = (n: number) => fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: n, maxLength: n }).map((v) => {
    const s = v.reduce((a, b) => a + b, 0);
    return v.map((x) => x / s);
  });
  const pair = fc.integer({ min: 2, max: 8 }).chain((n) => fc.tuple(dist(n), dist(n)));
  it('D_KL >= 0, D_KL(P‖P) = 0, and H(P, Q) = H(P) + D_KL(P‖Q)', () => {
    fc.assert(fc.property(pair, ([p, q]) => {
      const d = divergences([p], [q]);
      expect(d.kl).toBeGreaterThanOrEqual(-1e-12);
      expect(d.crossEntropy).toBeCloseTo(d.entropy + d.kl, 12);
      expect(divergences([p], [p]).kl).toBeCloseTo(0, 12);
    }));
  });
});
