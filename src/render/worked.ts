/** Renders a worked solution (core/worked.ts) as indented, lightly coloured text. */
import { tr, type Lang } from '../core/text';
import type { Worked, WorkedLine } from '../core/worked';
import { currentLang } from './lang';
import { style } from './style';

/**
 * Lines as plain text with their indentation. A step that starts with "="
 * lines up under the "=" of the formula above it, as on paper.
 */
function layout(lines: WorkedLine[], lang: Lang): Array<{ line: WorkedLine; text: string }> {
  let eqCol = 4;
  return lines.map((line) => {
    const text = tr(line.text, lang);
    switch (line.kind) {
      case 'heading': return { line, text };
      case 'formula': {
        const at = text.indexOf(' = ');
        eqCol = at >= 0 ? 2 + at + 1 : 4;
        return { line, text: `  ${text}` };
      }
      case 'step': return { line, text: `${' '.repeat(text.startsWith('=') ? eqCol : 4)}${text}` };
      case 'result': return { line, text: `  → ${text}` };
      case 'note': return { line, text: `  ${text}` };
      case 'warn': return { line, text: `  ! ${text}` };
    }
  });
}

function paint(line: WorkedLine, text: string): string {
  switch (line.kind) {
    case 'heading': return `\n${style.bold(text)}`;
    case 'formula': return style.formula(text);
    case 'step': return text;
    case 'result': return text.replace(/→ (.*)$/, (_, rest: string) => `${style.good('→')} ${style.bold(rest)}`);
    case 'note': return style.dim(text);
    case 'warn': return style.warn(text);
  }
}

export function renderWorked(w: Worked, lang: Lang = currentLang()): string {
  return [style.heading(tr(w.title, lang)), ...layout(w.lines, lang).map(({ line, text }) => paint(line, text))].join('\n');
}

/** Plain text with no colour, for places that store or compare the solution (quiz feedback, logs). */
export function workedToPlainLines(w: Worked, lang: Lang = currentLang()): string[] {
  return layout(w.lines, lang).map(({ line, text }) => (line.kind === 'heading' ? `\n${text}` : text));
}
