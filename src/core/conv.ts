/**
 * One Conv2d / ConvTranspose2d layer: output size, parameters, MACs and
 * output memory, with PyTorch's conventions, and the worked solution.
 */
import { InputError } from './errors';
import { fmtBytes, fmtInt, fmtNum } from './format';
import { convParams } from './params';
import { convOutSize, convSizeSlips, convTransposeOutSize, samePadding, type Axis, type SizeResult } from './size';
import { slipValues, type SlipDef, type SlipValue } from './slips';
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
  forgotBias: msg((w: string, k: number, right: string) => `looks like the bias was forgotten: ${w} weights, plus K = ${k} biases = ${right}`,
    (w, k, right) => `看起来忘了偏置：${w} 个权重，再加 K = ${k} 个偏置 = ${right}`),
  noChannels: msg((f: string, k: number, slipped: string, c: number, right: string) => `looks like the input channels were left out: ${f}·${k} + ${k} = ${slipped}; each filter is F·F·C with C = ${c}: ${right}`,
    (f, k, slipped, c, right) => `看起来漏了输入通道：${f}·${k} + ${k} = ${slipped}；每个滤波器是 F·F·C，C = ${c}：${right}`),
  biasPerWeight: msg((w: string, slipped: string, k: number, right: string) => `looks like one bias was counted per weight: 2 × ${w} = ${slipped}; there is one bias per filter (K = ${k}): ${right}`,
    (w, slipped, k, right) => `看起来每个权重都算了一个偏置：2 × ${w} = ${slipped}；每个滤波器只有一个偏置（K = ${k}）：${right}`),
  groups: msg((slipped: string, g: number, right: string) => `looks like the groups were ignored: ${slipped} as if groups = 1; with groups = ${g} each filter sees C/${g} channels: ${right}`,
    (slipped, g, right) => `看起来忽略了分组：按 groups = 1 算是 ${slipped}；groups = ${g} 时每个滤波器只看 C/${g} 个通道：${right}`),
  flopsForMacs: msg((slipped: string, right: string) => `looks like FLOPs were given for MACs: 2 × MACs = ${slipped}; MACs = ${right}`,
    (slipped, right) => `看起来把 FLOPs 当成了 MACs：2 × MACs = ${slipped}；MACs = ${right}`),
  macsForFlops: msg((slipped: string, right: string) => `looks like MACs were given for FLOPs: MACs = ${slipped}; FLOPs = 2 × MACs = ${right}`,
    (slipped, right) => `看起来把 MACs 当成了 FLOPs：MACs = ${slipped}；FLOPs = 2 × MACs = ${right}`),
  batch: msg((slipped: string, n: number, right: string) => `looks like the batch was forgotten: ${slipped} for one image; × N = ${n} gives ${right}`,
    (slipped, n, right) => `看起来忘了批大小：一张图是 ${slipped}；乘以 N = ${n} 得 ${right}`),
  bits: msg((slipped: string, right: string) => `looks like bits were counted: ${slipped} bits; fp32 is 4 bytes (32 bits) per value: ${right} B`,
    (slipped, right) => `看起来算的是比特：${slipped} 比特；fp32 每个值 4 字节（32 比特）：${right} B`),
};

/** The quantities' slips: keyed by the quantity they belong to (params, weights, macs, flops, bytes, activations). */
export const convSlips: Record<string, readonly SlipDef<ConvSlipInput>[]> = {
  params: [
    { id: 'forgot-bias', value: ({ r }) => (r.bias && r.weights !== undefined ? r.weights : undefined), text: ({ r, spec }) => SLIP.forgotBias(fmtInt(r.weights!), spec.k!, fmtInt(r.params!)) },
    {
      id: 'forgot-input-channels',
      value: ({ r, spec }) => (spec.c !== undefined && spec.k !== undefined && spec.c > 1 ? r.axes.h.k * r.axes.w.k * spec.k + (r.bias ? spec.k : 0) : undefined),
      text: ({ r, spec }, v) => SLIP.noChannels(`${r.axes.h.k}·${r.axes.w.k}`, spec.k!, fmtInt(v as number), spec.c!, fmtInt(r.params!)),
    },
    { id: 'bias-per-weight', value: ({ r }) => (r.bias && r.weights !== undefined ? 2 * r.weights : undefined), text: ({ r, spec }, v) => SLIP.biasPerWeight(fmtInt(r.weights!), fmtInt(v as number), spec.k!, fmtInt(r.params!)) },
    {
      id: 'groups-ignored',
      value: ({ r, spec }) => (r.groups > 1 ? r.weights! * r.groups + r.biases! : undefined),
      text: ({ r }, v) => SLIP.groups(fmtInt(v as number), r.groups, fmtInt(r.params!)),
    },
  ],
  weights: [
    { id: 'groups-ignored', value: ({ r }) => (r.groups > 1 ? r.weights! * r.groups : undefined), text: ({ r }, v) => SLIP.groups(fmtInt(v as number), r.groups, fmtInt(r.weights!)) },
  ],
  macs: [
    { id: 'flops-vs-macs', value: ({ r }) => r.flops, text: ({ r }) => SLIP.flopsForMacs(fmtInt(r.flops!), fmtInt(r.macs!)) },
    { id: 'forgot-batch', value: ({ r }) => (r.batch > 1 ? r.macs! / r.batch : undefined), text: ({ r }, v) => SLIP.batch(fmtInt(v as number), r.batch, fmtInt(r.macs!)) },
    { id: 'groups-ignored', value: ({ r }) => (r.groups > 1 ? r.macs! * r.groups : undefined), text: ({ r }, v) => SLIP.groups(fmtInt(v as number), r.groups, fmtInt(r.macs!)) },
  ],
  flops: [
    { id: 'flops-vs-macs', value: ({ r }) => r.macs, text: ({ r }) => SLIP.macsForFlops(fmtInt(r.macs!), fmtInt(r.flops!)) },
    { id: 'forgot-batch', value: ({ r }) => (r.batch > 1 ? r.flops! / r.batch : undefined), text: ({ r }, v) => SLIP.batch(fmtInt(v as number), r.batch, fmtInt(r.flops!)) },
  ],
  activations: [
    { id: 'forgot-batch', value: ({ r }) => (r.batch > 1 ? r.activations! / r.batch : undefined), text: ({ r }, v) => SLIP.batch(fmtInt(v as number), r.batch, fmtInt(r.activations!)) },
  ],
  bytes: [
    { id: 'bits-vs-bytes', value: ({ r }) => (r.bytes !== undefined ? r.bytes * 8 : undefined), text: ({ r }, v) => SLIP.bits(fmtInt(v as number), fmtInt(r.bytes!)) },
    { id: 'forgot-batch', value: ({ r }) => (r.batch > 1 ? r.bytes! / r.batch : undefined), text: ({ r }, v) => SLIP.batch(fmtInt(v as number), r.batch, fmtInt(r.bytes!)) },
  ],
};

/**
 * The slips of the output size H' (and of the whole output shape): computed
 * along the height axis with the size formula's slips (core/size.ts).
 */
export function convSizeSlipValues(r: ConvResult): SlipValue[] {
  if (r.transpose) return [];
  const a = r.axes.h;
  const axis: Axis = { n: a.n, k: a.k, s: a.s, p: a.p, pr: a.pr, d: a.d };
  return slipValues(convSizeSlips, axis);
}

/** Slip values of every quantity of a conv run, for core/check.ts. */
export function convSlipValues(spec: ConvSpec, r: ConvResult): Record<string, SlipValue[]> {
  const input = { spec, r };
  const out: Record<string, SlipValue[]> = { size: convSizeSlipValues(r) };
  for (const [key, defs] of Object.entries(convSlips)) out[key] = slipValues(defs, input);
  return out;
}
