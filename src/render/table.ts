/** A plain aligned text table; widths count characters as displayed (CJK counts double). */
import { style } from './style';

export type Align = 'left' | 'right';

export interface TableOptions {
  align?: Align[];
  /** Column gap in spaces. */
  gap?: number;
}

export function displayWidth(s: string): number {
  // eslint-disable-next-line no-control-regex
  const plain = s.replace(/\u001b\[[0-9;]*m/g, '');
  let w = 0;
  for (const ch of plain) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6))) ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'right' ? fill + s : s + fill;
}

export function renderTable(header: string[], rows: string[][], opts: TableOptions = {}): string {
  const gap = ' '.repeat(opts.gap ?? 2);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const align = (i: number): Align => opts.align?.[i] ?? 'left';
  const fmtRow = (r: string[]) => r.map((c, i) => pad(c ?? '', widths[i]!, align(i))).join(gap).trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join(gap);
  return [style.bold(fmtRow(header)), style.dim(rule), ...rows.map(fmtRow)].join('\n');
}
