/**
 * dlnotes optimize on fixed review logs made by a simulated student whose
 * memory follows known FSRS parameters: fsrs-rs finds them (closer than the
 * defaults), the report is judged on later reviews than the fit saw, and a
 * given log always gives the same parameters (reference values below).
 */
import { describe, expect, it } from 'vitest';
import * as binding from '@open-spaced-repetition/binding';
import { default_w } from 'ts-fsrs';
import { fitParameters, MIN_ITEMS, NotEnoughHistory, stepsText, stepText, TEST_SHARE } from '../../src/quiz/optimize';
import { habitsOf, recommendRetention, simulate, DEFAULT_HABITS } from '../../src/quiz/simulate';
import { memoryModel } from '../../src/quiz/memory';
import type { LogRow } from '../../src/quiz/store/store';
import { simulatedLog } from '../helpers/history';

/**
 * The simulated student: remembers a first Good for 8 days (the default model
 * says 2.3), but each successful review strengthens the memory less (w8).
 */
const TRUE_W = [...default_w];
TRUE_W[2] = 8;
TRUE_W[3] = 20;
TRUE_W[8] = 1.0;
const makeLog = (cards: number, days: number, seed = 3): LogRow[] => simulatedLog(TRUE_W, cards, days, seed);

const OPTIONS = { dayStartHour: 4, timeZone: 'UTC', offsetMinutes: () => 0, desiredRetention: 0.9, relearningSteps: 1 };
const LOG = makeLog(800, 200);

/** Reference: what fsrs-rs 6.5 (binding 0.5.0, training seed 2023) fits to LOG. */
const REFERENCE_W = [0.248, 1.9042, 7.8501, 10.7278, 6.5424, 0.7814, 3.2569, 0.001, 1.5506, 0.3193, 0.4677, 1.4886, 0.0819, 0.2735, 1.6623, 0.6014, 1.6296, 0.5663, 0.0552, 0.0716, 0.1244];
/** Reference: log loss and RMSE (bins) of the defaults and of the early fit on the held-out reviews. */
const REFERENCE_EVAL = { before: { logloss: 0.4969, rmse: 0.0908 }, after: { logloss: 0.4706, rmse: 0.0600 } };

describe('optimize', () => {
  it('finds the student\'s memory from the log, judged on later reviews than it was fitted on', async () => {
    const r = await fitParameters(binding, LOG, OPTIONS);
    expect(r.reviews).toBe(LOG.length);
    expect(r.items).toBeGreaterThanOrEqual(MIN_ITEMS);
    expect(r.train + r.test).toBe(r.items);
    expect(r.split_at).toBe(LOG[Math.floor(LOG.length * (1 - TEST_SHARE))]!.reviewed_at);
    // The held-out items are the reviews from split_at on: a fit on the earlier rows alone makes exactly the training items.
    const earlier = LOG.filter((x) => x.reviewed_at < r.split_at);
    expect(binding.convertCsvToFsrsItems(Buffer.from(['card_id,review_time,review_rating,review_state,review_duration', ...earlier.map((x) => `${x.card_id},${x.reviewed_at},${x.rating},${x.state_before},${x.elapsed_ms}`)].join('\n')), 4, 'UTC', () => 0).length).toBe(r.train);
    expect(r.w).toHaveLength(21);
    expect(r.after.logloss).toBeLessThan(r.before.logloss);
    expect(r.after.rmse).toBeLessThan(r.before.rmse);
    // The first-Good stability and the growth on success: far closer to the truth than the defaults.
    expect(Math.abs(r.w[2]! - TRUE_W[2]!)).toBeLessThan(Math.abs(default_w[2]! - TRUE_W[2]!) / 2);
    expect(Math.abs(r.w[8]! - TRUE_W[8]!)).toBeLessThan(Math.abs(default_w[8]! - TRUE_W[8]!));
    expect(r.w).toHaveLength(REFERENCE_W.length);
    r.w.forEach((x, i) => expect(Math.abs(x - REFERENCE_W[i]!), `w${i}`).toBeLessThan(0.02 + 0.01 * Math.abs(REFERENCE_W[i]!)));
    for (const k of ['before', 'after'] as const) {
      expect(r[k].logloss).toBeCloseTo(REFERENCE_EVAL[k].logloss, 2);
      expect(r[k].rmse).toBeCloseTo(REFERENCE_EVAL[k].rmse, 2);
    }
    expect(r.current).toBeUndefined();
  }, 60_000);

  it('gives the same parameters for the same log, and reports the parameters in use', async () => {
    const a = await fitParameters(binding, LOG, OPTIONS);
    const b = await fitParameters(binding, LOG, { ...OPTIONS, current: a.w });
    expect(b.w).toEqual(a.w);
    expect(b.current!.logloss).toBeLessThan(b.before.logloss);
  }, 60_000);

  it('reports progress as (phase, done, total), phases in order', async () => {
    // The binding reports every 50 ms while a fit runs (a fast fit may report nothing).
    const seen: Array<[number, number, number]> = [];
    await fitParameters(binding, [...LOG, ...makeLog(800, 200, 9).map((r) => ({ ...r, card_id: `b${r.card_id}` }))].sort((a, b) => a.reviewed_at - b.reviewed_at), {
      ...OPTIONS, progress: (phase, done, total) => { seen.push([phase, done, total]); },
    });
    for (const [phase, done, total] of seen) {
      expect([1, 2]).toContain(phase);
      expect(done).toBeGreaterThanOrEqual(0);
      expect(done).toBeLessThanOrEqual(total);
    }
    expect(seen.map(([p]) => p)).toEqual([...seen.map(([p]) => p)].sort());
  }, 60_000);

  it('refuses below the minimum, saying how many usable reviews there are', async () => {
    const short = makeLog(30, 20);
    const err = await fitParameters(binding, short, OPTIONS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotEnoughHistory);
    expect((err as NotEnoughHistory).needed).toBe(400);
    expect((err as NotEnoughHistory).items).toBeLessThan(400);
  });

  it.each([[12, '1m'], [83, '1m'], [600, '10m'], [5400, '1.5h'], [172800, '2d']])('step of %i s is %s', (s, text) => {
    expect(stepText(s)).toBe(text);
  });

  it('drops a step that rounds to the one before', () => {
    expect(stepsText([12, 83, 600])).toEqual(['1m', '10m']);
    expect(stepsText([])).toEqual([]);
  });
});

describe('retention simulator', () => {
  const model = (retention: number) => memoryModel({ retention, fuzz: false, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], maximumInterval: 36500 });
  const input = { questions: 300, days: 120, newPerDay: 10, habits: DEFAULT_HABITS, sample: 300 };

  it('costs more time at a higher retention and is repeatable', () => {
    const low = simulate(model, 0.75, input);
    const high = simulate(model, 0.95, input);
    expect(high.minutes_per_day).toBeGreaterThan(low.minutes_per_day);
    expect(high.remembered).toBeGreaterThan(low.remembered);
    expect(simulate(model, 0.75, input)).toEqual(low);
  });

  it('recommends the candidate with the least time per question remembered', () => {
    const r = recommendRetention(model, input);
    expect(r.table).toHaveLength(26);
    const best = Math.min(...r.table.map((w) => w.seconds_per_remembered));
    expect(r.table.find((w) => w.retention === r.retention)!.seconds_per_remembered).toBe(best);
    expect(r.retention).toBeGreaterThanOrEqual(0.7);
    expect(r.retention).toBeLessThanOrEqual(0.95);
  });

  it('reads the student\'s habits from the log, defaults where it has too few answers', () => {
    const h = habitsOf(LOG);
    expect(h.seconds.pass).toBeCloseTo(5, 5);
    expect(h.first.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(h.pass[1]).toBeGreaterThan(0.8);
    expect(habitsOf([])).toEqual(DEFAULT_HABITS);
  });
});
