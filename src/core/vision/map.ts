/**
 * mAP: the mean of per-class APs (core/vision/ap.ts), and COCO's
 * AP@[.5:.95]: the AP recomputed at each IoU threshold 0.5, 0.55, …, 0.95
 * and averaged. At a threshold t a detection is a true positive when its
 * IoU with its object reaches t and that object has not been matched yet
 * by a higher-scoring detection (pycocotools matches at IoU ≥ t; the VOC
 * code needs IoU > t).
 */
import { InputError } from '../errors';
import { fmtNum } from '../format';
import { bi, msg, type Text } from '../text';
import { WorkedBuilder, type Worked } from '../worked';
import { averagePrecision, methodName, type ApMethod, type ApResult } from './ap';
import { formulaLines, wrapTerms } from './lines';

export interface ClassDetections {
  name: string;
  npos: number;
  scores?: number[];
  /** Either true/false positives... */
  tp?: boolean[];
  /** ...or each detection's IoU with its object, judged at each threshold. */
  ious?: number[];
  /** The object (0-based) each detection overlaps; default: a different object each. */
  objects?: number[];
}

export interface ClassAp {
  name: string;
  npos: number;
  /** AP at each threshold (one entry without thresholds). */
  aps: number[];
  /** Mean over the thresholds. */
  ap: number;
  /** The detections judged at each threshold (true positives), for the worked solution. */
  tps: boolean[][];
  results: ApResult[];
}

export interface MapResult {
  method: ApMethod;
  /** IoU thresholds, or null when the detections were given as TP/FP. */
  thresholds: number[] | null;
  classes: ClassAp[];
  /** mAP at each threshold (over classes). */
  perThreshold: number[];
  map: number;
}

const f = (x: number): string => fmtNum(x, 4);

const M = {
  noClasses: bi('give at least one class', '至少给出一个类别'),
  iouRange: msg((got: string) => `an IoU must be between 0 and 1, got ${got}`, (got) => `IoU 必须在 0 到 1 之间，收到 ${got}`),
  thresholds: msg((got: string) => `the IoU thresholds must be between 0 and 1, got ${got}`, (got) => `IoU 阈值必须在 0 到 1 之间，收到 ${got}`),
  objects: msg((name: string, n: number, m: number) => `class ${name}: ${n} detections but ${m} object ids; give one per detection`, (name, n, m) => `类别 ${name}：${n} 个检测但有 ${m} 个物体编号；每个检测需要一个`),
  objectRange: msg((name: string, id: number, npos: number) => `class ${name}: object ${id} does not exist (${npos} objects: 0 to ${npos - 1})`, (name, id, npos) => `类别 ${name}：物体 ${id} 不存在（共 ${npos} 个：0 到 ${npos - 1}）`),
  apRange: msg((got: string) => `an AP must be between 0 and 1, got ${got}`, (got) => `AP 必须在 0 到 1 之间，收到 ${got}`),
  title: bi('Mean average precision (mAP)', '平均精度均值（mAP）'),
  titleCoco: bi('COCO AP@[.5:.95]: AP averaged over IoU thresholds', 'COCO AP@[.5:.95]：在多个 IoU 阈值上平均的 AP'),
  perClass: bi('AP per class', '各类别的 AP'),
  perThreshold: bi('AP at each IoU threshold', '各 IoU 阈值下的 AP'),
  matchRule: msg((coco: boolean) => `At threshold t a detection is a TP (1) when its IoU ${coco ? '≥' : '>'} t and its object is not matched yet (highest score first); otherwise FP (0).`,
    (coco) => `阈值为 t 时，检测的 IoU ${coco ? '≥' : '>'} t 且对应物体尚未被（分数更高的检测）匹配，则为 TP（1）；否则为 FP（0）。`),
  cocoNote: bi('COCO\'s headline "AP" is this mean over 10 thresholds; AP50 and AP75 are single thresholds (AP50 is VOC\'s mAP@0.5 with the 101-point rule).',
    'COCO 的主指标“AP”就是这 10 个阈值上的平均；AP50、AP75 是单个阈值（AP50 相当于用 101 点法的 VOC mAP@0.5）。'),
  mean: bi('mean over the classes', '对类别取平均'),
  meanThr: bi('mean over the thresholds', '对阈值取平均'),
  given: bi('The APs as given', '给出的 AP'),
};

/** COCO's thresholds: 0.5:0.05:0.95 (as np.linspace(.5, .95, 10)). */
export const COCO_IOU_THRESHOLDS = Array.from({ length: 10 }, (_, i) => Math.round((0.5 + 0.05 * i) * 100) / 100);

/** "[.5:.95]" for COCO's thresholds, else the list: "[0.5, 0.75]". */
export function thresholdsName(ts: readonly number[]): string {
  return ts.length === COCO_IOU_THRESHOLDS.length && ts.every((t, i) => t === COCO_IOU_THRESHOLDS[i]) ? '[.5:.95]' : `[${ts.map((t) => fmtNum(t)).join(', ')}]`;
}

/** TP/FP of detections judged at IoU threshold t, matching in score order. */
export function judgeAt(ious: readonly number[], objects: readonly number[], order: readonly number[], t: number, inclusive: boolean): boolean[] {
  const matched = new Set<number>();
  const tp = ious.map(() => false);
  for (const i of order) {
    const hit = inclusive ? ious[i]! >= t : ious[i]! > t;
    if (hit && !matched.has(objects[i]!)) {
      matched.add(objects[i]!);
      tp[i] = true;
    }
  }
  return tp;
}

/** The mean of per-class APs, at one or several IoU thresholds. */
export function meanAp(classes: readonly ClassDetections[], method: ApMethod, thresholds: readonly number[] | null): MapResult {
  if (classes.length === 0) throw new InputError('tp', M.noClasses);
  if (thresholds?.some((t) => !(t >= 0 && t <= 1))) throw new InputError('iou-thresholds', M.thresholds(thresholds.map((t) => fmtNum(t)).join(',')));
  const out: ClassAp[] = classes.map((c) => {
    if (c.ious && thresholds) {
      const bad = c.ious.find((v) => !(v >= 0 && v <= 1));
      if (bad !== undefined) throw new InputError('ious', M.iouRange(fmtNum(bad)));
      const objects = c.objects ?? c.ious.map((_, i) => i);
      if (objects.length !== c.ious.length) throw new InputError('objects', M.objects(c.name, c.ious.length, objects.length));
      const badObj = objects.find((o) => o >= c.npos);
      if (badObj !== undefined && c.objects) throw new InputError('objects', M.objectRange(c.name, badObj, c.npos));
      const order = c.ious.map((_, i) => i);
      if (c.scores) order.sort((a, b) => c.scores![b]! - c.scores![a]! || a - b);
      const tps = thresholds.map((t) => judgeAt(c.ious!, objects, order, t, method === 'coco'));
      const results = tps.map((tp) => averagePrecision({ tp, npos: c.npos, method, ...(c.scores ? { scores: c.scores } : {}) }));
      const aps = results.map((r) => r.ap);
      return { name: c.name, npos: c.npos, aps, ap: aps.reduce((s, x) => s + x, 0) / aps.length, tps, results };
    }
    const tp = c.tp ?? [];
    const r = averagePrecision({ tp, npos: c.npos, method, ...(c.scores ? { scores: c.scores } : {}) });
    return { name: c.name, npos: c.npos, aps: [r.ap], ap: r.ap, tps: [tp], results: [r] };
  });
  const nThr = thresholds?.length ?? 1;
  const perThreshold = Array.from({ length: nThr }, (_, t) => out.reduce((s, c) => s + c.aps[t]!, 0) / out.length);
  return { method, thresholds: thresholds ? [...thresholds] : null, classes: out, perThreshold, map: out.reduce((s, c) => s + c.ap, 0) / out.length };
}

/** mAP of APs already computed. */
export function meanOfAps(aps: readonly number[], names?: readonly string[]): { aps: number[]; names: string[]; map: number } {
  if (aps.length === 0) throw new InputError('aps', M.noClasses);
  const bad = aps.find((a) => !(a >= 0 && a <= 1));
  if (bad !== undefined) throw new InputError('aps', M.apRange(fmtNum(bad)));
  return { aps: [...aps], names: names ? [...names] : aps.map((_, i) => String(i + 1)), map: aps.reduce((s, x) => s + x, 0) / aps.length };
}

export function explainMeanOfAps(r: { aps: number[]; names: string[]; map: number }): Worked {
  const wb = new WorkedBuilder(M.title);
  wb.heading(M.given);
  for (const line of wrapTerms('', r.names.map((n, i) => `${n}: ${f(r.aps[i]!)}`), ',  ', '')) wb.step(line);
  const terms = r.aps.map(f);
  terms[terms.length - 1] += `)/${r.aps.length}`;
  formulaLines(wb, wrapTerms('mAP = (', terms));
  wb.result(`mAP = ${fmtNum(r.map, 6)}`);
  return wb.build();
}

export function explainMap(r: MapResult): Worked {
  const wb = new WorkedBuilder(r.thresholds ? M.titleCoco : M.title);
  const method: Text = methodName(r.method);
  if (r.thresholds) {
    wb.note(M.matchRule(r.method === 'coco'));
    for (const c of r.classes) {
      if (r.classes.length > 1) wb.heading(c.name);
      r.thresholds.forEach((t, i) => {
        const flags = c.tps[i]!.map((x) => (x ? 1 : 0)).join('');
        wb.step(`t = ${fmtNum(t)}: ${flags}  AP = ${f(c.aps[i]!)}`);
      });
      const terms = c.aps.map(f);
      terms[terms.length - 1] += `)/${c.aps.length} = ${fmtNum(c.ap, 6)}`;
      formulaLines(wb, wrapTerms('AP = (', terms));
    }
  } else {
    wb.heading(M.perClass);
    wb.note(method);
    for (const c of r.classes) wb.step(`${c.name}: AP = ${f(c.ap)}  (${c.results[0]!.rows.filter((x) => x.tp).length}/${c.npos} found)`);
  }
  if (r.classes.length > 1) {
    const terms = r.classes.map((c) => f(c.ap));
    terms[terms.length - 1] += `)/${r.classes.length}`;
    formulaLines(wb, wrapTerms('mAP = (', terms));
  }
  const at = r.thresholds ? `@${thresholdsName(r.thresholds)}` : '';
  wb.result(`${r.classes.length > 1 || !r.thresholds ? 'mAP' : 'AP'}${at} = ${fmtNum(r.map, 6)}`);
  if (r.thresholds) wb.note(M.cocoNote);
  return wb.build();
}
