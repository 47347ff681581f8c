import { describe, expect, it } from 'vitest';
import { tr } from '../../src/core/text';
import { buildGraph, evaluate, type Graph } from '../../src/core/graph/build';
import { explainBackprop } from '../../src/core/graph/explain';
import { op, v } from '../../src/core/graph/expr';
import { parseExpression } from '../../src/core/graph/parse';
import { InputError } from '../../src/core/errors';

const graph = (text: string, values: Record<string, number>): Graph => buildGraph(parseExpression(text), values);
const node = (g: Graph, name: string) => g.nodes.find((n) => n.name === name)!;
const round2 = (x: number) => Math.round(x * 100) / 100;

describe('CS231n example 1: f = (x+y)z at x=-2, y=5, z=-4', () => {
  const g = graph('(x+y)*z', { x: -2, y: 5, z: -4 });
  it('forward: q = x+y = 3, f = -12', () => {
    expect(node(g, 'n1').value).toBe(3);
    expect(g.value).toBe(-12);
  });
  it('backward: df/dq = z = -4, df/dz = q = 3, df/dx = df/dy = -4', () => {
    expect(node(g, 'n1').grad).toBe(-4);
    expect(g.grads).toEqual({ x: -4, y: -4, z: 3 });
  });
  it('lists nodes in topological order with gates + and *', () => {
    expect(g.nodes.map((n) => [n.name, n.label])).toEqual([['x', 'x'], ['y', 'y'], ['z', 'z'], ['n1', '+'], ['f', '*']]);
    expect(node(g, 'f').local).toEqual([-4, 3]);
    expect(node(g, 'f').downstream).toEqual([-4, 3]);
  });
});

describe('CS231n sigmoid neuron: f = 1/(1+exp(-(w0x0+w1x1+w2))) at w=[2,-3,-3], x=[-1,-2]', () => {
  const g = graph('1/(1+exp(-(w0*x0+w1*x1+w2)))', { w0: 2, w1: -3, w2: -3, x0: -1, x1: -2 });
  const s = 1 / (1 + Math.exp(-1));
  it('every gate carries the CS231n figure label, value and gradient (two decimals)', () => {
    const gates = g.nodes.filter((n) => n.kind === 'gate').map((n) => [n.label, round2(n.value), round2(n.grad)]);
    expect(gates).toEqual([
      ['*', -2, 0.2], // w0*x0
      ['*', 6, 0.2], // w1*x1
      ['+', 4, 0.2],
      ['+', 1, 0.2], // + w2
      ['*-1', -1, -0.2],
      ['exp', 0.37, -0.53],
      ['+1', 1.37, -0.53],
      ['1/x', 0.73, 1],
    ]);
  });
  it('value 0.73, dx = [0.39, -0.59], dw = [-0.20, -0.39, 0.20]', () => {
    expect(round2(g.value)).toBe(0.73);
    expect([g.grads.x0, g.grads.x1].map(round2)).toEqual([0.39, -0.59]);
    expect([g.grads.w0, g.grads.w1, g.grads.w2].map(round2)).toEqual([-0.2, -0.39, 0.2]);
  });
  it('agrees exactly with the closed form dσ/dz = σ(1-σ)', () => {
    expect(g.value).toBeCloseTo(s, 15);
    const ds = s * (1 - s);
    expect(node(g, 'n4').grad).toBeCloseTo(ds, 15);
    expect(node(g, 'n7').grad).toBeCloseTo(-s * s, 15);
    expect(g.grads.w0).toBeCloseTo(ds * -1, 15);
    expect(g.grads.x0).toBeCloseTo(ds * 2, 15);
    expect(g.grads.w1).toBeCloseTo(ds * -2, 15);
    expect(g.grads.x1).toBeCloseTo(ds * -3, 15);
    expect(g.grads.w2).toBeCloseTo(ds, 15);
  });
  it('the same neuron written with sigmoid() is one gate with local gradient σ(1-σ)', () => {
    const h = graph('sigmoid(w0*x0+w1*x1+w2)', { w0: 2, w1: -3, w2: -3, x0: -1, x1: -2 });
    expect(node(h, 'f').local[0]).toBeCloseTo(s * (1 - s), 15);
    expect(h.grads).toEqual(Object.fromEntries(Object.entries(g.grads).map(([k, x]) => [k, expect.closeTo(x, 14)])));
  });
});

describe('copy (fan-out) gates', () => {
  it('x*x: the copy node sums the two uses, 3 + 3 = 6', () => {
    const g = graph('x*x', { x: 3 });
    const copy = node(g, 'copy(x)');
    expect(copy.kind).toBe('copy');
    expect(copy.upstream.map((u) => u.grad)).toEqual([3, 3]);
    expect(g.grads.x).toBe(6);
  });
  it('x*y + y*z: y gets x + z', () => {
    const g = graph('x*y + y*z', { x: 2, y: -1, z: 5 });
    expect(g.grads).toEqual({ x: -1, y: 7, z: -1 });
    expect(node(g, 'copy(y)').upstream).toHaveLength(2);
    expect(g.nodes.some((n) => n.name === 'copy(x)')).toBe(false);
  });
});

describe('kinks follow PyTorch', () => {
  it('max(x, y) at a tie splits the gradient equally (torch.maximum)', () => {
    const g = graph('max(x, y)*z', { x: 2, y: 2, z: 3 });
    expect(g.grads).toEqual({ x: 1.5, y: 1.5, z: 2 });
    expect(node(g, 'n1').kink).toBe(true);
  });
  it('max routes to the larger input, min to the smaller', () => {
    expect(graph('max(x, y)', { x: 1, y: 4 }).grads).toEqual({ x: 0, y: 1 });
    expect(graph('min(x, y, z)', { x: 1, y: 4, z: 1 }).grads).toEqual({ x: 0.5, y: 0, z: 0.5 });
  });
  it("relu'(0) = 0, abs'(0) = 0", () => {
    expect(graph('relu(x)', { x: 0 }).grads.x).toBe(0);
    expect(graph('relu(x)', { x: 0.5 }).grads.x).toBe(1);
    expect(graph('abs(x)', { x: 0 }).grads.x).toBe(0);
    expect(graph('abs(x)', { x: -2 }).grads.x).toBe(-1);
  });
});

describe('local gradients of every gate (from the definitions)', () => {
  it.each([
    ['exp(x)', 1, Math.E, Math.E],
    ['log(x)', 2, Math.log(2), 0.5],
    ['sqrt(x)', 4, 2, 0.25],
    ['sigmoid(x)', 0, 0.5, 0.25],
    ['tanh(x)', 0, 0, 1],
    ['sin(x)', 0, 0, 1],
    ['cos(x)', 0, 1, -0],
    ['x^3', 2, 8, 12],
    ['2^x', 3, 8, 8 * Math.log(2)],
    ['1/x', 2, 0.5, -0.25],
    ['x/4', 2, 0.5, 0.25],
    ['3 - x', 1, 2, -1],
    ['-x', 5, -5, -1],
    ['e^x', 0, 1, 1],
  ])('%s at x=%d: value %d, gradient %d', (text, x, value, grad) => {
    const g = graph(text, { x });
    expect(g.value).toBeCloseTo(value, 14);
    expect(g.grads.x).toBeCloseTo(grad, 14);
  });
  it('x^y differentiates in both: y·x^(y-1) and x^y·ln x', () => {
    const g = graph('x^y', { x: 2, y: 3 });
    expect(g.grads.x).toBe(12);
    expect(g.grads.y).toBeCloseTo(8 * Math.log(2), 14);
  });
  it('folds constants into labels as the CS231n figures do', () => {
    const labels = (t: string) => graph(t, { x: 2 }).nodes.filter((n) => n.kind === 'gate').map((n) => n.label);
    expect(labels('x + 1')).toEqual(['+1']);
    expect(labels('x - 3')).toEqual(['-3']);
    expect(labels('x*-1')).toEqual(['*-1']);
    expect(labels('1/x')).toEqual(['1/x']);
    expect(labels('x^2')).toEqual(['x^2']);
    expect(labels('max(0, x)')).toEqual(['max(0,x)']);
    expect(labels('2*3*x')).toEqual(['*6']);
  });
});

describe('bad points are InputErrors naming the node', () => {
  it.each([
    ['log(x - y)', { x: 1, y: 2 }, /node f = log\(x - y\): log of a non-positive number: log\(-1\)/],
    ['x/(y - 2)', { x: 1, y: 2 }, /node f = x\/\(y - 2\): division by zero/],
    ['sqrt(x) + 1', { x: -4 }, /node n1 = sqrt\(x\): square root of a negative number/],
    ['sqrt(x)', { x: 0 }, /gradient 1\/\(2·sqrt\(0\)\) is infinite/],
    ['x^0.5', { x: -1 }, /negative base to a non-integer power/],
    ['exp(x)', { x: 1000 }, /overflows/],
  ])('%s', (text, values, message) => {
    expect(() => graph(text, values)).toThrow(message);
  });
  it('names variables without values, and values without variables', () => {
    expect(() => graph('(x+y)*z', { x: 1 })).toThrow(/no value for y, z/);
    expect(() => graph('x+y', { x: 1, y: 2, q: 3 })).toThrow(/q is not in the expression/);
    expect(() => graph('2*3', {})).toThrow(InputError);
  });
  it('e and pi are constants unless given a value', () => {
    expect(graph('e^x', { x: 1 }).value).toBeCloseTo(Math.E, 15);
    expect(graph('e*x', { e: 2, x: 3 }).grads).toEqual({ e: 3, x: 2 });
  });
});

describe('evaluate', () => {
  it('matches the graph forward value and is NaN outside the domain', () => {
    const e = op('log', op('sub', v('x'), v('y')));
    expect(evaluate(e, { x: 3, y: 1 })).toBeCloseTo(Math.log(2), 15);
    expect(evaluate(e, { x: 1, y: 3 })).toBeNaN();
  });
});

describe('explainBackprop', () => {
  it('writes the forward pass, the backward pass with patterns, and the gradients', () => {
    const w = explainBackprop(graph('(x+y)*z', { x: -2, y: 5, z: -4 }));
    const text = w.lines.map((l) => tr(l.text, 'en')).join('\n');
    expect(text).toContain('n1 = x + y = (-2) + 5 = 3');
    expect(text).toContain('f = n1 × z = 3 × (-4) = -12');
    expect(text).toContain('mul gate swaps');
    expect(text).toContain('add gate distributes');
    expect(text).toContain('∂f/∂n1 = 1 × z = 1 × (-4) = -4');
    expect(text).toContain('∂f/∂x = -4, ∂f/∂y = -4, ∂f/∂z = 3');
  });
  it('says the copy gate sums', () => {
    const text = explainBackprop(graph('x*x', { x: 3 })).lines.map((l) => tr(l.text, 'en')).join('\n');
    expect(text).toContain('copy gate (fan-out) sums');
    expect(text).toContain('∂f/∂x = 3 + 3 = 6');
  });
});
