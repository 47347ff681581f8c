/** dlnotes roi: RoI Pool and RoI Align of one box on a small feature map, as torchvision.ops. */
import type { Quantity } from '../core/check';
import { tidyDeep } from '../core/numlist';
import { slipValues } from '../core/slips';
import { bi, msg } from '../core/text';
import { readBox, readMatrix } from '../core/vision/read';
import { explainRoi, roi, roiSlips, type RoiMode, type RoiResult, type RoiSpec } from '../core/vision/roi';
import { UsageError } from '../errors';
import { emit, type Outcome } from './output';
import { choice, integer, real, reading, required, WHAT } from './vision-flags';

export interface RoiFlags {
  mode?: string; feature?: string; box?: string; out?: string;
  scale?: string; samplingRatio?: string; aligned?: boolean;
  json?: boolean; answer?: string;
}

const LABEL = {
  output: bi('output', '输出'),
  cell: msg((r: number, c: number) => `output (${r}, ${c})`, (r, c) => `输出 (${r}, ${c})`),
  feature: bi('the feature map, rows separated by ";", e.g. "1,2,3; 4,5,6; 7,8,9"', '特征图，行之间用“;”分隔，如 "1,2,3; 4,5,6; 7,8,9"'),
  out: msg((got: string) => `--out: expected an output size like 2 or 2x3, got "${got}"`, (got) => `--out：应为形如 2 或 2x3 的输出尺寸，收到 "${got}"`),
  poolOnly: bi('--aligned and --sampling-ratio belong to RoI Align (--mode align); RoI Pool has neither', '--aligned 和 --sampling-ratio 只用于 RoI Align（--mode align）；RoI Pool 没有这两个参数'),
};

function readOut(raw: string | undefined): [number, number] {
  const text = (raw ?? '2').trim();
  const m = /^(\d+)(?:\s*[x×*,]\s*(\d+))?$/.exec(text.replace(/[，]/g, ','));
  const h = m ? Number(m[1]) : NaN;
  const w = m?.[2] !== undefined ? Number(m[2]) : h;
  if (!(h >= 1 && w >= 1)) throw new UsageError(LABEL.out(text), 'out');
  return [h, w];
}

export function roiQuantities(r: RoiResult, spec: RoiSpec): Record<string, Quantity> {
  const q: Record<string, Quantity> = {
    output: { label: LABEL.output, expected: [r.output.flat()], aliases: ['values', 'y'], slips: () => slipValues(roiSlips(spec), r) },
  };
  r.output.forEach((row, i) => row.forEach((v, j) => {
    q[`out_${i + 1}_${j + 1}`] = { label: LABEL.cell(i + 1, j + 1), expected: v, real: true, aliases: [`o${i + 1}${j + 1}`, `out${i + 1}${j + 1}`], slips: () => slipValues(roiSlips(spec, [i, j]), r) };
  }));
  return q;
}

export function roiJson(r: RoiResult): Record<string, unknown> {
  return tidyDeep({
    mode: r.mode,
    output: r.output,
    box: r.box,
    scale: r.scale,
    box_on_map: r.scaled,
    ...(r.rounded ? { rounded: r.rounded } : {}),
    roi: { w: r.roiW, h: r.roiH },
    bin: { h: r.binH, w: r.binW },
    ...(r.mode === 'align' ? { aligned: r.aligned, sampling_ratio: r.samplingRatio, grid: r.grid } : {}),
    bins: r.bins.map((b) => ({
      row: b.row, col: b.col, value: b.value,
      ...(r.mode === 'pool'
        ? { rows: [b.y0, b.y1], cols: [b.x0, b.x1], argmax: b.argmax }
        : { y: [b.y0, b.y1], x: [b.x0, b.x1], samples: b.samples!.map((p) => ({ y: p.y, x: p.x, value: p.value })) }),
    })),
  });
}

/** One `roi` run: shared by the command and the homework checker. */
export function computeRoi(o: RoiFlags): Outcome {
  const mode = choice<RoiMode>('mode', o.mode, ['pool', 'align'], 'align');
  const feature = reading(() => readMatrix('feature', required('feature', o.feature, LABEL.feature), '1,2,3; 4,5,6'));
  const box = reading(() => readBox('box', required('box', o.box, WHAT.box)));
  const samplingRatio = integer('sampling-ratio', o.samplingRatio);
  if (mode === 'pool' && (o.aligned || (samplingRatio !== undefined && samplingRatio !== -1))) throw new UsageError(LABEL.poolOnly, 'mode');
  const spec: RoiSpec = {
    mode, feature, box, out: readOut(o.out),
    scale: real('scale', o.scale) ?? 1,
    ...(mode === 'align' ? { samplingRatio: samplingRatio ?? -1, aligned: o.aligned === true } : {}),
  };
  const r = reading(() => roi(spec));
  const single = r.output.length === 1 && r.output[0]!.length === 1;
  return {
    data: roiJson(r),
    quantities: roiQuantities(r, spec),
    defaultKey: (text) => (single && !/[,;x×\s]/.test(text.trim()) ? 'out_1_1' : 'output'),
    worked: explainRoi(r),
  };
}

export async function run(o: RoiFlags): Promise<void> {
  emit(computeRoi(o), o);
}
