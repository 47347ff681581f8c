/**
 * `dlnotes ap --dets FILE --gts FILE`: detections of several images and
 * classes (docs/detection-format.md), matched per image and class, AP per
 * class and mAP. Loaded only for such a run (commands/ap.ts computeApAny),
 * so a one-class `ap` starts without it.
 */
import type { Quantity } from '../core/check';
import { tidyDeep } from '../core/numlist';
import { slipValues } from '../core/slips';
import { bi, msg } from '../core/text';
import { AP_METHODS, type ApMethod } from '../core/vision/ap';
import { classApSlips, evaluateDetections, explainEvaluation, mapSlips, type EvalInputs, type EvalResult, type Verdict } from '../core/vision/det-eval';
import { detInputKind } from '../core/vision/det-kind';
import { readDetections, readGroundTruth } from '../core/vision/det-table';
import { UsageError } from '../errors';
import { FILE_LIMITS, readTextFile } from '../read';
import type { ApFlags } from './ap';
import type { Outcome } from './output';
import { choice, iouThresholds, reading, required, WHAT } from './vision-flags';

const LABEL = {
  map: bi('mAP', 'mAP'),
  apOf: msg((name: string) => `AP of ${name}`, (name) => `${name} 的 AP`),
  apAt: msg((t: string) => `mAP at IoU ${t}`, (t) => `IoU ${t} 时的 mAP`),
  tpOf: msg((name: string) => `true positives of ${name}`, (name) => `${name} 的真正例数`),
  fpOf: msg((name: string) => `false positives of ${name}`, (name) => `${name} 的假正例数`),
  notWithTables: msg((flag: string) => `--${flag} is for one image and one class; with files the scores are in the rows and the objects are counted from --gts`,
    (flag) => `--${flag} 只用于一张图像、一个类别；用文件时分数写在每一行里，物体数由 --gts 统计`),
  classOnlyTables: bi('--class picks the class whose matching is shown: give --dets and --gts as files', '--class 用于选择展示哪个类别的匹配：请用文件给出 --dets 和 --gts'),
  unknownClass: msg((name: string, names: string) => `--class: no class "${name}" (classes: ${names})`, (name, names) => `--class：没有类别 "${name}"（类别：${names}）`),
  oneInput: bi('give either --tp (TP/FP already judged) or --dets with --gts (boxes to match)', '--tp（已判定的 TP/FP）与 --dets、--gts（要匹配的框）只能给一种'),
  bothTables: bi('give --dets and --gts both as files (or both as rows "image class ..."); plain boxes are for one image and one class', '--dets 和 --gts 都要给文件（或都给 "image class ..." 形式的行）；单纯的框只用于一张图像、一个类别'),
};

function readTable<T>(flag: 'dets' | 'gts', raw: string, kind: 'rows' | 'file', read: (field: string, text: string, source: string | null) => T): T {
  if (kind === 'rows') return reading(() => read(flag, raw, null));
  const text = readTextFile(raw, `--${flag}`, FILE_LIMITS.homework);
  return reading(() => read(flag, text, raw));
}

export function evalQuantities(x: EvalInputs): Record<string, Quantity> {
  const { r } = x;
  const q: Record<string, Quantity> = { map: { label: LABEL.map, expected: r.map, real: true, aliases: ['ap', 'mean'], slips: () => slipValues(mapSlips, x) } };
  r.classes.forEach((c, i) => {
    if (c.ap === null) return;
    const key = c.name.toLowerCase();
    q[`ap_${key}`] = { label: LABEL.apOf(c.name), expected: c.ap, real: true, aliases: [`ap${i + 1}`, `ap_${i + 1}`], slips: () => slipValues(classApSlips(c.name), x) };
    const first = c.at[0]!.ranked;
    q[`tp_${key}`] = { label: LABEL.tpOf(c.name), expected: first.filter((d) => d.verdict === 'tp').length };
    q[`fp_${key}`] = { label: LABEL.fpOf(c.name), expected: first.filter((d) => d.verdict !== 'tp' && d.verdict !== 'ignored').length };
  });
  if (r.thresholds.length > 1) {
    r.thresholds.forEach((t, k) => {
      q[`map_${Math.round(t * 100)}`] = { label: LABEL.apAt(String(t)), expected: r.perThreshold[k]!, real: true, aliases: [`ap${Math.round(t * 100)}`, `ap_${Math.round(t * 100)}`] };
    });
  }
  return q;
}

const VERDICT: Record<Verdict, string> = { tp: 'tp', low: 'fp_low_iou', taken: 'fp_duplicate', 'no-object': 'fp_no_object', ignored: 'ignored' };

/** AP as the reference code computes it in floating point (ap.ts: a recall exactly on a threshold), when that differs. */
function codeAp(c: EvalResult['classes'][number]): number | undefined {
  if (c.ap === null || !c.at.some((a) => a.result?.code)) return undefined;
  return c.at.reduce((s, a) => s + (a.result!.code?.ap ?? a.result!.ap), 0) / c.at.length;
}

export function evalJson(r: EvalResult): Record<string, unknown> {
  const codes = r.classes.map(codeAp);
  const scored = r.classes.filter((c) => c.ap !== null);
  const codeMap = codes.some((x) => x !== undefined) ? r.classes.reduce((s, c, i) => s + (c.ap === null ? 0 : codes[i] ?? c.ap), 0) / scored.length : undefined;
  return tidyDeep({
    map: r.map,
    ...(codeMap !== undefined ? { code_map: codeMap } : {}),
    method: r.method,
    rule: r.rule,
    iou_thresholds: r.thresholds,
    ...(r.thresholds.length > 1 ? { per_threshold: r.perThreshold } : {}),
    convention: r.pixel ? 'pixel' : 'continuous',
    images: r.images,
    classes: r.classes.map((c, i) => ({
      name: c.name, gt: c.npos, ignored_gt: c.ignoredGts, dets: c.dets, ap: c.ap,
      ...(codes[i] !== undefined ? { code_ap: codes[i] } : {}),
      ...(r.thresholds.length > 1 ? { aps: c.at.map((a) => a.result?.ap ?? null) } : {}),
      tp: c.at[0]!.ranked.filter((d) => d.verdict === 'tp').length,
      fp: c.at[0]!.ranked.filter((d) => d.verdict !== 'tp' && d.verdict !== 'ignored').length,
      ranked: c.at[0]!.ranked.map((d, k) => ({ rank: k + 1, det_row: d.det + 1, image: d.image, score: d.score, object_row: d.object === null ? null : d.object + 1, iou: d.iou, result: VERDICT[d.verdict] })),
    })),
    ...(r.dropped > 0 ? { dropped: r.dropped } : {}),
  });
}

/** `ap --dets FILE --gts FILE`: several images and classes, matched per image and class; AP per class, mAP. */
export function computeApFiles(o: ApFlags): Outcome {
  const method = choice<ApMethod>('method', o.method, AP_METHODS, 'voc12');
  if (o.dets === undefined || o.gts === undefined) required(o.dets === undefined ? 'dets' : 'gts', undefined, WHAT.table);
  const kinds = [detInputKind(o.dets!), detInputKind(o.gts!)];
  // Plain boxes with a file on the other side: one image's boxes cannot be matched to many images.
  if (kinds.includes('boxes')) throw new UsageError(LABEL.bothTables, kinds[0] === 'boxes' ? 'dets' : 'gts');
  if (o.tp !== undefined) throw new UsageError(LABEL.oneInput, 'tp');
  for (const flag of ['scores', 'gt'] as const) if (o[flag] !== undefined) throw new UsageError(LABEL.notWithTables(flag), flag);
  const pixel = o.pixel === true;
  const dets = readTable('dets', o.dets!, kinds[0] as 'rows' | 'file', (field, text, source) => readDetections(field, text, source, pixel));
  const gts = readTable('gts', o.gts!, kinds[1] as 'rows' | 'file', (field, text, source) => readGroundTruth(field, text, source, pixel));
  const thresholds = o.iou !== undefined ? iouThresholds('iou', o.iou) : [0.5];
  const r = reading(() => evaluateDetections({ dets, gts, method, thresholds, pixel }));
  if (o.class !== undefined && !r.classes.some((c) => c.name === o.class)) throw new UsageError(LABEL.unknownClass(o.class, r.classes.map((c) => c.name).join(', ')), 'class');
  const x: EvalInputs = { r, dets, gts };
  return { data: evalJson(r), quantities: evalQuantities(x), defaultKey: 'map', worked: explainEvaluation(r, gts, o.class) };
}

