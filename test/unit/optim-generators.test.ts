import { describe, expect, it } from 'vitest';
import { checkNumber } from '../../src/core/answer';
import { seededRng } from '../../src/core/random';
import { generators } from '../../src/quiz/generators/optim';

const SEEDS = Array.from({ length: 300 }, (_, i) => i * 7919 + 1);
const byId = new Map(generators.map((g) => [g.id, g]));

describe('optim and lr generators', () => {
  it('exports the ids the bank format lists', () => {
    expect([...byId.keys()]).toEqual(['optim-sgd', 'optim-momentum', 'optim-rmsprop', 'optim-adagrad', 'optim-adam', 'optim-adamw', 'lr-schedule']);
    expect(generators.filter((g) => g.topic === 'optim')).toHaveLength(6);
    expect(byId.get('lr-schedule')!.topic).toBe('lr');
  });

  describe.each(generators.map((g) => [g.id, g] as const))('%s', (_id, g) => {
    it('is deterministic for a seed', () => {
      for (const seed of SEEDS.slice(0, 50)) expect(g.generate(seededRng(seed))).toEqual(g.generate(seededRng(seed)));
    });

    it('draws sensible problems whose answer passes the checker in both languages', () => {
      for (const seed of SEEDS) {
        const p = g.generate(seededRng(seed));
        expect(p.prompt.zh.length).toBeGreaterThan(20);
        expect(p.prompt.en.length).toBeGreaterThan(20);
        expect(p.prompt.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(p.expected.kind).toBe('number');
        if (p.expected.kind !== 'number') continue;
        const v = p.expected.value;
        expect(Number.isFinite(v)).toBe(true);
        if (g.topic === 'optim') {
          expect(Math.abs(v)).toBeLessThan(10);
          // The prompt asks for 4 decimal places: that answer must pass, a wrong one must not.
          expect(checkNumber(v.toFixed(4), v, p.expected.tol).ok).toBe(true);
          expect(checkNumber((v + 0.01).toFixed(4), v, p.expected.tol).ok).toBe(false);
          expect(p.command).toMatch(new RegExp(`^dlnotes optim ${g.id.replace('optim-', '')} --w0 `));
        } else {
          expect(v).toBeGreaterThan(0);
          expect(v).toBeLessThanOrEqual(1);
          expect(checkNumber(v.toPrecision(4), v, p.expected.tol).ok).toBe(true);
          expect(checkNumber((v * 1.01).toPrecision(4), v, p.expected.tol).ok).toBe(false);
          expect(p.command).toMatch(/^dlnotes lr (step|cosine|linear|inverse-sqrt) .*--at \d+$/);
        }
        expect(p.solution.lines.length).toBeGreaterThan(3);
        expect(p.solution.lines.some((l) => l.kind === 'result')).toBe(true);
      }
    });
  });

  it('lr-schedule honours its options', () => {
    const g = byId.get('lr-schedule')!;
    for (const schedule of ['step', 'cosine', 'linear', 'inverse-sqrt']) {
      for (const seed of SEEDS.slice(0, 40)) {
        const p = g.generate(seededRng(seed), { schedule, warmup: true });
        expect(p.params.schedule).toBe(schedule);
        expect(p.params.warmup).toBeGreaterThan(0);
        expect(p.prompt.en).toMatch(/warm-up|warm up/);
      }
    }
    expect(Object.keys(g.options!)).toEqual(['schedule', 'warmup']);
  });

  it('varies its numbers across seeds', () => {
    for (const g of generators) {
      const values = new Set(SEEDS.slice(0, 60).map((s) => JSON.stringify(g.generate(seededRng(s)).params)));
      expect(values.size).toBeGreaterThan(20);
    }
  });
});
