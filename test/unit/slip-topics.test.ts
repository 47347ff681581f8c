/**
 * stats suggests drilling a slip where the student made it (the review
 * log's question ids), not every topic that can show it: the pure choice
 * (topicsWhereMade), the store's count per question, and the template table
 * stats reads instead of loading the generators.
 */
import { describe, expect, it } from 'vitest';
import { SLIP_CATALOGUE } from '../../src/core/slips';
import { dayKey } from '../../src/quiz/clock';
import { TEMPLATE_TOPICS } from '../../src/quiz/drill/template-topics';
import { GENERATORS } from '../../src/quiz/generators/index';
import { newCardState } from '../../src/quiz/schedule';
import { topicsWhereMade } from '../../src/quiz/slip-record';
import { Store } from '../../src/quiz/store/store';
import { tempHome } from '../helpers/quiz';

const QUESTIONS: Record<string, readonly string[]> = {
  'gen.conv-params': ['params'],
  'gen.rnn-params': ['rnn'],
  'gen.mha': ['attention'],
  'hand.numeric': ['conv', 'params', 'calc'],
  'hand.untagged': ['calc'],
};
const topicsOf = (card: string): readonly string[] | undefined => QUESTIONS[card];

describe('topicsWhereMade', () => {
  // forgot-bias can show in attention, params and rnn templates.
  it.each<[string, string, Record<string, number> | undefined, string[]]>([
    ['made in one params question only', 'forgot-bias', { 'gen.conv-params': 2 }, ['params']],
    ['made in rnn more often than in params', 'forgot-bias', { 'gen.conv-params': 1, 'gen.rnn-params': 3 }, ['rnn', 'params']],
    ['a hand-written question: its tags, kept to the topics that show the slip', 'forgot-bias', { 'hand.numeric': 1 }, ['params']],
    ['questions gone from the bank: the catalogue', 'forgot-bias', { 'gone.q1': 4 }, ['attention', 'params', 'rnn']],
    ['no question says a topic that shows it: the catalogue', 'forgot-bias', { 'hand.untagged': 1 }, ['attention', 'params', 'rnn']],
    ['nothing known about where: the catalogue', 'forgot-bias', undefined, ['attention', 'params', 'rnn']],
    ['a known question and a gone one: the known one', 'forgot-bias', { 'gone.q1': 9, 'gen.mha': 1 }, ['attention']],
    ['an id the catalogue does not know', 'some-new-slip', { 'gen.conv-params': 1 }, []],
  ])('%s', (_, id, cards, want) => {
    expect(topicsWhereMade(id, cards ? new Map(Object.entries(cards)) : undefined, topicsOf)).toEqual(want);
  });

  it('every topic it suggests can show the slip', () => {
    for (const id of Object.keys(SLIP_CATALOGUE)) {
      const all = new Map(Object.keys(QUESTIONS).map((q) => [q, 1]));
      for (const t of topicsWhereMade(id, all, topicsOf)) expect(SLIP_CATALOGUE[id as keyof typeof SLIP_CATALOGUE].topics).toContain(t);
    }
  });
});

describe('the store: where each slip was recorded', () => {
  it('counts the reviews per question for each slip id, undone ones left out', () => {
    const home = tempHome();
    const store = Store.open(home, { now: new Date('2025-03-05T10:00:00Z') });
    const review = (cardId: string, slips: string[], minute: number) => {
      const now = new Date(Date.UTC(2025, 2, 5, 10, minute));
      return store.recordReview({ cardId, now, day: dayKey(now, 4), rating: 1, elapsedMs: 1000, answer: 'x', correct: false, hash: null, sessionId: null, slips },
        0, (cur) => ({ before: cur ?? newCardState(now), after: { ...newCardState(now), reps: (cur?.reps ?? 0) + 1 }, leech: false }));
    };
    review('a', ['forgot-bias'], 1);
    review('a', ['forgot-bias', 'bias-per-weight'], 2);
    review('b', ['forgot-bias'], 3);
    review('c', [], 4);
    const undone = review('d', ['forgot-bias'], 5);
    expect(store.undoReview(undone.reviewId).ok).toBe(true);
    const cards = store.slipCards();
    store.close();
    expect(Object.fromEntries([...cards].map(([id, m]) => [id, Object.fromEntries(m)]))).toEqual({
      'forgot-bias': { a: 2, b: 1 },
      'bias-per-weight': { a: 1 },
    });
  });
});

describe('TEMPLATE_TOPICS', () => {
  it('is each generator\'s own topic (stats reads it without loading them)', () => {
    expect(TEMPLATE_TOPICS).toEqual(Object.fromEntries([...GENERATORS.values()].map((g) => [g.id, g.topic])));
  });
});
