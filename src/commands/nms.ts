/** dlnotes nms: non-maximum suppression step by step, as torchvision.ops.nms / batched_nms. */
import type { Quantity } from '../core/check';
import { tidyDeep } from '../core/numlist';
import { slipValues } from '../core/slips';
import { bi } from '../core/text';
import { BOX_FORMATS, type BoxFormat } from '../core/vision/boxes';
import { explainNms, keepOrders, nms, nmsSlips, type NmsResult } from '../core/vision/nms';
import { readBoxes, readIndices, readNumbers } from '../core/vision/read';
import { UsageError } from '../errors';
import { emit, type Outcome } from './output';
import { choice, reading, real, required, WHAT } from './vision-flags';

export interface NmsFlags {
  boxes?: string; scores?: string; iou?: string; format?: string;
  perClass?: boolean; labels?: string;
  json?: boolean; answer?: string;
}

const LABEL = {
  keep: bi('kept boxes', '保留的框'),
  count: bi('number of boxes kept', '保留的框数'),
  perClass: bi('--labels gives a class per box: add --per-class to run NMS per class (batched_nms)', '--labels 给出了每个框的类别：加上 --per-class 按类别做 NMS（batched_nms）'),
  needLabels: bi('--per-class needs --labels, one class per box (e.g. --labels 0,0,1)', '--per-class 需要 --labels，每个框一个类别（如 --labels 0,0,1）'),
};

export function nmsQuantities(r: NmsResult): Record<string, Quantity> {
  return {
    keep: { label: LABEL.keep, expected: keepOrders(r.keep), show: r.keep.join(', '), aliases: ['kept', 'indices'], slips: () => slipValues(nmsSlips.keep, r) },
    count: { label: LABEL.count, expected: r.keep.length, aliases: ['n', 'kept_count'], slips: () => slipValues(nmsSlips.count, r) },
  };
}

export function nmsJson(r: NmsResult): Record<string, unknown> {
  return tidyDeep({
    keep: r.keep,
    order: r.order,
    iou_threshold: r.threshold,
    per_class: r.labels !== null,
    steps: r.groups.flatMap((g) => g.steps.map((s) => ({
      ...(g.label !== null ? { label: g.label } : {}),
      keep: s.keep,
      score: r.scores[s.keep],
      removed: s.compared.filter((c) => c.removed).map((c) => ({ index: c.j, iou: c.iou })),
      survived: s.compared.filter((c) => !c.removed).map((c) => ({ index: c.j, iou: c.iou })),
    }))),
    removed_by: r.removedBy,
    boxes: r.boxes,
  });
}

/** A bare list of indices checks the kept set; a single number may be a one-box set too. */
function defaultKey(): string {
  return 'keep';
}

/** One `nms` run: shared by the command and the homework checker. */
export function computeNms(o: NmsFlags): Outcome {
  const format = choice<BoxFormat>('format', o.format, BOX_FORMATS, 'xyxy');
  const boxes = reading(() => readBoxes('boxes', required('boxes', o.boxes, WHAT.boxes)));
  const scores = reading(() => readNumbers('scores', required('scores', o.scores, WHAT.scores)));
  const threshold = real('iou', o.iou) ?? 0.5;
  let labels: number[] | undefined;
  if (o.perClass) {
    if (o.labels === undefined) throw new UsageError(LABEL.needLabels, 'labels');
    labels = reading(() => readIndices('labels', o.labels!));
  } else if (o.labels !== undefined) {
    throw new UsageError(LABEL.perClass, 'per-class');
  }
  const r = reading(() => nms({ boxes, scores, iou: threshold, format, ...(labels ? { labels } : {}) }));
  return { data: nmsJson(r), quantities: nmsQuantities(r), defaultKey, worked: explainNms(r) };
}

export async function run(o: NmsFlags): Promise<void> {
  emit(computeNms(o), o);
}
