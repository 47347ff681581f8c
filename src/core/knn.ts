/**
 * k-nearest-neighbour classification of one query point with L1 or L2
 * distance. Ties:
 *  - in distance: neighbours are ordered by distance, then by training order
 *    (a stable sort, as numpy's argsort(kind='stable')); a tie across the k-th
 *    place is reported, since another order would pick another neighbour;
 *  - in the vote: by default the smallest label wins, the rule of CS231n's
 *    assignment ("break ties by choosing the smaller label") and of
 *    sklearn's KNeighborsClassifier (scipy's mode returns the smallest class);
 *    `tie: 'nearest'` instead picks the tied class with the nearest neighbour.
 */
import { InputError } from './errors';
import { fmtNum } from './format';
import type { SlipDef } from './slip-defs';
import { msg } from './text';
import { WorkedBuilder, type Worked } from './worked';

export type Metric = 'l1' | 'l2';
export type TieRule = 'smallest' | 'nearest';

export interface KnnSpec {
  train: number[][];
  labels: string[];
  query: number[];
  k: number;
  metric?: Metric;
  tie?: TieRule;
}

export interface KnnPoint {
  /** 0-based position in the training set. */
  index: number;
  point: number[];
  label: string;
  distance: number;
  /** 1-based rank by distance (stable). */
  rank: number;
}

export interface KnnVote {
  label: string;
  count: number;
  /** Rank of this class's nearest neighbour among the k. */
  nearestRank: number;
}

export interface KnnResult {
  k: number;
  metric: Metric;
  tie: TieRule;
  /** Every training point, in training order. */
  points: KnnPoint[];
  /** The k nearest, nearest first. */
  nearest: KnnPoint[];
  /** Votes, most votes first. */
  votes: KnnVote[];
  /** Labels sharing the top vote count (length > 1 means a vote tie). */
  tied: string[];
  prediction: string;
  /** Points at the same distance as the k-th nearest but left out. */
  boundaryTies: KnnPoint[];
}

/** L1 (Manhattan) or L2 (Euclidean) distance. */
export function distance(a: readonly number[], b: readonly number[], metric: Metric): number {
  if (metric === 'l2') return Math.sqrt(squaredL2(a, b));
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s;
}

/** Σ_p (a_p − b_p)²: the L2 distance before its square root. */
export function squaredL2(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return s;
}

/** Orders labels as sklearn's classes_ does: numerically when all are numbers, else as strings. */
export function compareLabels(a: string, b: string, all: readonly string[]): number {
  const numeric = all.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  if (numeric) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Classifies `query` by a majority vote of its k nearest training points. */
export function knn(spec: KnnSpec): KnnResult {
  const { train, labels, query, k } = spec;
  const metric = spec.metric ?? 'l2';
  const tie = spec.tie ?? 'smallest';
  if (train.length === 0 || train[0]!.length === 0) throw new InputError('train', 'no training points given');
  const dim = train[0]!.length;
  train.forEach((p, i) => {
    if (p.length !== dim) throw new InputError('train', `point ${i + 1} has ${p.length} coordinates but point 1 has ${dim}`);
  });
  if (labels.length !== train.length) throw new InputError('labels', `${labels.length} label${labels.length === 1 ? '' : 's'} for ${train.length} training point${train.length === 1 ? '' : 's'}; give one label per point`);
  if (labels.some((l) => l.trim() === '')) throw new InputError('labels', 'a label is empty');
  if (query.length !== dim) throw new InputError('query', `the query has ${query.length} coordinate${query.length === 1 ? '' : 's'} but the training points have ${dim}`);
  if (!(Number.isInteger(k) && k >= 1)) throw new InputError('k', `k must be a positive integer, got ${k}`);
  if (k > train.length) throw new InputError('k', `k = ${k} but there are only ${train.length} training points`);

  const measured = train.map((point, index) => ({ index, point, label: labels[index]!, distance: distance(point, query, metric) }));
  const order = [...measured].sort((a, b) => a.distance - b.distance || a.index - b.index);
  const rankOf = new Map(order.map((p, i) => [p.index, i + 1]));
  const points: KnnPoint[] = measured.map((p) => ({ ...p, rank: rankOf.get(p.index)! }));
  const byRank = order.map((p) => points[p.index]!);
  const nearest = byRank.slice(0, k);
  const kth = nearest[k - 1]!.distance;
  const boundaryTies = byRank.slice(k).filter((p) => p.distance === kth);

  const tally = new Map<string, KnnVote>();
  for (const p of nearest) {
    const v = tally.get(p.label);
    if (v) v.count++;
    else tally.set(p.label, { label: p.label, count: 1, nearestRank: p.rank });
  }
  const votes = [...tally.values()].sort((a, b) => b.count - a.count || a.nearestRank - b.nearestRank);
  const top = votes[0]!.count;
  const tiedVotes = votes.filter((v) => v.count === top);
  const winner = tie === 'nearest'
    ? tiedVotes.reduce((best, v) => (v.nearestRank < best.nearestRank ? v : best))
    : tiedVotes.reduce((best, v) => (compareLabels(v.label, best.label, labels) < 0 ? v : best));
  const tied = tiedVotes.map((v) => v.label).sort((a, b) => compareLabels(a, b, labels));
  return { k, metric, tie, points, nearest, votes, tied, prediction: winner.label, boundaryTies };
}

/** "√((1−2)² + (2−3)²) = √2 = 1.41421" or "|1−2| + |2−3| = 2". */
export function distanceSteps(a: readonly number[], b: readonly number[], metric: Metric): string {
  const parts = a.map((ai, i) => `${fmtNum(ai)}−${fmtNum(b[i]!)}`.replace('−-', '+'));
  const d = distance(a, b, metric);
  if (metric === 'l1') return `${parts.map((p) => `|${p}|`).join(' + ')} = ${fmtNum(d)}`;
  const sq = squaredL2(a, b);
  return `√(${parts.map((p) => `(${p})²`).join(' + ')}) = √${fmtNum(sq)} = ${fmtNum(d)}`;
}

const pt = (p: readonly number[]) => `(${p.map((v) => fmtNum(v)).join(', ')})`;

/** Every distance, the k nearest, the vote and its tie rule, and the notes' warning about pixel distances. */
export function explainKnn(r: KnnResult, query: readonly number[]): Worked {
  const wb = new WorkedBuilder(`k-nearest neighbours: k = ${r.k}, ${r.metric.toUpperCase()} distance, query ${pt(query)}`);
  wb.formula(r.metric === 'l1' ? 'd₁(x, q) = Σ_p |x_p − q_p|' : 'd₂(x, q) = √(Σ_p (x_p − q_p)²)');
  wb.heading('Distances to every training point');
  for (const p of r.points) {
    wb.step(`#${p.index + 1} ${pt(p.point)} label ${p.label}: ${distanceSteps(p.point, query, r.metric)}   (rank ${p.rank})`);
  }
  wb.heading(`The ${r.k} nearest`);
  wb.step(r.nearest.map((p) => `#${p.index + 1} (label ${p.label}, d = ${fmtNum(p.distance)})`).join(', '));
  if (r.boundaryTies.length > 0) {
    wb.warn(`${r.boundaryTies.map((p) => `#${p.index + 1}`).join(', ')} ${r.boundaryTies.length === 1 ? 'is' : 'are'} as close as the ${r.k}-th neighbour (d = ${fmtNum(r.nearest[r.k - 1]!.distance)}) but left out: ties in distance are broken by training order.`);
  }
  wb.heading('Vote');
  wb.step(r.votes.map((v) => `label ${v.label}: ${v.count}`).join(', '));
  if (r.tied.length > 1) {
    wb.warn(`A tie between labels ${r.tied.join(', ')}.`);
    wb.note(r.tie === 'smallest'
      ? 'Rule: the smallest label wins (CS231n assignment 1; sklearn KNeighborsClassifier does the same). --tie nearest picks the class of the nearest neighbour instead.'
      : 'Rule (--tie nearest): the tied class with the nearest neighbour wins. CS231n and sklearn pick the smallest label instead.');
  }
  wb.result(`prediction: ${r.prediction}`);
  wb.heading('Why raw pixel distances are a poor similarity (the notes)');
  wb.note('Not robust: a shifted, a darkened and a partly occluded copy of an image can all have the same L2 distance to the original,');
  wb.note('although a person sees the same object in each; pixel distances measure background and colour, not meaning (the semantic gap).');
  if (r.k === 1) wb.note('k = 1 follows every outlier; a larger k smooths the decision but leaves regions with no clear winner (the notes).');
  return wb.build();
}

const SLIP = {
  noSqrt: msg((sq: string, right: string) => `looks like the square root was left out: Σ(x_p − q_p)² = ${sq}; the L2 distance is √${sq} = ${right}`,
    (sq, right) => `看起来漏了开平方：Σ(x_p − q_p)² = ${sq}；L2 距离是 √${sq} = ${right}`),
  metric: msg((used: string, slipped: string, asked: string, right: string) => `looks like the ${used} distance was used: ${slipped}; the question asks for ${asked}: ${right}`,
    (used, slipped, asked, right) => `看起来用了 ${used} 距离：${slipped}；题目要的是 ${asked}：${right}`),
  voteMetric: msg((used: string, slipped: string, asked: string, right: string) => `looks like the ${used} distance was used: its nearest neighbours vote ${slipped}; with ${asked} they vote ${right}`,
    (used, slipped, asked, right) => `看起来用了 ${used} 距离：按它选出的近邻投票得 ${slipped}；按 ${asked} 投票得 ${right}`),
  nearestOnly: msg((slipped: string, k: number, right: string) => `looks like only the nearest neighbour was asked: its class is ${slipped}; the vote of the k = ${k} nearest gives ${right}`,
    (slipped, k, right) => `看起来只看了最近的一个邻居：它的类别是 ${slipped}；k = ${k} 个近邻投票得 ${right}`),
};

const otherMetric = (m: Metric): Metric => (m === 'l1' ? 'l2' : 'l1');
const metricName = (m: Metric): string => m.toUpperCase();

/** One distance of a k-NN problem: a training point, the query and the metric asked. */
export interface KnnDistanceSlipInput {
  point: readonly number[];
  query: readonly number[];
  metric: Metric;
}

/** The slips of one distance. */
export const knnDistanceSlips: readonly SlipDef<KnnDistanceSlipInput>[] = [
  {
    id: 'l2-without-sqrt',
    value: ({ point, query, metric }) => (metric === 'l2' ? squaredL2(point, query) : undefined),
    text: ({ point, query }, v) => SLIP.noSqrt(fmtNum(v as number), fmtNum(distance(point, query, 'l2'))),
  },
  {
    id: 'knn-wrong-metric',
    value: ({ point, query, metric }) => distance(point, query, otherMetric(metric)),
    text: ({ point, query, metric }, v) => SLIP.metric(metricName(otherMetric(metric)), fmtNum(v as number), metricName(metric), fmtNum(distance(point, query, metric))),
  },
];

/** A k-NN run: what was asked and what it gave. */
export interface KnnSlipInput {
  spec: KnnSpec;
  r: KnnResult;
}

/**
 * Slips of a prediction, when the labels are numbers (a class number is
 * what a slip value can hold): the vote with the other distance, and the
 * nearest neighbour's class alone.
 */
export const knnPredictionSlips: readonly SlipDef<KnnSlipInput>[] = [
  {
    id: 'knn-wrong-metric',
    value: ({ spec, r }) => (numericLabels(spec.labels) ? Number(knn({ ...spec, metric: otherMetric(r.metric) }).prediction) : undefined),
    text: ({ r }, v) => SLIP.voteMetric(metricName(otherMetric(r.metric)), String(v), metricName(r.metric), r.prediction),
  },
  {
    id: 'knn-nearest-only',
    value: ({ spec, r }) => (r.k > 1 && numericLabels(spec.labels) ? Number(r.nearest[0]!.label) : undefined),
    text: ({ r }, v) => SLIP.nearestOnly(String(v), r.k, r.prediction),
  },
];

function numericLabels(labels: readonly string[]): boolean {
  return labels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
}
