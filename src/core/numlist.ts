/**
 * Small helpers for vectors and matrices of numbers in worked solutions and
 * JSON: formatting as a student writes them, sums and means, and trimming
 * floating-point noise (5.1 − 3.2 + 1 = 2.8999999999999995) from JSON output.
 */
import { fmtNum, paren } from './format';

/** [3.2, 5.1, -1.7] */
export function fmtVec(xs: readonly number[], sig = 6): string {
  return `[${xs.map((x) => fmtNum(x, sig)).join(', ')}]`;
}

/** A number for substituting into a sum: negatives in parentheses. */
export function term(x: number, sig = 6): string {
  return paren(x, sig);
}

export function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

export function mean(xs: readonly number[]): number {
  return sum(xs) / xs.length;
}

/** Rounds to 15 significant digits: keeps every meaningful digit of a double, drops the noise. */
export function tidy(x: number): number {
  return Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(15)) : x;
}

/** tidy() applied through arrays and plain objects, for --json output. */
export function tidyDeep<T>(value: T): T {
  if (typeof value === 'number') return tidy(value) as T;
  if (Array.isArray(value)) return value.map((v) => tidyDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tidyDeep(v)])) as T;
  }
  return value;
}
