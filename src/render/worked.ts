/** Renders a worked solution (core/worked.ts) as indented, lightly coloured text. */
import type { Worked, WorkedLine } from '../core/worked';
import { style } from './style';

function line(l: WorkedLine): string {
  switch (l.kind) {
    case 'heading': return `\n${style.bold(l.text)}`;
    case 'formula': return `  ${style.formula(l.text)}`;
    case 'step': return `    ${l.text}`;
    case 'result': return `  ${style.good('→')} ${style.bold(l.text)}`;
    case 'note': return `  ${style.dim(l.text)}`;
    case 'warn': return `  ${style.warn(`! ${l.text}`)}`;
  }
}

export function renderWorked(w: Worked): string {
  return [style.heading(w.title), ...w.lines.map(line)].join('\n');
}

/** Plain text with no colour, for places that store or compare the solution (quiz feedback, JSON). */
export function workedToPlainLines(w: Worked): string[] {
  return w.lines.map((l) => {
    switch (l.kind) {
      case 'heading': return l.text;
      case 'formula': return `  ${l.text}`;
      case 'step': return `    ${l.text}`;
      case 'result': return `  → ${l.text}`;
      case 'note': return `  ${l.text}`;
      case 'warn': return `  ! ${l.text}`;
    }
  });
}
