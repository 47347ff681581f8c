/**
 * Semantic segmentation metrics from a confusion matrix M, rows the true
 * class and columns the predicted one (as torchvision's reference
 * ConfusionMatrix: mat[target, pred]):
 *   IoU_c = M_cc / (Σ_j M_cj + Σ_i M_ic − M_cc) = TP / (TP + FP + FN)
 *   mIoU  = mean of IoU_c over the classes that occur (in the truth or the prediction)
 *   pixel accuracy = Σ_c M_cc / Σ M,  class accuracy_c = M_cc / Σ_j M_cj
 * A class absent from both has 0/0: it is left out of the mean (numpy's
 * nanmean, as mmsegmentation), and said so.
 */
import { InputError } from '../errors';
import { fmtInt, fmtNum } from '../format';
import type { SlipDef } from '../slips';
import { bi, msg, txt } from '../text';
import { WorkedBuilder, type Worked } from '../worked';
import { formulaLines, wrapTerms } from './lines';

export interface ClassStats {
  name: string;
  tp: number;
  fp: number;
  fn: number;
  /** Pixels of this class in the truth (row sum) and the prediction (column sum). */
  truth: number;
  predicted: number;
  /** null when the class occurs nowhere (0/0). */
  iou: number | null;
  accuracy: number | null;
  dice: number | null;
}

export interface MiouResult {
  matrix: number[][];
  classes: ClassStats[];
  total: number;
  miou: number;
  pixelAccuracy: number;
  meanAccuracy: number;
  /** Σ_c (truth_c / total)·IoU_c. */
  fwIou: number;
  /** Classes left out of the means. */
  absent: string[];
}

const f = (x: number): string => fmtNum(x, 4);

const M = {
  square: msg((rows: number, cols: number) => `the confusion matrix must be square (one row and one column per class), got ${rows}×${cols}`,
    (rows, cols) => `混淆矩阵必须是方阵（每个类别一行一列），收到 ${rows}×${cols}`),
  counts: msg((got: string) => `the entries are pixel counts: non-negative numbers, got ${got}`, (got) => `矩阵元素是像素个数：非负数，收到 ${got}`),
  empty: bi('the confusion matrix is all zeros', '混淆矩阵全为 0'),
  names: msg((names: number, classes: number) => `${names} names for ${classes} classes`, (names, classes) => `${classes} 个类别却给了 ${names} 个名字`),
  title: bi('Segmentation metrics from a confusion matrix', '由混淆矩阵计算分割指标'),
  layout: bi('Rows are the true class, columns the predicted one: TP = the diagonal, FN = the rest of the row, FP = the rest of the column.',
    '行是真实类别，列是预测类别：TP 是对角线元素，FN 是该行其余元素之和，FP 是该列其余元素之和。'),
  perClass: bi('IoU per class: TP/(TP + FP + FN)', '各类别的 IoU：TP/(TP + FP + FN)'),
  absent: msg((name: string) => `${name}: occurs nowhere (0/0), left out of the means`, (name) => `${name}：真实和预测中都没有（0/0），不计入平均`),
  mean: bi('Mean IoU', '平均交并比 mIoU'),
  accuracy: bi('Accuracies', '准确率'),
  pixel: bi('pixel accuracy', '像素准确率'),
  meanAcc: bi('mean class accuracy', '平均类别准确率'),
  fw: bi('frequency-weighted IoU', '频率加权 IoU'),
  why: bi('mIoU counts every class equally; pixel accuracy is dominated by the large classes (background), so a model that misses small objects can still score high on it.',
    'mIoU 对每个类别一视同仁；像素准确率被大类别（如背景）主导，漏掉小物体的模型在它上面仍可能得分很高。'),
};

export function miou(matrix: number[][], names?: readonly string[]): MiouResult {
  const k = matrix.length;
  if (matrix.some((r) => r.length !== k)) throw new InputError('confusion', M.square(k, matrix[0]?.length ?? 0));
  const bad = matrix.flat().find((v) => !(v >= 0));
  if (bad !== undefined) throw new InputError('confusion', M.counts(fmtNum(bad)));
  if (names && names.length !== k) throw new InputError('names', M.names(names.length, k));
  const total = matrix.flat().reduce((s, v) => s + v, 0);
  if (total === 0) throw new InputError('confusion', M.empty);
  const classes: ClassStats[] = matrix.map((row, c) => {
    const tp = row[c]!;
    const truth = row.reduce((s, v) => s + v, 0);
    const predicted = matrix.reduce((s, r) => s + r[c]!, 0);
    const fn = truth - tp;
    const fp = predicted - tp;
    const union = tp + fp + fn;
    return {
      name: names?.[c] ?? String(c), tp, fp, fn, truth, predicted,
      iou: union > 0 ? tp / union : null,
      accuracy: truth > 0 ? tp / truth : null,
      dice: union > 0 ? (2 * tp) / (2 * tp + fp + fn) : null,
    };
  });
  const present = classes.filter((c) => c.iou !== null);
  const withTruth = classes.filter((c) => c.accuracy !== null);
  return {
    matrix, classes, total,
    miou: present.reduce((s, c) => s + c.iou!, 0) / present.length,
    pixelAccuracy: classes.reduce((s, c) => s + c.tp, 0) / total,
    meanAccuracy: withTruth.reduce((s, c) => s + c.accuracy!, 0) / withTruth.length,
    fwIou: present.reduce((s, c) => s + (c.truth / total) * c.iou!, 0),
    absent: classes.filter((c) => c.iou === null).map((c) => c.name),
  };
}

export function explainMiou(r: MiouResult): Worked {
  const wb = new WorkedBuilder(M.title);
  wb.note(M.layout);
  wb.heading(M.perClass);
  for (const c of r.classes) {
    if (c.iou === null) wb.step(M.absent(c.name));
    else wb.step(`${c.name}: TP ${fmtInt(c.tp)}, FP ${fmtInt(c.fp)}, FN ${fmtInt(c.fn)}: ${fmtInt(c.tp)}/(${fmtInt(c.tp)} + ${fmtInt(c.fp)} + ${fmtInt(c.fn)}) = ${f(c.iou)}`);
  }
  const present = r.classes.filter((c) => c.iou !== null);
  wb.heading(M.mean);
  const terms = present.map((c) => f(c.iou!));
  terms[terms.length - 1] += `)/${present.length}`;
  formulaLines(wb, wrapTerms('mIoU = (', terms));
  wb.result(`mIoU = ${fmtNum(r.miou, 6)}`);
  wb.heading(M.accuracy);
  const diag = r.classes.length <= 6 ? `(${r.classes.map((c) => fmtInt(c.tp)).join(' + ')})` : 'Σ TP';
  wb.step(txt`${M.pixel} = ${diag}/${fmtInt(r.total)} = ${f(r.pixelAccuracy)}`);
  wb.step(txt`${M.meanAcc} = ${f(r.meanAccuracy)}`);
  wb.step(txt`${M.fw} = Σ (truth_c/${fmtInt(r.total)})·IoU_c = ${f(r.fwIou)}`);
  wb.note(M.why);
  return wb.build();
}

const SLIP = {
  pixel: msg((slipped: string, right: string) => `looks like the pixel accuracy: ${slipped}; mIoU averages TP/(TP + FP + FN) over the classes: ${right}`,
    (slipped, right) => `看起来给的是像素准确率：${slipped}；mIoU 是对各类别的 TP/(TP + FP + FN) 取平均：${right}`),
  dice: msg((slipped: string, right: string) => `looks like Dice (2TP/(2TP + FP + FN)) was computed: ${slipped}; IoU is TP/(TP + FP + FN): ${right}`,
    (slipped, right) => `看起来算成了 Dice（2TP/(2TP + FP + FN)）：${slipped}；IoU 是 TP/(TP + FP + FN)：${right}`),
  union: msg((slipped: string, right: string) => `looks like the TP was counted twice in the union (row + column): ${slipped}; TP/(row + column − TP): ${right}`,
    (slipped, right) => `看起来并集里 TP 算了两次（行和 + 列和）：${slipped}；TP/(行和 + 列和 − TP)：${right}`),
};

const meanOf = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Slips of the mIoU, or of one class's IoU (`cls`). */
export function miouSlips(cls?: number): SlipDef<MiouResult>[] {
  const present = (r: MiouResult) => r.classes.filter((c) => c.iou !== null);
  const pick = (r: MiouResult, per: (c: ClassStats) => number): number => (cls === undefined ? meanOf(present(r).map(per)) : per(r.classes[cls]!));
  const right = (r: MiouResult): number => (cls === undefined ? r.miou : r.classes[cls]!.iou!);
  return [
    ...(cls === undefined ? [{ id: 'miou-pixel-accuracy' as const, value: (r: MiouResult) => r.pixelAccuracy, text: (r: MiouResult, v: number | number[][]) => SLIP.pixel(f(v as number), f(r.miou)) }] : []),
    { id: 'miou-dice', value: (r) => pick(r, (c) => c.dice ?? 0), text: (r, v) => SLIP.dice(f(v as number), f(right(r))) },
    { id: 'iou-union-not-subtracted', value: (r) => pick(r, (c) => (c.truth + c.predicted > 0 ? c.tp / (c.truth + c.predicted) : 0)), text: (r, v) => SLIP.union(f(v as number), f(right(r))) },
  ];
}
