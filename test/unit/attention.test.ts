import { describe, expect, it } from 'vitest';
import {
  attentionCost, costSlipValues, explainAttentionCost, explainTransformer, mhaParams, mhaSlipValues, transformerLayerParams, transformerParams,
} from '../../src/core/attention';
import { checkAnswerText } from '../../src/core/check';
import { explainSdpa, sdpa, sdpaSlipValues, softmaxRow } from '../../src/core/sdpa';
import { renderWorked } from '../../src/render/worked';

/**
 * Reference counts from torch/nn/modules/activation.py (MultiheadAttention:
 * in_proj_weight 3E×E, in_proj_bias 3E, out_proj Linear(E, E)) and
 * transformer.py (linear1 d→ff, linear2 ff→d, LayerNorm 2d each; the encoder
 * and decoder of nn.Transformer end with one LayerNorm each).
 */
describe('parameter counts of attention and the Transformer', () => {
  it.each([
    [512, 8, true, 1050624],
    [768, 12, true, 2362368],
    [512, 8, false, 1048576],
    [512, 1, true, 1050624],
  ])('nn.MultiheadAttention(%d, %d, bias=%s) = %d', (d, h, bias, expected) => {
    expect(mhaParams(d, h, bias).params).toBe(expected);
  });

  it('encoder and decoder layers of the base model', () => {
    // 1,050,624 + (512·2048 + 2048) + (2048·512 + 512) + 2·1024
    expect(transformerLayerParams('encoder', { d: 512, heads: 8, ff: 2048 }).params).toBe(3152384);
    // 2·1,050,624 + 2,099,712 + 3·1024
    expect(transformerLayerParams('decoder', { d: 512, heads: 8, ff: 2048 }).params).toBe(4204032);
    // bias=False drops the linears' and the LayerNorms' biases too.
    expect(transformerLayerParams('encoder', { d: 4, heads: 2, ff: 8, bias: false }).params).toBe(4 * 16 + 2 * 32 + 2 * 4);
  });

  it('nn.Transformer() with its defaults has 44,140,544 parameters', () => {
    const r = transformerParams({ d: 512, heads: 8, ff: 2048, encoderLayers: 6, decoderLayers: 6 });
    expect(r.encoder).toBe(6 * 3152384 + 1024);
    expect(r.decoder).toBe(6 * 4204032 + 1024);
    expect(r.params).toBe(44140544);
  });

  it('the base model with the paper\'s shared 37k vocabulary: 63,084,544 (the paper says 65M)', () => {
    const tied = transformerParams({ d: 512, heads: 8, ff: 2048, encoderLayers: 6, decoderLayers: 6, vocab: 37000, tied: true });
    expect(tied.embeddings).toBe(37000 * 512);
    expect(tied.params).toBe(63084544);
    const untied = transformerParams({ d: 512, heads: 8, ff: 2048, encoderLayers: 6, decoderLayers: 6, vocab: 37000 });
    expect(untied.embeddings).toBe(3 * 37000 * 512 + 37000);
    expect(renderWorked(explainTransformer({ d: 512, heads: 8, ff: 2048, encoderLayers: 6, decoderLayers: 6, vocab: 37000, tied: true }), 'en')).toMatch(/65M/);
  });

  it('refuses heads that do not divide d, and --tied without a vocabulary', () => {
    expect(() => mhaParams(512, 7)).toThrow(/embed_dim \(512\) must be divisible by num_heads \(7\)/);
    expect(() => transformerParams({ d: 512, heads: 8, ff: 2048, encoderLayers: 6, decoderLayers: 6, tied: true })).toThrow(/--vocab/);
    expect(() => mhaParams(0, 1)).toThrow(/positive integer/);
  });

  it('MHA slips: per-head full matrices, no output projection, no biases', () => {
    const r = mhaParams(512, 8);
    const q = { params: { label: 'p', expected: r.params, slips: mhaSlipValues(r) } };
    const named = (a: string) => checkAnswerText(a, q, 'params')[0]!.slips?.map((s) => s.id);
    expect(named(String(8 * (3 * 512 * 512 + 3 * 512) + 512 * 512 + 512))).toEqual(['mha-per-head-full']);
    expect(named(String(3 * 512 * 512 + 3 * 512))).toEqual(['mha-forgot-out-proj']);
    expect(named('1048576')).toEqual(['forgot-bias']);
  });
});

describe('attentionCost: one self-attention layer', () => {
  it('splits the MACs into projections, QKᵀ, weights·V and the output projection', () => {
    const r = attentionCost({ n: 128, d: 512, heads: 8 });
    expect(r.parts).toEqual({ qkv: 3 * 128 * 512 * 512, scores: 128 * 128 * 512, weighted: 128 * 128 * 512, out: 128 * 512 * 512 });
    expect(r.macs).toBe(150994944);
    expect(r.attnValues).toBe(8 * 128 * 128);
    expect(r.attnBytes).toBe(524288);
    expect(r.table.map((t) => [t.layer, t.value, t.sequentialValue, t.pathValue])).toEqual([
      ['self-attention', 128 * 128 * 512, 1, 1],
      ['recurrent', 128 * 512 * 512, 128, 128],
      ['convolutional', 3 * 128 * 512 * 512, 1, 5],
    ]);
  });

  it('vit_b_16\'s attention layer: 197 tokens of 768', () => {
    expect(attentionCost({ n: 197, d: 768, heads: 12 }).perSequence).toBe(524391936);
  });

  it('names the slips of the cost', () => {
    const r = attentionCost({ n: 128, d: 512, heads: 8, batch: 2 });
    const slips = costSlipValues(r);
    expect(slips.macs!.map((s) => s.id)).toEqual(['flops-vs-macs', 'attention-n-vs-d', 'forgot-batch']);
    expect(slips.scores!.find((s) => s.id === 'attention-one-head')!.expected).toBe(128 * 128 * 64);
    expect(slips.memory!.find((s) => s.id === 'attention-one-head')!.expected).toBe(r.attnBytes / 8);
  });

  it('explains n against d and the quadratic memory', () => {
    const en = renderWorked(explainAttentionCost({ n: 4096, d: 512, heads: 8, causal: true }), 'en');
    expect(en).toMatch(/n²·d terms dominate/);
    expect(en).toMatch(/costs more per layer than a recurrent layer/);
    expect(en).toMatch(/causal: PyTorch still computes the full n×n scores/);
  });
});

describe('sdpa: softmax(QKᵀ/√d_k)V', () => {
  // Expected values from an independent implementation of the definition (to 1e-12).
  it('2×2, no mask', () => {
    const r = sdpa({ q: [[1, 0], [0, 1]], k: [[1, 0], [0, 1]], v: [[1, 2], [3, 4]] });
    expect(r.scale).toBeCloseTo(Math.SQRT2, 15);
    expect(r.weights[0]![0]).toBeCloseTo(0.6697615493266569, 12);
    expect(r.output[0]![0]).toBeCloseTo(1.6604769013466862, 12);
    expect(r.output[1]![1]).toBeCloseTo(3.3395230986533138, 12);
  });

  it('3×3 causal: the upper triangle gets weight 0', () => {
    const r = sdpa({ q: [[1, 0], [0, 1], [1, 1]], k: [[1, 0], [0, 1], [1, 1]], v: [[1], [2], [3]], causal: true });
    expect(r.weights[0]).toEqual([1, 0, 0]);
    expect(r.weights[1]![0]).toBeCloseTo(0.3302384506733431, 12);
    expect(r.weights[1]![2]).toBe(0);
    expect(r.weights[2]![2]).toBeCloseTo(0.5034898434845538, 12);
    expect(r.output[2]![0]).toBeCloseTo(2.255234765226831, 12);
  });

  it('an explicit 0/1 mask, n ≠ m and d_k = 3', () => {
    const r = sdpa({ q: [[1, 2, 0], [0, 1, 1]], k: [[1, 0, 1], [2, 1, 0], [0, 0, 1]], v: [[1, 0], [0, 1], [1, 1]], mask: [[1, 0, 1], [1, 1, 0]] });
    expect(r.weights[0]![0]).toBeCloseTo(0.6404574756806275, 12);
    expect(r.weights[0]![1]).toBe(0);
    expect(r.output[1]).toEqual([0.5, 0.5]);
  });

  it('is stable for large scores (log-sum-exp)', () => {
    const row = softmaxRow([1000, 1001, 999]);
    expect(row.probs.every(Number.isFinite)).toBe(true);
    expect(row.lse).toBeCloseTo(1001 + Math.log(1 + Math.exp(-1) + Math.exp(-2)), 9);
    const r = sdpa({ q: [[100, 100]], k: [[100, 100], [99, 100]], v: [[1], [0]] });
    expect(Number.isFinite(r.output[0]![0]!)).toBe(true);
  });

  it('rejects mismatched shapes and a mask that hides a whole row', () => {
    expect(() => sdpa({ q: [[1, 2]], k: [[1, 2, 3]], v: [[1]] })).toThrow(/Q has 2 columns but K has 3/);
    expect(() => sdpa({ q: [[1]], k: [[1], [2]], v: [[1]] })).toThrow(/K has 2 rows but V has 1/);
    expect(() => sdpa({ q: [[1]], k: [[1]], v: [[1]], mask: [[1, 1]] })).toThrow(/mask is 1×2 but the scores are 1×1/);
    expect(() => sdpa({ q: [[1]], k: [[1]], v: [[1]], mask: [[0.5]] })).toThrow(/1 \(may attend\) or 0/);
    expect(() => sdpa({ q: [[1]], k: [[1]], v: [[1]], mask: [[0]] })).toThrow(/row 1 masks every key/);
  });

  it('slips of the weights: no scaling, d_k for √d_k, no causal mask, softmax down the columns', () => {
    const input = { q: [[1, 0], [0, 1], [1, 1]], k: [[1, 0], [0, 1], [1, 1]], v: [[1], [2], [3]], causal: true };
    const r = sdpa(input);
    const slips = sdpaSlipValues(input, r);
    expect(slips.weights.map((s) => s.id)).toEqual(['attention-no-scaling', 'attention-scale-by-dk', 'attention-no-causal-mask', 'softmax-wrong-axis']);
    const noScale = sdpa({ ...input, scaling: 'none' });
    expect((slips.weights[0]!.expected as number[][])[0]).toEqual(noScale.weights.flat());
  });

  it('explains every row of the softmax', () => {
    const en = renderWorked(explainSdpa({ q: [[1, 0], [0, 1]], k: [[1, 0], [0, 1]], v: [[1, 2], [3, 4]] }), 'en');
    expect(en).toContain('S = QKᵀ/1.414');
    expect(en).toContain('row 1: e^(s − 0.7071) = [1, 0.4931], Σ = 1.493');
    expect(en).toContain('→ [0.6698, 0.3302]');
    const zh = renderWorked(explainSdpa({ q: [[1, 0], [0, 1]], k: [[1, 0], [0, 1]], v: [[1, 2], [3, 4]] }), 'zh');
    expect(zh).toContain('第 1 行');
  });
});
