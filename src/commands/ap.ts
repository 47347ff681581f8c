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
import { detInputKind } from '../core/vision/det-kind';
import { emit, type Outcome } from './output';
import { choice, count, reading, real, required, WHAT } from './vision-flags';

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
  classOnlyTables: bi('--class picks the class whose matching is shown: give --dets and --gts as files', '--class 用于选择展示哪个类别的匹配：请用文件给出 --dets 和 --gts'),
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

/** Whether this run evaluates several images and classes (`ap-files`, loaded only then). */
export function isMultiImage(o: ApFlags): boolean {
  return [o.dets, o.gts].some((raw) => raw !== undefined && detInputKind(raw) !== 'boxes');
}

/** Any `ap` run: files of several images and classes load their evaluation on demand. */
export async function computeApAny(o: ApFlags): Promise<Outcome> {
  if (!isMultiImage(o)) return computeAp(o);
  const { computeApFiles } = await import('./ap-files');
  return computeApFiles(o);
}

/** One `ap` run of one class (a ranked list, or the boxes of one image): shared by the command and the homework checker. */
export function computeAp(o: ApFlags): Outcome {
  const method = choice<ApMethod>('method', o.method, AP_METHODS, 'voc12');
  // Files go through computeApAny (ap-files); a caller that reaches here with them has a bug.
  if (isMultiImage(o)) throw new Error('computeAp: files of several images go through computeApAny');
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
  emit(await computeApAny(o), o);
}
