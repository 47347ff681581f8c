import { describe, expect, it } from 'vitest';
import { checkNumber } from '../../src/core/answer';
import { seededRng } from '../../src/core/random';
import { generators } from '../../src/quiz/generators/losses';
import type { Expected } from '../../src/quiz/generators/types';

const SEEDS = Array.from({ length: 300 }, (_, i) => i * 7919 + 1);
const byId = (id: string) => generators.find((g) => g.id === id)!;

function asStudentWouldWrite(e: Expected, decimals: number | undefined): string {
  if (e.kind !== 'number') throw new Error('these generators expect numbers');
  return decimals === undefined ? String(e.value) : e.value.toFixed(decimals);
}

describe('loss/act/bn/knn generators', () => {
  it('exports the five ids of docs/bank-format.md', () => {
    expect(generators.map((g) => g.id)).toEqual(['svm-loss', 'softmax-loss', 'act-grad', 'bn-train', 'knn-vote']);
    expect(generators.map((g) => g.topic)).toEqual(['loss', 'loss', 'act', 'bn', 'knn']);
  });

  for (const g of generators) {
    describe(g.id, () => {
      it('is deterministic for a seed', () => {
        for (const seed of SEEDS.slice(0, 50)) {
          expect(g.generate(seededRng(seed))).toEqual(g.generate(seededRng(seed)));
        }
      });
      it('has both languages, a worked solution and a command', () => {
        for (const seed of SEEDS) {
          const p = g.generate(seededRng(seed));
          expect(p.prompt.en.length).toBeGreaterThan(20);
          expect(p.prompt.zh.length).toBeGreaterThan(10);
          expect(p.prompt.zh).toMatch(/[\u4e00-\u9fff]/);
          expect(p.solution.lines.length).toBeGreaterThan(2);
          expect(p.command).toMatch(/^dlnotes /);
        }
      });
      it('accepts the answer rounded to the decimals the prompt asks for', () => {
        for (const seed of SEEDS) {
          const p = g.generate(seededRng(seed));
          const decimals = p.params.decimals as number | undefined;
          if (decimals !== undefined) expect(p.prompt.en).toContain(`Give ${decimals} decimal`);
          const typed = asStudentWouldWrite(p.expected, decimals);
          const e = p.expected as Extract<Expected, { kind: 'number' }>;
          expect(Number.isFinite(e.value)).toBe(true);
          expect(checkNumber(typed, e.value, e.tol).ok, `${g.id} seed ${seed}: "${typed}" vs ${e.value}`).toBe(true);
        }
      });
      it('draws varied problems', () => {
        const prompts = new Set(SEEDS.slice(0, 40).map((s) => g.generate(seededRng(s)).prompt.en));
        expect(prompts.size).toBeGreaterThan(30);
      });
    });
  }

  it('svm-loss: one-decimal scores, 3-4 classes, rarely a zero loss, honours options', () => {
    const values = SEEDS.map((s) => byId('svm-loss').generate(seededRng(s)));
    for (const p of values) {
      const scores = p.params.scores as number[];
      expect(scores.length).toBeGreaterThanOrEqual(3);
      expect(scores.length).toBeLessThanOrEqual(4);
      scores.forEach((v) => expect(Math.round(v * 10) / 10).toBe(v));
    }
    expect(values.filter((p) => (p.expected as { value: number }).value === 0).length).toBeLessThan(SEEDS.length / 20);
    const sq = byId('svm-loss').generate(seededRng(5), { classes: 5, squared: true });
    expect((sq.params.scores as number[]).length).toBe(5);
    expect(sq.params.squared).toBe(true);
    expect(sq.command).toContain('--squared');
  });

  it('act-grad: never asks at the kink x = 0, honours fn and ask', () => {
    for (const s of SEEDS) expect(byId('act-grad').generate(seededRng(s)).params.x).not.toBe(0);
    const p = byId('act-grad').generate(seededRng(3), { fn: 'tanh', ask: 'grad' });
    expect(p.params).toMatchObject({ fn: 'tanh', ask: 'grad' });
    const x = p.params.x as number;
    expect((p.expected as { value: number }).value).toBeCloseTo(1 - Math.tanh(x) ** 2, 14);
  });

  it('bn-train: asks for what the options say', () => {
    const p = byId('bn-train').generate(seededRng(11), { ask: 'mean' });
    const xs = p.params.x as number[];
    expect((p.expected as { value: number }).value).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 14);
  });

  it('knn-vote: unambiguous problems (no vote tie, no tie at the k-th place)', () => {
    for (const s of SEEDS) {
      const p = byId('knn-vote').generate(seededRng(s));
      const text = p.solution.lines.map((l) => l.text).join('\n');
      expect(text).not.toContain('A tie between');
      expect(p.solution.lines.some((l) => l.kind === 'warn')).toBe(false);
    }
    expect(byId('knn-vote').generate(seededRng(2), { metric: 'l1', k: 3 }).params).toMatchObject({ metric: 'l1', k: 3 });
  });
});
