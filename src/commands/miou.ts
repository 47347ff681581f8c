/** dlnotes miou: per-class IoU and mean IoU from a confusion matrix. */
import type { Quantity } from '../core/check';
import { tidyDeep } from '../core/numlist';
import { slipValues } from '../core/slips';
import { bi, msg } from '../core/text';
import { readMatrix } from '../core/vision/read';
import { explainMiou, miou, miouSlips, type MiouResult } from '../core/vision/miou';
import { emit, type Outcome } from './output';
import { names as readNames, reading, required } from './vision-flags';

export interface MiouFlags {
  confusion?: string; names?: string;
  json?: boolean; answer?: string;
}

const LABEL = {
  miou: bi('mean IoU', '平均交并比 mIoU'),
  ious: bi('IoU per class', '各类别的 IoU'),
  iou: msg((name: string) => `IoU of ${name}`, (name) => `${name} 的 IoU`),
  pixel: bi('pixel accuracy', '像素准确率'),
  meanAcc: bi('mean class accuracy', '平均类别准确率'),
  fw: bi('frequency-weighted IoU', '频率加权 IoU'),
  confusion: bi('the confusion matrix, rows = true class, columns = predicted, e.g. "50,2; 3,45"', '混淆矩阵，行 = 真实类别，列 = 预测类别，如 "50,2; 3,45"'),
};

export function miouQuantities(r: MiouResult): Record<string, Quantity> {
  const present = r.classes.filter((c) => c.iou !== null);
  const q: Record<string, Quantity> = {
    miou: { label: LABEL.miou, expected: r.miou, real: true, aliases: ['mean_iou', 'm'], slips: () => slipValues(miouSlips(), r) },
    iou: { label: LABEL.ious, expected: [present.map((c) => c.iou!)], real: true, aliases: ['ious'] },
    pixel_accuracy: { label: LABEL.pixel, expected: r.pixelAccuracy, real: true, aliases: ['pa', 'accuracy', 'acc'] },
    mean_accuracy: { label: LABEL.meanAcc, expected: r.meanAccuracy, real: true, aliases: ['ma', 'macc'] },
    fwiou: { label: LABEL.fw, expected: r.fwIou, real: true, aliases: ['fw_iou'] },
  };
  r.classes.forEach((c, i) => {
    if (c.iou === null) return;
    const aliases = [`iou${i}`, ...(c.name !== String(i) ? [`iou_${c.name.toLowerCase()}`] : [])];
    q[`iou_${i}`] = { label: LABEL.iou(c.name), expected: c.iou, real: true, aliases, slips: () => slipValues(miouSlips(i), r) };
  });
  return q;
}

export function miouJson(r: MiouResult): Record<string, unknown> {
  return tidyDeep({
    miou: r.miou,
    pixel_accuracy: r.pixelAccuracy,
    mean_accuracy: r.meanAccuracy,
    fwiou: r.fwIou,
    classes: r.classes.map((c) => ({ name: c.name, iou: c.iou, accuracy: c.accuracy, tp: c.tp, fp: c.fp, fn: c.fn })),
    absent: r.absent,
    total: r.total,
  });
}

/** One `miou` run: shared by the command and the homework checker. */
export function computeMiou(o: MiouFlags): Outcome {
  const matrix = reading(() => readMatrix('confusion', required('confusion', o.confusion, LABEL.confusion), '50,2; 3,45'));
  const r = reading(() => miou(matrix, readNames(o.names)));
  return { data: miouJson(r), quantities: miouQuantities(r), defaultKey: 'miou', worked: explainMiou(r) };
}

export async function run(o: MiouFlags): Promise<void> {
  emit(computeMiou(o), o);
}
