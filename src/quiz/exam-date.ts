/**
 * Studying toward an exam date (`dlnotes config set exam 2027-01-15T09:00`),
 * as plain data: the review window before the exam, the cap that brings every
 * card back into that window once more, and how many new questions a day see
 * everything in time. The scheduler (schedule.ts), the quiz and `dlnotes plan`
 * all use these, so the plan forecasts what the quiz will do. After the exam
 * nothing here changes anything: the normal schedule resumes.
 */
import { seedFrom } from '../core/random';
import { addDays, dayKey, dayStart, daysBetween, type DayKey } from './clock';
import type { CardState } from './schedule';
import type { QueueItem } from './session/queue';

/**
 * Study days before the exam day in which every card is reviewed once more.
 * Three: a card reviewed then is still fresh on the day (at FSRS's default
 * parameters, a card answered Good once keeps R > 0.9 for about 3 days), and
 * the final reviews are spread over several days instead of one.
 */
export const EXAM_REVIEW_DAYS = 3;

const DAY_MS = 86_400_000;

export interface ExamDate {
  /** The exam's instant (epoch ms). */
  at: number;
  /** The study day the exam falls on. */
  day: DayKey;
  /** The first study day of the review window, and its start (epoch ms). */
  windowDay: DayKey;
  windowStart: number;
  /** The start (epoch ms) of each day of the review window, in order. */
  windowStarts: readonly number[];
  dayStartHour: number;
}

/** The exam at `at`, with study days starting at `dayStartHour`. */
export function examDate(at: Date, dayStartHour: number): ExamDate {
  const day = dayKey(at, dayStartHour);
  const windowDay = addDays(day, -EXAM_REVIEW_DAYS);
  const windowStarts = Array.from({ length: EXAM_REVIEW_DAYS }, (_, i) => dayStart(addDays(windowDay, i), dayStartHour).getTime());
  return { at: at.getTime(), day, windowDay, windowStart: windowStarts[0]!, windowStarts, dayStartHour };
}

/**
 * Caps one scheduled review for the exam: a card answered before the review
 * window whose next due date would fall on or after the exam is brought
 * forward to a day of the window instead (the day picked by the card id, so
 * the window's load is spread evenly and a replay gives the same day). Reviews
 * in the window and after the exam are left alone.
 */
export function capForExam(id: string, after: CardState, now: number, exam: ExamDate): CardState {
  const due = capDue(id, after.due, now, exam);
  return due === after.due ? after : { ...after, due, scheduled_days: Math.max(0, Math.round((due - now) / DAY_MS)) };
}

/** The start of the window day a question's final review is brought to (by its id, so the window's load spreads evenly). */
export function examSlot(id: string, exam: ExamDate): number {
  return exam.windowStarts[seedFrom(`exam|${id}`) % exam.windowStarts.length]!;
}

/** The due date capForExam gives a review at `now` that FSRS scheduled for `due` (`slot`: examSlot of the question). */
export function capDue(id: string, due: number, now: number, exam: ExamDate, slot?: number): number {
  if (now >= exam.windowStart || due < exam.at) return due;
  return Math.min(due, Math.max(slot ?? examSlot(id, exam), now));
}

export interface NewPace {
  /** New questions a day: the configured number, raised when that would not see everything in time. */
  perDay: number;
  /** The last day on which new questions are introduced (the day before the review window, or the exam day inside it). */
  deadline: DayKey;
  /** Study days from today to the deadline, today included. */
  days: number;
  /** True when the exam raised the configured number. */
  raised: boolean;
}

/**
 * How many new questions a day see all `unseen` by the deadline: before the
 * review window, every question is introduced before the window starts (so
 * it gets its learning reviews and a review in the window); inside the window,
 * by the exam day. Null after the exam (the normal limits apply).
 */
export function newPace(unseen: number, today: DayKey, exam: ExamDate, configured: number): NewPace | null {
  if (daysBetween(today, exam.day) < 0) return null;
  const deadline = daysBetween(today, exam.windowDay) > 0 ? addDays(exam.windowDay, -1) : exam.day;
  const days = Math.max(1, daysBetween(today, deadline) + 1);
  const needed = Math.ceil(unseen / days);
  return { perDay: Math.max(configured, needed), deadline, days, raised: needed > configured };
}

/** Whether `now` is before the exam (the exam-aware schedule applies). */
export function beforeExam(exam: ExamDate, now: number): boolean {
  return now < exam.at;
}

/** A question for the cram order: its predicted recall at the exam (null: never seen). */
export interface CramCandidate {
  id: string;
  recall: number | null;
  /** The card's reps (0 when never seen). */
  reps: number;
  /** Suspended: left out. */
  held: boolean;
}

/**
 * The order of quiz --cram: the lowest predicted recall at the exam first
 * (a question never seen counts 0, like the plan counts it), bank order among
 * equals; suspended questions left out.
 */
export function cramOrder(cands: readonly CramCandidate[]): QueueItem[] {
  return cands
    .map((c, i) => ({ c, i, r: c.recall ?? 0 }))
    .filter((x) => !x.c.held)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map(({ c }): QueueItem => ({ id: c.id, kind: c.recall === null ? 'new' : 'review', due: 0, reps: c.reps }));
}
