import { describe, expect, it } from 'vitest';
import { tr } from '../../src/core/text';
import { explainGate, inputNames, singleGate } from '../../src/core/gates';

describe('singleGate: the four patterns', () => {
  it('add distributes', () => {
    const r = singleGate('add', [3, -4], [2]);
    expect(r.outputs).toEqual([-1]);
    expect(r.downstream).toEqual([2, 2]);
  });
  it('mul swaps', () => {
    const r = singleGate('mul', [3, -4], [2]);
    expect(r.outputs).toEqual([-12]);
    expect(r.downstream).toEqual([-8, 6]);
  });
  it('max routes to the larger input', () => {
    expect(singleGate('max', [4, 1], [5]).downstream).toEqual([5, 0]);
    expect(singleGate('max', [1, 7, 3], [2]).downstream).toEqual([0, 2, 0]);
    expect(singleGate('min', [4, 1], [5]).downstream).toEqual([0, 5]);
  });
  it('a max tie splits equally (PyTorch torch.maximum)', () => {
    const r = singleGate('max', [4, 4], [5]);
    expect(r.downstream).toEqual([2.5, 2.5]);
    expect(r.tie).toBe(true);
  });
  it('copy sums the upstream gradients', () => {
    const r = singleGate('copy', [3], [2, -1, 4]);
    expect(r.outputs).toEqual([3, 3, 3]);
    expect(r.downstream).toEqual([5]);
  });
  it('rejects wrong numbers of inputs or upstream gradients', () => {
    expect(() => singleGate('mul', [3], [1])).toThrow(/a mul gate takes two inputs, got 1/);
    expect(() => singleGate('add', [1, 2, 3], [1])).toThrow(/an add gate takes two inputs/);
    expect(() => singleGate('max', [1], [1])).toThrow(/at least two inputs/);
    expect(() => singleGate('copy', [1, 2], [1, 1])).toThrow(/one input/);
    expect(() => singleGate('copy', [1], [1])).toThrow(/one upstream gradient per use/);
    expect(() => singleGate('add', [1, 2], [1, 2])).toThrow(/one upstream gradient/);
  });
});

describe('explainGate', () => {
  it('shows upstream × local with the numbers', () => {
    const text = explainGate(singleGate('mul', [3, -4], [2])).lines.map((l) => tr(l.text, 'en')).join('\n');
    expect(text).toContain('out = x · y = 3 · (-4) = -12');
    expect(text).toContain('dL/dx = 2 × y = 2 × (-4) = -8');
    expect(text).toContain('dL/dy = 2 × x = 2 × 3 = 6');
    expect(text).toContain('mul gate swaps');
  });
  it('names the tie rule', () => {
    const text = explainGate(singleGate('max', [4, 4], [5])).lines.map((l) => tr(l.text, 'en')).join('\n');
    expect(text).toMatch(/split the gradient equally/);
  });
  it('names inputs x, y, z then x1..xn', () => {
    expect(inputNames(2)).toEqual(['x', 'y']);
    expect(inputNames(4)).toEqual(['x1', 'x2', 'x3', 'x4']);
  });
});
