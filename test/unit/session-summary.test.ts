/**
 * The end-of-session summary: rows wrap under their value at 80 columns, in
 * both languages; why a question could not be shown, in the run's language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { renderSummary, whyNotShown, type SessionSummary } from '../../src/quiz/session/render';
import { UsageError } from '../../src/errors';
import { bi } from '../../src/core/text';
import { setLang } from '../../src/render/lang';
import { displayWidth } from '../../src/render/table';
import { setWidth } from '../../src/render/width';

afterEach(() => {
  setLang('en');
  setWidth(80);
});

const summary: SessionSummary = {
  answered: 20, recalled: 17, ms: 600_000, dueToday: 0, tomorrow: { due: 12, fresh: 20 },
  news: { done: 20, limit: 20, left: 0, unseen: 400 }, streak: 3, laterToday: 0, ended: 'done',
};

describe('renderSummary', () => {
  it.each(['en', 'zh'] as const)('%s: the --new line wraps under the value, within 60 columns', (lang) => {
    setLang(lang);
    setWidth(60);
    const lines = renderSummary(summary).split('\n');
    const at = lines.findIndex((l) => l.includes('--new 30'));
    const row = lines.findIndex((l) => /^ {2}(today|今天) /.test(l));
    expect(row).toBeGreaterThan(0);
    expect(at).toBeGreaterThanOrEqual(row);
    // Continuation lines start in the value column (12), never under the label.
    for (let i = row + 1; i < lines.length && !/^ {2}\S/.test(lines[i]!); i++) expect(lines[i]).toMatch(/^ {12}\S/);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(60);
  });
});

describe('whyNotShown', () => {
  const e = new UsageError(bi('q.yaml:5: unknown template "x" in question q.a', 'q.yaml:5：题目 q.a 用了未知的模板 "x"'));
  it('says it in the run\'s language, without the position the line already gives', () => {
    setLang('zh');
    expect(whyNotShown(e, 'q.yaml:5')).toBe('题目 q.a 用了未知的模板 "x"');
    setLang('en');
    expect(whyNotShown(e, 'q.yaml:5')).toBe('unknown template "x" in question q.a');
  });
  it('keeps a plain error\'s message, and a position that is not the same', () => {
    expect(whyNotShown(new Error('boom'), 'q.yaml:5')).toBe('boom');
    expect(whyNotShown(e, 'r.yaml:1')).toBe('q.yaml:5: unknown template "x" in question q.a');
  });
});
