/**
 * Choice answers: letters a..h as shown, one ("b") or several ("a,c", "a c",
 * "ac"); graded as sets, so "c,a" equals "a,c".
 */
export const LETTERS = 'abcdefgh';

/** The letter of a 0-based position. */
export function letter(i: number): string {
  return LETTERS[i] ?? '?';
}

/** Reads "a,c" / "a c" / "ac" / "(a)" / "A；C" into sorted unique 0-based positions; null if anything else is there. */
export function parseLetters(input: string, count: number): number[] | null {
  const cleaned = input.trim().toLowerCase().replace(/[()[\]]/g, '');
  if (cleaned === '') return null;
  const parts = /^[a-h]+$/.test(cleaned) ? [...cleaned] : cleaned.split(/[\s,;，；、]+/).filter(Boolean);
  const out = new Set<number>();
  for (const p of parts) {
    const i = LETTERS.indexOf(p);
    if (p.length !== 1 || i < 0 || i >= count) return null;
    out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

export interface ChoiceVerdict {
  correct: boolean;
  feedback: string;
  given: string;
}

/** Grades letters against the correct positions (both as displayed). */
export function checkLetters(input: string, correct: number[], count: number): ChoiceVerdict {
  const given = parseLetters(input, count);
  const range = `a-${letter(count - 1)}`;
  if (given === null) {
    return { correct: false, feedback: `answer with choice letters (${range})${correct.length > 1 ? ', e.g. a,c' : ''}`, given: input.trim() };
  }
  const text = given.map(letter).join(',');
  if (correct.length === 1 && given.length > 1) return { correct: false, feedback: 'one answer only', given: text };
  const same = given.length === correct.length && given.every((g, i) => g === [...correct].sort((a, b) => a - b)[i]);
  if (same) return { correct: true, feedback: 'right', given: text };
  const missing = correct.filter((c) => !given.includes(c)).length;
  const extra = given.filter((g) => !correct.includes(g)).length;
  const feedback = correct.length > 1 && extra === 0 && missing > 0 ? `right so far, but ${missing} more correct choice${missing > 1 ? 's' : ''}` : 'wrong choice';
  return { correct: false, feedback, given: text };
}
