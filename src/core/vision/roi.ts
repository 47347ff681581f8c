/**
 * RoI Pool and RoI Align on one channel of a small feature map, exactly as
 * torchvision's CPU kernels compute them (csrc/ops/cpu/roi_pool_kernel.cpp,
 * roi_align_kernel.cpp, roi_align_common.h), in double precision:
 *
 * - RoI Pool rounds the scaled box to whole cells (C's round, half away from
 *   zero), splits it into out_h × out_w bins with floor/ceil edges, and takes
 *   the max of each bin: the box is quantised twice.
 * - RoI Align keeps the box's real coordinates (aligned=True first shifts
 *   them by half a cell, so that cell centres sit at i + 0.5), splits it into
 *   equal bins, samples each bin on a grid (sampling_ratio per side, or
 *   ceil(bin size) when it is ≤ 0) with bilinear interpolation, and averages.
 */
import { InputError } from '../errors';
import { fmtNum } from '../format';
import type { SlipDef } from '../slips';
import { bi, msg, plural, txt } from '../text';
import { WorkedBuilder, type Worked } from '../worked';
import { toCorners, type Box } from './boxes';

export type RoiMode = 'pool' | 'align';

export interface RoiSpec {
  mode: RoiMode;
  /** One channel: rows of the feature map. */
  feature: number[][];
  /** x1, y1, x2, y2 in image coordinates. */
  box: readonly number[];
  /** Output size (pooled height and width). */
  out: [number, number];
  /** spatial_scale: feature-map cells per image pixel (1/16 for a stride-16 map). */
  scale?: number;
  /** RoI Align's samples per bin side; ≤ 0 adapts to the bin size (torchvision's default −1). */
  samplingRatio?: number;
  /** RoI Align's aligned flag (shift by −0.5). */
  aligned?: boolean;
}

export interface RoiSample {
  y: number;
  x: number;
  /** The four cells (rows y_low/y_high, cols x_low/x_high) and their weights; empty when the sample lies off the map. */
  cells: Array<{ row: number; col: number; weight: number; value: number }>;
  value: number;
}

export interface RoiBin {
  row: number;
  col: number;
  /** RoI Pool: the cells [rowStart, rowEnd) × [colStart, colEnd). RoI Align: the bin's real edges. */
  y0: number;
  y1: number;
  x0: number;
  x1: number;
  /** RoI Align's sample points. */
  samples?: RoiSample[];
  /** RoI Pool: where the max is (row, col), or null for an empty bin. */
  argmax?: [number, number] | null;
  value: number;
}

export interface RoiResult {
  mode: RoiMode;
  height: number;
  width: number;
  feature: number[][];
  box: Box;
  scale: number;
  /** The box on the feature map: box · scale (− 0.5 when aligned). */
  scaled: Box;
  /** RoI Pool: the box rounded to cells. */
  rounded?: Box;
  roiW: number;
  roiH: number;
  binW: number;
  binH: number;
  /** RoI Align's samples per bin along H and W. */
  grid?: [number, number];
  samplingRatio?: number;
  aligned?: boolean;
  out: [number, number];
  bins: RoiBin[];
  output: number[][];
}

const f = (x: number): string => fmtNum(x, 6);

const M = {
  feature: bi('the feature map needs at least one row and one column', '特征图至少要有一行一列'),
  out: msg((got: string) => `the output size must be positive integers (e.g. 2 or 2x2), got ${got}`, (got) => `输出尺寸必须是正整数（如 2 或 2x2），收到 ${got}`),
  scale: msg((got: number) => `the spatial scale must be greater than 0, got ${fmtNum(got)}`, (got) => `spatial_scale 必须大于 0，收到 ${fmtNum(got)}`),
  sampling: msg((got: number) => `the sampling ratio must be an integer (≤ 0 adapts to the bin size), got ${fmtNum(got)}`, (got) => `sampling_ratio 必须是整数（≤ 0 表示按 bin 大小自适应），收到 ${fmtNum(got)}`),
  outside: msg((box: string, w: number, h: number, scaled: boolean) => `the box ${box} lies outside the ${h}×${w} feature map (x from 0 to ${w}, y from 0 to ${h})${scaled ? '' : '; if it is in image coordinates, give --scale (1/16 for a stride-16 map)'}`,
    (box, w, h, scaled) => `框 ${box} 超出了 ${h}×${w} 的特征图（x 在 0 到 ${w} 之间，y 在 0 到 ${h} 之间）${scaled ? '' : '；如果这是原图坐标，请给出 --scale（步幅 16 的特征图为 1/16）'}`),
  titlePool: bi('RoI Pool (torchvision.ops.roi_pool)', 'RoI Pool（torchvision.ops.roi_pool）'),
  titleAlign: bi('RoI Align (torchvision.ops.roi_align)', 'RoI Align（torchvision.ops.roi_align）'),
  onMap: bi('The box on the feature map', '框在特征图上的位置'),
  rounding: bi('RoI Pool rounds the box to whole cells (quantisation 1):', 'RoI Pool 把框取整到整格（第一次量化）：'),
  bins: bi('Bins', '分格（bin）'),
  poolBins: msg((h: string, w: string) => `bin size = ${h} × ${w} cells; bin i spans ⌊i·size⌋ … ⌈(i+1)·size⌉ (quantisation 2), and takes the max`,
    (h, w) => `每个 bin ${h} × ${w} 格；第 i 个 bin 覆盖 ⌊i·size⌋ … ⌈(i+1)·size⌉（第二次量化），取最大值`),
  alignBins: msg((h: string, w: string, gh: number, gw: number, adaptive: boolean) => `bin size = ${h} × ${w} (not rounded); ${gh}×${gw} sample points per bin${adaptive ? ' (sampling_ratio ≤ 0: ⌈bin size⌉ per side)' : ''}, each at the centre of its sub-cell, read by bilinear interpolation and averaged`,
    (h, w, gh, gw, adaptive) => `每个 bin ${h} × ${w}（不取整）；每个 bin ${gh}×${gw} 个采样点${adaptive ? '（sampling_ratio ≤ 0：每边 ⌈bin 大小⌉ 个）' : ''}，位于各小格中心，用双线性插值读取后取平均`),
  emptyBin: bi('empty bin: 0', '空 bin：0'),
  offMap: bi('off the map: 0', '在特征图外：0'),
  binHeading: msg((r: number, c: number) => `bin (${r}, ${c})`, (r, c) => `bin (${r}, ${c})`),
  poolBin: msg((r0: number, r1: number, c0: number, c1: number, v: string, at: string) => `rows ${r0}…${r1 - 1}, cols ${c0}…${c1 - 1}: max = ${v}${at}`,
    (r0, r1, c0, c1, v, at) => `第 ${r0}…${r1 - 1} 行、第 ${c0}…${c1 - 1} 列：最大值 = ${v}${at}`),
  average: msg((n: number, sum: string, v: string) => `average of ${n} = ${sum}/${n} = ${v}`, (n, sum, v) => `${n} 个采样点的平均 = ${sum}/${n} = ${v}`),
  more: msg((n: number) => `(${plural(n, 'more bin')} worked the same way)`, (n) => `（其余 ${n} 个 bin 同理）`),
  output: bi('Output', '输出'),
  poolNote: bi('Both roundings move the bins off the box: for small objects the features no longer line up with the pixels. RoI Align (Mask R-CNN) removes them: dlnotes roi --mode align.',
    '两次取整让 bin 偏离了框：小物体的特征与像素不再对齐。RoI Align（Mask R-CNN）去掉了这两次量化：dlnotes roi --mode align。'),
  alignNote: bi('No rounding anywhere: the sample points follow the box exactly. aligned=True (--aligned) shifts the box by −0.5 so that a cell\'s centre is at i + 0.5, the convention Detectron2 uses.',
    '全程不取整：采样点严格跟随框。aligned=True（--aligned）把框平移 −0.5，使格子中心位于 i + 0.5（Detectron2 的约定）。'),
  unaligned: bi('aligned=False (torchvision\'s default): a box smaller than one cell is stretched to 1×1.', 'aligned=False（torchvision 默认）：小于一格的框被拉伸为 1×1。'),
};

/** C's round(): half away from zero (torchvision's roi_pool), unlike Math.round. */
export function cRound(x: number): number {
  return Math.sign(x) * Math.floor(Math.abs(x) + 0.5);
}

/** torchvision's bilinear_interpolate (roi_align_common.h), with its edge rules. */
export function bilinear(feature: number[][], y0: number, x0: number): RoiSample {
  const height = feature.length;
  const width = feature[0]!.length;
  if (!(y0 >= -1 && y0 <= height && x0 >= -1 && x0 <= width)) return { y: y0, x: x0, cells: [], value: 0 };
  let y = Math.max(y0, 0);
  let x = Math.max(x0, 0);
  let yLow = Math.floor(y);
  let xLow = Math.floor(x);
  let yHigh: number;
  let xHigh: number;
  if (yLow >= height - 1) {
    yHigh = yLow = height - 1;
    y = yLow;
  } else yHigh = yLow + 1;
  if (xLow >= width - 1) {
    xHigh = xLow = width - 1;
    x = xLow;
  } else xHigh = xLow + 1;
  const ly = y - yLow;
  const lx = x - xLow;
  const hy = 1 - ly;
  const hx = 1 - lx;
  const cells = [
    { row: yLow, col: xLow, weight: hy * hx, value: feature[yLow]![xLow]! },
    { row: yLow, col: xHigh, weight: hy * lx, value: feature[yLow]![xHigh]! },
    { row: yHigh, col: xLow, weight: ly * hx, value: feature[yHigh]![xLow]! },
    { row: yHigh, col: xHigh, weight: ly * lx, value: feature[yHigh]![xHigh]! },
  ];
  return { y: y0, x: x0, cells, value: cells.reduce((s, c) => s + c.weight * c.value, 0) };
}

function validate(spec: RoiSpec, check = true): { box: Box; scale: number } {
  const h = spec.feature.length;
  const w = spec.feature[0]?.length ?? 0;
  if (h === 0 || w === 0) throw new InputError('feature', M.feature);
  const [oh, ow] = spec.out;
  if (!(Number.isInteger(oh) && oh >= 1 && Number.isInteger(ow) && ow >= 1)) throw new InputError('out', M.out(`${oh}x${ow}`));
  const scale = spec.scale ?? 1;
  if (!(scale > 0)) throw new InputError('scale', M.scale(scale));
  if (spec.samplingRatio !== undefined && !Number.isInteger(spec.samplingRatio)) throw new InputError('sampling-ratio', M.sampling(spec.samplingRatio));
  const box = toCorners(spec.box, 'xyxy', 'RoI', 'box');
  const s = box.map((v) => v * scale);
  if (check && (s[0]! < 0 || s[1]! < 0 || s[2]! > w || s[3]! > h)) {
    throw new InputError('box', M.outside(scale === 1 ? `(${box.map(f).join(', ')})` : `(${box.map(f).join(', ')})·${f(scale)} = (${s.map(f).join(', ')})`, w, h, scale !== 1));
  }
  return { box, scale };
}

/** torchvision.ops.roi_pool / roi_align for one box on one channel. `check: false` skips the on-the-map check (for slips). */
export function roi(spec: RoiSpec, check = true): RoiResult {
  const { box, scale } = validate(spec, check);
  const feature = spec.feature;
  const height = feature.length;
  const width = feature[0]!.length;
  const [oh, ow] = spec.out;
  const bins: RoiBin[] = [];
  const output: number[][] = Array.from({ length: oh }, () => new Array<number>(ow).fill(0));
  if (spec.mode === 'pool') {
    const rounded = box.map((v) => cRound(v * scale)) as Box;
    const roiW = Math.max(rounded[2] - rounded[0] + 1, 1);
    const roiH = Math.max(rounded[3] - rounded[1] + 1, 1);
    const binH = roiH / oh;
    const binW = roiW / ow;
    for (let ph = 0; ph < oh; ph++) {
      for (let pw = 0; pw < ow; pw++) {
        const clip = (v: number, hi: number): number => Math.min(Math.max(v, 0), hi);
        const hs = clip(Math.floor(ph * binH) + rounded[1], height);
        const he = clip(Math.ceil((ph + 1) * binH) + rounded[1], height);
        const ws = clip(Math.floor(pw * binW) + rounded[0], width);
        const we = clip(Math.ceil((pw + 1) * binW) + rounded[0], width);
        let value = he <= hs || we <= ws ? 0 : -Infinity;
        let argmax: [number, number] | null = null;
        for (let y = hs; y < he; y++) {
          for (let x = ws; x < we; x++) {
            if (feature[y]![x]! > value) {
              value = feature[y]![x]!;
              argmax = [y, x];
            }
          }
        }
        output[ph]![pw] = value;
        bins.push({ row: ph, col: pw, y0: hs, y1: he, x0: ws, x1: we, argmax, value });
      }
    }
    return { mode: 'pool', height, width, feature, box, scale, scaled: box.map((v) => v * scale) as Box, rounded, roiW, roiH, binW, binH, out: [oh, ow], bins, output };
  }
  const aligned = spec.aligned ?? false;
  const offset = aligned ? 0.5 : 0;
  const scaled = box.map((v) => v * scale - offset) as Box;
  let roiW = scaled[2] - scaled[0];
  let roiH = scaled[3] - scaled[1];
  if (!aligned) {
    roiW = Math.max(roiW, 1);
    roiH = Math.max(roiH, 1);
  }
  const binH = roiH / oh;
  const binW = roiW / ow;
  const sr = spec.samplingRatio ?? -1;
  const gh = sr > 0 ? sr : Math.ceil(roiH / oh);
  const gw = sr > 0 ? sr : Math.ceil(roiW / ow);
  const count = Math.max(gh * gw, 1);
  for (let ph = 0; ph < oh; ph++) {
    for (let pw = 0; pw < ow; pw++) {
      const samples: RoiSample[] = [];
      for (let iy = 0; iy < gh; iy++) {
        const y = scaled[1] + ph * binH + ((iy + 0.5) * binH) / gh;
        for (let ix = 0; ix < gw; ix++) {
          const x = scaled[0] + pw * binW + ((ix + 0.5) * binW) / gw;
          samples.push(bilinear(feature, y, x));
        }
      }
      const value = samples.reduce((s, p) => s + p.value, 0) / count;
      output[ph]![pw] = value;
      bins.push({ row: ph, col: pw, y0: scaled[1] + ph * binH, y1: scaled[1] + (ph + 1) * binH, x0: scaled[0] + pw * binW, x1: scaled[0] + (pw + 1) * binW, samples, value });
    }
  }
  return { mode: 'align', height, width, feature, box, scale, scaled, roiW, roiH, binW, binH, grid: [gh, gw], samplingRatio: sr, aligned, out: [oh, ow], bins, output };
}

/** Bins shown in full in the worked solution; the rest only in the output. */
const DETAILED_BINS = 9;

export function explainRoi(r: RoiResult): Worked {
  const wb = new WorkedBuilder(r.mode === 'pool' ? M.titlePool : M.titleAlign);
  wb.heading(M.onMap);
  const b = r.box;
  const s = r.scale;
  if (r.mode === 'pool') {
    wb.formula(s !== 1 ? `(${b.map(f).join(', ')}) × ${f(s)} = (${b.map((v) => f(v * s)).join(', ')})` : `(${b.map(f).join(', ')})`);
    wb.note(M.rounding);
    wb.step(`round → (${r.rounded!.join(', ')})`);
    wb.step(`w = ${r.rounded![2]} − ${r.rounded![0]} + 1 = ${r.roiW},  h = ${r.rounded![3]} − ${r.rounded![1]} + 1 = ${r.roiH}`);
    wb.heading(M.bins);
    wb.note(M.poolBins(f(r.binH), f(r.binW)));
    for (const bin of r.bins) {
      const at = bin.argmax ? ` @ (${bin.argmax[0]}, ${bin.argmax[1]})` : '';
      wb.step(bin.y1 <= bin.y0 || bin.x1 <= bin.x0 ? txt`${bin.row},${bin.col}: ${M.emptyBin}` : M.poolBin(bin.y0, bin.y1, bin.x0, bin.x1, f(bin.value), at));
    }
  } else {
    const shift = r.aligned ? ' − 0.5' : '';
    wb.formula(s === 1 && !r.aligned ? `(${b.map(f).join(', ')})` : `(${b.map(f).join(', ')})${s !== 1 ? ` × ${f(s)}` : ''}${shift} = (${r.scaled.map(f).join(', ')})`);
    wb.step(`w = ${f(r.scaled[2])} − ${f(r.scaled[0])} = ${f(r.scaled[2] - r.scaled[0])},  h = ${f(r.scaled[3])} − ${f(r.scaled[1])} = ${f(r.scaled[3] - r.scaled[1])}`);
    if (!r.aligned && (r.scaled[2] - r.scaled[0] < 1 || r.scaled[3] - r.scaled[1] < 1)) wb.note(M.unaligned);
    wb.heading(M.bins);
    wb.note(M.alignBins(f(r.binH), f(r.binW), r.grid![0], r.grid![1], (r.samplingRatio ?? -1) <= 0));
    r.bins.slice(0, DETAILED_BINS).forEach((bin) => {
      wb.formula(txt`${M.binHeading(bin.row, bin.col)}: y ${f(bin.y0)}…${f(bin.y1)}, x ${f(bin.x0)}…${f(bin.x1)}`);
      for (const p of bin.samples!) {
        const terms = p.cells.filter((c) => c.weight !== 0).map((c) => `${f(c.weight)}·${f(c.value)}`);
        wb.step(p.cells.length === 0 ? txt`(${f(p.y)}, ${f(p.x)}): ${M.offMap}` : `(${f(p.y)}, ${f(p.x)}): ${terms.join(' + ') || '0'} = ${f(p.value)}`);
      }
      const n = Math.max(bin.samples!.length, 1);
      wb.step(M.average(n, f(bin.samples!.reduce((t, p) => t + p.value, 0)), f(bin.value)));
    });
    if (r.bins.length > DETAILED_BINS) wb.note(M.more(r.bins.length - DETAILED_BINS));
  }
  wb.heading(M.output);
  for (const row of r.output) wb.result(row.map(f).join('  '));
  wb.note(r.mode === 'pool' ? M.poolNote : M.alignNote);
  return wb.build();
}

const SLIP = {
  offset: msg((slipped: string, aligned: boolean, right: string) => `looks like ${aligned ? 'aligned=False (no −0.5 shift)' : 'aligned=True (a −0.5 shift)'} was used: ${slipped}; with aligned=${aligned ? 'True' : 'False'}: ${right}`,
    (slipped, aligned, right) => `看起来用了 ${aligned ? 'aligned=False（没有 −0.5 平移）' : 'aligned=True（−0.5 平移）'}：${slipped}；aligned=${aligned ? 'True' : 'False'} 时是 ${right}`),
  scale: msg((slipped: string, s: string, right: string) => `looks like the box was used in image coordinates: ${slipped}; on the feature map it is the box × ${s}: ${right}`,
    (slipped, s, right) => `看起来直接用了原图坐标：${slipped}；在特征图上要乘以 ${s}：${right}`),
  max: msg((slipped: string, right: string) => `looks like the max of the samples was taken: ${slipped}; RoI Align averages them: ${right}`,
    (slipped, right) => `看起来对采样点取了最大值：${slipped}；RoI Align 取平均：${right}`),
};

const flat = (m: number[][]): number[] => m.flat();
const show = (v: number | number[][]): string => (typeof v === 'number' ? f(v) : v[0]!.map(f).join(', '));

/**
 * Slips of the output (`cell` undefined: the whole output, row-major) or of
 * one cell [row, col].
 */
export function roiSlips(spec: RoiSpec, cell?: [number, number]): SlipDef<RoiResult>[] {
  const pick = (m: number[][]): number | number[][] => (cell ? m[cell[0]]![cell[1]]! : [flat(m)]);
  const other = (over: Partial<RoiSpec>): number[][] | undefined => {
    try {
      return roi({ ...spec, ...over }, false).output;
    } catch {
      return undefined;
    }
  };
  const maxOut = (r: RoiResult): number[][] => r.output.map((row, i) => row.map((_, j) => Math.max(...r.bins[i * r.out[1] + j]!.samples!.map((p) => p.value))));
  const rightOf = (r: RoiResult): number | number[][] => pick(r.output);
  return [
    {
      id: 'roi-align-offset',
      value: (r) => (r.mode === 'align' ? (other({ aligned: !r.aligned }) ? pick(other({ aligned: !r.aligned })!) : undefined) : undefined),
      text: (r, v) => SLIP.offset(show(v), r.aligned === true, show(rightOf(r))),
    },
    {
      id: 'roi-scale-forgotten',
      value: (r) => (r.scale !== 1 && other({ scale: 1 }) ? pick(other({ scale: 1 })!) : undefined),
      text: (r, v) => SLIP.scale(show(v), f(r.scale), show(rightOf(r))),
    },
    { id: 'roi-max-not-average', value: (r) => (r.mode === 'align' ? pick(maxOut(r)) : undefined), text: (r, v) => SLIP.max(show(v), show(rightOf(r))) },
  ];
}
