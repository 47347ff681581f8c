/** dlnotes ap: average precision of a ranked list of detections (VOC07, VOC12, COCO). */
import type { Quantity } from '../core/check';
import { tidyDeep } from '../core/numlist';
import { slipValues } from '../core/slips';
import { bi, msg } from '../core/text';
import { AP_METHODS, apSlips, averagePrecision, explainAp, prSlips, type ApMethod, type ApResult } from '../core/vision/ap';
import { readFlags, readNumbers } from '../core/vision/read';
import { emit, type Outcome } from './output';
import { choice, count, reading, required } from './vision-flags';

export interface ApFlags {
  tp?: string; scores?: string; gt?: string; method?: string;
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

/** One `ap` run: shared by the command and the homework checker. */
export function computeAp(o: ApFlags): Outcome {
  const method = choice<ApMethod>('method', o.method, AP_METHODS, 'voc12');
  const tp = reading(() => readFlags('tp', required('tp', o.tp, LABEL.tp)));
  const scores = o.scores !== undefined ? reading(() => readNumbers('scores', o.scores!)) : undefined;
  const npos = count('gt', required('gt', o.gt, LABEL.gt))!;
  const r = reading(() => averagePrecision({ tp, npos, method, ...(scores ? { scores } : {}) }));
  return { data: apJson(r), quantities: apQuantities(r), defaultKey: 'ap', worked: explainAp(r) };
}

export async function run(o: ApFlags): Promise<void> {
  emit(computeAp(o), o);
}
