/**
 * Choice answers: letters a..h as shown, one ("b") or several ("a,c", "a c",
 * "ac"); graded as sets, so "c,a" equals "a,c".
 */
import { bi, msg, type Text } from '../../core/text';

export const LETTERS = 'abcdefgh';

const M = {
  letters: msg((range: string, many: boolean) => `answer with choice letters (${range})${many ? ', e.g. a,c' : ''}`,
    (range, many) => `请用选项字母作答（${range}）${many ? '，如 a,c' : ''}`),
  oneOnly: bi('one answer only', '只有一个正确答案'),
  right: bi('right', '正确'),
  soFar: msg((n: number) => `right so far, but ${n} more correct choice${n > 1 ? 's' : ''}`, (n) => `选对了一部分，还差 ${n} 个正确选项`),
  wrong: bi('wrong choice', '选错了'),
};

/** What stands for "no choice" (the interactive "submit no choice"): graded, as a wrong answer. */
const NONE = new Set(['-', 'none', '无']);

/** The letter of a 0-based position. */
export function letter(i: number): string {
  return LETTERS[i] ?? '?';
}

/** Reads "a,c" / "a c" / "ac" / "(a)" / "A；C" into sorted unique 0-based positions; null if anything else is there. */
export function parseLetters(input: string, count: number): number[] | null {
  const cleaned = input.normalize('NFKC').trim().toLowerCase().replace(/[()[\]]/g, '');
  if (cleaned === '') return null;
  if (NONE.has(cleaned)) return [];
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
  feedback: Text;
  given: string;
  /** Not letters of this question's choices: asked again, never graded. */
  unreadable?: boolean;
}

/** Grades letters against the correct positions (both as displayed). */
export function checkLetters(input: string, correct: number[], count: number): ChoiceVerdict {
  const given = parseLetters(input, count);
  const range = `a-${letter(count - 1)}`;
  if (given === null) {
    return { correct: false, unreadable: true, feedback: M.letters(range, correct.length > 1), given: input.trim() };
  }
  const text = given.map(letter).join(',');
  if (correct.length === 1 && given.length > 1) return { correct: false, feedback: M.oneOnly, given: text };
  const same = given.length === correct.length && given.every((g, i) => g === [...correct].sort((a, b) => a - b)[i]);
  if (same) return { correct: true, feedback: M.right, given: text };
  const missing = correct.filter((c) => !given.includes(c)).length;
  const extra = given.filter((g) => !correct.includes(g)).length;
  const feedback = correct.length > 1 && extra === 0 && missing > 0 ? M.soFar(missing) : M.wrong;
  return { correct: false, feedback, given: text };
}
