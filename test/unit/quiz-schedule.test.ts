import { describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, generatorParameters, get_fuzz_range, Rating as R, type Card, type Grade } from 'ts-fsrs';
import {
  autoRating, fsrsParams, isLeechLapse, makeFsrs, newCardState, parseRating, scheduleWith, type CardState, type Rating, type ScheduleOptions,
} from '../../src/quiz/schedule';

const OPTS: ScheduleOptions = { retention: 0.9, fuzz: false, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], maximumInterval: 36500 };
const T0 = new Date('2025-03-01T10:00:00Z');
const DAY = 86_400_000;

function asState(c: Card): CardState {
  return {
    state: c.state as number as CardState['state'], due: c.due.getTime(), stability: c.stability, difficulty: c.difficulty,
    elapsed_days: c.elapsed_days, scheduled_days: c.scheduled_days, reps: c.reps, lapses: c.lapses,
    learning_steps: c.learning_steps, last_review: c.last_review ? c.last_review.getTime() : null,
  };
}

/** A review history with fixed dates: [minutes after T0, rating]. */
const HISTORY: Array<[number, Rating]> = [
  [0, 3], [1, 3], [11, 3], [60 * 24 * 2, 3], [60 * 24 * 9, 1], [60 * 24 * 9 + 10, 3],
  [60 * 24 * 12, 2], [60 * 24 * 20, 4], [60 * 24 * 60, 3], [60 * 24 * 200, 1], [60 * 24 * 200 + 15, 3],
];

describe('schedule: the wrapper produces exactly ts-fsrs cards (fuzz off)', () => {
  it('follows a whole history with fixed dates', () => {
    const ours = makeFsrs(OPTS);
    const ref = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: false, learning_steps: ['1m', '10m'], relearning_steps: ['10m'], maximum_interval: 36500 }));
    let mine = newCardState(T0);
    let theirs: Card = createEmptyCard(T0);
    for (const [min, rating] of HISTORY) {
      const now = new Date(T0.getTime() + min * 60_000);
      mine = scheduleWith(ours, 'cnn.q1', mine, now, rating).after;
      theirs = ref.next(theirs, now, rating as Grade).card;
      expect(mine).toEqual(asState(theirs));
    }
    expect(mine.lapses).toBe(2);
    expect(mine.reps).toBe(HISTORY.length);
  });

  it('matches the FSRS formulas on a new card', () => {
    const f = makeFsrs(OPTS);
    const w = fsrsParams(OPTS).w;
    // Easy on a new card graduates at once: S0 = w3, interval = round(S0) at 90% retention.
    const easy = scheduleWith(f, 'a', newCardState(T0), T0, 4).after;
    expect(easy.state).toBe(2);
    expect(easy.stability).toBeCloseTo(w[3]!, 10);
    expect(easy.scheduled_days).toBe(Math.round(w[3]!));
    expect(easy.due).toBe(T0.getTime() + Math.round(w[3]!) * DAY);
    // Good on a new card goes to the second learning step (10 minutes).
    const good = scheduleWith(f, 'a', newCardState(T0), T0, 3).after;
    expect(good.state).toBe(1);
    expect(good.due).toBe(T0.getTime() + 10 * 60_000);
    expect(good.stability).toBeCloseTo(w[2]!, 10);
    // Again: back to the first step (1 minute).
    const again = scheduleWith(f, 'a', newCardState(T0), T0, 1).after;
    expect(again.due).toBe(T0.getTime() + 60_000);
  });

  it('reports a lapse only for Again on a review card', () => {
    const f = makeFsrs(OPTS);
    const review = scheduleWith(f, 'a', newCardState(T0), T0, 4).after;
    const later = new Date(review.due);
    expect(scheduleWith(f, 'a', review, later, 1).lapse).toBe(true);
    expect(scheduleWith(f, 'a', review, later, 3).lapse).toBe(false);
    expect(scheduleWith(f, 'a', newCardState(T0), T0, 1).lapse).toBe(false);
  });

  it('honours the desired retention (higher retention, shorter interval)', () => {
    const hi = scheduleWith(makeFsrs({ ...OPTS, retention: 0.95 }), 'a', newCardState(T0), T0, 4).after;
    const lo = scheduleWith(makeFsrs({ ...OPTS, retention: 0.8 }), 'a', newCardState(T0), T0, 4).after;
    expect(hi.scheduled_days).toBeLessThan(8);
    expect(lo.scheduled_days).toBeGreaterThan(8);
  });
});

describe('schedule: fuzz', () => {
  const fuzzy = { ...OPTS, fuzz: true };
  // The same review card (graduated without fuzz), reviewed on its due date with fuzz on.
  const graduated = scheduleWith(makeFsrs(OPTS), 'x', newCardState(T0), T0, 4).after;
  function longInterval(id: string): CardState {
    return scheduleWith(makeFsrs(fuzzy), id, graduated, new Date(graduated.due), 4).after;
  }
  it('is deterministic for the same id, time and history', () => {
    expect(longInterval('cnn.a')).toEqual(longInterval('cnn.a'));
  });
  it('stays inside ts-fsrs fuzz range and varies with the id', () => {
    const ref = scheduleWith(makeFsrs(OPTS), 'x', graduated, new Date(graduated.due), 4).after;
    const { min_ivl, max_ivl } = get_fuzz_range(ref.stability, graduated.scheduled_days, 36500);
    expect(max_ivl).toBeGreaterThan(min_ivl);
    const seen = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const d = longInterval(`deck.q${i}`).scheduled_days;
      expect(d).toBeGreaterThanOrEqual(min_ivl);
      expect(d).toBeLessThanOrEqual(max_ivl);
      seen.add(d);
    }
    expect(seen.size).toBeGreaterThan(1);
  });
});

describe('ratings', () => {
  it('maps auto-grading to Good/Again', () => {
    expect(autoRating(true)).toBe(R.Good);
    expect(autoRating(false)).toBe(R.Again);
  });
  it.each([
    ['1', 1], ['4', 4], ['again', 1], ['Hard', 2], ['g', 3], ['EASY', 4], [' 3 ', 3],
  ])('parses %j', (t, r) => expect(parseRating(t)).toBe(r));
  it.each(['0', '5', '', 'ok', 'goo d'])('rejects %j', (t) => expect(parseRating(t)).toBeNull());
});

describe('leeches (threshold 8, as Anki)', () => {
  it.each([
    [7, false], [8, true], [9, false], [11, false], [12, true], [16, true], [17, false],
  ])('lapse %d -> %s', (n, leech) => expect(isLeechLapse(n, 8)).toBe(leech));
});
