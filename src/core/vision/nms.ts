/**
 * Non-maximum suppression, step by step, exactly as torchvision.ops.nms
 * (csrc/ops/cpu/nms_kernel.cpp): sort by score, highest first; keep the
 * first box not yet suppressed and suppress every later box whose IoU with
 * it is greater than the threshold (strictly: IoU = threshold survives).
 * The result is the kept indices into the input, in decreasing score order.
 * With labels it is torchvision.ops.batched_nms: boxes of different classes
 * never suppress each other.
 */
import { InputError } from '../errors';
import { fmtNum } from '../format';
import type { SlipDef } from '../slips';
import { bi, joinText, msg, type Bi, type Text } from '../text';
import { WorkedBuilder, type Worked } from '../worked';
import { boxIou, toCorners, type Box, type BoxFormat } from './boxes';
import { wrapTerms } from './lines';

const f = (x: number): string => fmtNum(x, 4);

const M = {
  threshold: msg((got: number) => `the IoU threshold must be between 0 and 1, got ${fmtNum(got)}`, (got) => `IoU 阈值必须在 0 到 1 之间，收到 ${fmtNum(got)}`),
  lengths: msg((boxes: number, scores: number) => `${boxes} boxes but ${scores} scores; give one score per box`,
    (boxes, scores) => `${boxes} 个框但有 ${scores} 个分数；每个框需要一个分数`),
  labels: msg((boxes: number, labels: number) => `${boxes} boxes but ${labels} labels; give one class label per box`,
    (boxes, labels) => `${boxes} 个框但有 ${labels} 个类别标签；每个框需要一个标签`),
  title: bi('Non-maximum suppression (torchvision.ops.nms)', '非极大值抑制（torchvision.ops.nms）'),
  titleBatched: bi('Per-class non-maximum suppression (torchvision.ops.batched_nms)', '按类别的非极大值抑制（torchvision.ops.batched_nms）'),
  sort: bi('Sort by score, highest first', '按分数从高到低排序'),
  ties: bi('Equal scores keep their input order here; torch does not promise an order for ties.', '分数相同时这里按输入顺序排列；torch 不保证相同分数的顺序。'),
  rule: msg((t: string) => `Take the highest box left, keep it, and remove every later box with IoU > ${t} with it; repeat.`,
    (t) => `取剩下分数最高的框保留，删除后面与它 IoU > ${t} 的框；重复。`),
  classHeading: msg((label: number, n: number) => `Class ${label} (${n} ${n === 1 ? 'box' : 'boxes'})`, (label, n) => `类别 ${label}（${n} 个框）`),
  keep: msg((i: number, score: string) => `keep #${i} (score ${score})`, (i, score) => `保留 #${i}（分数 ${score}）`),
  removes: msg((j: number, v: string, t: string) => `#${j}: IoU ${v} > ${t}, removed`, (j, v, t) => `#${j}：IoU ${v} > ${t}，删除`),
  stays: msg((j: number, v: string, t: string) => `#${j}: IoU ${v} ≤ ${t}, stays`, (j, v, t) => `#${j}：IoU ${v} ≤ ${t}，保留到下一轮`),
  skipped: msg((j: number, by: number) => `#${j} was removed by #${by}: skipped`, (j, by) => `#${j} 已被 #${by} 删除：跳过`),
  nothingLeft: bi('no boxes left to compare', '后面没有框了'),
  keptWhat: bi('Indices into the input, from 0, in decreasing score order (what torchvision returns).', '输入中的下标，从 0 开始，按分数从高到低排列（torchvision 的返回值）。'),
  count: msg((n: number, total: number) => `${n} of ${total} boxes kept`, (n, total) => `${total} 个框中保留 ${n} 个`),
  batchedNote: bi('batched_nms never compares boxes of different classes (it offsets each class far away, then runs one NMS).',
    'batched_nms 不比较不同类别的框（它把每个类别平移到很远的地方，再做一次 NMS）。'),
  tie: msg((t: string) => `An IoU equals the threshold ${t} here: it stays (only IoU > ${t} is removed). torchvision computes in float32, whose rounding can tip such a tie either way.`,
    (t) => `这里有 IoU 恰好等于阈值 ${t}：保留（只删除 IoU > ${t} 的框）。torchvision 用 float32 计算，舍入误差可能让这种相等的情况偏向任一边。`),
  removedOnly: bi('A removed box never removes others: each box is compared only with boxes that were kept.', '被删除的框不会再删除别的框：每个框只和已保留的框比较。'),
};

export interface NmsSpec {
  boxes: readonly (readonly number[])[];
  scores: readonly number[];
  /** Boxes with IoU > iou are suppressed. */
  iou: number;
  format?: BoxFormat;
  /** Class labels: per-class NMS (batched_nms) when given. */
  labels?: readonly number[];
}

export interface NmsComparison {
  j: number;
  iou: number;
  removed: boolean;
}

/** One kept box and what it did to the boxes after it. */
export interface NmsStep {
  keep: number;
  /** Later boxes still in play, with their IoU with the kept box. */
  compared: NmsComparison[];
  /** Later boxes already removed by an earlier kept box: [box, removed by]. */
  skipped: Array<[number, number]>;
}

export interface NmsGroup {
  /** The class, or null for plain NMS. */
  label: number | null;
  /** Indices of this group, sorted by score (stable). */
  order: number[];
  steps: NmsStep[];
}

export interface NmsResult {
  threshold: number;
  boxes: Box[];
  scores: number[];
  labels: number[] | null;
  /** All indices sorted by score, highest first (ties in input order). */
  order: number[];
  groups: NmsGroup[];
  /** Kept indices in decreasing score order: torchvision's return value. */
  keep: number[];
  /** For each box: the kept box that removed it, or null when kept. */
  removedBy: Array<number | null>;
}

function sortByScore(indices: readonly number[], scores: readonly number[]): number[] {
  return [...indices].sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/** Greedy NMS over `order`: returns the steps and who removed whom. */
function greedy(order: readonly number[], boxes: readonly Box[], thr: number, removedBy: Array<number | null>, strictGt = true): NmsStep[] {
  const steps: NmsStep[] = [];
  for (let a = 0; a < order.length; a++) {
    const i = order[a]!;
    if (removedBy[i] !== null) continue;
    const step: NmsStep = { keep: i, compared: [], skipped: [] };
    for (let b = a + 1; b < order.length; b++) {
      const j = order[b]!;
      if (removedBy[j] !== null) {
        step.skipped.push([j, removedBy[j]!]);
        continue;
      }
      const v = boxIou(boxes[i]!, boxes[j]!);
      const removed = strictGt ? v > thr : v >= thr;
      if (removed) removedBy[j] = i;
      step.compared.push({ j, iou: v, removed });
    }
    steps.push(step);
  }
  return steps;
}

function validate(spec: NmsSpec): { boxes: Box[]; labels: number[] | null } {
  if (!(spec.iou >= 0 && spec.iou <= 1)) throw new InputError('iou', M.threshold(spec.iou));
  if (spec.scores.length !== spec.boxes.length) throw new InputError('scores', M.lengths(spec.boxes.length, spec.scores.length));
  if (spec.labels && spec.labels.length !== spec.boxes.length) throw new InputError('labels', M.labels(spec.boxes.length, spec.labels.length));
  const boxes = spec.boxes.map((b, i) => toCorners(b, spec.format ?? 'xyxy', String(i), 'boxes', false, true));
  return { boxes, labels: spec.labels ? [...spec.labels] : null };
}

/** torchvision.ops.nms (or batched_nms with labels), with every comparison recorded. */
export function nms(spec: NmsSpec): NmsResult {
  const { boxes, labels } = validate(spec);
  const scores = [...spec.scores];
  const all = boxes.map((_, i) => i);
  const order = sortByScore(all, scores);
  const removedBy: Array<number | null> = all.map(() => null);
  const classes = labels ? [...new Set(order.map((i) => labels[i]!))] : [null];
  const groups: NmsGroup[] = classes.map((label) => {
    const mine = label === null ? order : order.filter((i) => labels![i] === label);
    return { label, order: mine, steps: greedy(mine, boxes, spec.iou, removedBy) };
  });
  const keep = order.filter((i) => removedBy[i] === null);
  return { threshold: spec.iou, boxes, scores, labels, order, groups, keep, removedBy };
}

/** The worked solution: the sorted list, then each kept box and the boxes it removes. */
export function explainNms(r: NmsResult): Worked {
  const wb = new WorkedBuilder(r.labels ? M.titleBatched : M.title);
  const t = fmtNum(r.threshold);
  wb.heading(M.sort);
  for (const line of wrapTerms('', r.order.map((i) => `#${i} ${f(r.scores[i]!)}${r.labels ? ` (c${r.labels[i]})` : ''}`), ' > ', '> ')) wb.step(line);
  if (new Set(r.scores).size < r.scores.length) wb.note(M.ties);
  wb.note(M.rule(t));
  for (const g of r.groups) {
    if (g.label !== null) wb.heading(M.classHeading(g.label, g.order.length));
    for (const s of g.steps) {
      wb.formula(M.keep(s.keep, f(r.scores[s.keep]!)));
      const lines: Text[] = [
        ...s.compared.map((c) => (c.removed ? M.removes(c.j, f(c.iou), t) : M.stays(c.j, f(c.iou), t))),
        ...s.skipped.map(([j, by]) => M.skipped(j, by)),
      ];
      if (lines.length === 0) wb.step(M.nothingLeft);
      for (const line of lines) wb.step(line);
    }
  }
  if (r.groups.some((g) => g.steps.some((s) => s.skipped.length > 0))) wb.note(M.removedOnly);
  if (thresholdTie(r)) wb.warn(M.tie(t));
  wb.result(`keep = [${r.keep.join(', ')}]`);
  wb.note(M.keptWhat);
  wb.note(M.count(r.keep.length, r.boxes.length));
  if (r.labels) wb.note(M.batchedNote);
  return wb.build();
}

/** Whether a compared IoU is (within rounding) the threshold itself, where float32 and double may disagree. */
export function thresholdTie(r: NmsResult): boolean {
  return r.groups.some((g) => g.steps.some((s) => s.compared.some((c) => Math.abs(c.iou - r.threshold) < 1e-6)));
}

/** Kept indices as a student may list them: in score order, or ascending. */
export function keepOrders(keep: readonly number[]): number[][] {
  const sorted = [...keep].sort((a, b) => a - b);
  return sorted.join() === keep.join() ? [[...keep]] : [[...keep], sorted];
}

/** What NMS keeps when a step is done wrong (for slips). */
function variant(r: NmsResult, how: 'unsorted' | 'removed-remove' | 'inclusive' | 'one-class'): number[] {
  const all = r.boxes.map((_, i) => i);
  const groupsOf = (order: number[]): number[][] =>
    r.labels && how !== 'one-class' ? [...new Set(order.map((i) => r.labels![i]!))].map((c) => order.filter((i) => r.labels![i] === c)) : [order];
  const removed: Array<number | null> = all.map(() => null);
  if (how === 'removed-remove') {
    // Every higher box, kept or not, removes the boxes it overlaps.
    for (const order of groupsOf(r.order)) {
      order.forEach((j, b) => {
        if (order.slice(0, b).some((i) => boxIou(r.boxes[i]!, r.boxes[j]!) > r.threshold)) removed[j] = -1;
      });
    }
    return r.order.filter((i) => removed[i] === null);
  }
  const base = how === 'unsorted' ? all : r.order;
  for (const order of groupsOf(base)) greedy(order, r.boxes, r.threshold, removed, how !== 'inclusive');
  return base.filter((i) => removed[i] === null);
}

const SLIP = {
  unsorted: msg((slipped: string, right: string) => `looks like the boxes were taken in input order, without sorting by score first: that keeps [${slipped}]; sorted, NMS keeps [${right}]`,
    (slipped, right) => `看起来没有先按分数排序，而是按输入顺序处理：那样保留 [${slipped}]；排序后 NMS 保留 [${right}]`),
  removedRemove: msg((slipped: string, right: string) => `looks like removed boxes still removed others: that keeps [${slipped}]; only kept boxes suppress, so NMS keeps [${right}]`,
    (slipped, right) => `看起来被删除的框还在删除别的框：那样保留 [${slipped}]；只有保留下来的框才会抑制别的框，所以 NMS 保留 [${right}]`),
  inclusive: msg((slipped: string, t: string, right: string) => `looks like IoU = ${t} was suppressed too: that keeps [${slipped}]; torchvision removes only IoU > ${t}: [${right}]`,
    (slipped, t, right) => `看起来 IoU 恰好等于 ${t} 的框也被删除了：那样保留 [${slipped}]；torchvision 只删除 IoU > ${t} 的框：[${right}]`),
  oneClass: msg((slipped: string, right: string) => `looks like boxes of different classes suppressed each other: that keeps [${slipped}]; per class, NMS keeps [${right}]`,
    (slipped, right) => `看起来不同类别的框也互相抑制了：那样保留 [${slipped}]；按类别做 NMS 保留 [${right}]`),
  oneBased: msg((slipped: string, right: string) => `looks like the boxes were counted from 1: [${slipped}]; torchvision's indices start at 0: [${right}]`,
    (slipped, right) => `看起来下标从 1 开始数了：[${slipped}]；torchvision 的下标从 0 开始：[${right}]`),
};

/** "<what went wrong>: 3 boxes; NMS keeps 2". */
function countText(what: Bi, slipped: number, right: number): Bi {
  return { en: `${what.en}: ${slipped} boxes; NMS keeps ${right}`, zh: `${what.zh}：${slipped} 个框；NMS 保留 ${right} 个` };
}

const COUNT_WHAT = {
  unsorted: bi('looks like the boxes were not sorted by score first', '看起来没有先按分数排序'),
  'removed-remove': bi('looks like removed boxes still removed others', '看起来被删除的框还在删除别的框'),
  inclusive: bi('looks like IoU equal to the threshold was suppressed too', '看起来 IoU 等于阈值的框也被删除了'),
  'one-class': bi('looks like boxes of different classes suppressed each other', '看起来不同类别的框也互相抑制了'),
};

const ids = (xs: readonly number[]): string => xs.join(', ');

/** Slips of the kept set (a tuple of indices) and of the number kept. */
export const nmsSlips: { keep: readonly SlipDef<NmsResult>[]; count: readonly SlipDef<NmsResult>[] } = {
  keep: [
    { id: 'nms-unsorted', value: (r) => keepOrders(variant(r, 'unsorted')), text: (r) => SLIP.unsorted(ids(variant(r, 'unsorted')), ids(r.keep)) },
    { id: 'nms-removed-box-suppresses', value: (r) => keepOrders(variant(r, 'removed-remove')), text: (r) => SLIP.removedRemove(ids(variant(r, 'removed-remove')), ids(r.keep)) },
    { id: 'nms-threshold-inclusive', value: (r) => keepOrders(variant(r, 'inclusive')), text: (r) => SLIP.inclusive(ids(variant(r, 'inclusive')), fmtNum(r.threshold), ids(r.keep)) },
    { id: 'nms-across-classes', value: (r) => (r.labels ? keepOrders(variant(r, 'one-class')) : undefined), text: (r) => SLIP.oneClass(ids(variant(r, 'one-class')), ids(r.keep)) },
    { id: 'index-from-one', value: (r) => keepOrders(r.keep.map((i) => i + 1)), text: (r) => SLIP.oneBased(ids(r.keep.map((i) => i + 1)), ids(r.keep)) },
  ],
  count: (['unsorted', 'removed-remove', 'inclusive', 'one-class'] as const).map((how) => ({
    id: ({ unsorted: 'nms-unsorted', 'removed-remove': 'nms-removed-box-suppresses', inclusive: 'nms-threshold-inclusive', 'one-class': 'nms-across-classes' } as const)[how],
    value: (r: NmsResult) => (how === 'one-class' && !r.labels ? undefined : variant(r, how).length),
    text: (r: NmsResult, v: number | number[][]) => countText(COUNT_WHAT[how], v as number, r.keep.length),
  })),
};

/** "#0, #2" for prompts. */
export function indexList(xs: readonly number[]): Text {
  return joinText(xs.map((i) => `#${i}`), bi(', ', '、'));
}
