/**
 * Questions of `type: diagram`: the diagram with numbered blanks, graded
 * like a cloze (any accepted name, either language, a Chinese keyboard's
 * ；), the complete diagram after the answer, and a round trip through the
 * bank cache.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../../src/core/random';
import { loadBank } from '../../src/quiz/bank/load';
import { parseDeck } from '../../src/quiz/bank/parse';
import { preparePresent, present } from '../../src/quiz/present';
import type { Bank, DiagramQuestion } from '../../src/quiz/types';
import { ROOT } from '../helpers/cli';

const DIR = join(ROOT, 'test', 'fixtures', 'bank-diagram');
let bank: Bank;
let work: string;

beforeAll(async () => {
  await preparePresent();
  bank = loadBank([DIR], { cache: false, cwd: ROOT });
  work = mkdtempSync(join(tmpdir(), 'dlnotes-diagram-'));
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const q = (id: string) => bank.byId.get(id) as DiagramQuestion;

describe('a diagram question', () => {
  it('is read with its diagram and blanks', () => {
    expect(q('draw.lstm.gates')).toMatchObject({ type: 'diagram', diagram: 'lstm', blanks: ['output', 'forget', 'input', 'cand'] });
  });

  it('shows the diagram with the blanks numbered in reading order, not their answers', () => {
    const p = present(q('draw.lstm.gates'), 'en', seededRng(1));
    expect(p.prompt).toMatch(/^Name the four gates\.\n\nLSTM cell \(one time step\)\n\n/);
    expect(p.prompt).toMatch(/\(1\)[\s│]+\(2\)[\s│]+\(3\)[\s│]+\(4\)/);
    expect(p.prompt).not.toMatch(/forget|input gate|output gate|candidate/);
    expect(p.mode).toEqual({ kind: 'cloze', blanks: 4 });
    expect(p.answerText).toBe('(1) forget gate; (2) input gate; (3) candidate; (4) output gate');
    expect(present(q('draw.lstm.gates'), 'zh', seededRng(1)).answerText).toBe('(1) 遗忘门; (2) 输入门; (3) 候选记忆; (4) 输出门');
  });

  it('accepts either language, synonyms, numbers and a full-width ；', () => {
    const p = present(q('draw.lstm.gates'), 'en', seededRng(1));
    for (const answer of [
      'forget gate; input gate; candidate; output gate',
      '遗忘门；输入门；候选记忆；输出门',
      'f; i; g; o',
      '(1) Forget; (2) INPUT gate; (3) cell candidate; (4) 输出门',
    ]) {
      expect(p.grade(answer), answer).toMatchObject({ correct: true, feedback: 'right' });
    }
  });

  it('names the blanks that are wrong, in the question\'s language', () => {
    const en = present(q('draw.lstm.gates'), 'en', seededRng(1)).grade('forget; output; candidate; input');
    expect(en).toMatchObject({ correct: false, feedback: 'expected (2) input gate, (4) output gate' });
    const zh = present(q('draw.lstm.gates'), 'zh', seededRng(1)).grade('遗忘门；输出门；候选记忆；输入门');
    expect(zh).toMatchObject({ correct: false, feedback: '应为 (2) 输入门，(4) 输出门' });
  });

  it('asks again (unreadable) when the number of answers does not match the blanks', () => {
    const r = present(q('draw.lstm.gates'), 'en', seededRng(1)).grade('forget; input');
    expect(r).toMatchObject({ correct: false, unreadable: true });
    expect(r.feedback).toBe('give 4 answers, one per blank, separated by ";"; got 2');
    const zh = present(q('draw.lstm.gates'), 'zh', seededRng(1)).grade('遗忘门；输入门；候选记忆；输出门；多余');
    expect(zh).toMatchObject({ correct: false, unreadable: true, feedback: '请给出 4 个答案，每个空一个，用“;”分隔；收到 5 个' });
  });

  it('asks again (unreadable) when every blank is empty, and grades one empty blank as a miss', () => {
    expect(present(q('draw.lstm.gates'), 'en', seededRng(1)).grade(' ; ；; ')).toMatchObject({ correct: false, unreadable: true, feedback: 'empty answer: type a name for each blank' });
    expect(present(q('draw.lstm.gates'), 'en', seededRng(1)).grade('forget; ; candidate; output')).toMatchObject({ correct: false, feedback: 'expected (2) input gate' });
  });

  it('keeps the order of sub-layers: Add & Norm twice', () => {
    const p = present(q('draw.encoder.order'), 'en', seededRng(1));
    expect(p.answerText).toBe('(1) Add & Norm; (2) Feed Forward; (3) Add & Norm; (4) Multi-Head Attention');
    expect(p.grade('add & norm; FFN; add norm; multi-head attention').correct).toBe(true);
    expect(p.grade('multi-head attention; add & norm; feed forward; add & norm').correct).toBe(false);
  });

  it('shows the complete diagram after the answer, labels filled in', () => {
    const p = present(q('draw.lstm.gates'), 'zh', seededRng(1));
    expect(p.figure).toContain('遗忘门');
    expect(p.figure).toContain('形状');
    expect(p.figure).not.toContain('(1)');
  });

  it('survives the bank cache with its fields', () => {
    const dir = join(work, 'bank');
    cpSync(DIR, dir, { recursive: true });
    const cache = join(work, 'cache');
    loadBank([dir], { cache, cwd: dir });
    const again = loadBank([dir], { cache, cwd: dir }).byId.get('draw.lstm.gates') as DiagramQuestion;
    expect(again.diagram).toBe('lstm');
    expect(again.blanks).toEqual(['output', 'forget', 'input', 'cand']);
    expect(present(again, 'en', seededRng(1)).grade('f; i; g; o').correct).toBe(true);
  });

  it('is refused by the loader without its fields, or with unknown ones', () => {
    const r = parseDeck(['deck: d', 'title: {zh: 图, en: D}', 'questions:', '  - id: d.x', '    type: diagram', '    diagram: lstm', '    blanks: forget', '    answer: 3',
      '    prompt: P', '    explanation: E', '    tags: [lstm]', '    source: S'].join('\n'), 'd.yaml');
    expect(r.problems.map((p) => p.message)).toEqual([
      'unknown field "answer" for a diagram question; allowed: id, type, prompt, explanation, tags, source, hint, diagram, blanks',
      'blanks must be a list',
    ]);
  });
});
