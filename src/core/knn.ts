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
import { bi, joinText, msg, ordinal } from './text';
import { WorkedBuilder, type Worked } from './worked';

/** The texts of k-NN, in both languages. */
const M = {
  noTrain: bi('no training points given', '没有给出训练点'),
  coordinates: msg((i: number, n: number, dim: number) => `point ${i} has ${n} coordinate${n === 1 ? '' : 's'} but point 1 has ${dim}`, (i, n, dim) => `点 ${i} 有 ${n} 个坐标，而点 1 有 ${dim} 个`),
  labelCount: msg((labels: number, points: number) => `${labels} label${labels === 1 ? '' : 's'} for ${points} training point${points === 1 ? '' : 's'}; give one label per point`,
    (labels, points) => `${points} 个训练点却有 ${labels} 个标签；每个点给一个标签`),
  emptyLabel: bi('a label is empty', '有一个标签为空'),
  query: msg((n: number, dim: number) => `the query has ${n} coordinate${n === 1 ? '' : 's'} but the training points have ${dim}`, (n, dim) => `查询点有 ${n} 个坐标，而训练点有 ${dim} 个`),
  k: msg((k: number) => `k must be a positive integer, got ${k}`, (k) => `k 必须是正整数，收到 ${k}`),
  tooFew: msg((k: number, n: number) => `k = ${k} but there are only ${n} training point${n === 1 ? '' : 's'}`, (k, n) => `k = ${k}，但只有 ${n} 个训练点`),
  title: msg((k: number, metric: string, query: string) => `k-nearest neighbours: k = ${k}, ${metric} distance, query ${query}`, (k, metric, query) => `k 近邻：k = ${k}，${metric} 距离，查询点 ${query}`),
  distances: bi('Distances to every training point', '到每个训练点的距离'),
  distance: msg((i: number, point: string, label: string, steps: string, rank: number) => `#${i} ${point} label ${label}: ${steps}   (rank ${rank})`,
    (i, point, label, steps, rank) => `#${i} ${point} 标签 ${label}：${steps}   （排名 ${rank}）`),
  nearest: msg((k: number) => (k === 1 ? 'The nearest' : `The ${k} nearest`), (k) => `最近的 ${k} 个`),
  neighbour: msg((i: number, label: string, d: string) => `#${i} (label ${label}, d = ${d})`, (i, label, d) => `#${i}（标签 ${label}，d = ${d}）`),
  boundary: msg((list: string, one: boolean, k: number, d: string) => `${list} ${one ? 'is' : 'are'} as close as the ${ordinal(k)} neighbour (d = ${d}) but left out: ties in distance are broken by training order.`,
    (list, _one, k, d) => `${list} 与第 ${k} 个近邻一样近（d = ${d}），但没有被选中：距离相同时按训练集中的顺序取。`),
  vote: bi('Vote', '投票'),
  votes: msg((label: string, count: number) => `label ${label}: ${count}`, (label, count) => `标签 ${label}：${count} 票`),
  tie: msg((labels: string) => `A tie between labels ${labels}.`, (labels) => `标签 ${labels} 票数相同。`),
  smallest: bi('Rule: the smallest label wins (CS231n assignment 1; sklearn KNeighborsClassifier does the same). --tie nearest picks the class of the nearest neighbour instead.',
    '规则：取最小的标签（CS231n 作业 1；sklearn 的 KNeighborsClassifier 也是如此）。--tie nearest 改为取最近邻居的类别。'),
  nearestRule: bi('Rule (--tie nearest): the tied class with the nearest neighbour wins. CS231n and sklearn pick the smallest label instead.',
    '规则（--tie nearest）：票数相同的类别中，邻居离得最近的那个获胜。CS231n 和 sklearn 则取最小的标签。'),
  prediction: msg((p: string) => `prediction: ${p}`, (p) => `预测：${p}`),
  why: bi('Why raw pixel distances are a poor similarity (the notes)', '为什么原始像素距离不适合衡量相似度（笔记）'),
  robust1: bi('Not robust: a shifted, a darkened and a partly occluded copy of an image can all have the same L2 distance to the original,',
    '不具备鲁棒性：把一张图像平移、调暗或部分遮挡后，与原图的 L2 距离可能都一样，'),
  robust2: bi('although a person sees the same object in each; pixel distances measure background and colour, not meaning (the semantic gap).',
    '但人看到的是同一个物体；像素距离衡量的是背景和颜色，而不是语义（语义鸿沟）。'),
  kOne: bi('k = 1 follows every outlier; a larger k smooths the decision but leaves regions with no clear winner (the notes).', 'k = 1 会被每个离群点左右；k 更大时决策更平滑，但会留下没有明确胜者的空白区域（笔记）。'),
};

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
  if (train.length === 0 || train[0]!.length === 0) throw new InputError('train', M.noTrain);
  const dim = train[0]!.length;
  train.forEach((p, i) => {
    if (p.length !== dim) throw new InputError('train', M.coordinates(i + 1, p.length, dim));
  });
  if (labels.length !== train.length) throw new InputError('labels', M.labelCount(labels.length, train.length));
  if (labels.some((l) => l.trim() === '')) throw new InputError('labels', M.emptyLabel);
  if (query.length !== dim) throw new InputError('query', M.query(query.length, dim));
  if (!(Number.isInteger(k) && k >= 1)) throw new InputError('k', M.k(k));
  if (k > train.length) throw new InputError('k', M.tooFew(k, train.length));

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
  const wb = new WorkedBuilder(M.title(r.k, r.metric.toUpperCase(), pt(query)));
  wb.formula(r.metric === 'l1' ? 'd₁(x, q) = Σ_p |x_p − q_p|' : 'd₂(x, q) = √(Σ_p (x_p − q_p)²)');
  wb.heading(M.distances);
  for (const p of r.points) {
    wb.step(M.distance(p.index + 1, pt(p.point), p.label, distanceSteps(p.point, query, r.metric), p.rank));
  }
  const comma = bi(', ', '，');
  wb.heading(M.nearest(r.k));
  wb.step(joinText(r.nearest.map((p) => M.neighbour(p.index + 1, p.label, fmtNum(p.distance))), comma));
  if (r.boundaryTies.length > 0) {
    wb.warn(M.boundary(r.boundaryTies.map((p) => `#${p.index + 1}`).join(', '), r.boundaryTies.length === 1, r.k, fmtNum(r.nearest[r.k - 1]!.distance)));
  }
  wb.heading(M.vote);
  wb.step(joinText(r.votes.map((v) => M.votes(v.label, v.count)), comma));
  if (r.tied.length > 1) {
    wb.warn(M.tie(r.tied.join(', ')));
    wb.note(r.tie === 'smallest' ? M.smallest : M.nearestRule);
  }
  wb.result(M.prediction(r.prediction));
  wb.heading(M.why);
  wb.note(M.robust1);
  wb.note(M.robust2);
  if (r.k === 1) wb.note(M.kOne);
  return wb.build();
}
