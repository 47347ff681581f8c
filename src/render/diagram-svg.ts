/**
 * A diagram as SVG, for printing: the same grid the terminal shows, with
 * the box-drawing characters drawn as real lines and arrowheads, and the
 * text set in a monospace font stretched to its columns so the labels stay
 * where the art expects them. Pure: data in, markup out.
 */
import { armsOf, arrowOf, type Arm } from '../core/diagrams/box';
import type { Diagram } from '../core/diagrams/types';
import { tr, type Lang } from '../core/text';
import { diagramLines, noteLines, shapeLines, type Segment } from './diagram';
import { displayWidth } from './table';

/** Width and height of one character cell, in SVG user units (px). */
const CW = 9;
const CH = 18;
const MARGIN = 18;
const FONT = "'DejaVu Sans Mono', Menlo, Consolas, 'Noto Sans Mono CJK SC', 'Microsoft YaHei Mono', monospace";
const INK = '#222';
const LABEL = '#0b4f8a';

interface Cell {
  ch: string;
  /** Columns the character takes (2 for CJK). */
  cols: number;
  kind: Segment['kind'];
}

function cells(line: Segment[]): Cell[] {
  const out: Cell[] = [];
  for (const seg of line) for (const ch of seg.text) out.push({ ch, cols: displayWidth(ch), kind: seg.kind });
  return out;
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const n = (x: number): string => String(Math.round(x * 10) / 10);

/** The half-segment from a cell's centre to its edge on one side. */
function arm(x: number, y: number, a: Arm): string {
  const cx = x + CW / 2;
  const cy = y + CH / 2;
  const to = a === 'u' ? [cx, y] : a === 'd' ? [cx, y + CH] : a === 'l' ? [x, cy] : [x + CW, cy];
  return `M${n(cx)} ${n(cy)}L${n(to[0]!)} ${n(to[1]!)}`;
}

/** A filled arrowhead in a cell pointing `a`, with a stub back to the edge it comes from. */
function arrow(x: number, y: number, a: Arm): { path: string; head: string } {
  const cx = x + CW / 2;
  const cy = y + CH / 2;
  const w = CW * 0.45;
  const pts: Record<Arm, number[]> = {
    r: [x + CW, cy, x + 1, cy - w, x + 1, cy + w],
    l: [x, cy, x + CW - 1, cy - w, x + CW - 1, cy + w],
    u: [cx, y + 2, cx - w, y + CH - 4, cx + w, y + CH - 4],
    d: [cx, y + CH - 2, cx - w, y + 4, cx + w, y + 4],
  };
  const back: Record<Arm, string> = {
    r: `M${n(x)} ${n(cy)}L${n(x + 1)} ${n(cy)}`,
    l: `M${n(x + CW)} ${n(cy)}L${n(x + CW - 1)} ${n(cy)}`,
    u: `M${n(cx)} ${n(y + CH)}L${n(cx)} ${n(y + CH - 4)}`,
    d: `M${n(cx)} ${n(y)}L${n(cx)} ${n(y + 4)}`,
  };
  const p = pts[a].map(n);
  return { path: back[a], head: `<polygon points="${p[0]},${p[1]} ${p[2]},${p[3]} ${p[4]},${p[5]}"/>` };
}

/** The whole diagram (title, art, shapes, notes) as a standalone SVG document. */
export function diagramSvg(d: Diagram, lang: Lang): string {
  const art = diagramLines(d, lang);
  const title = tr(d.title, lang);
  const tail = [
    ...(d.shapes.length ? ['', lang === 'zh' ? '形状' : 'Shapes', ...shapeLines(d, lang)] : []),
    ...(d.notes.length ? ['', lang === 'zh' ? '要点' : 'Remember', ...noteLines(d, lang)] : []),
  ];
  const cols = Math.max(displayWidth(title), ...art.map((l) => cells(l).reduce((s, c) => s + c.cols, 0)), ...tail.map(displayWidth));
  const top = MARGIN + CH * 2;
  const width = MARGIN * 2 + cols * CW;
  const height = top + (art.length + tail.length) * CH + MARGIN;
  const paths: string[] = [];
  const heads: string[] = [];
  const texts: string[] = [];
  art.forEach((line, row) => {
    const y = top + row * CH;
    let col = 0;
    let run: { col: number; text: string; cols: number; kind: Segment['kind'] } | undefined;
    const flush = (): void => {
      if (!run) return;
      const fill = run.kind === 'art' ? '' : ` fill="${LABEL}"`;
      const weight = run.kind === 'blank' ? ' font-weight="bold"' : '';
      texts.push(`<text x="${n(MARGIN + run.col * CW)}" y="${n(y + CH * 0.72)}" textLength="${n(run.cols * CW)}" lengthAdjust="spacingAndGlyphs"${fill}${weight}>${escape(run.text)}</text>`);
      run = undefined;
    };
    const row_ = cells(line);
    row_.forEach((c, k) => {
      const x = MARGIN + col * CW;
      const arms = armsOf(c.ch);
      const dir = arrowOf(c.ch);
      if (arms && c.kind === 'art') {
        flush();
        paths.push(arms.map((a) => arm(x, y, a)).join(''));
      } else if (dir && c.kind === 'art') {
        flush();
        const a = arrow(x, y, dir);
        paths.push(a.path);
        heads.push(a.head);
        // An arrow set into a box's border: the border runs on behind it.
        const left = armsOf(row_[k - 1]?.ch ?? '');
        const right = armsOf(row_[k + 1]?.ch ?? '');
        if ((dir === 'u' || dir === 'd') && left?.includes('r') && right?.includes('l')) paths.push(arm(x, y, 'l') + arm(x, y, 'r'));
      } else if (c.ch === ' ') {
        flush();
      } else {
        if (run && run.kind !== c.kind) flush();
        run ??= { col, text: '', cols: 0, kind: c.kind };
        run.text += c.ch;
        run.cols += c.cols;
      }
      col += c.cols;
    });
    flush();
  });
  const tailTexts = tail.map((l, i) => (l === '' ? '' : `<text x="${MARGIN}" y="${n(top + (art.length + i) * CH + CH * 0.72)}" xml:space="preserve">${escape(l)}</text>`)).filter(Boolean);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}">`,
    `<title>${escape(title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<g font-family="${escape(FONT)}" font-size="15" fill="${INK}">`,
    `<text x="${MARGIN}" y="${n(MARGIN + CH * 0.72)}" font-weight="bold" font-size="17">${escape(title)}</text>`,
    ...texts,
    ...tailTexts,
    '</g>',
    `<path d="${paths.join('')}" stroke="${INK}" stroke-width="1.4" fill="none" stroke-linecap="square"/>`,
    `<g fill="${INK}">${heads.join('')}</g>`,
    '</svg>',
    '',
  ].join('\n');
}
