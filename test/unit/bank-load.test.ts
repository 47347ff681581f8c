import { mkdtempSync, readFileSync, writeFileSync, cpSync, utimesSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bankIndexOf, indexBank, loadBank, readBank } from '../../src/quiz/bank/load';
import { asciiJson } from '../../src/quiz/bank/cache';
import { parseDeck } from '../../src/quiz/bank/parse';
import { BankError, formatProblem } from '../../src/quiz/bank/problems';
import { tr } from '../../src/core/text';
import { UsageError } from '../../src/errors';
import { ROOT } from '../helpers/cli';

const GOOD = join(ROOT, 'test', 'fixtures', 'bank-good');
const temps: string[] = [];
function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'dlnotes-bank-'));
  temps.push(d);
  return d;
}
afterEach(() => {
  while (temps.length) rmSync(temps.pop()!, { recursive: true, force: true });
});

describe('loadBank', () => {
  it('loads decks in order with every question, its deck, file and line', () => {
    const bank = loadBank([GOOD], { cache: false, cwd: ROOT });
    expect(bank.decks.map((d) => d.id)).toEqual(['act', 'cnn']);
    expect(bank.questions.map((q) => q.id)).toEqual([
      'act.sigmoid.grad', 'act.gelu.def', 'act.adam.defaults', 'act.relu.name',
      'cnn.conv.params-760', 'cnn.pool.no-params', 'cnn.bn.why', 'cnn.bn.formula',
    ]);
    const q = bank.byId.get('cnn.conv.params-760')!;
    expect(q).toMatchObject({ type: 'numeric', deck: 'cnn', answer: 760, file: join('test', 'fixtures', 'bank-good', 'cnn.yaml'), line: 6 });
    expect(bank.byId.get('cnn.bn.why')).toMatchObject({ type: 'choice', answer: [0, 2, 3], shuffle: true });
    expect(bank.byId.get('cnn.pool.no-params')).toMatchObject({ answer: [0], shuffle: false });
    expect(bank.byId.get('act.sigmoid.grad')).toMatchObject({ type: 'formula', answer: 's*(1-s)', variables: { s: [0.01, 0.99] }, display: 's(1-s)' });
    expect(bank.sections.length).toBeGreaterThan(20);
    expect(bank.tags.has('conv')).toBe(true);
  });

  it('refuses a bank with problems with exit-2 BankError naming file:line:col', () => {
    const dir = temp();
    writeFileSync(join(dir, 'x.yaml'), 'deck: x\ntitle: X\nquestions:\n  - id: x.a\n    type: numeric\n    prompt: P\n    answer: seven\n    explanation: E\n    tags: [calc]\n    source: "04 卷积神经网络 / 计算方法"\n');
    let err: unknown;
    try {
      loadBank([dir], { cache: false, cwd: dir });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BankError);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(`x.yaml:7:13: answer must be a number, got "seven"; run \`dlnotes bank lint ${dir}\` to see them all`);
  });

  it('refuses it in the student\'s language too, from the file and from the cache', () => {
    const dir = temp();
    const cache = temp();
    writeFileSync(join(dir, 'x.yaml'), 'deck: x\ntitle: X\nquestions:\n  - id: x.a\n    type: numeric\n    prompt: P\n    answer: seven\n    explanation: E\n    tags: [calc]\n    source: "04 卷积神经网络 / 计算方法"\n  - {id: x.b}\n');
    const zh = (): string => {
      try {
        loadBank([dir], { cache, cwd: dir });
      } catch (e) {
        return tr((e as BankError).text, 'zh');
      }
      return '';
    };
    const want = `x.yaml:7:13: answer 应是数字，收到 "seven"（另有 5 个问题）；运行 \`dlnotes bank lint ${dir}\` 查看全部`;
    expect(zh()).toBe(want);
    expect(readdirSync(cache).filter((f) => f.endsWith('.json')).sort()).toEqual([expect.stringMatching(/^bank-\w+\.detail\.json$/), expect.stringMatching(/^bank-\w+\.json$/)]);
    expect(zh()).toBe(want);
    const r = readBank([dir], { cache, cwd: dir });
    expect(r.problems.map((p) => formatProblem(p, 'zh'))).toEqual([
      'x.yaml:7:13: answer 应是数字，收到 "seven"',
      'x.yaml:11:5: 缺少 "type"（card, choice, numeric, formula, cloze, generated, diagram）',
      'x.yaml:11:5: 缺少 "prompt"（题目文本）',
      'x.yaml:11:5: 缺少 "explanation"（答案为什么对，一到三行）',
      'x.yaml:11:5: 缺少 "tags"（tags.yaml 中标签的非空列表）',
      'x.yaml:11:5: 缺少 "source"（sections.yaml 中的一个章节标题）',
    ]);
    expect(r.problems.map((p) => p.message)).toContain('missing "prompt" (the question text)');
  });

  it('names a missing directory', () => {
    expect(() => loadBank(['/nonexistent/bank'], { cache: false })).toThrow(/no such directory/);
  });

  it('reports duplicate ids and duplicate deck ids at the second one', () => {
    const dir = temp();
    cpSync(GOOD, dir, { recursive: true });
    writeFileSync(join(dir, 'zz.yaml'), readFileSync(join(dir, 'act.yaml'), 'utf8'));
    const cnn = readFileSync(join(dir, 'cnn.yaml'), 'utf8');
    writeFileSync(join(dir, 'cnn.yaml'), cnn.replace('id: cnn.pool.no-params', 'id: cnn.conv.params-760'));
    const r = readBank([dir], { cache: false, cwd: dir });
    expect(r.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`)).toEqual([
      'zz.yaml:1:7: deck id "act" is already used by act.yaml:1; deck ids are unique across the bank',
      'cnn.yaml:14:9: duplicate id "cnn.conv.params-760": also at cnn.yaml:6; ids are unique across the bank',
    ]);
    expect(r.bank.questions.filter((q) => q.id === 'cnn.conv.params-760')).toHaveLength(1);
  });

  it('loads the same bank from the cache, and re-reads an edited file', () => {
    const dir = temp();
    const cache = temp();
    cpSync(GOOD, dir, { recursive: true });
    const first = loadBank([dir], { cache, cwd: dir });
    expect(readdirSync(cache).filter((f) => f.endsWith('.json')).sort()).toEqual([expect.stringMatching(/^bank-\w+\.detail\.json$/), expect.stringMatching(/^bank-\w+\.json$/)]);
    const second = loadBank([dir], { cache, cwd: dir });
    for (const q of second.questions) void q.prompt; // load the cached text
    expect(second.questions).toEqual(first.questions);
    const file = join(dir, 'cnn.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('how many parameters?', 'how many parameters in total?'));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const third = loadBank([dir], { cache, cwd: dir });
    const before = first.byId.get('cnn.conv.params-760')!;
    const after = third.byId.get('cnn.conv.params-760')!;
    expect(after.prompt).toEqual({ zh: '输入 32×32×3,10 个 5×5 滤波器,参数量是多少?', en: 'Input 32×32×3, ten 5×5 filters: how many parameters in total?' });
    expect(after.hash).not.toBe(before.hash);
    expect(third.byId.get('cnn.bn.why')!.hash).toBe(first.byId.get('cnn.bn.why')!.hash);
    expect(existsSync(cache)).toBe(true);
  });
});

describe('indexBank (what a plan reads: the questions without their text, from the cache alone)', () => {
  const SHIPPED = join(ROOT, 'questions');

  it('gives what loadBank gives, in the same order, once the cache holds every file', () => {
    for (const dirs of [[GOOD], [SHIPPED], [join(ROOT, 'test', 'fixtures', 'session-bank'), GOOD]]) {
      const cache = temp();
      expect(indexBank(dirs, { cache, cwd: ROOT })).toBeUndefined();
      const bank = loadBank(dirs, { cache, cwd: ROOT });
      const index = indexBank(dirs, { cache, cwd: ROOT })!;
      const loaded = bankIndexOf(bank);
      const plain = (b: typeof index) => ({
        decks: b.decks.map((d) => d.id), sections: b.sections, id: b.id, source: b.source, position: b.position,
        deck: b.id.map((_, i) => b.deckOf(i)), tags: b.id.map((_, i) => b.tagsOf(i)),
      });
      expect(plain(index)).toEqual(plain(loaded));
      expect(index.id).toEqual(bank.questions.map((q) => q.id));
      expect(index.decks.map((d) => d.id)).toEqual(bank.decks.map((d) => d.id));
      expect([...index.position].every(([id, i]) => index.id[i] === id)).toBe(true);
    }
  });

  it('leaves to loadBank a bank with an edited, new or broken file, or an id used twice', () => {
    const dir = temp();
    const cache = temp();
    cpSync(GOOD, dir, { recursive: true });
    loadBank([dir], { cache, cwd: dir });
    expect(indexBank([dir], { cache, cwd: dir })).toBeDefined();
    const file = join(dir, 'cnn.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('how many parameters?', 'how many parameters in total?'));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(indexBank([dir], { cache, cwd: dir })).toBeUndefined();
    loadBank([dir], { cache, cwd: dir });
    expect(indexBank([dir], { cache, cwd: dir })).toBeDefined();
    // A deck whose questions reuse ids of another: cached with its problems, never indexed.
    writeFileSync(join(dir, 'zz.yaml'), readFileSync(join(dir, 'act.yaml'), 'utf8').replace('deck: act', 'deck: zz'));
    expect(indexBank([dir], { cache, cwd: dir })).toBeUndefined();
    expect(() => loadBank([dir], { cache, cwd: dir })).toThrow(BankError);
    expect(indexBank([dir], { cache, cwd: dir })).toBeUndefined();
    // A file with a problem of its own.
    rmSync(join(dir, 'zz.yaml'));
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n  - id: cnn.broken\n    type: numeric\n`);
    utimesSync(file, new Date(), new Date(Date.now() + 10000));
    expect(() => loadBank([dir], { cache, cwd: dir })).toThrow(BankError);
    expect(indexBank([dir], { cache, cwd: dir })).toBeUndefined();
  });
});

describe('the bank cache', () => {
  it('gives cached questions that read like fresh ones, text loaded on first use', () => {
    const cache = temp();
    const fresh = loadBank([GOOD], { cache: false, cwd: ROOT });
    loadBank([GOOD], { cache, cwd: ROOT });
    const cached = loadBank([GOOD], { cache, cwd: ROOT });
    // Not loaded yet: the text fields are inherited getters, not own properties.
    const first = cached.questions[0]!;
    expect(Object.keys(first)).not.toContain('prompt');
    expect(first.prompt).toEqual(fresh.byId.get(first.id)!.prompt);
    // Reading one field loaded the whole file's text as own properties.
    for (const q of cached.questions) {
      void q.prompt;
      const f = fresh.byId.get(q.id)!;
      expect(JSON.parse(JSON.stringify(q))).toEqual(JSON.parse(JSON.stringify(f)));
      expect({ ...q }).toEqual({ ...f });
      expect(Object.keys(q).sort()).toEqual(Object.keys(f).sort());
    }
  });

  it('reads the YAML again when a body file has gone', () => {
    const cache = temp();
    loadBank([GOOD], { cache, cwd: ROOT });
    const bodies = readdirSync(cache).find((f) => f.endsWith('.bodies'))!;
    for (const f of readdirSync(join(cache, bodies))) rmSync(join(cache, bodies, f));
    const bank = loadBank([GOOD], { cache, cwd: ROOT });
    expect(bank.byId.get('cnn.conv.params-760')).toMatchObject({ answer: 760, prompt: { en: 'Input 32×32×3, ten 5×5 filters: how many parameters?' } });
  });

  it('uses a body file only when it was made from the same version of the deck file', () => {
    const cache = temp();
    loadBank([GOOD], { cache, cwd: ROOT });
    const dir = join(cache, readdirSync(cache).find((f) => f.endsWith('.bodies'))!);
    const tamper = (change: (b: { mtimeMs: number; bodies: Array<Record<string, unknown>> }) => void): void => {
      for (const f of readdirSync(dir)) {
        const b = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { mtimeMs: number; bodies: Array<Record<string, unknown>> };
        for (const body of b.bodies) if (body.answer === 760 || body.answer === 999) body.answer = 999;
        change(b);
        writeFileSync(join(dir, f), JSON.stringify(b));
      }
    };
    tamper(() => {});
    expect(loadBank([GOOD], { cache, cwd: ROOT }).byId.get('cnn.conv.params-760')).toMatchObject({ answer: 999 });
    tamper((b) => { b.mtimeMs += 1; });
    expect(loadBank([GOOD], { cache, cwd: ROOT }).byId.get('cnn.conv.params-760')).toMatchObject({ answer: 760 });
  });

  it('loads the content hash with the text (not in the index), equal to a fresh parse, also when the body file has gone', () => {
    const cache = temp();
    const fresh = loadBank([GOOD], { cache: false, cwd: ROOT });
    loadBank([GOOD], { cache, cwd: ROOT });
    const index = readdirSync(cache).find((f) => f.endsWith('.json'))!;
    const text = readFileSync(join(cache, index), 'utf8');
    for (const q of fresh.questions) expect(text).not.toContain(q.hash);
    const cached = loadBank([GOOD], { cache, cwd: ROOT });
    expect(Object.keys(cached.questions[0]!)).not.toContain('hash');
    for (const q of cached.questions) expect(q.hash).toBe(fresh.byId.get(q.id)!.hash);
    const bodies = join(cache, readdirSync(cache).find((f) => f.endsWith('.bodies'))!);
    for (const f of readdirSync(bodies)) rmSync(join(bodies, f));
    for (const q of loadBank([GOOD], { cache, cwd: ROOT }).questions) expect(q.hash).toBe(fresh.byId.get(q.id)!.hash);
  });

  it('does not trust an index or detail entry whose columns do not line up (re-reads that file)', () => {
    const fresh = loadBank([GOOD], { cache: false, cwd: ROOT });
    const files = (cache: string) => {
      const names = readdirSync(cache);
      return { index: join(cache, names.find((f) => /^bank-\w+\.json$/.test(f))!), detail: join(cache, names.find((f) => f.endsWith('.detail.json'))!) };
    };
    const tamper = (file: string, change: (cols: Record<string, unknown[]>) => void) => {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { files: Record<string, { cols: Record<string, unknown[]> }> };
      for (const e of Object.values(data.files)) change(e.cols);
      writeFileSync(file, JSON.stringify(data));
    };
    for (const [which, change] of [
      ['index', (c: Record<string, unknown[]>) => { c.source = []; }],
      ['detail', (c: Record<string, unknown[]>) => { c.type!.pop(); }],
    ] as const) {
      const cache = temp();
      loadBank([GOOD], { cache, cwd: ROOT });
      tamper(files(cache)[which], change);
      const bank = loadBank([GOOD], { cache, cwd: ROOT });
      expect(bank.questions.map((q) => [q.id, q.type, q.source]), which).toEqual(fresh.questions.map((q) => [q.id, q.type, q.source]));
      // Read again and written back whole: the next load is from the cache.
      expect(indexBank([GOOD], { cache, cwd: ROOT })).toBeDefined();
    }
  });

  it('writes the index and its detail as ASCII JSON that reads back the same (Chinese, symbols, characters beyond the BMP)', () => {
    const value = { title: { zh: '卷积神经网络 · 第 4 章', en: 'CNNs — ch. 4' }, s: ['𝑥²', 'é', '\u2028', 'plain'] };
    const text = asciiJson(value);
    expect(/^[\x00-\x7f]*$/.test(text)).toBe(true);
    expect(JSON.parse(text)).toEqual(value);
    const dir = temp();
    const cache = temp();
    cpSync(GOOD, dir, { recursive: true });
    loadBank([dir], { cache, cwd: dir });
    const written = readdirSync(cache).filter((f) => f.endsWith('.json'));
    expect(written).toHaveLength(2);
    for (const f of written) expect(/^[\x00-\x7f]*$/.test(readFileSync(join(cache, f), 'utf8')), f).toBe(true);
  });

  it('ignores a corrupt index or detail file', () => {
    for (const pick of [(f: string) => /^bank-\w+\.json$/.test(f), (f: string) => f.endsWith('.detail.json')]) {
      const cache = temp();
      loadBank([GOOD], { cache, cwd: ROOT });
      const file = readdirSync(cache).find(pick)!;
      writeFileSync(join(cache, file), '{not json');
      expect(loadBank([GOOD], { cache, cwd: ROOT }).questions).toHaveLength(8);
      expect(loadBank([GOOD], { cache, cwd: ROOT }).questions).toHaveLength(8);
    }
  });
});

describe('content hash', () => {
  const deck = (body: string) => `deck: d\ntitle: D\nquestions:\n${body}`;
  const q = `  - id: d.q\n    type: card\n    prompt: {zh: 问, en: Q}\n    answer: A\n    explanation: E\n    tags: [concept]\n    source: S\n`;
  const hash = (text: string) => parseDeck(text, 'd.yaml').questions[0]!.hash;

  it('is the same for the same content, whatever the formatting or metadata', () => {
    const reformatted = `  - type: card\n    id: d.q\n    prompt:\n      en: Q\n      zh: 问\n    answer: "A"   # a comment\n    explanation: E\n    tags: [concept, formula]\n    source: Other\n`;
    expect(hash(deck(q))).toMatch(/^[0-9a-f]{16}$/);
    expect(hash(deck(reformatted))).toBe(hash(deck(q)));
  });

  it('changes when the prompt, answer or explanation is edited', () => {
    expect(hash(deck(q.replace('en: Q', 'en: Q!')))).not.toBe(hash(deck(q)));
    expect(hash(deck(q.replace('answer: A', 'answer: B')))).not.toBe(hash(deck(q)));
    expect(hash(deck(q.replace('explanation: E', 'explanation: F')))).not.toBe(hash(deck(q)));
  });
});
