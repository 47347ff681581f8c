/**
 * Mock exams (`dlnotes exam`) as plain data: the paper drawn from the bank,
 * what happened to each of its questions, and the scores per deck. Shared
 * by the drawing (paper.ts), the scoring (score.ts), the runner and the
 * exams table (store/exams.ts).
 */
import { bi, type Bi } from '../../core/text';
import type { Lang, QuestionType } from '../types';

/** Question types a mock exam can grade by itself (self-graded cards are left out). */
export const EXAM_TYPES: readonly QuestionType[] = ['choice', 'numeric', 'formula', 'cloze', 'generated', 'diagram'];

/** One question on the paper. */
export interface PaperItem {
  id: string;
  deck: string;
  /** Section id (from sections.yaml) the question's `source` belongs to. */
  section: string;
  type: QuestionType;
}

/** How one section's share of the paper was worked out. */
export interface SectionShare {
  id: string;
  title: string;
  weight: number;
  /** Eligible questions in scope. */
  eligible: number;
  /** Of which generated problems. */
  generated: number;
  /** Questions drawn from it. */
  drawn: number;
  /** Of which generated problems. */
  drawnGenerated: number;
}

export interface Paper {
  seed: number;
  /** In deck order, then bank order within a deck. */
  items: PaperItem[];
  /** Auto-gradable questions in scope (after leaving out suspended ones). */
  eligible: number;
  /** Self-graded cards in scope, left out. */
  cards: number;
  /** Suspended questions left out. */
  suspended: number;
  sections: SectionShare[];
}

/** What happened to one question of the paper. */
export interface ItemResult {
  id: string;
  deck: string;
  type: QuestionType;
  answered: boolean;
  correct: boolean;
  /** The answer as given (normalised by the grader); null when unanswered. */
  given: string | null;
  /** Slip ids a wrong answer matched (core/slips.ts). */
  slips?: string[];
}

/** One deck's (chapter's) score. */
export interface DeckScore {
  deck: string;
  questions: number;
  answered: number;
  correct: number;
}

/** How an exam ended. */
export type ExamEnd = 'done' | 'quit' | 'time' | 'input' | 'interrupted';

export const END_NAMES: Record<ExamEnd, Bi> = {
  done: bi('all questions answered', '全部作答完毕'),
  quit: bi('handed in', '已交卷'),
  time: bi('time up', '时间到'),
  input: bi('end of input', '输入结束'),
  interrupted: bi('stopped (Ctrl-C)', '已中止（Ctrl-C）'),
};

/** What the paper was drawn from, so it can be re-taken with the same seed. */
export interface ExamScope {
  questions: number;
  deck?: string;
  tag?: string;
  /** --bank directories as given (absolute), when the shipped bank was replaced. */
  bank?: string[];
  lang: Lang;
}
