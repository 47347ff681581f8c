import { describe, expect, it } from 'vitest';
import { dlnotes, dlnotesJson } from '../helpers/cli';

const SIGMOID = ['1/(1+exp(-(w0*x0+w1*x1+w2)))', 'w=[2,-3,-3]', 'x=[-1,-2]'];

/** Bad input: exit 2, one message (plus a caret for expressions), no stack trace. */
function expectUsageError(args: string[], message: RegExp): void {
  const r = dlnotes(args);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
}

describe('dlnotes backprop', () => {
  it('draws the graph, the table, the steps and the gradients of (x+y)z', () => {
    const r = dlnotes(['backprop', '(x+y)*z', 'x=-2', 'y=5', 'z=-4']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('f [*]      value -12  grad 1');
    expect(r.stdout).toContain('├─ n1 [+]  value   3  grad -4');
    expect(r.stdout).toMatch(/n1 {4}\+ {6}x, y {8}3 {12}1, 1 {17}-4 {6}-4, -4/);
    expect(r.stdout).toContain('mul gate swaps');
    expect(r.stdout).toContain('add gate distributes');
    expect(r.stdout).toContain('→ ∂f/∂x = -4, ∂f/∂y = -4, ∂f/∂z = 3');
  });

  it('--json gives value, grads and every node (CS231n sigmoid neuron)', () => {
    const { code, data } = dlnotesJson<{ value: number; grads: Record<string, number>; nodes: Array<{ name: string; label: string; value: number; grad: number }>; tieRule: string }>(['backprop', ...SIGMOID]);
    expect(code).toBe(0);
    expect(data.value).toBeCloseTo(0.7310585786300049, 15);
    expect(Object.keys(data.grads)).toEqual(['w0', 'w1', 'w2', 'x0', 'x1']);
    expect(data.grads.x0).toBeCloseTo(0.3932238664829637, 14);
    expect(data.grads.w1).toBeCloseTo(-0.3932238664829637, 14);
    const gates = data.nodes.filter((n) => /^(n\d+|f)$/.test(n.name));
    expect(gates.map((n) => n.label)).toEqual(['*', '*', '+', '+', '*-1', 'exp', '+1', '1/x']);
    expect(gates.map((n) => Math.round(n.grad * 100) / 100)).toEqual([0.2, 0.2, 0.2, 0.2, -0.2, -0.53, -0.53, 1]);
    expect(data.tieRule).toMatch(/split equally/);
  });

  it('--dot prints Graphviz with values and gradients on the edges', () => {
    const r = dlnotes(['backprop', '(x+y)*z', 'x=-2', 'y=5', 'z=-4', '--dot']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('digraph backprop {')).toBe(true);
    expect(r.stdout).toContain('n3 -> n4 [label=<<font color="darkgreen">3</font><br/><font color="red">-4</font>>];');
    expect(r.stdout.trimEnd().endsWith('}')).toBe(true);
  });

  it('--answer: exit 0 when right, 1 with the worked solution when wrong', () => {
    const ok = dlnotes(['backprop', '(x+y)*z', 'x=-2', 'y=5', 'z=-4', '--answer', 'x=-4,y=-4,z=3']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('✓ ∂f/∂x: -4');
    const bad = dlnotes(['backprop', '(x+y)*z', 'x=-2', 'y=5', 'z=-4', '--answer', 'x=-4,y=-4,z=-3']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('✗ ∂f/∂z: you said -3, the answer is 3');
    expect(bad.stdout).toContain('Backward pass');
  });

  it('--answer accepts rounded values, dw= groups, value= and a bare list', () => {
    expect(dlnotes(['backprop', ...SIGMOID, '--answer', 'dx0=0.39, dx1=-0.59, value=0.73']).code).toBe(0);
    expect(dlnotes(['backprop', ...SIGMOID, '--answer', 'dw=[-0.20,-0.39,0.20]']).code).toBe(0);
    expect(dlnotes(['backprop', ...SIGMOID, '--answer', 'dw=[-0.20,-0.39,0.21]']).code).toBe(1);
    expect(dlnotes(['backprop', '(x+y)*z', 'x=-2', 'y=5', 'z=-4', '--answer', '-4,-4,3']).code).toBe(0);
    expect(dlnotes(['backprop', '(x+y)*z', 'x=-2', 'y=5', 'z=-4', '--answer', '-12']).code).toBe(0);
    const { code, data } = dlnotesJson<{ answer: { correct: boolean } }>(['backprop', '(x+y)*z', 'x=-2', 'y=5', 'z=-4', '--answer', 'z=3']);
    expect(code).toBe(0);
    expect(data.answer.correct).toBe(true);
  });

  it('states the tie rule when max is tied', () => {
    const r = dlnotes(['backprop', 'max(x,y)*z', 'x=2', 'y=2', 'z=3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('→ ∂f/∂x = 1.5, ∂f/∂y = 1.5, ∂f/∂z = 2');
    expect(r.stdout).toMatch(/split equally among the tied inputs/);
  });

  it('a variable used twice goes through a copy gate whose gradients add', () => {
    const { data } = dlnotesJson<{ grads: Record<string, number>; nodes: Array<{ name: string; kind: string; upstream: Array<{ grad: number }> }> }>(['backprop', 'x*y + y*z', 'x=2', 'y=-1', 'z=5']);
    expect(data.grads).toEqual({ x: -1, y: 7, z: -1 });
    const copy = data.nodes.find((n) => n.kind === 'copy')!;
    expect(copy.name).toBe('copy(y)');
    expect(copy.upstream.map((u) => u.grad).sort()).toEqual([2, 5]);
  });

  it('bad input: exit 2 with one clear message', () => {
    const r = dlnotes(['backprop', '(x+y))*z', 'x=1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dlnotes: unexpected ")" at column 6\n  (x+y))*z\n       ^\n');
    expectUsageError(['backprop', '(x+y)*z', 'x=1'], /no value for y, z: give y=<number> z=<number>/);
    expectUsageError(['backprop', 'log(x-y)', 'x=1', 'y=2'], /node f = log\(x - y\): log of a non-positive number/);
    expectUsageError(['backprop', 'x/(y-2)', 'x=1', 'y=2'], /division by zero/);
    expectUsageError(['backprop', 'foo(x)', 'x=1'], /unknown function foo\(\)/);
    expectUsageError(['backprop', 'x+y', 'x=abc', 'y=1'], /"abc" is not a number/);
    expectUsageError(['backprop'], /give an expression and values/);
    expectUsageError(['backprop', '(x+y)*z', 'x=1', 'y=2', 'z=3', '--answer', 'q=1'], /--answer: cannot check "q" here; checkable: x, y, z/);
    expectUsageError(['backprop', 'x', 'x=1', '--digits', '0'], /--digits/);
  });
});

describe('dlnotes backprop matmul', () => {
  const args = ['backprop', 'matmul', '--x', '[[1,2],[3,4]]', '--w', '[[5,6],[7,8]]', '--dy', '[[1,0],[0,1]]'];
  it('prints Y, dX, dW and the worked sums', () => {
    const r = dlnotes(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('→ Y = [[19, 22], [43, 50]]');
    expect(r.stdout).toContain('→ dL/dX = [[5, 7], [6, 8]]');
    expect(r.stdout).toContain('→ dL/dW = [[1, 3], [2, 4]]');
    expect(r.stdout).toContain('Q1: x_{n,d} appears only in row n of Y');
  });
  it('--json gives y, dX, dW', () => {
    const { code, data } = dlnotesJson(args);
    expect(code).toBe(0);
    expect(data).toMatchObject({ y: [[19, 22], [43, 50]], dX: [[5, 7], [6, 8]], dW: [[1, 3], [2, 4]], shapes: { x: [2, 2], w: [2, 2], y: [2, 2] } });
  });
  it('--answer checks whole matrices and single elements', () => {
    expect(dlnotes([...args, '--answer', 'dw=[[1,3],[2,4]], dx=[[5,7],[6,8]]']).code).toBe(0);
    expect(dlnotes([...args, '--answer', 'dw_1_2=3']).code).toBe(0);
    const bad = dlnotes([...args, '--answer', 'dw_1_2=4']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('✗ dL/dW[1,2]: you said 4, the answer is 3');
  });
  it('a shape mismatch is a clear error naming both shapes', () => {
    expectUsageError(['backprop', 'matmul', '--x', '[[1,2],[3,4]]', '--w', '[[1,0,2]]'], /--w: W is 1×3 but X is 2×2/);
    expectUsageError([...args.slice(0, 6), '--dy', '[[1,2,3]]'], /--dy: dL\/dY must have the shape of Y = XW, which is 2×2/);
    expectUsageError(['backprop', 'matmul', '--w', '[[1]]'], /--x is required/);
    expectUsageError(['backprop', 'matmul', '--x', '[[1,a]]', '--w', '[[1]]'], /--x: row 1: item 2 is not a number/);
  });
});

describe('dlnotes gradcheck', () => {
  it('compares analytic, symbolic and numerical gradients with verdicts', () => {
    const r = dlnotes(['gradcheck', 'x^3 + sin(x)*y', 'x=1.5', 'y=-2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/x\s+6\.6085256\s+6\.6085256\s+6\.6085806\s+6\.6085256\s+8\.3e-6\s+2\.\de-11\s+excellent/);
    expect(r.stdout).toContain('symbolic: d/dx = 3*x^2 + cos(x)*y');
    expect(r.stdout).toContain('the h² terms cancel: error O(h²)');
  });
  it('--json', () => {
    const { code, data } = dlnotesJson<{ h: number; checks: Array<{ variable: string; analytic: number; verdict: string; symbolic: { derivative: string } | null }> }>(['gradcheck', 'sigmoid(w*x)', 'w=0.5', 'x=2', '--h', '1e-4']);
    expect(code).toBe(0);
    expect(data.h).toBe(1e-4);
    const s = 1 / (1 + Math.exp(-1));
    expect(data.checks[0]!.analytic).toBeCloseTo(s * (1 - s) * 2, 14);
    expect(data.checks[0]!.verdict).toBe('excellent');
    expect(data.checks[0]!.symbolic?.derivative).toBe('sigmoid(w*x)*(1 - sigmoid(w*x))*x');
  });
  it('says when x ± h crosses a kink', () => {
    const r = dlnotes(['gradcheck', 'relu(x-1)*y', 'x=1.000001', 'y=2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/x ± h crosses a kink/);
  });
  it('bad --h is exit 2', () => {
    expectUsageError(['gradcheck', 'x^2', 'x=1', '--h', '0'], /--h: must be greater than 0/);
  });
});

describe('dlnotes gate', () => {
  it('mul swaps', () => {
    const r = dlnotes(['gate', 'mul', '--inputs', '3,-4', '--upstream', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dL/dx = 2 × y = 2 × (-4) = -8');
  });
  it('--json and --answer', () => {
    const { data } = dlnotesJson(['gate', 'max', '--inputs', '4,4', '--upstream', '5']);
    expect(data).toMatchObject({ gate: 'max', output: 4, downstream: { dx: 2.5, dy: 2.5 }, tie: true });
    expect(dlnotes(['gate', 'copy', '--inputs', '3', '--upstream', '2,-1', '--answer', '1']).code).toBe(0);
    expect(dlnotes(['gate', 'add', '--inputs', '3,-4', '--upstream', '2', '--answer', '2,-2']).code).toBe(1);
  });
  it('bad input is exit 2', () => {
    expectUsageError(['gate', 'foo', '--inputs', '1,2'], /"foo" is not a gate; choose one of add, mul, max, min, copy/);
    expectUsageError(['gate', 'mul', '--inputs', '3'], /--inputs: a mul gate takes two inputs, got 1/);
    expectUsageError(['gate', 'copy', '--inputs', '3'], /--upstream is required for copy/);
  });
});
