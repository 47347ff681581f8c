/**
 * The sequence-model layer kinds of the spec format (core/spec.ts lists them
 * with the CNN kinds): embeddings, recurrent layers, attention, Transformer
 * layers, LayerNorm, and the glue a Vision Transformer needs (image patches
 * to tokens, the class token, positional embeddings, picking one token).
 * Their parameters and MACs are computed in core/net/sequence.ts with the
 * same formulas as `dlnotes params` and `dlnotes attention`.
 */
import type { KindDef } from './spec';

const RNN_ARGS = { hidden: 'posint', layers: 'posint', bidirectional: 'bool', bias: 'bool' } as const;
const RNN_KEYS = { hidden_size: 'hidden', num_layers: 'layers', proj_size: 'proj' };
const LAYER_KEYS = { nhead: 'heads', num_heads: 'heads', dim_feedforward: 'ff' };

export const SEQ_LAYER_KINDS: KindDef[] = [
  { kind: 'embedding', aliases: ['emb'], args: { vocab: 'posint', dim: 'posint', tied: 'bool' }, required: ['vocab', 'dim'], keyAliases: { num_embeddings: 'vocab', embedding_dim: 'dim' }, summary: 'nn.Embedding: vocab (num_embeddings), dim (embedding_dim); token ids T → T×dim; tied: true shares an earlier matrix (0 new parameters)' },
  { kind: 'rnn', aliases: [], args: { ...RNN_ARGS }, required: ['hidden'], keyAliases: RNN_KEYS, summary: 'nn.RNN on a T×D sequence: hidden, layers, bidirectional, bias (PyTorch\'s b_ih and b_hh)' },
  { kind: 'lstm', aliases: [], args: { ...RNN_ARGS, proj: 'posint' }, required: ['hidden'], keyAliases: RNN_KEYS, summary: 'nn.LSTM on a T×D sequence: hidden, layers, bidirectional, bias, proj (proj_size)' },
  { kind: 'gru', aliases: [], args: { ...RNN_ARGS }, required: ['hidden'], keyAliases: RNN_KEYS, summary: 'nn.GRU on a T×D sequence: hidden, layers, bidirectional, bias' },
  { kind: 'mha', aliases: ['multiheadattention', 'attention', 'self_attention', 'self_attn'], args: { heads: 'posint', bias: 'bool' }, required: ['heads'], keyAliases: LAYER_KEYS, summary: 'nn.MultiheadAttention as self-attention on a T×D sequence: heads, bias; MACs 4·T·D² + 2·T²·D' },
  { kind: 'encoder_layer', aliases: ['encoderlayer', 'transformer_encoder_layer', 'encoder_block'], args: { heads: 'posint', ff: 'posint', bias: 'bool', norm_first: 'bool' }, required: ['heads'], keyAliases: LAYER_KEYS, summary: 'nn.TransformerEncoderLayer: heads, ff (dim_feedforward, 2048), bias, norm_first' },
  { kind: 'decoder_layer', aliases: ['decoderlayer', 'transformer_decoder_layer', 'decoder_block'], args: { heads: 'posint', ff: 'posint', bias: 'bool', norm_first: 'bool', memory: 'posint' }, required: ['heads'], keyAliases: LAYER_KEYS, summary: 'nn.TransformerDecoderLayer: heads, ff (2048), bias, norm_first, memory (the source length; inside encoder_decoder: the encoder\'s)' },
  { kind: 'layernorm', aliases: ['layer_norm', 'ln'], args: { affine: 'bool', bias: 'bool', eps: 'real' }, keyAliases: { elementwise_affine: 'affine' }, summary: 'nn.LayerNorm over the last dimension: 2D parameters (γ, β); affine: false has none, bias: false only γ' },
  { kind: 'gelu', aliases: [], args: {}, summary: 'GELU (no parameters, size unchanged)' },
  { kind: 'tokens', aliases: ['patches', 'to_tokens'], args: {}, summary: 'C×H×W → (H·W)×C: every position of a feature map becomes a token (ViT after its patch conv)' },
  { kind: 'cls_token', aliases: ['clstoken', 'class_token'], args: {}, summary: 'prepends a learned class token: T×D → (T+1)×D, D parameters' },
  { kind: 'pos_embedding', aliases: ['posembedding', 'positional', 'pos_encoding', 'positional_encoding'], args: { learned: 'bool', length: 'posint' }, summary: 'adds positions: learned (default) has length·D parameters (length: the positions it holds, default T); learned: false is the sinusoidal encoding (0)' },
  { kind: 'select', aliases: ['take', 'token'], args: { index: 'nonneg', last: 'bool' }, summary: 'one position of a T×D sequence as a vector of D: index (0-based, default 0: ViT\'s class token) or last: true (many-to-one)' },
  { kind: 'encoder_decoder', aliases: ['encdec', 'seq2seq'], args: {}, block: 'encdec', summary: 'encoder and decoder: {encoder: [...], decoder: [...], target: T\'}; the decoder starts from its own T\' tokens and its decoder_layers attend to the encoder\'s output' },
];

/** Kinds that mix positions (each output sees the whole sequence): their receptive field is global. */
export const SEQ_MIXING: ReadonlySet<string> = new Set(['rnn', 'lstm', 'gru', 'mha', 'encoder_layer', 'decoder_layer']);

/** Every sequence kind, for the walker's dispatch. */
export const SEQ_KINDS: ReadonlySet<string> = new Set(SEQ_LAYER_KINDS.filter((k) => !k.block).map((k) => k.kind));
