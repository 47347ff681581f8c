/**
 * Review histories for tests, made the way the quiz makes them: each answer
 * recorded through Store.recordReview with the real scheduler, on the days a
 * card falls due, rated by a simulated student whose recall follows a known
 * FSRS model (so an optimizer has something true to find).
 */
import { forgetting_curve, FSRSAlgorithm, generatorParameters, type FSRSState } from 'ts-fsrs';
import { addDays, dayKey, dayStart } from '../../src/quiz/clock';
import { cardState, type LogRow, type Store } from '../../src/quiz/store/store';
import { isLeechLapse, makeFsrs, newCardState, scheduleWith, type CardState, type Rating } from '../../src/quiz/schedule';
import type { FSRS } from 'ts-fsrs';
import { seededRng, type Rng } from '../../src/core/random';

export interface Student {
  /** The student's true memory (FSRS parameters); recall is drawn from its forgetting curve. */
  w: readonly number[];
  rng: Rng;
}

export function student(w: readonly number[], seed = 7): Student {
  return { w, rng: seededRng(seed) };
}

/** The rating the student gives: Again when the memory fails, else mostly Good. */
function rate(s: Student, recall: number): Rating {
  if (s.rng.next() >= recall) return 1;
  const x = s.rng.next();
  return x < 0.1 ? 2 : x < 0.92 ? 3 : 4;
}

export interface StudyOptions {
  /** Questions, in the order they are introduced. */
  ids: readonly string[];
  /** First study day (YYYY-MM-DD) and how many days. */
  from: string;
  days: number;
  newPerDay: number;
  /** Local hour answers are given at. */
  hour?: number;
  dayStartHour?: number;
  leechThreshold?: number;
  /** Study only on these day offsets (default every day). */
  on?: (offset: number) => boolean;
}

/**
 * Studies for `days` days: due cards first (learning steps within the day),
 * then new ones; returns the number of answers recorded.
 */
export function study(store: Store, f: FSRS, who: Student, o: StudyOptions): number {
  const hourOfDay = o.hour ?? 9;
  const dsh = o.dayStartHour ?? 4;
  let introduced = 0;
  let answers = 0;
  for (let d = 0; d < o.days; d++) {
    if (o.on && !o.on(d)) continue;
    const day = addDays(o.from, d);
    const start = dayStart(day, dsh).getTime() + (hourOfDay - dsh) * 3_600_000;
    const end = dayStart(addDays(day, 1), dsh).getTime();
    let t = start;
    const fresh = o.ids.slice(introduced, introduced + o.newPerDay);
    introduced += fresh.length;
    const queue = [...o.ids.slice(0, introduced - fresh.length).filter((id) => {
      const c = store.card(id);
      return c && !c.suspended && c.due < end;
    }), ...fresh];
    for (let guard = 0; queue.length > 0 && guard < 10_000; guard++) {
      const id = queue.shift()!;
      const cur = store.card(id);
      if (cur && cur.due > t && cur.due >= end) continue;
      t = Math.max(t + 7_000, cur && cur.reps > 0 ? Math.min(cur.due, end - 1) : t);
      if (t >= end) break;
      const now = new Date(t);
      const before = cur && cur.reps > 0 ? cardState(cur) : newCardState(now);
      const elapsed = before.last_review === null ? 0 : Math.max(0, Math.floor((t - before.last_review) / 86_400_000));
      const recall = before.reps === 0 ? 0.75 : forgetting_curve([...who.w], elapsed, Math.max(before.stability, 0.01));
      const rating = rate(who, recall);
      const rec = store.recordReview({
        cardId: id, now, day: dayKey(now, dsh), rating, elapsedMs: 3000 + Math.floor(who.rng.next() * 9000),
        answer: String(rating), correct: rating > 1, hash: `h:${id}`, sessionId: null, ...(rating === 1 ? { slips: ['forgot-bias'] } : {}),
      }, cur?.reps ?? 0, (c) => {
        const b = c && c.reps > 0 ? cardState(c) : newCardState(now);
        const s = scheduleWith(f, id, b, now, rating);
        return { before: b, after: s.after, leech: s.lapse && isLeechLapse(s.after.lapses, o.leechThreshold ?? 8) };
      });
      answers += 1;
      if (!rec.leech && (rec.after.state === 1 || rec.after.state === 3) && rec.after.due < end) queue.push(id);
    }
  }
  return answers;
}

/** Every card's stored state and flags, by id, for comparing two stores. */
export function cardTable(store: Store): Record<string, unknown> {
  const rows = store.db.prepare('SELECT id, state, due, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, learning_steps, last_review, suspended, leech FROM cards ORDER BY id').all() as Array<Record<string, unknown>>;
  return Object.fromEntries(rows.map((r) => [r.id as string, r]));
}

/** The review log as comparable rows (what log export carries), in time order. */
export function logTable(store: Store): string[] {
  return store.logRows(true).map((r) => JSON.stringify(r)).sort();
}

/**
 * A review log as the quiz writes it, without a store (fast): each card
 * introduced in turn (8 a day), reviewed when the scheduler (default
 * parameters, fuzz on) says, recalled with the probability the student's true
 * memory `trueW` gives (tracked apart from the scheduler's estimate).
 */
export function simulatedLog(trueW: readonly number[], cards: number, days: number, seed = 3, prefix = 'q'): LogRow[] {
  const f = makeFsrs({ retention: 0.9, fuzz: true, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], maximumInterval: 36500 });
  const truth = new FSRSAlgorithm(generatorParameters({ w: [...trueW], enable_fuzz: false }));
  const rng = seededRng(seed);
  const start = Date.UTC(2025, 0, 1, 1, 0);
  const rows: LogRow[] = [];
  for (let c = 0; c < cards; c++) {
    const id = `${prefix}${c}`;
    let t = start + Math.floor(c / 8) * 86_400_000 + (c % 8) * 60_000;
    let s: CardState = newCardState(new Date(t));
    let mind: FSRSState | null = null;
    let seen = t;
    while (t < start + days * 86_400_000) {
      const elapsed = Math.floor((t - seen) / 86_400_000);
      const p = mind === null ? 0.7 : forgetting_curve([...trueW], elapsed, mind.stability);
      const rating: Rating = rng.next() < p ? (rng.next() < 0.9 ? 3 : 4) : 1;
      rows.push({ card_id: id, reviewed_at: t, day: dayKey(new Date(t), 4), rating, state_before: s.state, elapsed_ms: 5000, answer: null, correct: rating > 1, question_hash: null, params: null, slips: [], undone: false });
      mind = truth.next_state(mind, elapsed, rating);
      seen = t;
      s = scheduleWith(f, id, s, new Date(t), rating).after;
      t = Math.max(s.due, t + 60_000);
    }
  }
  return rows.sort((a, b) => a.reviewed_at - b.reviewed_at);
}
