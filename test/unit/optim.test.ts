import { describe, expect, it } from 'vitest';
import { tr as inEnglish } from '../../src/core/text';
import { InputError } from '../../src/core/errors';
import {
  DEFAULTS, finalW, optimQuantities, resolveHyper, runOptimizer, sub,
  type OptimizerName,
} from '../../src/core/optim';
import { explainOptim } from '../../src/core/optim-explain';
import { workedToPlainLines } from '../../src/render/worked';

const run = (name: OptimizerName, grads: number[], given: Parameters<typeof resolveHyper>[1] = {}, w0 = 0) =>
  runOptimizer(name, resolveHyper(name, given), w0, { kind: 'grads', grads });

describe('PyTorch defaults', () => {
  it.each([
    ['rmsprop', { lr: 0.01, beta: 0.99, eps: 1e-8, weightDecay: 0 }],
    ['adagrad', { lr: 0.01, eps: 1e-10, weightDecay: 0 }],
    ['adam', { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 }],
    ['adamw', { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 }],
    ['momentum', { lr: 0.1, rho: 0.9 }],
  ] as const)('%s', (name, expected) => {
    expect(DEFAULTS[name]).toMatchObject(expected);
  });
});

describe('one step, by hand', () => {
  // [optimizer, w0, grads, hyper, w after the last step]
  const table: Array<[OptimizerName, number, number[], Parameters<typeof resolveHyper>[1], number]> = [
    ['sgd', 1, [0.5], { lr: 0.1 }, 0.95],
    ['sgd', 1, [0.5], { lr: 0.1, weightDecay: 0.1 }, 0.94], // g = 0.5 + 0.1·1
    ['sgd', 0, [1, 1, 1], { lr: 0.1 }, -0.3],
    ['momentum', 0, [1, 1, 1], { lr: 0.1, rho: 0.9 }, -0.561], // v = 1, 1.9, 2.71
    ['momentum', 1, [2, -1], { lr: 0.1, rho: 0.5 }, 0.8], // v = 2, 0; w = 0.8, 0.8
    ['rmsprop', 1, [2], { lr: 0.01, beta: 0.99 }, 1 - 0.02 / (0.2 + 1e-8)], // s = 0.01·4 = 0.04, ε outside the root
    ['rmsprop', 0, [1, 1], { lr: 0.1, beta: 0.9, eps: 1e-8 }, -0.1 / (Math.sqrt(0.1) + 1e-8) - 0.1 / (Math.sqrt(0.19) + 1e-8)],
    ['adagrad', 0, [3, 4], { lr: 0.5, eps: 1e-10 }, -0.5 * 3 / (3 + 1e-10) - 0.5 * 4 / (5 + 1e-10)], // s = 9, 25
    ['adam', 0, [0.5], { lr: 0.1 }, -0.1 * 0.5 / (0.5 + 1e-8)],
    ['adamw', 2, [0.5], { lr: 0.1, weightDecay: 0.1 }, 1.98 - 0.1 * 0.5 / (0.5 + 1e-8)],
  ];
  it.each(table)('%s from %d with %j', (name, w0, grads, hyper, w) => {
    expect(finalW(run(name, grads, hyper, w0))).toBeCloseTo(w, 12);
  });

  it('Adam, two steps: m, v, m̂, v̂ and w as computed by hand', () => {
    const [s1, s2] = run('adam', [0.5, -0.3], { lr: 0.1 }).steps;
    expect(s1).toMatchObject({ t: 1, grad: 0.5 });
    expect(s1!.m).toBeCloseTo(0.05, 15);
    expect(s1!.v).toBeCloseTo(0.00025, 15);
    expect(s1!.mHat).toBeCloseTo(0.5, 12);
    expect(s1!.vHat).toBeCloseTo(0.25, 12);
    expect(s2!.m).toBeCloseTo(0.015, 15); // 0.9·0.05 + 0.1·(−0.3)
    expect(s2!.v).toBeCloseTo(0.00033975, 15); // 0.999·0.00025 + 0.001·0.09
    expect(s2!.mHat).toBeCloseTo(0.015 / 0.19, 12);
    expect(s2!.vHat).toBeCloseTo(0.00033975 / 0.001999, 12);
    expect(s2!.w).toBeCloseTo(-0.1 - 0.1 * (0.015 / 0.19) / Math.sqrt(0.00033975 / 0.001999), 7);
    expect(s2!.w).toBeCloseTo(-0.1191498, 7);
  });

  it('Adam\'s first step moves w by lr·sign(g), whatever the size of g (up to ε)', () => {
    for (const g of [1e-3, 0.5, -2, 100, -1e4]) {
      const w1 = finalW(run('adam', [g], { lr: 0.01 }, 3));
      expect(w1).toBeCloseTo(3 - 0.01 * Math.sign(g), 6);
    }
  });

  it('AdaGrad\'s step shrinks as 1/√t for a constant gradient', () => {
    const tr = run('adagrad', [2, 2, 2, 2, 2, 2, 2, 2, 2], { lr: 0.1 });
    tr.steps.forEach((r) => {
      expect(r.s).toBeCloseTo(4 * r.t, 12);
      expect(r.wPrev - r.w).toBeCloseTo(0.1 / Math.sqrt(r.t), 9);
    });
  });

  it('AdamW decays before the Adam step (PyTorch order) and records w\'', () => {
    const r = run('adamw', [0.5], { lr: 0.1, weightDecay: 0.1 }, 2).steps[0]!;
    expect(r.wDecayed).toBeCloseTo(1.98, 15);
    expect(r.g).toBe(0.5); // the decay does not enter the moments
    expect(r.m).toBeCloseTo(0.05, 15);
  });

  it('Adam with weight_decay is coupled L2: the moments see g + λw', () => {
    const r = run('adam', [0.5], { lr: 0.1, weightDecay: 0.1 }, 2).steps[0]!;
    expect(r.g).toBeCloseTo(0.7, 15);
    expect(r.m).toBeCloseTo(0.07, 15);
  });
});

describe('the function driver', () => {
  it('SGD on w² halves the distance as 0.8ᵗ with lr 0.1', () => {
    const tr = runOptimizer('sgd', resolveHyper('sgd', { lr: 0.1 }), 1, {
      kind: 'function', steps: 5, expr: 'w^2', gradExpr: '2 * w', f: (w) => w * w, grad: (w) => 2 * w,
    });
    expect(tr.f0).toBe(1);
    tr.steps.forEach((r) => {
      expect(r.w).toBeCloseTo(0.8 ** r.t, 14);
      expect(r.f).toBeCloseTo(0.64 ** r.t, 14);
    });
  });

  it('stops when the gradient is not a finite number', () => {
    const tr = runOptimizer('sgd', resolveHyper('sgd', { lr: 1 }), 1, {
      kind: 'function', steps: 10, expr: 'sqrt(w)', gradExpr: '', f: Math.sqrt, grad: (w) => (w > 0 ? 0.5 / Math.sqrt(w) : NaN),
    });
    expect(tr.steps).toHaveLength(2); // 1 → 0.5 → −0.207: the next gradient is NaN
    expect(inEnglish(tr.stopped!, 'en')).toMatch(/not a finite number; stopped after 2 steps/);
  });

  it('stops a diverging run once |w| passes 1e12', () => {
    // SGD on w² with lr 1.5: w ← w − 3w = −2w, so |w_t| = 2ᵗ passes 1e12 at t = 40.
    const tr = runOptimizer('sgd', resolveHyper('sgd', { lr: 1.5 }), 1, {
      kind: 'function', steps: 1000, expr: 'w^2', gradExpr: '2 * w', f: (w) => w * w, grad: (w) => 2 * w,
    });
    expect(tr.steps).toHaveLength(40);
    expect(finalW(tr)).toBe(2 ** 40);
    expect(inEnglish(tr.stopped!, 'en')).toMatch(/diverged: \|w\| passed 1e\+12 at step 40/);
  });
});

describe('bad input', () => {
  it.each([
    ['lr', { lr: 0 }],
    ['lr', { lr: -0.1 }],
    ['eps', { eps: -1e-8 }],
    ['eps', { eps: -1e-8 }],
    ['beta1', { beta1: 1 }],
    ['beta2', { beta2: -0.1 }],
    ['rho', { rho: 1.5 }],
    ['weightDecay', { weightDecay: -0.01 }],
  ] as const)('rejects %s in %j', (field, given) => {
    try {
      resolveHyper('adam', given);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe(field);
    }
  });
  it('rejects an empty gradient list and a bad step count', () => {
    const h = resolveHyper('sgd');
    expect(() => runOptimizer('sgd', h, 0, { kind: 'grads', grads: [] })).toThrow(/empty/);
    expect(() => runOptimizer('sgd', h, Number.NaN, { kind: 'grads', grads: [1] })).toThrow(InputError);
    expect(() => runOptimizer('sgd', h, 0, { kind: 'function', steps: 0, expr: 'w', gradExpr: '1', f: (w) => w, grad: () => 1 })).toThrow(/steps/);
  });
});

describe('optimQuantities', () => {
  it('names w, w1…wT and each state variable, last and per step', () => {
    const q = optimQuantities(run('adam', [0.5, -0.3], { lr: 0.1 }));
    expect(Object.keys(q)).toEqual(['w', 'w1', 'w2', 'm', 'm1', 'm2', 'v', 'v1', 'v2', 'mhat', 'mhat1', 'mhat2', 'vhat', 'vhat1', 'vhat2']);
    expect(q.w1!.expected).toBeCloseTo(-0.1, 7);
    expect(q.mhat1!.expected).toBeCloseTo(0.5, 12);
    expect(q.mhat!.aliases).toContain('m_hat');
  });
  it('sub() writes subscripts', () => expect(sub(120)).toBe('₁₂₀'));
});

describe('explainOptim', () => {
  const text = (name: OptimizerName, grads: number[], hyper = {}, w0 = 0) => workedToPlainLines(explainOptim(run(name, grads, hyper, w0))).join('\n');
  it('shows the notes\' rule, PyTorch\'s call and the substituted numbers', () => {
    const t = text('momentum', [1, 1, 1], { lr: 0.1, rho: 0.9 });
    expect(t).toContain('v = ρ·v + ∇w L');
    expect(t).toContain('torch.optim.SGD(params, lr=0.1, momentum=0.9)');
    expect(t).toContain('v₂ = ρ·v₁ + g = 0.9·1 + 1 = 1.9');
    expect(t).toContain('→ w₃ = -0.561');
  });
  it('names RMSprop\'s β as PyTorch\'s alpha', () => {
    expect(text('rmsprop', [2], { lr: 0.01 })).toMatch(/notes' β is PyTorch's alpha/);
  });
  it('shows AdamW both ways and says they agree', () => {
    const t = text('adamw', [0.5], { lr: 0.1, weightDecay: 0.1 }, 2);
    expect(t).toContain("decay first (PyTorch): w' = w₀ − lr·λ·w₀ = 2 − 0.1·0.1·2 = 1.98");
    expect(t).toMatch(/notes' form: .* = 1\.88 {2}\(the same\)/);
  });
  it('writes at most 3 steps in full for long runs', () => {
    const t = text('sgd', [1, 1, 1, 1, 1, 1, 1, 1]);
    expect(t).toContain('Steps 4–8 apply the same rule');
    expect(t).not.toContain('Step 4\n');
  });
});
