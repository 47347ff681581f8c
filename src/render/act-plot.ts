/**
 * Terminal plots of activation functions: for each function a row with f(x)
 * on the left and f'(x) on the right, drawn by asciichart. All rows share
 * one y-scale for f and one for f', so several functions compare at a
 * glance without relying on colour.
 */
import { plot } from 'asciichart';
import { fmtNum } from '../core/format';
import { displayWidth } from './table';
import { style } from './style';

export interface Curve {
  title: string;
  xs: number[];
  values: number[];
  grads: number[];
}

const ROWS = 8;
const LABEL = 7;

interface Scale { min: number; max: number; height: number }

/** A y-scale whose rows fall on round values (steps of 1, 2, 2.5 or 5 × 10ⁿ), about ROWS rows high. */
function span(series: number[][]): Scale {
  let lo = Math.min(...series.flat());
  let hi = Math.max(...series.flat());
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const raw = (hi - lo) / ROWS;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw - 1e-12)!;
  const min = Math.floor(lo / step + 1e-9) * step;
  const max = Math.ceil(hi / step - 1e-9) * step;
  return { min, max, height: Math.round((max - min) / step) };
}

function chart(values: number[], range: Scale): string[] {
  const text = plot(values, {
    height: range.height,
    min: range.min,
    max: range.max,
    // asciichart marks row "0" with ┼ but puts it on the wrong row when min ≠ 0: use ┤ everywhere.
    symbols: ['┤', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
    format: (v: number) => fmtNum(Math.abs(v) < 1e-9 ? 0 : v, 3).padStart(LABEL),
  });
  return text.split('\n');
}

/** An x-axis line under a chart: lo at the left edge of the plot area, hi at the right, 0 where it falls. */
function axis(lines: string[], xs: number[]): string {
  const first = lines[0] ?? '';
  const start = first.indexOf('┤') + 1;
  const cells = Array(xs.length).fill(' ');
  const lo = fmtNum(xs[0]!, 3);
  const hi = fmtNum(xs[xs.length - 1]!, 3);
  const zero = xs.findIndex((x) => Math.abs(x) < 1e-9);
  if (zero > lo.length && zero < xs.length - hi.length - 1) cells[zero] = '0';
  const body = (lo + cells.join('').slice(lo.length, xs.length - hi.length) + hi);
  return `${' '.repeat(Math.max(0, start))}${body}`;
}

function sideBySide(left: string[], right: string[], gap = 4): string[] {
  const width = Math.max(...left.map(displayWidth));
  const rows = Math.max(left.length, right.length);
  return Array.from({ length: rows }, (_, i) => {
    const l = left[i] ?? '';
    return `${l}${' '.repeat(width - displayWidth(l) + gap)}${right[i] ?? ''}`.trimEnd();
  });
}

/** One block per curve: title, f and f' side by side with x axes. */
export function renderCurves(curves: Curve[]): string {
  const fRange = span(curves.map((c) => c.values));
  const gRange = span(curves.map((c) => c.grads));
  return curves.map((c) => {
    const f = chart(c.values, fRange);
    const g = chart(c.grads, gRange);
    // Bottom-align the two charts so their x axes share a line.
    const pad = (lines: string[], to: number) => [...Array(to - lines.length).fill(''), ...lines];
    const tall = Math.max(f.length, g.length);
    const left = ['f(x)', ...pad([...f, axis(f, c.xs)], tall + 1)];
    const right = ["f'(x)", ...pad([...g, axis(g, c.xs)], tall + 1)];
    return [style.heading(c.title), ...sideBySide(left, right)].join('\n');
  }).join('\n\n');
}
