/** Renders a network summary (core/net/analyse.ts) as a layer table and a totals block. */
import type { NetBlock, NetRow, NetSummary } from '../core/net/analyse';
import { fmtShape } from '../core/net/shape';
import type { RfAxis } from '../core/rf';
import { fmtBytes, fmtInt, fmtSI } from '../core/format';
import { bi, msg, type Text } from '../core/text';
import { t } from './lang';
import { style } from './style';
import { displayWidth, fitTable, type Align } from './table';
import { termWidth } from './width';

/** The texts of the summary table and totals, in both languages. */
const M = {
  header: [bi('Layer', '层'), bi('Kind', '类型'), bi('Output (C×H×W)', '输出 (C×H×W)'), bi('Params', '参数量'), 'MACs',
    bi('Activations', '激活值'), 'fp32', bi('RF', '感受野'), bi('Jump', '跳距')] as Text[],
  input: bi('input', '输入'),
  all: bi('all', '全图'),
  totalsFor: msg((batch: number, shape: string) => `Totals for ${batch === 1 ? '1 image' : `a batch of ${batch} images`} of ${shape}`,
    (batch, shape) => `合计（${batch === 1 ? '1 张' : `一批 ${batch} 张`} ${shape} 的图像）`),
  parameters: bi('parameters', '参数量'),
  activations: bi('activations', '激活值'),
  fwdBwd: bi('forward+backward', '前向+反向'),
  inputLabel: bi('input', '输入'),
  depth: bi('depth', '深度'),
  rf: bi('receptive field', '感受野'),
  weightsBiases: msg((w: string, b: string) => `weights ${w} + biases ${b}`, (w, b) => `权重 ${w} + 偏置 ${b}`),
  buffers: msg((n: string) => ` (BatchNorm's γ, β count as one of each per channel; its ${n} running means/variances are buffers, not parameters)`,
    (n) => `（BatchNorm 的 γ、β 按每个通道各一个计入；它的 ${n} 个 running_mean/running_var 是缓冲区，不是参数）`),
  macsNote: bi('(conv and linear multiply-accumulates: what torchvision publishes as "GFLOPS")', '（卷积层和全连接层的乘加次数：即 torchvision 公布的 "GFLOPS"）'),
  flopsNote: bi('(= 2 × MACs: one multiply + one add)', '（= 2 × MACs：一次乘法 + 一次加法）'),
  values: msg((n: string, bytes: string) => `${n} values, fp32 ${bytes}`, (n, bytes) => `${n} 个值，fp32 ${bytes}`),
  actsNote: bi('(forward pass: every layer output in the table once; input not included)', '（前向传播：表中每层的输出各计一次；不含输入）'),
  fwdBwdNote: bi('(rough estimate: ~2 × activations, a gradient for each kept output)', '（粗略估计：约 2 × 激活值，每个保存的输出都有一个同样大小的梯度）'),
  torchinfo: msg((mb: string) => `Forward/backward pass size ${mb} MB`, (mb) => `"Forward/backward pass size" ${mb} MB`),
  torchinfoNote: bi('(its convention: 2 × outputs of layers with parameters)', '（它的约定：2 × 有参数的层的输出）'),
  depthText: msg((d: number, all: number) => `${d} weight layers (conv + linear) on the longest path${all !== d ? `; ${all} in all (shortcuts and parallel branches included)` : ''}`,
    (d, all) => `最长路径上有 ${d} 个权重层（conv + linear）${all !== d ? `；共 ${all} 个（含捷径和并行分支）` : ''}`),
  rfAt: msg((rf: string, name: string, jump: string) => `${rf} at ${name}, jump ${jump}`, (rf, name, jump) => `${rf}，在 ${name}，跳距 ${jump}`),
  bigger: msg((hw: string) => ` (larger than the ${hw} input: it reaches into the zero padding)`, (hw) => `（大于 ${hw} 的输入：延伸到了零填充里）`),
  network: bi('network', '网络'),
  title: msg((name: string, input: string, output: string, batch: number) => `${name}: ${input} → ${output}${batch > 1 ? `, batch ${batch}` : ''}`,
    (name, input, output, batch) => `${name}：${input} → ${output}${batch > 1 ? `，批大小 ${batch}` : ''}`),
  folded: msg((hidden: number, levels: number) => `${hidden} row${hidden === 1 ? '' : 's'} nested ${levels} or more levels deep ${hidden === 1 ? 'is' : 'are'} folded into their blocks' sums (drop --levels to see every layer).`,
    (hidden, levels) => `嵌套 ${levels} 层及以上的 ${hidden} 行已并入所在块的合计（去掉 --levels 可看到每一层）。`),
  notes: bi('Notes', '注意'),
  narrow: msg(
    (cols: string, width: number) => `(left out to fit ${width} columns: ${cols}; --wide shows them)`,
    (cols, width) => `（为适应 ${width} 列省略了：${cols}；--wide 显示全部）`,
  ),
};

export interface SummaryView {
  /** Every column, whatever the terminal's width. */
  wide?: boolean;
  /** Show rows nested less than this many levels deep; deeper blocks are shown as one summed row. */
  levels?: number;
  /** Lines printed under the title (what the zoo entry leaves out, say). */
  caveat?: Text;
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
  if (h.jump === null) return [t(M.all), '—'];
  const rf = h.rf === w.rf ? String(h.rf) : `${h.rf}×${w.rf}`;
  const jump = h.jump === w.jump ? String(h.jump) : `${h.jump}×${w.jump}`;
  return [rf, jump];
}

function rowCells(r: NetRow): string[] {
  const indent = '  '.repeat(r.level);
  return [
    `${indent}${r.name}`,
    r.detail ? `${r.kind} ${t(r.detail)}` : r.kind,
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

const ALIGN: Align[] = ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'];

/**
 * The layer table: block rows (sums) precede their layers; `levels` hides
 * deeper rows. At the terminal's width it keeps the columns a student needs
 * (layer, output, params, MACs, RF) and drops kind, activations, memory and
 * jump in that order; `wide` keeps them all.
 */
export function renderLayerTable(s: NetSummary, levels = Infinity, wide = false): string {
  const input = t(M.input);
  const lines: string[][] = [[style.dim(input), style.dim(input), fmtShape(s.input), '—', '—', fmtInt(s.totals.inputValues), fmtBytesShort(s.totals.inputBytes), '1', '1']];
  let b = 0;
  s.rows.forEach((r, i) => {
    while (b < s.blocks.length && s.blocks[b]!.first === i) {
      const block = s.blocks[b++]!;
      if (block.level < levels) lines.push(blockCells(block));
    }
    if (r.level < levels) lines.push(rowCells(r));
  });
  const width = wide ? Infinity : termWidth();
  const fitted = fitTable(M.header.map(t), lines, { align: ALIGN, width, drop: [5, 6, 8, 1], shrink: [0] });
  return fitted.dropped.length ? `${fitted.text}\n${style.dim(t(M.narrow(fitted.dropped.join(', '), width)))}` : fitted.text;
}

/** The totals block under the table, every figure labelled with what it counts. */
export function renderTotals(s: NetSummary): string {
  const tot = s.totals;
  // Labels padded by displayed width: a CJK character takes two columns.
  const label = (l: Text) => style.bold(`${t(l)}${' '.repeat(Math.max(0, 18 - displayWidth(t(l))))}`);
  const lines = [
    style.heading(t(M.totalsFor(s.batch, fmtShape(s.input)))),
    `  ${label(M.parameters)}${fmtInt(tot.params)} = ${fmtSI(tot.params)}   fp32 ${fmtBytes(tot.paramBytes)}`,
    `  ${' '.repeat(18)}${style.dim(`${t(M.weightsBiases(fmtInt(tot.weights), fmtInt(tot.biases)))}${tot.buffers ? t(M.buffers(fmtInt(tot.buffers))) : ''}`)}`,
    `  ${label('MACs')}${fmtInt(tot.macs)} = ${fmtSI(tot.macs)}   ${style.dim(t(M.macsNote))}`,
    `  ${label('FLOPs')}${fmtSI(tot.flops)}   ${style.dim(t(M.flopsNote))}`,
    `  ${label(M.activations)}${t(M.values(fmtInt(tot.activations), fmtBytes(tot.activationBytes)))}   ${style.dim(t(M.actsNote))}`,
    `  ${label(M.fwdBwd)}≈ ${fmtBytes(tot.trainingBytes)}   ${style.dim(t(M.fwdBwdNote))}`,
    `  ${label('torchinfo')}${t(M.torchinfo((tot.torchinfoBytes / 1e6).toFixed(2)))}   ${style.dim(t(M.torchinfoNote))}`,
    `  ${label(M.inputLabel)}${t(M.values(fmtInt(tot.inputValues), fmtBytes(tot.inputBytes)))}`,
    `  ${label(M.depth)}${t(M.depthText(tot.depth, tot.weightLayers))}`,
  ];
  if (s.featureRf) {
    const { h, w, name } = s.featureRf;
    const rf = h.rf === w.rf ? `${h.rf}×${h.rf}` : `${h.rf}×${w.rf}`;
    const bigger = h.rf! > s.input.h || w.rf! > s.input.w ? style.dim(t(M.bigger(`${s.input.h}×${s.input.w}`))) : '';
    lines.push(`  ${label(M.rf)}${t(M.rfAt(rf, name, String(h.jump)))}${bigger}`);
  }
  return lines.join('\n');
}

/** Title, table, totals and notes. */
export function renderSummary(s: NetSummary, view: SummaryView = {}): string {
  const title = style.heading(t(M.title(s.name ?? t(M.network), fmtShape(s.input), fmtShape(s.output), s.batch)));
  const parts = [title];
  if (view.caveat) parts.push(style.dim(t(view.caveat)));
  parts.push('', renderLayerTable(s, view.levels, view.wide));
  const hidden = view.levels === undefined ? 0 : s.rows.filter((r) => r.level >= view.levels!).length;
  if (hidden > 0) parts.push(style.dim(t(M.folded(hidden, view.levels!))));
  parts.push('', renderTotals(s));
  if (s.notes.length) parts.push('', style.bold(t(M.notes)), ...s.notes.map((n) => `  ${style.warn('!')} ${t(n)}`));
  return parts.join('\n');
}
