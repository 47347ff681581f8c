/** dlnotes anchors: anchors of a feature map and the RPN head, with torchvision's conventions. */
import type { Quantity } from '../core/check';
import { tidyDeep } from '../core/numlist';
import { slipValues } from '../core/slips';
import { bi } from '../core/text';
import { anchors, anchorSlips, explainAnchors, type AnchorResult } from '../core/vision/anchors';
import { readNumbers } from '../core/vision/read';
import { parseTuple } from '../core/answer';
import { emit, type Outcome } from './output';
import { count, reading, required } from './vision-flags';

export interface AnchorFlags {
  h?: string; w?: string; scales?: string; sizes?: string; ratios?: string;
  stride?: string; c?: string; batch?: string;
  json?: boolean; answer?: string;
}

const LABEL = {
  total: bi('anchors in all', '锚框总数'),
  perPosition: bi('anchors per position', '每个位置的锚框数'),
  objectness: bi('objectness output shape', '目标分数输出的形状'),
  deltas: bi('box deltas output shape', '框偏移量输出的形状'),
  params: bi('RPN head parameters', 'RPN 头的参数量'),
  widths: bi('anchor widths', '锚框宽度'),
  heights: bi('anchor heights', '锚框高度'),
  h: bi('the feature map height in cells, e.g. --h 38', '特征图的高（格数），如 --h 38'),
};

/** A shape with or without the batch dimension. */
function shape(s: readonly number[]): number[][] {
  return [[...s], s.slice(1)];
}

export function anchorQuantities(r: AnchorResult): Record<string, Quantity> {
  return {
    total: { label: LABEL.total, expected: r.total, aliases: ['anchors', 'count', 'n'], slips: () => slipValues(anchorSlips.total, r) },
    per_position: { label: LABEL.perPosition, expected: r.perPosition, aliases: ['a', 'k', 'per_location'], slips: () => slipValues(anchorSlips.perPosition, r) },
    objectness: { label: LABEL.objectness, expected: shape(r.objectness), show: r.objectness.join('×'), aliases: ['cls', 'cls_logits', 'scores'], slips: () => slipValues(anchorSlips.objectness, r) },
    deltas: { label: LABEL.deltas, expected: shape(r.deltas), show: r.deltas.join('×'), aliases: ['bbox_pred', 'regression'] },
    params: { label: LABEL.params, expected: r.head.params, unit: 'params', aliases: ['parameters', 'rpn_params'], slips: () => slipValues(anchorSlips.params, r) },
    widths: { label: LABEL.widths, expected: [r.base.map((b) => b.w)], real: true },
    heights: { label: LABEL.heights, expected: [r.base.map((b) => b.h)], real: true },
  };
}

export function anchorJson(r: AnchorResult): Record<string, unknown> {
  return tidyDeep({
    per_position: r.perPosition,
    positions: r.positions,
    total: r.total,
    feature: { h: r.spec.h, w: r.spec.w },
    stride: r.spec.stride,
    sizes: r.spec.sizes,
    ratios: r.spec.ratios,
    base_anchors: r.base.map((b) => ({ ratio: b.ratio, size: b.size, w: b.w, h: b.h, box: b.box })),
    first_cell: r.first,
    last_cell: r.last,
    rpn_head: {
      channels: r.spec.c,
      objectness: r.objectness,
      deltas: r.deltas,
      params: r.head.params,
      conv: r.head.convWeights + r.head.convBiases,
      cls_logits: r.head.clsWeights + r.head.clsBiases,
      bbox_pred: r.head.boxWeights + r.head.boxBiases,
      macs: r.head.macs * r.batch,
    },
  });
}

/** One `anchors` run: shared by the command and the homework checker. */
export function computeAnchors(o: AnchorFlags): Outcome {
  const h = count('h', required('h', o.h, LABEL.h))!;
  const w = count('w', o.w) ?? h;
  const sizes = reading(() => readNumbers(o.sizes !== undefined ? 'sizes' : 'scales', o.sizes ?? o.scales ?? '128,256,512', '128,256,512'));
  const ratios = reading(() => readNumbers('ratios', o.ratios ?? '0.5,1,2', '0.5,1,2'));
  const r = reading(() => anchors({
    h, w, sizes, ratios,
    stride: count('stride', o.stride) ?? 16,
    c: count('c', o.c) ?? 512,
    batch: count('batch', o.batch) ?? 1,
  }));
  return {
    data: anchorJson(r),
    quantities: anchorQuantities(r),
    defaultKey: (text) => ((parseTuple(text)?.length ?? 1) > 1 ? 'objectness' : 'total'),
    worked: explainAnchors(r),
  };
}

export async function run(o: AnchorFlags): Promise<void> {
  emit(computeAnchors(o), o);
}
