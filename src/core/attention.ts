/**
 * Multi-head attention and the Transformer as PyTorch builds them
 * (torch/nn/modules/activation.py MultiheadAttention, transformer.py):
 * parameter counts part by part, and the cost of one self-attention layer
 * for a sequence of n tokens of width d, with the comparison table of
 * "Attention Is All You Need" (Table 1) filled in with the student's n and d.
 *
 * MAC convention: every matrix product is counted, the attention's own
 * weight-free products (QKᵀ and weights·V) included; softmax, LayerNorm,
 * activations, biases and residual adds count 0. torchinfo counts only
 * modules' weights and so misses QKᵀ and weights·V.
 */
import { InputError } from './errors';
import { exactCount } from './exact';
import { fmtBytes, fmtInt, fmtSI } from './format';
import { slipValues, type SlipDef, type SlipValue } from './slips';
import { bi, joinText, msg, txt, type Text } from './text';
import { WorkedBuilder, type Worked } from './worked';

/** ": " in English, "：" after Chinese. */
const COLON = bi(': ', '：');

const M = {
  positive: msg((what: string, got: number) => `${what} must be a positive integer, got ${got}`, (what, got) => `${what} 必须是正整数，收到 ${got}`),
  headsDivide: msg((d: number, h: number) => `embed_dim (${d}) must be divisible by num_heads (${h}), as nn.MultiheadAttention requires`,
    (d, h) => `embed_dim（${d}）必须能被 num_heads（${h}）整除，这是 nn.MultiheadAttention 的要求`),
  tiedNeedsVocab: bi('--tied shares the embedding matrix: give --vocab as well', '--tied 表示共享词嵌入矩阵：还需要给出 --vocab'),
  mhaTitle: bi('nn.MultiheadAttention parameters', 'nn.MultiheadAttention 参数量'),
  given: bi('Given: ', '已知：'),
  dOf: msg((d: number) => `d_model = ${d}`, (d) => `d_model = ${d}`),
  headsOf: msg((h: number, dk: number) => `${h} heads of d_k = d/h = ${dk}`, (h, dk) => `${h} 个头，每个 d_k = d/h = ${dk}`),
  ffOf: msg((ff: number) => `feed-forward width ${ff}`, (ff) => `前馈层宽度 ${ff}`),
  noBias: bi('bias=False', 'bias=False（无偏置）'),
  inProj: bi('in_proj: W_Q, W_K, W_V stacked into one 3d×d matrix', 'in_proj：W_Q、W_K、W_V 叠成一个 3d×d 矩阵'),
  outProj: bi('out_proj: W_O, d×d', 'out_proj：W_O，d×d'),
  headsFree: msg((h: number, dk: number) => `The ${h} heads split the d columns (${h} × ${dk}); more heads do not add parameters.`,
    (h, dk) => `${h} 个头只是把 d 列分开（${h} × ${dk}）；头数增加不会增加参数。`),
  general: bi('General formula: 4d² + 4d (4d² without biases)', '一般公式：4d² + 4d（无偏置时 4d²）'),
  encTitle: bi('nn.TransformerEncoderLayer parameters', 'nn.TransformerEncoderLayer 参数量'),
  decTitle: bi('nn.TransformerDecoderLayer parameters', 'nn.TransformerDecoderLayer 参数量'),
  trTitle: bi('nn.Transformer parameters', 'nn.Transformer 参数量'),
  selfAttn: bi('self-attention (MultiheadAttention)', '自注意力（MultiheadAttention）'),
  crossAttn: bi('encoder-decoder attention (multihead_attn)', '编码器-解码器注意力（multihead_attn）'),
  ffn: bi('feed-forward: linear1 d→ff, linear2 ff→d', '前馈网络：linear1 d→ff，linear2 ff→d'),
  norms: msg((k: number) => `${k} LayerNorms, γ and β of d each`, (k) => `${k} 个 LayerNorm，各有 d 个 γ 和 β`),
  layerTotal: bi('one layer', '一层'),
  encoderOf: msg((n: number) => `encoder: ${n} × encoder layer + final LayerNorm`, (n) => `编码器：${n} × 编码器层 + 最后的 LayerNorm`),
  decoderOf: msg((n: number) => `decoder: ${n} × decoder layer + final LayerNorm`, (n) => `解码器：${n} × 解码器层 + 最后的 LayerNorm`),
  embeddings: bi('Embeddings and output projection (outside nn.Transformer)', '词嵌入和输出投影（不在 nn.Transformer 里）'),
  tied: bi('One V×d matrix is shared by both embeddings and the pre-softmax projection (the paper):', '两个词嵌入和 softmax 前的投影共用一个 V×d 矩阵（论文的做法）：'),
  untied: bi('Source and target embeddings (V·d each) and the output Linear(d, V) with its bias:', '源语言和目标语言词嵌入（各 V·d）以及带偏置的输出层 Linear(d, V)：'),
  posenc: bi('Sinusoidal positional encodings have no parameters.', '正弦位置编码没有参数。'),
  coreTotal: bi('nn.Transformer', 'nn.Transformer'),
  total: bi('total', '合计'),
  paperCheck: msg((n: string) => `The paper (Table 3) lists 65M for the base model; this count gives ${n}. Its vocabulary of "about 37000" tokens is approximate, and 65M would need about 41k.`,
    (n) => `论文（表 3）给出 base 模型 65M；按此计算为 ${n}。论文的词表“约 37000”是近似值，65M 约对应 41k 的词表。`),
  defaults: bi("nn.Transformer() with its defaults (d = 512, 8 heads, ff = 2048, 6 + 6 layers) has 44,140,544 parameters: the base model without embeddings.",
    'nn.Transformer() 的默认值（d = 512、8 个头、ff = 2048、6 + 6 层）共 44,140,544 个参数：就是不含词嵌入的 base 模型。'),
};

function checkPos(field: string, what: string, v: number): void {
  if (!(Number.isInteger(v) && v >= 1)) throw new InputError(field, M.positive(what, v));
}

export interface Part {
  /** state_dict-style name: in_proj_weight, linear1.weight, norm1. */
  name: string;
  params: number;
  /** A short formula with numbers: "3·512·512". */
  formula: string;
}

export interface MhaParams {
  d: number;
  heads: number;
  dk: number;
  bias: boolean;
  parts: Part[];
  weights: number;
  biases: number;
  params: number;
}

/** nn.MultiheadAttention(d, heads, bias): in_proj 3d×d (+3d), out_proj d×d (+d). */
export function mhaParams(d: number, heads: number, bias = true): MhaParams {
  checkPos('d', 'd_model (embed_dim)', d);
  checkPos('heads', 'num_heads', heads);
  if (d % heads !== 0) throw new InputError('heads', M.headsDivide(d, heads));
  const parts: Part[] = [{ name: 'in_proj_weight', params: 3 * d * d, formula: `3·${d}·${d}` }];
  if (bias) parts.push({ name: 'in_proj_bias', params: 3 * d, formula: `3·${d}` });
  parts.push({ name: 'out_proj.weight', params: d * d, formula: `${d}·${d}` });
  if (bias) parts.push({ name: 'out_proj.bias', params: d, formula: String(d) });
  const weights = 4 * d * d;
  const params = exactCount('d', 'params', parts.reduce((a, p) => a + p.params, 0));
  return { d, heads, dk: d / heads, bias, parts, weights, biases: params - weights, params };
}

export interface LayerSpec {
  d: number;
  heads: number;
  /** dim_feedforward (PyTorch's default 2048). */
  ff: number;
  bias?: boolean;
}

export interface TransformerLayerParams {
  kind: 'encoder' | 'decoder';
  spec: Required<LayerSpec>;
  mha: MhaParams;
  /** Named parts: self_attn, (multihead_attn), linear1, linear2, norm1.. */
  parts: Part[];
  params: number;
}

function linear(name: string, inF: number, outF: number, bias: boolean): Part {
  return { name, params: inF * outF + (bias ? outF : 0), formula: `${inF}·${outF}${bias ? ` + ${outF}` : ''}` };
}

/** nn.TransformerEncoderLayer / DecoderLayer: attention(s), the two linears, and 2 or 3 LayerNorms (LayerNorm's bias follows `bias`). */
export function transformerLayerParams(kind: 'encoder' | 'decoder', spec: LayerSpec): TransformerLayerParams {
  const s: Required<LayerSpec> = { bias: true, ...spec };
  checkPos('ff', 'dim_feedforward', s.ff);
  const mha = mhaParams(s.d, s.heads, s.bias);
  const norm = (i: number): Part => ({ name: `norm${i}`, params: s.bias ? 2 * s.d : s.d, formula: s.bias ? `2·${s.d}` : String(s.d) });
  const parts: Part[] = [{ name: 'self_attn', params: mha.params, formula: s.bias ? `4·${s.d}² + 4·${s.d}` : `4·${s.d}²` }];
  if (kind === 'decoder') parts.push({ name: 'multihead_attn', params: mha.params, formula: parts[0]!.formula });
  parts.push(linear('linear1', s.d, s.ff, s.bias), linear('linear2', s.ff, s.d, s.bias));
  for (let i = 1; i <= (kind === 'decoder' ? 3 : 2); i++) parts.push(norm(i));
  return { kind, spec: s, mha, parts, params: parts.reduce((a, p) => a + p.params, 0) };
}

export interface TransformerSpec extends LayerSpec {
  encoderLayers: number;
  decoderLayers: number;
  /** Shared vocabulary size, for the embeddings and the output projection. */
  vocab?: number;
  /** One matrix for both embeddings and the pre-softmax projection (the paper). */
  tied?: boolean;
}

export interface TransformerParams {
  spec: TransformerSpec & { bias: boolean };
  encoderLayer: TransformerLayerParams;
  decoderLayer: TransformerLayerParams;
  encoder: number;
  decoder: number;
  /** nn.Transformer alone (encoder + decoder with their final norms). */
  core: number;
  /** Embeddings and output projection when a vocabulary is given. */
  embeddings: number;
  params: number;
  /** One LayerNorm: the final norm of the encoder and of the decoder. */
  norm: number;
}

/** nn.Transformer: N encoder layers + norm, M decoder layers + norm; plus embeddings for a vocabulary. */
export function transformerParams(spec: TransformerSpec): TransformerParams {
  const bias = spec.bias ?? true;
  // PyTorch accepts 0 layers (an empty ModuleList); here an encoder-decoder needs both halves.
  checkPos('encoder-layers', 'num_encoder_layers', spec.encoderLayers);
  checkPos('decoder-layers', 'num_decoder_layers', spec.decoderLayers);
  if (spec.vocab !== undefined) checkPos('vocab', 'vocabulary size', spec.vocab);
  if (spec.tied && spec.vocab === undefined) throw new InputError('tied', M.tiedNeedsVocab);
  const encoderLayer = transformerLayerParams('encoder', spec);
  const decoderLayer = transformerLayerParams('decoder', spec);
  const norm = bias ? 2 * spec.d : spec.d;
  const encoder = spec.encoderLayers * encoderLayer.params + norm;
  const decoder = spec.decoderLayers * decoderLayer.params + norm;
  const core = encoder + decoder;
  const V = spec.vocab;
  const embeddings = V === undefined ? 0 : spec.tied ? V * spec.d : 2 * V * spec.d + V * spec.d + V;
  const layers = spec.encoderLayers >= spec.decoderLayers ? 'encoder-layers' : 'decoder-layers';
  const params = exactCount(embeddings > core ? 'vocab' : spec.encoderLayers + spec.decoderLayers > spec.d ? layers : 'd', 'params', core + embeddings);
  return { spec: { ...spec, bias }, encoderLayer, decoderLayer, encoder, decoder, core, embeddings, params, norm };
}

function describe(parts: Text[]): Text {
  return txt`${M.given}${joinText(parts, bi(', ', '，'))}${bi('.', '。')}`;
}

/** The worked solution of mhaParams. */
export function explainMhaParams(d: number, heads: number, bias = true): Worked {
  const r = mhaParams(d, heads, bias);
  const wb = new WorkedBuilder(M.mhaTitle);
  wb.note(describe([M.dOf(d), M.headsOf(heads, r.dk), ...(bias ? [] : [M.noBias])]));
  wb.heading(M.inProj);
  wb.formula(`in_proj_weight = 3d·d = 3·${d}·${d} = ${fmtInt(3 * d * d)}`);
  if (bias) wb.step(`in_proj_bias = 3d = ${fmtInt(3 * d)}`);
  wb.heading(M.outProj);
  wb.formula(`out_proj.weight = d·d = ${d}·${d} = ${fmtInt(d * d)}`);
  if (bias) wb.step(`out_proj.bias = d = ${fmtInt(d)}`);
  wb.result(`${r.parts.map((p) => fmtInt(p.params)).join(' + ')} = ${fmtInt(r.params)}`);
  wb.note(M.headsFree(heads, r.dk));
  wb.note(M.general);
  return wb.build();
}

function layerLines(wb: WorkedBuilder, r: TransformerLayerParams): void {
  for (const p of r.parts) wb.step(`${p.name.padEnd(15)} ${p.formula} = ${fmtInt(p.params)}`);
  wb.result(txt`${M.layerTotal}${COLON}${fmtInt(r.params)}`);
  wb.note(txt`self_attn: ${M.selfAttn}${r.kind === 'decoder' ? txt`${bi('; ', '；')}multihead_attn: ${M.crossAttn}` : ''}`);
}

/** The worked solution of one encoder or decoder layer. */
export function explainTransformerLayer(kind: 'encoder' | 'decoder', spec: LayerSpec): Worked {
  const r = transformerLayerParams(kind, spec);
  const s = r.spec;
  const wb = new WorkedBuilder(kind === 'encoder' ? M.encTitle : M.decTitle);
  wb.note(describe([M.dOf(s.d), M.headsOf(s.heads, r.mha.dk), M.ffOf(s.ff), ...(s.bias ? [] : [M.noBias])]));
  wb.formula(s.bias ? 'MHA = 4d² + 4d;  FFN = 2·d·ff + ff + d;  LayerNorm = 2d' : 'MHA = 4d²;  FFN = 2·d·ff;  LayerNorm = d');
  layerLines(wb, r);
  wb.note(M.norms(kind === 'decoder' ? 3 : 2));
  wb.note(M.headsFree(s.heads, r.mha.dk));
  return wb.build();
}

/** The worked solution of transformerParams. */
export function explainTransformer(spec: TransformerSpec): Worked {
  const r = transformerParams(spec);
  const s = r.spec;
  const wb = new WorkedBuilder(M.trTitle);
  wb.note(describe([M.dOf(s.d), M.headsOf(s.heads, r.encoderLayer.mha.dk), M.ffOf(s.ff), ...(s.bias ? [] : [M.noBias])]));
  wb.heading(M.encoderOf(s.encoderLayers));
  layerLines(wb, r.encoderLayer);
  wb.step(`${s.encoderLayers} · ${fmtInt(r.encoderLayer.params)} + ${fmtInt(r.norm)} = ${fmtInt(r.encoder)}`);
  wb.heading(M.decoderOf(s.decoderLayers));
  layerLines(wb, r.decoderLayer);
  wb.step(`${s.decoderLayers} · ${fmtInt(r.decoderLayer.params)} + ${fmtInt(r.norm)} = ${fmtInt(r.decoder)}`);
  wb.heading(M.coreTotal);
  wb.result(`nn.Transformer = ${fmtInt(r.encoder)} + ${fmtInt(r.decoder)} = ${fmtInt(r.core)}`);
  if (s.vocab !== undefined) {
    const V = s.vocab;
    wb.heading(M.embeddings);
    if (s.tied) {
      wb.note(M.tied);
      wb.step(`V·d = ${V}·${s.d} = ${fmtInt(r.embeddings)}`);
    } else {
      wb.note(M.untied);
      wb.step(`2·V·d + (d·V + V) = 2·${V}·${s.d} + (${s.d}·${V} + ${V}) = ${fmtInt(r.embeddings)}`);
    }
    wb.note(M.posenc);
    wb.result(txt`${M.total} = ${fmtInt(r.core)} + ${fmtInt(r.embeddings)} = ${fmtInt(r.params)} (${fmtSI(r.params, 1)})`);
    if (s.d === 512 && s.heads === 8 && s.ff === 2048 && s.encoderLayers === 6 && s.decoderLayers === 6 && s.tied && s.bias) wb.note(M.paperCheck(fmtSI(r.params, 1)));
  }
  if (s.d === 512 && s.heads === 8 && s.ff === 2048 && s.encoderLayers === 6 && s.decoderLayers === 6 && s.bias) wb.note(M.defaults);
  return wb.build();
}

// ---- the cost of one self-attention layer -----------------------------------

const C = {
  title: bi('Multi-head self-attention: cost of one layer', '多头自注意力：一层的计算量'),
  given: msg((n: number, d: number, h: number, dk: number, b: number) => `n = ${n} tokens, d = ${d}, ${h} heads of d_k = ${dk}${b > 1 ? `, batch ${b}` : ''}.`,
    (n, d, h, dk, b) => `n = ${n} 个词元，d = ${d}，${h} 个头，每个 d_k = ${dk}${b > 1 ? `，批大小 ${b}` : ''}。`),
  macs: bi('MACs (one sequence)', 'MACs（一个序列）'),
  proj: bi('Q, K, V projections', 'Q、K、V 投影'),
  scores: bi('scores QKᵀ (all heads)', '分数 QKᵀ（所有头）'),
  weighted: bi('softmax(·)·V (all heads)', 'softmax(·)·V（所有头）'),
  out: bi('output projection W_O', '输出投影 W_O'),
  softmax: msg((e: string) => `softmax: ${e} exponentials, counted 0 MACs`, (e) => `softmax：${e} 次指数运算，不计入 MACs`),
  total: msg((m: string, f: string) => `total = 4·n·d² + 2·n²·d = ${m} MACs = ${f} FLOPs`, (m, f) => `合计 = 4·n·d² + 2·n²·d = ${m} MACs = ${f} FLOPs`),
  batchTotal: msg((b: number, m: string) => `× batch ${b} = ${m} MACs`, (b, m) => `× 批大小 ${b} = ${m} MACs`),
  crossover: msg((n: number, d: number) => `n = ${n} ${n < d ? '<' : n > d ? '>' : '='} d = ${d}: the n²·d terms ${n < d ? 'are the smaller part' : n > d ? 'dominate' : 'equal half the projections'}.`,
    (n, d) => `n = ${n} ${n < d ? '<' : n > d ? '>' : '='} d = ${d}：n²·d 项${n < d ? '是较小的部分' : n > d ? '占主导' : '等于投影的一半'}。`),
  causal: msg((full: string, half: string) => `causal: PyTorch still computes the full n×n scores and masks the upper triangle (${full} MACs above); a kernel that skips the masked half needs ${half} per product.`,
    (full, half) => `因果掩码：PyTorch 仍计算完整的 n×n 分数再遮住上三角（上面的 ${full} MACs）；跳过被遮部分的实现每个乘积只需 ${half}。`),
  memory: bi('Attention matrix memory', '注意力矩阵显存'),
  memFormula: msg((expr: string, v: string) => `values = batch·h·n² = ${expr} = ${v}`, (expr, v) => `数值个数 = 批大小·h·n² = ${expr} = ${v}`),
  memBytes: msg((v: string, b: string) => `fp32: ${v} × 4 B = ${b} (kept for the backward pass)`, (v, b) => `fp32：${v} × 4 B = ${b}（反向传播时要保存）`),
  quadratic: bi('Doubling n quadruples it: this n² term is what limits the context length.', 'n 翻倍它就变成 4 倍：正是这个 n² 项限制了上下文长度。'),
  table: bi('Table 1 of the paper, with these n and d', '论文表 1，代入这里的 n 和 d'),
  tableNote: msg((k: number) => `k = ${k}: the convolution's kernel width (--kernel); per-layer complexity counts the dominant products only.`,
    (k) => `k = ${k}：卷积核宽度（--kernel）；每层复杂度只计主要的乘法。`),
  cheaper: msg((a: string, b: string) => `here self-attention (${a}) is cheaper per layer than a recurrent layer (${b}): n < d.`,
    (a, b) => `这里自注意力（${a}）每层比循环层（${b}）便宜：n < d。`),
  dearer: msg((a: string, b: string) => `here self-attention (${a}) costs more per layer than a recurrent layer (${b}): n > d.`,
    (a, b) => `这里自注意力（${a}）每层比循环层（${b}）更贵：n > d。`),
};

export interface AttentionCostSpec {
  n: number;
  d: number;
  heads: number;
  batch?: number;
  causal?: boolean;
  /** Convolution kernel width for the comparison table (default 3). */
  kernel?: number;
}

export interface ComparisonRow {
  layer: 'self-attention' | 'recurrent' | 'convolutional';
  complexity: string;
  /** The complexity with n, d (and k or r) substituted. */
  value: number;
  sequential: string;
  sequentialValue: number;
  path: string;
  pathValue: number;
}

export interface AttentionCost {
  spec: Required<AttentionCostSpec>;
  dk: number;
  /** MACs of one sequence, by part. */
  parts: { qkv: number; scores: number; weighted: number; out: number };
  /** MACs of one sequence. */
  perSequence: number;
  /** For the whole batch. */
  macs: number;
  flops: number;
  /** Exponentials of the softmax for the batch. */
  exps: number;
  /** Attention-matrix values (batch·h·n²) and fp32 bytes. */
  attnValues: number;
  attnBytes: number;
  /** MACs of QKᵀ (and of weights·V) when the masked half is skipped: h·d_k·n(n+1)/2. */
  causalScores: number;
  table: ComparisonRow[];
}

/** Cost of one multi-head self-attention layer and the paper's comparison. */
export function attentionCost(spec: AttentionCostSpec): AttentionCost {
  const s: Required<AttentionCostSpec> = { batch: 1, causal: false, kernel: 3, ...spec };
  checkPos('n', 'sequence length n', s.n);
  checkPos('d', 'd_model', s.d);
  checkPos('heads', 'heads', s.heads);
  checkPos('batch', 'batch', s.batch);
  checkPos('kernel', 'kernel width', s.kernel);
  if (s.d % s.heads !== 0) throw new InputError('heads', M.headsDivide(s.d, s.heads));
  const { n, d, heads, batch, kernel } = s;
  const parts = { qkv: 3 * n * d * d, scores: n * n * d, weighted: n * n * d, out: n * d * d };
  const perSequence = parts.qkv + parts.scores + parts.weighted + parts.out;
  const big = n >= d ? 'n' : 'd';
  // FLOPs (2 × MACs), the table's convolution row and the maps' bytes are the largest numbers shown.
  exactCount(big, 'macs', 2 * batch * Math.max(perSequence, kernel * n * d * d));
  exactCount(big, 'memory', 4 * batch * heads * n * n);
  const macs = batch * perSequence;
  const logk = Math.max(1, Math.ceil(Math.log(n) / Math.log(Math.max(2, kernel))));
  const table: ComparisonRow[] = [
    { layer: 'self-attention', complexity: 'O(n²·d)', value: n * n * d, sequential: 'O(1)', sequentialValue: 1, path: 'O(1)', pathValue: 1 },
    { layer: 'recurrent', complexity: 'O(n·d²)', value: n * d * d, sequential: 'O(n)', sequentialValue: n, path: 'O(n)', pathValue: n },
    { layer: 'convolutional', complexity: 'O(k·n·d²)', value: kernel * n * d * d, sequential: 'O(1)', sequentialValue: 1, path: 'O(log_k n)', pathValue: logk },
  ];
  return {
    spec: s,
    dk: d / heads,
    parts,
    perSequence,
    macs,
    flops: 2 * macs,
    exps: batch * heads * n * n,
    attnValues: batch * heads * n * n,
    attnBytes: 4 * batch * heads * n * n,
    causalScores: (d * n * (n + 1)) / 2,
    table,
  };
}

/** The worked solution of attentionCost (the table itself is rendered by the command). */
export function explainAttentionCost(spec: AttentionCostSpec): Worked {
  const r = attentionCost(spec);
  const { n, d, heads, batch } = r.spec;
  const wb = new WorkedBuilder(C.title);
  wb.note(C.given(n, d, heads, r.dk, batch));
  wb.heading(C.macs);
  // The four products are alike: one level, the total below them.
  wb.step(txt`${C.proj}${COLON}3·n·d² = 3·${n}·${d}² = ${fmtInt(r.parts.qkv)}`);
  wb.step(txt`${C.scores}${COLON}h·n²·d_k = n²·d = ${n}²·${d} = ${fmtInt(r.parts.scores)}`);
  wb.step(txt`${C.weighted}${COLON}n²·d = ${fmtInt(r.parts.weighted)}`);
  wb.step(txt`${C.out}${COLON}n·d² = ${n}·${d}² = ${fmtInt(r.parts.out)}`);
  wb.step(C.softmax(fmtInt(heads * n * n)));
  wb.result(C.total(fmtInt(r.perSequence), fmtInt(2 * r.perSequence)));
  if (batch > 1) wb.result(C.batchTotal(batch, fmtInt(r.macs)));
  wb.note(C.crossover(n, d));
  if (r.spec.causal) wb.note(C.causal(fmtInt(r.parts.scores), `d·n(n+1)/2 = ${fmtInt(r.causalScores)}`));
  wb.heading(C.memory);
  wb.formula(C.memFormula(`${batch}·${heads}·${n}²`, fmtInt(r.attnValues)));
  wb.result(C.memBytes(fmtInt(r.attnValues), fmtBytes(r.attnBytes)));
  wb.note(C.quadratic);
  const [sa, rec] = r.table;
  wb.heading(C.table);
  wb.note(n < d ? C.cheaper(fmtSI(sa!.value, 1), fmtSI(rec!.value, 1)) : C.dearer(fmtSI(sa!.value, 1), fmtSI(rec!.value, 1)));
  wb.note(C.tableNote(r.spec.kernel));
  return wb.build();
}

// ---- slips ------------------------------------------------------------------

const SLIP = {
  perHead: msg((slipped: string, h: number, right: string) => `looks like each of the ${h} heads got its own d×d matrices (${slipped}); the heads split the d columns: ${right}`,
    (slipped, h, right) => `看起来给 ${h} 个头各配了 d×d 矩阵（${slipped}）；各个头只是把 d 列分开：${right}`),
  noOut: msg((slipped: string, right: string) => `looks like the output projection W_O was left out (${slipped}): ${right}`,
    (slipped, right) => `看起来漏了输出投影 W_O（${slipped}）：${right}`),
  noBias: msg((slipped: string, right: string) => `looks like the biases were left out (${slipped}): ${right}`, (slipped, right) => `看起来漏了偏置（${slipped}）：${right}`),
  flops: msg((slipped: string, right: string) => `looks like FLOPs were given for MACs: ${slipped}; MACs = ${right}`, (slipped, right) => `看起来把 FLOPs 当成了 MACs：${slipped}；MACs = ${right}`),
  oneHead: msg((slipped: string, h: number, right: string) => `looks like one head was counted (${slipped}); × ${h} heads: ${right}`,
    (slipped, h, right) => `看起来只算了一个头（${slipped}）；× ${h} 个头：${right}`),
  nVsD: msg((slipped: string, right: string) => `looks like n and d were swapped (${slipped}): ${right}`, (slipped, right) => `看起来把 n 和 d 弄反了（${slipped}）：${right}`),
  batch: msg((slipped: string, b: number, right: string) => `looks like the batch was forgotten (${slipped}); × ${b}: ${right}`, (slipped, b, right) => `看起来忘了批大小（${slipped}）；× ${b}：${right}`),
  bits: msg((slipped: string, right: string) => `looks like bits were counted (${slipped}); fp32 is 4 bytes per value: ${right}`, (slipped, right) => `看起来算的是比特（${slipped}）；fp32 每个值 4 字节：${right}`),
};

/** Slips of MultiheadAttention's parameter count. */
export const mhaSlips: readonly SlipDef<MhaParams>[] = [
  { id: 'mha-per-head-full', value: (r) => (r.heads > 1 ? r.heads * (3 * r.d * r.d + (r.bias ? 3 * r.d : 0)) + r.d * r.d + (r.bias ? r.d : 0) : undefined), text: (r, v) => SLIP.perHead(fmtInt(v as number), r.heads, fmtInt(r.params)) },
  { id: 'mha-forgot-out-proj', value: (r) => 3 * r.d * r.d + (r.bias ? 3 * r.d : 0), text: (r, v) => SLIP.noOut(fmtInt(v as number), fmtInt(r.params)) },
  { id: 'forgot-bias', value: (r) => (r.bias ? r.weights : undefined), text: (r) => SLIP.noBias(fmtInt(r.weights), fmtInt(r.params)) },
];

/** What the cost slips are computed from, per quantity key. */
export interface CostSlipInput {
  r: AttentionCost;
}

const swapND = (r: AttentionCost): AttentionCost => attentionCost({ ...r.spec, n: r.spec.d, d: r.spec.n, heads: r.spec.n % r.spec.heads === 0 ? r.spec.heads : 1 });

/** Slips of the cost quantities: keyed by quantity. */
export const costSlips: Record<string, readonly SlipDef<CostSlipInput>[]> = {
  macs: [
    { id: 'flops-vs-macs', value: ({ r }) => r.flops, text: ({ r }) => SLIP.flops(fmtInt(r.flops), fmtInt(r.macs)) },
    { id: 'attention-n-vs-d', value: ({ r }) => (r.spec.n !== r.spec.d ? swapND(r).macs : undefined), text: ({ r }, v) => SLIP.nVsD(fmtInt(v as number), fmtInt(r.macs)) },
    { id: 'forgot-batch', value: ({ r }) => (r.spec.batch > 1 ? r.perSequence : undefined), text: ({ r }) => SLIP.batch(fmtInt(r.perSequence), r.spec.batch, fmtInt(r.macs)) },
  ],
  scores: [
    { id: 'attention-one-head', value: ({ r }) => (r.spec.heads > 1 ? r.parts.scores / r.spec.heads : undefined), text: ({ r }, v) => SLIP.oneHead(fmtInt(v as number), r.spec.heads, fmtInt(r.parts.scores)) },
    { id: 'attention-n-vs-d', value: ({ r }) => (r.spec.n !== r.spec.d ? r.spec.n * r.spec.d * r.spec.d : undefined), text: ({ r }, v) => SLIP.nVsD(fmtInt(v as number), fmtInt(r.parts.scores)) },
    { id: 'flops-vs-macs', value: ({ r }) => 2 * r.parts.scores, text: ({ r }, v) => SLIP.flops(fmtInt(v as number), fmtInt(r.parts.scores)) },
  ],
  memory: [
    { id: 'attention-one-head', value: ({ r }) => (r.spec.heads > 1 ? r.attnBytes / r.spec.heads : undefined), text: ({ r }, v) => SLIP.oneHead(fmtInt(v as number), r.spec.heads, fmtInt(r.attnBytes)) },
    { id: 'bits-vs-bytes', value: ({ r }) => 8 * r.attnBytes, text: ({ r }, v) => SLIP.bits(fmtInt(v as number), fmtInt(r.attnBytes)) },
    { id: 'forgot-batch', value: ({ r }) => (r.spec.batch > 1 ? r.attnBytes / r.spec.batch : undefined), text: ({ r }, v) => SLIP.batch(fmtInt(v as number), r.spec.batch, fmtInt(r.attnBytes)) },
  ],
};

export function mhaSlipValues(r: MhaParams): SlipValue[] {
  return slipValues(mhaSlips, r);
}

export function costSlipValues(r: AttentionCost): Record<string, SlipValue[]> {
  const out: Record<string, SlipValue[]> = {};
  for (const [key, defs] of Object.entries(costSlips)) out[key] = slipValues(defs, { r });
  return out;
}
