/**
 * params rnn|lstm|gru|mha|…, dlnotes rnn (run, step, bptt), dlnotes attention
 * and the sequence zoo through the built binary: text, JSON, --answer with
 * slips, bad input, Chinese, 80 columns, homework files, the drill; and each
 * generated problem's command reproducing its answer.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/core/random';
import { generators } from '../../src/quiz/generators/sequence';
import { displayWidth } from '../../src/render/table';
import { dlnotes, dlnotesJson } from '../helpers/cli';
import { tempHome } from '../helpers/quiz';

/** A generated command's words, as a shell would split them (double quotes group). */
function words(command: string): string[] {
  return [...command.replace(/^dlnotes /, '').matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

const LSTM_STEP = ['rnn', 'step', '--kind', 'lstm', '--x', '1,2', '--h', '0.5,-1', '--c', '0.3,-0.2',
  '--w-ih', '0.1,0.2; 0.3,-0.4; 0.5,0.6; -0.7,0.8; 0.9,-1.0; 0.2,0.1; -0.3,0.4; 0.5,0.5',
  '--w-hh', '0.1,-0.1; 0.2,0.2; -0.3,0.3; 0.4,-0.4; 0.5,0.1; 0.6,-0.2; 0.7,0.3; -0.8,0.4',
  '--b-ih', '0.1,0,-0.1,0.2,0,0.1,0,-0.2', '--b-hh', '0,0.1,0,0,0.2,0,0.1,0'];

describe('params for sequence models', () => {
  it('nn.LSTM: every tensor, the total, the textbook count', () => {
    const r = dlnotes(['params', 'lstm', '--input', '10', '--hidden', '20', '--layers', '2', '--bidirectional']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('weight_hh_l1     4H×H = 80×20 = 1,600');
    expect(r.stdout).toContain('nn.LSTM: 15,040');
    const { data } = dlnotesJson<{ params: number; singleBias: number; tensors: unknown[]; layers: Array<{ params: number }> }>(['params', 'lstm', '--input', '10', '--hidden', '20', '--layers', '2', '--bidirectional']);
    expect(data).toMatchObject({ params: 15040, singleBias: 14720, layers: [{ params: 5120 }, { params: 9920 }] });
    expect(data.tensors).toHaveLength(16);
  });

  it('--answer: right, the textbook count named as PyTorch\'s slip, and the other way round', () => {
    expect(dlnotes(['params', 'lstm', '--input', '10', '--hidden', '20', '--answer', '2560']).code).toBe(0);
    const single = dlnotes(['params', 'lstm', '--input', '10', '--hidden', '20', '--answer', '2480']);
    expect(single.code).toBe(1);
    expect(single.stdout).toMatch(/looks like one bias vector per gate was counted \(2,480/);
    const dbl = dlnotes(['params', 'gru', '--input', '10', '--hidden', '20', '--answer', 'single=1920']);
    expect(dbl.code).toBe(1);
    expect(dbl.stdout).toMatch(/PyTorch's two bias vectors were counted/);
    const three = dlnotesJson<{ answer: { checks: Array<{ slip?: { id: string } }> } }>(['params', 'lstm', '--input', '10', '--hidden', '20', '--answer', '1920']);
    expect(three.data.answer.checks[0]!.slip!.id).toBe('lstm-three-gates');
  });

  it('MultiheadAttention, the layers and nn.Transformer', () => {
    expect(dlnotesJson<{ params: number }>(['params', 'mha', '--d', '512', '--heads', '8']).data.params).toBe(1050624);
    expect(dlnotesJson<{ params: number }>(['params', 'encoder-layer', '--d', '512', '--heads', '8', '--ff', '2048']).data.params).toBe(3152384);
    expect(dlnotesJson<{ params: number }>(['params', 'decoder-layer', '--d', '512', '--heads', '8']).data.params).toBe(4204032);
    const t = dlnotes(['params', 'transformer']);
    expect(t.stdout).toContain('nn.Transformer = 18,915,328 + 25,225,216 = 44,140,544');
    const base = dlnotes(['params', 'transformer', '--vocab', '37000', '--tied', '--answer', '63084544']);
    expect(base.code).toBe(0);
    const wrong = dlnotes(['params', 'mha', '--d', '512', '--heads', '8', '--answer', '787968']);
    expect(wrong.stdout).toMatch(/output projection W_O was left out/);
  });

});

describe('dlnotes rnn', () => {
  it('shapes, MACs and memory of a sequence', () => {
    const { code, data } = dlnotesJson<{ shapes: Record<string, number[]>; macs: { step: number; sequence: number }; memory: { bytes: number } }>(['rnn', '--kind', 'lstm', '--input', '10', '--hidden', '20', '--seq', '35', '--batch', '8']);
    expect(code).toBe(0);
    expect(data.shapes).toEqual({ input: [35, 8, 10], output: [35, 8, 20], hn: [1, 8, 20], cn: [1, 8, 20] });
    expect(data.macs).toMatchObject({ step: 19200, sequence: 672000 });
    const ok = dlnotes(['rnn', '--kind', 'lstm', '--input', '10', '--hidden', '20', '--seq', '35', '--batch', '8', '--answer', 'output=35x8x20, macs=672000, memory=134400']);
    expect(ok.code, ok.stdout).toBe(0);
    const oneStep = dlnotes(['rnn', '--kind', 'lstm', '--input', '10', '--hidden', '20', '--seq', '35', '--batch', '8', '--answer', '19200']);
    expect(oneStep.code).toBe(1);
    expect(oneStep.stdout).toMatch(/one time step was counted/);
  });

  it('one LSTMCell step: gates, c_t and h_t, JSON and answers', () => {
    const { data } = dlnotesJson<{ h: number[]; c: number[]; gates: Record<string, { value: number[] }>; layout: string[] }>(LSTM_STEP);
    expect(data.layout).toEqual(['i', 'f', 'g', 'o']);
    expect(data.h[0]).toBeCloseTo(-0.13190269284918688, 12);
    expect(data.c[1]).toBeCloseTo(0.11842582000900545, 12);
    expect(data.gates.f!.value[0]).toBeCloseTo(0.759510916949111, 12);
    expect(dlnotes([...LSTM_STEP, '--answer', 'c=-0.2035,0.1184']).code).toBe(0);
    expect(dlnotes([...LSTM_STEP, '--answer', 'h_2=0.0734']).code).toBe(0);
    const noTanh = dlnotes([...LSTM_STEP, '--answer', `h_1=${(0.6570104626734988 * -0.20352636418027809).toFixed(4)}`]);
    expect(noTanh.code).toBe(1);
    expect(noTanh.stdout).toMatch(/h_t = o ⊙ c_t/);
  });

  it('bptt: the product, the verdict, and the LSTM cell path', () => {
    const r = dlnotes(['rnn', 'bptt', '--w', '0.5', '--x', '1,0.5,-1', '--forget', '0.9,0.95,0.8']);
    expect(r.stdout).toContain('∂h_3/∂h_0 = 0.01775');
    expect(r.stdout).toMatch(/vanishing gradient/);
    expect(r.stdout).toContain('∂c_3/∂c_0 = 0.684');
    const { data } = dlnotesJson<{ rnn: { grad: number; verdict: string }; lstm: { grad: number } }>(['rnn', 'bptt', '--w', '0.5', '--x', '1,0.5,-1', '--forget', '0.9,0.95,0.8']);
    expect(data.rnn.verdict).toBe('vanishing');
    expect(data.lstm.grad).toBeCloseTo(0.684, 12);
    const slip = dlnotes(['rnn', 'bptt', '--w', '0.5', '--x', '1,0.5,-1', '--answer', '0.125']);
    expect(slip.stdout).toMatch(/tanh′ was left out/);
  });

});

describe('dlnotes attention', () => {
  it('the cost of a layer with the paper\'s table', () => {
    const r = dlnotes(['attention', '--n', '128', '--d', '512', '--heads', '8']);
    expect(r.stdout).toContain('total = 4·n·d² + 2·n²·d = 150,994,944 MACs');
    expect(r.stdout).toMatch(/Self-attention\s+O\(n²·d\)\s+8\.4 M\s+O\(1\) = 1\s+O\(1\) = 1/);
    expect(r.stdout).toMatch(/Recurrent\s+O\(n·d²\)\s+33\.6 M\s+O\(n\) = 128/);
    const { data } = dlnotesJson<{ macs: { total: number; scores: number }; attentionMatrix: { bytes: number } }>(['attention', '--n', '128', '--d', '512', '--heads', '8']);
    expect(data.macs).toMatchObject({ total: 150994944, scores: 8388608 });
    expect(data.attentionMatrix.bytes).toBe(524288);
    expect(dlnotes(['attention', '--n', '128', '--d', '512', '--heads', '8', '--answer', 'memory=512KiB']).code).toBe(0);
    const oneHead = dlnotes(['attention', '--n', '128', '--d', '512', '--heads', '8', '--answer', 'scores=1048576']);
    expect(oneHead.stdout).toMatch(/one head was counted/);
  });

  it('softmax(QKᵀ/√d_k)V on matrices: JSON, answers, the causal mask and its slip', () => {
    const { data } = dlnotesJson<{ scores: number[][]; weights: number[][]; output: number[][] }>(['attention', '--q', '1,0; 0,1', '--k', '1,0; 0,1', '--v', '1,2; 3,4']);
    expect(data.weights[0]![0]).toBeCloseTo(0.6697615493266569, 12);
    expect(data.output[1]![1]).toBeCloseTo(3.3395230986533138, 12);
    expect(dlnotes(['attention', '--q', '1,0; 0,1', '--k', '1,0; 0,1', '--v', '1,2; 3,4', '--answer', 'weights_1_1=0.67']).code).toBe(0);
    const causal = ['attention', '--q', '1,0; 0,1; 1,1', '--k', '1,0; 0,1; 1,1', '--v', '1; 2; 3', '--causal'];
    expect(dlnotesJson<{ weights: number[][] }>(causal).data.weights[0]).toEqual([1, 0, 0]);
    // Row 1 without the mask: softmax of (1, 0, 1)/√2.
    const e = Math.exp(Math.SQRT1_2);
    const unmasked = dlnotes([...causal, '--answer', `weights_1_1=${(e / (2 * e + 1)).toFixed(4)}`]);
    expect(unmasked.code).toBe(1);
    expect(unmasked.stdout).toMatch(/causal mask was forgotten/);
    const unscaled = dlnotes(['attention', '--q', '2,0; 0,2', '--k', '2,0; 0,2', '--v', '1; 0', '--answer', `output_1_1=${(Math.exp(4) / (Math.exp(4) + 1)).toFixed(4)}`]);
    expect(unscaled.stdout).toMatch(/not divided by √d_k/);
  });

});

/** Bad input of every sequence command: one line naming the flag, exit 2. */
const BAD: Array<[string[], RegExp]> = [
    [['params', 'mha', '--d', '512', '--heads', '7'], /^dlnotes: --heads: embed_dim \(512\) must be divisible by num_heads \(7\)/],
    [['params', 'lstm', '--input', '0', '--hidden', '20'], /^dlnotes: --input: expected a positive integer/],
    [['params', 'lstm', '--hidden', '20'], /^dlnotes: --input is required/],
    [['params', 'gru', '--input', '10', '--hidden', '20', '--proj', '5'], /^dlnotes: --proj: proj_size only exists for nn.LSTM/],
    [['params', 'transformer', '--tied'], /^dlnotes: --tied: --tied shares the embedding matrix/],
    [['rnn', '--input', '10', '--hidden', '20', '--seq', '5'], /^dlnotes: --kind is required/],
    [['rnn', '--kind', 'lstm', '--input', '10', '--hidden', '20', '--seq', '0'], /^dlnotes: --seq: expected a positive integer/],
    [['rnn', 'step', '--kind', 'gru', '--x', '1', '--c', '0', '--w-ih', '1;1;1', '--w-hh', '1;1;1'], /^dlnotes: --c: nn.GRUCell has no cell state c/],
    [['rnn', 'step', '--kind', 'lstm', '--x', '1,2', '--w-ih', '1;1;1;1', '--w-hh', '1;1;1;1'], /^dlnotes: --w-ih: weight_ih has 1 columns but x has 2 values/],
    [['rnn', 'step', '--kind', 'lstm', '--x', '1', '--w-ih', '1;1;1;1', '--w-hh', '1,2;1,2;1,2;1,2'], /^dlnotes: --w-hh: weight_hh has 2 columns but H = 1/],
    [['rnn', 'bptt', '--forget', '0.5,1.5'], /^dlnotes: --forget: forget gate 2 is 1.5/],
    [['rnn', 'sideways'], /^dlnotes: unknown mode "sideways"/],
    [['attention', '--n', '128', '--d', '512', '--heads', '7'], /^dlnotes: --heads: embed_dim \(512\) must be divisible by num_heads \(7\)/],
    [['attention', '--n', '0', '--d', '512'], /^dlnotes: --n: expected a positive integer/],
    [['attention', '--q', '1,2', '--k', '1,2,3', '--v', '1'], /^dlnotes: --k: Q has 2 columns but K has 3/],
    [['attention', '--q', '1', '--k', '1; 2', '--v', '1'], /^dlnotes: --v: K has 2 rows but V has 1/],
    [['attention', '--q', '1', '--k', '1', '--v', '1', '--mask', '0'], /^dlnotes: --mask: row 1 masks every key/],
    [['attention', '--q', '1', '--k', '1'], /^dlnotes: give --q, --k and --v together/],
    [['attention', '--n', '4', '--q', '1', '--k', '1', '--v', '1'], /^dlnotes: give either --n\/--d/],
    // Sizes that would exhaust memory or pass 2^53 (where doubles stop counting exactly).
    [['rnn', '--kind', 'lstm', '--input', '10', '--hidden', '20', '--seq', '5', '--layers', '100000000'], /^dlnotes: --layers: num_layers must be at most 1000/],
    [['params', 'lstm', '--input', '1000000000', '--hidden', '1000000000'], /^dlnotes: --hidden: the parameter count would be 8\.000e\+18, beyond 2\^53/],
    [['rnn', '--kind', 'gru', '--input', '1000', '--hidden', '1000', '--seq', '100000000', '--batch', '100000'], /^dlnotes: --seq: the MAC count would be/],
    [['attention', '--n', '100000000', '--d', '100000', '--heads', '1'], /^dlnotes: --n: the MAC count would be/],
    [['params', 'transformer', '--vocab', '1000000000000000'], /^dlnotes: --vocab: the parameter count would be/],
];

describe('bad input', () => {
  it.each(BAD)('%j -> exit 2, one line', (args, message) => {
    const r = dlnotes(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('the sequence zoo in dlnotes summary', () => {
  it('vit_b_16: torchvision\'s 86,567,656 parameters and 17.56 G MACs, the convention stated', () => {
    const r = dlnotes(['summary', 'vit_b_16', '--levels', '2']);
    expect(r.stdout).toContain('86,567,656');
    expect(r.stdout).toContain('17,563,828,224');
    expect(r.stdout).toMatch(/attention's QKᵀ and weights·V included \(torchinfo counts them as 0\)/);
    expect(dlnotes(['summary', 'vit_b_16', '--answer', 'params=86567656, macs=~17.56G']).code).toBe(0);
  });

  it('transformer_base takes --input as the number of tokens', () => {
    const { data } = dlnotesJson<{ input: number[]; total: { params: number; attention: number } }>(['summary', 'transformer_base', '--input', '64']);
    expect(data.input).toEqual([64]);
    expect(data.total.params).toBe(63084544);
    expect(data.total.attention).toBe(6 * 8 * 64 * 64 + 6 * 8 * 2 * 64 * 64);
    const bad = dlnotes(['summary', 'transformer_base', '--input', '3x224x224']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/this network reads a sequence/);
  });

  it('an LSTM spec file', () => {
    const r = dlnotes(['summary', '--spec', 'docs/examples/lstm-classifier.yaml', '--answer', 'params=4928514']);
    expect(r.code, r.stdout).toBe(0);
  });
});

describe('Chinese and the terminal width', () => {
  const runs: string[][] = [
    ['params', 'lstm', '--input', '10', '--hidden', '20', '--layers', '2', '--bidirectional', '--proj', '5'],
    ['params', 'gru', '--input', '300', '--hidden', '512'],
    ['params', 'transformer', '--vocab', '37000', '--tied'],
    ['params', 'decoder-layer', '--d', '512', '--heads', '8'],
    ['rnn', '--kind', 'lstm', '--input', '10', '--hidden', '20', '--seq', '35', '--batch', '8', '--layers', '2', '--bidirectional', '--batch-first'],
    LSTM_STEP,
    ['rnn', 'step', '--kind', 'gru', '--x', '1', '--h', '0.5', '--w-ih', '0.5;-0.5;1', '--w-hh', '0.2;0.3;-0.4'],
    ['rnn', 'bptt', '--w', '1.5', '--x', '0.2,-0.1,0.3,0.1', '--forget', '0.9,0.9,0.9,0.9'],
    ['attention', '--n', '4096', '--d', '512', '--heads', '8', '--causal', '--batch', '2'],
    ['attention', '--q', '1,0; 0,1; 1,1', '--k', '1,0; 0,1; 1,1', '--v', '1; 2; 3', '--causal'],
    ['summary', 'vit_b_16'],
    ['summary', 'transformer_base', '--input', '32'],
  ];

  it.each(runs.map((a) => [a.slice(0, 2).join(' '), a]))('%s fits 80 columns in both languages, and zh is Chinese', (_name, args) => {
    for (const lang of ['en', 'zh']) {
      const r = dlnotes([...args as string[], '--lang', lang], { env: { COLUMNS: '80' } });
      expect(r.code, r.stderr).toBe(0);
      for (const line of r.stdout.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
      if (lang === 'zh') {
        expect(r.stdout).toMatch(/[\u4e00-\u9fff]/);
        // Chinese sentences use full-width punctuation.
        expect(r.stdout).not.toMatch(/[\u4e00-\u9fff][,;:](?!\d)/);
      }
    }
  });

  it('errors in Chinese', () => {
    const r = dlnotes(['attention', '--q', '1,2', '--k', '1,2,3', '--v', '1', '--lang', 'zh']);
    expect(r.stderr).toMatch(/Q 有 2 列而 K 有 3 列/);
  });
});

describe('homework files and the drill', () => {
  it('check grades rnn and attention problems with their keys', () => {
    const dir = tempHome();
    const file = join(dir, 'hw.yaml');
    writeFileSync(file, [
      '- params: {kind: lstm, input: 10, hidden: 20}',
      '  answer: {params: 2480}',
      '- rnn: {mode: bptt, w: 0.5, x: [1, 0.5, -1]}',
      '  answer: {grad: 0.01775}',
      '- attention: {q: [[1, 0], [0, 1]], k: [[1, 0], [0, 1]], v: [[1, 2], [3, 4]]}',
      '  answer: {weights_1_1: 0.67, output: "1.66, 2.66; 2.34, 3.34"}',
      '',
    ].join('\n'));
    const r = dlnotesJson<{ items: Array<{ checks: Array<{ ok: boolean; slip?: { id: string } }> }> }>(['check', file]);
    expect(r.code).toBe(1);
    expect(r.data.items[0]!.checks[0]).toMatchObject({ ok: false, slip: { id: 'single-bias-rnn' } });
    expect(r.data.items[1]!.checks.every((c) => c.ok)).toBe(true);
    expect(r.data.items[2]!.checks.every((c) => c.ok)).toBe(true);
  });

  it('drills the rnn and attention topics in line mode', () => {
    const home = tempHome();
    for (const topic of ['rnn', 'attention']) {
      const r = dlnotes(['drill', topic, '-n', '2', '--seed', '5', '--lang', 'en'], { input: '1\n1\n', env: { DLNOTES_HOME: home } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/✗|✓/);
    }
  });
});

describe('each generated problem\'s command reproduces its answer', () => {
  const value = (id: string, params: Record<string, unknown>, data: Record<string, unknown>): number => {
    const d = data as Record<string, never>;
    switch (id) {
      case 'rnn-params': return params.ask === 'single' ? d.singleBias : d.params;
      case 'mha-params': return d.params;
      case 'lstm-step': return (params.ask === 'c' ? d.c : d.h)[0]!;
      case 'gru-step': return (d.h as number[])[0]!;
      case 'bptt-factor': return (d.rnn as { grad: number }).grad;
      case 'attention-weights': {
        const row = (params.row as number) - 1;
        return params.ask === 'weight' ? (d.weights as number[][])[row]![(params.col as number) - 1]! : (d.output as number[][])[row]![0]!;
      }
      case 'attention-cost': {
        const macs = d.macs as { scores: number; total: number };
        return params.ask === 'scores' ? macs.scores : params.ask === 'macs' ? macs.total : (d.attentionMatrix as { bytes: number }).bytes;
      }
      default: throw new Error(id);
    }
  };
  it.each(generators.map((g) => [g.id, g] as const))('%s', (id, g) => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const p = g.generate(seededRng(seed * 104729));
      const { code, data } = dlnotesJson(words(p.command!));
      expect(code, p.command).toBe(0);
      if (p.expected.kind !== 'number') throw new Error('numbers only');
      expect(value(id, p.params, data), p.command).toBeCloseTo(p.expected.value, 12);
    }
  });
});
