/**
 * Sequence models of the course in the spec format:
 * - transformer_base: "Attention Is All You Need" base model as nn.Transformer
 *   builds it (d = 512, 8 heads, ff = 2048, 6 + 6 post-norm layers, final
 *   norms), with the paper's shared 37k vocabulary: one matrix for both
 *   embeddings and the pre-softmax projection; sinusoidal positions.
 * - lstm_lm: PyTorch's word_language_model example at Zaremba et al.'s
 *   "medium" size (2 LSTM layers of 650, embedding 650, PTB's 10,000 words,
 *   35 steps of BPTT), untied.
 */
import type { LayerNode, NetSpec } from '../../spec';
import { NetBuilder } from '../build';

export function transformerBase(): NetSpec {
  const b = new NetBuilder('transformer_base');
  const V = 37000;
  const d = 512;
  const repeat = (make: (i: number) => LayerNode, n: number): LayerNode[] => Array.from({ length: n }, (_, i) => make(i));
  return {
    name: 'transformer_base',
    sequence: { length: 128 },
    layers: [
      b.encoderDecoder('transformer', [
        b.embedding('src_embed', V, d),
        b.posEmbedding('pos', false),
        b.dropout('dropout', 0.1),
        b.seq('layers', repeat((i) => b.encoderLayer(String(i), 8, 2048), 6)),
        b.layernorm('norm'),
      ], [
        b.embedding('tgt_embed', V, d, true),
        b.posEmbedding('pos', false),
        b.dropout('dropout', 0.1),
        b.seq('layers', repeat((i) => b.decoderLayer(String(i), 8, 2048), 6)),
        b.layernorm('norm'),
      ]),
      b.fcOpts('generator', V, { bias: false, tied: true }),
    ],
  };
}

export function lstmLm(): NetSpec {
  const b = new NetBuilder('lstm_lm');
  return {
    name: 'lstm_lm',
    sequence: { length: 35 },
    layers: [
      b.embedding('encoder', 10000, 650),
      b.dropout('drop', 0.5),
      b.lstm('rnn', 650, 2),
      b.dropout('drop_out', 0.5),
      b.fc('decoder', 10000),
    ],
  };
}
