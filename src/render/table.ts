/** A plain aligned text table; widths count characters as displayed (CJK counts double). */
import { style } from './style';

export type Align = 'left' | 'right';

export interface TableOptions {
  align?: Align[];
  /** Column gap in spaces. */
  gap?: number;
}

/**
 * Anything that may not be one column per code unit: escape codes, surrogates, and
 * U+1100 up, except the punctuation and symbols of U+2000-U+2E7F (—, ×, →, ≈).
 */
// eslint-disable-next-line no-control-regex
const MAYBE_WIDE = /[\u001b\u1100-\u1fff\u2e80-\uffff]/;

export function displayWidth(s: string): number {
  // Fast path: long tables (a network summary has hundreds of rows) are mostly narrow text.
  if (!MAYBE_WIDE.test(s)) return s.length;
  // eslint-disable-next-line no-control-regex
  const plain = s.replace(/\u001b\[[0-9;]*m/g, '');
  let w = 0;
  for (const ch of plain) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6))) ? 2 : 1;
  }
  return w;
}

export function renderTable(header: string[], rows: string[][], opts: TableOptions = {}): string {
  const gap = ' '.repeat(opts.gap ?? 2);
  const n = header.length;
  // Plain loops, each cell measured once: a network summary has thousands of cells and runs once per process.
  const widths = header.map(displayWidth);
  const cellWidths: number[][] = new Array(rows.length);
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j]!;
    const w: number[] = new Array(r.length);
    for (let i = 0; i < r.length; i++) {
      const d = displayWidth(r[i] ?? '');
      w[i] = d;
      if (i < n && d > widths[i]!) widths[i] = d;
    }
    cellWidths[j] = w;
  }
  const right = header.map((_, i) => opts.align?.[i] === 'right');
  const line = (r: string[], w: number[]): string => {
    let out = '';
    for (let i = 0; i < r.length; i++) {
      const c = r[i] ?? '';
      const fill = i < n ? ' '.repeat(Math.max(0, widths[i]! - w[i]!)) : '';
      out += (i > 0 ? gap : '') + (right[i] ? fill + c : c + fill);
    }
    return out.trimEnd();
  };
  const out = [style.bold(line(header, widths.map((_, i) => displayWidth(header[i]!)))), style.dim(widths.map((w) => '─'.repeat(w)).join(gap))];
  for (let j = 0; j < rows.length; j++) out.push(line(rows[j]!, cellWidths[j]!));
  return out.join('\n');
}
