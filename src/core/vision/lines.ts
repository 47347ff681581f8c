/**
 * Long sums and lists in worked solutions, broken into lines that fit 80
 * columns: "AP = a + b + c" continues on the next line as "+ d + e". The
 * renderer indents steps by 4 and formulas by 2, so 72 characters are left.
 */
import type { WorkedBuilder } from '../worked';

export const LINE_WIDTH = 72;

/** A formula too long for one line: the first line as the formula, the rest as its continuation. */
export function formulaLines(wb: WorkedBuilder, lines: readonly string[]): void {
  lines.forEach((l, i) => (i === 0 ? wb.formula(l) : wb.step(l)));
}

/** Joins `terms` with `sep` after `head`, starting a new line (beginning with `cont`) when one would grow past `width`. */
export function wrapTerms(head: string, terms: readonly string[], sep = ' + ', cont = `${sep.trimStart()}`, width = LINE_WIDTH): string[] {
  const lines: string[] = [];
  let line = head;
  terms.forEach((t, i) => {
    const piece = i === 0 ? t : `${sep}${t}`;
    if (i > 0 && line.length + piece.length > width) {
      lines.push(line);
      line = `${cont}${t}`;
    } else line += piece;
  });
  lines.push(line);
  return lines;
}
