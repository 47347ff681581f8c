/** dlnotes params: parameter counts of conv, fully connected and BatchNorm layers, and the course's comparisons. */
import {
  bnParams, compareSeparable, compareStack, convParams, explainBnParams, explainCompareStack, explainConvParams,
  explainFcParams, explainSeparable, fcParams,
} from '../core/params';
import { UsageError } from '../errors';
import { intFlag, requiredInt, withFlags } from './flags';
import { emit, type Outcome } from './output';
import { computeSeqParams, seqParamKind, SEQ_PARAM_KINDS, type SeqParamsFlags } from './params-seq';

export interface ParamsFlags extends SeqParamsFlags {
  f?: string; fh?: string; fw?: string; c?: string; k?: string; groups?: string; bias?: boolean;
  in?: string; out?: string; n?: string; affine?: boolean; json?: boolean; answer?: string;
}

export const PARAM_KINDS = ['conv', 'fc', 'bn', 'stack', 'separable', ...SEQ_PARAM_KINDS] as const;
export type ParamKind = (typeof PARAM_KINDS)[number];
const ALIASES: Record<string, ParamKind> = { linear: 'fc', dense: 'fc', batchnorm: 'bn', compare: 'stack', dwsep: 'separable', depthwise: 'separable' };

/** Computes one `params` query: shared by the command and the homework checker. */
export function computeParams(kindRaw: string, o: ParamsFlags): Outcome {
  const seq = seqParamKind(kindRaw);
  if (seq) return computeSeqParams(seq, o);
  const kind = (ALIASES[kindRaw.toLowerCase()] ?? kindRaw.toLowerCase()) as ParamKind;
  const bias = o.bias !== false;
  switch (kind) {
    case 'conv': {
      const f = intFlag('f', o.f, { min: 1 });
      const fh = intFlag('fh', o.fh, { min: 1 }) ?? f;
      const fw = intFlag('fw', o.fw, { min: 1 }) ?? f ?? fh;
      if (fh === undefined || fw === undefined) throw new UsageError('--f is required (filter size; or --fh and --fw)');
      const input = {
        fh, fw,
        c: requiredInt('c', o.c, { min: 1 }, 'input channels'),
        k: requiredInt('k', o.k, { min: 1 }, 'number of filters'),
        groups: intFlag('groups', o.groups, { min: 1 }) ?? 1,
        bias,
      };
      const r = withFlags(() => convParams(input));
      return {
        data: { kind, ...r },
        quantities: { params: { label: 'parameters', expected: r.params }, weights: { label: 'weights', expected: r.weights }, biases: { label: 'biases', expected: r.biases } },
        defaultKey: 'params',
        worked: explainConvParams(input),
      };
    }
    case 'fc': {
      const inF = requiredInt('in', o.in, { min: 1 }, 'input features');
      const outF = requiredInt('out', o.out, { min: 1 }, 'output features');
      const r = withFlags(() => fcParams(inF, outF, bias));
      return {
        data: { kind, ...r },
        quantities: { params: { label: 'parameters', expected: r.params }, weights: { label: 'weights', expected: r.weights }, biases: { label: 'biases', expected: r.biases } },
        defaultKey: 'params',
        worked: explainFcParams(inF, outF, bias),
      };
    }
    case 'bn': {
      const c = requiredInt('c', o.c, { min: 1 }, 'channels');
      const affine = o.affine !== false;
      const r = withFlags(() => bnParams(c, affine));
      return {
        data: { kind, ...r },
        quantities: { params: { label: 'parameters', expected: r.params }, buffers: { label: 'buffers', expected: r.buffers } },
        defaultKey: 'params',
        worked: explainBnParams(c, affine),
      };
    }
    case 'stack': {
      const n = intFlag('n', o.n, { min: 1 }) ?? 3;
      const f = intFlag('f', o.f, { min: 1 }) ?? 3;
      const c = requiredInt('c', o.c, { min: 1 }, 'channels, e.g. --c 64');
      const r = withFlags(() => compareStack(n, f, c));
      return {
        data: { kind, ...r },
        quantities: {
          stack: { label: 'stack weights', expected: r.stackWeights, aliases: ['stack_weights'] },
          single: { label: 'single-layer weights', expected: r.singleWeights, aliases: ['single_weights'] },
          rf: { label: 'receptive field', expected: r.rf },
        },
        defaultKey: 'stack',
        worked: explainCompareStack(n, f, c),
      };
    }
    case 'separable': {
      const f = intFlag('f', o.f, { min: 1 }) ?? 3;
      const c = requiredInt('c', o.c, { min: 1 }, 'input channels');
      const k = requiredInt('k', o.k, { min: 1 }, 'output channels');
      const r = withFlags(() => compareSeparable(f, c, k, bias));
      return {
        data: { kind, ...r },
        quantities: {
          separable: { label: 'separable parameters', expected: r.separable, aliases: ['params'] },
          standard: { label: 'standard conv parameters', expected: r.standard },
          ratio: { label: 'ratio', expected: r.ratio, tol: { rel: 1e-3 } },
        },
        defaultKey: 'separable',
        worked: explainSeparable(f, c, k, bias),
      };
    }
    default:
      throw new UsageError(`unknown layer kind "${kindRaw}"; expected one of ${PARAM_KINDS.join(', ')}`);
  }
}

export async function run(kind: string, o: ParamsFlags): Promise<void> {
  emit(computeParams(kind, o), o);
}
