/** dlnotes knn: k-nearest-neighbour classification of one point, worked. */
import type { Quantity } from '../core/check';
import { explainKnn, knn, type KnnResult, type Metric, type TieRule } from '../core/knn';
import { tidyDeep } from '../core/numlist';
import { bi, msg } from '../core/text';
import { UsageError } from '../errors';
import { choiceFlag, intFlag, matrixFlag, numListFlag, requiredFlag, withFlags } from './flags';
import { emit, type Outcome } from './output';

/** The texts of this command, in both languages. */
const M = {
  labels: bi('one label per training point, e.g. --labels 0,0,1', '每个训练点一个标签，例如 --labels 0,0,1'),
  emptyLabels: bi('--labels: the list is empty', '--labels：列表为空'),
  train: bi('training points, rows separated by ";", e.g. --train "1,2; 3,4; 5,1"', '训练点，各行用 ";" 分隔，例如 --train "1,2; 3,4; 5,1"'),
  query: bi('the point to classify, e.g. --query 2,3', '要分类的点，例如 --query 2,3'),
  prediction: bi('prediction', '预测'),
  distanceTo: msg((i: number) => `distance to #${i}`, (i) => `到 #${i} 的距离`),
};

export interface KnnFlags {
  train?: string; labels?: string; query?: string; k?: string;
  metric?: string; tie?: string; json?: boolean; answer?: string;
}

function readLabels(raw: string | undefined): string[] {
  if (raw === undefined) throw requiredFlag('labels', M.labels);
  const labels = String(raw).trim().replace(/^\[|\]$/g, '').split(/\s*,\s*/);
  if (labels.length === 1 && labels[0] === '') throw new UsageError(M.emptyLabels, 'labels');
  return labels;
}

/** The prediction (a label) and the distances (d1, d2, ...) as checkable quantities. */
export function knnQuantities(r: KnnResult): Record<string, Quantity> {
  return {
    prediction: { label: M.prediction, expected: r.prediction, aliases: ['label', 'class', 'pred', 'y'] },
    ...Object.fromEntries(r.points.map((p) => [`d${p.index + 1}`, { label: M.distanceTo(p.index + 1), expected: p.distance, aliases: [`d_${p.index + 1}`] }])),
  };
}

export function knnJson(r: KnnResult): Record<string, unknown> {
  return tidyDeep({
    prediction: r.prediction, k: r.k, metric: r.metric, tie_rule: r.tie,
    distances: r.points.map((p) => ({ index: p.index + 1, point: p.point, label: p.label, distance: p.distance, rank: p.rank })),
    nearest: r.nearest.map((p) => p.index + 1),
    votes: Object.fromEntries(r.votes.map((v) => [v.label, v.count])),
    tied: r.tied.length > 1 ? r.tied : [],
    boundary_ties: r.boundaryTies.map((p) => p.index + 1),
  });
}

/** One `knn` run: shared by the command and the homework checker. */
export function computeKnn(o: KnnFlags): Outcome {
  const train = matrixFlag('train', o.train);
  if (train === undefined) throw requiredFlag('train', M.train);
  const labels = readLabels(o.labels);
  const query = numListFlag('query', o.query);
  if (query === undefined) throw requiredFlag('query', M.query);
  const k = intFlag('k', o.k, { min: 1 }) ?? 1;
  const metric = choiceFlag<Metric>('metric', o.metric, ['l1', 'l2']) ?? 'l2';
  const tie = choiceFlag<TieRule>('tie', o.tie, ['smallest', 'nearest']) ?? 'smallest';
  const r = withFlags(() => knn({ train, labels, query, k, metric, tie }));
  return { data: knnJson(r), quantities: knnQuantities(r), defaultKey: 'prediction', worked: explainKnn(r, query) };
}

export async function run(o: KnnFlags): Promise<void> {
  emit(computeKnn(o), o);
}
