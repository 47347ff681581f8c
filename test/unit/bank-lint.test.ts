import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintBank } from '../../src/quiz/bank/lint';
import { formatProblem } from '../../src/quiz/bank/problems';
import { GENERATORS, registerGenerators } from '../../src/quiz/generators/index';
import { FIXTURE_GENERATORS } from '../fixtures/generators';
import { ROOT } from '../helpers/cli';

const fixture = (name: string) => join('test', 'fixtures', name);

beforeAll(() => {
  if (!GENERATORS.has('fixture-conv-size')) registerGenerators(FIXTURE_GENERATORS);
});

async function lint(dir: string, seeds?: number[]): Promise<string[]> {
  const r = await lintBank([fixture(dir)], { cwd: ROOT, ...(seeds ? { seeds } : {}) });
  return r.problems.map((p) => formatProblem(p));
}

describe('bank lint', () => {
  it('passes a clean bank', async () => {
    expect(await lint('bank-good')).toEqual([]);
    expect(await lint('bank-gen', Array.from({ length: 50 }, (_, i) => i))).toEqual([]);
  });

  it('reports every problem of the bad bank at its file:line:col', async () => {
    const m = 'test/fixtures/bank-bad/mixed.yaml';
    const problems = await lint('bank-bad');
    const known = [...GENERATORS.keys()].join(', ');
    expect(known).toMatch(/^conv-output-size, .*fixture-conv-size/);
    expect(problems).toEqual([
      'test/fixtures/bank-bad/broken.yaml:3:1: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }',
      `${m}:5:1: unknown top-level field "author"; allowed: deck, title, order, questions`,
      `${m}:7:5: missing "type" (card, choice, numeric, formula, cloze, generated, diagram)`,
      `${m}:17:5: unknown field "choices" for a card question; allowed: id, type, prompt, explanation, tags, source, hint, answer`,
      `${m}:24:13: prompt needs both zh and en (missing en); or write one plain string for language-neutral text`,
      `${m}:30:9: id "other.prefix" must start with its deck id and a dot ("mixed.")`,
      `${m}:46:9: duplicate id "mixed.dup": also at ${m}:38; ids are unique across the bank`,
      `${m}:59:21: unknown tag "no-such-tag": add it to tags.yaml with its meaning, or use an existing tag`,
      `${m}:68:13: unknown source "99 不存在的章节": it must be a section title from sections.yaml`,
      `${m}:74:13: answer "d" is out of range: there are 2 choices (a-b)`,
      `${m}:81:13: the zh prompt has 2 blanks but the en prompt has 1: they must match`,
      `${m}:89:13: the answer "s*(1-" is not a valid formula: not an expression: Unexpected end of expression (char 6)`,
      `${m}:98:13: the answer "x*(1-s)" is not a valid formula: unknown name "x": the variables are s`,
      `${m}:108:16: the answer "log(x)" is not finite at x=-0.3181: keep the ranges inside its domain`,
      `${m}:115:18: LaTeX does not parse in $\\frac{1}{$: Unexpected end of input in a macro argument, expected '}' at end of input: \\frac{1}{`,
      `${m}:115:37: LaTeX does not parse in $\\sigma(x) = \\frac{1}{1+e^{-x}$: Unexpected end of input in a macro argument, expected '}' at end of input: …rac{1}{1+e^{-x}`,
      `${m}:117:18: unclosed $ at character 7 (write \\$ for a literal dollar)`,
      `${m}:123:15: unknown template "no-such-template"; known: ${known}`,
      `${m}:130:13: answer must be a number, got "seven"`,
      `${m}:137:26: YAML tags (!js/function) are not allowed: the file is data only`,
      `${m}:144:11: unknown type "essay"; allowed: card, choice, numeric, formula, cloze, generated, diagram`,
      `${m}:147:11: tags must not be empty`,
      `${m}:153:5: duplicate key (each key may appear once in a mapping)`,
      `${m}:164:14: display LaTeX does not parse: Unexpected end of input in a macro argument, expected '}' at end of input: \\frac{s}`,
    ]);
  });

  it('checks generated templates: options, and keys through their own grader with several seeds', async () => {
    const g = 'test/fixtures/bank-gen-bad/gen.yaml';
    expect(await lint('bank-gen-bad')).toEqual([
      `${g}:7:15: template fixture-conv-size has no option "ceil"; its options: trap`,
      `${g}:14:21: option trap of fixture-conv-size must be true or false, got "yes"`,
      expect.stringMatching(new RegExp(`^${g}:20:15: template fixture-bad-key \\(seed 1\\): its own answer NaN does not pass its grader \\((not a number|不是数字)：? ?NaN`)),
      `${g}:26:15: template fixture-throws failed with seed 7: no sensible parameters`,
      `${g}:33:15: template fixture-shape has no option "trap"; it takes no options`,
    ]);
  });

  it('checks diagram questions: the diagram, its labels, blanks given away', async () => {
    expect(await lint('bank-diagram')).toEqual([]);
    const b = 'test/fixtures/bank-diagram-bad/bad.yaml';
    expect(await lint('bank-diagram-bad')).toEqual([
      `${b}:6:14: unknown diagram "lstm-peephole" (dlnotes diagram --list lists them)`,
      `${b}:16:22: "peephole" is not a label of lstm; its labels: cell, ac, hidden, af, ai, ag, ao, forget, input, cand, output, concat`,
      `${b}:25:14: blank "an1" is given away: label "an2" shows the same text; blank it too or choose another`,
      `${b}:34:13: blanks must name at least one label to blank`,
      `${b}:43:21: blank "reset" is listed twice`,
      `${b}:49:5: missing "diagram" (a diagram id; \`dlnotes diagram --list\` lists them)`,
      `${b}:49:5: missing "blanks" (the label keys to blank, e.g. [forget, input])`,
    ]);
  });

  it('warns (without failing) when the key of single-answer choices is too often the longest option', async () => {
    const r = await lintBank([fixture('bank-longest')], { cwd: ROOT });
    expect(r.problems).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.ids).toEqual(['longest.q1', 'longest.q2', 'longest.q3']);
    expect(formatProblem(r.warnings[0]!)).toMatch(/^test\/fixtures\/bank-longest\/choices\.yaml:2:7: in 3 of 6 single-answer choice questions \(50%, zh\) the key is the uniquely longest option/);
    expect((await lintBank([fixture('bank-good')], { cwd: ROOT })).warnings).toEqual([]);
  });
});
