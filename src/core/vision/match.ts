/**
 * Which detections are true positives: detections of one class in one image
 * matched to its ground-truth boxes, highest score first, by the rule of the
 * evaluation code the AP method belongs to. The two rules differ when the
 * best box is taken:
 *
 * - VOC (py-faster-rcnn voc_eval.py): the object with the highest IoU over
 *   all objects; TP when that IoU > t and the object is not taken yet, else
 *   FP (a duplicate stays FP even if another object would have fitted).
 * - COCO (pycocotools COCOeval.evaluateImg): the highest-IoU object among
 *   those not taken yet, with IoU ≥ t; FP when there is none.
 *
 * IoU is torchvision's continuous one unless `pixel` (voc_eval.py's +1).
 */
import { InputError } from '../errors';
import { fmtNum } from '../format';
import type { SlipDef } from '../slips';
import { bi, msg, txt } from '../text';
import type { WorkedBuilder } from '../worked';
import { boxIou, toCorners, type Box } from './boxes';

export type MatchRule = 'voc' | 'coco';

export interface MatchSpec {
  dets: readonly (readonly number[])[];
  scores: readonly number[];
  gts: readonly (readonly number[])[];
  /** The IoU threshold t. */
  iou: number;
  rule: MatchRule;
  pixel?: boolean;
}

export interface MatchRow {
  /** Position in the input (0-based). */
  index: number;
  score: number;
  /** IoU with every ground-truth box, in input order. */
  ious: number[];
  /** The object the rule looked at (VOC: best overall; COCO: best free one at or above t), or null. */
  best: number | null;
  tp: boolean;
  /** Why it is FP: IoU too low, or its best object already taken (VOC's duplicate). */
  reason: 'tp' | 'low' | 'taken';
  /** VOC: the detection that took `best` first. */
  takenBy?: number;
}

export interface MatchResult {
  rule: MatchRule;
  iou: number;
  pixel: boolean;
  dets: Box[];
  gts: Box[];
  /** In score order (stable). */
  rows: MatchRow[];
  /** TP flags in input order (what `dlnotes ap --tp` takes). */
  tp: boolean[];
  /** What the other rule would give, in input order. */
  otherTp: boolean[];
}

const f = (x: number): string => fmtNum(x, 4);

const M = {
  lengths: msg((n: number, m: number) => `${n} detections but ${m} scores; give one score per detection`, (n, m) => `有 ${n} 个检测框却有 ${m} 个分数；每个检测框一个分数`),
  threshold: msg((got: string) => `the IoU threshold must be between 0 and 1, got ${got}`, (got) => `IoU 阈值必须在 0 到 1 之间，收到 ${got}`),
  heading: msg((t: string) => `Matching to the ground truth at IoU ${t}`, (t) => `在 IoU ${t} 下与真实框匹配`),
  voc: msg((t: string) => `VOC (voc_eval.py): highest score first, each detection takes the object it overlaps most; TP if that IoU > ${t} and the object is still free, else FP.`,
    (t) => `VOC（voc_eval.py）：按分数从高到低，每个检测取与它 IoU 最大的物体；该 IoU > ${t} 且物体尚未被占用则为 TP，否则为 FP。`),
  coco: msg((t: string) => `COCO (pycocotools): highest score first, each detection takes the free object it overlaps most with IoU ≥ ${t}; FP when there is none.`,
    (t) => `COCO（pycocotools）：按分数从高到低，每个检测在尚未被占用、IoU ≥ ${t} 的物体中取 IoU 最大的一个；没有则为 FP。`),
  row: msg((i: number, score: string, ious: string) => `#${i} (score ${score}): ${ious}`, (i, score, ious) => `#${i}（分数 ${score}）：${ious}`),
  tp: msg((g: number) => `→ TP, takes object g${g}`, (g) => `→ TP，占用物体 g${g}`),
  low: msg((iou: string, cmp: string, t: string) => `→ FP: best IoU ${iou} ${cmp} ${t}`, (iou, cmp, t) => `→ FP：最大 IoU ${iou} ${cmp} ${t}`),
  lowFree: msg((t: string) => `→ FP: no free object with IoU ≥ ${t}`, (t) => `→ FP：没有 IoU ≥ ${t} 的空闲物体`),
  taken: msg((g: number, by: number) => `→ FP: its best object g${g} is already taken by #${by} (a duplicate)`, (g, by) => `→ FP：它 IoU 最大的物体 g${g} 已被 #${by} 占用（重复检测）`),
  differs: msg((other: string, flags: string) => `The ${other} rule would give TP = ${flags} here: VOC counts a detection whose best object is taken as FP, COCO lets it take the next free object.`,
    (other, flags) => `按 ${other} 的规则这里是 TP = ${flags}：VOC 把最佳物体已被占用的检测记为 FP，COCO 让它改配下一个空闲物体。`),
  same: bi('VOC\'s and COCO\'s matching rules agree on these detections.', 'VOC 与 COCO 的匹配规则在这些检测上结果相同。'),
  pixel: bi('IoU with voc_eval.py\'s +1 pixel convention (width = x2 − x1 + 1).', 'IoU 按 voc_eval.py 的像素 +1 约定计算（宽 = x2 − x1 + 1）。'),
};

/** Matches detections to objects by `spec.rule`; the result also holds the other rule's flags. */
export function matchDetections(spec: MatchSpec): MatchResult {
  if (spec.scores.length !== spec.dets.length) throw new InputError('scores', M.lengths(spec.dets.length, spec.scores.length));
  if (!(spec.iou >= 0 && spec.iou <= 1)) throw new InputError('iou', M.threshold(fmtNum(spec.iou)));
  const pixel = spec.pixel === true;
  const dets = spec.dets.map((d, i) => toCorners(d, 'xyxy', String(i), 'dets', pixel));
  const gts = spec.gts.map((g, i) => toCorners(g, 'xyxy', `g${i}`, 'gts', pixel));
  // A stable sort by score, as pycocotools' mergesort.
  const order = dets.map((_, i) => i).sort((a, b) => spec.scores[b]! - spec.scores[a]! || a - b);
  const ious = dets.map((d) => gts.map((g) => boxIou(d, g, pixel)));
  const run = (rule: MatchRule): MatchRow[] => {
    const takenBy = new Map<number, number>();
    return order.map((index) => {
      const row = ious[index]!;
      let best: number | null = null;
      if (rule === 'voc') {
        // np.argmax: the first of equal maxima.
        row.forEach((v, g) => { if (best === null || v > row[best]!) best = g; });
        if (best === null || !(row[best]! > spec.iou)) return { index, score: spec.scores[index]!, ious: row, best, tp: false, reason: 'low' };
        const by = takenBy.get(best);
        if (by !== undefined) return { index, score: spec.scores[index]!, ious: row, best, tp: false, reason: 'taken', takenBy: by };
      } else {
        // evaluateImg: a later object with an equal IoU replaces the earlier one (`if ious < iou: continue`).
        let at = Math.min(spec.iou, 1 - 1e-10);
        row.forEach((v, g) => {
          if (takenBy.has(g) || v < at) return;
          at = v;
          best = g;
        });
        if (best === null) return { index, score: spec.scores[index]!, ious: row, best, tp: false, reason: 'low' };
      }
      takenBy.set(best, index);
      return { index, score: spec.scores[index]!, ious: row, best, tp: true, reason: 'tp' };
    });
  };
  const flags = (rows: MatchRow[]): boolean[] => {
    const tp = dets.map(() => false);
    for (const r of rows) tp[r.index] = r.tp;
    return tp;
  };
  const rows = run(spec.rule);
  return { rule: spec.rule, iou: spec.iou, pixel, dets, gts, rows, tp: flags(rows), otherTp: flags(run(spec.rule === 'voc' ? 'coco' : 'voc')) };
}

/** The matching, step by step, into a worked solution (before the AP table). */
export function explainMatch(wb: WorkedBuilder, r: MatchResult): void {
  const t = fmtNum(r.iou);
  wb.heading(M.heading(t));
  wb.note(r.rule === 'voc' ? M.voc(t) : M.coco(t));
  if (r.pixel) wb.note(M.pixel);
  for (const row of r.rows) {
    const ious = r.gts.length ? row.ious.map((v, g) => `IoU(g${g}) = ${f(v)}`).join(', ') : '—';
    wb.step(M.row(row.index, fmtNum(row.score), ious));
    const verdict = row.tp ? M.tp(row.best!)
      : row.reason === 'taken' ? M.taken(row.best!, row.takenBy!)
        : r.rule === 'coco' ? M.lowFree(t)
          : M.low(row.best === null ? '—' : f(row.ious[row.best]!), '≤', t);
    wb.step(txt`  ${verdict}`);
  }
  wb.result(`TP = ${r.tp.map(Number).join(',')}`);
  const differs = r.otherTp.some((x, i) => x !== r.tp[i]);
  wb.note(differs ? M.differs(r.rule === 'voc' ? 'COCO' : 'VOC', r.otherTp.map(Number).join(',')) : M.same);
}

const SLIP = {
  duplicate: msg((flags: string) => `looks like a duplicate detection was counted as TP: ${flags}; an object is matched once, later detections of it are FP`,
    (flags) => `看起来把重复检测算成了 TP：${flags}；一个物体只匹配一次，之后再检测到它的都是 FP`),
  otherRule: msg((flags: string, rule: string) => `looks like ${rule}'s matching rule: ${flags}`, (flags, rule) => `看起来用了 ${rule} 的匹配规则：${flags}`),
};

/** Slips of the TP flags: every overlap above t counted, the other evaluation code's rule. */
export const matchSlips: readonly SlipDef<MatchResult>[] = [
  {
    id: 'ap-duplicate-tp',
    // Every detection that overlaps an object enough is TP, taken or not.
    value: (r) => [r.tp.map((tp, i) => Number(tp || (r.rule === 'voc' ? Math.max(...r.rows.find((row) => row.index === i)!.ious) > r.iou : r.rows.find((row) => row.index === i)!.ious.some((v) => v >= r.iou))))],
    text: (_r, v) => SLIP.duplicate((v as number[][])[0]!.join(',')),
  },
  {
    id: 'ap-match-rule',
    value: (r) => [r.otherTp.map(Number)],
    text: (r, v) => SLIP.otherRule((v as number[][])[0]!.join(','), r.rule === 'voc' ? 'COCO' : 'VOC'),
  },
];
