/**
 * How a summary's totals add up, as a worked solution: parameters, MACs and
 * activations grouped by layer kind, with the formula each kind uses and the
 * heaviest layers named.
 */
import { fmtBytes, fmtInt, fmtSI } from '../format';
import { bi } from '../text';
import { WorkedBuilder, type Worked } from '../worked';
import type { NetRow, NetSummary } from './analyse';
import { fmtShape } from './shape';

const PARAM_FORMULA: Record<string, string> = {
  conv: 'k_h·k_w·(C_in/groups)·K weights + K biases',
  fc: 'in·out weights + out biases',
  bn: '2C (γ and β)',
  layernorm: '2D (γ and β)',
  embedding: 'vocab·dim',
  rnn: 'H·(D + H) + 2H per layer and direction',
  lstm: '4·(H·(D + H) + 2H) per layer and direction',
  gru: '3·(H·(D + H) + 2H) per layer and direction',
  mha: '4D² + 4D',
  encoder_layer: '4D² + 4D + 2·D·ff + ff + D + 4D',
  decoder_layer: '2·(4D² + 4D) + 2·D·ff + ff + D + 6D',
  cls_token: 'D',
  pos_embedding: 'T·D',
};

const MAC_FORMULA: Record<string, string> = {
  conv: "H'·W'·K · k_h·k_w·(C_in/groups)",
  fc: 'in·out',
};

const ATTENTION_NOTE = bi(
  "Attention's QKᵀ and weights·V have no weights but are matrix products: counted here, as torchvision counts them for its ViT figures; torchinfo counts them as 0, which is why its ViT MACs come out lower.",
  '注意力中的 QKᵀ 和 权重·V 没有权重，但仍是矩阵乘法：这里计入，与 torchvision 给出 ViT 数字时的算法一致；torchinfo 把它们记为 0，所以它给出的 ViT MACs 偏低。',
);

/** MACs of the sequence kinds, per sequence of T positions of width D. */
const SEQ_MAC_FORMULA: Record<string, string> = {
  mha: '4·T·D² + 2·T²·D',
  encoder_layer: '4·T·D² + 2·T²·D + 2·T·D·ff',
  decoder_layer: 'self 4·T·D² + 2·T²·D, cross 2·T·D² + 2·S·D² + 2·T·S·D, FFN 2·T·D·ff',
  rnn: 'T · G·H·(D_in + H) per layer and direction',
  lstm: 'T · 4H·(D_in + H) per layer and direction',
  gru: 'T · 3H·(D_in + H) per layer and direction',
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

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The worked solution behind a summary's totals. */
export function explainTotals(s: NetSummary): Worked {
  const t = s.totals;
  const groups = byKind(s.rows);
  const n = s.batch > 1 ? `N·` : '';
  const wb = new WorkedBuilder(`How the totals of ${s.name ?? 'the network'} add up`);
  wb.note(`Input ${fmtShape(s.input)}${s.batch > 1 ? `, batch N = ${s.batch}` : ''}; every row of the table is one layer's output.`);

  wb.heading('Parameters');
  for (const g of groups.filter((x) => x.params > 0)) {
    wb.step(`${g.kind} (${plural(g.count, 'layer')}, each ${PARAM_FORMULA[g.kind] ?? 'its own count'}): ${fmtInt(g.params)}${g.biases > 0 ? `  (weights ${fmtInt(g.weights)} + biases ${fmtInt(g.biases)})` : ''}`);
  }
  wb.step(`largest: ${heaviest(s.rows, 'params').map((r) => `${r.name} ${fmtInt(r.params)}`).join(', ')}`);
  wb.result(`parameters = ${fmtInt(t.params)}  (fp32: ${fmtInt(t.params)} × 4 B = ${fmtBytes(t.paramBytes)})`);
  if (t.buffers > 0) wb.note(`BatchNorm also stores ${fmtInt(t.buffers)} running means and variances: buffers, not parameters (PyTorch's model.parameters() leaves them out).`);

  wb.heading('Compute');
  wb.formula(`MACs = Σ conv ${n}${MAC_FORMULA.conv} + Σ linear ${n}${MAC_FORMULA.fc}${groups.some((g) => SEQ_MAC_FORMULA[g.kind]) ? ' + Σ sequence layers' : ''}`);
  for (const g of groups.filter((x) => SEQ_MAC_FORMULA[x.kind])) wb.step(`${g.kind}: ${n}${SEQ_MAC_FORMULA[g.kind]}`);
  for (const g of groups.filter((x) => x.macs > 0)) wb.step(`${g.kind} (${plural(g.count, 'layer')}): ${fmtInt(g.macs)}`);
  wb.step(`largest: ${heaviest(s.rows, 'macs').map((r) => `${r.name} ${fmtSI(r.macs)}`).join(', ')}`);
  wb.result(`MACs = ${fmtInt(t.macs)} = ${fmtSI(t.macs)};  FLOPs = 2 × MACs = ${fmtSI(t.flops)}`);
  wb.note('BatchNorm, activations, pooling and the residual add are not counted, as in torchvision\'s published "GFLOPS" (which are MACs).');
  if (t.attention > 0) wb.note(ATTENTION_NOTE);

  wb.heading('Activations');
  wb.formula(`activations = Σ over layers of ${n}C·H·W of the layer's output`);
  for (const g of groups.filter((x) => x.activations > 0)) wb.step(`${g.kind} (${plural(g.count, 'output')}): ${fmtInt(g.activations)}`);
  wb.result(`activations = ${fmtInt(t.activations)}  (fp32: × 4 B = ${fmtBytes(t.activationBytes)}); forward + backward ≈ 2 × = ${fmtBytes(t.trainingBytes)} (rough)`);
  wb.note('Every output is counted once, the input is not; PyTorch runs ReLU in place and flatten is a view, so real memory is lower.');

  wb.heading('Depth and receptive field');
  wb.result(`depth = ${t.depth} weight layers (conv + linear) on the longest path${t.weightLayers !== t.depth ? `; ${t.weightLayers} in all` : ''}`);
  if (s.featureRf) {
    const { h, w, name } = s.featureRf;
    wb.result(`receptive field ${h.rf === w.rf ? h.rf : `${h.rf}×${w.rf}`} at ${name} (jump ${h.jump})`);
  }
  return wb.build();
}
