import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstByDue, SessionQueue, LEARN_AHEAD_MS, type QueueItem } from '../../src/quiz/session/queue';
import { snapshotOf, type CardRow } from '../../src/quiz/store/store';
import { newCardState } from '../../src/quiz/schedule';
import { seededRng } from '../../src/core/random';

const NOW = new Date('2025-03-01T10:00:00Z');
const END = new Date('2025-03-01T20:00:00Z');
const MIN = 60_000;

function row(id: string, state: 1 | 2 | 3, dueOffsetMin: number, extra: Partial<CardRow> = {}): CardRow {
  return { ...newCardState(NOW), id, state, due: NOW.getTime() + dueOffsetMin * MIN, reps: 3, suspended: false, buried_until: null, leech: false, hash: null, ...extra };
}

function drain(q: SessionQueue, now = NOW): string[] {
  const out: string[] = [];
  for (let item = q.next(now); item; item = q.next(now)) out.push(item.id);
  return out;
}

describe('SessionQueue', () => {
  const ids = ['d.n1', 'd.r1', 'd.n2', 'd.r2', 'd.l1', 'd.n3', 'd.late', 'd.sus', 'd.bur'];
  const cards = new Map<string, CardRow>([
    ['d.r1', row('d.r1', 2, -60)],
    ['d.r2', row('d.r2', 2, -24 * 60)],
    ['d.l1', row('d.l1', 1, -5)],
    ['d.late', row('d.late', 2, 24 * 60)], // due tomorrow
    ['d.sus', row('d.sus', 2, -60, { suspended: true })],
    ['d.bur', row('d.bur', 2, -60, { buried_until: END.getTime() })],
  ]);

  it('asks due learning, then reviews (oldest due first), then new in bank order', () => {
    const q = new SessionQueue({ ids, cards: snapshotOf(cards.values()), now: NOW, dayEnd: END, newLeft: 20, reviewsLeft: 200 });
    expect(q.counts).toEqual({ learning: 1, reviews: 2, fresh: 3, reviewsOverLimit: 0, newOverLimit: 0 });
    expect(drain(q)).toEqual(['d.l1', 'd.r2', 'd.r1', 'd.n1', 'd.n2', 'd.n3']);
  });

  it('a card seen but outside the snapshot is due later: neither asked nor new', () => {
    const snap = { near: new Map([['d.r1', row('d.r1', 2, -60)]]), seen: new Set(['d.r1', 'd.later']), dueBefore: END.getTime() };
    const q = new SessionQueue({ ids: ['d.later', 'd.r1', 'd.n1'], cards: snap, now: NOW, dayEnd: END, newLeft: 5, reviewsLeft: 5 });
    expect(drain(q)).toEqual(['d.r1', 'd.n1']);
  });

  it('applies the day limits', () => {
    const q = new SessionQueue({ ids, cards: snapshotOf(cards.values()), now: NOW, dayEnd: END, newLeft: 2, reviewsLeft: 1 });
    expect(q.counts).toEqual({ learning: 1, reviews: 1, fresh: 2, reviewsOverLimit: 1, newOverLimit: 1 });
    expect(drain(q)).toEqual(['d.l1', 'd.r2', 'd.n1', 'd.n2']);
    const none = new SessionQueue({ ids, cards: snapshotOf(cards.values()), now: NOW, dayEnd: END, newLeft: -3, reviewsLeft: 0 });
    expect(drain(none)).toEqual(['d.l1']);
  });

  it('shuffles new questions with --shuffle, deterministically for a seed', () => {
    const many = Array.from({ length: 30 }, (_, i) => `d.q${i}`);
    const a = drain(new SessionQueue({ ids: many, cards: snapshotOf([]), now: NOW, dayEnd: END, newLeft: 30, reviewsLeft: 0, shuffle: seededRng(7) }));
    const b = drain(new SessionQueue({ ids: many, cards: snapshotOf([]), now: NOW, dayEnd: END, newLeft: 30, reviewsLeft: 0, shuffle: seededRng(7) }));
    expect(a).toEqual(b);
    expect(a).not.toEqual(many);
    expect([...a].sort()).toEqual([...many].sort());
  });

  it('brings a learning step back in the same session, after the rest, within the learn-ahead window', () => {
    const q = new SessionQueue({ ids: ['d.a', 'd.b'], cards: snapshotOf([]), now: NOW, dayEnd: END, newLeft: 5, reviewsLeft: 5 });
    expect(q.next(NOW)!.id).toBe('d.a');
    q.answered('d.a', { ...newCardState(NOW), state: 1, due: NOW.getTime() + 10 * MIN, reps: 1 }, END);
    expect(q.next(NOW)!.id).toBe('d.b');
    q.answered('d.b', { ...newCardState(NOW), state: 1, due: NOW.getTime() + LEARN_AHEAD_MS + MIN, reps: 1 }, END);
    expect(q.next(NOW)!.id).toBe('d.a');
    // d.b's step is beyond the window: it waits for a later session today.
    expect(q.next(NOW)).toBeNull();
    expect(q.waitingLater(NOW)).toBe(1);
    // A graduated card does not come back today.
    q.answered('d.a', { ...newCardState(NOW), state: 2, due: NOW.getTime() + 86_400_000, reps: 2 }, END);
    expect(q.remaining).toBe(1);
  });

  it('a due learning step interrupts reviews', () => {
    const q = new SessionQueue({ ids: ['d.a', 'd.r1', 'd.r2'], cards: snapshotOf([row('d.r1', 2, -10), row('d.r2', 2, -5)]), now: NOW, dayEnd: END, newLeft: 5, reviewsLeft: 5 });
    expect(q.next(NOW)!.id).toBe('d.r1');
    q.answered('d.r1', { ...newCardState(NOW), state: 3, due: NOW.getTime() + MIN, reps: 4 }, END);
    const later = new Date(NOW.getTime() + 2 * MIN);
    expect(q.next(later)!.id).toBe('d.r1');
    expect(q.next(later)!.id).toBe('d.r2');
  });

  it('putBack asks the question next; drop removes every copy', () => {
    const q = new SessionQueue({ ids: ['d.a', 'd.b', 'd.c'], cards: snapshotOf([]), now: NOW, dayEnd: END, newLeft: 5, reviewsLeft: 5 });
    const a = q.next(NOW)!;
    q.answered('d.a', { ...newCardState(NOW), state: 1, due: NOW.getTime() + MIN, reps: 1 }, END);
    q.putBack(a);
    expect(q.remaining).toBe(3);
    expect(q.next(NOW)!.id).toBe('d.a');
    q.drop('d.c');
    expect(drain(q)).toEqual(['d.b']);
  });
});

describe('firstByDue (the day\'s reviews without sorting every overdue one)', () => {
  it('is the first n of a stable sort by due time, ties in bank order', () => {
    // Few distinct due times, so that ties at the cut are common.
    const items = fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 60 }).map((dues) => dues.map((d, i): QueueItem => ({ id: `q${i}`, kind: 'review', due: 1_700_000_000_000 + d * MIN, reps: 1 })));
    fc.assert(fc.property(items, fc.integer({ min: -1, max: 70 }), (xs, n) => {
      const expected = [...xs].sort((a, b) => a.due - b.due).slice(0, Math.max(0, n));
      expect(firstByDue(xs, n).map((i) => i.id)).toEqual(expected.map((i) => i.id));
    }), { numRuns: 2000 });
  });
});
