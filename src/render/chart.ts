/**
 * Line charts in the terminal (asciichart). Several series share one chart
 * when colour tells them apart; without colour each gets its own chart on a
 * shared scale, so they stay comparable. Import this module only when a
 * chart is asked for (--plot).
 */
import { blue, cyan, green, magenta, plot, red, yellow, type Color } from 'asciichart';
import { fmtNum } from '../core/format';
import { bi, msg, type Text } from '../core/text';
import { t } from './lang';
import { style } from './style';

/** The texts of a chart, in both languages. */
const M = {
  nothing: bi('(nothing to plot: no finite values)', '（没有可画的：没有有限值）'),
  steps: bi('steps', '步'),
  column: msg((step: string, unit: string) => ` (one column ≈ ${step} ${unit})`, (step, unit) => `（每列 ≈ ${step} ${unit}）`),
};

export interface Series {
  label: string;
  /** y at x = 0, 1, 2, ...; a non-finite value ends the line. */
  values: readonly number[];
}

export interface ChartOptions {
  /** Rows of the plot area (default 10). */
  height?: number;
  /** At most this many columns: longer series are sampled evenly (default 64). */
  width?: number;
  /** What x counts, for the axis note: "t" (default). */
  xName?: string;
  /** The x value of the first point (default 0). */
  x0?: number;
  /** What one x unit is, for the axis note when points are sampled: "steps" (default), "epochs". */
  xUnit?: Text;
}

type Paint = (s: string) => string;
const PALETTE: Array<[Color, Paint]> = [
  [cyan, style.formula],
  [magenta, style.accent],
  [yellow, style.warn],
  [green, style.good],
  [red, style.bad],
  [blue, (s) => s],
];

/** Colour is on exactly when style paints (style.ts decides: NO_COLOR, --no-color, TTY). */
function colourOn(): boolean {
  return style.good('x') !== 'x';
}

function finitePrefix(values: readonly number[]): number[] {
  const end = values.findIndex((v) => !Number.isFinite(v));
  return [...(end === -1 ? values : values.slice(0, end))];
}

/** Evenly spaced samples keeping the first and last points. */
function sample(values: number[], width: number): number[] {
  if (values.length <= width) return values;
  return Array.from({ length: width }, (_, i) => values[Math.round((i * (values.length - 1)) / (width - 1))]!);
}

const LABEL_WIDTH = 10;
const label = (x: number): string => fmtNum(Math.abs(x) < 1e-12 ? 0 : x, 4).padStart(LABEL_WIDTH).slice(-LABEL_WIDTH);

/** Renders one chart (or one per series when colour is off), with a legend and an x-axis note. */
export function renderChart(series: readonly Series[], opts: ChartOptions = {}): string {
  const height = opts.height ?? 10;
  const width = opts.width ?? 64;
  const full = series.map((s) => ({ label: s.label, values: finitePrefix(s.values) })).filter((s) => s.values.length > 0);
  if (full.length === 0) return style.dim(t(M.nothing));
  const longest = Math.max(...full.map((s) => s.values.length));
  const step = longest > width ? (longest - 1) / (width - 1) : 1;
  const sampled = full.map((s) => ({ label: s.label, values: sample(s.values, Math.max(2, Math.round((s.values.length - 1) / step) + 1)) }));
  const all = sampled.flatMap((s) => s.values);
  let min = Math.min(...all);
  let max = Math.max(...all);
  if (max - min < 1e-12 * Math.max(1, Math.abs(max))) {
    const pad = Math.abs(max) > 0 ? Math.abs(max) * 0.1 : 1;
    min -= pad;
    max += pad;
  }
  const x0 = opts.x0 ?? 0;
  const xName = opts.xName ?? 't';
  const axis = `${' '.repeat(LABEL_WIDTH + 1)}└ ${xName} = ${x0} … ${x0 + longest - 1}${step > 1 ? t(M.column(fmtNum(step, 3), t(opts.xUnit ?? M.steps))) : ''}`;
  // asciichart marks the row it thinks is y = 0 with '┼', but on a scaled chart that row is
  // rarely 0; a plain axis everywhere avoids a misleading tick.
  const symbols: [string, string, string, string, string, string, string, string, string, string] = ['┤', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'];
  const cfg = { height, min, max, symbols, format: (x: number) => label(x) };
  if (colourOn() || sampled.length === 1) {
    const colors = sampled.map((_, i) => PALETTE[i % PALETTE.length]![0]);
    const chart = plot(sampled.map((s) => s.values), { ...cfg, colors: colourOn() ? colors : [] });
    const legend = sampled.length > 1
      ? sampled.map((s, i) => PALETTE[i % PALETTE.length]![1](`── ${s.label}`)).join('   ')
      : style.bold(sampled[0]!.label);
    return [legend, chart, style.dim(axis)].join('\n');
  }
  return sampled
    .map((s) => [style.bold(s.label), plot(s.values, { ...cfg, height: Math.max(4, Math.round(height * 0.7)) }), style.dim(axis)].join('\n'))
    .join('\n\n');
}
