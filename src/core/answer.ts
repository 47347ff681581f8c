/**
 * Reading and checking a student's numeric answers. One place for the rules,
 * shared by every calculator's --answer, the homework checker and the quiz
 * grader:
 *  - a value within the stated tolerance (and always within 1e-6 relative) is right;
 *  - so is a value the student rounded: "0.73" for 0.7311 is right, because
 *    0.7311 rounds to 0.73 at the two decimals the student gave. Rounding
 *    credit needs at least two significant digits, so "3" is not accepted for
 *    2.9 (give "2.9").
 */

export interface Tolerance {
  /** Absolute tolerance. */
  abs?: number;
  /** Relative tolerance, as a fraction of |expected|. */
  rel?: number;
}

export interface ParsedNumber {
  value: number;
  /** The place value of the last digit given (0.01 for "0.73", 1e6 for "138M"); 0 when exact (a fraction). */
  ulp: number;
  /** Significant digits given. */
  sig: number;
  text: string;
}

const SUFFIX: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/**
 * Parses "760", "-0.39", "1e-3", "3/4", "138,357,544", "15.47G", "4.5 M".
 * Returns null when the text is not a single number.
 */
export function parseNumber(raw: string): ParsedNumber | null {
  const text = raw.trim().replace(/\u2212/g, '-').replace(/_/g, '');
  if (text === '') return null;
  const frac = /^([+-]?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(text);
  if (frac) {
    const den = Number(frac[2]);
    if (den === 0) return null;
    return { value: Number(frac[1]) / den, ulp: 0, sig: Infinity, text };
  }
  const thousands = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text);
  const plain = thousands ? text.replace(/,/g, '') : text;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*([kKMGT])?$/.exec(plain);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return null;
  const [, sign, int = '', dec = '', exp, suffix] = m;
  const scale = (exp ? 10 ** Number(exp) : 1) * (suffix ? SUFFIX[suffix]! : 1);
  // Number() reads the exponent exactly (1e-4 is 0.0001, not 1 × 10 ** -4 = 0.00009999999999999999).
  const value = Number(`${sign}${int || '0'}.${dec || '0'}e${exp ?? 0}`) * (suffix ? SUFFIX[suffix]! : 1);
  const digits = (int + dec).replace(/^0+/, '');
  return {
    value,
    ulp: 10 ** -dec.length * scale,
    sig: Math.max(digits.length, 1),
    text,
  };
}

export interface NumberVerdict {
  ok: boolean;
  expected: number;
  given: number | null;
  /** Why it was accepted or rejected, in a few words. */
  reason: string;
}

/** Checks one number; `given` may be text (a student's answer) or a parsed number. */
export function checkNumber(given: string | number, expected: number, tol: Tolerance = {}): NumberVerdict {
  const parsed = typeof given === 'number'
    ? { value: given, ulp: 0, sig: Infinity, text: String(given) }
    : parseNumber(given);
  if (!parsed) return { ok: false, expected, given: null, reason: `"${String(given)}" is not a number` };
  return { ...judge(parsed, expected, tol), expected, given: parsed.value };
}

function judge(p: ParsedNumber, expected: number, tol: Tolerance): { ok: boolean; reason: string } {
  if (!Number.isFinite(expected)) {
    return p.value === expected ? { ok: true, reason: 'exact' } : { ok: false, reason: 'wrong value' };
  }
  const diff = Math.abs(p.value - expected);
  // A relative 1e-6 always: floating-point noise (Adam's ε makes -0.1 come out as -0.099999998)
  // is never what an exam question asks about.
  const slack = Math.max(tol.abs ?? 0, (tol.rel ?? 0) * Math.abs(expected), 1e-6 * Math.abs(expected), 1e-12);
  if (diff <= slack) return { ok: true, reason: diff === 0 ? 'exact' : 'within tolerance' };
  if (p.ulp > 0 && p.sig >= 2 && diff <= (p.ulp / 2) * (1 + 1e-9) + 1e-12) {
    return { ok: true, reason: `correct to the ${describePlace(p)} given` };
  }
  return { ok: false, reason: 'wrong value' };
}

function describePlace({ ulp, sig }: ParsedNumber): string {
  if (ulp > 1) return `${sig} significant digits`;
  if (ulp === 1) return 'units';
  const places = Math.round(-Math.log10(ulp));
  return places === 1 ? '1 decimal place' : `${places} decimal places`;
}

/** Splits "32x32x16", "32×32×16", "(32, 32, 16)", "-4,-4,3" into numbers; null if any part is not a number. */
export function parseTuple(raw: string): ParsedNumber[] | null {
  const inner = raw.trim().replace(/^[[(]|[\])]$/g, '');
  if (inner === '') return null;
  const parts = inner.split(/\s*[x×*,;]\s*|\s+/).filter((s) => s !== '');
  const out: ParsedNumber[] = [];
  for (const part of parts) {
    const p = parseNumber(part);
    if (!p) return null;
    out.push(p);
  }
  return out;
}

export interface TupleVerdict {
  ok: boolean;
  expected: number[];
  given: number[] | null;
  /** Index of the accepted order in `orders` (e.g. H×W×C vs C×H×W). */
  order?: number;
  reason: string;
}

/**
 * Checks a tuple answer against one or more accepted orders of the same
 * values (a conv output may be written H×W×C as in the notes or C×H×W as in
 * PyTorch). Every element must pass checkNumber's rules.
 */
export function checkTuple(given: string, orders: number[][], tol: Tolerance = {}): TupleVerdict {
  const parsed = parseTuple(given);
  const expected = orders[0] ?? [];
  if (!parsed) return { ok: false, expected, given: null, reason: `"${given}" is not a list of numbers` };
  const values = parsed.map((p) => p.value);
  for (const [i, order] of orders.entries()) {
    if (order.length === parsed.length && parsed.every((p, j) => judge(p, order[j]!, tol).ok)) {
      return { ok: true, expected: order, given: values, order: i, reason: 'right' };
    }
  }
  const sameLength = orders.some((o) => o.length === parsed.length);
  return {
    ok: false,
    expected,
    given: values,
    reason: sameLength ? 'wrong value' : `expected ${expected.length} numbers, got ${parsed.length}`,
  };
}

/** Parses "x=-4,y=-4,z=3" or "H'=2, W'=2" (also ";" or spaces between pairs) into name -> text. */
export function parseAssignments(raw: string): Map<string, string> | null {
  const out = new Map<string, string>();
  // Names may carry primes (H', W'), as the notes write output sizes.
  const parts = raw.split(/[;,\s]+(?=[A-Za-z_][\w.']*\s*=)/).map((s) => s.trim()).filter(Boolean);
  for (const part of parts) {
    const m = /^([A-Za-z_][\w.']*)\s*=\s*(.+?)[,;]?$/.exec(part);
    if (!m) return null;
    out.set(m[1]!, m[2]!.trim());
  }
  return out.size > 0 ? out : null;
}
