/** Renders a network summary (core/net/analyse.ts) as a layer table and a totals block. */
import type { NetBlock, NetRow, NetSummary } from '../core/net/analyse';
import { fmtShape } from '../core/net/shape';
import type { RfAxis } from '../core/rf';
import { fmtBytes, fmtInt, fmtSI } from '../core/format';
import { style } from './style';
import { msg } from '../core/text';
import { t } from './lang';
import { fitTable, type Align } from './table';
import { termWidth } from './width';

export interface SummaryView {
  /** Every column, whatever the terminal's width. */
  wide?: boolean;
  /** Show rows nested less than this many levels deep; deeper blocks are shown as one summed row. */
  levels?: number;
  /** Lines printed under the title (what the zoo entry leaves out, say). */
  caveat?: string;
}

/** Bytes in binary units, short enough for a table column. */
export function fmtBytesShort(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 2 ** 20) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 2 ** 30) return `${(bytes / 2 ** 20).toFixed(2)} MiB`;
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
}

const dash = (n: number, f: (x: number) => string) => (n === 0 ? '—' : f(n));

function rfCells(h: RfAxis, w: RfAxis): [string, string] {
  if (h.jump === null) return ['all', '—'];
  const rf = h.rf === w.rf ? String(h.rf) : `${h.rf}×${w.rf}`;
  const jump = h.jump === w.jump ? String(h.jump) : `${h.jump}×${w.jump}`;
  return [rf, jump];
}

function rowCells(r: NetRow): string[] {
  const indent = '  '.repeat(r.level);
  return [
    `${indent}${r.name}`,
    r.detail ? `${r.kind} ${r.detail}` : r.kind,
    fmtShape(r.output),
    dash(r.params, fmtInt),
    dash(r.macs, (x) => fmtSI(x)),
    fmtInt(r.activations),
    fmtBytesShort(r.bytes),
    ...rfCells(r.rf.h, r.rf.w),
  ];
}

function blockCells(b: NetBlock): string[] {
  const indent = '  '.repeat(b.level);
  return [
    style.bold(`${indent}${b.name}`),
    style.dim(b.kind),
    fmtShape(b.output),
    dash(b.params, fmtInt),
    dash(b.macs, (x) => fmtSI(x)),
    style.dim(fmtInt(b.activations)),
    style.dim(fmtBytesShort(b.activations * 4)),
    ...rfCells(b.rf.h, b.rf.w),
  ];
}

const HEADER = ['Layer', 'Kind', 'Output (C×H×W)', 'Params', 'MACs', 'Activations', 'fp32', 'RF', 'Jump'];
const ALIGN: Align[] = ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'];

const NARROW = msg(
  (cols: string, width: number) => `(left out to fit ${width} columns: ${cols}; --wide shows them)`,
  (cols, width) => `（为适应 ${width} 列省略了：${cols}；--wide 显示全部）`,
);

/**
 * The layer table: block rows (sums) precede their layers; `levels` hides
 * deeper rows. At the terminal's width it keeps the columns a student needs
 * (layer, output, params, MACs, RF) and drops kind, activations, memory and
 * jump in that order; `wide` keeps them all.
 */
export function renderLayerTable(s: NetSummary, levels = Infinity, wide = false): string {
  const lines: string[][] = [[style.dim('input'), style.dim('input'), fmtShape(s.input), '—', '—', fmtInt(s.totals.inputValues), fmtBytesShort(s.totals.inputBytes), '1', '1']];
  let b = 0;
  s.rows.forEach((r, i) => {
    while (b < s.blocks.length && s.blocks[b]!.first === i) {
      const block = s.blocks[b++]!;
      if (block.level < levels) lines.push(blockCells(block));
    }
    if (r.level < levels) lines.push(rowCells(r));
  });
  const width = wide ? Infinity : termWidth();
  const fitted = fitTable(HEADER, lines, { align: ALIGN, width, drop: [5, 6, 8, 1], shrink: [0] });
  return fitted.dropped.length ? `${fitted.text}\n${style.dim(t(NARROW(fitted.dropped.join(', '), width)))}` : fitted.text;
}

/** The totals block under the table, every figure labelled with what it counts. */
export function renderTotals(s: NetSummary): string {
  const t = s.totals;
  const per = s.batch === 1 ? '1 image' : `a batch of ${s.batch} images`;
  const label = (l: string) => style.bold(l.padEnd(18));
  const lines = [
    style.heading(`Totals for ${per} of ${fmtShape(s.input)}`),
    `  ${label('parameters')}${fmtInt(t.params)} = ${fmtSI(t.params)}   fp32 ${fmtBytes(t.paramBytes)}`,
    `  ${' '.repeat(18)}${style.dim(`weights ${fmtInt(t.weights)} + biases ${fmtInt(t.biases)}${t.buffers ? ` (BatchNorm's γ, β count as one of each per channel; its ${fmtInt(t.buffers)} running means/variances are buffers, not parameters)` : ''}`)}`,
    `  ${label('MACs')}${fmtInt(t.macs)} = ${fmtSI(t.macs)}   ${style.dim('(conv and linear multiply-accumulates: what torchvision publishes as "GFLOPS")')}`,
    `  ${label('FLOPs')}${fmtSI(t.flops)}   ${style.dim('(= 2 × MACs: one multiply + one add)')}`,
    `  ${label('activations')}${fmtInt(t.activations)} values, fp32 ${fmtBytes(t.activationBytes)}   ${style.dim('(forward pass: every layer output in the table once; input not included)')}`,
    `  ${label('forward+backward')}≈ ${fmtBytes(t.trainingBytes)}   ${style.dim('(rough estimate: ~2 × activations, a gradient for each kept output)')}`,
    `  ${label('torchinfo')}Forward/backward pass size ${(t.torchinfoBytes / 1e6).toFixed(2)} MB   ${style.dim('(its convention: 2 × outputs of layers with parameters)')}`,
    `  ${label('input')}${fmtInt(t.inputValues)} values, fp32 ${fmtBytes(t.inputBytes)}`,
    `  ${label('depth')}${t.depth} weight layers (conv + linear) on the longest path${t.weightLayers !== t.depth ? `; ${t.weightLayers} in all (shortcuts and parallel branches included)` : ''}`,
  ];
  if (s.featureRf) {
    const { h, w, name } = s.featureRf;
    const rf = h.rf === w.rf ? `${h.rf}×${h.rf}` : `${h.rf}×${w.rf}`;
    const bigger = h.rf! > s.input.h || w.rf! > s.input.w ? style.dim(` (larger than the ${s.input.h}×${s.input.w} input: it reaches into the zero padding)`) : '';
    lines.push(`  ${label('receptive field')}${rf} at ${name}, jump ${h.jump}${bigger}`);
  }
  return lines.join('\n');
}

/** Title, table, totals and notes. */
export function renderSummary(s: NetSummary, view: SummaryView = {}): string {
  const title = style.heading(`${s.name ?? 'network'}: ${fmtShape(s.input)} → ${fmtShape(s.output)}${s.batch > 1 ? `, batch ${s.batch}` : ''}`);
  const parts = [title];
  if (view.caveat) parts.push(style.dim(view.caveat));
  parts.push('', renderLayerTable(s, view.levels, view.wide));
  const hidden = view.levels === undefined ? 0 : s.rows.filter((r) => r.level >= view.levels!).length;
  if (hidden > 0) parts.push(style.dim(`${hidden} rows nested ${view.levels} or more levels deep are folded into their blocks' sums (drop --levels to see every layer).`));
  parts.push('', renderTotals(s));
  if (s.notes.length) parts.push('', style.bold('Notes'), ...s.notes.map((n) => `  ${style.warn('!')} ${n}`));
  return parts.join('\n');
}
