import { describe, expect, it } from 'vitest';
import { checkNumber, checkTuple } from '../../src/core/answer';
import { seededRng } from '../../src/core/random';
import { generators } from '../../src/quiz/generators/backprop';
import type { GeneratedProblem, Generator } from '../../src/quiz/generators/types';

const byId = (id: string): Generator => generators.find((g) => g.id === id)!;
const SEEDS = Array.from({ length: 300 }, (_, i) => i * 7919 + 1);

/** The answer a student would type: the exact value, or rounded to 4 significant digits. */
function typed(p: GeneratedProblem): string {
  const e = p.expected;
  if (e.kind === 'number') return Number.isInteger(e.value) ? String(e.value) : e.value.toPrecision(4);
  if (e.kind === 'tuple') return e.orders[0]!.join(', ');
  throw new Error('unexpected choice');
}

describe('backprop generators', () => {
  it('are the three the bank format names, all in topic backprop', () => {
    expect(generators.map((g) => g.id)).toEqual(['backprop-expr', 'backprop-gate', 'matmul-grad']);
    expect(new Set(generators.map((g) => g.topic))).toEqual(new Set(['backprop']));
  });

  for (const g of generators) {
    describe(g.id, () => {
      it('is deterministic per seed', () => {
        for (const seed of SEEDS.slice(0, 50)) {
          expect(g.generate(seededRng(seed))).toEqual(g.generate(seededRng(seed)));
        }
      });
      it('has both prompts, a solution, a command, and an answer that passes the grader', () => {
        for (const seed of SEEDS) {
          const p = g.generate(seededRng(seed));
          expect(p.prompt.zh.length).toBeGreaterThan(10);
          expect(p.prompt.en.length).toBeGreaterThan(10);
          expect(p.prompt.zh).toMatch(/[\u4e00-\u9fff]/);
          expect(p.solution.lines.length).toBeGreaterThan(3);
          expect(p.command).toMatch(/^dlnotes (backprop|gate) /);
          const e = p.expected;
          if (e.kind === 'number') {
            expect(checkNumber(typed(p), e.value, e.tol).ok).toBe(true);
            expect(checkNumber(String(e.value + 1), e.value, e.tol).ok).toBe(false);
          } else if (e.kind === 'tuple') {
            expect(checkTuple(typed(p), e.orders, e.tol).ok).toBe(true);
          }
        }
      });
      it('draws sensible exam numbers: no zero, huge or saturated answers', () => {
        for (const seed of SEEDS) {
          const e = g.generate(seededRng(seed)).expected;
          const values = e.kind === 'number' ? [e.value] : e.kind === 'tuple' ? e.orders[0]! : [];
          for (const x of values) {
            expect(Number.isFinite(x)).toBe(true);
            expect(Math.abs(x)).toBeLessThanOrEqual(200);
          }
          if (e.kind === 'number') expect(Math.abs(e.value)).toBeGreaterThanOrEqual(0.01);
        }
      });
    });
  }

  it('backprop-expr covers every template and honours the template option', () => {
    const g = byId('backprop-expr');
    const seen = new Set(SEEDS.map((s) => g.generate(seededRng(s)).params.template));
    expect(seen).toEqual(new Set(['add-mul', 'max-mul', 'copy', 'square-sum', 'relu', 'sigmoid']));
    const p = g.generate(seededRng(5), { template: 'add-mul' });
    expect(p.params.expression).toBe('(x + y)*z');
    const { x, y, z } = p.params.values as Record<string, number>;
    const grads: Record<string, number> = { x: z, y: z, z: x + y };
    expect(p.expected).toEqual({ kind: 'number', value: grads[p.params.target as string] });
  });

  it('backprop-gate draws add, mul, max and copy', () => {
    const seen = new Set(SEEDS.map((s) => byId('backprop-gate').generate(seededRng(s)).params.gate));
    expect(seen).toEqual(new Set(['add', 'mul', 'max', 'copy']));
  });

  it('backprop-gate answers match the patterns by hand', () => {
    const g = byId('backprop-gate');
    for (const seed of SEEDS.slice(0, 100)) {
      const p = g.generate(seededRng(seed));
      const { gate, inputs, upstream } = p.params as { gate: string; inputs: number[]; upstream: number[] };
      const [x = 0, y = 0] = inputs;
      const up = upstream[0]!;
      const want = gate === 'add' ? [up, up] : gate === 'mul' ? [up * y, up * x] : gate === 'max' ? (x > y ? [up, 0] : [0, up]) : [upstream.reduce((s, u) => s + u, 0)];
      const e = p.expected;
      expect(e.kind === 'number' ? [e.value] : e.kind === 'tuple' ? e.orders[0] : []).toEqual(want);
    }
  });

  it('backprop-gate with ties: true asks a max tie, split equally', () => {
    const p = byId('backprop-gate').generate(seededRng(1), { gate: 'max', ties: true });
    const [x, y] = p.params.inputs as number[];
    expect(x).toBe(y);
    const up = (p.params.upstream as number[])[0]!;
    expect(p.expected).toMatchObject({ kind: 'tuple', orders: [[up / 2, up / 2]], labels: ['∂L/∂x', '∂L/∂y'] });
    // Sending the whole gradient to both tied inputs is the slip it can name.
    expect(p.expected.kind === 'tuple' && p.expected.slips?.map((s) => [s.id, s.expected])).toEqual([['max-gate-to-all', [[up, up]]]]);
  });

  it('matmul-grad asks one element of dX = dY·Wᵀ or dW = Xᵀ·dY, checked by hand', () => {
    const g = byId('matmul-grad');
    for (const seed of SEEDS.slice(0, 100)) {
      const p = g.generate(seededRng(seed));
      const { x, w, dy, of, row, col } = p.params as { x: number[][]; w: number[][]; dy: number[][]; of: string; row: number; col: number };
      const i = row - 1;
      const j = col - 1;
      const want = of === 'x'
        ? dy[i]!.reduce((s, g1, m) => s + g1 * w[j]![m]!, 0)
        : x.reduce((s, xr, n) => s + xr[i]! * dy[n]![j]!, 0);
      expect(p.expected).toMatchObject({ kind: 'number', value: want });
    }
  });
});
