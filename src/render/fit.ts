/**
 * A table that fits the terminal. When the full table would be wider, its
 * last column (a free-text one: a description, a list) is wrapped inside its
 * column; when even that leaves it too narrow, it moves to an indented line
 * under each row. Never a line that runs off the screen.
 */
import { displayWidth, renderTable, type TableOptions } from './table';
import { style } from './style';
import { termWidth } from './width';
import { wrapText } from './wrap';

/** Narrower than this, a wrapped column reads worse than a line of its own. */
const MIN_COLUMN = 24;

export function renderTableFit(header: string[], rows: string[][], opts: TableOptions = {}): string {
  const width = termWidth();
  // Measured at full width: renderTable itself would cut the cells this wraps.
  const full = renderTable(header, rows, { ...opts, width: Infinity });
  if (Math.max(...full.split('\n').map(displayWidth)) <= width) return full;
  const last = header.length - 1;
  const gap = opts.gap ?? 2;
  const lines = renderTable(header.slice(0, last), rows.map((r) => r.slice(0, last)), { ...opts, ...(opts.align ? { align: opts.align.slice(0, last) } : {}) }).split('\n');
  const left = Math.max(...lines.map(displayWidth));
  const pad = (l: string): string => l + ' '.repeat(Math.max(0, left - displayWidth(l)));
  const room = width - left - gap;
  if (room >= MIN_COLUMN) {
    const cells = rows.map((r) => wrapText(r[last] ?? '', room).split('\n'));
    const ruleWidth = Math.min(room, Math.max(displayWidth(header[last]!), ...cells.flat().map(displayWidth)));
    const sep = ' '.repeat(gap);
    return [
      `${pad(lines[0]!)}${sep}${header[last]}`.trimEnd(),
      `${pad(lines[1]!)}${sep}${'─'.repeat(ruleWidth)}`,
      ...rows.flatMap((_, i) => cells[i]!.map((c, k) => `${k === 0 ? pad(lines[i + 2]!) : ' '.repeat(left)}${sep}${c}`.trimEnd())),
    ].join('\n');
  }
  return [...lines.slice(0, 2), ...rows.flatMap((r, i) => {
    const cell = r[last] ?? '';
    return [lines[i + 2]!, ...(cell.trim() ? [style.dim(wrapText(`    ${cell}`, width))] : [])];
  })].join('\n');
}
