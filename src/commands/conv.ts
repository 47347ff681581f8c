/** dlnotes conv: one convolution layer, worked out. */
import { parseTuple } from '../core/answer';
import type { Quantity } from '../core/check';
import { conv, convSlipValues, explainConv, type ConvResult, type ConvSpec, type PaddingSpec } from '../core/conv';
import type { SlipValue } from '../core/slips';
import { bi } from '../core/text';
import { UsageError } from '../errors';
import { intFlag, requiredFlag, withFlags } from './flags';
import { emit, type Outcome } from './output';

/** The texts of this command, in both languages. */
const M = {
  h: bi('input height, e.g. --h 32', '输入高度，例如 --h 32'),
  f: bi('filter size, e.g. --f 3; or --fh and --fw', '滤波器大小，例如 --f 3；或给出 --fh 和 --fw'),
  groups: bi('--groups needs --c and --k (channels must divide by groups)', '--groups 需要同时给出 --c 和 --k（通道数必须能被分组数整除）'),
};

export interface ConvFlags {
  h?: string; w?: string; c?: string; k?: string;
  f?: string; fh?: string; fw?: string;
  s?: string; p?: string; d?: string;
  groups?: string; bias?: boolean; transpose?: boolean; outputPadding?: string;
  batch?: string; json?: boolean; answer?: string;
}

/** Flag names for core field names that differ. */
const FLAG_OF: Record<string, string> = { f: 'f', outputPadding: 'output-padding' };

export function readConvFlags(o: ConvFlags): ConvSpec {
  const h = intFlag('h', o.h, { min: 1 });
  if (h === undefined) throw requiredFlag('h', M.h);
  const fh = intFlag('fh', o.fh, { min: 1 }) ?? intFlag('f', o.f, { min: 1 });
  if (fh === undefined) throw requiredFlag('f', M.f);
  const fw = intFlag('fw', o.fw, { min: 1 }) ?? intFlag('f', o.f, { min: 1 }) ?? fh;
  let p: PaddingSpec = 0;
  if (o.p !== undefined) {
    const word = String(o.p).trim().toLowerCase();
    p = word === 'same' || word === 'valid' ? word : intFlag('p', o.p, { min: 0 })!;
  }
  const spec: ConvSpec = {
    h,
    w: intFlag('w', o.w, { min: 1 }) ?? h,
    fh,
    fw,
    s: intFlag('s', o.s, { min: 1 }) ?? 1,
    p,
    d: intFlag('d', o.d, { min: 1 }) ?? 1,
    groups: intFlag('groups', o.groups, { min: 1 }) ?? 1,
    bias: o.bias !== false,
    transpose: o.transpose === true,
    outputPadding: intFlag('output-padding', o.outputPadding, { min: 0 }) ?? 0,
    batch: intFlag('batch', o.batch, { min: 1 }) ?? 1,
  };
  const c = intFlag('c', o.c, { min: 1 });
  const k = intFlag('k', o.k, { min: 1 });
  if (c !== undefined) spec.c = c;
  if (k !== undefined) spec.k = k;
  if (spec.groups !== 1 && (c === undefined || k === undefined)) throw new UsageError(M.groups, 'groups');
  return spec;
}

const LABEL = {
  size: bi("output size H'", "输出尺寸 H'"),
  shape: bi('output shape', '输出形状'),
  outputSize: bi('output size', '输出尺寸'),
  params: bi('parameters', '参数量'),
  weights: bi('weights', '权重数'),
  biases: bi('biases', '偏置数'),
  activations: bi('output activations', '输出激活值个数'),
  bytes: bi('output memory (bytes)', '输出显存（字节）'),
};

/** Slip values of the size along one axis, turned into the accepted orders of a shape. */
function asShape(slips: SlipValue[], shape: (size: number) => number[][]): SlipValue[] {
  return slips.flatMap((s) => (typeof s.expected === 'number' ? [{ ...s, expected: shape(s.expected) }] : []));
}

/** The quantities a student can be asked about, for --answer and the homework checker. */
export function convQuantities(r: ConvResult, slipsOf: () => Record<string, SlipValue[]> = () => ({})): Record<string, Quantity> {
  const q: Record<string, Quantity> = {};
  const { h, w, c } = r.output;
  const square = h === w;
  let all: Record<string, SlipValue[]> | undefined;
  const of = (key: string) => (): SlipValue[] => (all ??= slipsOf())[key] ?? [];
  // A slipped size is the same slip along both axes when the axes are alike.
  const sizeSlips = (): SlipValue[] => (square ? asShape(of('size')(), (s) => [[s], [s, s]]) : []);
  const spatial: Pick<Quantity, 'expected' | 'show'> = square ? { expected: [[h], [h, w]], show: String(h) } : { expected: [[h, w]], show: `${h}×${w}` };
  q.size = { label: LABEL.size, ...spatial, aliases: ['h'], slips: sizeSlips };
  if (c !== undefined) {
    q.output = {
      label: LABEL.shape, expected: [[h, w, c], [c, h, w]], show: `${h}×${w}×${c}`, aliases: ['shape'],
      slips: () => (square ? asShape(of('size')(), (s) => [[s, s, c], [c, s, s]]) : []),
    };
  } else {
    q.output = { label: LABEL.outputSize, ...spatial, aliases: ['shape'], slips: sizeSlips };
  }
  if (r.params !== undefined) {
    q.params = { label: LABEL.params, expected: r.params, unit: 'params', aliases: ['parameters'], slips: of('params') };
    q.weights = { label: LABEL.weights, expected: r.weights!, slips: of('weights') };
    q.biases = { label: LABEL.biases, expected: r.biases! };
    q.macs = { label: 'MACs', expected: r.macs!, unit: 'macs', slips: of('macs') };
    q.flops = { label: 'FLOPs', expected: r.flops!, unit: 'flops', slips: of('flops') };
  }
  if (r.activations !== undefined) {
    q.activations = { label: LABEL.activations, expected: r.activations, slips: of('activations') };
    q.bytes = { label: LABEL.bytes, expected: r.bytes!, unit: 'bytes', aliases: ['memory'], slips: of('bytes') };
  }
  return q;
}

/** A bare answer with one number is the spatial size, with two H'×W', with three the full shape. */
export function bareConvKey(text: string): string {
  return (parseTuple(text)?.length ?? 1) === 3 ? 'output' : 'size';
}

export function convJson(r: ConvResult): Record<string, unknown> {
  return {
    output: r.output,
    exact: r.exact,
    ...(r.exact ? {} : { raw: { h: r.axes.h.size?.raw ?? r.axes.h.out, w: r.axes.w.size?.raw ?? r.axes.w.out } }),
    padding: { top: r.axes.h.p, bottom: r.axes.h.pr, left: r.axes.w.p, right: r.axes.w.pr },
    ...(r.params !== undefined ? { params: r.params, weights: r.weights, biases: r.biases, macs: r.macs, flops: r.flops } : {}),
    ...(r.activations !== undefined ? { activations: r.activations, memory: { bytes: r.bytes, mib: r.bytes! / 2 ** 20, mb: r.bytes! / 1e6 } } : {}),
    transpose: r.transpose,
    groups: r.groups,
    batch: r.batch,
  };
}

/** One `conv` run: shared by the command and the homework checker. */
export function computeConv(o: ConvFlags): Outcome {
  const spec = readConvFlags(o);
  const r = withFlags(() => conv(spec), FLAG_OF);
  return { data: convJson(r), quantities: convQuantities(r, () => convSlipValues(spec, r)), defaultKey: bareConvKey, worked: explainConv(spec) };
}

export async function run(o: ConvFlags): Promise<void> {
  emit(computeConv(o), o);
}
