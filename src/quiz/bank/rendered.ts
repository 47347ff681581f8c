/**
 * Every text of a question that holds LaTeX, rendered, keyed by the exact
 * string present() will render: the cache stores these so that a quiz from
 * a cached bank shows formulas without loading the LaTeX parser.
 */
import { renderMathText } from '../../render/latex';
import { markBlanks } from '../grade/cloze';
import { LANGS } from '../lang';
import type { Question, Text } from '../types';

export function renderedTexts(questions: readonly Question[]): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (raw: string): void => {
    if (raw.includes('$') && !(raw in out)) out[raw] = renderMathText(raw);
  };
  const text = (t: Text | undefined, mark?: (s: string) => string): void => {
    if (t === undefined) return;
    for (const lang of LANGS) {
      const s = typeof t === 'string' ? t : t[lang];
      add(mark ? mark(s) : s);
    }
  };
  for (const q of questions) {
    text(q.prompt, q.type === 'cloze' ? markBlanks : undefined);
    text(q.explanation);
    text(q.hint);
    if (q.type === 'card') text(q.answer);
    if (q.type === 'choice') q.choices.forEach((c) => text(c));
    if (q.type === 'choice' || q.type === 'numeric') q.slips?.forEach((s) => text(s.explanation));
    if (q.type === 'formula' && q.display !== undefined) add(`$${q.display}$`);
  }
  return out;
}
