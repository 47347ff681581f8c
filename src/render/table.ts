/** A plain aligned text table; widths count characters as displayed (CJK counts double). */
import { style } from './style';
import { termWidth } from './width';
import { wrapLine } from './wrap';

export type Align = 'left' | 'right';

export interface TableOptions {
  align?: Align[];
  /** Column gap in spaces. */
  gap?: number;
  /**
   * Fit this many columns (default: the terminal's width; Infinity for no
   * limit, as with --wide). Too wide a table first drops the columns in
   * `drop` (in that order), then shortens the cells of the `shrink` columns
   * (default: its left-aligned text columns, widest first) with "…".
   */
  width?: number;
  drop?: number[];
  shrink?: number[];
}

export interface FittedTable {
  text: string;
  /** Headers of the columns dropped to fit the width. */
  dropped: string[];
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
  return fitTable(header, rows, opts).text;
}

/** Cuts a cell to `width` columns with an ellipsis (colour codes dropped when cut). */
export function truncateCell(cell: string, width: number): string {
  if (displayWidth(cell) <= width) return cell;
  // eslint-disable-next-line no-control-regex
  const plain = cell.replace(/\u001b\[[0-9;]*m/g, '');
  let out = '';
  let w = 0;
  for (const ch of plain) {
    const cw = displayWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** Lays out a table within `opts.width` columns (see TableOptions), saying which columns it dropped. */
export function fitTable(header: string[], rows: string[][], opts: TableOptions = {}): FittedTable {
  const limit = opts.width ?? termWidth();
  const gapW = opts.gap ?? 2;
  // Every cell is measured once, up front: a network summary has hundreds of
  // rows, and dropping columns one by one must not measure them again.
  const colMax = header.map(displayWidth);
  for (const r of rows) {
    for (let i = 0; i < colMax.length; i++) {
      const d = displayWidth(r[i] ?? '');
      if (d > colMax[i]!) colMax[i] = d;
    }
  }
  const total = (cols: number[]): number => cols.reduce((a, i) => a + colMax[i]!, 0) + gapW * Math.max(0, cols.length - 1);
  let keep = header.map((_, i) => i);
  if (limit === Infinity || total(keep) <= limit) return { text: layoutTable(header, rows, opts), dropped: [] };
  const dropped: string[] = [];
  for (const col of opts.drop ?? []) {
    if (total(keep) <= limit) break;
    keep = keep.filter((i) => i !== col);
    dropped.push(header[col]!);
  }
  const h = keep.map((i) => header[i]!);
  const kept = rows.map((r) => keep.map((i) => r[i] ?? ''));
  let rs = kept;
  const align = opts.align ? keep.map((i) => opts.align![i] ?? 'left') : undefined;
  const widths = keep.map((i) => colMax[i]!);
  let over = total(keep) - limit;
  if (over > 0) {
    const shrinkable = (opts.shrink ?? keep.map((_, j) => j).filter((j) => (align?.[j] ?? 'left') === 'left'))
      .map((col) => (opts.shrink ? keep.indexOf(col) : col))
      .filter((j) => j >= 0)
      .sort((a, b) => widths[b]! - widths[a]!);
    for (const j of shrinkable) {
      if (over <= 0) break;
      const floor = Math.max(displayWidth(h[j]!), 8);
      const cut = Math.min(over, widths[j]! - floor);
      if (cut <= 0) continue;
      widths[j]! -= cut;
      over -= cut;
      rs = rs.map((r) => r.map((c, k) => (k === j ? truncateCell(c, widths[j]!) : c)));
    }
  }
  if (over > 0) return { text: recordLayout(h, kept, limit), dropped };
  return { text: layoutTable(h, rs, { ...opts, ...(align ? { align } : {}) }), dropped };
}

/**
 * The last resort for a table that cannot fit: one block per row, its first
 * cell then "header value" pairs, wrapped to the width.
 */
function recordLayout(header: string[], rows: string[][], width: number): string {
  return rows.map((r) => {
    const pairs = r.slice(1).map((c, i) => `${style.dim(header[i + 1]!)} ${c.trim() === '' ? '—' : c}`);
    return wrapLine(`${style.bold(r[0] ?? '')}  ${pairs.join(' · ')}`, width).join('\n');
  }).join('\n');
}

function layoutTable(header: string[], rows: string[][], opts: TableOptions): string {
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
