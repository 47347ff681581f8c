/**
 * The shipped bank's generated questions ask what their lead-in promises
 * (a tanh derivative, the Transformer's warm-up and 1/√t schedule), the
 * lr-schedule template states its horizon T, and a drill of
 * params-stack-vs-single never repeats a problem within five draws.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../../src/core/random';
import { DEFAULT_CONFIG } from '../../src/quiz/config';
import { DrillRunner, NO_REPEAT_WITHIN, type DrillRunOptions } from '../../src/quiz/drill/runner';
import { readBank } from '../../src/quiz/bank/load';
import { shippedBankDir } from '../../src/quiz/bank/paths';
import { GENERATORS } from '../../src/quiz/generators/index';
import { prepareGenerators, present } from '../../src/quiz/present';
import type { Bank, GeneratedQuestion } from '../../src/quiz/types';

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 3);
let bank: Bank;

beforeAll(async () => {
  await prepareGenerators();
  bank = readBank([shippedBankDir()], { cache: false }).bank;
}, 60_000);

function draws(id: string): Array<Record<string, unknown>> {
  const q = bank.byId.get(id) as GeneratedQuestion;
  return SEEDS.map((s) => present(q, 'en', seededRng(s)).params ?? {});
}

describe('generated questions ask what their lead-in promises', () => {
  it('sequence.rnn.act-grad: always the tanh derivative', () => {
    for (const p of draws('sequence.rnn.act-grad')) expect(p).toMatchObject({ fn: 'tanh', ask: 'grad' });
  });

  it('sequence.lstm.sigmoid-grad: always the sigmoid derivative', () => {
    for (const p of draws('sequence.lstm.sigmoid-grad')) expect(p).toMatchObject({ fn: 'sigmoid', ask: 'grad' });
  });

  it('sequence.transformer.lr-schedule: always warm-up then 1/√t', () => {
    for (const p of draws('sequence.transformer.lr-schedule')) {
      expect(p.schedule).toBe('inverse-sqrt');
      expect(p.warmup).toBeGreaterThan(0);
    }
  });
});

describe('lr-schedule states its horizon', () => {
  it.each(['cosine', 'linear'])('%s: the prompt gives T (T_max) as a number, in both languages', (schedule) => {
    const gen = GENERATORS.get('lr-schedule')!;
    for (const warmup of [false, true]) {
      for (const s of SEEDS.slice(0, 40)) {
        const p = gen.generate(seededRng(s), { schedule, warmup });
        const T = (p.params.total as number) - (p.params.warmup as number);
        const name = schedule === 'cosine' ? 'T_max' : 'T';
        expect(p.prompt.en, p.prompt.en).toMatch(new RegExp(`${name} = (\\d+ − \\d+ = )?${T}\\b`));
        expect(p.prompt.zh, p.prompt.zh).toMatch(new RegExp(`${name} = (\\d+ − \\d+ = )?${T}\\b`));
      }
    }
  });
});

describe('a drill never repeats a problem within five draws', () => {
  function drill(template: string, seed: number, count: number): DrillRunner {
    const gen = GENERATORS.get(template)!;
    const o = {
      templates: [gen], count, seed, options: new Map(), scheduleAs: new Map(), lang: 'en', present,
      config: DEFAULT_CONFIG, clock: () => new Date(0),
    } as unknown as DrillRunOptions;
    return new DrillRunner(o);
  }

  it.each([1, 2, 3, 17, 2024])('params-stack-vs-single, seed %i', (seed) => {
    const r = drill('params-stack-vs-single', seed, 60);
    const keys = Array.from({ length: 60 }, (_, i) => JSON.stringify(r.problem(i).p.params));
    for (let i = 0; i < keys.length; i++) {
      expect(keys.slice(Math.max(0, i - NO_REPEAT_WITHIN), i), `problem ${i + 1}`).not.toContain(keys[i]);
    }
  });

  it('params-stack-vs-single has enough variety on its own: 100 draws give at least 50 problems', () => {
    const gen = GENERATORS.get('params-stack-vs-single')!;
    const distinct = new Set(SEEDS.slice(0, 100).map((s) => JSON.stringify(gen.generate(seededRng(s)).params)));
    expect(distinct.size).toBeGreaterThanOrEqual(50);
  });

  it('keeps the same problems for the same seed', () => {
    const a = drill('params-stack-vs-single', 9, 10);
    const b = drill('params-stack-vs-single', 9, 10);
    expect(b.problem(7).p.prompt).toBe(a.problem(7).p.prompt);
  });
});
