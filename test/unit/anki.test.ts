import { describe, expect, it } from 'vitest';
import { ankiFile, ankiNotes, escapeHtml, mathHtml, type NoteViews } from '../../src/quiz/anki';
import { diagramPlain } from '../../src/quiz/diagram';
import type { Bank, DiagramQuestion, Question } from '../../src/quiz/types';

const NONE: NoteViews = { generated: () => undefined, diagram: () => undefined };
const base = { tags: ['calc'], file: 'f.yaml', line: 1, hash: 'h', deck: 'cnn', source: '04 卷积神经网络 / 计算方法' };

function bankOf(questions: Question[]): Bank {
  return {
    decks: [{ id: 'cnn', title: { zh: '卷积神经网络', en: 'Convolutional networks' }, order: 5, file: 'f.yaml', questions }],
    questions,
    byId: new Map(questions.map((q) => [q.id, q])),
    sections: [{ id: '04.conv-arithmetic', title: '04 卷积神经网络 / 计算方法', weight: 3 }],
    tags: new Map([['calc', 'calculation']]),
  };
}

describe('Anki HTML', () => {
  it.each([
    ['a < b & c', 'a &lt; b &amp; c'],
    ['$\\sigma(x) < 1$ and $$\\sum_i x_i$$', '\\(\\sigma(x) &lt; 1\\) and \\[\\sum_i x_i\\]'],
    ['costs \\$5\nnext line', 'costs $5<br>next line'],
    ['unclosed $x', 'unclosed $x'],
  ])('%j', (text, html) => {
    expect(mathHtml(text)).toBe(html);
  });

  it('escapes only what HTML needs', () => {
    expect(escapeHtml('<b>"x"</b>')).toBe('&lt;b&gt;"x"&lt;/b&gt;');
  });
});

describe('Anki notes', () => {
  const numeric: Question = { ...base, id: 'cnn.params', type: 'numeric', prompt: { zh: '参数量是多少？$F=5$', en: 'How many parameters? $F=5$' }, answer: 760, explanation: { zh: '5·5·3·10 + 10', en: '5·5·3·10 + 10' } };
  const choice: Question = { ...base, id: 'cnn.pick', type: 'choice', prompt: 'Pick', choices: [{ zh: '甲', en: 'first' }, { zh: '乙', en: 'second' }], answer: [1], shuffle: true };
  const cloze: Question = { ...base, id: 'cnn.cloze', type: 'cloze', prompt: { zh: '输出 $H\' = {{32}}$，激活 {{ReLU|relu}}', en: 'Output $H\' = {{32}}$, activation {{ReLU|relu}}' } };
  const bank = bankOf([numeric, choice, cloze]);

  it('puts the chosen language first and the other after it, in the deck hierarchy, with a guid and tags', () => {
    const [n] = ankiNotes([numeric], bank, 'en', NONE);
    expect(n).toEqual({
      guid: 'dlnotes:cnn.params',
      deck: 'dlnotes::05 Convolutional networks::计算方法',
      front: '<div lang="en">How many parameters? \\(F=5\\)</div><div lang="zh" style="color:#888;font-size:90%">参数量是多少？\\(F=5\\)</div>',
      back: '<b>760</b><hr>5·5·3·10 + 10',
      tags: ['dlnotes', 'dlnotes::deck::cnn', 'dlnotes::section::04.conv-arithmetic', 'calc'],
    });
    expect(ankiNotes([numeric], bank, 'zh', NONE)[0]!.deck).toBe('dlnotes::05 卷积神经网络::计算方法');
  });

  it('lists the choices in bank order and names the right ones', () => {
    const [n] = ankiNotes([choice], bank, 'zh', NONE);
    expect(n!.front).toBe('Pick<ol type="a"><li><div lang="zh">甲</div><div lang="en" style="color:#888;font-size:90%">first</div></li><li><div lang="zh">乙</div><div lang="en" style="color:#888;font-size:90%">second</div></li></ol>');
    expect(n!.back).toMatch(/^<b>b<\/b>: <div lang="zh">乙<\/div>/);
  });

  it('hides cloze blanks on the front (a box inside a formula) and fills them on the back', () => {
    const [n] = ankiNotes([cloze], bank, 'en', NONE);
    expect(n!.front).toContain("Output \\(H' = \\boxed{\\;?\\;}\\), activation […]");
    expect(n!.back).toContain("Output \\(H' = \\boxed{32}\\), activation <b>ReLU</b>");
  });

  it('shows a diagram question with numbered blanks on the front and the whole diagram on the back', () => {
    const q: DiagramQuestion = { ...base, id: 'cnn.resnet-basic', type: 'diagram', diagram: 'resnet-basic', blanks: ['c1', 'b1', 'r1'], prompt: { zh: '填出每一步。', en: 'Fill in each step.' } };
    const zh = diagramPlain(q, 'zh');
    const en = diagramPlain(q, 'en');
    expect(en.blanked.join('\n')).toMatch(/\(1\)/);
    expect(en.answer).toMatch(/^\(1\) .+; \(2\) .+; \(3\) .+$/);
    const view = { blanked: { zh: zh.blanked, en: en.blanked }, answer: { zh: zh.answer, en: en.answer }, full: { zh: zh.full, en: en.full } };
    const [n] = ankiNotes([q], bankOf([q]), 'en', { ...NONE, diagram: () => view });
    expect(n!.front).toMatch(/^<div lang="en">Fill in each step\.<\/div>.*<br><pre style="text-align:left;white-space:pre-wrap">/);
    expect(n!.front).toContain(escapeHtml(en.blanked.join('\n')));
    expect(n!.back).toContain(`<b><div lang="en">${escapeHtml(en.answer)}</div>`);
    expect(n!.back).toContain(escapeHtml(en.full.join('\n')));
    // No colour codes in a file.
    expect(`${n!.front}${n!.back}`).not.toMatch(/\u001b\[/);
  });

  it('writes the headers Anki reads and quotes fields with quotes or tabs', () => {
    const text = ankiFile([{ guid: 'dlnotes:q', deck: 'dlnotes::x', front: 'say "hi"', back: 'a\tb', tags: ['dlnotes', 'x'] }]);
    expect(text).toBe([
      '#separator:tab', '#html:true', '#notetype:Basic', '#guid column:1', '#deck column:2', '#tags column:5',
      'dlnotes:q\tdlnotes::x\t"say ""hi"""\t"a\tb"\tdlnotes x', '',
    ].join('\n'));
  });
});
