/**
 * How a summary's totals add up, as a worked solution: parameters, MACs and
 * activations grouped by layer kind, with the formula each kind uses and the
 * heaviest layers named.
 */
import { fmtBytes, fmtInt, fmtSI } from '../format';
import { bi, msg, tr, type Text } from '../text';
import { WorkedBuilder, type Worked } from '../worked';
import type { NetRow, NetSummary } from './analyse';
import { fmtShape } from './shape';

/** The texts of the totals' worked solution, in both languages. */
const M = {
  title: msg((name: string | undefined) => `How the totals of ${name ?? 'the network'} add up`, (name) => `${name ?? '网络'}的合计是怎么来的`),
  given: msg((shape: string, batch: number) => `Input ${shape}${batch > 1 ? `, batch N = ${batch}` : ''}; every row of the table is one layer's output.`,
    (shape, batch) => `输入 ${shape}${batch > 1 ? `，批大小 N = ${batch}` : ''}；表中每一行是一层的输出。`),
  params: bi('Parameters', '参数量'),
  paramGroup: msg((kind: string, count: number, formula: Text | undefined, params: string, split: Text | undefined) => `${kind} (${count} layer${count === 1 ? '' : 's'}, each ${formula === undefined ? 'its own count' : tr(formula, 'en')}): ${params}${split ? `  (${tr(split, 'en')})` : ''}`,
    (kind, count, formula, params, split) => `${kind}（${count} 层，每层 ${formula === undefined ? '各算各的' : tr(formula, 'zh')}）：${params}${split ? `（${tr(split, 'zh')}）` : ''}`),
  split: msg((w: string, b: string) => `weights ${w} + biases ${b}`, (w, b) => `权重 ${w} + 偏置 ${b}`),
  largest: msg((list: string) => `largest: ${list}`, (list) => `最大的：${list}`),
  paramTotal: msg((p: string, bytes: string) => `parameters = ${p}  (fp32: ${p} × 4 B = ${bytes})`, (p, bytes) => `参数量 = ${p}（fp32：${p} × 4 B = ${bytes}）`),
  buffers: msg((n: string) => `BatchNorm also stores ${n} running means and variances: buffers, not parameters (PyTorch's model.parameters() leaves them out).`,
    (n) => `BatchNorm 还保存 ${n} 个 running_mean 和 running_var：它们是缓冲区，不是参数（PyTorch 的 model.parameters() 不包括它们）。`),
  compute: bi('Compute', '计算量'),
  macGroup: msg((kind: string, count: number, macs: string) => `${kind} (${count} layer${count === 1 ? '' : 's'}): ${macs}`, (kind, count, macs) => `${kind}（${count} 层）：${macs}`),
  notCounted: bi('BatchNorm, activations, pooling and the residual add are not counted, as in torchvision\'s published "GFLOPS" (which are MACs).',
    'BatchNorm、激活函数、池化和残差相加不计入，与 torchvision 公布的 "GFLOPS"（其实是 MACs）一致。'),
  activations: bi('Activations', '激活值'),
  actFormula: msg((n: string) => `activations = Σ over layers of ${n}C·H·W of the layer's output`, (n) => `激活值 = Σ 各层输出的 ${n}C·H·W`),
  actGroup: msg((kind: string, count: number, acts: string) => `${kind} (${count} output${count === 1 ? '' : 's'}): ${acts}`, (kind, count, acts) => `${kind}（${count} 个输出）：${acts}`),
  actTotal: msg((acts: string, bytes: string, training: string) => `activations = ${acts}  (fp32: × 4 B = ${bytes}); forward + backward ≈ 2 × = ${training} (rough)`,
    (acts, bytes, training) => `激活值 = ${acts}（fp32：× 4 B = ${bytes}）；前向 + 反向 ≈ 2 × = ${training}（粗略）`),
  actNote: bi('Every output is counted once, the input is not; PyTorch runs ReLU in place and flatten is a view, so real memory is lower.',
    '每个输出计一次，不计输入；PyTorch 的 ReLU 是原地运算，flatten 只是视图，所以实际显存更少。'),
  depthRf: bi('Depth and receptive field', '深度与感受野'),
  depth: msg((d: number, all: number) => `depth = ${d} weight layers (conv + linear) on the longest path${all !== d ? `; ${all} in all` : ''}`,
    (d, all) => `深度 = 最长路径上 ${d} 个权重层（conv + linear）${all !== d ? `；共 ${all} 个` : ''}`),
  rf: msg((rf: string, name: string, jump: string) => `receptive field ${rf} at ${name} (jump ${jump})`, (rf, name, jump) => `感受野 ${rf}，在 ${name}（跳距 ${jump}）`),
};

const PARAM_FORMULA: Record<string, Text> = {
  conv: bi('k_h·k_w·(C_in/groups)·K weights + K biases', 'k_h·k_w·(C_in/groups)·K 个权重 + K 个偏置'),
  fc: bi('in·out weights + out biases', 'in·out 个权重 + out 个偏置'),
  bn: bi('2C (γ and β)', '2C（γ 和 β）'),
};

const MAC_FORMULA: Record<string, string> = {
  conv: "H'·W'·K · k_h·k_w·(C_in/groups)",
  fc: 'in·out',
};

interface Group {
  kind: string;
  count: number;
  params: number;
  weights: number;
  biases: number;
  macs: number;
  activations: number;
}

function byKind(rows: NetRow[]): Group[] {
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const g = groups.get(r.kind) ?? { kind: r.kind, count: 0, params: 0, weights: 0, biases: 0, macs: 0, activations: 0 };
    g.count++;
    g.params += r.params;
    g.weights += r.weights;
    g.biases += r.biases;
    g.macs += r.macs;
    g.activations += r.activations;
    groups.set(r.kind, g);
  }
  return [...groups.values()];
}

function heaviest(rows: NetRow[], key: 'params' | 'macs' | 'activations', n = 3): NetRow[] {
  return [...rows].filter((r) => r[key] > 0).sort((a, b) => b[key] - a[key]).slice(0, n);
}

/** The worked solution behind a summary's totals. */
export function explainTotals(s: NetSummary): Worked {
  const t = s.totals;
  const groups = byKind(s.rows);
  const n = s.batch > 1 ? `N·` : '';
  const wb = new WorkedBuilder(M.title(s.name));
  wb.note(M.given(fmtShape(s.input), s.batch));

  wb.heading(M.params);
  for (const g of groups.filter((x) => x.params > 0)) {
    const split = g.biases > 0 ? M.split(fmtInt(g.weights), fmtInt(g.biases)) : undefined;
    wb.step(M.paramGroup(g.kind, g.count, PARAM_FORMULA[g.kind], fmtInt(g.params), split));
  }
  wb.step(M.largest(heaviest(s.rows, 'params').map((r) => `${r.name} ${fmtInt(r.params)}`).join(', ')));
  wb.result(M.paramTotal(fmtInt(t.params), fmtBytes(t.paramBytes)));
  if (t.buffers > 0) wb.note(M.buffers(fmtInt(t.buffers)));

  wb.heading(M.compute);
  wb.formula(`MACs = Σ conv ${n}${MAC_FORMULA.conv} + Σ linear ${n}${MAC_FORMULA.fc}`);
  for (const g of groups.filter((x) => x.macs > 0)) wb.step(M.macGroup(g.kind, g.count, fmtInt(g.macs)));
  wb.step(M.largest(heaviest(s.rows, 'macs').map((r) => `${r.name} ${fmtSI(r.macs)}`).join(', ')));
  wb.result(`MACs = ${fmtInt(t.macs)} = ${fmtSI(t.macs)};  FLOPs = 2 × MACs = ${fmtSI(t.flops)}`);
  wb.note(M.notCounted);

  wb.heading(M.activations);
  wb.formula(M.actFormula(n));
  for (const g of groups.filter((x) => x.activations > 0)) wb.step(M.actGroup(g.kind, g.count, fmtInt(g.activations)));
  wb.result(M.actTotal(fmtInt(t.activations), fmtBytes(t.activationBytes), fmtBytes(t.trainingBytes)));
  wb.note(M.actNote);

  wb.heading(M.depthRf);
  wb.result(M.depth(t.depth, t.weightLayers));
  if (s.featureRf) {
    const { h, w, name } = s.featureRf;
    wb.result(M.rf(h.rf === w.rf ? String(h.rf) : `${h.rf}×${w.rf}`, name, String(h.jump)));
  }
  return wb.build();
}
