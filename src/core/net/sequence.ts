/**
 * The sequence layers of a network summary (kinds in core/spec-seq.ts):
 * output shape, parameters and MACs of one sequence, from the same formulas
 * as the single-layer calculators (core/rnn.ts, core/attention.ts).
 *
 * MAC convention: every matrix product counts, attention's weight-free
 * products QKᵀ and weights·V included (torchvision's published ViT "GFLOPS"
 * count them; torchinfo does not, which is why its ViT figure is lower);
 * embeddings are lookups (0), softmax, LayerNorm, GELU and adds count 0.
 */
import { mhaParams, transformerLayerParams } from '../attention';
import type { ParamCount } from '../params';
import { rnnParams, type CellKind } from '../rnn';
import type { LayerNode } from '../spec';
import { bi, msg, txt, type Text } from '../text';
import { fmtShape, seqShape, vecShape, type Shape } from './shape';

/** The sequence layers' messages, in both languages. */
const M = {
  needVectors: bi('needs vectors, but it gets token ids: put an embedding first', '需要向量，但收到的是词元 id：请先加一个 embedding 层'),
  needSeq: msg((flat: boolean, shape: string) => `needs a T×D sequence, but it gets ${flat ? 'a flat vector' : 'a C×H×W map'} (${shape}); use tokens to turn a map into a sequence`,
    (flat, shape) => `需要 T×D 的序列，但收到${flat ? '扁平向量' : ' C×H×W 特征图'}（${shape}）；可用 tokens 把特征图变成序列`),
  needIds: msg((shape: string) => `takes token ids (input: {tokens: T}), but it gets ${shape}`, (shape) => `接受词元 id（input: {tokens: T}），但收到 ${shape}`),
  needMemory: bi('needs the length of the encoder output it attends to: memory: S (or put it in an encoder_decoder block)',
    '需要它所关注的编码器输出的长度：memory: S（或把它放进 encoder_decoder 块）'),
  layernormMap: msg((shape: string) => `normalises the last dimension of a sequence or vector here, but it gets a C×H×W map (${shape})`,
    (shape) => `这里对序列或向量的最后一维做归一化，但收到 C×H×W 特征图（${shape}）`),
  tokensSeq: msg((shape: string) => `turns a C×H×W map into tokens, but it gets ${shape}`, (shape) => `把 C×H×W 特征图变成词元，但收到 ${shape}`),
  positions: msg((length: number, t: number) => `holds ${length} positions but the sequence has ${t}`, (length, t) => `只有 ${length} 个位置，但序列长 ${t}`),
  pastEnd: msg((index: number, t: number) => `index ${index} is past the end of a sequence of ${t}`, (index, t) => `下标 ${index} 超出了长度为 ${t} 的序列`),
  notSeq: bi('is not a sequence layer', '不是序列层'),
  sinusoidal: bi('sinusoidal', '正弦'),
  noAffine: bi('no affine', '无仿射'),
  last: bi('last', '最后'),
  preNorm: bi(' pre-norm', ' 前置归一化'),
};

export interface SeqLayerResult {
  out: Shape;
  pc: ParamCount;
  /** MACs for one input sequence. */
  macs: number;
  detail: Text;
  /** Attention-matrix values for one sequence (heads·T·S), kept for the backward pass. */
  attention: number;
  /** Weight layers this counts for the depth: a recurrent stack its layers, attention and Transformer layers 1. */
  depth: number;
}

export interface SeqContext {
  /** The encoder output's length, inside an encoder_decoder's decoder. */
  memory?: number;
  fail(detail: Text): never;
}

const none: ParamCount = { weights: 0, biases: 0, params: 0 };

/** MACs of self-attention over T positions of width D: projections 4·T·D², QKᵀ and weights·V 2·T²·D. */
export function selfAttentionMacs(t: number, d: number): number {
  return 4 * t * d * d + 2 * t * t * d;
}

/** MACs of encoder-decoder attention: queries from T positions, keys and values from S. */
export function crossAttentionMacs(t: number, s: number, d: number): number {
  return 2 * t * d * d + 2 * s * d * d + 2 * t * s * d;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** One sequence layer of a summary. */
export function seqLayer(node: LayerNode, inp: Shape, ctx: SeqContext): SeqLayerResult {
  const a = node.args;
  const T = inp.h;
  const D = inp.c;
  const base = { attention: 0, depth: 0 };
  const needSeq = (): void => {
    if (!inp.seq || inp.ids) ctx.fail(inp.ids ? M.needVectors : M.needSeq(inp.flat === true, fmtShape(inp)));
  };
  switch (node.kind) {
    case 'embedding': {
      if (!inp.ids) ctx.fail(M.needIds(fmtShape(inp)));
      const vocab = num(a.vocab)!;
      const dim = num(a.dim)!;
      const tied = a.tied === true;
      const weights = tied ? 0 : vocab * dim;
      return { ...base, out: seqShape(T, dim), pc: { weights, biases: 0, params: weights }, macs: 0, detail: `${vocab}×${dim}${tied ? ' tied' : ''}` };
    }
    case 'rnn':
    case 'lstm':
    case 'gru': {
      needSeq();
      const p = rnnParams({
        kind: node.kind as CellKind, input: D, hidden: num(a.hidden)!, layers: num(a.layers) ?? 1,
        bidirectional: a.bidirectional === true, bias: a.bias !== false, proj: num(a.proj) ?? 0,
      });
      const H = p.spec.hidden;
      const perStep = p.perLayer.reduce((sum, _, l) => sum + p.dirs * (p.gates * H * ((l === 0 ? D : p.out * p.dirs) + p.out) + (p.spec.proj > 0 ? p.spec.proj * H : 0)), 0);
      const detail = `H ${H}${p.spec.layers > 1 ? ` ×${p.spec.layers}` : ''}${p.dirs > 1 ? ' bi' : ''}${p.spec.proj > 0 ? ` P ${p.spec.proj}` : ''}`;
      return { out: seqShape(T, p.dirs * p.out), pc: { weights: p.weights, biases: p.biases, params: p.params }, macs: T * perStep, detail, attention: 0, depth: p.spec.layers };
    }
    case 'mha': {
      needSeq();
      const heads = num(a.heads)!;
      const r = mhaParams(D, heads, a.bias !== false);
      return { out: inp, pc: { weights: r.weights, biases: r.biases, params: r.params }, macs: selfAttentionMacs(T, D), detail: `h ${heads}`, attention: heads * T * T, depth: 1 };
    }
    case 'encoder_layer':
    case 'decoder_layer': {
      needSeq();
      const heads = num(a.heads)!;
      const ff = num(a.ff) ?? 2048;
      const bias = a.bias !== false;
      const decoder = node.kind === 'decoder_layer';
      const r = transformerLayerParams(decoder ? 'decoder' : 'encoder', { d: D, heads, ff, bias });
      const attns = decoder ? 2 : 1;
      const norms = decoder ? 3 : 2;
      const weights = attns * 4 * D * D + 2 * D * ff + norms * D;
      let macs = selfAttentionMacs(T, D) + 2 * T * D * ff;
      let attention = heads * T * T;
      let memory = '';
      if (decoder) {
        const S = num(a.memory) ?? ctx.memory;
        if (S === undefined) ctx.fail(M.needMemory);
        macs += crossAttentionMacs(T, S, D);
        attention += heads * T * S;
        memory = ` mem ${S}`;
      }
      return { out: inp, pc: { weights, biases: r.params - weights, params: r.params }, macs, detail: a.norm_first === true ? txt`h ${heads} ff ${ff}${memory}${M.preNorm}` : `h ${heads} ff ${ff}${memory}`, attention, depth: 1 };
    }
    case 'layernorm': {
      if (!inp.seq && !inp.flat) ctx.fail(M.layernormMap(fmtShape(inp)));
      if (inp.ids) ctx.fail(M.needVectors);
      const affine = a.affine !== false;
      const pc = affine ? { weights: D, biases: a.bias === false ? 0 : D, params: a.bias === false ? D : 2 * D } : none;
      return { ...base, out: inp, pc, macs: 0, detail: affine ? '' : M.noAffine };
    }
    case 'gelu':
      return { ...base, out: inp, pc: none, macs: 0, detail: '' };
    case 'tokens':
      if (inp.seq || inp.flat) ctx.fail(M.tokensSeq(fmtShape(inp)));
      return { ...base, out: seqShape(inp.h * inp.w, inp.c), pc: none, macs: 0, detail: `${inp.h}·${inp.w} → ${inp.h * inp.w}` };
    case 'cls_token':
      needSeq();
      return { ...base, out: seqShape(T + 1, D), pc: { weights: D, biases: 0, params: D }, macs: 0, detail: `${T} → ${T + 1}` };
    case 'pos_embedding': {
      needSeq();
      if (a.learned === false) return { ...base, out: inp, pc: none, macs: 0, detail: M.sinusoidal };
      const length = num(a.length) ?? T;
      if (T > length) ctx.fail(M.positions(length, T));
      return { ...base, out: inp, pc: { weights: length * D, biases: 0, params: length * D }, macs: 0, detail: `${length}×${D}` };
    }
    case 'select': {
      needSeq();
      const index = a.last === true ? T - 1 : num(a.index) ?? 0;
      if (index >= T) ctx.fail(M.pastEnd(index, T));
      return { ...base, out: vecShape(D), pc: none, macs: 0, detail: a.last === true ? M.last : `[${index}]` };
    }
    default:
      return ctx.fail(M.notSeq);
  }
}
