/** dlnotes iou: IoU and GIoU of two boxes, worked, as torchvision.ops.box_iou. */
import type { Quantity } from '../core/check';
import { slipValues } from '../core/slips';
import { bi } from '../core/text';
import { tidyDeep } from '../core/numlist';
import { BOX_FORMATS, explainIou, iou, iouSlips, otherConvention, type BoxFormat, type IouResult } from '../core/vision/boxes';
import { readBox } from '../core/vision/read';
import { UsageError } from '../errors';
import { emit, type Outcome } from './output';
import { choice, reading, required, WHAT } from './vision-flags';

export interface IouFlags {
  a?: string; b?: string; format?: string; pixel?: boolean;
  json?: boolean; answer?: string;
}

const LABEL = {
  iou: bi('IoU', 'IoU'),
  giou: bi('GIoU', 'GIoU'),
  intersection: bi('intersection area', '交集面积'),
  union: bi('union area', '并集面积'),
  areaA: bi('area of box A', '框 A 的面积'),
  areaB: bi('area of box B', '框 B 的面积'),
  pixelXyxy: bi('--pixel counts pixels of xyxy boxes (the old VOC convention); give the boxes as x1,y1,x2,y2', '--pixel 用于 xyxy 格式的框（旧 VOC 的像素约定）；请把框写成 x1,y1,x2,y2'),
};

export function iouQuantities(r: IouResult): Record<string, Quantity> {
  const real = { real: true } as const;
  return {
    iou: { label: LABEL.iou, expected: r.iou, ...real, slips: () => slipValues(iouSlips.iou, r) },
    giou: { label: LABEL.giou, expected: r.giou, ...real },
    intersection: { label: LABEL.intersection, expected: r.intersection, ...real, aliases: ['inter', 'i'], slips: () => slipValues(iouSlips.intersection, r) },
    union: { label: LABEL.union, expected: r.union, ...real, aliases: ['u'], slips: () => slipValues(iouSlips.union, r) },
    area_a: { label: LABEL.areaA, expected: r.a.area, ...real, aliases: ['a', 'areaa'] },
    area_b: { label: LABEL.areaB, expected: r.b.area, ...real, aliases: ['b', 'areab'] },
  };
}

export function iouJson(r: IouResult): Record<string, unknown> {
  const other = otherConvention(r);
  return tidyDeep({
    iou: r.iou,
    giou: r.giou,
    intersection: r.intersection,
    union: r.union,
    areas: { a: r.a.area, b: r.b.area },
    boxes: { a: r.a.xyxy, b: r.b.xyxy },
    intersection_box: r.intersection > 0 ? [r.inter.x1, r.inter.y1, r.inter.x2, r.inter.y2] : null,
    enclosing_box: [r.hull.x1, r.hull.y1, r.hull.x2, r.hull.y2],
    format: r.format,
    convention: r.pixel ? 'pixel' : 'continuous',
    ...(other ? { [r.pixel ? 'iou_continuous' : 'iou_pixel']: other.iou } : {}),
  });
}

/** One `iou` run: shared by the command and the homework checker. */
export function computeIou(o: IouFlags): Outcome {
  const format = choice<BoxFormat>('format', o.format, BOX_FORMATS, 'xyxy');
  const pixel = o.pixel === true;
  if (pixel && format !== 'xyxy') throw new UsageError(LABEL.pixelXyxy, 'pixel');
  const a = reading(() => readBox('a', required('a', o.a, WHAT.box)));
  const b = reading(() => readBox('b', required('b', o.b, WHAT.box)));
  const r = reading(() => iou(a, b, format, pixel));
  return { data: iouJson(r), quantities: iouQuantities(r), defaultKey: 'iou', worked: explainIou(r) };
}

export async function run(o: IouFlags): Promise<void> {
  emit(computeIou(o), o);
}
