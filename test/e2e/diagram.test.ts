/** dlnotes diagram through the built binary, and a diagram question in the quiz's line mode. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, dlnotes, dlnotesJson } from '../helpers/cli';
import { displayWidth } from '../../src/render/table';

const work = mkdtempSync(join(tmpdir(), 'dlnotes-diagram-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const widest = (s: string): number => Math.max(...s.split('\n').map(displayWidth));

describe('dlnotes diagram', () => {
  it('draws the LSTM cell: the cell-state line through ⊙ and +, the four gates, the shapes', () => {
    const r = dlnotes(['diagram', 'lstm', '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('LSTM cell (one time step)');
    expect(r.stdout).toMatch(/cₜ₋₁ ─+▶\(⊙\)─+▶\(\+\)─+┬─+▶ cₜ/);
    for (const label of ['forget gate', 'input gate', 'candidate', 'output gate', 'cell state', 'hidden state', '[hₜ₋₁; xₜ]', 'W: 4H × (H + D)']) expect(r.stdout).toContain(label);
    expect(widest(r.stdout)).toBeLessThanOrEqual(80);
  });

  it('labels in Chinese with --lang zh, within 80 columns', () => {
    for (const name of ['lstm', 'transformer-encoder', 'transformer-decoder', 'unet', 'mask-rcnn']) {
      const r = dlnotes(['diagram', name, '--lang', 'zh']);
      expect(r.code, r.stderr).toBe(0);
      expect(widest(r.stdout), name).toBeLessThanOrEqual(80);
      expect(r.stdout).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(dlnotes(['diagram', 'transformer-encoder', '--lang', 'zh']).stdout).toContain('残差相加 + 层归一化');
  });

  it('lists the diagrams', () => {
    const r = dlnotes(['diagram', '--list', '--lang', 'en']);
    expect(r.code).toBe(0);
    for (const id of ['rnn', 'lstm', 'gru', 'transformer-encoder', 'transformer-decoder', 'resnet-basic', 'resnet-bottleneck', 'inception', 'faster-rcnn', 'fcn', 'unet', 'mask-rcnn']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${id} `, 'm'));
    }
    expect(widest(r.stdout)).toBeLessThanOrEqual(80);
  });

  it('writes the same diagram as SVG', () => {
    const file = join(work, 'unet.svg');
    const r = dlnotes(['diagram', 'unet', '--svg', file, '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`wrote ${file}: U-Net: contracting and expanding paths with skips`);
    const svg = readFileSync(file, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('>copy</text>');
    expect(svg).toContain('>&amp;</text>');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('prints JSON with language-neutral keys', () => {
    const en = dlnotesJson<{ id: string; art: string[]; labels: Record<string, unknown> }>(['diagram', 'gru', '--lang', 'en']);
    const zh = dlnotesJson<{ id: string; art: string[]; labels: Record<string, unknown> }>(['diagram', 'gru', '--lang', 'zh']);
    expect(en.code).toBe(0);
    expect(Object.keys(zh.data)).toEqual(Object.keys(en.data));
    expect(en.data.labels.update).toEqual({ en: 'update gate', zh: '更新门' });
    expect(zh.data.art.join('\n')).toContain('更新门');
  });

  it('says what is wrong in one line, exit 2', () => {
    const none = dlnotes(['diagram', '--lang', 'en']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('dlnotes: name a diagram, e.g. dlnotes diagram lstm (dlnotes diagram --list shows them all)\n');
    const typo = dlnotes(['diagram', 'lsmt', '--lang', 'zh']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('dlnotes: 没有名为 "lsmt" 的图（是不是 lstm？）；dlnotes diagram --list 列出全部\n');
    const bad = dlnotes(['diagram', 'lstm', '--svg', join(work, 'no', 'such', 'dir.svg'), '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^dlnotes: --svg: cannot write .*dir\.svg: ENOENT\n$/);
  });

  it('warns on a terminal too narrow for the diagram', () => {
    const r = dlnotes(['diagram', 'lstm', '--lang', 'en'], { env: { COLUMNS: '60' } });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2).join(' ').replace(/\s+/g, ' ')).toBe('(this diagram is 77 columns wide, the terminal 60: widen it, or print it with --svg FILE)');
    expect(r.stdout).toContain('│ forget gate │');
  });
});

describe('a diagram question in the quiz (line mode)', () => {
  const bank = join(ROOT, 'test', 'fixtures', 'bank-diagram');
  const env = { DLNOTES_HOME: join(work, 'home'), DLNOTES_FUZZ: '0', TZ: 'Asia/Shanghai', LANG: 'C', LC_ALL: '' };

  it('shows numbered blanks, grades the line, then shows the whole diagram', () => {
    const r = dlnotes(['quiz', '--bank', bank, '--deck', 'draw', '--lang', 'zh', '--now', '2025-03-01T09:30', '--new', '1'], { input: '遗忘门；输入门；候选；输出门\n', env });
    expect(r.code, r.stderr).toBe(0);
    const [question, after] = r.stdout.split('作答：4 个空，用 ; 分隔：');
    expect(question).toContain('│     (1)     │');
    expect(question).not.toContain('遗忘门');
    expect(after).toMatch(/✓ 正确：\(1\) 遗忘门; \(2\) 输入门; \(3\) 候选记忆; \(4\) 输出门/);
    expect(after).toContain('│   遗忘门    │');
    expect(after).toContain('要点');
  });

  it('asks again, never grades, when the number of answers is not the number of blanks (quiz)', () => {
    const home = join(work, 'count-quiz');
    const r = dlnotes(['quiz', '--bank', bank, '--deck', 'draw', '--lang', 'en', '--now', '2025-03-01T09:30', '--new', '1'],
      { input: 'forget gate; input gate\n; ; ;\nf; i; g; o\n', env: { ...env, DLNOTES_HOME: home } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('? give 4 answers, one per blank, separated by ";"; got 2');
    expect(r.stdout).toContain('? empty answer: type a name for each blank');
    expect(r.stdout).toMatch(/✓ right: \(1\) forget gate/);
    expect(r.stdout).not.toContain('✗');
    const { data: card } = dlnotesJson<{ reviews: { answer: string; correct: boolean }[] }>(['card', 'draw.lstm.gates', '--bank', bank, '--json'], { env: { ...env, DLNOTES_HOME: home } });
    expect(card.reviews.map((x) => [x.answer, x.correct])).toEqual([['f; i; g; o', true]]);
  });

  it('asks again within the time left when the number of answers is wrong (exam)', () => {
    const home = join(work, 'count-exam');
    const r = dlnotes(['exam', '--bank', bank, '--lang', 'zh', '--now', '2025-03-01T09:30', '--questions', '2', '--seed', '1'],
      { input: '遗忘门；输入门\n遗忘门；输入门；候选记忆；输出门\n注意力；残差相加与层归一化；前馈；残差相加与层归一化；多余\n:q\n', env: { ...env, DLNOTES_HOME: home } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('? 请给出 4 个答案，每个空一个，用“;”分隔；收到 2 个');
    expect(r.stdout).toContain('? 请给出 4 个答案，每个空一个，用“;”分隔；收到 5 个');
    // The LSTM gates graded right once; the encoder, asked again, was handed in unanswered.
    expect(r.stdout).toMatch(/1\/2 .*50%/);
  });

  it('keeps the drawing whole in a narrow terminal (its lines are never wrapped)', () => {
    const r = dlnotes(['quiz', '--bank', bank, '--deck', 'draw', '--lang', 'en', '--now', '2025-03-01T09:30', '--new', '1'],
      { input: 'f; i; g; o\n', env: { ...env, DLNOTES_HOME: join(work, 'narrow'), COLUMNS: '60' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/cₜ₋₁ ─+▶\(⊙\)─+▶\(\+\)─+┬─+▶ cₜ/);
  });
});
