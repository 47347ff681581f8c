import { describe, expect, it } from 'vitest';
import { tr } from '../../src/core/text';
import { explainGradcheck, gradcheck, relativeError, verdictOf } from '../../src/core/graph/gradcheck';
import { parseExpression } from '../../src/core/graph/parse';
import { rewriteForMathjs, symbolicDerivative } from '../../src/core/graph/symbolic';
import { printExpr } from '../../src/core/graph/expr';

describe('relativeError and verdicts (CS231n thresholds)', () => {
  it('is |a - n| / max(|a|, |n|), 0 when both are 0', () => {
    expect(relativeError(2, 1)).toBe(0.5);
    expect(relativeError(-1, 1)).toBe(2);
    expect(relativeError(0, 0)).toBe(0);
  });
  it.each([
    [1e-9, 'excellent'],
    [1e-6, 'ok'],
    [1e-3, 'suspicious'],
    [0.5, 'wrong'],
    [NaN, 'wrong'],
  ])('%d -> %s', (rel, verdict) => expect(verdictOf(rel)).toBe(verdict));
});

describe('gradcheck', () => {
  const r = gradcheck(parseExpression('x^3 + sin(x)*y'), { x: 1.5, y: -2 });
  const dx = 3 * 1.5 ** 2 - 2 * Math.cos(1.5);
  it('the analytic gradient matches the definition', () => {
    expect(r.entries[0]!.analytic).toBeCloseTo(dx, 13);
    expect(r.entries[1]!.analytic).toBeCloseTo(Math.sin(1.5), 13);
  });
  it('mathjs derives the same gradient symbolically', () => {
    const s = r.entries[0]!.symbolic;
    expect(s.ok && s.derivative).toBe('3 * x ^ 2 + y * cos(x)');
    expect(s.ok && s.value).toBeCloseTo(dx, 13);
  });
  it('the centred difference is far closer than the forward one: O(h²) vs O(h)', () => {
    const e = r.entries[0]!;
    // forward error ≈ h/2·f''(x) with f'' = 6x - y·sin(x) … = 6·1.5 + 2·sin(1.5)
    const f2 = 6 * 1.5 + 2 * Math.sin(1.5);
    expect(e.forward - e.analytic).toBeCloseTo((1e-5 / 2) * f2, 8);
    expect(Math.abs(e.centred - e.analytic)).toBeLessThan(1e-8);
    expect(e.relForward).toBeGreaterThan(1e-6);
    expect(e.verdict).toBe('excellent');
  });
  it('flags a point where x ± h crosses a kink', () => {
    const k = gradcheck(parseExpression('relu(x - 1)*y'), { x: 1.000001, y: 2 });
    expect(k.entries[0]!.crossesKink).toBe(true);
    expect(k.entries[0]!.verdict).toBe('kink');
    expect(k.entries[1]!.crossesKink).toBe(false);
  });
  it('explains why centred differences are better', () => {
    const text = explainGradcheck(r).lines.map((l) => tr(l.text, 'en')).join('\n');
    expect(text).toContain('error O(h²)');
    expect(text).toContain('error O(h)');
    expect(text).toContain('(f(x+h) − f(x)) / h');
  });
});

describe('symbolic derivative through exact rewrites', () => {
  it('rewrites sigmoid, relu, max and min for mathjs', () => {
    const { expr, rewrites } = rewriteForMathjs(parseExpression('sigmoid(x) + relu(y) + max(x, y) + min(x, y)'));
    expect(printExpr(expr)).toBe('1/(1 + exp(-x)) + (y + abs(y))/2 + (x + y + abs(x - y))/2 + (x + y - abs(x - y))/2');
    expect(rewrites).toHaveLength(4);
  });
  it('the sigmoid neuron: mathjs agrees with CS231n dw0 = -0.20', () => {
    const values = { w0: 2, w1: -3, w2: -3, x0: -1, x1: -2 };
    const s = symbolicDerivative(rewriteForMathjs(parseExpression('sigmoid(w0*x0+w1*x1+w2)')).expr, 'w0', values);
    expect(s.ok && s.value).toBeCloseTo(-0.19661193324148185, 12);
  });
  it('is undefined (NaN) exactly at a kink', () => {
    const s = symbolicDerivative(rewriteForMathjs(parseExpression('relu(x)')).expr, 'x', { x: 0 });
    expect(s.ok && s.value).toBeNaN();
  });
});
