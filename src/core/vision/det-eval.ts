/**
 * Detection evaluation over several images and classes, as the evaluation
 * code does it: detections are matched to the ground truth of their own
 * image and class, AP is computed per class over all images, and mAP is the
 * mean over the classes.
 *
 * - VOC (py-faster-rcnn voc_eval.py, for voc07 and voc12): all detections of
 *   a class ranked by score across images (np.argsort, which keeps the file
 *   order of equal scores for lists this short); each takes the object of
 *   its image it overlaps most; IoU > t and the object free: TP; taken: FP
 *   (a duplicate); a `difficult` object: neither (ignored), and difficult
 *   objects are left out of the recall's denominator.
 * - COCO (pycocotools COCOeval.evaluateImg + accumulate): per image, at most
 *   100 detections, highest score first; each takes the free object with the
 *   highest IoU ≥ t, crowd regions last (IoU with a crowd region is
 *   intersection / detection area, and it can be matched any number of
 *   times; a detection on it is ignored). The images' detections are then
 *   ranked together by score (a stable sort: equal scores keep image order).
 *
 * A class with no ground truth to count has no AP (COCO: −1) and is left out
 * of the mean. Several IoU thresholds (COCO's .50:.05:.95) average the AP.
 */
import { InputError } from '../errors';
import { fmtNum } from '../format';
import type { SlipDef } from '../slips';
import { bi, msg, tr, txt, type Text } from '../text';
import { WorkedBuilder, type Worked } from '../worked';
import { averagePrecision, explainAp, methodName, type ApMethod, type ApResult } from './ap';
import { boxIou, type Box } from './boxes';
import type { Detection, GroundTruth } from './det-table';
import { formulaLines, wrapTerms } from './lines';
import { thresholdsName } from './map';

export type Verdict = 'tp' | 'low' | 'taken' | 'no-object' | 'ignored';

/** One detection of a class, in the ranked order of one threshold. */
export interface RankedDet {
  /** Position in the detections as given (0-based). */
  det: number;
  image: string;
  score: number;
  /** The object it was judged against (index into the ground truth as given), or null. */
  object: number | null;
  /** IoU with that object (VOC: the highest in the image), or null when the image has none of this class. */
  iou: number | null;
  verdict: Verdict;
  /** For a duplicate: the detection (as given) that took the object first. */
  takenBy?: number;
}

export interface ClassAtThreshold {
  t: number;
  ranked: RankedDet[];
  /** AP of the counted detections (ignored ones left out); null without objects to count. */
  result: ApResult | null;
}

export interface ClassEval {
  name: string;
  /** Objects counted in the recall (not difficult, not crowd). */
  npos: number;
  /** Objects left out of the count (difficult or crowd). */
  ignoredGts: number;
  dets: number;
  at: ClassAtThreshold[];
  /** Mean over the thresholds; null when there is nothing to count. */
  ap: number | null;
}

export interface EvalSpec {
  dets: readonly Detection[];
  gts: readonly GroundTruth[];
  method: ApMethod;
  /** IoU thresholds (one, or COCO's ten). */
  thresholds: readonly number[];
  pixel?: boolean;
  /** COCO's maxDets: detections kept per image and class. */
  maxDets?: number;
}

export interface EvalResult {
  method: ApMethod;
  rule: 'voc' | 'coco';
  thresholds: number[];
  pixel: boolean;
  images: string[];
  classes: ClassEval[];
  /** mAP at each threshold (over the classes that have an AP). */
  perThreshold: number[];
  map: number;
  /** Detections COCO dropped beyond maxDets in an image. */
  dropped: number;
}

const f = (x: number): string => fmtNum(x, 4);

/** Columns of CJK text count two. */
function cols(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! >= 0x1100 ? 2 : 1;
  return w;
}

const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(1, n - cols(s)));


const M = {
  threshold: msg((got: string) => `an IoU threshold must be between 0 and 1, got ${got}`, (got) => `IoU 阈值必须在 0 到 1 之间，收到 ${got}`),
  noObjects: bi('no ground-truth object to count (every one is difficult or crowd), so no class has an AP', '没有可计数的真实框（全部是 difficult 或 crowd），因此没有类别有 AP'),
  title: msg((images: number, classes: number, method: ApMethod) => `mAP over ${images} ${images === 1 ? 'image' : 'images'} and ${classes} ${classes === 1 ? 'class' : 'classes'} (${tr(methodName(method), 'en')})`,
    (images, classes, method) => `${images} 张图像、${classes} 个类别上的 mAP（${tr(methodName(method), 'zh')}）`),
  voc: msg((t: string) => `VOC (voc_eval.py): per class, all detections ranked by score across the images; each takes the object of its own image it overlaps most: IoU > ${t} and free: TP; already taken: FP (duplicate); difficult (or crowd): ignored. Recall = TP / objects that are neither.`,
    (t) => `VOC（voc_eval.py）：每个类别把所有图像的检测按分数排序；每个检测只与自己图像中的物体比较，取 IoU 最大者：IoU > ${t} 且未被占用为 TP，已被占用为 FP（重复检测），difficult（或 crowd）物体则忽略。召回率 = TP / 其余物体数。`),
  coco: msg((t: string) => `COCO (pycocotools): per image, highest score first, each detection takes the free object of its class with the highest IoU ≥ ${t} (crowd regions and difficult objects last; a match there is ignored); then the images' detections are ranked together by score. Recall = TP / objects that are neither.`,
    (t) => `COCO（pycocotools）：每张图像内按分数从高到低，每个检测在同类别、未被占用的物体中取 IoU ≥ ${t} 且最大者（crowd 区域和 difficult 物体排在最后，匹配到它们则忽略）；再把所有图像的检测按分数一起排序。召回率 = TP / 其余物体数。`),
  perClass: bi('AP per class', '各类别的 AP'),
  header: msg((w: number, multi: boolean) => `${pad('class', w)}${pad('objects', 9)}${pad('dets', 6)}${multi ? 'AP (mean over the thresholds)' : `${pad('TP', 4)}${pad('FP', 4)}AP`}`,
    (w, multi) => `${pad('类别', w)}${pad('物体数', 9)}${pad('检测', 6)}${multi ? 'AP（各阈值的平均）' : `${pad('TP', 4)}${pad('FP', 4)}AP`}`),
  noAp: bi('no AP: no objects to count; left out of the mean', '无 AP：没有可计数的物体；不计入平均'),
  ignored: msg((n: number) => `(+${n} ignored: difficult/crowd)`, (n) => `（另有 ${n} 个忽略的 difficult/crowd）`),
  matching: msg((name: string, t: string) => `Matching of class ${name} at IoU ${t}, highest score first`, (name, t) => `类别 ${name} 在 IoU ${t} 下的匹配（按分数从高到低）`),
  row: msg((rank: string, image: string, score: string) => `${rank} ${image}, score ${score}`, (rank, image, score) => `${rank} ${image}，分数 ${score}`),
  tp: msg((g: string, iou: string) => `TP: takes ${g} (IoU ${iou})`, (g, iou) => `TP：占用 ${g}（IoU ${iou}）`),
  low: msg((iou: string, cmp: string, t: string) => `FP: best IoU ${iou} ${cmp} ${t}`, (iou, cmp, t) => `FP：最大 IoU ${iou} ${cmp} ${t}`),
  lowFree: msg((t: string) => `FP: no free object with IoU ≥ ${t}`, (t) => `FP：没有 IoU ≥ ${t} 的空闲物体`),
  taken: msg((g: string, by: string) => `FP: ${g} already taken by ${by} (duplicate)`, (g, by) => `FP：${g} 已被 ${by} 占用（重复检测）`),
  noObject: bi('FP: no object of this class in the image', 'FP：该图像中没有这个类别的物体'),
  ignoredDifficult: msg((g: string, iou: string) => `ignored: matches difficult ${g} (IoU ${iou})`, (g, iou) => `忽略：匹配到 difficult 物体 ${g}（IoU ${iou}）`),
  ignoredCrowd: msg((g: string, iou: string) => `ignored: on crowd region ${g} (IoU ${iou})`, (g, iou) => `忽略：落在 crowd 区域 ${g} 上（IoU ${iou}）`),
  perT: bi('mAP at each IoU threshold', '各 IoU 阈值下的 mAP'),
  counted: bi('The AP of this class, from the counted detections (ignored ones left out):', '该类别的 AP，由计数的检测得到（忽略的不算）：'),
  classAps: msg((name: string) => `AP of ${name} at each IoU threshold`, (name) => `${name} 在各 IoU 阈值下的 AP`),
  mean: bi('mAP = mean of the classes\' APs', 'mAP = 各类别 AP 的平均'),
  left: msg((names: string) => `Left out of the mean (no objects to count): ${names}.`, (names) => `不计入平均（没有可计数的物体）：${names}。`),
  dropped: msg((n: number, max: number) => `COCO keeps at most ${max} detections per image and class: ${n} lower-scoring ${n === 1 ? 'one was' : 'ones were'} dropped.`,
    (n, max) => `COCO 每张图像每个类别最多保留 ${max} 个检测：丢弃了 ${n} 个分数较低的。`),
  other: msg((name: string) => `dlnotes ap --class ${name} shows the matching of another class.`, (name) => `用 dlnotes ap --class ${name} 查看其他类别的匹配。`),
};

/** A stable ranking by score, highest first. */
function byScore<T extends { score: number }>(xs: readonly T[]): T[] {
  return xs.map((x, i) => ({ x, i })).sort((a, b) => b.x.score - a.x.score || a.i - b.i).map((e) => e.x);
}

/** COCO's image order: np.unique of the ids (numbers numerically, else as strings). */
function imageOrder(images: readonly string[]): string[] {
  const unique = [...new Set(images)];
  const numeric = unique.every((s) => /^[+-]?\d+(\.\d+)?$/.test(s));
  return unique.sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
}

/** IoU with a crowd region is the intersection over the detection's area (maskUtils.iou with iscrowd). */
function crowdIou(d: Box, g: Box, pixel: boolean): number {
  const e = pixel ? 1 : 0;
  const iw = Math.max(Math.min(d[2], g[2]) - Math.max(d[0], g[0]) + e, 0);
  const ih = Math.max(Math.min(d[3], g[3]) - Math.max(d[1], g[1]) + e, 0);
  return (iw * ih) / ((d[2] - d[0] + e) * (d[3] - d[1] + e));
}

interface Indexed<T> { v: T; i: number }

/** An object left out of the recall: VOC's difficult, COCO's crowd (either rule treats both so). */
const ignoredGt = (g: GroundTruth): boolean => g.difficult || g.crowd;

function matchVoc(dets: Indexed<Detection>[], gts: Indexed<GroundTruth>[], t: number, pixel: boolean): RankedDet[] {
  const byImage = new Map<string, Indexed<GroundTruth>[]>();
  for (const g of gts) byImage.set(g.v.image, [...(byImage.get(g.v.image) ?? []), g]);
  const takenBy = new Map<number, number>();
  return byScore(dets.map((d) => ({ ...d, score: d.v.score }))).map((d): RankedDet => {
    const base = { det: d.i, image: d.v.image, score: d.v.score };
    const objects = byImage.get(d.v.image) ?? [];
    if (objects.length === 0) return { ...base, object: null, iou: null, verdict: 'no-object' };
    // np.argmax: the first of equal maxima, over every object of the class in the image (difficult ones too).
    let best = objects[0]!;
    let bestIou = boxIou(d.v.box, best.v.box, pixel);
    for (const g of objects.slice(1)) {
      const v = boxIou(d.v.box, g.v.box, pixel);
      if (v > bestIou) { best = g; bestIou = v; }
    }
    const at = { ...base, object: best.i, iou: bestIou };
    if (!(bestIou > t)) return { ...at, verdict: 'low' };
    if (ignoredGt(best.v)) return { ...at, verdict: 'ignored' };
    const by = takenBy.get(best.i);
    if (by !== undefined) return { ...at, verdict: 'taken', takenBy: by };
    takenBy.set(best.i, d.i);
    return { ...at, verdict: 'tp' };
  });
}

function matchCoco(dets: Indexed<Detection>[], gts: Indexed<GroundTruth>[], t: number, pixel: boolean, maxDets: number): { ranked: RankedDet[]; dropped: number } {
  const images = imageOrder(dets.map((d) => d.v.image));
  const out: RankedDet[] = [];
  let dropped = 0;
  for (const image of images) {
    const mine = byScore(dets.filter((d) => d.v.image === image).map((d) => ({ ...d, score: d.v.score })));
    dropped += Math.max(0, mine.length - maxDets);
    // Ignored objects (crowd regions; difficult ones, as a dataset converted to COCO marks them `ignore`) last: a stable sort on the flag.
    const here = gts.filter((g) => g.v.image === image);
    const objects = [...here.filter((g) => !ignoredGt(g.v)), ...here.filter((g) => ignoredGt(g.v))];
    const matched = new Set<number>();
    const takenBy = new Map<number, number>();
    for (const d of mine.slice(0, maxDets)) {
      const base = { det: d.i, image, score: d.v.score };
      if (objects.length === 0) { out.push({ ...base, object: null, iou: null, verdict: 'no-object' }); continue; }
      let iou = Math.min(t, 1 - 1e-10);
      let m: Indexed<GroundTruth> | null = null;
      let bestSeen = -Infinity;
      for (const g of objects) {
        const v = g.v.crowd ? crowdIou(d.v.box, g.v.box, pixel) : boxIou(d.v.box, g.v.box, pixel);
        if (!matched.has(g.i)) bestSeen = Math.max(bestSeen, v);
        if (matched.has(g.i) && !g.v.crowd) continue;
        if (m !== null && !ignoredGt(m.v) && ignoredGt(g.v)) break;
        if (v < iou) continue;
        iou = v;
        m = g;
      }
      if (m === null) {
        out.push({ ...base, object: null, iou: Number.isFinite(bestSeen) ? bestSeen : null, verdict: 'low' });
        continue;
      }
      if (!m.v.crowd) {
        matched.add(m.i);
        takenBy.set(m.i, d.i);
      }
      out.push({ ...base, object: m.i, iou, verdict: ignoredGt(m.v) ? 'ignored' : 'tp' });
    }
  }
  return { ranked: byScore(out), dropped };
}

/** Evaluates every class at every threshold; mAP over the classes with objects to count. */
export function evaluateDetections(spec: EvalSpec): EvalResult {
  for (const t of spec.thresholds) if (!(t >= 0 && t <= 1)) throw new InputError('iou', M.threshold(fmtNum(t)));
  const rule = spec.method === 'coco' ? 'coco' : 'voc';
  const pixel = spec.pixel === true;
  const maxDets = spec.maxDets ?? 100;
  // Classes in the order the ground truth names them, then classes only detected.
  const names = [...new Set([...spec.gts.map((g) => g.cls), ...spec.dets.map((d) => d.cls)])];
  let dropped = 0;
  const classes = names.map((name): ClassEval => {
    const dets = spec.dets.map((v, i) => ({ v, i })).filter((d) => d.v.cls === name);
    const gts = spec.gts.map((v, i) => ({ v, i })).filter((g) => g.v.cls === name);
    const npos = gts.filter((g) => !ignoredGt(g.v)).length;
    const at = spec.thresholds.map((t): ClassAtThreshold => {
      let ranked: RankedDet[];
      if (rule === 'voc') ranked = matchVoc(dets, gts, t, pixel);
      else {
        const r = matchCoco(dets, gts, t, pixel, maxDets);
        ranked = r.ranked;
        if (t === spec.thresholds[0]) dropped += r.dropped;
      }
      const counted = ranked.filter((r) => r.verdict !== 'ignored');
      const result = npos === 0 ? null : averagePrecision({ tp: counted.map((r) => r.verdict === 'tp'), scores: counted.map((r) => r.score), npos, method: spec.method });
      return { t, ranked, result };
    });
    const ap = npos === 0 ? null : at.reduce((s, x) => s + x.result!.ap, 0) / at.length;
    return { name, npos, ignoredGts: gts.length - npos, dets: dets.length, at, ap };
  });
  const scored = classes.filter((c) => c.ap !== null);
  if (scored.length === 0) throw new InputError('gts', M.noObjects);
  const perThreshold = spec.thresholds.map((_, k) => scored.reduce((s, c) => s + c.at[k]!.result!.ap, 0) / scored.length);
  const map = scored.reduce((s, c) => s + c.ap!, 0) / scored.length;
  const images = [...new Set([...spec.gts.map((g) => g.image), ...spec.dets.map((d) => d.image)])];
  return { method: spec.method, rule, thresholds: [...spec.thresholds], pixel, images, classes, perThreshold, map, dropped };
}

/** An object by its row in the ground truth, a detection by its row in the detections (1-based). */
const objName = (i: number): string => `g${i + 1}`;
const detName = (i: number): string => `d${i + 1}`;

function verdictText(r: RankedDet, t: number, rule: 'voc' | 'coco', gts: readonly GroundTruth[]): Text {
  const iou = r.iou === null ? '—' : f(r.iou);
  const ts = fmtNum(t);
  switch (r.verdict) {
    case 'tp': return M.tp(objName(r.object!), iou);
    case 'no-object': return M.noObject;
    case 'ignored': return gts[r.object!]!.crowd ? M.ignoredCrowd(objName(r.object!), iou) : M.ignoredDifficult(objName(r.object!), iou);
    case 'taken': return M.taken(objName(r.object!), detName(r.takenBy!));
    default: return rule === 'coco' ? M.lowFree(ts) : M.low(iou, '≤', ts);
  }
}

/**
 * The worked solution: the rule, a table of the classes' APs, mAP, then the
 * matching and AP of one class (`show`, else the first with an AP).
 */
export function explainEvaluation(r: EvalResult, gts: readonly GroundTruth[], show?: string): Worked {
  const multi = r.thresholds.length > 1;
  const wb = new WorkedBuilder(M.title(r.images.length, r.classes.length, r.method));
  wb.note(r.rule === 'voc' ? M.voc(fmtNum(r.thresholds[0]!)) : M.coco(fmtNum(r.thresholds[0]!)));
  wb.heading(M.perClass);
  const width = Math.max(8, ...r.classes.map((c) => cols(c.name) + 2));
  wb.step(M.header(width, multi));
  for (const c of r.classes) {
    const first = c.at[0]!;
    const tp = first.ranked.filter((x) => x.verdict === 'tp').length;
    const fp = first.ranked.filter((x) => x.verdict !== 'tp' && x.verdict !== 'ignored').length;
    const head = `${pad(c.name, width)}${pad(String(c.npos), 9)}${pad(String(c.dets), 6)}`;
    const ign = c.ignoredGts > 0 ? txt` ${M.ignored(c.ignoredGts)}` : '';
    if (c.ap === null) wb.step(txt`${head}${M.noAp}`);
    else if (multi) wb.step(txt`${head}${f(c.ap)}${ign}`);
    else wb.step(txt`${head}${pad(String(tp), 4)}${pad(String(fp), 4)}${f(c.ap)}${ign}`);
  }
  const scored = r.classes.filter((c) => c.ap !== null);
  // One class with an AP: its AP is the mAP, no mean to write out.
  if (scored.length > 1) {
    const terms = scored.map((c) => f(c.ap!));
    terms[terms.length - 1] += `)/${scored.length}`;
    wb.note(M.mean);
    formulaLines(wb, wrapTerms('mAP = (', terms));
  }
  const left = r.classes.filter((c) => c.ap === null);
  if (left.length > 0) wb.note(M.left(left.map((c) => c.name).join(', ')));
  if (multi) {
    wb.note(M.perT);
    for (const line of wrapTerms('', r.thresholds.map((t, k) => `${fmtNum(t)}: ${f(r.perThreshold[k]!)}`), ',  ', '')) wb.step(line);
  }
  wb.result(`mAP${multi ? `@${thresholdsName(r.thresholds)}` : ''} = ${fmtNum(r.map, 6)}`);
  if (r.dropped > 0) wb.note(M.dropped(r.dropped, 100));

  const c = r.classes.find((x) => x.name === show) ?? scored[0]!;
  const at = c.at[0]!;
  wb.heading(M.matching(c.name, fmtNum(at.t)));
  const w = String(at.ranked.length).length;
  at.ranked.forEach((x, k) => {
    wb.step(M.row(`${String(k + 1).padStart(w)}. ${detName(x.det)}`, x.image, fmtNum(x.score)));
    wb.step(txt`${' '.repeat(w + 2)}→ ${verdictText(x, at.t, r.rule, gts)}`);
  });
  if (at.result) wb.note(M.counted);
  const tail = new WorkedBuilder('');
  if (multi && c.ap !== null) {
    tail.heading(M.classAps(c.name));
    for (const line of wrapTerms('', c.at.map((x) => `${fmtNum(x.t)}: ${f(x.result!.ap)}`), ',  ', '')) tail.step(line);
    tail.result(`AP(${c.name}) = ${fmtNum(c.ap, 6)}`);
  }
  const others = r.classes.filter((x) => x !== c && x.ap !== null);
  if (others.length > 0) tail.note(M.other(others[0]!.name));
  const head = wb.build();
  return { title: head.title, lines: [...head.lines, ...(at.result ? explainAp(at.result).lines : []), ...tail.build().lines] };
}

const SLIP = {
  pooled: msg((slipped: string, right: string) => `looks like all classes were ranked as one list: AP of the pooled detections = ${slipped}; mAP is the mean of the per-class APs = ${right}`,
    (slipped, right) => `看起来把所有类别放在一个列表里排序了：合并后的 AP = ${slipped}；mAP 是各类别 AP 的平均 = ${right}`),
  difficult: msg((slipped: string, right: string) => `looks like the difficult objects were counted: ${slipped}; VOC leaves them out of the recall and ignores detections of them: ${right}`,
    (slipped, right) => `看起来把 difficult 物体也算进去了：${slipped}；VOC 不把它们计入召回率，检测到它们也忽略：${right}`),
};

function recomputed(r: EvalResult, dets: readonly Detection[], gts: readonly GroundTruth[], how: 'pool' | 'difficult'): number | undefined {
  if (how === 'difficult') {
    if (!gts.some((g) => g.difficult)) return undefined;
    return evaluateDetections({ dets, gts: gts.map((g) => ({ ...g, difficult: false })), method: r.method, thresholds: r.thresholds, pixel: r.pixel }).map;
  }
  if (r.classes.length < 2) return undefined;
  // Matching stays per class (the boxes of one class never match another's); only the ranking is pooled.
  const merged = r.classes.filter((c) => c.ap !== null);
  const perT = r.thresholds.map((_, k) => {
    const ranked = merged.flatMap((c) => c.at[k]!.ranked.filter((x) => x.verdict !== 'ignored'));
    const order = ranked.map((x, i) => ({ x, i })).sort((a, b) => b.x.score - a.x.score || a.x.det - b.x.det).map((e) => e.x);
    const npos = merged.reduce((s, c) => s + c.npos, 0);
    return averagePrecision({ tp: order.map((x) => x.verdict === 'tp'), scores: order.map((x) => x.score), npos, method: r.method }).ap;
  });
  return perT.reduce((s, x) => s + x, 0) / perT.length;
}

/** The inputs the slips of mAP are recomputed from. */
export interface EvalInputs { r: EvalResult; dets: readonly Detection[]; gts: readonly GroundTruth[] }

/** Slips of mAP: one ranked list for all classes; VOC's difficult objects counted. */
export const mapSlips: readonly SlipDef<EvalInputs>[] = [
  { id: 'map-pooled-classes', value: (x) => recomputed(x.r, x.dets, x.gts, 'pool'), text: (x, v) => SLIP.pooled(f(v as number), f(x.r.map)) },
  { id: 'ap-difficult-counted', value: (x) => (x.r.rule === 'voc' ? recomputed(x.r, x.dets, x.gts, 'difficult') : undefined), text: (x, v) => SLIP.difficult(f(v as number), f(x.r.map)) },
];

/** Slips of one class's AP: its difficult objects counted. */
export function classApSlips(name: string): SlipDef<EvalInputs>[] {
  return [{
    id: 'ap-difficult-counted',
    value: (x) => {
      if (x.r.rule !== 'voc' || !x.gts.some((g) => g.difficult && g.cls === name)) return undefined;
      const c = evaluateDetections({ dets: x.dets, gts: x.gts.map((g) => ({ ...g, difficult: false })), method: x.r.method, thresholds: x.r.thresholds, pixel: x.r.pixel }).classes.find((k) => k.name === name);
      return c?.ap ?? undefined;
    },
    text: (x, v) => SLIP.difficult(f(v as number), f(x.r.classes.find((k) => k.name === name)!.ap!)),
  }];
}
