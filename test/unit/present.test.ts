import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../../src/core/random';
import { loadBank } from '../../src/quiz/bank/load';
import { expectedPart, preparePresent, present } from '../../src/quiz/present';
import type { Bank, Question } from '../../src/quiz/types';
import { ROOT } from '../helpers/cli';

let bank: Bank;
const q = (id: string): Question => bank.byId.get(id)!;

beforeAll(async () => {
  bank = loadBank([join(ROOT, 'test', 'fixtures', 'bank-good')], { cache: false });
  await preparePresent();
});

describe('present: numeric', () => {
  it('shows the prompt and grades with the rounding rule', () => {
    const p = present(q('cnn.conv.params-760'), 'en', seededRng(1));
    expect(p.prompt).toBe('Input 32×32×3, ten 5×5 filters: how many parameters?');
    expect(p.mode).toEqual({ kind: 'number' });
    expect(p.answerText).toBe('760');
    expect(p.grade('760')).toEqual({ correct: true, feedback: 'right', given: '760' });
    expect(p.grade('761').correct).toBe(false);
    expect(p.grade('abc')).toEqual({ correct: false, unreadable: true, feedback: 'not a number: abc — type 4, 4.0, 1/2, 3e-4, 1,216, 1.2M or ~1.2k for an estimate', given: 'abc' });
    expect(p.explanation).toBe('5·5·3·10 weights + 10 biases = 760');
  });
  it('uses zh text in zh', () => {
    expect(present(q('cnn.conv.params-760'), 'zh', seededRng(1)).prompt).toBe('输入 32×32×3,10 个 5×5 滤波器,参数量是多少?');
  });
});

describe('present: choice', () => {
  it('keeps the order when shuffle is false and grades letters', () => {
    const p = present(q('cnn.pool.no-params'), 'en', seededRng(1));
    expect(p.mode).toEqual({ kind: 'choice', choices: ['0', 'as many as the window size', '2 per channel'], multiple: false });
    expect(p.answerText).toBe('a) 0');
    expect(p.grade('a').correct).toBe(true);
    expect(p.grade('A').correct).toBe(true);
    expect(p.grade('b')).toEqual({ correct: false, feedback: 'wrong choice', given: 'b' });
    expect(p.grade('a,b')).toEqual({ correct: false, feedback: 'one answer only', given: 'a,b' });
    expect(p.grade('z').feedback).toBe('answer with choice letters (a-c)');
  });
  it('shuffles with the rng and grades sets of the displayed letters', () => {
    const question = q('cnn.bn.why');
    const p = present(question, 'en', seededRng(7));
    if (p.mode.kind !== 'choice') throw new Error('not a choice');
    expect(p.mode.multiple).toBe(true);
    expect([...p.mode.choices].sort()).toEqual(['acts as a regularizer in training', 'allows higher learning rates', 'improves gradient flow', 'reduces the parameter count']);
    const wrongIndex = p.mode.choices.indexOf('reduces the parameter count');
    const right = 'abcd'.split('').filter((_, i) => i !== wrongIndex);
    expect(p.grade(right.join(',')).correct).toBe(true);
    expect(p.grade([...right].reverse().join(' ')).correct).toBe(true);
    expect(p.grade(right.join('')).correct).toBe(true);
    expect(p.grade(right.slice(0, 2).join(','))).toMatchObject({ correct: false, feedback: 'right so far, but 1 more correct choice' });
    expect(p.grade('abcd').correct).toBe(false);
    // the same seed gives the same order
    expect(present(question, 'en', seededRng(7)).mode).toEqual(p.mode);
  });
});

describe('present: formula', () => {
  it('grades by equivalence, not by string', () => {
    const p = present(q('act.sigmoid.grad'), 'en', seededRng(1));
    expect(p.mode).toEqual({ kind: 'formula', variables: ['s'] });
    expect(p.answerText).toBe('s(1 − s)');
    for (const good of ['s*(1-s)', 's - s^2', 's(1-s)', '-s^2+s', 's·(1−s)', 's*(1-s)*1']) expect(p.grade(good).correct, good).toBe(true);
    expect(p.grade('s*(1+s)')).toMatchObject({ correct: false });
    expect(p.grade('s*(1+s)').feedback).toMatch(/^not equivalent: at s=0\.\d+ yours gives/);
    expect(p.grade('x*(1-x)').feedback).toBe('unknown name "x": the variables are s (and the constants pi, e)');
    expect(p.grade('foo(s)').feedback).toMatch(/^unknown function foo\(\)/);
    expect(p.grade('s*(').feedback).toMatch(/^the expression ends where a number, a name or "\(" is expected/);
    expect(present(q('act.sigmoid.grad'), 'zh', seededRng(1)).grade('foo(s)').feedback).toMatch(/^未知函数 foo\(\)/);
  });
  it('accepts the forms of GELU', () => {
    const p = present(q('act.gelu.def'), 'en', seededRng(1));
    expect(p.grade('x*(1+erf(x/sqrt(2)))/2').correct).toBe(true);
    expect(p.grade('0.5*x*(1+tanh(sqrt(2/pi)*(x+0.044715*x^3)))').correct).toBe(false);
    expect(p.answerText).toBe('x·1/2 (1 + erf(x/√2))');
  });
});

describe('present: cloze', () => {
  it('shows blanks, renders LaTeX around them and grades numbers and text', () => {
    const p = present(q('act.adam.defaults'), 'en', seededRng(1));
    expect(p.prompt).toBe("Adam's defaults are β₁ = ____(1) and β₂ = ____(2)");
    expect(p.mode).toEqual({ kind: 'cloze', blanks: 2 });
    expect(p.answerText).toBe('0.9; 0.999');
    expect(p.grade('0.9; 0.999').correct).toBe(true);
    expect(p.grade('0.90;0.999').correct).toBe(true);
    expect(p.grade('0.9; 0.99')).toMatchObject({ correct: false, feedback: 'expected (2) 0.999' });
    expect(p.grade('0.9')).toMatchObject({ correct: false, unreadable: true, feedback: 'give 2 answers separated by ";", got 1' });
  });
  it('an answer of only semicolons says which blanks are missing, and is not graded', () => {
    const p = present(q('act.adam.defaults'), 'en', seededRng(1));
    expect(p.grade(';')).toEqual({ correct: false, unreadable: true, feedback: 'blank (1), (2) are empty: write one answer per blank, separated by ";"', given: '; ' });
    expect(p.grade('0.9;')).toMatchObject({ unreadable: true, feedback: 'blank (2) is empty: write one answer per blank, separated by ";"' });
    expect(p.grade(';;')).toMatchObject({ unreadable: true, feedback: 'give 2 answers separated by ";", got 3' });
    expect(present(q('act.adam.defaults'), 'zh', seededRng(1)).grade('；')).toMatchObject({ unreadable: true, feedback: '第 (1)、(2) 空没有填：每空写一个答案，用 ";" 分隔' });
  });
  it('accepts alternatives in either language, ignoring case and punctuation', () => {
    const p = present(q('act.relu.name'), 'zh', seededRng(1));
    expect(p.prompt).toBe('max(0, x) 叫做 ____(1)。');
    for (const good of ['ReLU', 'relu', ' RELU ', '整流线性单元', 'Rectified linear unit', 'rectified-linear unit.']) expect(p.grade(good).correct, good).toBe(true);
    expect(p.grade('sigmoid').correct).toBe(false);
  });
});

describe('present: card', () => {
  it('reveals the answer with LaTeX as Unicode', () => {
    const p = present(q('cnn.bn.formula'), 'en', seededRng(1));
    expect(p.mode).toEqual({ kind: 'reveal' });
    expect(p.answerText).toBe('x̂ᵢ = (xᵢ − μ_B)/√(σ_B² + ϵ)');
  });
});

describe('present: generated', () => {
  let gen: Bank;
  beforeAll(async () => {
    const { GENERATORS, registerGenerators } = await import('../../src/quiz/generators/index');
    const { FIXTURE_GENERATORS } = await import('../fixtures/generators');
    if (!GENERATORS.has('fixture-conv-size')) registerGenerators(FIXTURE_GENERATORS);
    gen = loadBank([join(ROOT, 'test', 'fixtures', 'bank-gen')], { cache: false });
  });

  it('draws a fresh problem per rng, with lead-in, worked solution and params', () => {
    const p = present(gen.byId.get('gen.conv-size')!, 'en', seededRng(3));
    const { n, k, s, p: pad } = p.params as { n: number; k: number; s: number; p: number };
    const out = Math.floor((n - k + 2 * pad) / s) + 1;
    expect(p.prompt).toBe(`With PyTorch's conventions:\nInput ${n}×${n}, a ${k}×${k} conv, stride ${s}, padding ${pad}: what is the output size H'?`);
    expect(p.mode).toEqual({ kind: 'number' });
    expect(p.answerText).toBe(String(out));
    expect(p.grade(String(out))).toEqual({ correct: true, feedback: 'right', given: String(out) });
    expect(p.grade(String(out + 1)).correct).toBe(false);
    expect(p.solution?.title).toBe('Conv output size');
    expect(present(gen.byId.get('gen.conv-size')!, 'en', seededRng(3)).params).toEqual(p.params);
    expect(present(gen.byId.get('gen.conv-size')!, 'en', seededRng(4)).params).not.toEqual(p.params);
  });

  it('passes options to the generator (trap: the stride does not divide)', () => {
    for (let seed = 0; seed < 30; seed++) {
      const { n, k, s, p } = present(gen.byId.get('gen.conv-size-trap')!, 'zh', seededRng(seed)).params as Record<string, number>;
      expect((n! + 2 * p! - k!) % s!).not.toBe(0);
    }
  });

  it('grades tuples in any accepted order, and labelled tuples by name', () => {
    const shape = present(gen.byId.get('gen.shape')!, 'en', seededRng(1));
    const h = (shape.params as { h: number }).h;
    expect(shape.mode).toEqual({ kind: 'tuple' });
    expect(shape.answerText).toBe(`${h}×${h}×4`);
    expect(shape.grade(`${h}x${h}x4`).correct).toBe(true);
    expect(shape.grade(`4, ${h}, ${h}`).correct).toBe(true);
    expect(shape.grade(`${h}x4`)).toMatchObject({ correct: false, unreadable: true, feedback: 'give 3 numbers, got 2' });
    const grad = present(gen.byId.get('gen.grad')!, 'en', seededRng(2));
    const { x, y } = grad.params as { x: number; y: number };
    expect(grad.mode).toEqual({ kind: 'tuple', labels: ['dx', 'dy'] });
    expect(grad.answerText).toBe(`dx = ${y}, dy = ${x}`);
    expect(grad.grade(`${y}, ${x}`).correct).toBe(true);
    expect(grad.grade(`dy=${x}, dx=${y}`).correct).toBe(true);
  });

  it('grades generated choices by letter', () => {
    const p = present(gen.byId.get('gen.choice')!, 'en', seededRng(5));
    const right = (p.params as { right: number }).right;
    expect(p.grade('abc'[right]!).correct).toBe(true);
    expect(p.grade('abc'[(right + 1) % 3]!).correct).toBe(false);
  });

  it('names an unknown template with its file and line', () => {
    const q = { ...gen.byId.get('gen.shape')!, template: 'nope' } as Question;
    expect(() => present(q, 'en', seededRng(1))).toThrow(/bank-gen\/gen\.yaml:20: unknown template "nope" in question gen\.shape/);
  });
});

describe('expectedPart: lists', () => {
  const keep = { kind: 'tuple' as const, orders: [[2, 4]], list: true, slips: [{ id: 'nms-unsorted' as const, expected: [[0, 1, 4]], text: { en: 'unsorted', zh: '未排序' } }] };
  it('grades a list of another length (how many NMS keeps is part of the answer) and names its slip', () => {
    const r = expectedPart(keep, 'en').grade('0, 1, 4');
    expect(r.unreadable).toBeUndefined();
    expect(r.correct).toBe(false);
    expect(r.slips?.map((x) => x.id)).toEqual(['nms-unsorted']);
    expect(expectedPart(keep, 'en').grade('2, 4').correct).toBe(true);
  });
  it('still asks again for a shape with the wrong number of values', () => {
    expect(expectedPart({ kind: 'tuple', orders: [[32, 32, 10]] }, 'en').grade('32, 32')).toMatchObject({ unreadable: true });
  });
});
