/**
 * Detections and ground truth of several images and classes, one object a
 * row (docs/detection-format.md): a file for `dlnotes ap --dets FILE --gts
 * FILE`, or the same rows inline (separated by ";") in a flag or homework.
 *
 *   detections:    image class score x1 y1 x2 y2
 *   ground truth:  image class x1 y1 x2 y2 [difficult | crowd]
 *
 * Fields are separated by spaces, tabs or commas (a Chinese keyboard's
 * too); `#` starts a comment; a first row starting with "image" is a
 * header (a spreadsheet's CSV). Boxes are corners, in pixels as given.
 */
import { normalizeInput, parseNumber } from '../answer';
import { InputError } from '../errors';
import { bi, msg } from '../text';
import { toCorners, type Box } from './boxes';

export interface Detection {
  image: string;
  cls: string;
  score: number;
  box: Box;
  /** Where it was read: "dets.txt:3" or "row 3". */
  at: string;
}

export interface GroundTruth {
  image: string;
  cls: string;
  box: Box;
  /** VOC's difficult flag: neither counted in the recall nor a false positive when matched. */
  difficult: boolean;
  /** COCO's iscrowd: a region that any number of detections may match, each then ignored. */
  crowd: boolean;
  at: string;
}

const M = {
  detFields: msg((at: string, got: number) => `${at}: a detection is "image class score x1 y1 x2 y2" (7 fields), got ${got}`,
    (at, got) => `${at}：检测结果一行是 "image class score x1 y1 x2 y2"（7 个字段），收到 ${got} 个`),
  gtFields: msg((at: string, got: number) => `${at}: a ground-truth object is "image class x1 y1 x2 y2" and optionally difficult or crowd (6 or 7 fields), got ${got}`,
    (at, got) => `${at}：真实框一行是 "image class x1 y1 x2 y2"，可再加 difficult 或 crowd（6 或 7 个字段），收到 ${got} 个`),
  number: msg((at: string, what: string, got: string) => `${at}: ${what} is not a number: "${got}"`, (at, what, got) => `${at}：${what} 不是数字："${got}"`),
  flag: msg((at: string, got: string) => `${at}: the 7th field of a ground-truth object is difficult (VOC) or crowd (COCO's iscrowd), got "${got}"`,
    (at, got) => `${at}：真实框的第 7 个字段应为 difficult（VOC）或 crowd（COCO 的 iscrowd），收到 "${got}"`),
  noDets: bi('no detections in it (one a row: image class score x1 y1 x2 y2)', '其中没有检测结果（每行一个：image class score x1 y1 x2 y2）'),
  noGts: bi('no ground-truth objects in it (one a row: image class x1 y1 x2 y2)', '其中没有真实框（每行一个：image class x1 y1 x2 y2）'),
  tooMany: msg((n: number, max: number) => `${n} rows; at most ${max}`, (n, max) => `${n} 行；最多 ${max} 行`),
};

/** Rows beyond this are refused before any matching (the matching is rows × objects). */
export const MAX_ROWS = 20_000;


/** The rows of a table: lines (or ";"-separated rows), comments and a header dropped, with where each was. */
function rows(field: string, text: string, source: string | null): Array<{ fields: string[]; at: string }> {
  const out: Array<{ fields: string[]; at: string }> = [];
  const lines = text.split(/\r?\n/);
  const inline = source === null;
  lines.forEach((line, li) => {
    const parts = inline ? line.split(/[;；]/) : [line];
    parts.forEach((part) => {
      const body = normalizeInput(part.replace(/#.*$/, '')).trim();
      if (body === '') return;
      const fields = body.split(/\s*,\s*|\s+/).filter((x) => x !== '');
      const at = inline ? rowName(out.length + 1) : `${source}:${li + 1}`;
      // A header row from a spreadsheet: "image,class,score,x1,...".
      if (out.length === 0 && /^image(_?id)?$/i.test(fields[0] ?? '')) return;
      out.push({ fields, at });
    });
  });
  if (out.length > MAX_ROWS) throw new InputError(field, M.tooMany(out.length, MAX_ROWS));
  return out;
}

const rowName = (i: number): string => `row ${i}`;

function num(field: string, at: string, what: string, raw: string): number {
  const n = parseNumber(raw);
  if (!n || !Number.isFinite(n.value)) throw new InputError(field, M.number(at, what, raw));
  return n.value;
}

function box(field: string, at: string, raw: readonly string[], pixel: boolean): Box {
  const names = ['x1', 'y1', 'x2', 'y2'];
  const v = raw.map((r, i) => num(field, at, names[i]!, r));
  return toCorners(v, 'xyxy', at, field, pixel);
}

/** Detections from a table; `source` is the file's name (null: inline rows). */
export function readDetections(field: string, text: string, source: string | null, pixel = false): Detection[] {
  const out = rows(field, text, source).map(({ fields, at }): Detection => {
    if (fields.length !== 7) throw new InputError(field, M.detFields(at, fields.length));
    return { image: fields[0]!, cls: fields[1]!, score: num(field, at, 'score', fields[2]!), box: box(field, at, fields.slice(3), pixel), at };
  });
  if (out.length === 0) throw new InputError(field, M.noDets);
  return out;
}

/** Ground-truth objects from a table; `source` is the file's name (null: inline rows). */
export function readGroundTruth(field: string, text: string, source: string | null, pixel = false): GroundTruth[] {
  const out = rows(field, text, source).map(({ fields, at }): GroundTruth => {
    if (fields.length !== 6 && fields.length !== 7) throw new InputError(field, M.gtFields(at, fields.length));
    const flag = (fields[6] ?? '').toLowerCase();
    if (flag !== '' && !['difficult', 'crowd', 'iscrowd'].includes(flag)) throw new InputError(field, M.flag(at, fields[6]!));
    return { image: fields[0]!, cls: fields[1]!, box: box(field, at, fields.slice(2, 6), pixel), difficult: flag === 'difficult', crowd: flag === 'crowd' || flag === 'iscrowd', at };
  });
  if (out.length === 0) throw new InputError(field, M.noGts);
  return out;
}
