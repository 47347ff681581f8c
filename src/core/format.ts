/** Number formatting shared by worked solutions, tables and JSON-free text. */

/** Past this, JavaScript writes integers in exponent form ("1e+21"): they are shown as scientific numbers. */
const HUGE = 1e21;

/** An integer with thousands separators: 138357544 -> "138,357,544" (1e21 and more: "1.23457e+21"). */
export function fmtInt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= HUGE) return fmtNum(n);
  const sign = n < 0 ? '-' : '';
  const digits = Math.abs(Math.round(n)).toString();
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A number as a student would write it: integers exactly, other values with
 * up to `sig` significant digits and no trailing zeros (0.7310585786 -> "0.731059").
 */
export function fmtNum(n: number, sig = 6): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '-∞';
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  if (n !== 0 && (Math.abs(n) < 1e-4 || Math.abs(n) >= 1e15)) {
    const [m, e] = n.toExponential(sig - 1).split('e');
    return `${trimZeros(m!)}e${e}`;
  }
  const s = trimZeros(n.toPrecision(sig));
  return s === '-0' ? '0' : s;
}

/** A number in parentheses when negative, for substituting into formulas: 3 - (-2). */
export function paren(n: number, sig = 6): string {
  const s = fmtNum(n, sig);
  return n < 0 ? `(${s})` : s;
}

/** Large counts in engineering units: 15466180608 -> "15.47 G". */
export function fmtSI(n: number, digits = 2): string {
  const abs = Math.abs(n);
  const units: Array<[number, string]> = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'K']];
  for (const [scale, unit] of units) {
    if (abs >= scale) return `${(n / scale).toFixed(digits)} ${unit}`;
  }
  return String(n);
}

/** Bytes in both binary and decimal units, labelled: "3.06 MiB (3.21 MB)". */
export function fmtBytes(bytes: number): string {
  const mib = bytes / 2 ** 20;
  const mb = bytes / 1e6;
  if (bytes < 1e4) return `${fmtInt(bytes)} B`;
  if (mib < 1) return `${(bytes / 1024).toFixed(2)} KiB (${(bytes / 1000).toFixed(2)} KB)`;
  if (mib >= 1024) return `${(mib / 1024).toFixed(2)} GiB (${(bytes / 1e9).toFixed(2)} GB)`;
  return `${mib.toFixed(2)} MiB (${mb.toFixed(2)} MB)`;
}

/** Largest denominator shown as a fraction in a verdict: 2/3, 5/6, 7/12; 79/15 is shown as 5.267. */
const MAX_DENOMINATOR = 12;

/**
 * A value as a verdict shows the right answer: integers exactly, a short
 * decimal as it is (0.25, 0.3 for 0.30000000000000004), a simple fraction
 * as a fraction (2/3, not 0.6666666667), anything else to 4 significant
 * digits (0.7311), which the answer checker accepts as a rounded answer.
 */
export function fmtReal(x: number): string {
  if (!Number.isFinite(x) || Number.isInteger(x)) return fmtNum(x, 10);
  const close = (a: number) => Math.abs(a - x) <= 1e-12 * Math.abs(x);
  const short = fmtNum(x, 6);
  if (close(Number(short))) return short;
  for (let q = 2; q <= MAX_DENOMINATOR; q++) {
    const p = Math.round(x * q);
    if (close(p / q)) return `${p}/${q}`;
  }
  return fmtNum(x, 4);
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
