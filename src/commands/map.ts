/** dlnotes map: mAP over classes, and COCO's AP@[.5:.95] over IoU thresholds. */
import type { Quantity } from '../core/check';
import { InputError } from '../core/errors';
import { tidyDeep } from '../core/numlist';
import { bi, msg } from '../core/text';
import { AP_METHODS, type ApMethod } from '../core/vision/ap';
import { COCO_IOU_THRESHOLDS, explainMap, explainMeanOfAps, meanAp, meanOfAps, type ClassDetections, type MapResult } from '../core/vision/map';
import { readIndices, readNumbers, readRows } from '../core/vision/read';
import { UsageError } from '../errors';
import { emit, type Outcome } from './output';
import { choice, iouThresholds, names as readNames, reading, required } from './vision-flags';

export interface MapFlags {
  tp?: string; ious?: string; objects?: string; scores?: string; gt?: string;
  names?: string; aps?: string; iouThresholds?: string; method?: string;
  json?: boolean; answer?: string;
}

const LABEL = {
  map: bi('mAP', 'mAP'),
  ap: msg((name: string) => `AP of ${name}`, (name) => `${name} 的 AP`),
  apAt: msg((t: string) => `mAP at IoU ${t}`, (t) => `IoU ${t} 时的 mAP`),
  input: bi('--tp (TP/FP flags per class), --ious (IoUs per class) or --aps (APs to average)', '--tp（各类别的 TP/FP）、--ious（各类别的 IoU）或 --aps（要平均的 AP）'),
  gt: bi('ground-truth objects per class, e.g. --gt 3,4', '各类别的真实物体数，如 --gt 3,4'),
  classes: msg((what: string, n: number, m: number) => `--gt: ${n} classes in --${what} but ${m} counts here; give one count per class`, (what, n, m) => `--gt：--${what} 有 ${n} 个类别，而这里有 ${m} 个数；每个类别一个数`),
  scoreRows: msg((n: number, m: number) => `--scores: ${m} rows for ${n} classes; give one row per class`, (n, m) => `--scores：${n} 个类别却有 ${m} 行；每个类别一行`),
  one: bi('give one of --tp, --ious and --aps', '--tp、--ious、--aps 只能给一个'),
  thresholdsNeedIous: bi('--iou-thresholds needs --ious (each detection\'s IoU with its object)', '--iou-thresholds 需要 --ious（每个检测与其物体的 IoU）'),
};

function thresholds(raw: string | undefined): number[] {
  return raw === undefined ? [...COCO_IOU_THRESHOLDS] : iouThresholds('iou-thresholds', raw);
}

export function mapQuantities(r: MapResult): Record<string, Quantity> {
  const q: Record<string, Quantity> = { map: { label: LABEL.map, expected: r.map, real: true, aliases: ['ap', 'mean'] } };
  r.classes.forEach((c, i) => {
    const key = `ap_${c.name}`.toLowerCase();
    q[key] = { label: LABEL.ap(c.name), expected: c.ap, real: true, aliases: [`ap${i + 1}`, `ap_${i + 1}`] };
  });
  r.thresholds?.forEach((t, i) => {
    q[`map_${Math.round(t * 100)}`] = { label: LABEL.apAt(String(t)), expected: r.perThreshold[i]!, real: true, aliases: [`ap${Math.round(t * 100)}`, `ap_${Math.round(t * 100)}`] };
  });
  return q;
}

export function mapJson(r: MapResult): Record<string, unknown> {
  return tidyDeep({
    map: r.map,
    method: r.method,
    ...(r.thresholds ? { iou_thresholds: r.thresholds, per_threshold: r.perThreshold } : {}),
    classes: r.classes.map((c) => ({ name: c.name, gt: c.npos, ap: c.ap, ...(r.thresholds ? { aps: c.aps, tp: c.tps.map((x) => x.map(Number)) } : {}) })),
  });
}

/** One `map` run: shared by the command and the homework checker. */
export function computeMap(o: MapFlags): Outcome {
  const given = [o.tp, o.ious, o.aps].filter((x) => x !== undefined).length;
  if (given === 0) required('tp', undefined, LABEL.input);
  if (given > 1) throw new UsageError(LABEL.one, 'tp');
  const names = readNames(o.names);
  if (o.aps !== undefined) {
    const r = reading(() => meanOfAps(readNumbers('aps', o.aps!), names));
    const q: Record<string, Quantity> = { map: { label: LABEL.map, expected: r.map, real: true, aliases: ['mean'] } };
    return { data: tidyDeep({ map: r.map, aps: r.aps, names: r.names }), quantities: q, defaultKey: 'map', worked: explainMeanOfAps(r) };
  }
  if (o.iouThresholds !== undefined && o.ious === undefined) throw new UsageError(LABEL.thresholdsNeedIous, 'iou-thresholds');
  const field = o.ious !== undefined ? 'ious' : 'tp';
  const rows = reading(() => readRows(field, (o.ious ?? o.tp)!, field === 'ious' ? '0.9,0.6,0.3' : '1,0,1'));
  const gt = reading(() => readIndices('gt', required('gt', o.gt, LABEL.gt), '3,4'));
  if (gt.length !== rows.length) throw new UsageError(LABEL.classes(field, rows.length, gt.length), 'gt');
  const scoreRows = o.scores !== undefined ? reading(() => readRows('scores', o.scores!, '0.9,0.8,0.7')) : undefined;
  if (scoreRows && scoreRows.length !== rows.length) throw new UsageError(LABEL.scoreRows(rows.length, scoreRows.length), 'scores');
  const objects = o.objects !== undefined ? reading(() => readRows('objects', o.objects!, '0,0,1')) : undefined;
  const classes: ClassDetections[] = reading(() => rows.map((row, i) => ({
    name: names?.[i] ?? String(i + 1),
    npos: gt[i]!,
    ...(scoreRows ? { scores: scoreRows[i]! } : {}),
    ...(field === 'ious' ? { ious: row, ...(objects?.[i] ? { objects: objects[i]! } : {}) } : { tp: flags(row) }),
  })));
  const method = choice<ApMethod>('method', o.method, AP_METHODS, field === 'ious' ? 'coco' : 'voc12');
  const r = reading(() => meanAp(classes, method, field === 'ious' ? thresholds(o.iouThresholds) : null));
  return { data: mapJson(r), quantities: mapQuantities(r), defaultKey: 'map', worked: explainMap(r) };
}

function flags(row: number[]): boolean[] {
  return row.map((v, i) => {
    if (v !== 0 && v !== 1) throw new InputError('tp', { en: `item ${i + 1} must be 1 (TP) or 0 (FP), got ${v}`, zh: `第 ${i + 1} 项必须是 1（TP）或 0（FP），收到 ${v}` });
    return v === 1;
  });
}

export async function run(o: MapFlags): Promise<void> {
  emit(computeMap(o), o);
}
