/** dlnotes pool: one max/avg pooling layer, worked out as PyTorch computes it. */
import type { Quantity } from '../core/check';
import { explainPool, pool, type PoolResult, type PoolSpec } from '../core/pool';
import { bi } from '../core/text';
import { UsageError } from '../errors';
import { choiceFlag, intFlag, requiredFlag, withFlags } from './flags';
import { emit, type Outcome } from './output';
import { parseTuple } from '../core/answer';

/** The texts of this command, in both languages. */
const M = {
  h: bi('input height, e.g. --h 224', '输入高度，例如 --h 224'),
  f: bi('window size, e.g. --f 2', '窗口大小，例如 --f 2'),
  noDilation: bi('--d: AvgPool2d has no dilation; use --type max', '--d：AvgPool2d 没有膨胀率；请用 --type max'),
  size: bi("output size H'", "输出尺寸 H'"),
  sizeHW: bi("output size H'×W'", "输出尺寸 H'×W'"),
  params: bi('parameters', '参数量'),
  shape: bi('output shape', '输出形状'),
};

export interface PoolFlags {
  h?: string; w?: string; c?: string; f?: string; s?: string; p?: string; d?: string;
  ceil?: boolean; type?: string; json?: boolean; answer?: string;
}

export function readPoolFlags(o: PoolFlags): PoolSpec {
  const h = intFlag('h', o.h, { min: 1 });
  if (h === undefined) throw requiredFlag('h', M.h);
  const f = intFlag('f', o.f, { min: 1 });
  if (f === undefined) throw requiredFlag('f', M.f);
  const spec: PoolSpec = {
    h,
    w: intFlag('w', o.w, { min: 1 }) ?? h,
    f,
    s: intFlag('s', o.s, { min: 1 }) ?? f,
    p: intFlag('p', o.p, { min: 0 }) ?? 0,
    d: intFlag('d', o.d, { min: 1 }) ?? 1,
    ceil: o.ceil === true,
    kind: choiceFlag('type', o.type, ['max', 'avg'] as const) ?? 'max',
  };
  const c = intFlag('c', o.c, { min: 1 });
  if (c !== undefined) spec.c = c;
  if (spec.kind === 'avg' && spec.d !== 1) throw new UsageError(M.noDilation, 'd');
  return spec;
}

export function poolQuantities(r: PoolResult): Record<string, Quantity> {
  const { h, w, c } = r.output;
  const q: Record<string, Quantity> = {
    size: h === w ? { label: M.size, expected: [[h], [h, w]], show: String(h), aliases: ['h'] } : { label: M.sizeHW, expected: [[h, w]], show: `${h}×${w}` },
    params: { label: M.params, expected: 0 },
  };
  if (c !== undefined) q.output = { label: M.shape, expected: [[h, w, c], [c, h, w]], show: `${h}×${w}×${c}`, aliases: ['shape'] };
  return q;
}

export function poolJson(r: PoolResult): Record<string, unknown> {
  return {
    output: r.output,
    exact: r.exact,
    ...(r.exact ? {} : { raw: { h: r.axes.h.raw, w: r.axes.w.raw } }),
    ceil: r.ceil,
    dropped_last_window: r.axes.h.droppedLastWindow || r.axes.w.droppedLastWindow,
    kind: r.kind,
    params: 0,
  };
}

/** One `pool` run: shared by the command and the homework checker. */
export function computePool(o: PoolFlags): Outcome {
  const spec = readPoolFlags(o);
  const r = withFlags(() => pool(spec));
  return {
    data: poolJson(r),
    quantities: poolQuantities(r),
    defaultKey: (t) => ((parseTuple(t)?.length ?? 1) === 3 ? 'output' : 'size'),
    worked: explainPool(spec),
  };
}

export async function run(o: PoolFlags): Promise<void> {
  emit(computePool(o), o);
}
