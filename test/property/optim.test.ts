/**
 * Optimizer traces against two independent re-implementations written from
 * the sources: the notes' formulas (v, s, m, v as the notes name them) and
 * PyTorch's code paths (SGD's "b₁ = g₁" first step, Adam's step_size /
 * denom arithmetic, AdamW's in-place decay by (1 − lr·λ)).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPTIMIZERS, resolveHyper, runOptimizer, type OptimHyper, type OptimizerName } from '../../src/core/optim';

/**
 * Gradients with 1e-3 <= |g| <= 10. An exact 0 gradient after w has cancelled
 * to rounding noise makes Adam's g/(|g| + ε) amplify that noise (by lr·λ/ε per
 * step): the two orders of arithmetic then disagree by more than rounding,
 * though both are right.
 */
const grads = fc.array(
  fc.tuple(fc.double({ min: 1e-3, max: 10, noNaN: true }), fc.boolean()).map(([g, neg]) => (neg ? -g : g)),
  { minLength: 1, maxLength: 25 },
);
const w0 = fc.double({ min: -5, max: 5, noNaN: true });
const unit = fc.double({ min: 0, max: 0.999, noNaN: true });
const hyper = fc.record({
  lr: fc.double({ min: 1e-4, max: 1, noNaN: true }),
  rho: unit,
  beta: unit,
  beta1: unit,
  beta2: unit,
  eps: fc.double({ min: 1e-10, max: 1e-2, noNaN: true }),
  weightDecay: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.5, noNaN: true })),
});

/** The notes' formulas, line by line (coupled weight decay as g + λw; AdamW as the notes write it). */
function notes(name: OptimizerName, h: OptimHyper, w: number, gs: number[]): number[] {
  let v = 0;
  let s = 0;
  let m = 0;
  const out: number[] = [];
  gs.forEach((grad, i) => {
    const t = i + 1;
    const dL = name === 'adamw' ? grad : grad + h.weightDecay * w;
    if (name === 'sgd') w = w - h.lr * dL;
    if (name === 'momentum') { v = h.rho * v + dL; w = w - h.lr * v; }
    if (name === 'rmsprop') { s = h.beta * s + (1 - h.beta) * dL ** 2; w = w - h.lr * dL / (Math.sqrt(s) + h.eps); }
    if (name === 'adagrad') { s = s + dL ** 2; w = w - h.lr * dL / (Math.sqrt(s) + h.eps); }
    if (name === 'adam' || name === 'adamw') {
      m = h.beta1 * m + (1 - h.beta1) * dL;
      v = h.beta2 * v + (1 - h.beta2) * dL ** 2;
      const mHat = m / (1 - h.beta1 ** t);
      const vHat = v / (1 - h.beta2 ** t);
      const decay = name === 'adamw' ? h.weightDecay * w : 0;
      w = w - h.lr * (mHat / (Math.sqrt(vHat) + h.eps) + decay);
    }
    out.push(w);
  });
  return out;
}

/** PyTorch's code paths for the same optimizers (single-tensor implementations). */
function pytorch(name: OptimizerName, h: OptimHyper, p: number, gs: number[]): number[] {
  let buf: number | undefined;
  let sq = 0;
  let expAvg = 0;
  let expAvgSq = 0;
  const out: number[] = [];
  gs.forEach((grad0, i) => {
    const step = i + 1;
    let grad = grad0;
    if (name === 'adamw') {
      p *= 1 - h.lr * h.weightDecay;
    } else if (h.weightDecay !== 0) {
      grad = grad + h.weightDecay * p;
    }
    switch (name) {
      case 'sgd': p -= h.lr * grad; break;
      case 'momentum':
        buf = buf === undefined ? grad : h.rho * buf + grad; // dampening 0
        p -= h.lr * buf;
        break;
      case 'rmsprop':
        sq = sq * h.beta + (1 - h.beta) * grad * grad;
        p -= h.lr * (grad / (Math.sqrt(sq) + h.eps));
        break;
      case 'adagrad':
        sq += grad * grad;
        p -= h.lr * (grad / (Math.sqrt(sq) + h.eps));
        break;
      default: {
        // mul_(beta1).add_(grad, alpha=1 - beta1); newer releases write it as lerp_, the same up to rounding.
        expAvg = expAvg * h.beta1 + (1 - h.beta1) * grad;
        expAvgSq = expAvgSq * h.beta2 + (1 - h.beta2) * grad * grad;
        const bc1 = 1 - h.beta1 ** step;
        const bc2 = 1 - h.beta2 ** step;
        const stepSize = h.lr / bc1;
        const denom = Math.sqrt(expAvgSq) / Math.sqrt(bc2) + h.eps;
        p -= stepSize * (expAvg / denom);
      }
    }
    out.push(p);
  });
  return out;
}

/** Equal up to float rounding (the orders of arithmetic differ). */
function close(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= 1e-9 * Math.max(1, Math.abs(b[i]!)));
}

describe.each(OPTIMIZERS)('%s', (name) => {
  it('matches the notes\' formulas for random gradients and hyper-parameters', () => {
    fc.assert(fc.property(grads, w0, hyper, (gs, w, hp) => {
      const h = resolveHyper(name, hp);
      const trace = runOptimizer(name, h, w, { kind: 'grads', grads: gs });
      expect(close(trace.steps.map((r) => r.w), notes(name, h, w, gs))).toBe(true);
    }), { numRuns: 300 });
  });
  it('matches PyTorch\'s implementation', () => {
    fc.assert(fc.property(grads, w0, hyper, (gs, w, hp) => {
      const h = resolveHyper(name, hp);
      const trace = runOptimizer(name, h, w, { kind: 'grads', grads: gs });
      expect(close(trace.steps.map((r) => r.w), pytorch(name, h, w, gs))).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('classic facts', () => {
  it('Adam\'s first step never moves w by more than lr, and by ≈ lr when |g| ≫ ε', () => {
    fc.assert(fc.property(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.boolean(), w0, fc.double({ min: 1e-4, max: 1, noNaN: true }), (mag, neg, w, lr) => {
      const g = neg ? -mag : mag;
      const r = runOptimizer('adam', resolveHyper('adam', { lr }), w, { kind: 'grads', grads: [g] }).steps[0]!;
      expect(Math.abs(r.w - r.wPrev)).toBeLessThanOrEqual(lr * (1 + 1e-12));
      // lr·|g|/(|g| + ε) falls short of lr by exactly lr·ε/(|g| + ε).
      expect(Math.abs(r.wPrev - r.w - lr * Math.sign(g))).toBeLessThanOrEqual((lr * 1e-8) / mag + 1e-14);
    }));
  });
  it('AdaGrad\'s step with a constant gradient is lr/√t (up to ε)', () => {
    fc.assert(fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.integer({ min: 1, max: 40 }), (g, T) => {
      const tr = runOptimizer('adagrad', resolveHyper('adagrad', { lr: 1 }), 0, { kind: 'grads', grads: Array(T).fill(g) });
      tr.steps.forEach((r) => expect(r.wPrev - r.w).toBeCloseTo(1 / Math.sqrt(r.t), 6));
    }));
  });
  it('AdamW with λ = 0 is Adam', () => {
    fc.assert(fc.property(grads, w0, (gs, w) => {
      const a = runOptimizer('adam', resolveHyper('adam', { lr: 0.1 }), w, { kind: 'grads', grads: gs });
      const b = runOptimizer('adamw', resolveHyper('adamw', { lr: 0.1, weightDecay: 0 }), w, { kind: 'grads', grads: gs });
      expect(b.steps.map((r) => r.w)).toEqual(a.steps.map((r) => r.w));
    }));
  });
});
