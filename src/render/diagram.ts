/**
 * A diagram (src/core/diagrams) as terminal text: the art with its labels
 * in one language, or with some labels replaced by numbered blanks for a
 * question, then the shapes and what to remember. Pure: data in, text out.
 */
import { lineSlots, type SlotAlign } from '../core/diagrams/slots';
import type { Diagram } from '../core/diagrams/types';
import { bi, tr, type Lang } from '../core/text';
import { style } from './style';
import { displayWidth } from './table';

/** A run of one line: fixed art, a label, or a numbered blank. */
export interface Segment {
  text: string;
  kind: 'art' | 'label' | 'blank';
}

const M = {
  shapes: bi('Shapes', '形状'),
  remember: bi('Remember', '要点'),
};

function pad(text: string, width: number, align: SlotAlign): string {
  const room = Math.max(0, width - displayWidth(text));
  if (align === 'left') return text + ' '.repeat(room);
  if (align === 'right') return ' '.repeat(room) + text;
  const left = Math.floor(room / 2);
  return ' '.repeat(left) + text + ' '.repeat(room - left);
}

/**
 * The art as lines of segments, labels in `lang`; a key in `blanks` shows
 * its number instead, as "(n)". Trailing spaces are dropped.
 */
export function diagramLines(d: Diagram, lang: Lang, blanks: ReadonlyMap<string, number> = new Map()): Segment[][] {
  return d.art.map((text, line) => {
    const out: Segment[] = [];
    let at = 0;
    for (const slot of lineSlots(text, line)) {
      if (slot.index > at) out.push({ text: text.slice(at, slot.index), kind: 'art' });
      const n = blanks.get(slot.key);
      const label = d.labels[slot.key];
      if (n !== undefined) out.push({ text: pad(`(${n})`, slot.width, 'center'), kind: 'blank' });
      else out.push({ text: pad(label ? tr(label.text, lang) : slot.key, slot.width, slot.align), kind: 'label' });
      at = slot.index + slot.width;
    }
    if (at < text.length) out.push({ text: text.slice(at), kind: 'art' });
    return trimEnd(out);
  });
}

function trimEnd(line: Segment[]): Segment[] {
  const out = [...line];
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    const t = last.text.trimEnd();
    if (t !== '') {
      out[out.length - 1] = { ...last, text: t };
      break;
    }
    out.pop();
  }
  return out;
}

/** The art as plain lines (no colour): what a question shows, and what tests measure. */
export function diagramArt(d: Diagram, lang: Lang, blanks?: ReadonlyMap<string, number>): string[] {
  return diagramLines(d, lang, blanks).map((l) => l.map((s) => s.text).join(''));
}

/** The shapes, indented, one line each (a text may hold several lines). */
export function shapeLines(d: Diagram, lang: Lang): string[] {
  return d.shapes.flatMap((s) => tr(s, lang).split('\n').map((l) => `  ${l}`));
}

/** The notes as bullets; the further lines of a note are indented under its first. */
export function noteLines(d: Diagram, lang: Lang): string[] {
  return d.notes.flatMap((n) => tr(n, lang).split('\n').map((l, i) => `${i === 0 ? '  • ' : '    '}${l}`));
}

/** The widest line the diagram prints in `lang` (title, art, shapes and notes), in columns. */
export function diagramWidth(d: Diagram, lang: Lang): number {
  const lines = [tr(d.title, lang), ...diagramArt(d, lang), ...shapeLines(d, lang), ...noteLines(d, lang)];
  return Math.max(...lines.map(displayWidth));
}

/** The whole diagram for the terminal: title, art (labels highlighted), shapes, what to remember. */
export function renderDiagram(d: Diagram, lang: Lang): string {
  const art = diagramLines(d, lang).map((l) => l.map((s) => (s.kind === 'art' ? s.text : style.accent(s.text))).join(''));
  const out = [style.bold(tr(d.title, lang)), '', ...art];
  if (d.shapes.length > 0) out.push('', style.heading(tr(M.shapes, lang)), ...shapeLines(d, lang));
  if (d.notes.length > 0) out.push('', style.heading(tr(M.remember, lang)), ...noteLines(d, lang));
  return out.join('\n');
}
