import { describe, expect, it } from 'vitest';
import { tr } from '../../src/core/text';
import { explainGradcheck, gradcheck, relativeError, verdictOf } from '../../src/core/graph/gradcheck';
import { parseExpression } from '../../src/core/graph/parse';
import { derivative, symbolicDerivative } from '../../src/core/graph/symbolic';
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
  it('the symbolic derivative agrees', () => {
    const s = r.entries[0]!.symbolic;
    expect(s.ok && s.derivative).toBe('3*x^2 + cos(x)*y');
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

describe('symbolic derivative (shared subexpressions, simplified as built)', () => {
  const at = (text: string, x: string, values: Record<string, number>) => symbolicDerivative(parseExpression(text), x, values);
  it.each([
    ['x^3 + sin(x)*y', 'x', '3*x^2 + cos(x)*y'],
    ['w^2 + 3*w', 'w', '2*w + 3'],
    ['exp(-x)', 'x', '-exp(-x)'],
    ['log(x)', 'x', '1/x'],
    ['sigmoid(x)', 'x', 'sigmoid(x)*(1 - sigmoid(x))'],
    ['relu(x)*y', 'x', 'step(x)*y'],
    ['x*y + 2', 'y', 'x'],
  ])('d/d%s of %s prints %s', (text, x, want) => {
    const s = at(text, x, { x: 1.5, y: -2, w: 1 });
    expect(s.ok && s.derivative).toBe(want);
  });
  it('the sigmoid neuron: agrees with CS231n dw0 = -0.20', () => {
    const values = { w0: 2, w1: -3, w2: -3, x0: -1, x1: -2 };
    const s = at('sigmoid(w0*x0+w1*x1+w2)', 'w0', values);
    expect(s.ok && s.value).toBeCloseTo(-0.19661193324148185, 12);
  });
  it('uses PyTorch conventions at kinks: relu\'(0) = 0, abs\'(0) = 0, a max tie splits', () => {
    expect(at('relu(x)', 'x', { x: 0 })).toMatchObject({ ok: true, value: 0 });
    expect(at('abs(x)', 'x', { x: 0 })).toMatchObject({ ok: true, value: 0 });
    expect(at('max(x, y)', 'x', { x: 1, y: 1 })).toMatchObject({ ok: true, value: 0.5 });
  });
  it('stays small where mathjs blew up: nested sin, products of sigmoids, sums of squares', () => {
    let nested = 'x';
    for (let i = 0; i < 22; i++) nested = `sin(${nested})`;
    const product = Array.from({ length: 12 }, (_, i) => `sigmoid(x${i})`).join('*');
    const squares = Array.from({ length: 200 }, (_, i) => `(x${i} - ${i})^2`).join(' + ');
    const values = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`x${i}`, i / 100]));
    for (const [text, x] of [[nested, 'x'], [product, 'x3'], [squares, 'x7']] as const) {
      const d = derivative(parseExpression(text), x)!;
      expect(d).not.toBeNull();
      const v = d.at({ x: 0.3, ...values });
      expect(Number.isFinite(v)).toBe(true);
    }
    // d/dx7 of the sum of squares is 2*(x7 - 7), nothing else survives simplification.
    expect(derivative(parseExpression(squares), 'x7')!.text).toBe('2*(x7 - 7)');
    // The nested sine's derivative (22 cosines, each of a deeper nest) is too long to print; its value is right.
    const d = derivative(parseExpression(nested), 'x')!;
    expect(d.tooLong).toBe(true);
    const f = (x: number): number => Array.from({ length: 22 }).reduce<number>((v) => Math.sin(v), x);
    expect(d.at({ x: 0.3 })).toBeCloseTo((f(0.3 + 1e-6) - f(0.3 - 1e-6)) / 2e-6, 8);
  });
});
