import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { Session } from '../../src/quiz/session/runner';
import { LineIo, LineReader } from '../../src/quiz/session/io-line';
import { Store } from '../../src/quiz/store/store';
import { DEFAULT_CONFIG, type QuizConfig } from '../../src/quiz/config';
import { makeFsrs } from '../../src/quiz/schedule';
import type { Question } from '../../src/quiz/types';
import { cardQ, fakePresent, numericQ, tempHome } from '../helpers/quiz';
import { join } from 'node:path';
import { loadBank } from '../../src/quiz/bank/load';
import { present, prepareGenerators } from '../../src/quiz/present';
import { GENERATORS, registerGenerators } from '../../src/quiz/generators/index';
import { FIXTURE_GENERATORS } from '../fixtures/generators';
import { ROOT } from '../helpers/cli';
import type { PresentFn } from '../../src/quiz/types';

const CONFIG: QuizConfig = { ...DEFAULT_CONFIG, fuzz: false, day_start_hour: 4 };
const T0 = new Date('2025-03-01T10:00:00Z');

async function run(home: string, questions: Question[], lines: string[], now: Date, over: Partial<{ newPerDay: number; reviewsPerDay: number; config: QuizConfig; present: PresentFn; clock: () => Date }> = {}) {
  const store = Store.open(home, { now });
  const out: string[] = [];
  const config = over.config ?? CONFIG;
  const io = new LineIo(new LineReader(Readable.from(lines.map((l) => `${l}\n`))), (t) => out.push(t));
  try {
    const s = new Session({
      store, questions, present: over.present ?? fakePresent, lang: 'en', io, clock: over.clock ?? (() => now), config,
      scheduler: makeFsrs({ retention: config.desired_retention, fuzz: config.fuzz, learningSteps: config.learning_steps, relearningSteps: config.relearning_steps, maximumInterval: config.maximum_interval }),
      newPerDay: over.newPerDay ?? config.new_per_day, reviewsPerDay: over.reviewsPerDay ?? config.reviews_per_day, shuffle: false,
    });
    const summary = await s.run();
    const text = out.join('\n');
    // `flat`: the text with wrapped lines joined, for sentences that may wrap at 80 columns.
    return { summary, text, flat: text.replace(/ *\n */g, ' '), reviews: store.allReviews() };
  } finally {
    store.close();
  }
}

const Q1 = numericQ('cnn.p1', 760);
const Q2 = numericQ('cnn.p2', 42);

describe('Session in line mode', () => {
  it('asks, grades, schedules and brings learning steps back', async () => {
    const home = tempHome();
    // p1 right (Good -> 10m step), p2 wrong (Again -> 1m step); the steps come back within the learn-ahead window.
    const r = await run(home, [Q1, Q2], ['760', '7', '42', '760', '42', '42'], T0);
    expect(r.text).toContain('due 0 · new 2');
    expect(r.text).toContain('✓ right: 760');
    expect(r.text).toContain('✗ wrong value: you said 7; the answer is 42');
    expect(r.text).toContain('→ Again · next in 1m');
    expect(r.reviews.map((x) => [x.card_id, x.rating, x.answer])).toEqual([
      ['cnn.p1', 3, '760'], ['cnn.p2', 1, '7'], ['cnn.p2', 3, '42'], ['cnn.p1', 3, '760'], ['cnn.p2', 3, '42'],
    ]);
    // Both graduated: nothing left today, so the sixth line is never read.
    expect(r.summary).toMatchObject({ answered: 5, recalled: 4, ended: 'done', streak: 1, tomorrow: { due: 1, fresh: 0 } });
    expect(r.text).toContain('answered  5 · right 4 (80%)');
  });

  it('end of input ends cleanly with what was answered kept', async () => {
    const home = tempHome();
    const r = await run(home, [Q1, Q2], ['760'], T0);
    expect(r.summary).toMatchObject({ answered: 1, ended: 'input' });
    expect(r.text).toContain('End of input: session ended.');
    expect(r.reviews).toHaveLength(1);
  });

  it('self-graded cards: one line reveals, the next rates', async () => {
    const home = tempHome();
    const r = await run(home, [cardQ('act.relu')], ['whatever I type', 'sure', 'easy'], T0);
    expect(r.text).toContain('Answer: the answer to act.relu');
    expect(r.text).toContain('"sure" is not a rating');
    expect(r.reviews.map((x) => [x.rating, x.correct, x.answer])).toEqual([[4, null, null]]);
  });

  it('limits new questions per day across sessions', async () => {
    const home = tempHome();
    const qs = [numericQ('d.a', 1), numericQ('d.b', 2), numericQ('d.c', 3)];
    const first = await run(home, qs, ['1'], T0, { newPerDay: 2 });
    expect(first.text).toContain('new 2');
    expect(first.text).toContain('1 more new beyond today');
    const second = await run(home, qs, [], new Date(T0.getTime() + 3600_000), { newPerDay: 2 });
    expect(second.text).toContain('new 1');
    // Next study day: the limit starts afresh.
    const third = await run(home, qs, [], new Date(T0.getTime() + 86_400_000), { newPerDay: 2 });
    expect(third.text).toMatch(/new 2/);
  });

  it('undo puts the last answer back and marks it undone in the log', async () => {
    const home = tempHome();
    const r = await run(home, [Q1, Q2], ['1', ':u', '760', '42'], T0);
    expect(r.text).toContain('undone: cnn.p1 is back as it was');
    expect(r.reviews.map((x) => [x.card_id, x.answer, x.undone])).toEqual([
      ['cnn.p1', '1', true], ['cnn.p1', '760', false], ['cnn.p2', '42', false],
    ]);
    expect(r.reviews[1]!.before).toBeNull();
    expect(r.summary.answered).toBe(2);
  });

  it('bury hides a question until the next study day; suspend until unsuspended', async () => {
    const home = tempHome();
    const r = await run(home, [Q1, Q2], [':b', ':sus'], T0);
    expect(r.reviews).toHaveLength(0);
    expect(r.text).toContain('buried until');
    const later = await run(home, [Q1, Q2], [], new Date(T0.getTime() + 3600_000));
    expect(later.text).toContain('new 0');
    const tomorrow = await run(home, [Q1, Q2], [], new Date(T0.getTime() + 86_400_000));
    expect(tomorrow.text).toContain('new 1');
    expect(tomorrow.text).toContain('cnn.p1');
    expect(tomorrow.text).not.toContain('cnn.p2');
  });

  it('notices an edited question and keeps its history', async () => {
    const home = tempHome();
    await run(home, [Q1], ['760', '760'], T0);
    const edited = { ...Q1, prompt: 'How many parameters (edited)?', hash: 'h:new' };
    const later = new Date(T0.getTime() + 30 * 86_400_000);
    const r = await run(home, [edited], ['760'], later);
    expect(r.text).toContain('this question was edited since you last answered it');
    expect(r.reviews.map((x) => x.question_hash)).toEqual([Q1.hash, Q1.hash, 'h:new']);
    const again = await run(home, [edited], [], new Date(later.getTime() + 365 * 86_400_000));
    expect(again.text).not.toContain('edited since');
  });

  it('suspends a leech after 8 lapses', async () => {
    const home = tempHome();
    const q = numericQ('cnn.hard', 5);
    let now = T0;
    // First sight: right until it graduates.
    await run(home, [q], ['5', '5', '5'], now);
    let lapses = 0;
    let last = '';
    for (let day = 0; day < 200 && lapses < 8; day++) {
      const store = Store.open(home, { now });
      const card = store.card('cnn.hard')!;
      store.close();
      if (card.suspended) break;
      now = new Date(Math.max(card.due, now.getTime() + 86_400_000));
      const r = await run(home, [q], ['0', '5', '5'], now);
      lapses = r.reviews.filter((x) => x.state_before === 2 && x.rating === 1).length;
      last = r.text;
    }
    expect(lapses).toBe(8);
    expect(last).toContain('leech');
    const store = Store.open(home, { now });
    expect(store.card('cnn.hard')).toMatchObject({ lapses: 8, leech: true, suspended: true });
    store.close();
    const after = await run(home, [q], ['5'], new Date(now.getTime() + 400 * 86_400_000));
    expect(after.reviews.filter((x) => x.reviewed_at > now.getTime())).toHaveLength(0);
  });
});

describe('Session with generated questions (real present, fixture generators)', () => {
  it('shows the worked solution and logs the drawn parameters', async () => {
    if (!GENERATORS.has('fixture-conv-size')) registerGenerators(FIXTURE_GENERATORS);
    await prepareGenerators();
    const bank = loadBank([join(ROOT, 'test', 'fixtures', 'bank-gen')], { cache: false });
    const q = bank.byId.get('gen.conv-size')!;
    const home = tempHome();
    const r = await run(home, [q], ['-1'], T0, { present });
    expect(r.text).toContain('✗');
    expect(r.text).toContain('Conv output size');
    const [rev] = r.reviews;
    const { n, k, s, p } = rev!.params as { n: number; k: number; s: number; p: number };
    const out = Math.floor((n - k + 2 * p) / s) + 1;
    expect(r.text).toContain(`the answer is ${out}`);
    // The same question, time and history draw the same problem: its right answer is accepted.
    const again = await run(tempHome(), [q], [String(out)], T0, { present });
    expect(again.text).toContain('✓ right');
    expect(again.text).toContain('Conv output size');
  });
});

describe('Session: answers that cannot be read, slips, progress and the day\'s new questions', () => {
  it('an unreadable answer is asked again with the reason and never recorded', async () => {
    const home = tempHome();
    const q = numericQ('cnn.p1', 760);
    const readable: PresentFn = (x, lang, rng) => {
      const p = fakePresent(x, lang, rng);
      return { ...p, grade: (input) => (/^\d+$/.test(input.trim()) ? p.grade(input) : { correct: false, unreadable: true, feedback: `not a number: ${input.trim()}`, given: input.trim() }) };
    };
    const r = await run(home, [q], ['four', '', '760'], T0, { present: readable });
    expect(r.text).toContain('  ? not a number: four');
    expect(r.text).toMatch(/answer: a number:\n {2}\? not a number: four\nanswer: a number:\n {2}\? not a number: *\nanswer: a number:\n✓ right: 760/);
    expect(r.text).toContain('✓ right: 760');
    expect(r.reviews.map((x) => [x.answer, x.correct])).toEqual([['760', true]]);
  });

  it('records the slips of a wrong answer and names them in the feedback', async () => {
    const home = tempHome();
    const q = numericQ('cnn.params', 760);
    const slipping: PresentFn = (x, lang, rng) => {
      const p = fakePresent(x, lang, rng);
      return { ...p, grade: (input) => ({ ...p.grade(input), ...(input.trim() === '750' ? { slips: [{ id: 'forgot-bias', text: 'looks like the bias was forgotten' }] } : {}) }) };
    };
    const r = await run(home, [q], ['750', '760'], T0, { present: slipping });
    expect(r.flat).toContain('✗ wrong value: you said 750; the answer is 760 — looks like the bias was forgotten');
    expect(r.reviews.map((x) => x.slips)).toEqual([['forgot-bias'], []]);
  });

  it('the progress bar counts the questions left, not a growing total', async () => {
    const home = tempHome();
    const r = await run(home, [Q1, Q2], ['1', '42', '760', '42'], T0);
    const bars = [...r.text.matchAll(/(\d+) done · (\d+) left/g)].map((m) => [Number(m[1]), Number(m[2])]);
    // p1 wrong comes back: 2 left after one answer; then 1 after p2, which also comes back at its step.
    expect(bars[0]).toEqual([0, 2]);
    expect(bars[1]).toEqual([1, 2]);
    expect(bars.every(([, left]) => left! <= 2)).toBe(true);
  });

  it('says why no new question is shown, and how many are left today', async () => {
    const home = tempHome();
    const qs = [numericQ('d.a', 1), numericQ('d.b', 2), numericQ('d.c', 3)];
    const first = await run(home, qs, ['1', '2'], T0, { newPerDay: 2 });
    expect(first.flat).toContain('New today: 2 (limit 2 a day); 1 more new beyond today\'s limit');
    expect(first.summary.news).toEqual({ done: 2, limit: 2, left: 0, unseen: 1 });
    expect(first.flat).toContain("today's 2 new questions are done (--new 3 raises today's limit to 3)");
    const second = await run(home, qs, [], new Date(T0.getTime() + 3600_000), { newPerDay: 2 });
    expect(second.flat).toContain("No new questions now: today's 2 new questions are done; --new 3 raises today's limit to 3.");
    const raised = await run(home, qs, ['1', '2', '3'], new Date(T0.getTime() + 3600_000), { newPerDay: 3 });
    expect(raised.flat).toContain('New today: 1 (limit 3 a day, 2 already introduced today)');
    expect(raised.reviews.map((x) => x.card_id)).toContain('d.c');
    const off = await run(tempHome(), qs, [], T0, { newPerDay: 0 });
    expect(off.flat).toContain('the new-question limit is 0');
  });
});

describe('Undo of a generated question', () => {
  it('puts back the same problem, with the same numbers, though the clock has moved', async () => {
    if (!GENERATORS.has('fixture-conv-size')) registerGenerators(FIXTURE_GENERATORS);
    await prepareGenerators();
    const bank = loadBank([join(ROOT, 'test', 'fixtures', 'bank-gen')], { cache: false });
    const q = bank.byId.get('gen.conv-size')!;
    let t = T0.getTime();
    // Every reading of the clock is a second later: a new seed from the time would draw new numbers.
    const clock = (): Date => new Date((t += 1000));
    const r = await run(tempHome(), [q], ['-1', ':u', '-2'], T0, { present, clock });
    expect(r.reviews).toHaveLength(2);
    expect(r.reviews[0]!.undone).toBe(true);
    expect(r.reviews[1]!.params).toEqual(r.reviews[0]!.params);
  });
});
