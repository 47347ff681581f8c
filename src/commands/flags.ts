/**
 * Reading flag values: each helper names the flag, what was wrong and what is
 * allowed, so bad input gets one clear line and exit 2.
 */
import { parseNumber } from '../core/answer';
import { InputError } from '../core/errors';
import { msg, txt } from '../core/text';
import { UsageError } from '../errors';

interface IntRules { min?: number; max?: number }

/** Above 2^53 − 1 a double cannot hold every integer: 9007199254740993 would silently become …992. */
export const UNSAFE = msg(
  (flag: string, text: string) => `--${flag}: ${text} is too large to be exact; integers go up to 9007199254740991 (2^53 − 1)`,
  (flag, text) => `--${flag}：${text} 太大，无法精确表示；整数最大为 9007199254740991（2^53 − 1）`,
);

function describeInt(r: IntRules): string {
  if (r.min === 1) return 'a positive integer';
  if (r.min === 0) return 'a non-negative integer';
  return 'an integer';
}

/** An integer flag; undefined when absent. */
export function intFlag(flag: string, raw: unknown, rules: IntRules = {}): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const text = String(raw).trim();
  const n = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n)) throw new UsageError(`--${flag}: expected ${describeInt(rules)}, got "${text}"`);
  if (!Number.isSafeInteger(n)) throw new UsageError(UNSAFE(flag, text));
  if (rules.min !== undefined && n < rules.min) throw new UsageError(`--${flag}: expected ${describeInt(rules)}${rules.min > 1 ? ` >= ${rules.min}` : ''}, got ${n}`);
  if (rules.max !== undefined && n > rules.max) throw new UsageError(`--${flag}: must be at most ${rules.max}, got ${n}`);
  return n;
}

/** An integer flag that must be given. */
export function requiredInt(flag: string, raw: unknown, rules: IntRules = {}, hint = ''): number {
  const n = intFlag(flag, raw, rules);
  if (n === undefined) throw new UsageError(`--${flag} is required${hint ? ` (${hint})` : ''}`);
  return n;
}

interface NumRules { min?: number; max?: number; positive?: boolean }

/** A real-number flag; undefined when absent. Accepts 1e-8 and fractions like 1/3. */
export function numFlag(flag: string, raw: unknown, rules: NumRules = {}): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const text = String(raw).trim();
  const n = parseReal(text);
  if (n === null) throw new UsageError(`--${flag}: expected a number, got "${text}"`);
  if (rules.positive && !(n > 0)) throw new UsageError(`--${flag}: must be greater than 0, got ${text}`);
  if (rules.min !== undefined && n < rules.min) throw new UsageError(`--${flag}: must be at least ${rules.min}, got ${text}`);
  if (rules.max !== undefined && n > rules.max) throw new UsageError(`--${flag}: must be at most ${rules.max}, got ${text}`);
  return n;
}

export function requiredNum(flag: string, raw: unknown, rules: NumRules = {}, hint = ''): number {
  const n = numFlag(flag, raw, rules);
  if (n === undefined) throw new UsageError(`--${flag} is required${hint ? ` (${hint})` : ''}`);
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
  const text = String(raw).trim().replace(/^\[|\]$/g, '');
  const parts = text === '' ? [] : text.split(/\s*,\s*|\s+/);
  const out = parts.map((p, i) => {
    const n = parseReal(p);
    if (n === null) throw new UsageError(`--${flag}: item ${i + 1} is not a number: "${p}" (expected a comma-separated list like 0.5,-0.3,0.2)`);
    if (opts.min !== undefined && n < opts.min) throw new UsageError(`--${flag}: item ${i + 1} must be at least ${opts.min}, got ${p}`);
    return n;
  });
  if ((opts.nonEmpty ?? true) && out.length === 0) throw new UsageError(`--${flag}: the list is empty`);
  return out;
}

/**
 * A matrix: rows separated by ";" ("1,2; 3,4") or JSON ("[[1,2],[3,4]]").
 * All rows must have the same length.
 */
export function matrixFlag(flag: string, raw: unknown): number[][] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const text = String(raw).trim();
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
      throw new UsageError(`--${flag}: row ${i + 1}: ${(e as Error).message.replace(`--${flag}: `, '')}`);
    }
  });
  const width = m[0]!.length;
  m.forEach((r, i) => {
    if (r.length !== width) throw new UsageError(`--${flag}: row ${i + 1} has ${r.length} values but row 1 has ${width}; every row needs the same number`);
  });
  return m;
}

/** One of a fixed set of words. */
export function choiceFlag<T extends string>(flag: string, raw: unknown, choices: readonly T[]): T | undefined {
  if (raw === undefined || raw === null) return undefined;
  const v = String(raw).trim().toLowerCase();
  if (!(choices as readonly string[]).includes(v)) throw new UsageError(`--${flag}: expected one of ${choices.join(', ')}, got "${String(raw)}"`);
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
      throw new UsageError(txt`--${flag}: ${e.text}`, flag);
    }
    throw e;
  }
}
