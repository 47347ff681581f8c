/**
 * The sequence-model layer kinds of the spec format (core/spec.ts lists them
 * with the CNN kinds): embeddings, recurrent layers, attention, Transformer
 * layers, LayerNorm, and the glue a Vision Transformer needs (image patches
 * to tokens, the class token, positional embeddings, picking one token).
 * Their parameters and MACs are computed in core/net/sequence.ts with the
 * same formulas as `dlnotes params` and `dlnotes attention`.
 */
import type { KindDef } from './spec';
import { bi } from './text';

const RNN_ARGS = { hidden: 'posint', layers: 'posint', bidirectional: 'bool', bias: 'bool' } as const;
const RNN_KEYS = { hidden_size: 'hidden', num_layers: 'layers', proj_size: 'proj' };
const LAYER_KEYS = { nhead: 'heads', num_heads: 'heads', dim_feedforward: 'ff' };

export const SEQ_LAYER_KINDS: KindDef[] = [
  { kind: 'embedding', aliases: ['emb'], args: { vocab: 'posint', dim: 'posint', tied: 'bool' }, required: ['vocab', 'dim'], keyAliases: { num_embeddings: 'vocab', embedding_dim: 'dim' }, summary: bi('nn.Embedding: vocab (num_embeddings), dim (embedding_dim); token ids T → T×dim; tied: true shares an earlier matrix (0 new parameters)', 'nn.Embedding：vocab（num_embeddings）、dim（embedding_dim）；T 个词元 id → T×dim；tied: true 共用前面的矩阵（不增加参数）') },
  { kind: 'rnn', aliases: [], args: { ...RNN_ARGS }, required: ['hidden'], keyAliases: RNN_KEYS, summary: bi('nn.RNN on a T×D sequence: hidden, layers, bidirectional, bias (PyTorch\'s b_ih and b_hh)', '作用于 T×D 序列的 nn.RNN：hidden、layers、bidirectional、bias（PyTorch 的 b_ih 和 b_hh）') },
  { kind: 'lstm', aliases: [], args: { ...RNN_ARGS, proj: 'posint' }, required: ['hidden'], keyAliases: RNN_KEYS, summary: bi('nn.LSTM on a T×D sequence: hidden, layers, bidirectional, bias, proj (proj_size)', '作用于 T×D 序列的 nn.LSTM：hidden、layers、bidirectional、bias、proj（proj_size）') },
  { kind: 'gru', aliases: [], args: { ...RNN_ARGS }, required: ['hidden'], keyAliases: RNN_KEYS, summary: bi('nn.GRU on a T×D sequence: hidden, layers, bidirectional, bias', '作用于 T×D 序列的 nn.GRU：hidden、layers、bidirectional、bias') },
  { kind: 'mha', aliases: ['multiheadattention', 'attention', 'self_attention', 'self_attn'], args: { heads: 'posint', bias: 'bool' }, required: ['heads'], keyAliases: LAYER_KEYS, summary: bi('nn.MultiheadAttention as self-attention on a T×D sequence: heads, bias; MACs 4·T·D² + 2·T²·D', '在 T×D 序列上做自注意力的 nn.MultiheadAttention：heads、bias；MACs 4·T·D² + 2·T²·D') },
  { kind: 'encoder_layer', aliases: ['encoderlayer', 'transformer_encoder_layer', 'encoder_block'], args: { heads: 'posint', ff: 'posint', bias: 'bool', norm_first: 'bool' }, required: ['heads'], keyAliases: LAYER_KEYS, summary: bi('nn.TransformerEncoderLayer: heads, ff (dim_feedforward, 2048), bias, norm_first', 'nn.TransformerEncoderLayer：heads、ff（dim_feedforward，默认 2048）、bias、norm_first') },
  { kind: 'decoder_layer', aliases: ['decoderlayer', 'transformer_decoder_layer', 'decoder_block'], args: { heads: 'posint', ff: 'posint', bias: 'bool', norm_first: 'bool', memory: 'posint' }, required: ['heads'], keyAliases: LAYER_KEYS, summary: bi('nn.TransformerDecoderLayer: heads, ff (2048), bias, norm_first, memory (the source length; inside encoder_decoder: the encoder\'s)', 'nn.TransformerDecoderLayer：heads、ff（默认 2048）、bias、norm_first、memory（源序列长度；在 encoder_decoder 里取编码器的）') },
  { kind: 'layernorm', aliases: ['layer_norm', 'ln'], args: { affine: 'bool', bias: 'bool', eps: 'real' }, keyAliases: { elementwise_affine: 'affine' }, summary: bi('nn.LayerNorm over the last dimension: 2D parameters (γ, β); affine: false has none, bias: false only γ', '对最后一维做 nn.LayerNorm：2D 个参数（γ、β）；affine: false 没有参数，bias: false 只有 γ') },
  { kind: 'gelu', aliases: [], args: {}, summary: bi('GELU (no parameters, size unchanged)', 'GELU（无参数，尺寸不变）') },
  { kind: 'tokens', aliases: ['patches', 'to_tokens'], args: {}, summary: bi('C×H×W → (H·W)×C: every position of a feature map becomes a token (ViT after its patch conv)', 'C×H×W → (H·W)×C：特征图的每个位置成为一个词元（ViT 在切块卷积之后）') },
  { kind: 'cls_token', aliases: ['clstoken', 'class_token'], args: {}, summary: bi('prepends a learned class token: T×D → (T+1)×D, D parameters', '在前面加一个可学习的类别词元：T×D → (T+1)×D，D 个参数') },
  { kind: 'pos_embedding', aliases: ['posembedding', 'positional', 'pos_encoding', 'positional_encoding'], args: { learned: 'bool', length: 'posint' }, summary: bi('adds positions: learned (default) has length·D parameters (length: the positions it holds, default T); learned: false is the sinusoidal encoding (0)', '加上位置编码：learned（默认）有 length·D 个参数（length：可容纳的位置数，默认 T）；learned: false 是正弦编码（0 个参数）') },
  { kind: 'select', aliases: ['take', 'token'], args: { index: 'nonneg', last: 'bool' }, summary: bi('one position of a T×D sequence as a vector of D: index (0-based, default 0: ViT\'s class token) or last: true (many-to-one)', '取 T×D 序列的一个位置作为长度 D 的向量：index（从 0 开始，默认 0：ViT 的类别词元）或 last: true（多对一）') },
  { kind: 'encoder_decoder', aliases: ['encdec', 'seq2seq'], args: {}, block: 'encdec', summary: bi('encoder and decoder: {encoder: [...], decoder: [...], target: T\'}; the decoder starts from its own T\' tokens and its decoder_layers attend to the encoder\'s output', '编码器和解码器：{encoder: [...], decoder: [...], target: T\'}；解码器从自己的 T\' 个词元开始，其 decoder_layer 关注编码器的输出') },
];

/** Kinds that mix positions (each output sees the whole sequence): their receptive field is global. */
export const SEQ_MIXING: ReadonlySet<string> = new Set(['rnn', 'lstm', 'gru', 'mha', 'encoder_layer', 'decoder_layer']);

/** Every sequence kind, for the walker's dispatch. */
export const SEQ_KINDS: ReadonlySet<string> = new Set(SEQ_LAYER_KINDS.filter((k) => !k.block).map((k) => k.kind));
