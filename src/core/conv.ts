/**
 * One Conv2d / ConvTranspose2d layer: output size, parameters, MACs and
 * output memory, with PyTorch's conventions, and the worked solution.
 */
import { InputError } from './errors';
import { fmtBytes, fmtInt, fmtNum } from './format';
import { convParams, convParamSlips, convWeightSlips, type ConvParamSlipInput } from './params';
import { convOutSize, convSizeSlips, convTransposeOutSize, samePadding, transposeSizeSlips, type Axis, type SizeResult } from './size';
import { adaptSlips, slipValues, type SlipDef, type SlipValue } from './slip-defs';
import { bitsForBytes, decimalForBinary, flopsForMacs, forgotBatch, macsForFlops, valuesForBytes } from './unit-slips';
import { bi, joinText, msg, txt, type Text } from './text';
import { WorkedBuilder, type Worked } from './worked';

export type PaddingSpec = number | 'same' | 'valid';

/** The texts of this calculator, in both languages. */
const M = {
  batch: msg((got: number) => `batch must be a positive integer, got ${got}`, (got) => `批大小必须是正整数，收到 ${got}`),
  opOnlyTranspose: bi('output padding only applies to a transposed convolution (--transpose)', 'output_padding 只用于转置卷积（--transpose）'),
  sameTranspose: bi("padding='same' is not supported for transposed convolutions; give a number", "转置卷积不支持 padding='same'；请给出数字"),
  title: bi('Conv2d layer', 'Conv2d 卷积层'),
  titleT: bi('ConvTranspose2d layer', 'ConvTranspose2d 转置卷积层'),
  given: bi('Given: ', '已知：'),
  input: msg((shape: string) => `input ${shape}`, (shape) => `输入 ${shape}`),
  filters: msg((k: string, size: string) => `${k} ${k === '1' ? 'filter' : 'filters'} of ${size}`, (k, size) => `${k} 个 ${size} 的滤波器`),
  stride: msg((s: number) => `stride ${s}`, (s) => `步幅 ${s}`),
  padding: msg((p: string) => `padding ${p}`, (p) => `填充 ${p}`),
  paddingWord: msg((word: string, p: string) => `padding '${word}' = ${p}`, (word, p) => `填充 '${word}' = ${p}`),
  dilation: msg((d: number) => `dilation ${d}`, (d) => `膨胀率 ${d}`),
  groups: msg((g: number) => `groups ${g}`, (g) => `分组 ${g}`),
  outputPadding: msg((op: number) => `output padding ${op}`, (op) => `output_padding ${op}`),
  batchOf: msg((n: number) => `batch ${n}`, (n) => `批大小 ${n}`),
  height: bi('Output height', '输出高度'),
  width: bi('Output width', '输出宽度'),
  heightT: bi('Output height (transposed)', '输出高度（转置卷积）'),
  widthT: bi('Output width (transposed)', '输出宽度（转置卷积）'),
  dilationSpan: msg((span: number) => `(dilation D: the kernel spans D(F−1)+1 = ${span})`, (span) => `（膨胀率 D：卷积核跨度 D(F−1)+1 = ${span}）`),
  notInteger: msg((raw: string, num: number) => `${raw} is not an integer: this setting does not tile the input (the stride does not divide ${num}).`,
    (raw, num) => `${raw} 不是整数：这组设置不能恰好铺满输入（步幅不能整除 ${num}）。`),
  floors: msg((num: number, s: number, out: number) => `PyTorch floors: ⌊${num}/${s}⌋ + 1 = ${out}`, (num, s, out) => `PyTorch 向下取整：⌊${num}/${s}⌋ + 1 = ${out}`),
  uncovered: msg((n: number, axis: 'H' | 'W') => `The last ${n === 1 ? '' : `${n} `}${axis === 'H' ? (n === 1 ? 'row' : 'rows') : (n === 1 ? 'column' : 'columns')} of the padded input ${n === 1 ? 'is' : 'are'} never covered by a window.`,
    (n, axis) => `填充后输入的最后 ${n} ${axis === 'H' ? '行' : '列'}没有被任何窗口覆盖。`),
  sameWidth: msg((out: number) => `W' = H' = ${out} (same numbers along the width)`, (out) => `W' = H' = ${out}（宽度方向的数字相同）`),
  output: msg((shape: string, torch: string) => `Output: ${shape}  (H'×W'×K as in the notes; PyTorch shape ${torch}, N×C×H×W)`,
    (shape, torch) => `输出：${shape}（笔记的写法 H'×W'×K；PyTorch 的形状 ${torch}，即 N×C×H×W）`),
  giveK: bi('Give --k (number of filters) for the output channels, and --c as well for parameters and MACs.', '给出 --k（滤波器个数）可得输出通道数，再给出 --c 可得参数量和 MACs。'),
  params: bi('Parameters', '参数量'),
  biases: msg((k: number) => `biases = K = ${k}`, (k) => `偏置 = K = ${k}`),
  noBias: bi('biases = 0 (bias=False)', '偏置 = 0（bias=False）'),
  weightsWord: bi('weights', '权重'),
  parametersWord: bi('parameters', '参数量'),
  depthwise: bi('groups = C = K: a depthwise convolution, each filter sees one channel.', 'groups = C = K：深度可分离（逐通道）卷积，每个滤波器只看一个通道。'),
  grouped: msg((g: number, cg: number) => `groups = ${g}: each filter sees only C/groups = ${cg} input channels.`, (g, cg) => `groups = ${g}：每个滤波器只看 C/groups = ${cg} 个输入通道。`),
  compute: bi('Compute', '计算量'),
  scatter: bi('Each input value is multiplied into a F_H×F_W×(K/groups) block of the output.', '每个输入值与输出中一个 F_H×F_W×(K/groups) 的块相乘。'),
  perWeight: bi('One multiply-accumulate per weight per output position; biases add no multiplications.', '每个输出位置上每个权重做一次乘加；偏置不带来乘法。'),
  flops: msg((f: string) => `FLOPs = 2 × MACs = ${f}  (1 MAC = 1 multiply + 1 add)`, (f) => `FLOPs = 2 × MACs = ${f}（1 次乘加 = 1 次乘法 + 1 次加法）`),
  memory: bi('Output memory', '输出显存'),
  activations: bi('activations', '激活值'),
};

export interface ConvSpec {
  h: number;
  /** Defaults to h. */
  w?: number;
  /** Input channels. */
  c?: number;
  /** Number of filters (output channels). */
  k?: number;
  fh: number;
  /** Defaults to fh. */
  fw?: number;
  s?: number;
  p?: PaddingSpec;
  d?: number;
  groups?: number;
  bias?: boolean;
  transpose?: boolean;
  outputPadding?: number;
  /** Images per batch, for MACs and activation memory (default 1). */
  batch?: number;
}

export interface AxisInfo {
  n: number;
  k: number;
  s: number;
  /** Leading and trailing padding. */
  p: number;
  pr: number;
  d: number;
  out: number;
  /** Undefined for transposed convolutions, whose size is always exact. */
  size?: SizeResult;
}

export interface ConvResult {
  transpose: boolean;
  groups: number;
  bias: boolean;
  batch: number;
  input: { h: number; w: number; c?: number };
  output: { h: number; w: number; c?: number };
  axes: { h: AxisInfo; w: AxisInfo };
  /** False when the stride does not divide (H + 2P - D(F-1) - 1): PyTorch floors. */
  exact: boolean;
  params?: number;
  weights?: number;
  biases?: number;
  /** Multiply-accumulates for the whole batch. */
  macs?: number;
  /** 2 × MACs. */
  flops?: number;
  /** Output values for the whole batch. */
  activations?: number;
  /** fp32 bytes of the output activations. */
  bytes?: number;
}

/** Computes everything the inputs allow: sizes always, params/MACs/memory when C and K are known. */
export function conv(spec: ConvSpec): ConvResult {
  const w = spec.w ?? spec.h;
  const fw = spec.fw ?? spec.fh;
  const s = spec.s ?? 1;
  const d = spec.d ?? 1;
  const groups = spec.groups ?? 1;
  const bias = spec.bias ?? true;
  const transpose = spec.transpose ?? false;
  const batch = spec.batch ?? 1;
  if (!(Number.isInteger(batch) && batch >= 1)) throw new InputError('batch', M.batch(batch));
  if (spec.outputPadding && !transpose) throw new InputError('output-padding', M.opOnlyTranspose);

  const axis = (n: number, k: number): AxisInfo => {
    const pad = resolvePadding(spec.p ?? 0, k, d, s, transpose);
    if (transpose) {
      const out = convTransposeOutSize({ n, k, s, p: pad.p, pr: pad.pr, d, outputPadding: spec.outputPadding ?? 0 });
      return { n, k, s, p: pad.p, pr: pad.pr, d, out };
    }
    const size = convOutSize({ n, k, s, p: pad.p, pr: pad.pr, d });
    return { n, k, s, p: pad.p, pr: pad.pr, d, out: size.out, size };
  };
  const axes = { h: axis(spec.h, spec.fh), w: axis(w, fw) };
  const exact = (axes.h.size?.exact ?? true) && (axes.w.size?.exact ?? true);
  const result: ConvResult = {
    transpose, groups, bias, batch,
    input: { h: spec.h, w, ...(spec.c !== undefined ? { c: spec.c } : {}) },
    output: { h: axes.h.out, w: axes.w.out, ...(spec.k !== undefined ? { c: spec.k } : {}) },
    axes,
    exact,
  };
  if (spec.k !== undefined) {
    result.activations = batch * axes.h.out * axes.w.out * spec.k;
    result.bytes = 4 * result.activations;
  }
  if (spec.c !== undefined && spec.k !== undefined) {
    const pc = convParams({ fh: spec.fh, fw, c: spec.c, k: spec.k, groups, bias });
    Object.assign(result, pc);
    // A transposed conv scatters each input value through F_H·F_W·(K/groups) weights.
    result.macs = transpose
      ? batch * spec.h * w * spec.c * spec.fh * fw * (spec.k / groups)
      : batch * axes.h.out * axes.w.out * spec.k * spec.fh * fw * (spec.c / groups);
    result.flops = 2 * result.macs;
  }
  return result;
}

function resolvePadding(p: PaddingSpec, k: number, d: number, s: number, transpose: boolean): { p: number; pr: number } {
  if (p === 'valid') return { p: 0, pr: 0 };
  if (p === 'same') {
    if (transpose) throw new InputError('p', M.sameTranspose);
    return samePadding(k, d, s);
  }
  return { p, pr: p };
}

/** The worked solution of conv(spec), with the student's numbers. */
export function explainConv(spec: ConvSpec): Worked {
  const r = conv(spec);
  const wb = new WorkedBuilder(r.transpose ? M.titleT : M.title);
  const { h, w } = r.axes;
  wb.note(describeInput(spec, r));
  const sameAxes = h.n === w.n && h.k === w.k && h.p === w.p && h.pr === w.pr;
  if (r.transpose) {
    explainTransposeAxis(wb, 'H', h, spec.outputPadding ?? 0);
    if (!sameAxes) explainTransposeAxis(wb, 'W', w, spec.outputPadding ?? 0);
  } else {
    explainAxis(wb, 'H', h);
    if (!sameAxes) explainAxis(wb, 'W', w);
  }
  if (sameAxes) wb.note(M.sameWidth(h.out));
  const shape = `${r.output.h}×${r.output.w}×${r.output.c ?? 'K'}`;
  wb.result(M.output(shape, `${r.batch}×${r.output.c ?? 'K'}×${r.output.h}×${r.output.w}`));
  if (spec.k === undefined) wb.note(M.giveK);

  if (r.params !== undefined && spec.c !== undefined && spec.k !== undefined) {
    const g = r.groups;
    const cg = g === 1 ? 'C' : 'C/groups';
    const cgNum = g === 1 ? `${spec.c}` : `(${spec.c}/${g})`;
    const kDesc = r.transpose ? (g === 1 ? 'K' : 'K/groups') : 'K';
    wb.heading(M.params);
    if (r.transpose) {
      wb.formula(txt`${M.weightsWord} = F_H·F_W·C·(${kDesc}) = ${h.k}·${w.k}·${spec.c}·${g === 1 ? String(spec.k) : `(${spec.k}/${g})`} = ${fmtInt(r.weights!)}`);
    } else {
      wb.formula(txt`${M.weightsWord} = F_H·F_W·${cg}·K = ${h.k}·${w.k}·${cgNum}·${spec.k} = ${fmtInt(r.weights!)}`);
    }
    wb.step(r.bias ? M.biases(spec.k) : M.noBias);
    wb.result(txt`${M.parametersWord} = ${fmtInt(r.weights!)} + ${fmtInt(r.biases!)} = ${fmtInt(r.params)}`);
    if (g > 1) wb.note(g === spec.c && g === spec.k ? M.depthwise : M.grouped(g, spec.c / g));

    wb.heading(M.compute);
    const n = r.batch > 1 ? `${r.batch}·` : '';
    if (r.transpose) {
      wb.formula(`MACs = ${n ? 'N·' : ''}H·W·C · F_H·F_W·(${kDesc}) = ${n}${spec.h}·${w.n}·${spec.c} · ${h.k}·${w.k}·${spec.k / g} = ${fmtInt(r.macs!)}`);
      wb.note(M.scatter);
    } else {
      wb.formula(`MACs = ${n ? 'N·' : ''}H'·W'·K · F_H·F_W·${cg} = ${n}${h.out}·${w.out}·${spec.k} · ${h.k}·${w.k}·${cgNum} = ${fmtInt(r.macs!)}`);
      wb.note(M.perWeight);
    }
    wb.result(M.flops(fmtInt(r.flops!)));
  }
  if (r.activations !== undefined && spec.k !== undefined) {
    wb.heading(M.memory);
    const n = r.batch > 1 ? `${r.batch}·` : '';
    wb.formula(txt`${M.activations} = ${n ? 'N·' : ''}H'·W'·K = ${n}${h.out}·${w.out}·${spec.k} = ${fmtInt(r.activations)}`);
    const bytes = `${fmtInt(r.bytes!)} B`;
    const inUnits = fmtBytes(r.bytes!);
    wb.result(`fp32: ${fmtInt(r.activations)} × 4 B = ${bytes}${inUnits === bytes ? '' : ` = ${inUnits}`}`);
  }
  return wb.build();
}

function describeInput(spec: ConvSpec, r: ConvResult): Text {
  const { h, w } = r.axes;
  const k = h.k === w.k ? `${h.k}×${h.k}` : `${h.k}×${w.k}`;
  const padNum = `${h.p}${h.pr !== h.p ? `/${h.pr}` : ''}`;
  const parts: Text[] = [
    M.input(`${r.input.h}×${r.input.w}${r.input.c !== undefined ? `×${r.input.c}` : ''}`),
    M.filters(String(spec.k ?? 'K'), `${k}${r.input.c !== undefined ? `×${r.groups > 1 ? r.input.c / r.groups : r.input.c}` : ''}`),
    M.stride(h.s),
    spec.p === 'same' || spec.p === 'valid' ? M.paddingWord(spec.p, padNum) : M.padding(String(h.p)),
  ];
  if (h.d !== 1) parts.push(M.dilation(h.d));
  if (r.groups !== 1) parts.push(M.groups(r.groups));
  if (r.transpose) parts.push(M.outputPadding(spec.outputPadding ?? 0));
  if (r.batch !== 1) parts.push(M.batchOf(r.batch));
  return txt`${M.given}${joinText(parts, bi(', ', '，'))}${bi('.', '。')}`;
}

function explainAxis(wb: WorkedBuilder, L: 'H' | 'W', a: AxisInfo): void {
  const size = a.size!;
  const F = L === 'H' ? 'F_H' : 'F_W';
  const padSum = a.p === a.pr ? `2·${a.p}` : `${a.p}+${a.pr}`;
  wb.heading(L === 'H' ? M.height : M.width);
  if (a.d === 1) {
    wb.formula(`${L}' = (${L} − ${F} + 2P)/S + 1`);
    wb.step(`= (${a.n} − ${a.k} + ${padSum})/${a.s} + 1`);
  } else {
    wb.formula(txt`${L}' = (${L} + 2P − D(${F}−1) − 1)/S + 1   ${M.dilationSpan(size.effK)}`);
    wb.step(`= (${a.n} + ${padSum} − ${a.d}·(${a.k}−1) − 1)/${a.s} + 1`);
  }
  wb.step(`= ${size.numerator}/${a.s} + 1${size.exact ? '' : ` = ${fmtNum(size.raw)}`}`);
  if (size.exact) {
    wb.result(`${L}' = ${size.out}`);
  } else {
    wb.warn(M.notInteger(fmtNum(size.raw), size.numerator));
    wb.step(M.floors(size.numerator, a.s, size.out));
    wb.result(`${L}' = ${size.out}`);
    wb.note(M.uncovered(size.uncovered, L));
  }
}

function explainTransposeAxis(wb: WorkedBuilder, L: 'H' | 'W', a: AxisInfo, op: number): void {
  const F = L === 'H' ? 'F_H' : 'F_W';
  wb.heading(L === 'H' ? M.heightT : M.widthT);
  wb.formula(`${L}' = (${L} − 1)·S − 2P + D(${F} − 1) + output_padding + 1`);
  wb.step(`= (${a.n} − 1)·${a.s} − ${a.p + a.pr} + ${a.d}·(${a.k} − 1) + ${op} + 1`);
  wb.result(`${L}' = ${a.out}`);
}

/** What a conv's slips are computed from: the spec and its result. */
export interface ConvSlipInput {
  spec: ConvSpec;
  r: ConvResult;
}

const SLIP = {
  inputSize: msg((h: number, w: number, slipped: string, ho: number, wo: number, right: string) => `looks like the input size was used: ${h}·${w} positions give ${slipped}; each output position costs the MACs, and there are H'·W' = ${ho}·${wo} of them: ${right}`,
    (h, w, slipped, ho, wo, right) => `看起来用了输入尺寸：${h}·${w} 个位置得 ${slipped}；乘加次数按输出位置算，共 H'·W' = ${ho}·${wo} 个：${right}`),
  macsNoChannels: msg((slipped: string, c: string, right: string) => `looks like the input channels were left out: H'·W'·K·F_H·F_W = ${slipped}; each output value also sums over ${c} input channels: ${right}`,
    (slipped, c, right) => `看起来漏了输入通道：H'·W'·K·F_H·F_W = ${slipped}；每个输出值还要对 ${c} 个输入通道求和：${right}`),
  decimalKib: msg((bytes: string, slipped: string, right: string) => `looks like 1 KiB was taken as 1000 B: ${bytes}/1000 = ${slipped}; 1 KiB = 1024 B: ${right}`,
    (bytes, slipped, right) => `看起来把 1 KiB 当成了 1000 B：${bytes}/1000 = ${slipped}；1 KiB = 1024 B：${right}`),
  groupsMacs: msg((slipped: string, g: number, right: string) => `looks like the groups were ignored: ${slipped} as if groups = 1; with groups = ${g} each output value sums over C/${g} channels: ${right}`,
    (slipped, g, right) => `看起来忽略了分组：按 groups = 1 算是 ${slipped}；groups = ${g} 时每个输出值只对 C/${g} 个通道求和：${right}`),
};

const paramInput = ({ spec, r }: ConvSlipInput): ConvParamSlipInput | undefined => (
  r.params !== undefined && spec.c !== undefined && spec.k !== undefined
    ? { layer: { fh: r.axes.h.k, fw: r.axes.w.k, c: spec.c, k: spec.k, groups: r.groups, bias: r.bias }, count: { weights: r.weights!, biases: r.biases!, params: r.params } }
    : undefined
);

/** The quantities' slips: keyed by the quantity they belong to (params, weights, macs, flops, bytes, activations). */
export const convSlips: Record<string, readonly SlipDef<ConvSlipInput>[]> = {
  params: adaptSlips(convParamSlips, paramInput),
  weights: adaptSlips(convWeightSlips, paramInput),
  macs: [
    flopsForMacs(({ r }) => r.macs),
    forgotBatch(({ r }) => r.macs, ({ r }) => r.batch),
    {
      id: 'groups-ignored',
      value: ({ r }) => (r.groups > 1 && r.macs !== undefined ? r.macs * r.groups : undefined),
      text: ({ r }, v) => SLIP.groupsMacs(fmtInt(v as number), r.groups, fmtInt(r.macs!)),
    },
    {
      id: 'macs-input-size',
      value: ({ r }) => (r.macs !== undefined && !r.transpose ? (r.macs / (r.output.h * r.output.w)) * r.input.h * r.input.w : undefined),
      text: ({ r }, v) => SLIP.inputSize(r.input.h, r.input.w, fmtInt(v as number), r.output.h, r.output.w, fmtInt(r.macs!)),
    },
    {
      id: 'forgot-input-channels',
      value: ({ spec, r }) => (r.macs !== undefined && !r.transpose && spec.c! / r.groups > 1 ? r.macs / (spec.c! / r.groups) : undefined),
      text: ({ spec, r }, v) => SLIP.macsNoChannels(fmtInt(v as number), r.groups > 1 ? `C/groups = ${spec.c! / r.groups}` : `C = ${spec.c}`, fmtInt(r.macs!)),
    },
  ],
  flops: [macsForFlops(({ r }) => r.flops), forgotBatch(({ r }) => r.flops, ({ r }) => r.batch)],
  activations: [forgotBatch(({ r }) => r.activations, ({ r }) => r.batch)],
  bytes: [
    bitsForBytes(({ r }) => r.bytes),
    valuesForBytes(({ r }) => r.bytes, ({ r }) => r.activations),
    decimalForBinary(({ r }) => r.bytes, 'mib-as-mb'),
    decimalForBinary(({ r }) => r.bytes, 'mb-as-mib'),
    forgotBatch(({ r }) => r.bytes, ({ r }) => r.batch),
  ],
};

/**
 * The slips of the output memory asked in KiB (the quiz's conv-memory):
 * the byte slips scaled to KiB, and 1 KiB taken as 1000 B.
 */
export function convKibSlips(spec: ConvSpec, r: ConvResult): SlipValue[] {
  if (r.bytes === undefined) return [];
  const scaled = slipValues(convSlips.bytes!, { spec, r })
    .filter((s) => s.id !== 'mb-vs-mib')
    .map((s) => ({ ...s, expected: (s.expected as number) / 1024 }));
  const kb = r.bytes / 1000;
  return [...scaled, { id: 'mb-vs-mib', expected: kb, text: SLIP.decimalKib(fmtInt(r.bytes), fmtNum(kb), fmtNum(r.bytes / 1024)) }];
}

/**
 * The slips of the output size H' (and of the whole output shape): computed
 * along the height axis with the size formula's slips (core/size.ts).
 */
export function convSizeSlipValues(r: ConvResult, op = 0): SlipValue[] {
  const a = r.axes.h;
  const axis: Axis = { n: a.n, k: a.k, s: a.s, p: a.p, pr: a.pr, d: a.d };
  return r.transpose ? slipValues(transposeSizeSlips, { ...axis, outputPadding: op }) : slipValues(convSizeSlips, axis);
}

/**
 * The slips of the whole output shape H'×W'×K (or C×H×W), when the output
 * is square: a slipped size is the same slip along both axes.
 */
export function convOutputSlips(r: ConvResult, sizeSlips: SlipValue[]): SlipValue[] {
  const { h, w, c } = r.output;
  if (h !== w || c === undefined) return [];
  return sizeSlips.flatMap((s) => (typeof s.expected === 'number' ? [{ ...s, expected: [[s.expected, s.expected, c], [c, s.expected, s.expected]] }] : []));
}

/** Slip values of every quantity of a conv run, for core/check.ts. */
export function convSlipValues(spec: ConvSpec, r: ConvResult): Record<string, SlipValue[]> {
  const input = { spec, r };
  const out: Record<string, SlipValue[]> = { size: convSizeSlipValues(r, spec.outputPadding ?? 0) };
  for (const [key, defs] of Object.entries(convSlips)) out[key] = slipValues(defs, input);
  return out;
}
