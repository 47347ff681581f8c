import { describe, expect, it } from 'vitest';
import { tr } from '../../src/core/text';
import type { Worked } from '../../src/core/worked';
import { InputError } from '../../src/core/errors';
import { initCheck, softmax, softmaxLoss, svmLoss } from '../../src/core/loss';
import { explainSoftmax, explainSvm, explainSvmQuestions } from '../../src/core/loss-explain';
import { regularize } from '../../src/core/regularization';
import { divergences } from '../../src/core/divergence';

// CS231n's three images (cat, car, frog): scores per class and the correct class.
const CS231N = {
  scores: [[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]],
  labels: [0, 1, 2],
};
const text = (w: Worked) => w.lines.map((l) => tr(l.text, 'en')).join('\n');

describe('svmLoss', () => {
  it("reproduces CS231n's example: 2.9, 0, 12.9, mean 5.27", () => {
    const r = svmLoss(CS231N.scores, CS231N.labels);
    expect(r.losses[0]).toBeCloseTo(2.9, 12);
    expect(r.losses[1]).toBe(0);
    expect(r.losses[2]).toBeCloseTo(12.9, 12);
    expect(r.loss).toBeCloseTo(15.8 / 3, 12);
    expect(r.samples[0]!.terms.map((t) => t.term)).toEqual([expect.closeTo(2.9, 12), 0]);
    expect(r.samples[2]!.terms.map((t) => t.margin)).toEqual([expect.closeTo(6.3, 12), expect.closeTo(6.6, 12)]);
  });

  it("reports nn.MultiMarginLoss's value (each L_i divided by C)", () => {
    expect(svmLoss(CS231N.scores, CS231N.labels).pytorchLoss).toBeCloseTo(15.8 / 9, 12);
  });

  it('squares the hinge on request (the notes\' Q3)', () => {
    expect(svmLoss([[3.2, 5.1, -1.7]], [0], { squared: true }).loss).toBeCloseTo(8.41, 12);
    expect(svmLoss([[2.2, 2.5, -3.1]], [2], { squared: true }).loss).toBeCloseTo(6.3 ** 2 + 6.6 ** 2, 12);
  });

  it('uses the margin Δ', () => {
    expect(svmLoss([[3.2, 5.1, -1.7]], [0], { delta: 2 }).loss).toBeCloseTo(3.9, 12); // 5.1−3.2+2 = 3.9, −1.7−3.2+2 < 0
  });

  it('gives the score gradient', () => {
    expect(svmLoss([[2.2, 2.5, -3.1]], [2]).samples[0]!.dscores).toEqual([1, 1, -2]);
  });

  it('gives no gradient at a margin of exactly 0 (PyTorch MultiMarginLoss counts a class only when z > 0)', () => {
    // Integer scores make the margin exactly 0: s_j − s_y + Δ = 1 − 2 + 1.
    const atZero = svmLoss([[1, 2, 3]], [1]).samples[0]!;
    expect(atZero.dscores).toEqual([0, -1, 1]);
    expect(atZero.loss).toBe(2);
    expect(svmLoss([[3, 2, 2]], [0]).samples[0]!.dscores).toEqual([0, 0, 0]);
    expect(svmLoss([[3, 2, 2]], [0], { squared: true }).samples[0]!.dscores).toEqual([0, 0, 0]);
    expect(svmLoss([[4, 2]], [0], { delta: 2 }).samples[0]!.dscores).toEqual([0, 0]);
  });

  it.each([
    [[[1, 2]], [2], /labels are class indices 0..1/],
    [[[1, 2]], [0, 1], /2 labels for 1 sample/],
    [[[1, 2]], [0.5], /label 1 is 0.5/],
    [[[1]], [0], /at least 2 classes/],
    [[[]], [0], /no scores/],
    [[[1, 2], [1]], [0, 0], /sample 2 has 1 score but sample 1 has 2/],
  ])('rejects bad input %j %j', (scores, labels, msg) => {
    expect(() => svmLoss(scores, labels)).toThrow(InputError);
    expect(() => svmLoss(scores, labels)).toThrow(msg);
  });
  it('rejects a non-positive margin', () => {
    expect(() => svmLoss([[1, 2]], [0], { delta: 0 })).toThrow(/Δ must be a positive/);
  });

  it('explains every margin term', () => {
    const t = text(explainSvm(svmLoss(CS231N.scores, CS231N.labels)));
    expect(t).toContain('j=1: max(0, 5.1 − 3.2 + 1) = max(0, 2.9) = 2.9');
    expect(t).toContain('j=0: max(0, 2.2 − (-3.1) + 1) = max(0, 6.3) = 6.3');
    expect(t).toContain('L_3 = 6.3 + 6.6 = 12.9');
    expect(t).toContain('= (2.9 + 0 + 12.9)/3');
    expect(t).toContain('L = 5.26667');
  });
});

describe('softmaxLoss', () => {
  it('gives p_cat ≈ 0.13 and −ln p_cat ≈ 2.04 for the cat image (natural log)', () => {
    const r = softmaxLoss([[3.2, 5.1, -1.7]], [0]);
    expect(r.probs[0]![0]).toBeCloseTo(0.12998253901717313, 14);
    expect(r.loss).toBeCloseTo(2.04035515280017, 13);
    expect(r.samples[0]!.dscores[0]).toBeCloseTo(0.12998253901717313 - 1, 14);
  });
  it('is stable for huge scores', () => {
    const r = softmaxLoss([[1000, 1001, 999]], [1]);
    expect(r.loss).toBeCloseTo(-Math.log(1 / (Math.exp(-1) + 1 + Math.exp(-2))), 12);
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
  });
  it('averages over the batch', () => {
    const r = softmaxLoss(CS231N.scores, CS231N.labels);
    expect(r.loss).toBeCloseTo((r.losses[0]! + r.losses[1]! + r.losses[2]!) / 3, 14);
  });
  it('shows exponentials, probabilities and −ln p_y', () => {
    const t = text(explainSoftmax(softmaxLoss([[3.2, 5.1, -1.7]], [0])));
    expect(t).toContain('e^s = [24.5325, 164.022, 0.182684]');
    expect(t).toContain('L_1 = −ln p_0 = −ln 0.129983 = 2.04036');
  });
});

describe('initCheck (the notes\' Q4)', () => {
  it.each([
    ['svm', 10, {}, 9],
    ['svm', 3, { delta: 2 }, 4],
    ['svm', 10, { squared: true, delta: 2 }, 36],
    ['softmax', 10, {}, Math.log(10)],
    ['softmax', 2, {}, Math.LN2],
  ] as const)('%s with C = %i %j -> %d', (kind, c, opts, loss) => {
    expect(initCheck(kind, c, opts).loss).toBeCloseTo(loss, 14);
  });
  it('matches the loss of all-zero scores', () => {
    expect(svmLoss([[0, 0, 0, 0]], [2]).loss).toBe(initCheck('svm', 4).loss);
    expect(softmaxLoss([[0, 0, 0, 0]], [2]).loss).toBeCloseTo(initCheck('softmax', 4).loss, 15);
  });
  it('rejects fewer than 2 classes', () => {
    expect(() => initCheck('svm', 1)).toThrow(/at least 2/);
  });
});

describe("the notes' SVM questions", () => {
  it('answers Q1–Q5 with the cat image', () => {
    const t = text(explainSvmQuestions([3.2, 5.1, -1.7], 0));
    expect(t).toContain('= 6.1 gives L_i = 0'); // Q1: min 0
    expect(t).toContain('L_i = 102.9'); // Q1: no upper bound
    expect(t).toContain('2.9/2 = 1.45'); // Q2
    expect(t).toContain('= 8.41'); // Q3
    expect(t).toContain('L ≈ 2'); // Q4: (C−1)Δ
    expect(t).toContain('L_i = 2.9 + 1 = 3.9'); // Q5: + Δ
  });
});

describe('regularize', () => {
  const W = [[0.2, -0.5], [1.5, 1.3]];
  it('L2: R = ΣW², gradient 2λW, weight_decay = 2λ', () => {
    const r = regularize('l2', 0.1, W);
    expect(r.r).toBeCloseTo(4.23, 14); // 0.04 + 0.25 + 2.25 + 1.69
    expect(r.penalty).toBeCloseTo(0.423, 14);
    expect(r.grad.flat()).toEqual([0.04, -0.1, 0.3, 0.26].map((v) => expect.closeTo(v, 14)));
    expect(r.weightDecay).toBeCloseTo(0.2, 15);
  });
  it('L1: R = Σ|W|, gradient λ·sign(W) with sign(0) = 0', () => {
    const r = regularize('l1', 0.1, [[0.2, -0.5, 0]]);
    expect(r.r).toBeCloseTo(0.7, 14);
    expect(r.grad[0]).toEqual([0.1, -0.1, 0]);
    expect(Object.is(r.grad[0]![2], -0)).toBe(false);
  });
  it('rejects a negative λ', () => {
    expect(() => regularize('l2', -1, W)).toThrow(/non-negative/);
  });
});

describe('divergences', () => {
  it('KL, entropy and cross-entropy of [0.2, 0.8] vs [0.5, 0.5]', () => {
    const d = divergences([[0.2, 0.8]], [[0.5, 0.5]]);
    expect(d.kl).toBeCloseTo(0.19274475702175753, 15);
    expect(d.entropy).toBeCloseTo(0.5004024235381879, 15);
    expect(d.crossEntropy).toBeCloseTo(Math.LN2, 15);
    expect(d.rows[0]!.reverseKl).toBeCloseTo(0.5 * Math.log(0.5 / 0.2) + 0.5 * Math.log(0.5 / 0.8), 15);
  });
  it('treats 0·ln 0 as 0 and Q(x) = 0 under P(x) > 0 as infinite', () => {
    expect(divergences([[0, 1]], [[0.5, 0.5]]).kl).toBeCloseTo(Math.LN2, 15);
    expect(divergences([[0, 1]], [[0.5, 0.5]]).entropy).toBe(0);
    expect(divergences([[0.5, 0.5]], [[0, 1]]).kl).toBe(Infinity);
  });
  it('with a one-hot P, cross-entropy is the softmax loss', () => {
    const q = softmax([3.2, 5.1, -1.7]);
    expect(divergences([[1, 0, 0]], [q]).crossEntropy).toBeCloseTo(softmaxLoss([[3.2, 5.1, -1.7]], [0]).loss, 13);
  });
  it.each([
    [[[0.2, 0.7]], [[0.5, 0.5]], /sums to 0.9/],
    [[[-0.2, 1.2]], [[0.5, 0.5]], /negative/],
    [[[0.2, 0.8]], [[0.3, 0.3, 0.4]], /same length/],
    [[[0.2, 0.8], [0.5, 0.5]], [[0.5, 0.5]], /2 rows but --q has 1/],
  ])('rejects %j vs %j', (p, q, msg) => {
    expect(() => divergences(p, q)).toThrow(msg);
  });
});
