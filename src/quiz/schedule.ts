/**
 * Scheduling with FSRS (ts-fsrs v5). This is the only module that talks to
 * ts-fsrs: the store keeps plain CardState rows, and the session passes
 * `now` in. Fuzz is seeded from the question id, the review time and the
 * repetition count, so a given history always schedules the same way.
 */
import {
  createEmptyCard,
  fsrs,
  generatorParameters,
  State as FsrsState,
  StrategyMode,
  type Card,
  type FSRS,
  type Grade,
  type StepUnit,
} from 'ts-fsrs';
import { capForExam, type ExamDate } from './exam-date';

/** 1 Again, 2 Hard, 3 Good, 4 Easy (FSRS and Anki numbering). */
export type Rating = 1 | 2 | 3 | 4;
export const RATING_NAMES: Record<Rating, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

/** 0 New, 1 Learning, 2 Review, 3 Relearning (as ts-fsrs State). */
export type CardStateKind = 0 | 1 | 2 | 3;
export const STATE_NAMES: Record<CardStateKind, string> = { 0: 'new', 1: 'learning', 2: 'review', 3: 'relearning' };

/** The FSRS memory state of one question, as stored. Times are epoch milliseconds. */
export interface CardState {
  state: CardStateKind;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  reps: number;
  lapses: number;
  learning_steps: number;
  last_review: number | null;
}

export interface ScheduleOptions {
  retention: number;
  fuzz: boolean;
  learningSteps: string[];
  relearningSteps: string[];
  maximumInterval: number;
  /** Fitted FSRS parameters (dlnotes optimize --apply); absent or empty: FSRS's defaults. */
  w?: readonly number[];
  /** The exam the schedule works toward (exam-date.ts); absent: no exam. */
  exam?: ExamDate;
}

/** Auto-graded questions: right -> Good, wrong -> Again. */
export function autoRating(correct: boolean): Rating {
  return correct ? 3 : 1;
}

// Read from what the student types in either language (words.ts holds the names).
export { parseRating } from './words';

/** A question never reviewed. */
export function newCardState(now: Date): CardState {
  return toState(createEmptyCard(now));
}

function toState(c: Card): CardState {
  return {
    state: c.state as number as CardStateKind,
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    reps: c.reps,
    lapses: c.lapses,
    learning_steps: c.learning_steps,
    last_review: c.last_review ? c.last_review.getTime() : null,
  };
}

interface SeededCard extends Card { cid: string }

function toCard(id: string, s: CardState): SeededCard {
  // One shape for every card (last_review present, undefined when never
  // reviewed): ts-fsrs copies the card with a spread twice a review, and a
  // card built by a conditional spread made that copy several times slower
  // (a third of the time of replaying 100,000 reviews in log import).
  const card: SeededCard = {
    cid: id,
    state: s.state as number as FsrsState,
    due: new Date(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsed_days,
    scheduled_days: s.scheduled_days,
    reps: s.reps,
    lapses: s.lapses,
    learning_steps: s.learning_steps,
    last_review: s.last_review !== null ? new Date(s.last_review) : undefined,
  };
  return card;
}

/** The ts-fsrs parameters for our options (exported so tests can compare with ts-fsrs directly). */
export function fsrsParams(o: ScheduleOptions): ReturnType<typeof generatorParameters> {
  return generatorParameters({
    request_retention: o.retention,
    enable_fuzz: o.fuzz,
    learning_steps: o.learningSteps as StepUnit[],
    relearning_steps: o.relearningSteps as StepUnit[],
    maximum_interval: o.maximumInterval,
    ...(o.w && o.w.length > 0 ? { w: [...o.w] } : {}),
  });
}

/** Seed for the fuzz: question id, review instant and repetition count. */
export function seedFor(id: string, reviewTime: Date, reps: number): string {
  return `${id}|${reviewTime.getTime()}|${reps}`;
}

/**
 * The exam each scheduler works toward. Kept beside the scheduler rather than
 * in it so that the quiz, exam and drill runners, which hold a plain ts-fsrs
 * FSRS, schedule toward the exam without knowing about it.
 */
const EXAMS = new WeakMap<FSRS, ExamDate>();

/** Builds the ts-fsrs scheduler for our options, with the id-based fuzz seed. */
export function makeFsrs(o: ScheduleOptions): FSRS {
  const f = fsrs(fsrsParams(o)).useStrategy(StrategyMode.SEED, function seed(this: unknown): string {
    // ts-fsrs calls this with its scheduler: `current` is the card being reviewed (reps already counted).
    const self = this as { current: SeededCard; review_time: Date };
    return seedFor(self.current.cid, self.review_time, self.current.reps);
  });
  if (o.exam) EXAMS.set(f, o.exam);
  return f;
}

export interface Scheduled {
  after: CardState;
  /** A review of a Review card rated Again (FSRS counts it in `lapses`). */
  lapse: boolean;
}

/** Schedules one review with a prepared scheduler. */
export function scheduleWith(f: FSRS, id: string, before: CardState, now: Date, rating: Rating): Scheduled {
  const { card } = f.next(toCard(id, before), now, rating as number as Grade);
  const exam = EXAMS.get(f);
  const after = exam ? capForExam(id, toState(card), now.getTime(), exam) : toState(card);
  return { after, lapse: after.lapses > before.lapses };
}

/**
 * Whether this lapse makes the question a leech: at the threshold, then every
 * half threshold after it (8, 12, 16, ... as Anki does), so a student who
 * unsuspends a leech is warned again if it keeps failing.
 */
export function isLeechLapse(lapses: number, threshold: number): boolean {
  if (lapses < threshold) return false;
  const every = Math.max(1, Math.ceil(threshold / 2));
  return (lapses - threshold) % every === 0;
}
