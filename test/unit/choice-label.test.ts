/** The terminal menu's choices: wrapped to the width, later lines under the text (the menu adds a two-column cursor). */
import { describe, expect, it } from 'vitest';
import { choiceLabel } from '../../src/quiz/session/render';
import { displayWidth } from '../../src/render/table';

describe('choiceLabel', () => {
  it('keeps a short choice on one line', () => {
    expect(choiceLabel(0, 'ReLU')).toBe('a) ReLU');
  });

  it.each([
    ['zh', '线性分类器本身就能分开任意低维数据：只要给它足够多的训练样本和足够长的训练时间，不需要前面的层学到的特征也能达到同样的准确率'],
    ['en', 'A linear classifier separates any low-dimensional data by itself: given enough training samples and time, it reaches the same accuracy without the features the earlier layers learn'],
  ])('wraps a long %s choice within the width, later lines under its text', (_, text) => {
    const label = choiceLabel(1, text, 60);
    const lines = label.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]!.startsWith('b) ')).toBe(true);
    for (const l of lines) expect(2 + displayWidth(l)).toBeLessThanOrEqual(60);
    for (const l of lines.slice(1)) expect(l).toMatch(/^ {5}\S/);
    // Nothing is lost: the text comes back when the lines are joined.
    const joined = lines.map((l, k) => (k === 0 ? l.slice(3) : l.trim())).join(_ === 'en' ? ' ' : '');
    expect(joined.replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });
});
