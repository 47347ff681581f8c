import { describe, expect, it } from 'vitest';
import { checkNumber, checkTuple } from '../../src/core/answer';
import { seededRng } from '../../src/core/random';
import { generators } from '../../src/quiz/generators/layers';
import type { Expected, GeneratedProblem } from '../../src/quiz/generators/types';

function exactAnswer(e: Expected): string {
  if (e.kind === 'number') return String(e.value);
  if (e.kind === 'tuple') return e.orders[0]!.join('x');
  return e.correct.map((i) => String.fromCharCode(97 + i)).join(',');
}

function grade(e: Expected, text: string): boolean {
  if (e.kind === 'number') return checkNumber(text, e.value, e.tol).ok;
  if (e.kind === 'tuple') return checkTuple(text, e.orders, e.tol).ok;
  return false;
}

describe.each(generators.map((g) => [g.id, g] as const))('generator %s', (_id, g) => {
  const problems: GeneratedProblem[] = Array.from({ length: 300 }, (_, seed) => g.generate(seededRng(seed)));

  it('is deterministic per seed', () => {
    expect(g.generate(seededRng(42))).toEqual(g.generate(seededRng(42)));
  });

  it('varies across seeds', () => {
    expect(new Set(problems.map((p) => p.prompt.en)).size).toBeGreaterThan(20);
  });

  it('asks in both languages, with a worked solution and a command', () => {
    for (const p of problems) {
      expect(p.prompt.zh.length).toBeGreaterThan(10);
      expect(p.prompt.en.length).toBeGreaterThan(10);
      expect(p.prompt.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.solution.lines.length).toBeGreaterThan(2);
      expect(p.command).toMatch(/^dlnotes /);
    }
  });

  it('its own answer passes its grader, and a wrong one does not', () => {
    for (const p of problems) {
      expect(grade(p.expected, exactAnswer(p.expected))).toBe(true);
      if (p.expected.kind === 'number') expect(grade(p.expected, String(p.expected.value * 2 + 1))).toBe(false);
    }
  });

  it('draws sensible exam numbers (positive, finite, not huge)', () => {
    for (const p of problems) {
      const values = p.expected.kind === 'number' ? [p.expected.value] : p.expected.kind === 'tuple' ? p.expected.orders[0]! : [];
      for (const v of values) {
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThan(0);
        expect(v).toBeLessThan(1e10);
      }
    }
  });
});

describe('conv-output-size options', () => {
  const g = generators.find((x) => x.id === 'conv-output-size')!;
  it('trap: true always draws settings that do not tile the input', () => {
    for (let s = 0; s < 100; s++) expect(g.generate(seededRng(s), { trap: true }).params.exact).toBe(false);
  });
  it('trap: false always tiles exactly', () => {
    for (let s = 0; s < 100; s++) expect(g.generate(seededRng(s), { trap: false }).params.exact).toBe(true);
  });
});

describe('pool-output-size options', () => {
  const g = generators.find((x) => x.id === 'pool-output-size')!;
  it('ceil: true asks about ceil mode', () => {
    for (let s = 0; s < 50; s++) expect(g.generate(seededRng(s), { ceil: true }).prompt.en).toContain('ceil_mode=True');
  });
});
