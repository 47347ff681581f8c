import fc from 'fast-check';
import { FSRSAlgorithm, default_w, generatorParameters } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { memoryModel, nextState } from '../../src/quiz/memory';

const state = fc.record({
  difficulty: fc.oneof(fc.double({ min: 1, max: 10, noNaN: true }), fc.constantFrom(1, 10, 5.5)),
  stability: fc.oneof(fc.double({ min: 0.001, max: 36500, noNaN: true }), fc.constantFrom(0.001, 0.1, 1, 36500)),
});
const args = fc.tuple(state, fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constant(0)), fc.constantFrom(1, 2, 3, 4), fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }));

/** Parameters to compare under: the defaults, a fitted-looking set, and no short-term steps. */
const SETS = [
  generatorParameters({}),
  generatorParameters({ w: default_w.map((x, i) => (i === 20 ? 0.3 : x * (1 + ((i % 5) - 2) / 20))) }),
  generatorParameters({ enable_short_term: false }),
];

describe("plan's memory update (nextState) against ts-fsrs's next_state", () => {
  for (const [k, params] of SETS.entries()) {
    it(`gives the same stability and difficulty bit for bit (parameter set ${k})`, () => {
      const algo = new FSRSAlgorithm(params);
      const fast = nextState(algo);
      fc.assert(fc.property(args, ([m, t, g, r]) => {
        expect(fast(m, t, g as 1 | 2 | 3 | 4, r)).toEqual(algo.next_state(m, t, g, r));
      }), { numRuns: 3000 });
    });
  }

  it('hands first answers and invalid states to ts-fsrs (same result or the same error)', () => {
    const algo = new FSRSAlgorithm(generatorParameters({}));
    const fast = nextState(algo);
    expect(fast(null, 0, 3)).toEqual(algo.next_state(null, 0, 3));
    expect(fast({ difficulty: 0, stability: 0 }, 0, 1)).toEqual(algo.next_state({ difficulty: 0, stability: 0 }, 0, 1));
    expect(() => fast({ difficulty: 0.5, stability: 2 }, 3, 3)).toThrow(/Invalid memory state/);
    expect(() => fast({ difficulty: 5, stability: 2 }, -1, 3)).toThrow(/Invalid delta_t/);
  });

  it("goodReview is recall, next (rated Good) and interval in one call, bit for bit", () => {
    const DAY = 86_400_000;
    for (const retention of [0.9, 0.8, 0.97]) {
      const model = memoryModel({ retention, fuzz: false, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], maximumInterval: 365 });
      const out = new Float64Array(4);
      fc.assert(fc.property(state, fc.integer({ min: 0, max: 400 * DAY }), fc.integer({ min: 0, max: 2e12 }), (m, gapMs, last) => {
        model.goodReview(m.difficulty, m.stability, last, last + gapMs, out);
        const t = Math.floor(gapMs / DAY);
        const r = model.recall(t, m.stability);
        const next = model.next(m, t, 3, r);
        expect([...out]).toEqual([r, next.stability, next.difficulty, model.interval(next.stability)]);
      }), { numRuns: 2000 });
    }
  });

  it('is what the memory model uses', () => {
    const model = memoryModel({ retention: 0.9, fuzz: false, learningSteps: ['1m', '10m'], relearningSteps: ['10m'], maximumInterval: 36500 });
    const algo = new FSRSAlgorithm(generatorParameters({ request_retention: 0.9, enable_fuzz: false, learning_steps: ['1m', '10m'], relearning_steps: ['10m'], maximum_interval: 36500 }));
    expect(model.next({ difficulty: 6.2, stability: 12.5 }, 9, 3, 0.91)).toEqual(algo.next_state({ difficulty: 6.2, stability: 12.5 }, 9, 3, 0.91));
    expect(model.next({ difficulty: 6.2, stability: 12.5 }, 9, 1)).toEqual(algo.next_state({ difficulty: 6.2, stability: 12.5 }, 9, 1));
  });
});
