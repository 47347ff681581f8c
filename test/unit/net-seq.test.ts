import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarise } from '../../src/core/net/analyse';
import { findNet } from '../../src/core/net/zoo/index';
import { SpecError } from '../../src/core/spec';
import { parseSpecYaml } from '../../src/core/spec-yaml';

const run = (yaml: string) => summarise(parseSpecYaml(yaml, 'net.yaml'));
const zoo = (name: string) => summarise(findNet(name)!.build());
const row = (s: ReturnType<typeof zoo>, name: string) => s.rows.find((r) => r.name === name)!;

function specError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof SpecError) return e.message;
    throw e;
  }
  throw new Error('no SpecError');
}

describe('vit_b_16 against torchvision/models/vision_transformer.py', () => {
  const s = zoo('vit_b_16');
  it('every part by hand', () => {
    expect(row(s, 'conv_proj').params).toBe(3 * 16 * 16 * 768 + 768);
    expect(row(s, 'class_token').params).toBe(768);
    expect(row(s, 'encoder.pos_embedding').params).toBe(197 * 768);
    const layer = s.blocks.find((b) => b.name === 'encoder.layers.encoder_layer_0')!;
    // ln_1 1536 + attention 4·768² + 4·768 + ln_2 1536 + MLP (768·3072 + 3072) + (3072·768 + 768)
    expect(layer.params).toBe(7087872);
    expect(row(s, 'encoder.ln').params).toBe(1536);
    expect(row(s, 'heads.head').params).toBe(769000);
    expect(s.totals.params).toBe(86567656);
  });

  it('MACs with the attention products: 17,563,828,224 (torchvision\'s 17.56 "GFLOPS")', () => {
    expect(row(s, 'conv_proj').macs).toBe(196 * 768 * 768);
    // 4·197·768² + 2·197²·768
    expect(row(s, 'encoder.layers.encoder_layer_0.attn.self_attention').macs).toBe(524391936);
    expect(row(s, 'encoder.layers.encoder_layer_0.mlp.0').macs).toBe(197 * 768 * 3072);
    expect(s.totals.macs).toBe(17563828224);
    // 12 layers × 12 heads × 197²
    expect(s.totals.attention).toBe(5588496);
  });

  it('tokens, class token and the class-token head', () => {
    expect(row(s, 'tokens').output).toMatchObject({ seq: true, h: 196, c: 768 });
    expect(row(s, 'class_token').output).toMatchObject({ seq: true, h: 197, c: 768 });
    expect(row(s, 'class').output).toEqual({ c: 768, h: 1, w: 1, flat: true });
    expect(s.featureRf!.name).toBe('conv_proj');
  });
});

describe('transformer_base and lstm_lm', () => {
  it('transformer_base = nn.Transformer() + one shared 37000×512 matrix', () => {
    const s = zoo('transformer_base');
    expect(s.totals.params).toBe(44140544 + 37000 * 512);
    expect(row(s, 'transformer.encoder.layers.0').params).toBe(3152384);
    expect(row(s, 'transformer.decoder.layers.5').params).toBe(4204032);
    expect(row(s, 'transformer.decoder.tgt_embed').params).toBe(0);
    expect(row(s, 'generator').params).toBe(0);
    // 128 tokens: encoder 4·T·D² + 2·T²·D + 2·T·D·ff; decoder adds 2·T·D² + 2·S·D² + 2·T·S·D.
    expect(row(s, 'transformer.encoder.layers.0').macs).toBe(419430400);
    expect(row(s, 'transformer.decoder.layers.0').macs).toBe(570425344);
    expect(s.totals.macs).toBe(6 * 419430400 + 6 * 570425344 + 128 * 512 * 37000);
    expect(s.totals.depth).toBe(13);
  });

  it('the decoder\'s target length and the source length may differ', () => {
    const s = summarise(findNet('transformer_base')!.build(), { sequence: { length: 10 } });
    expect(row(s, 'transformer.decoder.layers.0').detail).toContain('mem 10');
    expect(s.output).toMatchObject({ seq: true, h: 10, c: 37000 });
  });

  it('lstm_lm: Zaremba et al.\'s medium LSTM, about 20M parameters', () => {
    const s = zoo('lstm_lm');
    expect(row(s, 'encoder').params).toBe(6500000);
    expect(row(s, 'rnn').params).toBe(6770400);
    expect(row(s, 'decoder').params).toBe(6510000);
    expect(s.totals.params).toBe(19780400);
    // 35 steps of 2 layers × 4·650·1300, and the decoder at every step.
    expect(s.totals.macs).toBe(35 * 2 * 4 * 650 * 1300 + 35 * 650 * 10000);
    expect(s.totals.weightLayers).toBe(3);
    expect(s.featureRf).toBeNull();
  });
});

describe('sequence layers in spec files', () => {
  it('reads the example LSTM classifier', () => {
    const s = summarise(parseSpecYaml(readFileSync('docs/examples/lstm-classifier.yaml', 'utf8'), 'lstm-classifier.yaml'));
    expect(s.input).toMatchObject({ ids: true, h: 100 });
    expect(s.rows.map((r) => r.kind)).toEqual(['embedding', 'lstm', 'select', 'dropout', 'fc']);
    expect(row(s, 'lstm1').output).toMatchObject({ seq: true, h: 100, c: 512 });
    expect(s.totals.params).toBe(20000 * 128 + 2367488 + 1026);
  });

  it('reads T×D inputs, PyTorch\'s key names and an encoder_decoder block', () => {
    const s = run(`input: {length: 10, features: 16}
layers:
  - gru: {hidden_size: 8, num_layers: 2}
  - mha: {num_heads: 2}
  - encoder_decoder:
      encoder: [encoder_layer: {nhead: 2, dim_feedforward: 32}]
      decoder: [decoder_layer: {nhead: 2, dim_feedforward: 32}]
      target: 4
  - layernorm
  - fc: {out: 3}
`);
    expect(s.rows.map((r) => `${r.name} ${r.output.h}×${r.output.c}`)).toEqual([
      'gru1 10×8', 'mha1 10×8', 'encoder_decoder1.encoder.encoder_layer1 10×8', 'encoder_decoder1.decoder.decoder_layer1 4×8', 'layernorm1 4×8', 'fc1 4×3',
    ]);
    expect(row(s, 'encoder_decoder1.decoder.decoder_layer1').detail).toContain('mem 10');
  });

  it.each([
    ['input: {tokens: 5}\nlayers: [lstm: {hidden: 4}]\n', /lstm1 \(lstm\): needs vectors, but it gets token ids/],
    ['input: [3, 8, 8]\nlayers: [lstm: {hidden: 4}]\n', /needs a T×D sequence, but it gets a C×H×W map/],
    ['input: {length: 5, features: 4}\nlayers: [embedding: {vocab: 10, dim: 4}]\n', /takes token ids/],
    ['input: {length: 5, features: 4}\nlayers: [decoder_layer: {heads: 2}]\n', /needs the length of the encoder output/],
    ['input: {length: 5, features: 4}\nlayers: [select: {index: 5}]\n', /index 5 is past the end of a sequence of 5/],
    ['input: {length: 5, features: 4}\nlayers: [pos_embedding: {length: 4}]\n', /holds 4 positions but the sequence has 5/],
    ['input: [3, 8, 8]\nlayers: [layernorm]\n', /normalises the last dimension of a sequence or vector/],
    ['input: {length: 5, features: 6}\nlayers: [mha: {heads: 4}]\n', /embed_dim \(6\) must be divisible by num_heads \(4\)/],
    ['input: {length: 5, features: 4}\nlayers: [conv: {out: 4, k: 3}]\n', /needs a C×H×W input, but it gets a sequence 5×4/],
    ['input: {tokens: 5, features: 4}\nlayers: [relu]\n', /token ids have no features/],
    ['input: {length: 5}\nlayers: [relu]\n', /needs features: D/],
    ['input: {tokens: 0}\nlayers: [relu]\n', /tokens must be a positive integer/],
    ['input: {length: 5, features: 4}\nlayers:\n  - encoder_decoder: {encoder: [relu]}\n', /needs a non-empty "encoder" and "decoder"/],
    ['input: {length: 5, features: 4}\nlayers: [lstm: {hidden: 4, proj: 2, heads: 1}]\n', /lstm has no key "heads"/],
  ])('%s', (yaml, message) => {
    expect(specError(() => run(yaml))).toMatch(message);
  });
});
