/**
 * Cloze blanks: `{{answer}}` in a prompt, `|` between accepted alternatives
 * (`{{ReLU|relu}}`). A blank whose alternatives are numbers is graded as a
 * number (core/answer.ts rules); text blanks ignore case, spaces and
 * punctuation. In line mode all blanks come on one line separated by ";".
 */
import { checkNumber, parseNumber } from '../../core/answer';

const BLANK = /\{\{(.*?)\}\}/g;

export interface ClozeText {
  /** The prompt split around its blanks: parts.length === blanks.length + 1. */
  parts: string[];
  /** Accepted alternatives of each blank, in order. */
  blanks: string[][];
}

/** Splits a prompt into text parts and blanks. */
export function parseCloze(text: string): ClozeText {
  const parts: string[] = [];
  const blanks: string[][] = [];
  let last = 0;
  for (const m of text.matchAll(BLANK)) {
    parts.push(text.slice(last, m.index));
    blanks.push(m[1]!.split('|').map((s) => s.trim()));
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  return { parts, blanks };
}

/**
 * The prompt with each blank replaced by a marker ⟦n⟧ (1-based) that
 * survives LaTeX rendering, also inside $...$; present.ts turns the markers
 * into ____(n) after rendering.
 */
export function markBlanks(text: string): string {
  const { parts } = parseCloze(text);
  return parts.map((p, i) => (i === 0 ? p : `⟦${i}⟧${p}`)).join('');
}

/** Lowercase, without spaces and punctuation (ASCII and full-width), for comparing text blanks. */
export function normaliseBlank(s: string): string {
  return s.toLowerCase().normalize('NFKC').replace(/[\s\p{P}]/gu, '');
}

/** Whether every alternative of the blank is a number (then answers are graded as numbers). */
export function isNumericBlank(alternatives: string[]): boolean {
  return alternatives.length > 0 && alternatives.every((a) => parseNumber(a) !== null);
}

export interface BlankVerdict {
  ok: boolean;
  given: string;
  expected: string;
}

/** Grades one blank against its alternatives (and any extra alternatives, e.g. the other language's). */
export function checkBlank(given: string, alternatives: string[]): BlankVerdict {
  const g = given.trim();
  const expected = alternatives[0] ?? '';
  if (isNumericBlank(alternatives)) {
    return { ok: alternatives.some((a) => checkNumber(g, parseNumber(a)!.value).ok), given: g, expected };
  }
  const n = normaliseBlank(g);
  return { ok: n !== '' && alternatives.some((a) => normaliseBlank(a) === n), given: g, expected };
}

/** Splits a line of blank answers: "0.9; 0.999" (a full-width ；works too). */
export function splitBlankAnswers(input: string): string[] {
  return input.split(/[;；]/).map((s) => s.trim());
}
