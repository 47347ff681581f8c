/**
 * The portable log: export -> import gives every card the same state, a
 * second import changes nothing, and two machines that import each other's
 * exports, in either order, end with the same history and the same cards.
 */
import { describe, expect, it } from 'vitest';
import { default_w } from 'ts-fsrs';
import { Store } from '../../src/quiz/store/store';
import { makeFsrs } from '../../src/quiz/schedule';
import { replayHistory } from '../../src/quiz/replay';
import { parseCsv, parseJsonl, toCsv, toJsonl } from '../../src/quiz/revlog';
import { tempHome } from '../helpers/quiz';
import { cardTable, logTable, student, study } from '../helpers/history';

const OPTS = { retention: 0.9, fuzz: true, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], maximumInterval: 36500 };
const F = makeFsrs(OPTS);
const IDS = Array.from({ length: 30 }, (_, i) => `deck.q${String(i).padStart(2, '0')}`);
const NOW = new Date('2025-06-01T12:00:00Z');

function open(): Store {
  return Store.open(tempHome(), { now: NOW });
}

const merge = (s: Store, text: string, format: 'csv' | 'jsonl', leechThreshold = 8) =>
  s.mergeLog(format === 'csv' ? parseCsv(text, 4) : parseJsonl(text, 4), (id, h) => replayHistory(F, id, h, leechThreshold));

/** A machine with a month of study, one answer undone and (with a low threshold) a leech. */
function machine(seed: number, opts: Partial<Parameters<typeof study>[3]> = {}): Store {
  const s = open();
  study(s, F, student(default_w, seed), { ids: IDS, from: '2025-03-01', days: 40, newPerDay: 5, leechThreshold: 8, ...opts });
  return s;
}

describe('log export and import', () => {
  it('export -> import into an empty store gives every card the same state (JSONL and CSV)', () => {
    const a = machine(1);
    // An undo, as the session does it: the last answer is marked undone and the card restored.
    const last = a.db.prepare('SELECT id FROM reviews ORDER BY id DESC LIMIT 1').pluck().get() as number;
    expect(a.undoReview(last).ok).toBe(true);
    for (const format of ['jsonl', 'csv'] as const) {
      const text = format === 'csv' ? toCsv(a.logRows(true)) : toJsonl(a.logRows(true));
      const b = open();
      const r = merge(b, text, format);
      expect(r.inserted).toBe(format === 'csv' ? a.logRows(false).length : a.logRows(true).length);
      expect(cardTable(b)).toEqual(cardTable(a));
      if (format === 'jsonl') expect(logTable(b)).toEqual(logTable(a));
      // The per-day counts the streak and the heatmap read match the log.
      expect(b.countsByDay('2025-01-01')).toEqual(a.countsByDay('2025-01-01'));
      b.close();
    }
    a.close();
  });

  it('keeps leeches suspended through a replay', () => {
    const a = machine(3, { leechThreshold: 2 });
    const leeches = a.db.prepare('SELECT COUNT(*) FROM cards WHERE leech = 1 AND suspended = 1').pluck().get() as number;
    expect(leeches).toBeGreaterThan(0);
    const b = open();
    merge(b, toJsonl(a.logRows(true)), 'jsonl', 2);
    expect(cardTable(b)).toEqual(cardTable(a));
  });

  it('importing twice changes nothing', () => {
    const a = machine(2);
    const b = open();
    const text = toJsonl(a.logRows(true));
    merge(b, text, 'jsonl');
    const cards = cardTable(b);
    const log = logTable(b);
    const again = merge(b, text, 'jsonl');
    expect(again).toEqual({ inserted: 0, skipped: a.logRows(true).length, undone: 0, cards: 0 });
    expect(cardTable(b)).toEqual(cards);
    expect(logTable(b)).toEqual(log);
  });

  it('two machines that import each other\'s exports end with the same history, in either order', () => {
    const ends: Array<{ log: string[]; cards: Record<string, unknown> }> = [];
    for (const order of ['a-first', 'b-first'] as const) {
      // The laptop studies on even days, the desktop on odd ones, each from its own state.
      const a = open();
      const b = open();
      study(a, F, student(default_w, 11), { ids: IDS, from: '2025-03-01', days: 30, newPerDay: 4, on: (d) => d % 2 === 0 });
      study(b, F, student(default_w, 12), { ids: [...IDS].reverse(), from: '2025-03-01', days: 30, newPerDay: 4, on: (d) => d % 2 === 1 });
      if (order === 'a-first') {
        const fromA = toJsonl(a.logRows(true));
        const fromB = toJsonl(b.logRows(true));
        merge(a, fromB, 'jsonl');
        merge(b, fromA, 'jsonl');
      } else {
        merge(b, toJsonl(a.logRows(true)), 'jsonl');
        merge(a, toJsonl(b.logRows(true)), 'jsonl');
      }
      expect(logTable(a)).toEqual(logTable(b));
      expect(cardTable(a)).toEqual(cardTable(b));
      ends.push({ log: logTable(a), cards: cardTable(a) });
    }
    expect(ends[0]!.log).toEqual(ends[1]!.log);
    expect(ends[0]!.cards).toEqual(ends[1]!.cards);
  });

  it('an undo made on the other machine is carried over, once', () => {
    const a = machine(4);
    const b = open();
    merge(b, toJsonl(a.logRows(true)), 'jsonl');
    const last = a.db.prepare('SELECT id FROM reviews WHERE undone = 0 ORDER BY id DESC LIMIT 1').pluck().get() as number;
    expect(a.undoReview(last).ok).toBe(true);
    const r = merge(b, toJsonl(a.logRows(true)), 'jsonl');
    expect(r).toMatchObject({ inserted: 0, undone: 1, cards: 1 });
    expect(cardTable(b)).toEqual(cardTable(a));
    expect(merge(b, toJsonl(a.logRows(true)), 'jsonl')).toMatchObject({ undone: 0, cards: 0 });
  });

  it('keeps reviews of questions the replay has never heard of', () => {
    const b = open();
    const r = merge(b, 'card_id,review_time,review_rating,review_state,review_duration\nother.q1,1740000000000,3,0,5000\nother.q1,1740600000000,3,2,4000\n', 'csv');
    expect(r).toEqual({ inserted: 2, skipped: 0, undone: 0, cards: 1 });
    expect(b.card('other.q1')).toMatchObject({ reps: 2, state: 2 });
  });

  it('recomputes memory states with new parameters, keeping due dates unless rescheduling', () => {
    const a = machine(5);
    const before = cardTable(a);
    const w = [...default_w];
    w[2] = 5; // a student who remembers a first Good much longer
    const g = makeFsrs({ ...OPTS, w });
    const n = a.replayAll((id, h) => replayHistory(g, id, h, 8), false);
    const after = cardTable(a);
    expect(n).toBe(Object.keys(before).length);
    const changed = Object.keys(before).filter((id) => (before[id] as { stability: number }).stability !== (after[id] as { stability: number }).stability);
    expect(changed.length).toBeGreaterThan(0);
    for (const id of Object.keys(before)) expect((after[id] as { due: number }).due).toBe((before[id] as { due: number }).due);
    a.replayAll((id, h) => replayHistory(g, id, h, 8), true);
    const moved = cardTable(a);
    expect(Object.keys(before).some((id) => (moved[id] as { due: number }).due !== (before[id] as { due: number }).due)).toBe(true);
    // Replaying with the parameters the history was made with gives back what the sessions gave.
    a.replayAll((id, h) => replayHistory(F, id, h, 8), true);
    expect(cardTable(a)).toEqual(before);
  });
});
