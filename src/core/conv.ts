/**
 * One Conv2d / ConvTranspose2d layer: output size, parameters, MACs and
 * output memory, with PyTorch's conventions, and the worked solution.
 */
import { InputError } from './errors';
import { fmtBytes, fmtInt, fmtNum } from './format';
import { convParams } from './params';
import { convOutSize, convTransposeOutSize, samePadding, type SizeResult } from './size';
import { WorkedBuilder, type Worked } from './worked';

export type PaddingSpec = number | 'same' | 'valid';

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
  if (!(Number.isInteger(batch) && batch >= 1)) throw new InputError('batch', `batch must be a positive integer, got ${batch}`);
  if (spec.outputPadding && !transpose) throw new InputError('output-padding', 'output padding only applies to a transposed convolution (--transpose)');

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
    if (transpose) throw new InputError('p', "padding='same' is not supported for transposed convolutions; give a number");
    return samePadding(k, d, s);
  }
  return { p, pr: p };
}

/** The worked solution of conv(spec), with the student's numbers. */
export function explainConv(spec: ConvSpec): Worked {
  const r = conv(spec);
  const wb = new WorkedBuilder(r.transpose ? 'ConvTranspose2d layer' : 'Conv2d layer');
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
  if (sameAxes) wb.note(`W' = H' = ${h.out} (same numbers along the width)`);
  const shape = `${r.output.h}×${r.output.w}×${r.output.c ?? 'K'}`;
  wb.result(`Output: ${shape}  (H'×W'×K as in the notes; PyTorch shape ${r.batch}×${r.output.c ?? 'K'}×${r.output.h}×${r.output.w}, N×C×H×W)`);
  if (spec.k === undefined) wb.note('Give --k (number of filters) for the output channels, and --c as well for parameters and MACs.');

  if (r.params !== undefined && spec.c !== undefined && spec.k !== undefined) {
    const g = r.groups;
    const cg = g === 1 ? 'C' : 'C/groups';
    const cgNum = g === 1 ? `${spec.c}` : `(${spec.c}/${g})`;
    const kDesc = r.transpose ? (g === 1 ? 'K' : 'K/groups') : 'K';
    wb.heading('Parameters');
    if (r.transpose) {
      wb.formula(`weights = F_H·F_W·C·(${kDesc}) = ${h.k}·${w.k}·${spec.c}·${g === 1 ? spec.k : `(${spec.k}/${g})`} = ${fmtInt(r.weights!)}`);
    } else {
      wb.formula(`weights = F_H·F_W·${cg}·K = ${h.k}·${w.k}·${cgNum}·${spec.k} = ${fmtInt(r.weights!)}`);
    }
    wb.step(r.bias ? `biases = K = ${spec.k}` : 'biases = 0 (bias=False)');
    wb.result(`parameters = ${fmtInt(r.weights!)} + ${fmtInt(r.biases!)} = ${fmtInt(r.params)}`);
    if (g > 1) wb.note(g === spec.c && g === spec.k ? 'groups = C = K: a depthwise convolution, each filter sees one channel.' : `groups = ${g}: each filter sees only C/groups = ${spec.c / g} input channels.`);

    wb.heading('Compute');
    const n = r.batch > 1 ? `${r.batch}·` : '';
    if (r.transpose) {
      wb.formula(`MACs = ${n ? 'N·' : ''}H·W·C · F_H·F_W·(${kDesc}) = ${n}${spec.h}·${w.n}·${spec.c} · ${h.k}·${w.k}·${spec.k / g} = ${fmtInt(r.macs!)}`);
      wb.note('Each input value is multiplied into a F_H×F_W×(K/groups) block of the output.');
    } else {
      wb.formula(`MACs = ${n ? 'N·' : ''}H'·W'·K · F_H·F_W·${cg} = ${n}${h.out}·${w.out}·${spec.k} · ${h.k}·${w.k}·${cgNum} = ${fmtInt(r.macs!)}`);
      wb.note('One multiply-accumulate per weight per output position; biases add no multiplications.');
    }
    wb.result(`FLOPs = 2 × MACs = ${fmtInt(r.flops!)}  (1 MAC = 1 multiply + 1 add)`);
  }
  if (r.activations !== undefined && spec.k !== undefined) {
    wb.heading('Output memory');
    const n = r.batch > 1 ? `${r.batch}·` : '';
    wb.formula(`activations = ${n ? 'N·' : ''}H'·W'·K = ${n}${h.out}·${w.out}·${spec.k} = ${fmtInt(r.activations)}`);
    const bytes = `${fmtInt(r.bytes!)} B`;
    const inUnits = fmtBytes(r.bytes!);
    wb.result(`fp32: ${fmtInt(r.activations)} × 4 B = ${bytes}${inUnits === bytes ? '' : ` = ${inUnits}`}`);
  }
  return wb.build();
}

function describeInput(spec: ConvSpec, r: ConvResult): string {
  const { h, w } = r.axes;
  const k = h.k === w.k ? `${h.k}×${h.k}` : `${h.k}×${w.k}`;
  const pad = spec.p === 'same' || spec.p === 'valid' ? `padding '${spec.p}' = ${h.p}${h.pr !== h.p ? `/${h.pr}` : ''}` : `padding ${h.p}`;
  const parts = [
    `input ${r.input.h}×${r.input.w}${r.input.c !== undefined ? `×${r.input.c}` : ''}`,
    `${spec.k ?? 'K'} filters of ${k}${r.input.c !== undefined ? `×${r.groups > 1 ? r.input.c / r.groups : r.input.c}` : ''}`,
    `stride ${h.s}`,
    pad,
  ];
  if (h.d !== 1) parts.push(`dilation ${h.d}`);
  if (r.groups !== 1) parts.push(`groups ${r.groups}`);
  if (r.transpose) parts.push(`output padding ${spec.outputPadding ?? 0}`);
  if (r.batch !== 1) parts.push(`batch ${r.batch}`);
  return `Given: ${parts.join(', ')}.`;
}

function explainAxis(wb: WorkedBuilder, L: 'H' | 'W', a: AxisInfo): void {
  const size = a.size!;
  const F = L === 'H' ? 'F_H' : 'F_W';
  const padSum = a.p === a.pr ? `2·${a.p}` : `${a.p}+${a.pr}`;
  wb.heading(`Output ${L === 'H' ? 'height' : 'width'}`);
  if (a.d === 1) {
    wb.formula(`${L}' = (${L} − ${F} + 2P)/S + 1`);
    wb.step(`= (${a.n} − ${a.k} + ${padSum})/${a.s} + 1`);
    wb.step(`= ${size.numerator}/${a.s} + 1${size.exact ? '' : ` = ${fmtNum(size.raw)}`}`);
  } else {
    wb.formula(`${L}' = (${L} + 2P − D(${F}−1) − 1)/S + 1   (dilation D: the kernel spans D(F−1)+1 = ${size.effK})`);
    wb.step(`= (${a.n} + ${padSum} − ${a.d}·(${a.k}−1) − 1)/${a.s} + 1`);
    wb.step(`= ${size.numerator}/${a.s} + 1${size.exact ? '' : ` = ${fmtNum(size.raw)}`}`);
  }
  if (size.exact) {
    wb.result(`${L}' = ${size.out}`);
  } else {
    wb.warn(`${fmtNum(size.raw)} is not an integer: this setting does not tile the input (the stride does not divide ${size.numerator}).`);
    wb.step(`PyTorch floors: ⌊${size.numerator}/${a.s}⌋ + 1 = ${size.out}`);
    wb.result(`${L}' = ${size.out}`);
    wb.note(`The last ${size.uncovered} ${L === 'H' ? 'row' : 'column'}${size.uncovered === 1 ? '' : 's'} of the padded input ${size.uncovered === 1 ? 'is' : 'are'} never covered by a window.`);
  }
}

function explainTransposeAxis(wb: WorkedBuilder, L: 'H' | 'W', a: AxisInfo, op: number): void {
  const F = L === 'H' ? 'F_H' : 'F_W';
  wb.heading(`Output ${L === 'H' ? 'height' : 'width'} (transposed)`);
  wb.formula(`${L}' = (${L} − 1)·S − 2P + D(${F} − 1) + output_padding + 1`);
  wb.step(`= (${a.n} − 1)·${a.s} − ${a.p + a.pr} + ${a.d}·(${a.k} − 1) + ${op} + 1`);
  wb.result(`${L}' = ${a.out}`);
}
