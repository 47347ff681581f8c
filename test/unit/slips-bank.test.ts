/**
 * Hand-written questions' known wrong answers (`slips:` in the bank, issue
 * 14): read and checked by the loader, kept by the cache, named by the
 * grader in the question's language, checked by lint, and not an "edit".
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/core/random';
import { SLIP_CATALOGUE } from '../../src/core/slips';
import { tr } from '../../src/core/text';
import { lintQuestion } from '../../src/quiz/bank/lint';
import { loadBank } from '../../src/quiz/bank/load';
import { parseDeck } from '../../src/quiz/bank/parse';
import { letter } from '../../src/quiz/grade/choice';
import { preparePresent, present } from '../../src/quiz/present';
import type { ChoiceQuestion, NumericQuestion } from '../../src/quiz/types';

const ROOT = join(__dirname, '..', '..');
const BANK = join(ROOT, 'test', 'fixtures', 'slips-bank');

const deck = (slips: string, type = 'numeric', answer = '760'): string => [
  'deck: t',
  'title: {zh: 测, en: T}',
  'questions:',
  '  - id: t.q',
  `    type: ${type}`,
  '    prompt: {zh: "参数量？", en: "Parameters?"}',
  ...(type === 'choice' ? ['    choices: ["7", "9", "27"]'] : []),
  `    answer: ${answer}`,
  ...(slips ? ['    slips:', ...slips.split('\n').map((l) => `      ${l}`)] : []),
  '    explanation: {zh: "因为", en: "because"}',
  '    tags: [calc]',
  '    source: "04 卷积神经网络 / 计算方法"',
  '',
].join('\n');

describe('slips: in the bank format', () => {
  it('reads numeric and choice slips', () => {
    const bank = loadBank([BANK], { cache: false, cwd: ROOT });
    const n = bank.byId.get('slips.numeric') as NumericQuestion;
    expect(n.slips).toEqual([{ answer: 750, slip: 'forgot-bias', explanation: { zh: '漏了 10 个偏置：750 只是权重。', en: 'The 10 biases are missing: 750 is the weights alone.' } }]);
    const c = bank.byId.get('slips.choice') as ChoiceQuestion;
    expect(c.slips!.map((s) => [s.answer, s.slip])).toEqual([[[1], 'rf-sum-of-kernels'], [[2], 'rf-product-of-kernels']]);
  });

  it.each([
    ['- {answer: 750, slip: forgot-biass, explanation: x}', /slips\.0\.slip "forgot-biass" is not a known slip id/],
    ['- {answer: 750, slip: forgot-bias}', /slips\.0 is missing "explanation"/],
    ['- {answer: 750, slip: forgot-bias, explanation: x, why: y}', /unknown field "why" in slips\.0/],
    ['- {answer: lots, slip: forgot-bias, explanation: x}', /slips\.0\.answer must be a number/],
    ['- 750', /slips\.0 must be a mapping/],
  ])('refuses %s', (slips, message) => {
    const parsed = parseDeck(deck(slips), 't.yaml');
    expect(parsed.problems.map((p) => p.message).join('\n')).toMatch(message);
  });

  it('a choice slip names letters within the choices', () => {
    const parsed = parseDeck(deck('- {answer: d, slip: rf-sum-of-kernels, explanation: x}', 'choice', 'a'), 't.yaml');
    expect(parsed.problems.map((p) => p.message)).toEqual(['slips.0.answer "d" is out of range: there are 3 choices (a-c)']);
  });

  it('listing slips does not edit the question (same content hash)', () => {
    const without = parseDeck(deck(''), 't.yaml').questions[0]!;
    const withSlips = parseDeck(deck('- {answer: 750, slip: forgot-bias, explanation: x}'), 't.yaml').questions[0]!;
    expect(withSlips.hash).toBe(without.hash);
  });

  it('the cache keeps them', () => {
    const cache = mkdtempSync(join(tmpdir(), 'dlnotes-cache-'));
    loadBank([BANK], { cache, cwd: ROOT });
    const cached = loadBank([BANK], { cache, cwd: ROOT });
    expect((cached.byId.get('slips.numeric') as NumericQuestion).slips![0]!.slip).toBe('forgot-bias');
    expect((cached.byId.get('slips.choice') as ChoiceQuestion).slips).toHaveLength(2);
  });
});

describe('grading names a hand-written slip', () => {
  const bank = loadBank([BANK], { cache: false, cwd: ROOT });

  it('numeric: the wrong answer it lists, by the answer\'s own rule, in the question\'s language', () => {
    const q = bank.byId.get('slips.numeric')!;
    const en = present(q, 'en', seededRng(1));
    expect(en.grade('750').slips).toEqual([{ id: 'forgot-bias', text: 'The 10 biases are missing: 750 is the weights alone.' }]);
    expect(present(q, 'zh', seededRng(1)).grade('７５０').slips).toEqual([{ id: 'forgot-bias', text: '漏了 10 个偏置：750 只是权重。' }]);
    expect(en.grade('760')).toMatchObject({ correct: true });
    expect(en.grade('760').slips).toBeUndefined();
    expect(en.grade('751').slips).toBeUndefined();
  });

  it('choice: the letter the slip\'s choice is shown at, whatever the shuffle', () => {
    const q = { ...(bank.byId.get('slips.choice') as ChoiceQuestion), shuffle: true };
    for (let seed = 1; seed <= 12; seed++) {
      const p = present(q, 'en', seededRng(seed));
      if (p.mode.kind !== 'choice') throw new Error('a choice question');
      const at = (text: string) => letter(p.mode.kind === 'choice' ? p.mode.choices.indexOf(text) : -1);
      expect(p.grade(at('9')).slips?.map((s) => s.id)).toEqual(['rf-sum-of-kernels']);
      expect(p.grade(at('27')).slips?.map((s) => s.id)).toEqual(['rf-product-of-kernels']);
      expect(p.grade(at('7')).correct).toBe(true);
      expect(p.grade(at('7')).slips).toBeUndefined();
    }
  });

  it('lint: a slip must be a wrong answer its grader names', async () => {
    await preparePresent();
    const right = parseDeck(deck('- {answer: 760, slip: forgot-bias, explanation: x}'), 't.yaml').questions[0]!;
    expect(lintQuestion(right, {}, [1]).map((p) => tr(p.text, 'en'))).toEqual(['the slip answer "760" is graded right: a slip lists a wrong answer']);
    const fine = parseDeck(deck('- {answer: 750, slip: forgot-bias, explanation: "$5 \\\\cdot 5$"}'), 't.yaml').questions[0]!;
    expect(lintQuestion(fine, {}, [1])).toEqual([]);
    const badLatex = parseDeck(deck('- {answer: 750, slip: forgot-bias, explanation: "$\\\\frac{1$"}'), 't.yaml').questions[0]!;
    expect(lintQuestion(badLatex, {}, [1]).map((p) => p.field)).toEqual(['slips.0.explanation']);
  });
});

describe('docs/bank-format.md', () => {
  it('lists every slip id of the catalogue', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'bank-format.md'), 'utf8');
    const table = doc.slice(doc.indexOf('| ids | about |'));
    const listed = [...table.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!).filter((id) => !id.includes('.'));
    expect([...new Set(listed)].sort()).toEqual(Object.keys(SLIP_CATALOGUE).sort());
  });
});
