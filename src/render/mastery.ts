/**
 * The mastery map of `dlnotes plan`: one row per notes section, weakest
 * first, with a bar of the predicted recall at the exam coloured by how safe
 * it is, and where the plan takes it. Titles come in already cut to fit.
 */
import { displayWidth } from './table';
import { style } from './style';

export interface MasteryRow {
  title: string;
  questions: number;
  now: number;
  planned: number;
}

const pct = (x: number): string => `${Math.round(100 * x)}%`;

/** Colour by recall: below 50% red, below 80% yellow, else green. */
export function paintRecall(x: number, s: string): string {
  return x < 0.5 ? style.bad(s) : x < 0.8 ? style.warn(s) : style.good(s);
}

/** A bar of `cells` cells: filled for the recall, light for the rest. */
export function recallBar(x: number, cells: number): string {
  const full = Math.max(0, Math.min(cells, Math.round(x * cells)));
  return paintRecall(x, '█'.repeat(full)) + style.dim('░'.repeat(cells - full));
}

const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - displayWidth(s)));

/**
 * Rows of `title  n  bar  now → planned`, in `width` columns: the title
 * column is as wide as the longest title allowed by `titleWidth`.
 */
export function renderMastery(rows: readonly MasteryRow[], total: MasteryRow, titleWidth: number, cells: number): string {
  const tw = Math.min(titleWidth, Math.max(...[...rows, total].map((r) => displayWidth(r.title))));
  const nw = Math.max(...[...rows, total].map((r) => String(r.questions).length));
  const line = (r: MasteryRow, bar: boolean): string =>
    `  ${pad(r.title, tw)}  ${String(r.questions).padStart(nw)}  ${bar ? recallBar(r.now, cells) : ' '.repeat(cells)}  ${paintRecall(r.now, pct(r.now).padStart(4))} → ${paintRecall(r.planned, pct(r.planned).padStart(4))}`;
  return [...rows.map((r) => line(r, true)), `  ${style.dim('─'.repeat(tw + nw + cells + 17))}`, style.bold(line(total, true))].join('\n');
}
