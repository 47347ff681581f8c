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
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += metric === 'l1' ? Math.abs(d) : d * d;
  }
  return metric === 'l1' ? s : Math.sqrt(s);
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
  const sq = a.reduce((s, ai, i) => s + (ai - b[i]!) ** 2, 0);
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
