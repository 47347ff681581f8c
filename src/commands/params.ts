/** dlnotes params: parameter counts of conv, fully connected and BatchNorm layers, and the course's comparisons. */
import {
  bnParams, compareSeparable, compareStack, convParams, explainBnParams, explainCompareStack, explainConvParams,
  explainFcParams, explainSeparable, fcParams,
} from '../core/params';
import { bi, msg } from '../core/text';
import { UsageError } from '../errors';
import { intFlag, requiredFlag, requiredInt, withFlags } from './flags';
import { emit, type Outcome } from './output';

/** The texts of this command, in both languages. */
const M = {
  f: bi('filter size; or --fh and --fw', '滤波器大小；或给出 --fh 和 --fw'),
  inputChannels: bi('input channels', '输入通道数'),
  filters: bi('number of filters', '滤波器个数'),
  inputFeatures: bi('input features', '输入特征数'),
  outputFeatures: bi('output features', '输出特征数'),
  channels: bi('channels', '通道数'),
  channelsEg: bi('channels, e.g. --c 64', '通道数，例如 --c 64'),
  outputChannels: bi('output channels', '输出通道数'),
  params: bi('parameters', '参数量'),
  weights: bi('weights', '权重数'),
  biases: bi('biases', '偏置数'),
  buffers: bi('buffers', '缓冲区大小'),
  stack: bi('stack weights', '堆叠的权重数'),
  single: bi('single-layer weights', '单层的权重数'),
  rf: bi('receptive field', '感受野'),
  separable: bi('separable parameters', '可分离卷积参数量'),
  standard: bi('standard conv parameters', '标准卷积参数量'),
  ratio: bi('ratio', '比值'),
  unknownKind: msg((kind: string, kinds: string) => `unknown layer kind "${kind}"; expected one of ${kinds}`, (kind, kinds) => `未知的层类型 "${kind}"；应为 ${kinds} 之一`),
};

export interface ParamsFlags {
  f?: string; fh?: string; fw?: string; c?: string; k?: string; groups?: string; bias?: boolean;
  in?: string; out?: string; n?: string; affine?: boolean; json?: boolean; answer?: string;
}

export const PARAM_KINDS = ['conv', 'fc', 'bn', 'stack', 'separable'] as const;
export type ParamKind = (typeof PARAM_KINDS)[number];
const ALIASES: Record<string, ParamKind> = { linear: 'fc', dense: 'fc', batchnorm: 'bn', compare: 'stack', dwsep: 'separable', depthwise: 'separable' };

/** Computes one `params` query: shared by the command and the homework checker. */
export function computeParams(kindRaw: string, o: ParamsFlags): Outcome {
  const kind = (ALIASES[kindRaw.toLowerCase()] ?? kindRaw.toLowerCase()) as ParamKind;
  const bias = o.bias !== false;
  switch (kind) {
    case 'conv': {
      const f = intFlag('f', o.f, { min: 1 });
      const fh = intFlag('fh', o.fh, { min: 1 }) ?? f;
      const fw = intFlag('fw', o.fw, { min: 1 }) ?? f ?? fh;
      if (fh === undefined || fw === undefined) throw requiredFlag('f', M.f);
      const input = {
        fh, fw,
        c: requiredInt('c', o.c, { min: 1 }, M.inputChannels),
        k: requiredInt('k', o.k, { min: 1 }, M.filters),
        groups: intFlag('groups', o.groups, { min: 1 }) ?? 1,
        bias,
      };
      const r = withFlags(() => convParams(input));
      return {
        data: { kind, ...r },
        quantities: { params: { label: M.params, expected: r.params }, weights: { label: M.weights, expected: r.weights }, biases: { label: M.biases, expected: r.biases } },
        defaultKey: 'params',
        worked: explainConvParams(input),
      };
    }
    case 'fc': {
      const inF = requiredInt('in', o.in, { min: 1 }, M.inputFeatures);
      const outF = requiredInt('out', o.out, { min: 1 }, M.outputFeatures);
      const r = withFlags(() => fcParams(inF, outF, bias));
      return {
        data: { kind, ...r },
        quantities: { params: { label: M.params, expected: r.params }, weights: { label: M.weights, expected: r.weights }, biases: { label: M.biases, expected: r.biases } },
        defaultKey: 'params',
        worked: explainFcParams(inF, outF, bias),
      };
    }
    case 'bn': {
      const c = requiredInt('c', o.c, { min: 1 }, M.channels);
      const affine = o.affine !== false;
      const r = withFlags(() => bnParams(c, affine));
      return {
        data: { kind, ...r },
        quantities: { params: { label: M.params, expected: r.params }, buffers: { label: M.buffers, expected: r.buffers } },
        defaultKey: 'params',
        worked: explainBnParams(c, affine),
      };
    }
    case 'stack': {
      const n = intFlag('n', o.n, { min: 1 }) ?? 3;
      const f = intFlag('f', o.f, { min: 1 }) ?? 3;
      const c = requiredInt('c', o.c, { min: 1 }, M.channelsEg);
      const r = withFlags(() => compareStack(n, f, c));
      return {
        data: { kind, ...r },
        quantities: {
          stack: { label: M.stack, expected: r.stackWeights, aliases: ['stack_weights'] },
          single: { label: M.single, expected: r.singleWeights, aliases: ['single_weights'] },
          rf: { label: M.rf, expected: r.rf },
        },
        defaultKey: 'stack',
        worked: explainCompareStack(n, f, c),
      };
    }
    case 'separable': {
      const f = intFlag('f', o.f, { min: 1 }) ?? 3;
      const c = requiredInt('c', o.c, { min: 1 }, M.inputChannels);
      const k = requiredInt('k', o.k, { min: 1 }, M.outputChannels);
      const r = withFlags(() => compareSeparable(f, c, k, bias));
      return {
        data: { kind, ...r },
        quantities: {
          separable: { label: M.separable, expected: r.separable, aliases: ['params'] },
          standard: { label: M.standard, expected: r.standard },
          ratio: { label: M.ratio, expected: r.ratio, tol: { rel: 1e-3 } },
        },
        defaultKey: 'separable',
        worked: explainSeparable(f, c, k, bias),
      };
    }
    default:
      throw new UsageError(M.unknownKind(kindRaw, PARAM_KINDS.join(', ')));
  }
}

export async function run(kind: string, o: ParamsFlags): Promise<void> {
  emit(computeParams(kind, o), o);
}
