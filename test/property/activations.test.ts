import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, activate, maxout, type ScalarActivation } from '../../src/core/activations';
import { erf } from '../../src/core/erf';

const SCALAR = ACTIVATIONS.filter((a): a is ScalarActivation => a !== 'maxout');

describe('activation derivatives', () => {
  it('equal centred differences away from the kink at 0', () => {
    const x = fc.double({ min: -8, max: 8, noNaN: true }).filter((v) => Math.abs(v) > 1e-3);
    const alpha = fc.double({ min: 0.01, max: 3, noNaN: true });
    fc.assert(fc.property(fc.constantFrom(...SCALAR), x, alpha, fc.constantFrom('none', 'tanh'), (name, v, a, approx) => {
      const p = { alpha: a, approx: approx as 'none' | 'tanh' };
      const h = 1e-6;
      const fd = (activate(name, v + h, p).value - activate(name, v - h, p).value) / (2 * h);
      const g = activate(name, v, p).grad;
      expect(Math.abs(g - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(g)));
    }), { numRuns: 500 });
  });
  it('sigmoid′ = σ(1 − σ) and tanh′ = 1 − tanh²; σ(−x) = 1 − σ(x)', () => {
    fc.assert(fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (v) => {
      const s = activate('sigmoid', v);
      expect(s.grad).toBeCloseTo(s.value * (1 - s.value), 15);
      expect(activate('sigmoid', -v).value).toBeCloseTo(1 - s.value, 15);
      expect(activate('tanh', v).grad).toBeCloseTo(1 - Math.tanh(v) ** 2, 15);
    }));
  });
  it('the tanh form of GELU stays within 1e-3 of the exact one', () => {
    fc.assert(fc.property(fc.double({ min: -6, max: 6, noNaN: true }), (v) => {
      expect(Math.abs(activate('gelu', v).value - activate('gelu', v, { approx: 'tanh' }).value)).toBeLessThan(1e-3);
    }));
  });
});

describe('erf', () => {
  it('is odd, bounded by 1 and increasing', () => {
    fc.assert(fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 1e-6, max: 1, noNaN: true }), (v, d) => {
      expect(erf(-v) + erf(v)).toBe(0);
      expect(Math.abs(erf(v))).toBeLessThanOrEqual(1);
      expect(erf(v + d)).toBeGreaterThanOrEqual(erf(v));
    }));
  });
  it("has derivative (2/√π)e^(−x²)", () => {
    fc.assert(fc.property(fc.double({ min: -4, max: 4, noNaN: true }), (v) => {
      const h = 1e-5;
      expect((erf(v + h) - erf(v - h)) / (2 * h)).toBeCloseTo((2 / Math.sqrt(Math.PI)) * Math.exp(-v * v), 8);
    }));
  });
});

describe('maxout', () => {
  it('generalises ReLU: w₂ = 0, b₂ = 0 gives ReLU(w₁x + b₁)', () => {
    fc.assert(fc.property(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (x, w, b) => {
      expect(maxout([x], { w1: [w], b1: b, w2: [0], b2: 0 }).value).toBeCloseTo(activate('relu', w * x + b).value, 12);
    }));
  });
});
