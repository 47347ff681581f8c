/**
 * Flag reading for the detection and segmentation calculators (iou, nms,
 * box, roi, anchors, ap, map, miou), in both languages from the start. The
 * readers of lists and boxes live in core/vision/read.ts (the homework
 * checker and the generators parse with them too); these wrap them so that
 * a mistake names the flag: one line, exit 2.
 */
import { parseNumber } from '../core/answer';
import { readNumbers } from '../core/vision/read';
import { InputError } from '../core/errors';
import { bi, msg, type Bi } from '../core/text';
import { UsageError } from '../errors';
import { withFlags } from './flags';

const M = {
  required: msg((flag: string, en: string, zh: string) => `--${flag} is required (${en})`, (flag, en, zh) => `缺少 --${flag}（${zh}）`),
  choice: msg((flag: string, choices: string, got: string) => `--${flag}: expected one of ${choices}, got "${got}"`, (flag, choices, got) => `--${flag}：应为 ${choices} 之一，收到 "${got}"`),
  number: msg((flag: string, got: string) => `--${flag}: expected a number, got "${got}"`, (flag, got) => `--${flag}：应为一个数，收到 "${got}"`),
  integer: msg((flag: string, got: string) => `--${flag}: expected a positive integer, got "${got}"`, (flag, got) => `--${flag}：应为正整数，收到 "${got}"`),
  range: msg((flag: string, got: string) => `--${flag}: expected start:step:end (0.5:0.05:0.95) or a list (0.5,0.75), got "${got}"`, (flag, got) => `--${flag}：应为 起点:步长:终点（0.5:0.05:0.95）或列表（0.5,0.75），收到 "${got}"`),
  intAny: msg((flag: string, got: string) => `--${flag}: expected an integer, got "${got}"`, (flag, got) => `--${flag}：应为整数，收到 "${got}"`),
};

/** A flag that must be given; `what` says what it is, in both languages. */
export function required(flag: string, raw: unknown, what: Bi): string {
  if (raw === undefined || raw === null || raw === true || String(raw).trim() === '') throw new UsageError(M.required(flag, what.en, what.zh), flag);
  return String(raw);
}

/** Runs a core reader (core/vision/read.ts) so that its InputError names the flag. */
export function reading<T>(fn: () => T): T {
  return withFlags(fn);
}

export function choice<T extends string>(flag: string, raw: unknown, choices: readonly T[], dflt: T): T {
  if (raw === undefined || raw === null) return dflt;
  const v = String(raw).trim().toLowerCase();
  if (!(choices as readonly string[]).includes(v)) throw new UsageError(M.choice(flag, choices.join(', '), String(raw)), flag);
  return v as T;
}

/** A real number (1/16, 0.5, 1e-3, full-width digits). */
export function real(flag: string, raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const p = parseNumber(String(raw));
  if (!p || !Number.isFinite(p.value)) throw new UsageError(M.number(flag, String(raw)), flag);
  return p.value;
}

/** A positive integer. */
export function count(flag: string, raw: unknown): number | undefined {
  const v = real(flag, raw);
  if (v === undefined) return undefined;
  if (!(Number.isInteger(v) && v >= 1)) throw new UsageError(M.integer(flag, String(raw)), flag);
  return v;
}

/** Any integer (sampling_ratio may be ≤ 0). */
export function integer(flag: string, raw: unknown): number | undefined {
  const v = real(flag, raw);
  if (v === undefined) return undefined;
  if (!Number.isInteger(v)) throw new UsageError(M.intAny(flag, String(raw)), flag);
  return v;
}

/** IoU thresholds: start:step:end (COCO's 0.5:0.05:0.95) or a list (0.5,0.75). */
export function iouThresholds(flag: string, raw: string): number[] {
  const m = /^\s*([\d.]+)\s*:\s*([\d.]+)\s*:\s*([\d.]+)\s*$/.exec(raw);
  if (m) {
    const [a, step, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!(step > 0) || !(b >= a)) throw new UsageError(M.range(flag, raw), flag);
    // Rounded to the step's decimals, so 0.5 + 9·0.05 is 0.95, not 0.9500000000000001.
    const decimals = Math.max((m[2]!.split('.')[1] ?? '').length, (m[1]!.split('.')[1] ?? '').length);
    return Array.from({ length: Math.floor((b - a) / step + 1e-9) + 1 }, (_, i) => Number((a + i * step).toFixed(decimals)));
  }
  return reading(() => readNumbers(flag, raw, '0.5,0.75'));
}

/** Names for classes: "cat,dog" (or none). */
export function names(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  return String(raw).split(/\s*[,，]\s*/).filter((s) => s !== '');
}

/** An input error from a command itself, naming its flag. */
export function badFlag(flag: string, text: Bi): never {
  throw new InputError(flag, text);
}

export const WHAT = {
  box: bi('a box x1,y1,x2,y2, e.g. 10,20,50,80', '一个框 x1,y1,x2,y2，如 10,20,50,80'),
  boxes: bi('boxes x1,y1,x2,y2 separated by ";", e.g. "0,0,10,10; 5,5,15,15"', '用“;”分隔的框 x1,y1,x2,y2，如 "0,0,10,10; 5,5,15,15"'),
  scores: bi('one score per box, e.g. 0.9,0.8,0.7', '每个框一个分数，如 0.9,0.8,0.7'),
  table: bi('a file of rows "image class score x1 y1 x2 y2" (detections) or "image class x1 y1 x2 y2 [difficult|crowd]" (ground truth)', '每行 "image class score x1 y1 x2 y2"（检测）或 "image class x1 y1 x2 y2 [difficult|crowd]"（真实框）的文件'),
};
