import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, fitTable } from '../../src/render/table';
import { wrapLine, wrapProse, wrapText } from '../../src/render/wrap';

describe('wrapLine', () => {
  it('leaves a line that fits alone', () => {
    expect(wrapLine('  short line', 80)).toEqual(['  short line']);
  });
  it('breaks at spaces and keeps the indentation plus two', () => {
    expect(wrapLine('  aaa bbb ccc ddd', 11)).toEqual(['  aaa bbb', '    ccc ddd']);
  });
  it('lines up after a bullet', () => {
    expect(wrapLine('  • one two three four', 14)).toEqual(['  • one two', '    three four']);
    expect(wrapLine('  ! one two three four', 14)).toEqual(['  ! one two', '    three four']);
  });
  it('breaks between CJK characters, counting two columns each', () => {
    const out = wrapLine('输出尺寸不是整数：这组设置不能恰好铺满输入。', 20);
    expect(out.every((l) => displayWidth(l) <= 20)).toBe(true);
    expect(out.join('').replace(/ /g, '')).toBe('输出尺寸不是整数：这组设置不能恰好铺满输入。');
  });
  it('never starts a line with closing punctuation', () => {
    const out = wrapLine('一二三四五，六七八九十。', 10);
    expect(out.some((l) => /^\s*[，。]/.test(l))).toBe(false);
  });
  it('keeps Latin words and numbers whole inside Chinese text', () => {
    const out = wrapLine('步幅 stride 是 2，填充 padding 是 1，输出 112×112', 16);
    for (const word of ['stride', 'padding', '112×112']) expect(out.some((l) => l.includes(word))).toBe(true);
  });
  it('cuts a word longer than the line', () => {
    expect(wrapLine('x'.repeat(25), 10)).toEqual(['xxxxxxxxxx', '  xxxxxxxx', '  xxxxxxx']);
  });
  it('counts colour codes as zero columns', () => {
    const red = '\u001b[31mred\u001b[39m';
    expect(wrapLine(`${red} ${red} ${red}`, 8)).toEqual([`${red} ${red}`, `  ${red}`]);
  });
  it('leaves a line of a drawing whole (a diagram question\'s figure would tear)', () => {
    const box = '    ┌──────┴──────┐  ┌──────┴──────┐  ┌──────┴──────┐';
    expect(wrapProse(box, 30)).toBe(box);
    const arrows = '           ▲                ▲                ▲                ▲';
    expect(wrapProse(arrows, 30)).toBe(arrows);
    expect(wrapProse(`Name the four gates of the cell, one per numbered blank.\n${box}`, 30).split('\n')).toEqual(['Name the four gates of the', '  cell, one per numbered', '  blank.', box]);
  });
  it('never loses text and never exceeds the width (property)', () => {
    const word = fc.oneof(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.constantFrom('输出', '步幅', '，', '。', '（填充）', '×'));
    fc.assert(fc.property(fc.array(word, { maxLength: 40 }), fc.integer({ min: 20, max: 100 }), (words, width) => {
      const line = words.join(' ');
      const out = wrapText(line, width);
      for (const l of out.split('\n')) expect(displayWidth(l)).toBeLessThanOrEqual(width);
      expect(out.replace(/\s+/g, '')).toBe(line.replace(/\s+/g, ''));
    }));
  });
});

describe('fitTable', () => {
  const header = ['name', 'kind', 'value', 'note'];
  const rows = [['alpha', 'conv 3×3', '1,234', 'a long note that takes room'], ['beta', 'relu', '5', 'short']];
  it('drops the listed columns first, and says which', () => {
    const t = fitTable(header, rows, { width: 40, drop: [3, 1] });
    expect(t.dropped).toEqual(['note']);
    expect(t.text.split('\n').every((l) => displayWidth(l) <= 40)).toBe(true);
  });
  it('then shortens text columns with an ellipsis', () => {
    const t = fitTable(header, rows, { width: 36 });
    expect(t.dropped).toEqual([]);
    expect(t.text).toContain('…');
    expect(t.text.split('\n').every((l) => displayWidth(l) <= 36)).toBe(true);
  });
  it('keeps everything when wide', () => {
    expect(fitTable(header, rows, { width: Infinity }).text).toContain('a long note that takes room');
  });
});
