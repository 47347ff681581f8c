/**
 * Reading flag values: each helper names the flag, what was wrong and what is
 * allowed, so bad input gets one clear line and exit 2.
 */
import { normalizeInput, parseNumber } from '../core/answer';
import { InputError } from '../core/errors';
import { bi, msg, tr, txt, type Text } from '../core/text';
import { UsageError } from '../errors';

/** The texts of the flag readers, in both languages. */
const M = {
  positive: bi('a positive integer', '正整数'),
  nonNegative: bi('a non-negative integer', '非负整数'),
  integer: bi('an integer', '整数'),
  aNumber: bi('a number', '数字'),
  expected: msg((flag: string, what: Text, got: string) => `--${flag}: expected ${tr(what, 'en')}, got ${got}`,
    (flag, what, got) => `--${flag}：应为${tr(what, 'zh')}，收到 ${got}`),
  expectedAtLeast: msg((flag: string, what: Text, min: number, got: number) => `--${flag}: expected ${tr(what, 'en')} >= ${min}, got ${got}`,
    (flag, what, min, got) => `--${flag}：应为 >= ${min} 的${tr(what, 'zh')}，收到 ${got}`),
  atMost: msg((flag: string, max: number, got: string) => `--${flag}: must be at most ${max}, got ${got}`, (flag, max, got) => `--${flag}：不能大于 ${max}，收到 ${got}`),
  atLeast: msg((flag: string, min: number, got: string) => `--${flag}: must be at least ${min}, got ${got}`, (flag, min, got) => `--${flag}：不能小于 ${min}，收到 ${got}`),
  positiveNum: msg((flag: string, got: string) => `--${flag}: must be greater than 0, got ${got}`, (flag, got) => `--${flag}：必须大于 0，收到 ${got}`),
  required: msg((flag: string, hint: Text) => `--${flag} is required${tr(hint, 'en') ? ` (${tr(hint, 'en')})` : ''}`,
    (flag, hint) => `缺少 --${flag}${tr(hint, 'zh') ? `（${tr(hint, 'zh')}）` : ''}`),
  itemNaN: msg((flag: string, i: number, got: string) => `--${flag}: item ${i} is not a number: "${got}" (expected a comma-separated list like 0.5,-0.3,0.2)`,
    (flag, i, got) => `--${flag}：第 ${i} 项不是数："${got}"（应为逗号分隔的列表，例如 0.5,-0.3,0.2）`),
  itemMin: msg((flag: string, i: number, min: number, got: string) => `--${flag}: item ${i} must be at least ${min}, got ${got}`,
    (flag, i, min, got) => `--${flag}：第 ${i} 项不能小于 ${min}，收到 ${got}`),
  emptyList: msg((flag: string) => `--${flag}: the list is empty`, (flag) => `--${flag}：列表为空`),
  prefix: msg((flag: string) => `--${flag}: `, (flag) => `--${flag}：`),
  row: msg((flag: string, i: number) => `--${flag}: row ${i}: `, (flag, i) => `--${flag}：第 ${i} 行：`),
  rowLength: msg((flag: string, i: number, n: number, width: number) => `--${flag}: row ${i} has ${n} value${n === 1 ? '' : 's'} but row 1 has ${width}; every row needs the same number`,
    (flag, i, n, width) => `--${flag}：第 ${i} 行有 ${n} 个值，而第 1 行有 ${width} 个；每行的个数必须相同`),
  oneOf: msg((flag: string, choices: string, got: string) => `--${flag}: expected one of ${choices}, got "${got}"`,
    (flag, choices, got) => `--${flag}：应为 ${choices} 之一，收到 "${got}"`),
};

/**
 * The error for a flag that must be given: "--h is required (input height,
 * e.g. --h 32)". `hint` says what the flag is, with an example.
 */
export function requiredFlag(flag: string, hint: Text = ''): UsageError {
  return new UsageError(M.required(flag, hint), flag);
}

interface IntRules { min?: number; max?: number }

/** Above 2^53 − 1 a double cannot hold every integer: 9007199254740993 would silently become …992. */
export const UNSAFE = msg(
  (flag: string, text: string) => `--${flag}: ${text} is too large to be exact; integers go up to 9007199254740991 (2^53 − 1)`,
  (flag, text) => `--${flag}：${text} 太大，无法精确表示；整数最大为 9007199254740991（2^53 − 1）`,
);

function describeInt(r: IntRules): Text {
  if (r.min === 1) return M.positive;
  if (r.min === 0) return M.nonNegative;
  return M.integer;
}

/** An integer flag; undefined when absent. */
export function intFlag(flag: string, raw: unknown, rules: IntRules = {}): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const text = String(raw).trim();
  const typed = normalizeInput(text);
  const n = /^[+-]?\d+$/.test(typed) ? Number(typed) : NaN;
  if (!Number.isInteger(n)) throw new UsageError(M.expected(flag, describeInt(rules), `"${text}"`), flag);
  if (!Number.isSafeInteger(n)) throw new UsageError(UNSAFE(flag, text), flag);
  if (rules.min !== undefined && n < rules.min) {
    throw new UsageError(rules.min > 1 ? M.expectedAtLeast(flag, describeInt(rules), rules.min, n) : M.expected(flag, describeInt(rules), String(n)), flag);
  }
  if (rules.max !== undefined && n > rules.max) throw new UsageError(M.atMost(flag, rules.max, String(n)), flag);
  return n;
}

/** An integer flag that must be given; `hint` says what it is ("input channels"). */
export function requiredInt(flag: string, raw: unknown, rules: IntRules = {}, hint: Text = ''): number {
  const n = intFlag(flag, raw, rules);
  if (n === undefined) throw requiredFlag(flag, hint);
  return n;
}

interface NumRules { min?: number; max?: number; positive?: boolean }

/** A real-number flag; undefined when absent. Accepts 1e-8 and fractions like 1/3. */
export function numFlag(flag: string, raw: unknown, rules: NumRules = {}): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const text = String(raw).trim();
  const n = parseReal(text);
  if (n === null) throw new UsageError(M.expected(flag, M.aNumber, `"${text}"`), flag);
  if (rules.positive && !(n > 0)) throw new UsageError(M.positiveNum(flag, text), flag);
  if (rules.min !== undefined && n < rules.min) throw new UsageError(M.atLeast(flag, rules.min, text), flag);
  if (rules.max !== undefined && n > rules.max) throw new UsageError(M.atMost(flag, rules.max, text), flag);
  return n;
}

export function requiredNum(flag: string, raw: unknown, rules: NumRules = {}, hint: Text = ''): number {
  const n = numFlag(flag, raw, rules);
  if (n === undefined) throw requiredFlag(flag, hint);
  return n;
}

/** Flags read numbers with the same reader as answers (core/answer.ts): 1e-8, 3/4, .5. */
function parseReal(text: string): number | null {
  const n = parseNumber(text);
  return n && Number.isFinite(n.value) ? n.value : null;
}

/** A comma-separated list of numbers: "3.2,5.1,-1.7" (spaces allowed). */
export function numListFlag(flag: string, raw: unknown, opts: { min?: number; nonEmpty?: boolean } = {}): number[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  // What a Chinese keyboard types reads as ASCII: １，２、３ is 1,2,3.
  const text = normalizeInput(String(raw)).trim().replace(/^\[|\]$/g, '');
  const parts = text === '' ? [] : text.split(/\s*,\s*|\s+/);
  const out = parts.map((p, i) => {
    const n = parseReal(p);
    if (n === null) throw new UsageError(M.itemNaN(flag, i + 1, p), flag);
    if (opts.min !== undefined && n < opts.min) throw new UsageError(M.itemMin(flag, i + 1, opts.min, p), flag);
    return n;
  });
  if ((opts.nonEmpty ?? true) && out.length === 0) throw new UsageError(M.emptyList(flag), flag);
  return out;
}

/** A message of `flag` without its "--flag: " prefix, in each language. */
function withoutPrefix(flag: string, text: Text): Text {
  const strip = (s: string) => s.replace(`--${flag}: `, '').replace(`--${flag}：`, '');
  return typeof text === 'string' ? strip(text) : { en: strip(text.en), zh: strip(text.zh) };
}

/**
 * A matrix: rows separated by ";" ("1,2; 3,4") or JSON ("[[1,2],[3,4]]").
 * All rows must have the same length.
 */
export function matrixFlag(flag: string, raw: unknown): number[][] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const text = normalizeInput(String(raw)).trim();
  let rows: string[];
  if (text.startsWith('[[')) {
    rows = text.slice(2, -2).split(/\]\s*,\s*\[/);
  } else if (text.startsWith('[') && !text.slice(1).includes('[')) {
    rows = [text.slice(1, -1)];
  } else {
    rows = text.split(';');
  }
  const m = rows.map((r, i) => {
    try {
      return numListFlag(flag, r)!;
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      throw new UsageError(txt`${M.row(flag, i + 1)}${withoutPrefix(flag, e.text)}`, flag);
    }
  });
  const width = m[0]!.length;
  m.forEach((r, i) => {
    if (r.length !== width) throw new UsageError(M.rowLength(flag, i + 1, r.length, width), flag);
  });
  return m;
}

/** One of a fixed set of words. */
export function choiceFlag<T extends string>(flag: string, raw: unknown, choices: readonly T[]): T | undefined {
  if (raw === undefined || raw === null) return undefined;
  const v = normalizeInput(String(raw)).trim().toLowerCase();
  if (!(choices as readonly string[]).includes(v)) throw new UsageError(M.oneOf(flag, choices.join(', '), String(raw)), flag);
  return v as T;
}

/**
 * Runs core code and turns its InputError into a UsageError naming the flag.
 * `flags` maps core field names to flag names where they differ.
 */
export function withFlags<T>(fn: () => T, flags: Record<string, string> = {}): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) {
      const flag = flags[e.field] ?? e.field;
      throw new UsageError(txt`${M.prefix(flag)}${e.text}`, flag);
    }
    throw e;
  }
}
