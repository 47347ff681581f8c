/**
 * Reading the inputs of the detection and segmentation calculators: boxes
 * ("10,20,50,80"), lists of boxes ("…; …"), numbers and matrices, with the
 * same number reader as answers (core/answer.ts: full-width digits and a
 * Chinese keyboard's punctuation). Mistakes throw InputError naming the
 * field, in both languages, so a command reports one line with the flag.
 */
import { normalizeInput, parseNumber } from '../answer';
import { InputError } from '../errors';
import { msg } from '../text';

const M = {
  notNumber: msg((i: number, got: string, example: string) => `item ${i} is not a number: "${got}" (expected a list like ${example})`,
    (i, got, example) => `第 ${i} 项不是数字："${got}"（应为形如 ${example} 的列表）`),
  empty: msg((example: string) => `the list is empty (expected e.g. ${example})`, (example) => `列表为空（应为形如 ${example} 的列表）`),
  boxSize: msg((got: number) => `a box has 4 numbers (x1,y1,x2,y2 or as --format says), got ${got}`,
    (got) => `一个框有 4 个数（x1,y1,x2,y2，或按 --format 的格式），收到 ${got} 个`),
  boxSizeAt: msg((i: number, got: number) => `box ${i} has ${got} numbers; each box has 4 (rows separated by ";")`,
    (i, got) => `第 ${i} 个框有 ${got} 个数；每个框 4 个数（框之间用“;”分隔）`),
  rowWidth: msg((i: number, got: number, want: number) => `row ${i} has ${got} values but row 1 has ${want}; every row needs the same number`,
    (i, got, want) => `第 ${i} 行有 ${got} 个值，而第 1 行有 ${want} 个；每行个数必须相同`),
  integer: msg((i: number, got: string) => `item ${i} must be a non-negative integer, got ${got}`, (i, got) => `第 ${i} 项必须是非负整数，收到 ${got}`),
  flag01: msg((i: number, got: string) => `item ${i} must be 1 (true positive) or 0 (false positive), got ${got}`,
    (i, got) => `第 ${i} 项必须是 1（真正例 TP）或 0（假正例 FP），收到 ${got}`),
};

/** Splits on commas, semicolons-free whitespace; brackets around the list are dropped. */
function items(raw: string): string[] {
  const text = normalizeInput(raw).trim().replace(/^[[(]|[\])]$/g, '').trim();
  return text === '' ? [] : text.split(/\s*,\s*|\s+/);
}

/** A comma-separated list of numbers ("0.9, 0.8, 0.3"). */
export function readNumbers(field: string, raw: string, example = '0.9,0.8,0.3'): number[] {
  const parts = items(raw);
  if (parts.length === 0) throw new InputError(field, M.empty(example));
  return parts.map((p, i) => {
    const n = parseNumber(p);
    if (!n || !Number.isFinite(n.value)) throw new InputError(field, M.notNumber(i + 1, p, example));
    return n.value;
  });
}

/** A list of non-negative integers (class labels, object ids). */
export function readIndices(field: string, raw: string, example = '0,1,1'): number[] {
  return readNumbers(field, raw, example).map((n, i) => {
    if (!Number.isInteger(n) || n < 0) throw new InputError(field, M.integer(i + 1, String(n)));
    return n;
  });
}

/** A list of 0/1 flags (true and false positives, in ranked order). */
export function readFlags(field: string, raw: string): boolean[] {
  return readNumbers(field, raw, '1,0,1,1').map((n, i) => {
    if (n !== 0 && n !== 1) throw new InputError(field, M.flag01(i + 1, String(n)));
    return n === 1;
  });
}

/** Rows separated by ";" (or JSON-style [[…],[…]]), all of one width. */
export function readMatrix(field: string, raw: string, example = '1,2; 3,4'): number[][] {
  const text = normalizeInput(raw).trim();
  const rows = text.startsWith('[[') ? text.slice(2, -2).split(/\]\s*,\s*\[/) : text.split(';').filter((r, i, all) => r.trim() !== '' || all.length === 1);
  const m = rows.map((r) => readNumbers(field, r, example));
  m.forEach((r, i) => {
    if (r.length !== m[0]!.length) throw new InputError(field, M.rowWidth(i + 1, r.length, m[0]!.length));
  });
  return m;
}

/** Several lists, one per row (rows separated by ";"), of any lengths: one per class. */
export function readRows(field: string, raw: string, example: string): number[][] {
  return normalizeInput(raw).split(';').filter((r) => r.trim() !== '').map((r) => readNumbers(field, r, example));
}

/** One box: four numbers. */
export function readBox(field: string, raw: string): [number, number, number, number] {
  const v = readNumbers(field, raw, '10,20,50,80');
  if (v.length !== 4) throw new InputError(field, M.boxSize(v.length));
  return [v[0]!, v[1]!, v[2]!, v[3]!];
}

/** Several boxes, separated by ";" ("0,0,10,10; 5,5,15,15"). */
export function readBoxes(field: string, raw: string): Array<[number, number, number, number]> {
  const rows = normalizeInput(raw).split(';').filter((r) => r.trim() !== '');
  if (rows.length === 0) throw new InputError(field, M.empty('"0,0,10,10; 5,5,15,15"'));
  return rows.map((r, i) => {
    const v = readNumbers(field, r, '0,0,10,10');
    if (v.length !== 4) throw new InputError(field, M.boxSizeAt(i + 1, v.length));
    return [v[0]!, v[1]!, v[2]!, v[3]!];
  });
}
