import { describe, expect, it } from 'vitest';
import { bptt, bpttSlipValues, explainBptt, lstmPath } from '../../src/core/bptt';
import { checkAnswerText } from '../../src/core/check';
import { explainRnnParams, explainRnnRun, rnnParams, rnnParamSlipValues, rnnRun } from '../../src/core/rnn';
import { cellStep, cellStepSlipValues, explainCellStep } from '../../src/core/rnn-step';
import { tr } from '../../src/core/text';
import { renderWorked } from '../../src/render/worked';

/**
 * Reference counts from torch/nn/modules/rnn.py (RNNBase.__init__): per layer
 * and direction, weight_ih (G·H)×in, weight_hh (G·H)×H_out, bias_ih and
 * bias_hh of G·H, and weight_hr P×H with a projection; layers above the
 * first take H_out·directions. G = 1 (RNN), 4 (LSTM), 3 (GRU).
 */
const PARAMS: Array<[string, number, Parameters<typeof rnnParams>[0], string]> = [
  ['nn.RNN(10, 20)', 640, { kind: 'rnn', input: 10, hidden: 20 }, '10·20 + 20·20 + 20 + 20'],
  ['nn.LSTM(10, 20)', 2560, { kind: 'lstm', input: 10, hidden: 20 }, '4·(10·20 + 20·20 + 40)'],
  ['nn.GRU(10, 20)', 1920, { kind: 'gru', input: 10, hidden: 20 }, '3·(10·20 + 20·20 + 40)'],
  ['nn.LSTM(10, 20, 2, bidirectional=True)', 15040, { kind: 'lstm', input: 10, hidden: 20, layers: 2, bidirectional: true }, '2·2560 + 2·4·(40·20 + 20·20 + 40)'],
  ['nn.LSTM(10, 20, proj_size=5)', 1460, { kind: 'lstm', input: 10, hidden: 20, proj: 5 }, '80·10 + 80·5 + 160 + 5·20'],
  ['nn.LSTM(10, 20, 2, proj_size=5)', 2520, { kind: 'lstm', input: 10, hidden: 20, layers: 2, proj: 5 }, '1460 + 80·5 + 80·5 + 160 + 100'],
  ['nn.GRU(300, 512, 2, bidirectional=True)', 7225344, { kind: 'gru', input: 300, hidden: 512, layers: 2, bidirectional: true }, '2·(1536·812 + 3072) + 2·(1536·1536 + 3072)'],
  ['nn.RNN(5, 8, bias=False)', 104, { kind: 'rnn', input: 5, hidden: 8, bias: false }, '5·8 + 8·8'],
  ["word_language_model's nn.LSTM(650, 650, 2)", 6770400, { kind: 'lstm', input: 650, hidden: 650, layers: 2 }, '2·(4·650·1300 + 5200)'],
];

describe('rnnParams: nn.RNN / nn.LSTM / nn.GRU', () => {
  it.each(PARAMS)('%s = %d', (_name, expected, spec) => {
    expect(rnnParams(spec).params).toBe(expected);
  });

  it('names every tensor as the state_dict does, with its shape', () => {
    const r = rnnParams({ kind: 'lstm', input: 10, hidden: 20, layers: 2, bidirectional: true, proj: 5 });
    expect(r.tensors.map((t) => `${t.name} ${t.shape.join('x')}`)).toEqual([
      'weight_ih_l0 80x10', 'weight_hh_l0 80x5', 'bias_ih_l0 80', 'bias_hh_l0 80', 'weight_hr_l0 5x20',
      'weight_ih_l0_reverse 80x10', 'weight_hh_l0_reverse 80x5', 'bias_ih_l0_reverse 80', 'bias_hh_l0_reverse 80', 'weight_hr_l0_reverse 5x20',
      'weight_ih_l1 80x10', 'weight_hh_l1 80x5', 'bias_ih_l1 80', 'bias_hh_l1 80', 'weight_hr_l1 5x20',
      'weight_ih_l1_reverse 80x10', 'weight_hh_l1_reverse 80x5', 'bias_ih_l1_reverse 80', 'bias_hh_l1_reverse 80', 'weight_hr_l1_reverse 5x20',
    ]);
    expect(r.perLayer.reduce((a, b) => a + b, 0)).toBe(r.params);
  });

  it('the textbook count keeps one bias vector per gate', () => {
    expect(rnnParams({ kind: 'lstm', input: 10, hidden: 20 }).single).toBe(2480);
    expect(rnnParams({ kind: 'rnn', input: 10, hidden: 20 }).single).toBe(620);
    expect(rnnParams({ kind: 'rnn', input: 10, hidden: 20, bias: false }).single).toBe(600);
  });

  it('refuses what PyTorch refuses', () => {
    expect(() => rnnParams({ kind: 'gru', input: 10, hidden: 20, proj: 5 })).toThrow(/proj_size only exists for nn.LSTM/);
    expect(() => rnnParams({ kind: 'lstm', input: 10, hidden: 20, proj: 20 })).toThrow(/smaller than hidden_size/);
    expect(() => rnnParams({ kind: 'lstm', input: 0, hidden: 20 })).toThrow(/input_size must be a positive integer/);
    expect(() => rnnParams({ kind: 'lstm', input: 10, hidden: 20, layers: 0 })).toThrow(/num_layers/);
  });

  it('names the slips of a wrong count and never a slip that gives the right value', () => {
    const r = rnnParams({ kind: 'lstm', input: 10, hidden: 20, layers: 2, bidirectional: true });
    const slips = rnnParamSlipValues(r);
    const q = { params: { label: 'p', expected: r.params, slips: slips.params }, single: { label: 's', expected: r.single, slips: slips.single } };
    const named = (answer: string) => checkAnswerText(answer, q, 'params')[0]!.slips?.map((s) => s.id);
    expect(named(String(r.single))).toContain('single-bias-rnn');
    expect(named(String((r.params / 4) * 3))).toEqual(['lstm-three-gates']);
    expect(named(String(r.weights))).toEqual(['forgot-bias']);
    expect(named('5920')).toEqual(['rnn-one-direction']);
    expect(named(`single=${r.params}`)).toEqual(['double-bias-rnn']);
    expect(named(String(r.params))).toBeUndefined();
    // A plain RNN with one layer: no gate or layer slips can happen.
    const plain = rnnParamSlipValues(rnnParams({ kind: 'rnn', input: 4, hidden: 4 }));
    expect(plain.params.map((s) => s.id)).toEqual(['single-bias-rnn', 'forgot-bias', 'rnn-forgot-hh']);
  });

  it('explains every tensor in both languages', () => {
    const w = explainRnnParams({ kind: 'lstm', input: 10, hidden: 20, layers: 2, bidirectional: true });
    const en = renderWorked(w, 'en');
    expect(en).toContain('weight_ih_l1     4H×H·2 = 80×40 = 3,200');
    expect(en).toContain('nn.LSTM: 15,040');
    expect(en).toMatch(/14,720\s+parameters/);
    expect(renderWorked(w, 'zh')).toContain('一组偏置还是两组？');
  });

  it('a deep stack shows layers 0 and 1 and counts the alike layers above (no 1,000 sections)', () => {
    const spec = { kind: 'lstm', input: 10, hidden: 20, layers: 5, bidirectional: true } as const;
    const r = rnnParams(spec);
    // Layer 0: 2·2,560; layers 1–4: 2·4·(40·20 + 20·20 + 40) = 9,920 each.
    expect(r.params).toBe(5120 + 4 * 9920);
    const en = renderWorked(explainRnnParams(spec), 'en');
    expect(en).not.toContain('weight_ih_l2');
    expect(en).toMatch(/Layers 2–4: the same shapes as layer 1 \(each its own copy\): 3 × 9,920 =\s+29,760/);
    expect(en).toContain('parameters = 5,120 + 4 × 9,920 = 44,800');
    expect(renderWorked(explainRnnParams(spec), 'zh')).toContain('第 2–4 层：形状与第 1 层相同');
    // Three layers are still shown one by one.
    expect(renderWorked(explainRnnParams({ ...spec, layers: 3 }), 'en')).toContain('weight_ih_l2');
    const run = renderWorked(explainRnnRun({ ...spec, layers: 6, seq: 3 }), 'en');
    expect(run).toContain('layers 2–5: as layer 1, 4 × 9,600 = 38,400');
    // Per step, both directions: 2·4·20·(10 + 20) for layer 0, 2·4·20·(40 + 20) for each of the 5 above.
    expect(rnnRun({ ...spec, layers: 6, seq: 3 }).macsStep).toBe(2 * 4 * 20 * 30 + 5 * 2 * 4 * 20 * 60);
  });

  it('refuses stacks past 1,000 layers and counts past 2^53', () => {
    expect(() => rnnParams({ kind: 'rnn', input: 1, hidden: 1, layers: 1001 })).toThrow(/num_layers must be at most 1000/);
    expect(rnnParams({ kind: 'rnn', input: 1, hidden: 1, layers: 1000 }).params).toBe(4000);
    expect(() => rnnParams({ kind: 'lstm', input: 2 ** 26, hidden: 2 ** 26 })).toThrow(/beyond 2\^53/);
    expect(() => rnnRun({ kind: 'lstm', input: 1000, hidden: 1000, seq: 2 ** 30, batch: 2 ** 10 })).toThrow(/MAC count would be/);
  });
});

describe('rnnRun: a sequence through nn.LSTM', () => {
  it('shapes, MACs and BPTT memory', () => {
    const r = rnnRun({ kind: 'lstm', input: 10, hidden: 20, seq: 35, batch: 8, layers: 2, bidirectional: true });
    expect(r.shapes).toEqual({ input: [35, 8, 10], output: [35, 8, 40], hn: [4, 8, 20], cn: [4, 8, 20] });
    // Per step: layer 0 2·4·20·(10+20) = 4,800; layer 1 2·4·20·(40+20) = 9,600.
    expect(r.layerMacs).toEqual([4800, 9600]);
    expect(r.macsStep).toBe(8 * 14400);
    expect(r.macs).toBe(35 * 8 * 14400);
    // Kept per step, layer and direction: 4H gates + c_t + h_t = 120.
    expect(r.keepPerStep).toBe(120);
    expect(r.kept).toBe(35 * 8 * 2 * 2 * 120);
    expect(r.bytes).toBe(4 * r.kept);
  });

  it('batch_first moves the batch first in the input and output only', () => {
    const r = rnnRun({ kind: 'gru', input: 3, hidden: 5, seq: 7, batch: 2, batchFirst: true });
    expect(r.shapes).toEqual({ input: [2, 7, 3], output: [2, 7, 5], hn: [1, 2, 5] });
    expect(renderWorked(explainRnnRun({ kind: 'gru', input: 3, hidden: 5, seq: 7, batch: 2, batchFirst: true }), 'en')).toContain('h_n and c_n stay (L·dirs, N, ·)');
  });

  it('a projection shrinks h and adds W_hr to each step', () => {
    const r = rnnRun({ kind: 'lstm', input: 10, hidden: 20, seq: 1, proj: 5 });
    expect(r.shapes.output).toEqual([1, 1, 5]);
    expect(r.shapes.cn).toEqual([1, 1, 20]);
    expect(r.macsStep).toBe(4 * 20 * (10 + 5) + 5 * 20);
  });
});

describe('cellStep: nn.LSTMCell / GRUCell / RNNCell', () => {
  // Weights in PyTorch's layout; expected values from an independent implementation of the
  // docs' formulas (i, f, g, o and r, z, n row blocks), to 1e-12.
  const wIh = [[0.1, 0.2], [0.3, -0.4], [0.5, 0.6], [-0.7, 0.8], [0.9, -1.0], [0.2, 0.1], [-0.3, 0.4], [0.5, 0.5]];
  const wHh = [[0.1, -0.1], [0.2, 0.2], [-0.3, 0.3], [0.4, -0.4], [0.5, 0.1], [0.6, -0.2], [0.7, 0.3], [-0.8, 0.4]];
  const bIh = [0.1, 0, -0.1, 0.2, 0, 0.1, 0, -0.2];
  const bHh = [0, 0.1, 0, 0, 0.2, 0, 0.1, 0];
  const close = (a: number[], b: number[]) => a.forEach((x, k) => expect(x).toBeCloseTo(b[k]!, 12));

  it('LSTM: gates i, f, g, o, then c_t and h_t', () => {
    const s = cellStep({ kind: 'lstm', x: [1, 2], h: [0.5, -1], c: [0.3, -0.2], wIh, wHh, bIh, bHh });
    close(s.gates[0]!.value, [0.679178699175393, 0.3775406687981454]);
    close(s.gates[1]!.value, [0.759510916949111, 0.8455347349164652]);
    close(s.gates[2]!.value, [-0.6351489523872873, 0.7615941559557649]);
    close(s.gates[3]!.value, [0.6570104626734988, 0.6224593312018546]);
    close(s.c!, [-0.20352636418027809, 0.11842582000900545]);
    close(s.h, [-0.13190269284918688, 0.0733725681940548]);
  });

  it('GRU: r, z, n with r applied to W_hn h + b_hn, and h = (1 − z)·n + z·h', () => {
    const s = cellStep({ kind: 'gru', x: [1, 2], h: [0.5, -1], wIh: wIh.slice(0, 6), wHh: wHh.slice(0, 6), bIh: bIh.slice(0, 6), bHh: bHh.slice(0, 6) });
    close(s.gates[2]!.value, [-0.6974343513177106, 0.5971914608649712]);
    close(s.h, [0.2120301108379677, -0.7532893976083341]);
  });

  it('RNN: tanh(W_ih x + b_ih + W_hh h + b_hh); zero state by default', () => {
    const s = cellStep({ kind: 'rnn', x: [1, 2], h: [0.5, -1], wIh: wIh.slice(0, 2), wHh: wHh.slice(0, 2), bIh: bIh.slice(0, 2), bHh: bHh.slice(0, 2) });
    close(s.h, [0.6351489523872873, -0.46211715726000974]);
    expect(cellStep({ kind: 'rnn', x: [1], wIh: [[1]], wHh: [[1]] }).hPrev).toEqual([0]);
  });

  it('rejects shapes PyTorch would reject, each with its flag', () => {
    const fail = (i: Parameters<typeof cellStep>[0]) => {
      try {
        cellStep(i);
      } catch (e) {
        return `${(e as { field: string }).field}: ${(e as Error).message}`;
      }
      return 'no error';
    };
    expect(fail({ kind: 'lstm', x: [1, 2], wIh: [[1, 2], [3, 4], [5, 6]], wHh: [[1], [1], [1]] })).toMatch(/^w-ih: weight_ih has 3 rows, not a multiple of 4/);
    expect(fail({ kind: 'gru', x: [1], c: [0], wIh: [[1], [1], [1]], wHh: [[1], [1], [1]] })).toMatch(/^c: nn.GRUCell has no cell state/);
    expect(fail({ kind: 'rnn', x: [1, 2], wIh: [[1]], wHh: [[1]] })).toMatch(/^w-ih: weight_ih has 1 columns but x has 2 values/);
    expect(fail({ kind: 'rnn', x: [1], h: [1, 2], wIh: [[1]], wHh: [[1]] })).toMatch(/^h: h has 2 values but the weights give H = 1/);
    expect(fail({ kind: 'rnn', x: [1], wIh: [[1]], wHh: [[1]], bHh: [1, 2] })).toMatch(/^b-hh: bias_hh has 2 values; it needs G·H = 1/);
  });

  it('names the LSTM slips: the i, f, o, g order, h without tanh, the forgotten f·c', () => {
    const input = { kind: 'lstm' as const, x: [1, 2], h: [0.5, -1], c: [0.3, -0.2], wIh, wHh, bIh, bHh };
    const s = cellStep(input);
    const slips = cellStepSlipValues(input, s);
    expect(slips.h.map((x) => x.id)).toEqual(['lstm-gate-order', 'lstm-h-without-tanh', 'lstm-forgot-forget']);
    expect(slips.c.map((x) => x.id)).toEqual(['lstm-gate-order', 'lstm-forgot-forget']);
    const noTanh = slips.h.find((x) => x.id === 'lstm-h-without-tanh')!.expected as number[][];
    close(noTanh[0]!, [0.6570104626734988 * -0.20352636418027809, 0.6224593312018546 * 0.11842582000900545]);
  });

  it('explains the step with the layout in both languages', () => {
    const w = explainCellStep({ kind: 'lstm', x: [1], h: [0.5], c: [0.1], wIh: [[0.1], [0.3], [-0.1], [0.2]], wHh: [[0.5], [-0.5], [0.1], [0.2]] });
    expect(renderWorked(w, 'en')).toMatch(/i = 1, f = 2, g = 3, o = 4\s+\(CS231n\s+writes\s+i,\s+f,\s+o,\s+g/);
    expect(renderWorked(w, 'en')).toContain('c_t = f ⊙ c_{t−1} + i ⊙ g');
    expect(tr(w.title, 'zh')).toBe('nn.LSTMCell 的一步');
  });
});

describe('bptt: the scalar RNN and the LSTM cell path', () => {
  it('forward values, ∂h_T/∂h_0 = ∏ w·(1 − h_t²), ∂h_T/∂w and ∂h_T/∂u (central differences)', () => {
    const r = bptt({ w: 0.5, x: [1, 0.5, -1] }).rnn!;
    expect(r.h[0]).toBeCloseTo(0.7615941559557649, 12);
    expect(r.h[2]).toBeCloseTo(-0.5693704391679044, 12);
    expect(r.grad).toBeCloseTo(0.017753586203662557, 12);
    expect(r.dw).toBeCloseTo(0.6064596688171164, 7);
    expect(r.du).toBeCloseTo(-0.5557640788689255, 7);
    expect(r.verdict).toBe('vanishing');
  });

  it('an exploding case and its verdict', () => {
    const r = bptt({ w: 1.5, x: [0.2, -0.1, 0.3, 0.1] }).rnn!;
    expect(r.grad).toBeCloseTo(1.6504429484198724, 7);
    expect(r.verdict).toBe('exploding');
    expect(renderWorked(explainBptt({ w: 1.5, x: [0.2, -0.1, 0.3, 0.1] }), 'en')).toContain('exploding gradient');
  });

  it('the LSTM cell path is the product of the forget gates', () => {
    expect(lstmPath([0.9, 0.5, 0.8]).grad).toBeCloseTo(0.36, 12);
    expect(() => lstmPath([0.9, 1.2])).toThrow(/forget gate 2 is 1.2/);
    expect(bptt({ forget: [0.9] }).rnn).toBeUndefined();
    expect(() => bptt({})).toThrow(/--w and --x/);
  });

  it('slips: w^T without tanh′, and 1 − h_t for the derivative', () => {
    const r = bptt({ w: 0.5, x: [1, 0.5, -1] }).rnn!;
    const slips = bpttSlipValues(r);
    expect(slips.map((s) => s.id)).toEqual(['bptt-forgot-tanh-grad', 'bptt-one-minus-h']);
    expect(slips[0]!.expected).toBeCloseTo(0.125, 12);
  });
});
