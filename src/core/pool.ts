/** One MaxPool2d / AvgPool2d layer: output size as PyTorch computes it, and the worked solution. */
import { fmtNum } from './format';
import { poolOutSize, type PoolSizeResult } from './size';
import { bi, joinText, msg, txt, type Text } from './text';
import { WorkedBuilder, type Worked } from './worked';

/** The texts of this calculator, in both languages. */
const M = {
  title: msg((layer: string) => `${layer} layer`, (layer) => `${layer} 池化层`),
  given: bi('Given: ', '已知：'),
  input: msg((shape: string) => `input ${shape}`, (shape) => `输入 ${shape}`),
  window: msg((k: number) => `window ${k}×${k}`, (k) => `窗口 ${k}×${k}`),
  stride: msg((s: number) => `stride ${s}`, (s) => `步幅 ${s}`),
  padding: msg((p: number) => `padding ${p}`, (p) => `填充 ${p}`),
  dilation: msg((d: number) => `dilation ${d}`, (d) => `膨胀率 ${d}`),
  height: bi('Output height', '输出高度'),
  width: bi('Output width', '输出宽度'),
  floors: msg((raw: string) => `${raw} is not an integer: the windows do not tile the input; PyTorch floors (ceil_mode=False).`,
    (raw) => `${raw} 不是整数：窗口不能恰好铺满输入；PyTorch 向下取整（ceil_mode=False）。`),
  ceilKeeps: msg((inside: boolean) => `ceil_mode rounds up, so a last partial window is kept${inside ? ' (it starts inside the input)' : ''}.`,
    (inside) => `ceil_mode 向上取整，所以保留最后一个不完整的窗口${inside ? '（它从输入内部开始）' : ''}。`),
  dropped: msg((start: number, limit: number) => `The rounded-up last window would start at ${start} ≥ H + P = ${limit}, i.e. entirely in the right padding, so PyTorch drops it.`,
    (start, limit) => `向上取整多出的最后一个窗口会从 ${start} ≥ H + P = ${limit} 开始，完全落在右侧的填充里，所以 PyTorch 把它丢掉。`),
  uncovered: msg((n: number, axis: 'H' | 'W') => `The last ${n === 1 ? '' : `${n} `}${axis === 'H' ? 'row' : 'column'}${n === 1 ? ' never falls' : 's never fall'} in a window.`,
    (n, axis) => `最后 ${n} ${axis === 'H' ? '行' : '列'}不落在任何窗口里。`),
  output: msg((shape: string) => `Output: ${shape} (channels unchanged); parameters: 0 (pooling has none).`,
    (shape) => `输出：${shape}（通道数不变）；参数量：0（池化层没有参数）。`),
  countPad: bi('AvgPool2d counts padded zeros in the average by default (count_include_pad=True).', 'AvgPool2d 默认把填充的 0 也计入平均值（count_include_pad=True）。'),
};

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
  const wb = new WorkedBuilder(M.title(r.kind === 'max' ? 'MaxPool2d' : 'AvgPool2d'));
  const given: Text[] = [M.input(`${r.axes.h.n}×${r.axes.w.n}${spec.c !== undefined ? `×${spec.c}` : ''}`), M.window(r.k), M.stride(r.s), M.padding(r.p)];
  if (r.d !== 1) given.push(M.dilation(r.d));
  if (r.ceil) given.push('ceil_mode=True');
  wb.note(txt`${M.given}${joinText(given, bi(', ', '，'))}${bi('.', '。')}`);
  const axes: Array<['H' | 'W', PoolResult['axes']['h']]> = [['H', r.axes.h]];
  if (r.axes.w.n !== r.axes.h.n) axes.push(['W', r.axes.w]);
  for (const [L, a] of axes) {
    const round = r.ceil ? '⌈' : '⌊';
    const close = r.ceil ? '⌉' : '⌋';
    wb.heading(L === 'H' ? M.height : M.width);
    wb.formula(`${L}' = ${round}(${L} + 2P − D(F−1) − 1)/S${close} + 1`);
    wb.step(`= ${round}(${a.n} + 2·${r.p} − ${r.d}·(${r.k}−1) − 1)/${r.s}${close} + 1`);
    wb.step(`= ${round}${a.numerator}/${r.s}${close} + 1${a.exact ? '' : `   (${a.numerator}/${r.s} + 1 = ${fmtNum(a.raw)})`}`);
    if (!a.exact && !r.ceil) {
      wb.warn(M.floors(fmtNum(a.raw)));
    }
    if (r.ceil && !a.exact) {
      wb.note(M.ceilKeeps(!a.droppedLastWindow));
    }
    if (a.droppedLastWindow) {
      wb.warn(M.dropped(a.out * r.s, a.n + r.p));
    }
    wb.result(`${L}' = ${a.out}`);
    if (!r.ceil && a.uncovered > 0) wb.note(M.uncovered(a.uncovered, L));
  }
  if (r.axes.w.n === r.axes.h.n) wb.note(`W' = H' = ${r.axes.h.out}`);
  wb.result(M.output(`${r.output.h}×${r.output.w}${spec.c !== undefined ? `×${spec.c}` : '×C'}`));
  if (r.p > 0 && r.kind === 'avg') wb.note(M.countPad);
  return wb.build();
}
