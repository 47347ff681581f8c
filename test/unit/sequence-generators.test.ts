import { describe, expect, it } from 'vitest';
import { checkNumber, isCount } from '../../src/core/answer';
import { seededRng } from '../../src/core/random';
import { SLIP_CATALOGUE } from '../../src/core/slips';
import { GENERATORS } from '../../src/quiz/generators/index';
import { generators } from '../../src/quiz/generators/sequence';

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 3);

describe('sequence-model generators', () => {
  it('registers the templates of the rnn and attention drills', () => {
    expect(generators.map((g) => `${g.topic}/${g.id}`)).toEqual([
      'rnn/rnn-params', 'rnn/lstm-step', 'rnn/gru-step', 'rnn/bptt-factor', 'attention/mha-params', 'attention/attention-weights', 'attention/attention-cost',
    ]);
    for (const g of generators) expect(GENERATORS.get(g.id)).toBe(g);
  });

  describe.each(generators.map((g) => [g.id, g] as const))('%s', (_id, g) => {
    it('is deterministic for a seed', () => {
      for (const seed of SEEDS.slice(0, 30)) expect(g.generate(seededRng(seed))).toEqual(g.generate(seededRng(seed)));
    });

    it('draws problems whose answer passes its own grading and whose slips are real mistakes', () => {
      for (const seed of SEEDS) {
        const p = g.generate(seededRng(seed));
        expect(p.prompt.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(p.prompt.zh).not.toMatch(/[\u4e00-\u9fff][,:;?]/);
        expect(p.prompt.en.length).toBeGreaterThan(30);
        expect(p.command).toMatch(/^dlnotes (params|rnn|attention) /);
        expect(p.solution.lines.some((l) => l.kind === 'result')).toBe(true);
        if (p.expected.kind !== 'number') throw new Error('numbers only');
        const { value, tol } = p.expected;
        expect(Number.isFinite(value)).toBe(true);
        const count = !p.expected.real && isCount(value, tol);
        // The answer as the prompt asks for it passes; a clearly different one does not.
        const asked = count ? String(value) : value.toFixed(4);
        if (count || Math.abs(value) > 1e-3) expect(checkNumber(asked, value, tol, count).ok).toBe(true);
        expect(checkNumber(String(value + 0.5 + Math.abs(value)), value, tol, count).ok).toBe(false);
        for (const s of p.expected.slips ?? []) {
          expect(SLIP_CATALOGUE[s.id].topics.some((t) => t === g.topic || t === 'params')).toBe(true);
          expect(typeof s.expected).toBe('number');
        }
      }
    });

    it('varies its numbers', () => {
      const drawn = new Set(SEEDS.slice(0, 60).map((s) => JSON.stringify(g.generate(seededRng(s)).params)));
      expect(drawn.size).toBeGreaterThan(20);
    });
  });

  it('honours the options', () => {
    const byId = new Map(generators.map((g) => [g.id, g]));
    for (const seed of SEEDS.slice(0, 20)) {
      expect(byId.get('rnn-params')!.generate(seededRng(seed), { kind: 'gru', bias: 'single' }).params).toMatchObject({ kind: 'gru', ask: 'single' });
      expect(byId.get('lstm-step')!.generate(seededRng(seed), { ask: 'c' }).prompt.en).toMatch(/Find c_t/);
      const w = byId.get('attention-weights')!.generate(seededRng(seed), { size: '3', causal: true, ask: 'weight' });
      expect(w.params).toMatchObject({ causal: true, ask: 'weight' });
      expect((w.params.q as number[][]).length).toBe(3);
      expect(byId.get('attention-cost')!.generate(seededRng(seed), { ask: 'memory' }).prompt.en).toMatch(/bytes/);
      expect(byId.get('mha-params')!.generate(seededRng(seed), { part: 'decoder-layer' }).command).toMatch(/^dlnotes params decoder-layer /);
    }
  });

  it('a slipped answer is named: the LSTM drill knows i, f, o, g and the missing tanh', () => {
    const lstm = generators.find((g) => g.id === 'lstm-step')!;
    const ids = new Set<string>();
    for (const seed of SEEDS) {
      const p = lstm.generate(seededRng(seed), { ask: 'h' });
      if (p.expected.kind === 'number') for (const s of p.expected.slips ?? []) ids.add(s.id);
    }
    expect([...ids].sort()).toEqual(['lstm-forgot-forget', 'lstm-gate-order', 'lstm-h-without-tanh']);
  });
});
