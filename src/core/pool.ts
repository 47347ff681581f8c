/** One MaxPool2d / AvgPool2d layer: output size as PyTorch computes it, and the worked solution. */
import { fmtNum } from './format';
import { poolOutSize, poolSizeSlips, type PoolSizeResult } from './size';
import { slipValues, type SlipValue } from './slip-defs';
import { WorkedBuilder, type Worked } from './worked';

export interface PoolSpec {
  h: number;
  w?: number;
  /** Channels pass through unchanged. */
  c?: number;
  f: number;
  /** Defaults to f (PyTorch: stride defaults to kernel_size). */
  s?: number;
  p?: number;
  d?: number;
  ceil?: boolean;
  kind?: 'max' | 'avg';
}

export interface PoolResult {
  kind: 'max' | 'avg';
  output: { h: number; w: number; c?: number };
  exact: boolean;
  axes: { h: PoolSizeResult & { n: number }; w: PoolSizeResult & { n: number } };
  k: number;
  s: number;
  p: number;
  d: number;
  ceil: boolean;
  /** Pooling layers have no parameters. */
  params: 0;
}

export function pool(spec: PoolSpec): PoolResult {
  const w = spec.w ?? spec.h;
  const s = spec.s ?? spec.f;
  const p = spec.p ?? 0;
  const d = spec.d ?? 1;
  const ceil = spec.ceil ?? false;
  const axis = (n: number) => ({ n, ...poolOutSize({ n, k: spec.f, s, p, d, ceil }) });
  const axes = { h: axis(spec.h), w: axis(w) };
  return {
    kind: spec.kind ?? 'max',
    output: { h: axes.h.out, w: axes.w.out, ...(spec.c !== undefined ? { c: spec.c } : {}) },
    exact: axes.h.exact && axes.w.exact,
    axes,
    k: spec.f, s, p, d, ceil,
    params: 0,
  };
}

export function explainPool(spec: PoolSpec): Worked {
  const r = pool(spec);
  const wb = new WorkedBuilder(`${r.kind === 'max' ? 'MaxPool2d' : 'AvgPool2d'} layer`);
  const extra = [r.d !== 1 ? `dilation ${r.d}` : '', r.ceil ? 'ceil_mode=True' : ''].filter(Boolean).join(', ');
  wb.note(`Given: input ${r.axes.h.n}×${r.axes.w.n}${spec.c !== undefined ? `×${spec.c}` : ''}, window ${r.k}×${r.k}, stride ${r.s}, padding ${r.p}${extra ? `, ${extra}` : ''}.`);
  const axes: Array<['H' | 'W', PoolResult['axes']['h']]> = [['H', r.axes.h]];
  if (r.axes.w.n !== r.axes.h.n) axes.push(['W', r.axes.w]);
  for (const [L, a] of axes) {
    const round = r.ceil ? '⌈' : '⌊';
    const close = r.ceil ? '⌉' : '⌋';
    wb.heading(`Output ${L === 'H' ? 'height' : 'width'}`);
    wb.formula(`${L}' = ${round}(${L} + 2P − D(F−1) − 1)/S${close} + 1`);
    wb.step(`= ${round}(${a.n} + 2·${r.p} − ${r.d}·(${r.k}−1) − 1)/${r.s}${close} + 1`);
    wb.step(`= ${round}${a.numerator}/${r.s}${close} + 1${a.exact ? '' : `   (${a.numerator}/${r.s} + 1 = ${fmtNum(a.raw)})`}`);
    if (!a.exact && !r.ceil) {
      wb.warn(`${fmtNum(a.raw)} is not an integer: the windows do not tile the input; PyTorch floors (ceil_mode=False).`);
    }
    if (r.ceil && !a.exact) {
      wb.note(`ceil_mode rounds up, so a last partial window is kept${a.droppedLastWindow ? '' : ' (it starts inside the input)'}.`);
    }
    if (a.droppedLastWindow) {
      wb.warn(`The rounded-up last window would start at ${(a.out) * r.s} ≥ H + P = ${a.n + r.p}, i.e. entirely in the right padding, so PyTorch drops it.`);
    }
    wb.result(`${L}' = ${a.out}`);
    if (!r.ceil && a.uncovered > 0) wb.note(`The last ${a.uncovered} ${L === 'H' ? 'row' : 'column'}${a.uncovered === 1 ? '' : 's'} never fall in a window.`);
  }
  if (r.axes.w.n === r.axes.h.n) wb.note(`W' = H' = ${r.axes.h.out}`);
  wb.result(`Output: ${r.output.h}×${r.output.w}${spec.c !== undefined ? `×${spec.c}` : '×C'} (channels unchanged); parameters: 0 (pooling has none).`);
  if (r.p > 0 && r.kind === 'avg') wb.note('AvgPool2d counts padded zeros in the average by default (count_include_pad=True).');
  return wb.build();
}

/**
 * The slips of the output size H' (core/size.ts's pooling slips along the
 * height), and of the whole shape when the output is square.
 */
export function poolSlipValues(r: PoolResult): { size: SlipValue[]; output: SlipValue[] } {
  const size = poolHeightSlips(r);
  const { h, w, c } = r.output;
  if (h !== w) return { size: [], output: [] };
  const asNumber = size.flatMap((s) => (typeof s.expected === 'number' ? [{ ...s, n: s.expected }] : []));
  return {
    size: asNumber.map(({ n, ...s }) => ({ ...s, expected: [[n], [n, n]] })),
    output: c === undefined ? [] : asNumber.map(({ n, ...s }) => ({ ...s, expected: [[n, n, c], [c, n, n]] })),
  };
}

/** The slips of the output height H' alone, as numbers. */
export function poolHeightSlips(r: PoolResult): SlipValue[] {
  return slipValues(poolSizeSlips, { n: r.axes.h.n, k: r.k, s: r.s, p: r.p, d: r.d, ceil: r.ceil });
}
