import { describe, expect, it } from 'vitest';
import { tr } from '../../src/core/text';
import { activate, isKink, maxout, type ActParams, type ScalarActivation } from '../../src/core/activations';
import { explainActivation, explainMaxout } from '../../src/core/activations-explain';

// [name, x, params, value, derivative]: hand-computed from the definitions (see the comments).
const table: Array<[ScalarActivation, number, ActParams, number, number]> = [
  ['sigmoid', 0, {}, 0.5, 0.25],
  ['sigmoid', 1, {}, 0.7310585786300049, 0.7310585786300049 * (1 - 0.7310585786300049)],
  ['tanh', 1, {}, 0.7615941559557649, 0.41997434161402614],
  ['relu', 2.5, {}, 2.5, 1],
  ['relu', -1, {}, 0, 0],
  ['relu', 0, {}, 0, 0], // PyTorch: threshold_backward gives 0 at x = 0
  ['leaky-relu', -2, {}, -0.02, 0.01],
  ['leaky-relu', 0, {}, 0, 0.01], // PyTorch: leaky_relu_backward takes the x <= 0 branch
  ['leaky-relu', -2, { alpha: 0.2 }, -0.4, 0.2],
  ['prelu', -2, {}, -0.5, 0.25], // nn.PReLU init 0.25
  ['prelu', 0, {}, 0, 0.25],
  ['elu', -1, {}, Math.exp(-1) - 1, Math.exp(-1)],
  ['elu', 0, { alpha: 2 }, 0, 2], // PyTorch: elu_backward uses x <= 0: α·e⁰
  ['elu', 3, {}, 3, 1],
  ['selu', -1, {}, -1.1113307378125625, 1.0507009873554805 * 1.6732632423543772 * Math.exp(-1)],
  ['selu', 1, {}, 1.0507009873554805, 1.0507009873554805],
  ['selu', 0, {}, 0, 1.7580993408473766], // λα at the kink
  ['gelu', 1, {}, 0.8413447460685429, 1.0833154705876864],
  ['gelu', -1, {}, -0.15865525393145707, 0.15865525393145707 - 0.24197072451914337], // Φ(-1) + (-1)·φ(-1)
  ['gelu', 1, { approx: 'tanh' }, 0.8411919906082768, NaN],
];

describe('activate', () => {
  it.each(table)('%s(%d, %j) = %d', (name, x, p, value, grad) => {
    const r = activate(name, x, p);
    expect(r.value).toBeCloseTo(value, 14);
    if (!Number.isNaN(grad)) expect(r.grad).toBeCloseTo(grad, 14);
  });

  it('the tanh GELU derivative matches a centred difference', () => {
    const h = 1e-6;
    const fd = (activate('gelu', 1 + h, { approx: 'tanh' }).value - activate('gelu', 1 - h, { approx: 'tanh' }).value) / (2 * h);
    expect(activate('gelu', 1, { approx: 'tanh' }).grad).toBeCloseTo(fd, 8);
  });

  it('sigmoid does not overflow for large |x|', () => {
    expect(activate('sigmoid', -800).value).toBe(0);
    expect(activate('sigmoid', 800).value).toBe(1);
  });

  it('flags kinks', () => {
    expect(isKink('relu', 0)).toBe(true);
    expect(isKink('relu', 0.1)).toBe(false);
    expect(isKink('elu', 0)).toBe(false); // α = 1: ELU is C¹
    expect(isKink('elu', 0, { alpha: 2 })).toBe(true);
    expect(isKink('gelu', 0)).toBe(false);
  });
});

describe('maxout', () => {
  it('takes the larger affine piece and its weights as the gradient', () => {
    const r = maxout([1, 2], { w1: [0.5, -1], b1: 0, w2: [1, 0.5], b2: -1 });
    expect(r).toMatchObject({ z1: -1.5, z2: 1, value: 1, grad: [1, 0.5], winner: 2 });
  });
  it('splits the gradient on a tie, as torch.maximum', () => {
    const r = maxout([1, 1], { w1: [1, 0], b1: 0, w2: [0, 1], b2: 0 });
    expect(r.winner).toBe('tie');
    expect(r.grad).toEqual([0.5, 0.5]);
  });
  it('rejects mismatched lengths', () => {
    expect(() => maxout([1, 2], { w1: [1], b1: 0, w2: [1, 2], b2: 0 })).toThrow(/w1 has 1 value but x has 2/);
  });
});

describe('explainActivation', () => {
  it('writes the value and derivative with the numbers', () => {
    const w = explainActivation('sigmoid', 1);
    const text = w.lines.map((l) => tr(l.text, 'en')).join('\n');
    expect(text).toContain('σ(1) = 1/(1 + e^(-1)) = 1/(1 + 0.367879) = 0.731059');
    expect(text).toContain("f'(1) = 0.196612");
    expect(text).toContain('not zero-centred');
  });
  it('warns at a kink with PyTorch\'s value', () => {
    const w = explainActivation('leaky-relu', 0);
    expect(w.lines.some((l) => l.kind === 'warn' && tr(l.text, 'en').includes('returns 0.01'))).toBe(true);
  });
  it('explains maxout', () => {
    const text = explainMaxout([1, 2], { w1: [0.5, -1], b1: 0, w2: [1, 0.5], b2: -1 }).lines.map((l) => tr(l.text, 'en')).join('\n');
    expect(text).toContain('Maxout(x) = max(-1.5, 1) = 1');
    expect(text).toContain('doubles the number of parameters');
  });
});
