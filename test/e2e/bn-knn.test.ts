import { describe, expect, it } from 'vitest';
import { dlnotes, dlnotesJson, lazyTable } from '../helpers/cli';

interface BnJson { mean: number[]; var: number[]; var_unbiased: number[]; xhat: number[][]; y: number[][]; running_mean: number[]; running_var: number[] }

describe('dlnotes bn', () => {
  it('training mode: statistics, x̂, y and PyTorch\'s running update', () => {
    const { code, data } = dlnotesJson<BnJson>(['bn', '--x', '1,2; 2,-1; 4,0.5']);
    expect(code).toBe(0);
    expect(data.mean[0]).toBeCloseTo(7 / 3, 14);
    expect(data.var).toEqual([expect.closeTo(14 / 9, 14), 1.5]);
    expect(data.var_unbiased[1]).toBe(2.25);
    expect(data.running_mean).toEqual([expect.closeTo(0.7 / 3, 14), 0.05]);
    expect(data.running_var[1]).toBe(1.125); // 0.9·1 + 0.1·2.25
    expect(data.y[2]![1]).toBeCloseTo(0, 14);
    const text = dlnotes(['bn', '--x', '1,2; 2,-1; 4,0.5']).stdout;
    expect(text).toContain('UNBIASED');
    expect(text).toContain('(biased: divide by m)');
  });
  it('test mode uses the running statistics', () => {
    const { data } = dlnotesJson<BnJson>(['bn', '--x', '1; 3', '--mode', 'test', '--running-mean', '2', '--running-var', '4', '--gamma', '2', '--beta', '1']);
    expect(data.y.map((r) => r[0])).toEqual([expect.closeTo(1 - 2 / Math.sqrt(4 + 1e-5), 12), expect.closeTo(1 + 2 / Math.sqrt(4 + 1e-5), 12)]);
    expect(data.running_var).toEqual([4]);
  });
  it('explains that one row is one sample, and shows the column form', () => {
    const r = dlnotes(['bn', '--x', '1,2,3', '--answer', 'mean=2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('this is 1 sample with 3 features. For one feature over 3 samples write a column: "1; 2; 3"');
  });
  it('reads a column batch and checks y and single entries', () => {
    const args = ['bn', '--x', '1; 2; 3', '--gamma', '2', '--beta', '0.5'];
    expect(dlnotes([...args, '--answer', 'mean=2, var=0.667']).code).toBe(0);
    expect(dlnotes([...args, '--answer', 'y=-1.95,0.5,2.95']).code).toBe(0);
    expect(dlnotes([...args, '--answer', 'y3=2.95']).code).toBe(0);
    expect(dlnotes([...args, '--answer', 'running_var=1']).code).toBe(0); // 0.9 + 0.1·1
    expect(dlnotes([...args, '--answer', 'var=1']).code).toBe(1);
  });
  const BAD_BN = lazyTable([
    [['bn', '--x', '1;1', '--eps', '0'], /--eps: feature 1 has zero variance and ε = 0/],
    [['bn', '--x', '1,2', '--eps', '-1e-5'], /--eps: must be at least 0/],
    [['bn', '--x', '1'], /--x: training mode needs at least 2 samples/],
    [['bn', '--x', '1,2; 3'], /--x: row 2 has 1 value but row 1 has 2/],
    [['bn', '--x', '1,2; 3,4', '--gamma', '1,2,3'], /--gamma: 3 values for 2 features/],
    [['bn'], /--x is required/],
  ]);
  it.each(BAD_BN.rows)('bad input %j exits 2 with one line', (args, pattern) => {
    const r = BAD_BN.of(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  });
});

describe('dlnotes knn', () => {
  const base = ['knn', '--train', '1,1; 2,2; 5,5; 6,5', '--labels', '0,0,1,1', '--query', '3,3', '--k', '3'];
  it('shows every distance, the vote and the prediction', () => {
    const r = dlnotes(base);
    expect(r.stdout).toContain('#1 (1, 1) label 0: √((1−3)² + (1−3)²) = √8 = 2.82843   (rank 2)');
    expect(r.stdout).toContain('label 0: 2, label 1: 1');
    expect(r.stdout).toContain('→ prediction: 0');
    expect(r.stdout).toContain('same L2 distance');
    const { data } = dlnotesJson<{ prediction: string; nearest: number[]; votes: Record<string, number> }>(base);
    expect(data).toMatchObject({ prediction: '0', nearest: [2, 1, 3], votes: { 0: 2, 1: 1 } });
  });
  it('states the tie rule', () => {
    const tie = ['knn', '--train', '0,0; 3,0', '--labels', 'b,a', '--query', '1,0', '--k', '2'];
    expect(dlnotes(tie).stdout).toContain('smallest label wins');
    expect(dlnotesJson<{ prediction: string; tied: string[] }>(tie).data).toMatchObject({ prediction: 'a', tied: ['a', 'b'] });
    expect(dlnotesJson<{ prediction: string }>([...tie, '--tie', 'nearest']).data.prediction).toBe('b');
  });
  it('checks a label or distances', () => {
    expect(dlnotes([...base, '--answer', '0']).code).toBe(0);
    expect(dlnotes([...base, '--answer', 'prediction=0, d2=1.41']).code).toBe(0);
    expect(dlnotes([...base, '--answer', '1']).code).toBe(1);
    expect(dlnotes(['knn', '--train', '0,0; 4,0', '--labels', 'cat,dog', '--query', '1,0', '--answer', 'Cat']).code).toBe(0);
  });
  const BAD_KNN = lazyTable([
    [['knn', '--train', '1,2; 3,4', '--labels', '0', '--query', '1,1'], /--labels: 1 label for 2 training points/],
    [['knn', '--train', '1,2; 3,4', '--labels', '0,1', '--query', '1,1,1'], /--query: the query has 3 coordinates/],
    [['knn', '--train', '1,2; 3,4', '--labels', '0,1', '--query', '1,1', '--k', '3'], /--k: k = 3 but there are only 2/],
    [['knn', '--train', '1,2', '--labels', '0', '--query', '1,1', '--metric', 'cosine'], /--metric: expected one of l1, l2/],
  ]);
  it.each(BAD_KNN.rows)('bad input %j exits 2 with one line', (args, pattern) => {
    const r = BAD_KNN.of(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  });
});
