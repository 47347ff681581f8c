/**
 * Grading the blanks of a diagram question: each answer is compared with
 * the label's text in both languages and its other accepted names, ignoring
 * case, spaces, subscripts written as _{t-1} or ₜ₋₁, and punctuation (unless
 * the label is only punctuation or a symbol, like ⊙ or +).
 */
import type { DiagramLabel } from '../../core/diagrams/types';
import { tr } from '../../core/text';

/** Case, width, subscripts (NFKC), minus signs, × and spaces normalised; punctuation kept. */
function strict(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\u2212\u2010-\u2015]/g, '-').replace(/[×✕*]/g, 'x').replace(/\s+/g, '');
}

/** Also without punctuation and symbols: "Add & Norm" = "add norm", "h_{t-1}" = "ht1". */
function loose(s: string): string {
  return strict(s).replace(/[\p{P}\p{S}]/gu, '');
}

/** Every answer a label accepts: its text in both languages and its other names. */
export function labelAnswers(label: DiagramLabel): string[] {
  return [...new Set([tr(label.text, 'en'), tr(label.text, 'zh'), ...(label.accept ?? [])])];
}

/** Whether a student's answer names the label. */
export function matchesLabel(given: string, label: DiagramLabel): boolean {
  const g = strict(given);
  if (g === '') return false;
  const gl = loose(given);
  return labelAnswers(label).some((a) => strict(a) === g || (gl !== '' && loose(a) === gl));
}

/**
 * One line of answers split into blanks: "forget gate; input gate" (a
 * full-width ；works too; a ; inside brackets, as in [h; x], does not
 * split). A leading blank number, "(2) input gate" or "2. input gate", is
 * dropped.
 */
export function splitDiagramAnswers(input: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of input) {
    if ('([{（【'.includes(ch)) depth += 1;
    else if (')]}）】'.includes(ch)) depth = Math.max(0, depth - 1);
    if ((ch === ';' || ch === '；') && depth === 0) {
      parts.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts.map((s) => s.trim().replace(/^(?:\(\d+\)|（\d+）|\d+[.:：、)）])\s*/, '').trim());
}
