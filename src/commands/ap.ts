/** dlnotes ap: average precision of a ranked list of detections (VOC07, VOC12, COCO). */
import type { Quantity } from '../core/check';
import { tidyDeep } from '../core/numlist';
import { slipValues } from '../core/slips';
import { bi, msg } from '../core/text';
import { AP_METHODS, apSlips, averagePrecision, explainAp, methodName, prSlips, type ApMethod, type ApResult } from '../core/vision/ap';
import { explainMatch, matchDetections, matchSlips, type MatchResult } from '../core/vision/match';
import { readBoxes, readFlags, readNumbers } from '../core/vision/read';
import { WorkedBuilder } from '../core/worked';
import { UsageError } from '../errors';
import { classApSlips, evaluateDetections, explainEvaluation, mapSlips, type EvalInputs, type EvalResult, type Verdict } from '../core/vision/det-eval';
import { looksLikeTable, readDetections, readGroundTruth } from '../core/vision/det-table';
import { FILE_LIMITS, readTextFile } from '../read';
import { emit, type Outcome } from './output';
import { choice, count, iouThresholds, reading, real, required, WHAT } from './vision-flags';

export interface ApFlags {
  tp?: string; scores?: string; gt?: string; method?: string;
  dets?: string; gts?: string; iou?: string; pixel?: boolean; class?: string;
  json?: boolean; answer?: string;
}

const LABEL = {
  ap: bi('AP', 'AP'),
  precision: bi('precision at each rank', '各名次的精确率'),
  recall: bi('recall at each rank', '各名次的召回率'),
  p: msg((k: number) => `precision at rank ${k}`, (k) => `第 ${k} 名的精确率`),
  r: msg((k: number) => `recall at rank ${k}`, (k) => `第 ${k} 名的召回率`),
  tp: bi('1 (true positive) or 0 (false positive) per detection, e.g. 1,0,1,1', '每个检测 1（TP）或 0（FP），如 1,0,1,1'),
  gt: bi('the number of ground-truth objects, e.g. --gt 4', '真实物体的个数，如 --gt 4'),
  flags: bi('TP/FP of each detection (0/1, in the order given)', '每个检测的 TP/FP（0/1，按给出的顺序）'),
  gts: bi('the ground-truth boxes x1,y1,x2,y2 separated by ";"', '用“;”分隔的真实框 x1,y1,x2,y2'),
  oneInput: bi('give either --tp (TP/FP already judged) or --dets with --gts (boxes to match)', '--tp（已判定的 TP/FP）与 --dets、--gts（要匹配的框）只能给一种'),
  gtCount: msg((n: number, m: number) => `--gts has ${n} ${n === 1 ? 'box' : 'boxes'} but --gt says ${m}; with boxes, --gt can be left out`, (n, m) => `--gts 有 ${n} 个框而 --gt 是 ${m}；给了框就可以不写 --gt`),
  map: bi('mAP', 'mAP'),
  apOf: msg((name: string) => `AP of ${name}`, (name) => `${name} 的 AP`),
  apAt: msg((t: string) => `mAP at IoU ${t}`, (t) => `IoU ${t} 时的 mAP`),
  tpOf: msg((name: string) => `true positives of ${name}`, (name) => `${name} 的真正例数`),
  fpOf: msg((name: string) => `false positives of ${name}`, (name) => `${name} 的假正例数`),
  bothTables: bi('give --dets and --gts both as files (or both as rows "image class ..."); plain boxes are for one image and one class', '--dets 和 --gts 都要给文件（或都给 "image class ..." 形式的行）；单纯的框只用于一张图像、一个类别'),
  notWithTables: msg((flag: string) => `--${flag} is for one image and one class; with files the scores are in the rows and the objects are counted from --gts`,
    (flag) => `--${flag} 只用于一张图像、一个类别；用文件时分数写在每一行里，物体数由 --gts 统计`),
  classOnlyTables: bi('--class picks the class whose matching is shown: give --dets and --gts as files', '--class 用于选择展示哪个类别的匹配：请用文件给出 --dets 和 --gts'),
  unknownClass: msg((name: string, names: string) => `--class: no class "${name}" (classes: ${names})`, (name, names) => `--class：没有类别 "${name}"（类别：${names}）`),
  boxFlags: bi('--iou and --pixel judge boxes: give --dets and --gts', '--iou 和 --pixel 用于判定框：请给出 --dets 和 --gts'),
};

export function apQuantities(r: ApResult): Record<string, Quantity> {
  const q: Record<string, Quantity> = {
    ap: { label: LABEL.ap, expected: r.ap, real: true, aliases: ['map', 'average_precision'], slips: () => slipValues(apSlips, r) },
    precision: { label: LABEL.precision, expected: [r.rows.map((x) => x.precision)], real: true, aliases: ['p'] },
    recall: { label: LABEL.recall, expected: [r.rows.map((x) => x.recall)], real: true, aliases: ['r'] },
  };
  for (const row of r.rows) {
    q[`p${row.rank}`] = { label: LABEL.p(row.rank), expected: row.precision, real: true, aliases: [`p_${row.rank}`] };
    q[`r${row.rank}`] = { label: LABEL.r(row.rank), expected: row.recall, real: true, aliases: [`r_${row.rank}`], slips: () => slipValues(prSlips.recall(row.rank), r) };
  }
  return q;
}

export function apJson(r: ApResult): Record<string, unknown> {
  return tidyDeep({
    ap: r.ap,
    method: r.method,
    precision: r.rows.map((x) => x.precision),
    recall: r.rows.map((x) => x.recall),
    interpolated: r.rows.map((x) => x.interp),
    gt: r.npos,
    ranked: r.rows.map((x) => ({ rank: x.rank, index: x.index, ...(x.score !== undefined ? { score: x.score } : {}), tp: x.tp, cum_tp: x.cumTp, cum_fp: x.cumFp })),
    methods: { voc07: r.voc07, voc12: r.voc12, coco: r.coco },
    ...(r.points.length ? { points: r.points.map((p) => ({ recall: p.t, rank: p.rank, precision: p.p })) } : {}),
    ...(r.code ? { code: { ap: r.code.ap, thresholds: r.code.thresholds } } : {}),
  });
}

/** With boxes: the TP flags and the matching behind them. */
function matchQuantities(m: MatchResult): Record<string, Quantity> {
  return { tp: { label: LABEL.flags, expected: [m.tp.map(Number)], show: m.tp.map(Number).join(','), aliases: ['flags', 'tpfp'], slips: () => slipValues(matchSlips, m) } };
}

function matchJson(m: MatchResult): Record<string, unknown> {
  return {
    match: {
      rule: m.rule, iou_threshold: m.iou, convention: m.pixel ? 'pixel' : 'continuous',
      detections: m.rows.map((row) => ({ index: row.index, score: row.score, ious: row.ious, object: row.tp ? row.best : null, tp: row.tp, ...(row.reason === 'taken' ? { duplicate_of: row.takenBy } : {}) })),
      other_rule_tp: m.otherTp.map(Number),
    },
  };
}

/** `ap --dets --gts`: match the boxes (VOC's or COCO's rule, as the method), then AP of the flags. */
function computeFromBoxes(o: ApFlags, method: ApMethod): Outcome {
  if (o.tp !== undefined) throw new UsageError(LABEL.oneInput, 'tp');
  const dets = reading(() => readBoxes('dets', required('dets', o.dets, WHAT.boxes)));
  const gts = reading(() => readBoxes('gts', required('gts', o.gts, LABEL.gts)));
  const scores = reading(() => readNumbers('scores', required('scores', o.scores, WHAT.scores)));
  const given = count('gt', o.gt);
  if (given !== undefined && given !== gts.length) throw new UsageError(LABEL.gtCount(gts.length, given), 'gt');
  const t = real('iou', o.iou) ?? 0.5;
  const m = reading(() => matchDetections({ dets, gts, scores, iou: t, rule: method === 'coco' ? 'coco' : 'voc', pixel: o.pixel === true }));
  const r = reading(() => averagePrecision({ tp: m.tp, npos: gts.length, method, scores }));
  const wb = new WorkedBuilder(methodName(method));
  explainMatch(wb, m);
  const ap = explainAp(r);
  const worked = { title: ap.title, lines: [...wb.build().lines, ...ap.lines] };
  return { data: { ...apJson(r), ...tidyDeep(matchJson(m)) }, quantities: { ...apQuantities(r), ...matchQuantities(m) }, defaultKey: 'ap', worked };
}

/** What a --dets/--gts value is: plain boxes of one image, rows of the table inline, or a file of them. */
function sourceOf(raw: string | undefined): 'boxes' | 'rows' | 'file' | undefined {
  if (raw === undefined) return undefined;
  if (looksLikeTable(raw)) return 'rows';
  // Numbers and separators only: the boxes of one image, as before.
  return /^[\s\d.,;:+\-eE，；。．：（）()[\]\uff10-\uff19]*$/.test(raw) ? 'boxes' : 'file';
}

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
function computeFromTables(o: ApFlags, method: ApMethod, kinds: ['rows' | 'file', 'rows' | 'file']): Outcome {
  if (o.tp !== undefined) throw new UsageError(LABEL.oneInput, 'tp');
  for (const flag of ['scores', 'gt'] as const) if (o[flag] !== undefined) throw new UsageError(LABEL.notWithTables(flag), flag);
  const pixel = o.pixel === true;
  const dets = readTable('dets', o.dets!, kinds[0], (field, text, source) => readDetections(field, text, source, pixel));
  const gts = readTable('gts', o.gts!, kinds[1], (field, text, source) => readGroundTruth(field, text, source, pixel));
  const thresholds = o.iou !== undefined ? iouThresholds('iou', o.iou) : [0.5];
  const r = reading(() => evaluateDetections({ dets, gts, method, thresholds, pixel }));
  if (o.class !== undefined && !r.classes.some((c) => c.name === o.class)) throw new UsageError(LABEL.unknownClass(o.class, r.classes.map((c) => c.name).join(', ')), 'class');
  const x: EvalInputs = { r, dets, gts };
  return { data: evalJson(r), quantities: evalQuantities(x), defaultKey: 'map', worked: explainEvaluation(r, gts, o.class) };
}

/** One `ap` run: shared by the command and the homework checker. */
export function computeAp(o: ApFlags): Outcome {
  const method = choice<ApMethod>('method', o.method, AP_METHODS, 'voc12');
  const kinds = [sourceOf(o.dets), sourceOf(o.gts)];
  if (kinds.some((k) => k === 'rows' || k === 'file')) {
    if (kinds[0] === undefined || kinds[1] === undefined) required(kinds[0] === undefined ? 'dets' : 'gts', undefined, WHAT.table);
    if (kinds.includes('boxes')) throw new UsageError(LABEL.bothTables, kinds[0] === 'boxes' ? 'dets' : 'gts');
    return computeFromTables(o, method, kinds as ['rows' | 'file', 'rows' | 'file']);
  }
  if (o.class !== undefined) throw new UsageError(LABEL.classOnlyTables, 'class');
  if (o.dets !== undefined || o.gts !== undefined) return computeFromBoxes(o, method);
  if (o.iou !== undefined || o.pixel === true) throw new UsageError(LABEL.boxFlags, o.iou !== undefined ? 'iou' : 'pixel');
  const tp = reading(() => readFlags('tp', required('tp', o.tp, LABEL.tp)));
  const scores = o.scores !== undefined ? reading(() => readNumbers('scores', o.scores!)) : undefined;
  const npos = count('gt', required('gt', o.gt, LABEL.gt))!;
  const r = reading(() => averagePrecision({ tp, npos, method, ...(scores ? { scores } : {}) }));
  return { data: apJson(r), quantities: apQuantities(r), defaultKey: 'ap', worked: explainAp(r) };
}

export async function run(o: ApFlags): Promise<void> {
  emit(computeAp(o), o);
}
