/**
 * The question bank as loaded in memory, and the contract between the bank
 * side (loading, linting, presenting and grading questions: src/quiz/bank,
 * src/quiz/present.ts) and the session side (scheduling, store, the daily
 * session: src/quiz/store, src/quiz/session). See docs/bank-format.md for
 * the YAML these come from.
 */
import type { Worked } from '../core/worked';
import type { Rng } from '../core/random';

import type { Lang, Text } from '../core/text';

export type { Lang, Text } from '../core/text';

export type QuestionType = 'card' | 'choice' | 'numeric' | 'formula' | 'cloze' | 'generated' | 'diagram';

export interface QuestionBase {
  id: string;
  type: QuestionType;
  deck: string;
  prompt?: Text;
  explanation?: Text;
  hint?: Text;
  tags: string[];
  source: string;
  /** Where it was written, for messages: file path and 1-based line. */
  file: string;
  line: number;
  /** Hash of the question's content (not its id): a change means the text was edited. */
  hash: string;
}

export interface CardQuestion extends QuestionBase { type: 'card'; answer: Text }
export interface ChoiceQuestion extends QuestionBase {
  type: 'choice';
  choices: Text[];
  /** 0-based indices of the correct choices. */
  answer: number[];
  shuffle: boolean;
}
export interface NumericQuestion extends QuestionBase {
  type: 'numeric';
  answer: number;
  /** A count (parameters, MACs, bytes): only the exact answer is right, or an estimate marked ~. */
  count?: boolean;
  tolerance?: number;
  relTolerance?: number;
  unit?: string;
}
export interface FormulaQuestion extends QuestionBase {
  type: 'formula';
  /** mathjs syntax. */
  answer: string;
  /** Every variable the answer may use, with its sampling range. */
  variables: Record<string, [number, number]>;
  /** LaTeX for showing the answer. */
  display?: string;
}
export interface ClozeQuestion extends QuestionBase { type: 'cloze'; prompt: Text }
export interface GeneratedQuestion extends QuestionBase {
  type: 'generated';
  template: string;
  options?: Record<string, unknown>;
}

/** Fill in the numbered blanks of an architecture diagram (src/core/diagrams). */
export interface DiagramQuestion extends QuestionBase {
  type: 'diagram';
  /** The diagram's id (`dlnotes diagram --list`). */
  diagram: string;
  /** The label keys to blank; they are numbered in reading order. */
  blanks: string[];
}

export type Question = CardQuestion | ChoiceQuestion | NumericQuestion | FormulaQuestion | ClozeQuestion | GeneratedQuestion | DiagramQuestion;

export interface Deck {
  id: string;
  title: Text;
  order: number;
  file: string;
  questions: Question[];
}

export interface Section {
  id: string;
  title: string;
  weight: number;
}

export interface Bank {
  decks: Deck[];
  /** All questions in bank order (deck order, then file order). */
  questions: Question[];
  byId: Map<string, Question>;
  sections: Section[];
  tags: Map<string, string>;
}

/** How the session should ask for the answer. */
export type AnswerMode =
  | { kind: 'reveal' }
  | { kind: 'choice'; choices: string[]; multiple: boolean }
  | { kind: 'number'; unit?: string }
  | { kind: 'tuple'; labels?: string[] }
  | { kind: 'formula'; variables: string[] }
  | { kind: 'cloze'; blanks: number };

/** One review's question, ready to show: generated problems are drawn here. */
export interface Presented {
  questionId: string;
  type: QuestionType;
  /** The prompt in the chosen language, LaTeX already shown as Unicode. */
  prompt: string;
  mode: AnswerMode;
  hint?: string;
  /** The correct answer as text, for feedback. */
  answerText: string;
  explanation?: string;
  /** Worked solution of a generated problem. */
  solution?: Worked;
  /** Shown after the answer: the complete diagram of a diagram question. */
  figure?: string;
  /** Parameters a generated problem drew (stored in the review log). */
  params?: Record<string, unknown>;
  /** Grades one answer line (not used for reveal cards, which the student rates). */
  grade(input: string): GradeResult;
}

export interface GradeResult {
  correct: boolean;
  /** A short verdict: "right", "wrong value", "not an expression in s". */
  feedback: string;
  /** The answer as the student gave it, normalised for the log. */
  given: string;
  /** The answer could not be read (feedback says why): ask again, never grade it. */
  unreadable?: boolean;
  /** Right as an estimate (~1.2k), not exactly. */
  approx?: boolean;
  /** Classic slips a wrong answer matches (core/slips.ts), in the question's language. */
  slips?: Array<{ id: string; text: string }>;
}

/** Signature of present() in src/quiz/present.ts. */
export type PresentFn = (q: Question, lang: Lang, rng: Rng) => Presented;
