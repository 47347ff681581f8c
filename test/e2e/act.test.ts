import { describe, expect, it } from 'vitest';
import { dlnotes, dlnotesJson, lazyTable } from '../helpers/cli';

describe('dlnotes act', () => {
  it('gives value and derivative with the formula and the notes\' pros and cons', () => {
    const r = dlnotes(['act', 'sigmoid', '--x', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('σ(x) = 1/(1 + e^(−x))');
    expect(r.stdout).toContain('→ f(1) = 0.731059');
    expect(r.stdout).toContain("→ f'(1) = 0.196612");
    expect(r.stdout).toContain('not zero-centred');
  });
  it('speaks JSON with value and grad', () => {
    const { data } = dlnotesJson<{ value: number; grad: number; approximate: string }>(['act', 'gelu', '--x', '1']);
    expect(data.value).toBeCloseTo(0.8413447460685429, 14);
    expect(data.grad).toBeCloseTo(1.0833154705876864, 13);
    expect(data.approximate).toBe('none');
    expect(dlnotesJson<{ value: number }>(['act', 'gelu', '--x', '1', '--approx', 'tanh']).data.value).toBeCloseTo(0.8411919906082768, 14);
  });
  it("uses PyTorch's derivative at kinks and says so", () => {
    expect(dlnotesJson<{ grad: number; kink: boolean }>(['act', 'relu', '--x', '0']).data).toMatchObject({ grad: 0, kink: true });
    expect(dlnotesJson<{ grad: number }>(['act', 'leaky-relu', '--x', '0']).data.grad).toBe(0.01);
    expect(dlnotes(['act', 'relu', '--x', '0']).stdout).toContain('x = 0 is a kink');
  });
  it('handles alpha, selu and maxout', () => {
    expect(dlnotesJson<{ value: number }>(['act', 'elu', '--x', '-1', '--alpha', '2']).data.value).toBeCloseTo(2 * (Math.exp(-1) - 1), 14);
    expect(dlnotesJson<{ value: number }>(['act', 'selu', '--x', '-1']).data.value).toBeCloseTo(-1.1113307378125625, 14);
    const m = dlnotesJson<{ value: number; grad: number[] }>(['act', 'maxout', '--x', '1,2', '--w1', '0.5,-1', '--w2', '1,0.5', '--b2', '-1']);
    expect(m.data).toMatchObject({ value: 1, grad: [1, 0.5] });
  });
  it('checks answers', () => {
    expect(dlnotes(['act', 'sigmoid', '--x', '1', '--answer', 'value=0.73,grad=0.20']).code).toBe(0);
    const wrong = dlnotes(['act', 'sigmoid', '--x', '1', '--answer', 'grad=0.25']);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('σ(1) = 1/(1 + e^(-1))');
  });
  it('plots the function and its derivative, several side by side', () => {
    const r = dlnotes(['act', 'relu,gelu,elu', '--plot']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ReLU  (x from -4 to 4)');
    expect(r.stdout).toContain("f'(x)");
    expect(r.stdout).toContain('┤');
    expect(r.stdout).toMatch(/function\s+saturates\s+zero-centred\s+dead neurons\s+cost/);
  });
  it('puts the curve into JSON with --plot', () => {
    const { data } = dlnotesJson<{ curve: { x: number[]; value: number[] } }>(['act', 'tanh', '--plot', '--range', '-2,2']);
    expect(data.curve.x[0]).toBe(-2);
    expect(data.curve.x.at(-1)).toBe(2);
    expect(data.curve.value[0]).toBeCloseTo(Math.tanh(-2), 14);
  });
  it('describes without --x', () => {
    const r = dlnotes(['act', 'maxout']);
    expect(r.stdout).toContain('doubles the number of parameters');
  });
  const BAD_INPUT = lazyTable([
    [['act', 'swish'], /unknown activation "swish"/],
    [['act', 'relu', '--x', 'abc'], /--x: item 1 is not a number/],
    [['act', 'relu', '--alpha', '0.1'], /--alpha applies to leaky-relu, prelu and elu/],
    [['act', 'maxout', '--x', '1,2', '--w1', '1', '--w2', '1,2'], /--w1: w1 has 1 value but x has 2/],
    [['act', 'relu,gelu', '--x', '1', '--answer', '1'], /--answer checks one function/],
    [['act', 'relu', '--plot', '--range', '3,1'], /--range: expected two numbers lo,hi with lo < hi/],
  ]);
  it.each(BAD_INPUT.rows)('bad input %j exits 2 with one line', (args, pattern) => {
    const r = BAD_INPUT.of(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  });
});
