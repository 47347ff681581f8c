/**
 * `dlnotes params rnn|lstm|gru|mha|encoder-layer|decoder-layer|transformer`:
 * the sequence models' parameter counts (core/rnn.ts, core/attention.ts),
 * kept apart from the CNN kinds in params.ts so each file stays small.
 */
import type { Quantity } from '../core/check';
import {
  explainMhaParams, explainTransformer, explainTransformerLayer, mhaParams, mhaSlipValues, transformerLayerParams, transformerParams,
  type LayerSpec, type Part,
} from '../core/attention';
import { explainRnnParams, rnnParams, rnnParamSlipValues, type CellKind, type RnnParams } from '../core/rnn';
import { lazySlips } from '../core/slips';
import { bi, msg } from '../core/text';
import { UsageError } from '../errors';
import { intFlag, requiredInt, withFlags } from './flags';
import type { Outcome } from './output';

export interface SeqParamsFlags {
  input?: string; hidden?: string; layers?: string; bidirectional?: boolean; proj?: string;
  d?: string; heads?: string; ff?: string; encoderLayers?: string; decoderLayers?: string; vocab?: string; tied?: boolean;
  bias?: boolean;
}

export const SEQ_PARAM_KINDS = ['rnn', 'lstm', 'gru', 'mha', 'encoder-layer', 'decoder-layer', 'transformer'] as const;
export type SeqParamKind = (typeof SEQ_PARAM_KINDS)[number];

const ALIASES: Record<string, SeqParamKind> = {
  attention: 'mha', multiheadattention: 'mha', 'multihead-attention': 'mha', encoder: 'encoder-layer', decoder: 'decoder-layer',
  encoderlayer: 'encoder-layer', decoderlayer: 'decoder-layer', 'transformer-encoder-layer': 'encoder-layer', 'transformer-decoder-layer': 'decoder-layer',
};

/** The kind a name means, or undefined when it is not a sequence-model kind. */
export function seqParamKind(raw: string): SeqParamKind | undefined {
  const k = raw.toLowerCase();
  const kind = ALIASES[k] ?? k;
  return (SEQ_PARAM_KINDS as readonly string[]).includes(kind) ? (kind as SeqParamKind) : undefined;
}

const LABEL = {
  params: bi('parameters (PyTorch)', '参数量（PyTorch）'),
  paramsPlain: bi('parameters', '参数量'),
  single: bi('parameters with one bias per gate (textbook)', '每个门一组偏置的参数量（教材）'),
  weights: bi('weights', '权重数'),
  biases: bi('biases', '偏置数'),
  layer: msg((l: number) => `parameters of layer ${l}`, (l) => `第 ${l} 层参数量`),
  core: bi('nn.Transformer (without embeddings)', 'nn.Transformer（不含词嵌入）'),
  encoder: bi('encoder', '编码器'),
  decoder: bi('decoder', '解码器'),
  embeddings: bi('embeddings and output projection', '词嵌入和输出投影'),
  encoderLayer: bi('one encoder layer', '一个编码器层'),
  decoderLayer: bi('one decoder layer', '一个解码器层'),
  mha: bi('one multi-head attention', '一个多头注意力'),
};

function rnnOutcome(kind: CellKind, o: SeqParamsFlags): Outcome {
  const spec = {
    kind,
    input: requiredInt('input', o.input, { min: 1 }, 'input_size D, e.g. --input 10'),
    hidden: requiredInt('hidden', o.hidden, { min: 1 }, 'hidden_size H, e.g. --hidden 20'),
    layers: intFlag('layers', o.layers, { min: 1 }) ?? 1,
    bidirectional: o.bidirectional === true,
    bias: o.bias !== false,
    proj: intFlag('proj', o.proj, { min: 1 }) ?? 0,
  };
  const r: RnnParams = withFlags(() => rnnParams(spec));
  const slips = lazySlips(() => rnnParamSlipValues(r));
  const q: Record<string, Quantity> = {
    params: { label: LABEL.params, expected: r.params, unit: 'params', aliases: ['parameters', 'pytorch'], slips: slips('params') },
    weights: { label: LABEL.weights, expected: r.weights },
    biases: { label: LABEL.biases, expected: r.biases },
  };
  if (r.biases > 0) q.single = { label: LABEL.single, expected: r.single, unit: 'params', aliases: ['textbook', 'one_bias', 'cs231n'], slips: slips('single') };
  r.perLayer.forEach((n, l) => {
    q[`l${l}`] = { label: LABEL.layer(l), expected: n, unit: 'params', aliases: [`layer${l}`] };
  });
  return {
    data: {
      kind,
      params: r.params,
      weights: r.weights,
      biases: r.biases,
      singleBias: r.single,
      gates: r.gates,
      directions: r.dirs,
      layers: r.perLayer.map((params, layer) => ({ layer, params })),
      tensors: r.tensors.map((t) => ({ name: t.name, shape: t.shape, params: t.count })),
      spec: r.spec,
    },
    quantities: q,
    defaultKey: 'params',
    worked: explainRnnParams(spec),
  };
}

function layerSpec(o: SeqParamsFlags, ffDefault?: number): LayerSpec {
  const d = requiredInt('d', o.d, { min: 1 }, 'd_model, e.g. --d 512');
  const heads = requiredInt('heads', o.heads, { min: 1 }, 'number of heads, e.g. --heads 8');
  const ff = intFlag('ff', o.ff, { min: 1 }) ?? ffDefault;
  if (ff === undefined) throw new UsageError(bi('--ff is required (dim_feedforward, e.g. --ff 2048)', '需要 --ff（前馈层宽度 dim_feedforward，如 --ff 2048）'), 'ff');
  return { d, heads, ff, bias: o.bias !== false };
}

const partsJson = (parts: Part[]): Array<{ name: string; params: number }> => parts.map((p) => ({ name: p.name, params: p.params }));

/** One sequence-model `params` query: shared by the command and the homework checker. */
export function computeSeqParams(kind: SeqParamKind, o: SeqParamsFlags): Outcome {
  const bias = o.bias !== false;
  switch (kind) {
    case 'rnn':
    case 'lstm':
    case 'gru':
      return rnnOutcome(kind, o);
    case 'mha': {
      const d = requiredInt('d', o.d, { min: 1 }, 'embed_dim, e.g. --d 512');
      const heads = requiredInt('heads', o.heads, { min: 1 }, 'number of heads, e.g. --heads 8');
      const r = withFlags(() => mhaParams(d, heads, bias));
      return {
        data: { kind, params: r.params, weights: r.weights, biases: r.biases, headDim: r.dk, parts: partsJson(r.parts) },
        quantities: {
          params: { label: LABEL.paramsPlain, expected: r.params, unit: 'params', aliases: ['parameters'], slips: () => mhaSlipValues(r) },
          weights: { label: LABEL.weights, expected: r.weights },
          biases: { label: LABEL.biases, expected: r.biases },
        },
        defaultKey: 'params',
        worked: explainMhaParams(d, heads, bias),
      };
    }
    case 'encoder-layer':
    case 'decoder-layer': {
      const which = kind === 'encoder-layer' ? 'encoder' : 'decoder';
      const spec = layerSpec(o, 2048);
      const r = withFlags(() => transformerLayerParams(which, spec));
      const q: Record<string, Quantity> = {
        params: { label: LABEL.paramsPlain, expected: r.params, unit: 'params', aliases: ['parameters'] },
        mha: { label: LABEL.mha, expected: r.mha.params, unit: 'params', aliases: ['attention', 'self_attn'] },
      };
      return {
        data: { kind, params: r.params, parts: partsJson(r.parts), spec: r.spec },
        quantities: q,
        defaultKey: 'params',
        worked: explainTransformerLayer(which, spec),
      };
    }
    case 'transformer': {
      const base = layerSpec({ ...o, d: o.d ?? '512', heads: o.heads ?? '8' }, 2048);
      const vocab = intFlag('vocab', o.vocab, { min: 1 });
      const spec = {
        ...base,
        encoderLayers: intFlag('encoder-layers', o.encoderLayers, { min: 1 }) ?? 6,
        decoderLayers: intFlag('decoder-layers', o.decoderLayers, { min: 1 }) ?? 6,
        ...(vocab !== undefined ? { vocab } : {}),
        tied: o.tied === true,
      };
      const r = withFlags(() => transformerParams(spec));
      const q: Record<string, Quantity> = {
        params: { label: LABEL.paramsPlain, expected: r.params, unit: 'params', aliases: ['parameters', 'total'] },
        core: { label: LABEL.core, expected: r.core, unit: 'params', aliases: ['transformer'] },
        encoder: { label: LABEL.encoder, expected: r.encoder, unit: 'params' },
        decoder: { label: LABEL.decoder, expected: r.decoder, unit: 'params' },
        encoder_layer: { label: LABEL.encoderLayer, expected: r.encoderLayer.params, unit: 'params' },
        decoder_layer: { label: LABEL.decoderLayer, expected: r.decoderLayer.params, unit: 'params' },
        mha: { label: LABEL.mha, expected: r.encoderLayer.mha.params, unit: 'params', aliases: ['attention'] },
      };
      if (r.embeddings > 0) q.embeddings = { label: LABEL.embeddings, expected: r.embeddings, unit: 'params' };
      return {
        data: {
          kind,
          params: r.params,
          core: r.core,
          embeddings: r.embeddings,
          encoder: { params: r.encoder, layers: spec.encoderLayers, layer: r.encoderLayer.params, norm: r.norm, parts: partsJson(r.encoderLayer.parts) },
          decoder: { params: r.decoder, layers: spec.decoderLayers, layer: r.decoderLayer.params, norm: r.norm, parts: partsJson(r.decoderLayer.parts) },
          spec: r.spec,
        },
        quantities: q,
        defaultKey: 'params',
        worked: explainTransformer(spec),
      };
    }
  }
}
