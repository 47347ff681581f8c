/**
 * Average precision of one class from a ranked list of detections, by the
 * three rules in use:
 *
 * - voc07: PASCAL VOC2007's 11-point rule (voc_eval.py, use_07_metric=True):
 *   the mean over r = 0, 0.1, …, 1 of the highest precision at recall ≥ r;
 * - voc12: VOC2010+'s all-point area (use_07_metric=False): the area under
 *   the interpolated curve p_interp(r) = max precision at recall ≥ r,
 *   summed where the recall changes;
 * - coco: COCO's 101-point rule (pycocotools COCOeval.accumulate): for
 *   r = 0, 0.01, …, 1 the interpolated precision at the first detection with
 *   recall ≥ r (0 once the recall never gets there), averaged.
 *
 * Thresholds are compared exactly (tp·10 ≥ i·N), as the rules are written.
 * The reference code compares in floating point, where 0.7 as a threshold
 * is i·0.1 = 0.7000000000000001 and a recall of 7/10 misses it; when that
 * changes the result, `code` holds the code's value and the worked solution
 * says so.
 */
import { InputError } from '../errors';
import { fmtNum } from '../format';
import type { SlipDef } from '../slips';
import { bi, msg, type Text } from '../text';
import { WorkedBuilder, type Worked } from '../worked';
import { formulaLines, wrapTerms } from './lines';

export type ApMethod = 'voc07' | 'voc12' | 'coco';
export const AP_METHODS: readonly ApMethod[] = ['voc07', 'voc12', 'coco'];

export interface ApSpec {
  /** True and false positives, in the order given. */
  tp: readonly boolean[];
  /** Scores: the detections are ranked by them (stable). Without scores the order given is the ranking. */
  scores?: readonly number[];
  /** Ground-truth objects of the class. */
  npos: number;
  method: ApMethod;
}

export interface ApRow {
  rank: number;
  /** Position in the input (0-based). */
  index: number;
  score?: number;
  tp: boolean;
  cumTp: number;
  cumFp: number;
  precision: number;
  recall: number;
  /** Interpolated precision: the highest precision at this rank or later. */
  interp: number;
}

export interface ApPoint {
  /** The recall threshold (i/10 or i/100). */
  t: number;
  /** Rank (1-based) whose interpolated precision is taken, or null when the recall never reaches t. */
  rank: number | null;
  p: number;
}

export interface ApResult {
  method: ApMethod;
  npos: number;
  rows: ApRow[];
  /** AP by the chosen method. */
  ap: number;
  voc07: number;
  voc12: number;
  coco: number;
  /** The method's sample points (voc07: 11, coco: 101). */
  points: ApPoint[];
  /** AP as the reference code computes it in floating point, when that differs. */
  code?: { ap: number; thresholds: number[] };
}

const f = (x: number): string => fmtNum(x, 4);

const M = {
  npos: msg((got: number) => `the number of ground-truth objects must be a positive integer, got ${fmtNum(got)}`, (got) => `真实物体数必须是正整数，收到 ${fmtNum(got)}`),
  lengths: msg((tp: number, scores: number) => `${tp} detections in --tp but ${scores} scores; give one score per detection`,
    (tp, scores) => `--tp 有 ${tp} 个检测，但有 ${scores} 个分数；每个检测需要一个分数`),
  tooMany: msg((tp: number, npos: number) => `${tp} true positives but only ${npos} ground-truth objects: each object can be matched once, so the rest are false positives`,
    (tp, npos) => `${tp} 个真正例，但只有 ${npos} 个真实物体：每个物体只能匹配一次，多出来的是假正例`),
  title: msg((m: ApMethod) => `Average precision (${METHOD_NAME[m].en})`, (m) => `平均精度 AP（${METHOD_NAME[m].zh}）`),
  ranked: bi('Detections ranked by score', '按分数排序的检测结果'),
  unranked: bi('Detections in the order given (no --scores)', '按给出的顺序（没有 --scores）'),
  prRule: msg((n: number) => `precision = TP/(TP + FP) so far; recall = TP/${n} (all ground-truth objects)`, (n) => `精确率 = 目前的 TP/(TP + FP)；召回率 = TP/${n}（全部真实物体）`),
  interp: bi('Interpolated precision: the highest precision at this recall or beyond', '插值精确率：该召回率及以后的最高精确率'),
  voc07: bi('11 recall points r = 0, 0.1, …, 1: p_interp(r) = max precision at recall ≥ r', '11 个召回率点 r = 0, 0.1, …, 1：p_interp(r) = 召回率 ≥ r 时的最高精确率'),
  voc12: bi('Area under the interpolated curve, summed where the recall rises', '插值曲线下的面积，在召回率上升处求和'),
  coco: bi('101 recall points r = 0, 0.01, …, 1: the interpolated precision at the first detection with recall ≥ r', '101 个召回率点 r = 0, 0.01, …, 1：取第一个召回率 ≥ r 的检测的插值精确率'),
  range: msg((r: string, n: number, rank: number | null, p: string) => `r = ${r} (${n} ${n === 1 ? 'point' : 'points'}): ${rank === null ? 'recall never gets there: 0' : `rank ${rank}: ${p}`}`,
    (r, n, rank, p) => `r = ${r}（${n} 个点）：${rank === null ? '召回率达不到：0' : `第 ${rank} 名：${p}`}`),
  others: msg((v07: string, v12: string, coco: string) => `For comparison: VOC2007 11-point ${v07}, all-point ${v12}, COCO 101-point ${coco}.`,
    (v07, v12, coco) => `对比：VOC2007 11 点法 ${v07}，全点面积法 ${v12}，COCO 101 点法 ${coco}。`),
  code: msg((code: string, ts: string, name: string) => `${name} compares in floating point: its threshold${ts.includes(',') ? 's' : ''} ${ts} ${ts.includes(',') ? 'are' : 'is'} slightly above the exact value${ts.includes(',') ? 's' : ''}, so a recall exactly there misses ${ts.includes(',') ? 'them' : 'it'} and it reports ${code}.`,
    (code, ts, name) => `${name} 用浮点数比较：它的阈值 ${ts} 比精确值略大，召回率恰好等于该值时会被漏掉，因此它给出 ${code}。`),
  duplicates: bi('A second detection of an already matched object is a false positive.', '同一个物体的第二个检测算假正例。'),
  neverFound: msg((n: number) => `${n} ${n === 1 ? 'object is' : 'objects are'} never detected, so the recall stops below 1.`, (n) => `有 ${n} 个物体始终没有被检测到，所以召回率达不到 1。`),
};

const METHOD_NAME: Record<ApMethod, { en: string; zh: string }> = {
  voc07: { en: 'VOC2007 11-point rule', zh: 'VOC2007 11 点法' },
  voc12: { en: 'VOC2010+ all-point area', zh: 'VOC2010+ 全点面积法' },
  coco: { en: 'COCO 101-point rule', zh: 'COCO 101 点法' },
};

export function methodName(m: ApMethod): Text {
  return METHOD_NAME[m];
}

/** The ranked rows: precision, recall and the interpolated precision. */
export function rankDetections(tp: readonly boolean[], npos: number, scores?: readonly number[]): ApRow[] {
  if (!(Number.isInteger(npos) && npos >= 1)) throw new InputError('gt', M.npos(npos));
  if (scores && scores.length !== tp.length) throw new InputError('scores', M.lengths(tp.length, scores.length));
  const found = tp.filter(Boolean).length;
  if (found > npos) throw new InputError('tp', M.tooMany(found, npos));
  // A stable sort, as pycocotools' mergesort.
  const order = tp.map((_, i) => i);
  if (scores) order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  let cumTp = 0;
  let cumFp = 0;
  const rows: ApRow[] = order.map((index, k) => {
    if (tp[index]) cumTp++;
    else cumFp++;
    return { rank: k + 1, index, ...(scores ? { score: scores[index]! } : {}), tp: tp[index]!, cumTp, cumFp, precision: cumTp / (k + 1), recall: cumTp / npos, interp: 0 };
  });
  let best = 0;
  for (let k = rows.length - 1; k >= 0; k--) {
    best = Math.max(best, rows[k]!.precision);
    rows[k]!.interp = best;
  }
  return rows;
}

/** The first row whose recall reaches i/steps (exactly: cumTp·steps ≥ i·npos), or, with `float`, as the code compares. */
function firstReaching(rows: readonly ApRow[], npos: number, i: number, steps: number, float: boolean): ApRow | undefined {
  if (float) {
    // numpy's arange(0, 1.1, 0.1) and linspace(0, 1, 101): i·step in doubles, the last one exactly 1.
    const t = i === steps ? 1 : i * (steps === 100 ? 0.01 : 0.1);
    return rows.find((r) => r.cumTp / npos >= t);
  }
  return rows.find((r) => r.cumTp * steps >= i * npos);
}

function points(rows: readonly ApRow[], npos: number, steps: 10 | 100, float = false): ApPoint[] {
  return Array.from({ length: steps + 1 }, (_, i) => {
    const row = firstReaching(rows, npos, i, steps, float);
    return { t: i / steps, rank: row?.rank ?? null, p: row?.interp ?? 0 };
  });
}

const mean = (ps: readonly ApPoint[]): number => ps.reduce((s, p) => s + p.p, 0) / ps.length;

/** The all-point area: Σ (r_k − r_{k−1})·p_interp(k) over the ranks where the recall rises. */
function allPoint(rows: readonly ApRow[], interpolate = true): number {
  let prev = 0;
  let area = 0;
  for (const r of rows) {
    if (r.recall > prev) {
      area += (r.recall - prev) * (interpolate ? r.interp : r.precision);
      prev = r.recall;
    }
  }
  return area;
}

/** AP of one class by all three rules; `ap` is the chosen method's. */
export function averagePrecision(spec: ApSpec): ApResult {
  const rows = rankDetections(spec.tp, spec.npos, spec.scores);
  const p07 = points(rows, spec.npos, 10);
  const p101 = points(rows, spec.npos, 100);
  const voc07 = mean(p07);
  const voc12 = allPoint(rows);
  const coco = mean(p101);
  const ap = spec.method === 'voc07' ? voc07 : spec.method === 'voc12' ? voc12 : coco;
  const result: ApResult = { method: spec.method, npos: spec.npos, rows, ap, voc07, voc12, coco, points: spec.method === 'voc07' ? p07 : spec.method === 'coco' ? p101 : [] };
  if (spec.method !== 'voc12') {
    const steps = spec.method === 'voc07' ? 10 : 100;
    const exact = spec.method === 'voc07' ? p07 : p101;
    const fl = points(rows, spec.npos, steps, true);
    const codeAp = mean(fl);
    if (Math.abs(codeAp - ap) > 1e-12) {
      const step = steps === 10 ? 0.1 : 0.01;
      result.code = { ap: codeAp, thresholds: fl.flatMap((p, i) => (p.rank !== exact[i]!.rank ? [i * step] : [])) };
    }
  }
  return result;
}

function pr(r: ApRow, npos: number): string {
  return `P = ${r.cumTp}/${r.rank} = ${f(r.precision)}  R = ${r.cumTp}/${npos} = ${f(r.recall)}`;
}

/** The worked solution: the ranked table, the envelope and the method's sum. */
export function explainAp(r: ApResult, title?: Text): Worked {
  const wb = new WorkedBuilder(title ?? M.title(r.method));
  wb.heading(r.rows[0]?.score !== undefined ? M.ranked : M.unranked);
  wb.note(M.prRule(r.npos));
  for (const row of r.rows) {
    const score = row.score !== undefined ? ` ${f(row.score)}` : '';
    wb.step(`${String(row.rank).padStart(2)}.${score} ${row.tp ? 'TP' : 'FP'}  ${pr(row, r.npos)}`);
  }
  const missing = r.npos - (r.rows.at(-1)?.cumTp ?? 0);
  if (missing > 0) wb.note(M.neverFound(missing));
  wb.heading(M.interp);
  for (const line of wrapTerms('p_interp = ', r.rows.map((x) => f(x.interp)), ', ', '           ')) wb.step(line);
  wb.heading(METHOD_NAME[r.method]);
  if (r.method === 'voc12') {
    wb.note(M.voc12);
    let prev = 0;
    const terms: string[] = [];
    for (const row of r.rows) {
      if (row.recall > prev) {
        terms.push(`(${f(row.recall)} − ${f(prev)})·${f(row.interp)}`);
        prev = row.recall;
      }
    }
    formulaLines(wb, wrapTerms('AP = ', terms.length ? terms : ['0']));
  } else {
    wb.note(r.method === 'voc07' ? M.voc07 : M.coco);
    const n = r.points.length;
    for (const g of groupPoints(r.points)) {
      wb.step(M.range(g.count === 1 ? f(g.from) : `${f(g.from)}…${f(g.to)}`, g.count, g.rank, f(g.p)));
    }
    const terms = groupPoints(r.points).map((g) => (g.count === 1 ? f(g.p) : `${g.count}·${f(g.p)}`));
    terms[terms.length - 1] += `)/${n}`;
    formulaLines(wb, wrapTerms('AP = (', terms));
  }
  wb.result(`AP = ${fmtNum(r.ap, 6)}`);
  if (r.code) wb.warn(M.code(fmtNum(r.code.ap, 6), r.code.thresholds.map((t) => String(t)).join(', '), r.method === 'coco' ? 'pycocotools' : 'voc_eval.py'));
  wb.note(M.others(fmtNum(r.voc07, 4), fmtNum(r.voc12, 4), fmtNum(r.coco, 4)));
  return wb.build();
}

/** Consecutive sample points that take the same rank, as one line each. */
function groupPoints(ps: readonly ApPoint[]): Array<{ from: number; to: number; count: number; rank: number | null; p: number }> {
  const out: Array<{ from: number; to: number; count: number; rank: number | null; p: number }> = [];
  for (const p of ps) {
    const last = out.at(-1);
    if (last && last.rank === p.rank) {
      last.to = p.t;
      last.count++;
    } else out.push({ from: p.t, to: p.t, count: 1, rank: p.rank, p: p.p });
  }
  return out;
}

const SLIP = {
  noInterp: msg((slipped: string, right: string) => `looks like the raw precisions were used, without the interpolated envelope: ${slipped}; with p_interp (the highest precision at that recall or beyond): ${right}`,
    (slipped, right) => `看起来直接用了原始精确率，没有取插值包络：${slipped}；用 p_interp（该召回率及以后的最高精确率）：${right}`),
  other: msg((slipped: string, which: ApMethod, right: string, asked: ApMethod) => `looks like the ${METHOD_NAME[which].en}: ${slipped}; the ${METHOD_NAME[asked].en} gives ${right}`,
    (slipped, which, right, asked) => `看起来用了 ${METHOD_NAME[which].zh}：${slipped}；${METHOD_NAME[asked].zh}得 ${right}`),
  missed: msg((found: number, npos: number, slipped: string, right: string) => `looks like the recall was divided by the ${found} objects found: ${slipped}; it divides by all ${npos} ground-truth objects: ${right}`,
    (found, npos, slipped, right) => `看起来召回率除以了找到的 ${found} 个物体：${slipped}；应除以全部 ${npos} 个真实物体：${right}`),
};

function recompute(r: ApResult, npos: number, method: ApMethod): number {
  const tp = r.rows.map((x) => x.tp);
  return averagePrecision({ tp, npos, method }).ap;
}

const show = (v: number): string => fmtNum(v, 4);

/** Slips of the AP. */
export const apSlips: readonly SlipDef<ApResult>[] = [
  {
    id: 'ap-no-interpolation',
    value: (r) => {
      if (r.method === 'voc12') return allPoint(r.rows, false);
      const raw = r.points.map((p) => (p.rank === null ? 0 : r.rows[p.rank - 1]!.precision));
      return raw.reduce((s, x) => s + x, 0) / raw.length;
    },
    text: (r, v) => SLIP.noInterp(show(v as number), show(r.ap)),
  },
  ...AP_METHODS.map((which): SlipDef<ApResult> => ({
    id: 'ap-voc07-vs-all-point',
    value: (r) => (which === r.method ? undefined : r[which]),
    text: (r, v) => SLIP.other(show(v as number), which, show(r.ap), r.method),
  })),
  {
    id: 'ap-missed-gt',
    value: (r) => {
      const found = r.rows.at(-1)?.cumTp ?? 0;
      return found > 0 && found < r.npos ? recompute(r, found, r.method) : undefined;
    },
    text: (r, v) => SLIP.missed(r.rows.at(-1)!.cumTp, r.npos, show(v as number), show(r.ap)),
  },
];

/** Slips of the precision or recall at one rank. */
export const prSlips = {
  recall: (rank: number): SlipDef<ApResult>[] => [
    {
      id: 'ap-missed-gt',
      value: (r) => {
        const found = r.rows.at(-1)?.cumTp ?? 0;
        return found > 0 && found < r.npos ? r.rows[rank - 1]!.cumTp / found : undefined;
      },
      text: (r, v) => SLIP.missed(r.rows.at(-1)!.cumTp, r.npos, show(v as number), show(r.rows[rank - 1]!.recall)),
    },
  ],
};
