import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dlnotes, dlnotesJson } from '../helpers/cli';

const home = mkdtempSync(join(tmpdir(), 'dlnotes-e2e-bank-'));
const env = { DLNOTES_HOME: home, LANG: 'en_US.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined };
const GOOD = 'test/fixtures/bank-good';
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('dlnotes bank lint', () => {
  it('passes a clean bank with exit 0', () => {
    const r = dlnotes(['bank', 'lint', GOOD], { env });
    expect(r).toMatchObject({ code: 0, stdout: '✓ 2 decks, 8 questions: no problems\n', stderr: '' });
  });
  it('lists every problem as file:line:col and exits 1', () => {
    const r = dlnotes(['bank', 'lint', 'test/fixtures/bank-bad'], { env });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(25);
    expect(lines[0]).toBe('test/fixtures/bank-bad/broken.yaml:3:1: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }');
    expect(lines).toContain('test/fixtures/bank-bad/mixed.yaml:74:13: answer "d" is out of range: there are 2 choices (a-b)');
    expect(lines.find((l) => l.startsWith('test/fixtures/bank-bad/mixed.yaml:123:15: '))).toMatch(/: unknown template "no-such-template"; known: conv-output-size, conv-params, .*lr-schedule(, [a-z0-9-]+)*$/);
    // The three formula questions whose keys fail are not read: their problems are reported when the deck is parsed.
    expect(lines.at(-1)).toBe('✗ 24 problems in 2 files (1 deck, 7 questions read)');
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/^test\/fixtures\/bank-bad\/\w+\.yaml:\d+:\d+: /);
  });
  it('speaks JSON', () => {
    const r = dlnotesJson<{ ok: boolean; problems: Array<{ file: string; line: number; col: number; message: string }> }>(['bank', 'lint', 'test/fixtures/bank-bad'], { env });
    expect(r.code).toBe(1);
    expect(r.data.ok).toBe(false);
    expect(r.data.problems[1]).toMatchObject({ file: 'test/fixtures/bank-bad/mixed.yaml', line: 5, col: 1, message: 'unknown top-level field "author"; allowed: deck, title, order, questions' });
    expect(Object.keys(r.data.problems[1]!).sort()).toEqual(['col', 'file', 'line', 'message', 'text']);
  });
  it('exits 2 with one line for an unreadable path', () => {
    const r = dlnotes(['bank', 'lint', 'test/fixtures/no-such-dir'], { env });
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'dlnotes: bank: test/fixtures/no-such-dir: no such directory (give a directory of deck .yaml files)\n' });
  });
  it('lints the shipped bank clean', () => {
    const r = dlnotes(['bank', 'lint'], { env });
    expect(r.stdout).toMatch(/^✓ \d+ decks?, \d+ questions?: no problems\n$/);
    expect(r.code).toBe(0);
  });
});

describe('dlnotes bank list', () => {
  it('lists by deck in bank order', () => {
    const r = dlnotes(['bank', 'list', '--bank', GOOD], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('act: Activations (4)');
    expect(r.stdout).toContain('cnn.conv.params-760  numeric  Input 32×32×3, ten 5×5 filters: how many parameters?');
    expect(r.stdout).toContain("act.adam.defaults  cloze    Adam's defaults are β₁ = ____ and β₂ = ____");
    expect(r.stdout.indexOf('act: Activations')).toBeLessThan(r.stdout.indexOf('cnn: Convolutional networks'));
    expect(r.stdout.trim().split('\n').at(-1)).toBe('8 questions; `dlnotes bank show <id>` shows one');
  });
  it('filters by deck, type and tag, in Chinese by locale', () => {
    const r = dlnotes(['bank', 'list', '--bank', GOOD, '--type', 'choice'], { env: { ...env, LANG: 'zh_CN.UTF-8' } });
    expect(r.stdout).toContain('cnn: 卷积神经网络 (2)');
    expect(r.stdout).toContain('cnn.bn.why          choice  BatchNorm 的作用(多选)');
    const j = dlnotesJson<Array<{ id: string }>>(['bank', 'list', '--bank', GOOD, '--tag', 'formula'], { env });
    expect(j.data.map((q) => q.id)).toEqual(['act.sigmoid.grad', 'act.gelu.def', 'cnn.bn.formula']);
    const d = dlnotesJson<Array<{ id: string; deck: string; type: string; hash: string; line: number }>>(['bank', 'list', '--bank', GOOD, '--deck', 'cnn', '--type', 'numeric'], { env });
    expect(d.data).toHaveLength(1);
    expect(d.data[0]).toMatchObject({ id: 'cnn.conv.params-760', deck: 'cnn', type: 'numeric', line: 6, file: 'test/fixtures/bank-good/cnn.yaml' });
    expect(d.data[0]!.hash).toMatch(/^[0-9a-f]{16}$/);
  });
  it('rejects unknown names with one line and exit 2', () => {
    expect(dlnotes(['bank', 'list', '--bank', GOOD, '--deck', 'rnn'], { env })).toMatchObject({ code: 2, stderr: 'dlnotes: --deck: no deck "rnn"; decks: act, cnn\n' });
    expect(dlnotes(['bank', 'list', '--bank', GOOD, '--type', 'essay'], { env })).toMatchObject({ code: 2, stderr: 'dlnotes: --type: expected one of card, choice, numeric, formula, cloze, generated, diagram, got "essay"\n' });
    expect(dlnotes(['bank', 'list', '--bank', GOOD, '--tag', 'nope'], { env })).toMatchObject({ code: 2, stderr: 'dlnotes: --tag: "nope" is not a tag of this bank (see tags.yaml)\n' });
    expect(dlnotes(['bank', 'list', '--bank', GOOD, '--lang', 'fr'], { env })).toMatchObject({ code: 2, stderr: 'dlnotes: --lang: expected one of zh, en, got "fr"\n' });
  });
  it('refuses a broken bank with exit 2 and a pointer to lint', () => {
    const r = dlnotes(['bank', 'list', '--bank', 'test/fixtures/bank-bad'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dlnotes: test/fixtures/bank-bad/broken.yaml:3:1: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a } (and 18 more problems); run `dlnotes bank lint test/fixtures/bank-bad` to see them all\n');
  });
  it('caches the parsed bank in $DLNOTES_HOME/cache', () => {
    dlnotes(['bank', 'list', '--bank', GOOD], { env });
    expect(readdirSync(join(home, 'cache')).some((f) => /^bank-[0-9a-f]{16}\.json$/.test(f))).toBe(true);
  });
});

describe('dlnotes bank show', () => {
  it('shows a choice question with its answer marked', () => {
    const r = dlnotes(['bank', 'show', 'cnn.bn.why', '--bank', GOOD], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'cnn.bn.why  choice · deck cnn',
      'test/fixtures/bank-good/cnn.yaml:27',
      'source: 04 卷积神经网络 / 批归一化',
      'tags: batchnorm, pros-cons',
      '',
      'What does BatchNorm do? (select all that apply)',
      '  ✓ a) improves gradient flow',
      '    b) reduces the parameter count',
      '  ✓ c) allows higher learning rates',
      '  ✓ d) acts as a regularizer in training',
      '',
      'Answer: a) improves gradient flow; c) allows higher learning rates; d) acts as a regularizer in training',
      '',
      'Explanation: The notes list: better gradient flow, higher learning rates, robustness to initialisation, regularization.',
      '',
    ].join('\n'));
  });
  it('renders LaTeX and speaks JSON', () => {
    const j = dlnotesJson<Record<string, unknown>>(['bank', 'show', 'cnn.bn.formula', '--bank', GOOD, '--lang', 'zh'], { env });
    expect(j.data).toMatchObject({ id: 'cnn.bn.formula', type: 'card', lang: 'zh', prompt: '写出 BN 的归一化公式。', answer: 'x̂ᵢ = (xᵢ − μ_B)/√(σ_B² + ϵ)', mode: { kind: 'reveal' } });
    const f = dlnotesJson<Record<string, unknown>>(['bank', 'show', 'act.sigmoid.grad', '--bank', GOOD], { env });
    expect(f.data).toMatchObject({ answer: 's(1 − s)', key: 's*(1-s)', variables: { s: [0.01, 0.99] }, explanation: "σ′(x) = σ(x)(1 − σ(x))" });
  });
  it('suggests ids for an unknown one, exit 2', () => {
    const r = dlnotes(['bank', 'show', 'act.relu.nam', '--bank', GOOD], { env });
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'dlnotes: no question with id "act.relu.nam"; did you mean act.relu.name, act.gelu.def? (`dlnotes bank list` lists them)\n' });
  });
});

describe('dlnotes bank stats', () => {
  it('counts per deck, type and tag and lists the uncovered sections', () => {
    const j = dlnotesJson<{ questions: number; decks: unknown[]; types: Record<string, number>; tags: Record<string, number>; uncovered: Array<{ id: string }>; sections: Array<{ id: string; questions: number }> }>(['bank', 'stats', '--bank', GOOD], { env });
    expect(j.code).toBe(0);
    expect(j.data.questions).toBe(8);
    expect(j.data.decks).toEqual([{ id: 'act', title: 'Activations', questions: 4 }, { id: 'cnn', title: 'Convolutional networks', questions: 4 }]);
    expect(j.data.types).toEqual({ card: 1, choice: 2, numeric: 1, formula: 2, cloze: 2, generated: 0, diagram: 0 });
    expect(j.data.tags).toMatchObject({ formula: 3, batchnorm: 2, params: 2, adam: 1 });
    expect(j.data.sections.find((s) => s.id === '04.batchnorm')?.questions).toBe(2);
    expect(j.data.uncovered.map((s) => s.id)).not.toContain('04.batchnorm');
    expect(j.data.uncovered.map((s) => s.id)).toContain('01.knn');
    expect(j.data.uncovered).toHaveLength(j.data.sections.length - 5);
  });
  it('prints the uncovered sections in text', () => {
    const r = dlnotes(['bank', 'stats', '--bank', GOOD], { env });
    expect(r.stdout).toContain('8 questions in 2 decks');
    expect(r.stdout).toMatch(/Sections with no question \(\d+\):\n {2}01 线性分类器 \/ 线性可分性\n/);
  });
});

describe('generated questions through the binary', () => {
  it('shows a sample instance with its worked solution, the same for the same seed', () => {
    const a = dlnotesJson<{ type: string; template: string; prompt: string; answer: string; sample: { seed: number; params: Record<string, unknown>; solution: string[] } }>(['bank', 'show', 'gen.conv', '--bank', 'test/fixtures/bank-gen-real', '--seed', '7'], { env });
    expect(a.code).toBe(0);
    expect(a.data).toMatchObject({ type: 'generated', template: 'conv-output-size', sample: { seed: 7 } });
    expect(a.data.prompt.length).toBeGreaterThan(10);
    expect(a.data.sample.solution.length).toBeGreaterThan(2);
    const b = dlnotesJson<{ answer: string; sample: { params: unknown } }>(['bank', 'show', 'gen.conv', '--bank', 'test/fixtures/bank-gen-real', '--seed', '7'], { env });
    expect(b.data).toEqual(expect.objectContaining({ answer: a.data.answer, sample: expect.objectContaining({ params: a.data.sample.params }) }));
    const text = dlnotes(['bank', 'show', 'gen.conv', '--bank', 'test/fixtures/bank-gen-real', '--seed', '7'], { env });
    expect(text.stdout).toContain('template: conv-output-size {"trap":true} · sample drawn with --seed 7');
    expect(text.stdout).toContain(`Answer: ${a.data.answer}`);
  });
  it('lints generated entries against the real templates', () => {
    expect(dlnotes(['bank', 'lint', 'test/fixtures/bank-gen-real', '--seeds', '30'], { env })).toMatchObject({ code: 0, stdout: '✓ 1 deck, 3 questions: no problems\n' });
  });
});

describe('dlnotes bank templates', () => {
  it('lists the registered generators as JSON', () => {
    const j = dlnotesJson<Array<{ id: string; topic: string; title: { zh: string; en: string }; options: Record<string, unknown> }>>(['bank', 'templates'], { env });
    expect(j.code).toBe(0);
    expect(j.data.length).toBeGreaterThanOrEqual(15);
    expect(j.data.find((t) => t.id === 'pool-output-size')).toMatchObject({ topic: 'pool', options: { ceil: 'boolean' } });
    for (const t of j.data) {
      expect(t.id).toMatch(/^[a-z0-9-]+$/);
      expect(t.title.zh.length * t.title.en.length).toBeGreaterThan(0);
    }
  });
});
