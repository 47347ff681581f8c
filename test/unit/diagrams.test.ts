/**
 * The architecture diagrams (src/core/diagrams): every one the exam asks
 * for exists, its art is well formed (every line meets a matching line, no
 * slot without a label, labels fit their slots in both languages, 80
 * columns), the labels grade their own names and the usual synonyms, and
 * the SVG draws the same grid.
 */
import { describe, expect, it } from 'vitest';
import { armsOf, arrowOf, isArc, OPPOSITE, type Arm } from '../../src/core/diagrams/box';
import { DIAGRAMS, diagramById, diagramIds } from '../../src/core/diagrams/index';
import { blankOrder, lineSlots, slotsOf } from '../../src/core/diagrams/slots';
import { tr } from '../../src/core/text';
import { diagramArt, diagramLines, diagramWidth, renderDiagram } from '../../src/render/diagram';
import { diagramSvg } from '../../src/render/diagram-svg';
import { displayWidth } from '../../src/render/table';
import { labelAnswers, matchesLabel, splitDiagramAnswers } from '../../src/quiz/grade/diagram';
import { nearest } from '../../src/commands/diagram';

const LANGS = ['en', 'zh'] as const;

/** Every arm of a line character that meets a line character without the matching arm (misaligned art). */
function brokenArms(art: readonly string[]): string[] {
  const grid = art.map((l) => [...l]);
  const at = (r: number, c: number): string => grid[r]?.[c] ?? ' ';
  const step: Record<Arm, [number, number]> = { u: [-1, 0], d: [1, 0], l: [0, -1], r: [0, 1] };
  const out: string[] = [];
  const passesThrough = (r: number, c: number, a: Arm): boolean => {
    const [dr, dc] = step[a];
    return armsOf(at(r + dr, c + dc))?.includes(OPPOSITE[a]) === true;
  };
  grid.forEach((row, r) => row.forEach((ch, c) => {
    const arms = armsOf(ch);
    // Arcs close a brace drawn under boxes: their arms end where they like.
    if (!arms || isArc(ch)) return;
    for (const a of arms) {
      const [dr, dc] = step[a];
      const next = at(r + dr, c + dc);
      const theirs = armsOf(next);
      const arrow = arrowOf(next);
      const vertical = a === 'u' || a === 'd';
      const across = (x: string): boolean => (vertical ? x === 'l' || x === 'r' : x === 'u' || x === 'd');
      let ok: boolean;
      // A line meets a line that arms back, or touches the side of a straight edge (a box's side).
      if (theirs) ok = theirs.includes(OPPOSITE[a]) || (theirs.length === 2 && theirs.every(across));
      // An arrowhead on the same axis (the line enters it or leaves from its tip), or one set into
      // a straight edge the line belongs to (an arrow on a box border).
      else if (arrow) ok = !across(arrow) || passesThrough(r + dr, c + dc, a);
      else if (next === ' ') ok = !vertical; // a vertical line must reach something
      else ok = true; // a line may end at text or a label
      if (!ok) out.push(`${r + 1}:${c + 1} "${ch}" ${a} meets "${next}"`);
    }
  }));
  return out;
}

describe('the diagrams', () => {
  it('has every diagram the exam asks for', () => {
    expect(diagramIds()).toEqual(['rnn', 'lstm', 'gru', 'transformer-encoder', 'transformer-decoder', 'resnet-basic', 'resnet-bottleneck', 'inception', 'faster-rcnn', 'fcn', 'unet', 'mask-rcnn']);
    expect(diagramById('lstm')?.title).toEqual({ en: 'LSTM cell (one time step)', zh: 'LSTM 单元（一个时间步）' });
    expect(diagramById('nope')).toBeUndefined();
  });

  for (const d of DIAGRAMS) {
    describe(d.id, () => {
      it('has well-formed art: every line meets a matching line', () => {
        expect(brokenArms(d.art)).toEqual([]);
      });

      it('has one column per character outside the slots (no wide characters in the art)', () => {
        for (const line of d.art) expect(displayWidth(line), line).toBe([...line].length);
      });

      it('has a label for every slot and a slot for every label', () => {
        const keys = new Set(slotsOf(d).map((s) => s.key));
        expect([...keys].filter((k) => !d.labels[k])).toEqual([]);
        expect(Object.keys(d.labels).filter((k) => !keys.has(k))).toEqual([]);
      });

      it('fits every label into its slot in both languages', () => {
        for (const s of slotsOf(d)) {
          for (const lang of LANGS) {
            const text = tr(d.labels[s.key]!.text, lang);
            expect(displayWidth(text), `${s.key} (${lang}): ${text}`).toBeLessThanOrEqual(s.width);
          }
        }
      });

      it('fits 80 columns in both languages, with the same art height', () => {
        for (const lang of LANGS) {
          expect(diagramWidth(d, lang), lang).toBeLessThanOrEqual(80);
          expect(diagramArt(d, lang)).toHaveLength(d.art.length);
        }
      });

      it('speaks Chinese in zh: every bilingual label differs between the languages', () => {
        for (const [key, label] of Object.entries(d.labels)) {
          if (typeof label.text !== 'string') expect(label.text.zh, key).not.toBe(label.text.en);
        }
        expect(renderDiagram(d, 'zh')).toMatch(/[\u4e00-\u9fff]/);
        for (const n of [...d.notes, ...d.shapes, d.title, d.summary]) {
          if (typeof n !== 'string') expect(n.zh, n.en).not.toBe(n.en);
        }
      });

      it('grades each label by its own text in both languages', () => {
        for (const [key, label] of Object.entries(d.labels)) {
          for (const lang of LANGS) expect(matchesLabel(tr(label.text, lang), label), `${key} ${lang}`).toBe(true);
          for (const a of label.accept ?? []) expect(matchesLabel(a, label), `${key}: ${a}`).toBe(true);
        }
      });

      it('draws the same grid as SVG: every label, lines and arrowheads, no NaN', () => {
        for (const lang of LANGS) {
          const svg = diagramSvg(d, lang);
          expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
          expect(svg).not.toMatch(/NaN|undefined/);
          expect(svg.match(/<text/g)!.length).toBeGreaterThan(slotsOf(d).length / 2);
          expect(svg).toMatch(/<path d="M/);
          expect(svg).toContain('<polygon');
          expect(svg.split('<text').length).toBe(svg.split('</text>').length);
          for (const s of new Set(slotsOf(d).map((x) => tr(d.labels[x.key]!.text, lang).split(' ')[0]!))) {
            expect(svg, s).toContain(s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
          }
        }
      });
    });
  }
});

describe('slots and blanks', () => {
  it('reads slots with their width and alignment', () => {
    expect(lineSlots('ab {x..} c {<yy...}{>z}', 0)).toEqual([
      { key: 'x', line: 0, index: 3, width: 5, align: 'center' },
      { key: 'yy', line: 0, index: 11, width: 8, align: 'left' },
      { key: 'z', line: 0, index: 19, width: 4, align: 'right' },
    ]);
  });

  it('numbers blanks in reading order, whatever order the question lists them', () => {
    const lstm = diagramById('lstm')!;
    expect(blankOrder(lstm, ['output', 'forget', 'cell', 'cand'])).toEqual(['cell', 'forget', 'cand', 'output']);
  });

  it('shows a blank as its number in every slot of the label, centred', () => {
    const rnn = diagramById('rnn')!;
    const art = diagramArt(rnn, 'en', new Map([['whh', 1]])).join('\n');
    expect(art.match(/\(1\)/g)).toHaveLength(2);
    expect(art).not.toContain('W_hh');
    expect(art).toContain('W_xh');
    const seg = diagramLines(rnn, 'en', new Map([['whh', 1]])).flat().filter((s) => s.kind === 'blank');
    expect(seg.map((s) => s.text)).toEqual(['  (1)   ', '  (1)   ']);
  });
});

describe('grading a label', () => {
  const lstm = diagramById('lstm')!;
  const enc = diagramById('transformer-encoder')!;
  const bottleneck = diagramById('resnet-bottleneck')!;
  const cases: Array<[string, string, string, boolean]> = [
    ['lstm', 'forget', 'forget gate', true],
    ['lstm', 'forget', 'Forget Gate', true],
    ['lstm', 'forget', '遗忘门', true],
    ['lstm', 'forget', 'f_t', true],
    ['lstm', 'forget', 'input gate', false],
    ['lstm', 'forget', '输入门', false],
    ['lstm', 'af', 'sigmoid', true],
    ['lstm', 'af', 'σ', true],
    ['lstm', 'af', 'tanh', false],
    ['lstm', 'concat', '[h_{t-1}; x_t]', true],
    ['lstm', 'concat', 'h_{t−1}, x_t', true],
    ['lstm', 'concat', '[hₜ₋₁; xₜ]', true],
    ['lstm', 'concat', '拼接', true],
    ['lstm', 'concat', 'x_t', false],
    ['transformer-encoder', 'an1', 'Add & Norm', true],
    ['transformer-encoder', 'an1', 'add norm', true],
    ['transformer-encoder', 'an1', 'ADD&NORM', true],
    ['transformer-encoder', 'an1', '残差+层归一化', true],
    ['transformer-encoder', 'an1', 'feed forward', false],
    ['transformer-encoder', 'mha', 'multi-head self-attention', true],
    ['transformer-encoder', 'mha', '多头注意力', true],
    ['resnet-bottleneck', 'k1', '1x1 conv, 64', true],
    ['resnet-bottleneck', 'k1', '1×1 卷积，64', true],
    ['resnet-bottleneck', 'k1', '1*1, 64', true],
    ['resnet-bottleneck', 'k1', '1x1 conv, 256', false],
    ['resnet-bottleneck', 'k1', '3x3 conv, 64', false],
    ['resnet-bottleneck', 'k1', '', false],
  ];
  it.each(cases)('%s %s: "%s" is %s', (id, key, given, ok) => {
    const d = { lstm, 'transformer-encoder': enc, 'resnet-bottleneck': bottleneck }[id]!;
    expect(matchesLabel(given, d.labels[key]!)).toBe(ok);
  });

  it('accepts a label in both languages', () => {
    expect(labelAnswers(lstm.labels.forget!).slice(0, 2)).toEqual(['forget gate', '遗忘门']);
  });

  it('splits a line into blanks at ; or ；, not inside brackets, dropping blank numbers', () => {
    expect(splitDiagramAnswers('forget gate; input gate')).toEqual(['forget gate', 'input gate']);
    expect(splitDiagramAnswers('遗忘门；输入门')).toEqual(['遗忘门', '输入门']);
    expect(splitDiagramAnswers('(1) forget; (2) [h; x]; 3. output')).toEqual(['forget', '[h; x]', 'output']);
    expect(splitDiagramAnswers('1×1 conv, 64; 3x3 conv, 64')).toEqual(['1×1 conv, 64', '3x3 conv, 64']);
    expect(splitDiagramAnswers('（1）遗忘门；2、输入门')).toEqual(['遗忘门', '输入门']);
  });
});

describe('diagram names', () => {
  it.each([
    ['lsmt', 'lstm'], ['unte', 'unet'], ['resnet', 'resnet-basic'], ['trans', 'transformer-encoder'], ['xyz', undefined], ['gr', 'gru'],
  ])('"%s" suggests %s', (name, want) => {
    expect(nearest(name, diagramIds())).toBe(want);
  });
});
