import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, dayKey, dayStart, daysBetween } from '../../src/quiz/clock';
import { streakOf } from '../../src/quiz/stats';
import { SessionQueue } from '../../src/quiz/session/queue';
import { snapshotOf, type CardBrief } from '../../src/quiz/store/store';

const saved = process.env.TZ;
afterEach(() => {
  process.env.TZ = saved;
});

const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Australia/Adelaide', 'Asia/Kolkata'];

describe('study day (property)', () => {
  it('every instant lies in [dayStart(key), dayStart(key + 1)) of its day key', () => {
    fc.assert(fc.property(
      fc.constantFrom(...ZONES),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
      (zone, hour, ms) => {
        process.env.TZ = zone;
        const t = new Date(ms);
        const key = dayKey(t, hour);
        expect(dayStart(key, hour).getTime()).toBeLessThanOrEqual(ms);
        expect(dayStart(addDays(key, 1), hour).getTime()).toBeGreaterThan(ms);
      },
    ), { numRuns: 400 });
  });
});

describe('streak (property, against a brute-force count)', () => {
  it('matches walking back day by day', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }), (offsets) => {
      const today = '2025-03-15';
      const days = offsets.map((o) => addDays(today, -o)).sort().reverse();
      let expected = 0;
      const start = offsets.includes(0) ? 0 : 1;
      while (offsets.includes(start + expected)) expected += 1;
      expect(streakOf(days, today)).toBe(expected);
      expect(days.every((d) => daysBetween(d, today) >= 0)).toBe(true);
    }));
  });
});

describe('queue (property)', () => {
  const NOW = new Date('2025-03-01T10:00:00Z');
  const END = new Date('2025-03-01T20:00:00Z');
  const brief = fc.record({
    kind: fc.constantFrom('none', 'new-held', 'learning', 'review'),
    dueMin: fc.integer({ min: -3000, max: 3000 }),
    suspended: fc.boolean(),
    buried: fc.boolean(),
  });
  it('asks each question at most once, never held ones, within the limits, reviews before new', () => {
    fc.assert(fc.property(fc.array(brief, { maxLength: 40 }), fc.nat(10), fc.nat(10), (specs, newLeft, reviewsLeft) => {
      const ids = specs.map((_, i) => `d.q${i}`);
      const cards = new Map<string, CardBrief>();
      specs.forEach((s, i) => {
        if (s.kind === 'none') return;
        cards.set(ids[i]!, {
          id: ids[i]!, state: s.kind === 'review' ? 2 : s.kind === 'learning' ? 1 : 0, due: NOW.getTime() + s.dueMin * 60_000,
          reps: s.kind === 'new-held' ? 0 : 3, suspended: s.suspended || s.kind === 'new-held', buried_until: s.buried ? END.getTime() : null, leech: false,
        });
      });
      const q = new SessionQueue({ ids, cards: snapshotOf(cards.values()), now: NOW, dayEnd: END, newLeft, reviewsLeft });
      const asked: { id: string; kind: string }[] = [];
      for (let it = q.next(NOW); it; it = q.next(NOW)) asked.push(it);
      expect(new Set(asked.map((a) => a.id)).size).toBe(asked.length);
      for (const a of asked) {
        const c = cards.get(a.id);
        if (c) {
          expect(c.suspended).toBe(false);
          expect(c.buried_until).toBeNull();
          expect(c.due).toBeLessThan(END.getTime() + (a.kind === 'learning' ? 0 : 1));
        }
      }
      expect(asked.filter((a) => a.kind === 'new').length).toBeLessThanOrEqual(newLeft);
      expect(asked.filter((a) => a.kind === 'review').length).toBeLessThanOrEqual(reviewsLeft);
      const firstNew = asked.findIndex((a) => a.kind === 'new');
      const lastReview = asked.map((a) => a.kind).lastIndexOf('review');
      if (firstNew >= 0 && lastReview >= 0) expect(lastReview).toBeLessThan(firstNew);
      // Every unseen question is asked when the new limit allows it.
      const unseen = specs.filter((s) => s.kind === 'none').length;
      expect(asked.filter((a) => a.kind === 'new').length).toBe(Math.min(unseen, newLeft));
    }));
  });
});
