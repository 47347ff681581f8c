/**
 * The shipped bank (questions/): it lints clean, every formula and numeric
 * key passes its own grader, and every generated template, in the bank or
 * merely registered, draws sensible problems with many seeds whose answers
 * pass their own grader. Runs on whatever the bank holds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fmtNum } from '../../src/core/format';
import { seededRng } from '../../src/core/random';
import { keyInput, lintBank, lintGenerated } from '../../src/quiz/bank/lint';
import { readBank } from '../../src/quiz/bank/load';
import { shippedBankDir } from '../../src/quiz/bank/paths';
import { formatProblem } from '../../src/quiz/bank/problems';
import { GENERATORS } from '../../src/quiz/generators/index';
import { LANGS } from '../../src/quiz/lang';
import { expectedPart, preparePresent, present } from '../../src/quiz/present';
import type { Bank } from '../../src/quiz/types';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ACCENTS, BIG_OPS, SYMBOLS } from '../../src/render/latex-symbols';

/** Commands the renderer handles structurally (not through the symbol tables). */
const STRUCTURAL = new Set(['frac', 'dfrac', 'tfrac', 'sqrt', 'text', 'textbf', 'mathbf', 'mathrm', 'mathit', 'mathbb', 'mathcal', 'boldsymbol', 'operatorname',
  'left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'begin', 'end', 'quad', 'qquad', 'log', 'ln', 'exp', 'max', 'min', 'arg', 'sin', 'cos', 'tan', 'tanh',
  'sigma', 'lim', 'sup', 'inf', 'det', 'overline', 'underline', 'underbrace', 'overbrace', 'boxed', 'cdotp', 'displaystyle', 'limits']);

const SEEDS = Array.from({ length: 100 }, (_, i) => i * 7919 + 1);
let bank: Bank;

beforeAll(async () => {
  await preparePresent();
  bank = readBank([shippedBankDir()], { cache: false }).bank;
});

describe('the shipped bank', () => {
  it('lints clean', async () => {
    const r = await lintBank([shippedBankDir()], { cache: false, seeds: [1, 2, 3] });
    expect(r.problems.map((p) => formatProblem(p))).toEqual([]);
  });

  it('uses only LaTeX commands the terminal renderer knows', () => {
    const dir = shippedBankDir();
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/\\([a-zA-Z]+)/g)) used.add(m[1]!);
    }
    // (single n, t, r are YAML escapes in double-quoted strings, not LaTeX)
    const unknown = [...used].filter((c) => !['n', 't', 'r'].includes(c) && !STRUCTURAL.has(c) && SYMBOLS[`\\${c}`] === undefined && BIG_OPS[`\\${c}`] === undefined && ACCENTS[`\\${c}`] === undefined);
    expect(unknown).toEqual([]);
  });

  it('has the registries its files declare, and every question uses them', () => {
    // Read here with the yaml package directly, not through the bank loader under test.
    const dir = shippedBankDir();
    const sections = (parseYaml(readFileSync(join(dir, 'sections.yaml'), 'utf8')) as { sections: Array<{ id: string; title: string; weight?: number }> }).sections;
    const tags = (parseYaml(readFileSync(join(dir, 'tags.yaml'), 'utf8')) as { tags: Record<string, string> }).tags;
    expect(sections.length).toBeGreaterThan(20);
    expect(bank.sections.map((x) => [x.id, x.title, x.weight])).toEqual(sections.map((x) => [x.id, x.title, x.weight ?? 1]));
    expect(Object.keys(tags).length).toBeGreaterThan(20);
    expect(Object.fromEntries(bank.tags)).toEqual(tags);
    const titles = new Set(sections.map((x) => x.title));
    for (const q of bank.questions) {
      expect(titles.has(q.source), `${q.id}: source "${q.source}"`).toBe(true);
      for (const tag of q.tags) expect(tag in tags, `${q.id}: tag "${tag}"`).toBe(true);
    }
  });

  it('every question presents in both languages with a prompt and an answer, no raw LaTeX left', () => {
    for (const q of bank.questions) {
      for (const lang of LANGS) {
        const p = present(q, lang, seededRng(3));
        expect(p.prompt.trim(), q.id).not.toBe('');
        expect(p.answerText.trim(), q.id).not.toBe('');
        for (const text of [p.prompt, p.answerText, p.explanation ?? '', p.hint ?? '']) {
          expect(text, `${q.id} (${lang})`).not.toMatch(/\\[a-zA-Z]+|\$/);
        }
      }
    }
  });

  it('every formula key passes its own grader, in both languages', () => {
    for (const q of bank.questions.filter((x) => x.type === 'formula')) {
      for (const lang of LANGS) {
        const r = present(q, lang, seededRng(1)).grade(q.type === 'formula' ? q.answer : '');
        expect(r.correct, `${q.id}: ${r.feedback}`).toBe(true);
      }
    }
  });

  it('every numeric key (as written and as shown) passes its own grader', () => {
    for (const q of bank.questions) {
      if (q.type !== 'numeric') continue;
      const p = present(q, 'en', seededRng(1));
      for (const input of [String(q.answer), fmtNum(q.answer), fmtNum(q.answer, 10)]) {
        expect(p.grade(input).correct, `${q.id}: ${input}`).toBe(true);
      }
    }
  });

  it('every generated question draws with many seeds and its answer passes its grader', () => {
    for (const q of bank.questions) {
      if (q.type !== 'generated') continue;
      expect(lintGenerated(q.template, q.options, SEEDS), q.id).toEqual([]);
      for (const seed of SEEDS.slice(0, 10)) {
        for (const lang of LANGS) {
          const p = present(q, lang, seededRng(seed));
          expect(p.prompt.trim().length, `${q.id} seed ${seed}`).toBeGreaterThan(0);
        }
      }
    }
  });

  it('every registered template draws with many seeds and its answer passes its grader', () => {
    for (const gen of GENERATORS.values()) {
      expect(lintGenerated(gen.id, undefined, SEEDS), gen.id).toEqual([]);
      for (const seed of SEEDS.slice(0, 20)) {
        const problem = gen.generate(seededRng(seed));
        expect(gen.generate(seededRng(seed)).params, `${gen.id} is deterministic per seed`).toEqual(problem.params);
        const part = expectedPart(problem.expected, 'zh');
        expect(part.grade(keyInput(problem.expected)).correct).toBe(true);
      }
    }
  });
});
