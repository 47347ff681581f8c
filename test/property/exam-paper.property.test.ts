import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drawPaper, largestRemainder } from '../../src/quiz/exam/paper';
import { EXAM_TYPES } from '../../src/quiz/exam/types';
import type { Question, QuestionType, Section } from '../../src/quiz/types';

const weightsArb = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 8 });

describe('largestRemainder (property)', () => {
  it('without caps: the total, each within one seat of its quota, and extra seats to the largest remainders', () => {
    fc.assert(fc.property(weightsArb, fc.integer({ min: 0, max: 60 }), (weights, total) => {
      const a = largestRemainder(weights, total);
      const W = weights.reduce((s, w) => s + w, 0);
      if (W === 0) {
        expect(a.every((x) => x === 0)).toBe(true);
        return;
      }
      expect(a.reduce((s, x) => s + x, 0)).toBe(total);
      const q = weights.map((w) => (total * w) / W);
      a.forEach((x, i) => {
        expect(x).toBeGreaterThanOrEqual(Math.floor(q[i]! + 1e-9));
        expect(x).toBeLessThanOrEqual(Math.ceil(q[i]! - 1e-9));
      });
      // A seat above the floor never goes to a smaller remainder than one left at its floor.
      const frac = q.map((x) => x - Math.floor(x + 1e-9));
      for (let i = 0; i < a.length; i++) {
        for (let j = 0; j < a.length; j++) {
          if (a[i]! > Math.floor(q[i]! + 1e-9) && a[j]! === Math.floor(q[j]! + 1e-9) && frac[j]! > 1e-9) {
            expect(frac[i]!).toBeGreaterThanOrEqual(frac[j]! - 1e-9);
          }
        }
      }
    }));
  });

  it('with caps: min(total, capacity) seats, none above its cap, and an uncapped item never below its plain share', () => {
    fc.assert(fc.property(
      weightsArb.chain((w) => fc.tuple(fc.constant(w), fc.array(fc.integer({ min: 0, max: 10 }), { minLength: w.length, maxLength: w.length }))),
      fc.integer({ min: 0, max: 60 }),
      ([weights, caps], total) => {
        const a = largestRemainder(weights, total, caps);
        const usable = weights.map((w, i) => w > 0 && caps[i]! > 0);
        const capacity = caps.reduce((s, c, i) => s + (usable[i] ? c : 0), 0);
        const target = Math.min(total, capacity);
        expect(a.reduce((s, x) => s + x, 0)).toBe(target);
        a.forEach((x, i) => {
          expect(x).toBeLessThanOrEqual(usable[i] ? caps[i]! : 0);
          expect(x).toBeGreaterThanOrEqual(0);
        });
        const W = weights.reduce((s, w, i) => s + (usable[i] ? w : 0), 0);
        a.forEach((x, i) => {
          if (usable[i] && x < caps[i]!) expect(x).toBeGreaterThanOrEqual(Math.floor((target * weights[i]!) / W + 1e-9));
        });
      },
    ));
  });
});

const TYPES: QuestionType[] = ['card', 'choice', 'numeric', 'formula', 'cloze', 'generated'];

function makeBank(spec: { deck: number; section: number; type: number }[]): Question[] {
  return spec.map((s, i) => ({
    id: `d${s.deck}.q${i}`, deck: `d${s.deck}`, type: TYPES[s.type]!, source: `S${s.section}`, tags: ['calc'], file: 'f', line: i, hash: `${i}`,
    prompt: 'p', answer: 1,
  }) as unknown as Question);
}

describe('drawPaper (property)', () => {
  const sections: Section[] = [0, 1, 2, 3].map((i) => ({ id: `s${i}`, title: `S${i}`, weight: i + 1 }));
  const specArb = fc.array(fc.record({ deck: fc.integer({ min: 0, max: 3 }), section: fc.integer({ min: 0, max: 3 }), type: fc.integer({ min: 0, max: 5 }) }), { minLength: 1, maxLength: 40 });

  it('distinct eligible questions, as many as asked (or all), in deck then bank order, the same for the same seed', () => {
    fc.assert(fc.property(specArb, fc.integer({ min: 1, max: 50 }), fc.nat(), (spec, count, seed) => {
      const qs = makeBank(spec);
      const deckOrder = ['d3', 'd1', 'd0', 'd2'];
      const p = drawPaper({ questions: qs, sections, deckOrder, count, seed });
      const eligible = qs.filter((q) => (EXAM_TYPES as string[]).includes(q.type));
      expect(p.items).toHaveLength(Math.min(count, eligible.length));
      expect(new Set(p.items.map((i) => i.id)).size).toBe(p.items.length);
      expect(p.items.every((i) => i.type !== 'card')).toBe(true);
      const pos = new Map(qs.map((q, i) => [q.id, i]));
      const key = (id: string, deck: string): number => deckOrder.indexOf(deck) * 1000 + pos.get(id)!;
      for (let i = 1; i < p.items.length; i++) expect(key(p.items[i]!.id, p.items[i]!.deck)).toBeGreaterThan(key(p.items[i - 1]!.id, p.items[i - 1]!.deck));
      expect(drawPaper({ questions: qs, sections, deckOrder, count, seed }).items).toEqual(p.items);
      // The generated problems on the paper are their rounded share: within one per section of the exact quotas' sum.
      const exact = p.sections.reduce((s, x) => s + (x.eligible > 0 ? (x.drawn * x.generated) / x.eligible : 0), 0);
      const gen = p.items.filter((i) => i.type === 'generated').length;
      expect(Math.abs(gen - exact)).toBeLessThanOrEqual(0.5 + 1e-9);
    }));
  });
});
