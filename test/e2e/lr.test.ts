import { describe, expect, it } from 'vitest';
import { dlnotes, dlnotesJson, lazyTable } from '../helpers/cli';

interface LrJson { schedule: string; values: number[]; pytorch: string; at?: number; value?: number }

describe('dlnotes lr', () => {
  it('--json lists lr at t = 0 … total (ResNet step schedule by default)', () => {
    const { code, data } = dlnotesJson<LrJson>(['lr', 'step']);
    expect(code).toBe(0);
    expect(data.values).toHaveLength(101);
    expect(data.values[29]).toBeCloseTo(0.1, 15);
    expect(data.values[30]).toBeCloseTo(0.01, 15);
    expect(data.values[60]).toBeCloseTo(0.001, 15);
    expect(data.values[100]).toBeCloseTo(1e-4, 15);
    expect(data.pytorch).toBe('MultiStepLR(opt, milestones=[30, 60, 90], gamma=0.1)');
  });

  it('cosine with --at shows the substituted formula', () => {
    const r = dlnotes(['lr', 'cosine', '--lr', '0.1', '--total', '100', '--at', '25']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('η_t = η_min + ½(η_max − η_min)(1 + cos(π·T_cur/T_max))');
    expect(r.stdout).toContain('CosineAnnealingLR(opt, T_max=100, eta_min=0)');
    expect(r.stdout).toContain('→ lr at t = 25: 0.0853553');
    expect(r.stdout).not.toContain('Every epoch');
    const { data } = dlnotesJson<LrJson>(['lr', 'cosine', '--total', '100', '--at', '25']);
    expect(data.at).toBe(25);
    expect(data.value).toBeCloseTo(0.05 * (1 + Math.SQRT1_2), 15);
  });

  it('prints a table of every epoch and a plot', () => {
    const r = dlnotes(['lr', 'linear', '--total', '10', '--plot']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ 4 {2}0\.06\n/);
    expect(r.stdout).toMatch(/10 {2}0\n/);
    expect(r.stdout).toContain('lr_t: Linear decay');
    expect(r.stdout).toContain('└ t = 0 … 10');
  });

  it('warm-up is stated and applied', () => {
    const { data } = dlnotesJson<LrJson>(['lr', 'cosine', '--total', '20', '--warmup', '5']);
    expect(data.values.slice(0, 6).map((x) => Number(x.toFixed(12)))).toEqual([0.02, 0.04, 0.06, 0.08, 0.1, 0.1]);
    expect(data.pytorch).toMatch(/^SequentialLR\(opt, \[LinearLR\(opt, start_factor=1\/5, end_factor=1\.0, total_iters=4\), CosineAnnealingLR\(opt, T_max=15, eta_min=0\)\], milestones=\[5\]\)$/);
    const r = dlnotes(['lr', 'cosine', '--total', '20', '--warmup', '5', '--at', '2']);
    expect(r.stdout).toContain('t = 2 < N = 5: warm-up, lr·(t + 1)/N = 0.1·3/5');
  });

  describe('--answer', () => {
    it('exit 0 when right', () => {
      const r = dlnotes(['lr', 'cosine', '--total', '100', '--at', '25', '--answer', '0.0854']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/✓ lr at t = 25: 0\.0854/);
    });
    it('named epochs need no --at', () => {
      expect(dlnotes(['lr', 'step', '--answer', 'lr30=0.01, lr90=0.0001']).code).toBe(0);
    });
    it('exit 1 with the worked solution when wrong', () => {
      const r = dlnotes(['lr', 'step', '--at', '30', '--answer', '0.1']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('✗ lr at t = 30: you said 0.1, the answer is 0.01');
      expect(r.stdout).toContain('milestones ≤ 30: 30, so k = 1');
    });
  });

  describe('bad input: one line, exit 2', () => {
    const BAD_INPUT = lazyTable([
      [['lr'], /name a schedule/],
      [['lr', 'exp'], /unknown schedule "exp"/],
      [['lr', 'step', '--milestones', '60,30'], /--milestones: must be strictly increasing/],
      [['lr', 'step', '--milestones', '30.5'], /--milestones: item 1 must be a whole epoch/],
      [['lr', 'cosine', '--milestones', '30'], /--milestones: only for the step schedule/],
      [['lr', 'step', '--min', '0'], /--min: only for the cosine schedule/],
      [['lr', 'cosine', '--lr', '-0.1'], /--lr: the learning rate must be greater than 0/],
      [['lr', 'cosine', '--min', '0.5'], /--min: η_min must not exceed --lr/],
      [['lr', 'cosine', '--warmup', '100'], /--warmup: must be less than --total/],
      [['lr', 'step', '--at', '101'], /--at: epoch 101 is past --total 100/],
      [['lr', 'step', '--answer', '0.1'], /--answer: say which epoch/],
      [['lr', 'step', '--answer', 'lr500=1'], /--answer: cannot check "lr500" here; checkable: lr0…lr100/],
    ]);
    it.each(BAD_INPUT.rows)('%j', (args, message) => {
      const r = BAD_INPUT.of(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  });
});
