/**
 * The guessing habit of choice questions: when the right option is
 * usually the longest, a student can score by picking the longest. For a
 * deck, the share of single-answer choice questions whose key is the
 * uniquely longest option (as displayed: LaTeX rendered, CJK counting two
 * columns) should stay at most a third in each language; `bank lint`
 * warns when it does not.
 */
import { renderMathText } from '../../render/latex';
import { displayWidth } from '../../render/table';
import { LANGS, textIn } from '../lang';
import type { ChoiceQuestion, Lang, Question } from '../types';

/** The share above which lint warns. */
export const LONGEST_KEY_SHARE = 1 / 3;
/** Decks with fewer single-answer choice questions are not judged: a share of 2 means little. */
export const LONGEST_KEY_MIN_QUESTIONS = 6;

/** Whether the only correct option is strictly longer than every other option, in `lang`. */
export function keyIsLongest(q: ChoiceQuestion, lang: Lang): boolean {
  if (q.answer.length !== 1) return false;
  const key = q.answer[0]!;
  const widths = q.choices.map((c) => displayWidth(renderMathText(textIn(c, lang))));
  return widths.every((w, i) => i === key || w < widths[key]!);
}

export interface LongestKeyShare {
  /** Single-answer choice questions. */
  single: number;
  /** Ids whose key is the uniquely longest option, per language. */
  longest: Record<Lang, string[]>;
}

/** The longest-key share of some questions (usually one deck). */
export function longestKeyShare(questions: readonly Question[]): LongestKeyShare {
  const single = questions.filter((q): q is ChoiceQuestion => q.type === 'choice' && q.answer.length === 1);
  const longest = Object.fromEntries(LANGS.map((lang) => [lang, single.filter((q) => keyIsLongest(q, lang)).map((q) => q.id)])) as Record<Lang, string[]>;
  return { single: single.length, longest };
}

/** Whether a deck's share is over the limit in some language (decks too small to judge never are). */
export function overLongestKeyLimit(s: LongestKeyShare): boolean {
  return s.single >= LONGEST_KEY_MIN_QUESTIONS && LANGS.some((lang) => s.longest[lang].length > s.single * LONGEST_KEY_SHARE);
}
