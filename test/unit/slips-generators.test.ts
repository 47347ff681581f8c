/**
 * Generated problems carry the calculators' slips (issue 14): every slip a
 * template's Expected carries is one it declares, every declared slip shows
 * up in some draw, answering a slip's value names it, and the right answer
 * never carries a slip.
 */
import { describe, expect, it } from 'vitest';
import { fmtNum } from '../../src/core/format';
import { seededRng } from '../../src/core/random';
import { SLIP_CATALOGUE, type SlipId } from '../../src/core/slips';
import { GENERATORS, generatorsByTopic } from '../../src/quiz/generators/index';
import type { Expected, Generator } from '../../src/quiz/generators/types';
import { keyInput } from '../../src/quiz/bank/lint';
import { expectedPart } from '../../src/quiz/present';

const SEEDS = 300;

/** Options that reach every branch of a template (ceil mode, squared hinge, ...). */
const OPTION_SETS: Record<string, Array<Record<string, unknown>>> = {
  'pool-output-size': [{ ceil: true }, { ceil: false }],
  'conv-params': [{ depthwise: true }, { depthwise: false }],
  'conv-output-size': [{ trap: true }, { trap: false }],
  'act-grad': [{ fn: 'gelu', ask: 'grad' }, {}],
  'backprop-gate': [{ gate: 'copy' }, { gate: 'max' }, { gate: 'mul' }],
  'lr-schedule': [{ warmup: true }, { warmup: false }],
};

/** The option sets a template is drawn with: those above, else the defaults and each value of each option. */
function optionSets(g: Generator): Array<Record<string, unknown>> {
  const given = OPTION_SETS[g.id];
  if (given) return given;
  const sets: Array<Record<string, unknown>> = [{}];
  for (const [k, spec] of Object.entries(g.options ?? {})) {
    const values: unknown[] = Array.isArray(spec) ? [...spec] : spec === 'boolean' ? [true, false] : [];
    for (const v of values) sets.push({ [k]: v });
  }
  return sets;
}

function draws(g: Generator): Expected[] {
  const sets = optionSets(g);
  return sets.flatMap((options) => Array.from({ length: SEEDS / sets.length }, (_, seed) => g.generate(seededRng(seed + 1), options).expected));
}

const input = (value: number | number[][]): string => (typeof value === 'number' ? fmtNum(value, 10) : value[0]!.map((v) => fmtNum(v, 10)).join(', '));

const withSlips = [...GENERATORS.values()].filter((g) => (g.slips?.length ?? 0) > 0);

describe('generated problems name the same slips as the calculators', () => {
  it('templates over the calculators declare slips', () => {
    expect(withSlips.map((g) => g.id).sort()).toEqual([
      'act-grad', 'anchors-count', 'ap-images', 'ap-match', 'ap-ranked', 'attention-cost', 'attention-weights', 'backprop-gate', 'bn-train', 'box-target',
      'bptt-factor', 'conv-macs', 'conv-memory', 'conv-output-size', 'conv-params', 'gru-step', 'iou-boxes', 'knn-vote', 'lr-schedule', 'lstm-step',
      'matmul-grad', 'mha-params', 'miou-confusion', 'nms-keep', 'optim-adagrad', 'optim-adam', 'optim-adamw', 'optim-momentum', 'optim-rmsprop',
      'optim-sgd', 'params-stack-vs-single', 'pool-output-size', 'rf-stack', 'rnn-params', 'roi-align-value', 'softmax-loss', 'svm-loss',
    ]);
  });

  it.each(withSlips.map((g) => [g.id, g] as const))('%s: carries only declared slips, and each declared one shows', (_, g) => {
    const seen = new Set<string>();
    for (const e of draws(g)) {
      if (e.kind === 'choice') continue;
      for (const s of e.slips ?? []) {
        expect(g.slips, `${g.id} carries ${s.id}`).toContain(s.id);
        seen.add(s.id);
      }
    }
    expect([...seen].sort()).toEqual([...g.slips!].sort());
  });

  it.each(withSlips.map((g) => [g.id, g] as const))('%s: the slip\'s value names it; the right answer carries none', (_, g) => {
    let named = 0;
    for (const e of draws(g).slice(0, 120)) {
      if (e.kind === 'choice') continue;
      for (const lang of ['en', 'zh'] as const) {
        const part = expectedPart(e, lang);
        const right = part.grade(keyInput(e));
        expect(right.correct).toBe(true);
        expect(right.slips).toBeUndefined();
        for (const s of e.slips ?? []) {
          const r = part.grade(input(s.expected));
          // Typed to the digits it has, a slip can round to the right answer (-1.09 for -1.0905): right wins.
          if (r.correct) continue;
          named += 1;
          expect(r.slips?.map((x) => x.id), `${g.id}: ${s.id} = ${input(s.expected)}`).toContain(s.id);
        }
      }
    }
    expect(named).toBeGreaterThan(20);
  });

  it('the catalogue lists the drill topics whose templates declare each slip (stats suggests them)', () => {
    expect(generatorsByTopic.size).toBeGreaterThan(5);
    const listed = Object.entries(SLIP_CATALOGUE).map(([id, info]) => [id, [...info.topics].sort()]);
    const declared = Object.keys(SLIP_CATALOGUE).map((id) => [id, [...new Set(withSlips.filter((g) => g.slips!.includes(id as SlipId)).map((g) => g.topic))].sort()]);
    expect(listed).toEqual(declared);
  });
});
