import { describe, expect, it } from 'vitest';
import { dlnotes, dlnotesJson, lazyTable } from '../helpers/cli';

interface Step { t: number; grad: number; w: number; v?: number; m?: number; mHat?: number; vHat?: number; wDecayed?: number; f?: number; g?: number }
interface OptimJson { optimizer: string; hyper: Record<string, number>; w0: number; steps: Step[]; w: number; f?: string; grad?: string; f0?: number }

/** Generator commands are plain words separated by spaces (no quoting needed). */

describe('dlnotes optim', () => {
  it('prints the worked steps and the table', () => {
    const r = dlnotes(['optim', 'momentum', '--rho', '0.9', '--lr', '0.1', '--grads', '1,1,1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SGD + Momentum: 3 steps from w₀ = 0');
    expect(r.stdout).toContain('torch.optim.SGD(params, lr=0.1, momentum=0.9)');
    expect(r.stdout).toContain('v₃ = ρ·v₂ + g = 0.9·1.9 + 1 = 2.71');
    expect(r.stdout).toContain('→ w₃ = -0.561');
    expect(r.stdout).toMatch(/Every step\n/);
    expect(r.stdout).toMatch(/3 +1 +2\.71 +-0\.561/);
    expect(r.stderr).toBe('');
  });

  it('--json has every step with its state', () => {
    const { code, data } = dlnotesJson<OptimJson>(['optim', 'adam', '--grads', '0.5,-0.3', '--lr', '0.1']);
    expect(code).toBe(0);
    expect(data.optimizer).toBe('adam');
    expect(data.hyper).toEqual({ lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
    expect(data.steps.map((s) => s.t)).toEqual([1, 2]);
    expect(data.steps[0]).toMatchObject({ t: 1, grad: 0.5 });
    expect(data.steps[0]!.mHat).toBeCloseTo(0.5, 12);
    expect(data.steps[0]!.vHat).toBeCloseTo(0.25, 12);
    expect(data.steps[1]!.m).toBeCloseTo(0.015, 15);
    expect(data.w).toBeCloseTo(-0.1191498, 7);
  });

  it('--f takes the gradient from the derivative', () => {
    const { data } = dlnotesJson<OptimJson>(['optim', 'sgd', '--f', 'w^2 + 3*w', '--w0', '5', '--lr', '0.1', '--steps', '3']);
    expect(data.grad).toBe('2 * w + 3');
    expect(data.f0).toBe(40);
    expect(data.steps.map((s) => s.grad)).toEqual([13, 10.4, 8.32].map((x) => expect.closeTo(x, 12)));
    expect(data.steps.map((s) => s.w)).toEqual([3.7, 2.66, 1.828].map((x) => expect.closeTo(x, 12)));
    expect(data.steps[2]!.f).toBeCloseTo(1.828 ** 2 + 3 * 1.828, 12);
  });

  it('AdamW shows PyTorch\'s decay-first order and the notes\' form agreeing', () => {
    const r = dlnotes(['optim', 'adamw', '--grads', '0.5', '--lr', '0.1', '--w0', '2', '--weight-decay', '0.1']);
    expect(r.stdout).toContain("w' = w₀ − lr·λ·w₀ = 2 − 0.1·0.1·2 = 1.98");
    expect(r.stdout).toMatch(/notes' form: .* = 1\.88 {2}\(the same\)/);
    const { data } = dlnotesJson<OptimJson>(['optim', 'adamw', '--grads', '0.5', '--lr', '0.1', '--w0', '2', '--weight-decay', '0.1']);
    expect(data.steps[0]!.wDecayed).toBeCloseTo(1.98, 15);
    expect(data.w).toBeCloseTo(1.88, 7);
  });

  it('--compare runs several optimizers from the same start', () => {
    const { data } = dlnotesJson<{ runs: OptimJson[]; f: string }>(['optim', '--compare', 'sgd,momentum,adam', '--f', 'w^2', '--w0', '1', '--lr', '0.1', '--steps', '2']);
    expect(data.f).toBe('w^2');
    expect(data.runs.map((r) => r.optimizer)).toEqual(['sgd', 'momentum', 'adam']);
    expect(data.runs[0]!.w).toBeCloseTo(0.64, 12); // 1 → 0.8 → 0.64
    expect(data.runs[1]!.w).toBeCloseTo(0.46, 12); // v = 2, 1.8 + 1.6 = 3.4: 1 → 0.8 → 0.46
    const text = dlnotes(['optim', '--compare', 'sgd,adam', '--f', 'w^2', '--w0', '1', '--lr', '0.1', '--steps', '2', '--plot']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('w at every step');
    expect(text.stdout).toMatch(/SGD\n.*┤/);
    expect(text.stdout).toContain('└ t = 0 … 2');
  });

  it('--plot draws the trajectory', () => {
    const r = dlnotes(['optim', 'sgd', '--f', '(w-2)^2', '--steps', '10', '--plot']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('w₀…w₁₀ (w against step t)');
    expect(r.stdout).toContain('f(w_t) = (w-2)^2');
    expect(r.stdout).toContain('┤');
  });

  describe('--answer', () => {
    const base = ['optim', 'momentum', '--rho', '0.9', '--lr', '0.1', '--grads', '1,1,1'];
    it('exit 0 when right (bare answer is w after the last step)', () => {
      const r = dlnotes([...base, '--answer', '-0.561']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/✓ w after step 3/);
    });
    it('checks named values', () => {
      const r = dlnotes([...base, '--answer', 'w1=-0.1, v2=1.9']);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n').filter((l) => l.startsWith('✓'))).toHaveLength(2);
    });
    it('exit 1 with the worked solution when wrong', () => {
      const r = dlnotes([...base, '--answer', 'w3=-0.3']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('✗ w₃: you said -0.3, the answer is -0.561');
      expect(r.stdout).toContain('Every step');
    });
    it('--json folds the verdict into the data', () => {
      const { code, data } = dlnotesJson<{ answer: { correct: boolean } }>([...base, '--answer', '-0.5']);
      expect(code).toBe(1);
      expect(data.answer.correct).toBe(false);
    });
  });

  describe('bad input: one line, exit 2', () => {
    const BAD_INPUT = lazyTable([
      [['optim'], /name an optimizer/],
      [['optim', 'nadam', '--grads', '1'], /unknown optimizer "nadam"/],
      [['optim', 'sgd'], /give the gradients/],
      [['optim', 'sgd', '--grads', '1', '--f', 'w^2'], /either --grads .* or --f/],
      [['optim', 'sgd', '--grads', ''], /--grads: the list is empty/],
      [['optim', 'sgd', '--grads', '1,x'], /--grads: item 2 is not a number/],
      [['optim', 'sgd', '--grads', '1', '--lr', '-0.1'], /--lr: the learning rate must be greater than 0/],
      [['optim', 'adam', '--grads', '1', '--eps', '-1'], /--eps: epsilon must be at least 0/],
      [['optim', 'adam', '--grads', '1', '--beta2', '1'], /--beta2: must be in \[0, 1\)/],
      [['optim', 'rmsprop', '--grads', '1', '--alpha', '1.5'], /--alpha: must be in \[0, 1\)/],
      [['optim', 'sgd', '--grads', '1', '--rho', '0.9'], /--rho: not used by sgd/],
      [['optim', 'sgd', '--f', 'w^2 + x'], /--f: .*uses "x"; the function may use only the variable w/],
      [['optim', 'sgd', '--f', 'w^'], /--f: cannot parse/],
      [['optim', 'sgd', '--f', 'max(w, 1)'], /--f: cannot differentiate/],
      [['optim', 'sgd', '--grads', '1', '--steps', '5'], /--steps: only with --f/],
      [['optim', 'sgd', '--grads', '1', '--answer', 'q=1'], /--answer: cannot check "q" here; checkable: w, w1/],
      [['optim', '--compare', 'sgd,adam', '--grads', '1', '--answer', '1'], /--answer checks one optimizer/],
    ]);
    it.each(BAD_INPUT.rows)('%j', (args, message) => {
      const r = BAD_INPUT.of(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  });
});
