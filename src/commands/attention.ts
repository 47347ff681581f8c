/**
 * dlnotes attention: the cost of one multi-head self-attention layer with
 * the paper's comparison table (--n --d --heads), or scaled dot-product
 * attention on small matrices (--q --k --v [--causal] [--mask]).
 */
import { parseTuple } from '../core/answer';
import { attentionCost, costSlipValues, explainAttentionCost, type AttentionCost, type ComparisonRow } from '../core/attention';
import type { Quantity } from '../core/check';
import { fmtInt, fmtNum, fmtSI } from '../core/format';
import { explainSdpa, sdpa, sdpaSlipValues, type Matrix, type Sdpa } from '../core/sdpa';
import { lazySlips, type SlipValue } from '../core/slips';
import { bi, mapText, msg, type Text } from '../core/text';
import { UsageError } from '../errors';
import { t } from '../render/lang';
import { style } from '../render/style';
import { renderTable } from '../render/table';
import { renderWorked } from '../render/worked';
import { intFlag, matrixFlag, requiredInt, withFlags } from './flags';
import { emit, type Outcome } from './output';

export interface AttentionFlags {
  n?: string; d?: string; heads?: string; batch?: string; kernel?: string; causal?: boolean;
  q?: string; k?: string; v?: string; mask?: string;
  json?: boolean; answer?: string;
}

const NEED = {
  qkv: bi('give --q, --k and --v together (matrices, rows separated by ";")', '请同时给出 --q、--k 和 --v（矩阵，行之间用 ";" 分隔）'),
  mixed: bi('give either --n/--d (the cost of a layer) or --q/--k/--v (attention on matrices), not both', '请给出 --n/--d（一层的计算量）或 --q/--k/--v（矩阵上的注意力），不要同时给'),
  maskAlone: bi('--mask needs --q, --k and --v', '--mask 需要配合 --q、--k 和 --v'),
};

const LABEL = {
  macs: bi('MACs of the layer', '这一层的 MACs'),
  flops: bi('FLOPs of the layer', '这一层的 FLOPs'),
  qkv: bi('MACs of the Q, K, V projections', 'Q、K、V 投影的 MACs'),
  scores: bi('MACs of QKᵀ', 'QKᵀ 的 MACs'),
  weighted: bi('MACs of softmax(·)·V', 'softmax(·)·V 的 MACs'),
  out: bi('MACs of the output projection', '输出投影的 MACs'),
  attnValues: bi('attention-matrix values', '注意力矩阵的数值个数'),
  memory: bi('attention-matrix memory (fp32 bytes)', '注意力矩阵显存（fp32 字节）'),
  selfAttn: bi('self-attention complexity n²·d', '自注意力复杂度 n²·d'),
  recurrent: bi('recurrent complexity n·d²', '循环层复杂度 n·d²'),
  conv: bi('convolutional complexity k·n·d²', '卷积层复杂度 k·n·d²'),
  scoresM: bi('scores QKᵀ/√d_k', '分数 QKᵀ/√d_k'),
  weightsM: bi('attention weights', '注意力权重'),
  outputM: bi('output', '输出'),
};

const TABLE = {
  header: [bi('Layer type', '层类型'), bi('Complexity per layer', '每层复杂度'), bi('with n, d', '代入 n, d'), bi('Sequential ops', '顺序操作数'), bi('Max path length', '最长路径')],
  layer: {
    'self-attention': bi('Self-attention', '自注意力'),
    recurrent: bi('Recurrent', '循环（RNN）'),
    convolutional: bi('Convolutional', '卷积'),
  } as Record<ComparisonRow['layer'], Text>,
  title: bi('Attention Is All You Need, Table 1 (n = sequence length, d = width, k = kernel)', '"Attention Is All You Need" 表 1（n = 序列长度，d = 宽度，k = 卷积核）'),
  convention: bi('MACs count every matrix product, QKᵀ and weights·V included (torchinfo counts those two as 0).', 'MACs 计入所有矩阵乘法，包括 QKᵀ 和 权重·V（torchinfo 把这两项记为 0）。'),
};

function renderComparison(r: AttentionCost): string {
  const rows = r.table.map((row) => [
    t(TABLE.layer[row.layer]),
    row.complexity,
    fmtSI(row.value, 1).replace(/ $/, ''),
    `${row.sequential} = ${fmtInt(row.sequentialValue)}`,
    `${row.path} = ${fmtInt(row.pathValue)}`,
  ]);
  return [style.bold(t(TABLE.title)), renderTable(TABLE.header.map(t), rows, { align: ['left', 'left', 'right', 'left', 'left'] })].join('\n');
}

function costOutcome(o: AttentionFlags): Outcome {
  const spec = {
    n: requiredInt('n', o.n, { min: 1 }, 'sequence length, e.g. --n 128'),
    d: requiredInt('d', o.d, { min: 1 }, 'd_model, e.g. --d 512'),
    heads: intFlag('heads', o.heads, { min: 1 }) ?? 1,
    batch: intFlag('batch', o.batch, { min: 1 }) ?? 1,
    kernel: intFlag('kernel', o.kernel, { min: 1 }) ?? 3,
    causal: o.causal === true,
  };
  const r = withFlags(() => attentionCost(spec));
  const slips = lazySlips(() => costSlipValues(r));
  const [sa, rec, cv] = r.table;
  const q: Record<string, Quantity> = {
    macs: { label: LABEL.macs, expected: r.macs, unit: 'macs', aliases: ['total'], slips: slips('macs') },
    flops: { label: LABEL.flops, expected: r.flops, unit: 'flops' },
    qkv: { label: LABEL.qkv, expected: r.parts.qkv, unit: 'macs', aliases: ['projections'] },
    scores: { label: LABEL.scores, expected: r.parts.scores, unit: 'macs', aliases: ['qk'], slips: slips('scores') },
    weighted: { label: LABEL.weighted, expected: r.parts.weighted, unit: 'macs', aliases: ['av'] },
    out: { label: LABEL.out, expected: r.parts.out, unit: 'macs', aliases: ['out_proj'] },
    attn_values: { label: LABEL.attnValues, expected: r.attnValues },
    memory: { label: LABEL.memory, expected: r.attnBytes, unit: 'bytes', aliases: ['bytes'], slips: slips('memory') },
    self_attention: { label: LABEL.selfAttn, expected: sa!.value, aliases: ['attention'] },
    recurrent: { label: LABEL.recurrent, expected: rec!.value, aliases: ['rnn'] },
    conv: { label: LABEL.conv, expected: cv!.value, aliases: ['convolutional'] },
  };
  const worked = [renderWorked(explainAttentionCost(spec)), '', renderComparison(r), style.dim(t(TABLE.convention))].join('\n');
  return {
    data: {
      spec: r.spec,
      headDim: r.dk,
      macs: { ...r.parts, total: r.macs, perSequence: r.perSequence },
      flops: r.flops,
      softmaxExps: r.exps,
      attentionMatrix: { values: r.attnValues, bytes: r.attnBytes },
      ...(r.spec.causal ? { causalScoresMacs: r.causalScores } : {}),
      table: r.table,
      convention: 'every matrix product counted, QKᵀ and weights·V included; softmax, biases, LayerNorm and adds count 0',
    },
    quantities: q,
    defaultKey: 'macs',
    worked,
  };
}

/** A whole matrix (row by row) and its elements name_1_2. */
function matrix(q: Record<string, Quantity>, key: string, label: Text, a: Matrix, slips: () => SlipValue[] = () => []): void {
  const flat = a.flat();
  q[key] = { label, expected: [flat], real: true, show: a.map((row) => `[${row.map((x) => fmtNum(x, 4)).join(', ')}]`).join(' '), slips };
  const cols = a[0]!.length;
  a.forEach((row, i) => row.forEach((v, j) => {
    const k = i * cols + j;
    const elemSlips = (): SlipValue[] => slips().flatMap((s) => (Array.isArray(s.expected) ? [{ ...s, expected: s.expected[0]![k]! }] : []));
    q[`${key}_${i + 1}_${j + 1}`] = { label: mapText(label, (s) => `${s}[${i + 1},${j + 1}]`), expected: v, real: true, slips: elemSlips };
  }));
}

function sdpaOutcome(o: AttentionFlags): Outcome {
  const qm = matrixFlag('q', o.q);
  const km = matrixFlag('k', o.k);
  const vm = matrixFlag('v', o.v);
  if (!qm || !km || !vm) throw new UsageError(NEED.qkv, !qm ? 'q' : !km ? 'k' : 'v');
  const mask = matrixFlag('mask', o.mask);
  const input = { q: qm, k: km, v: vm, causal: o.causal === true, ...(mask ? { mask } : {}) };
  const r: Sdpa = withFlags(() => sdpa(input));
  const slips = lazySlips(() => sdpaSlipValues(input, r));
  const q: Record<string, Quantity> = {};
  matrix(q, 'scores', LABEL.scoresM, r.scores);
  matrix(q, 'weights', LABEL.weightsM, r.weights, slips('weights'));
  matrix(q, 'output', LABEL.outputM, r.output, slips('output'));
  return {
    data: {
      scores: r.scores,
      weights: r.weights,
      output: r.output,
      raw: r.raw,
      scale: r.scale,
      dk: r.dk,
      mask: r.allowed.map((row) => row.map((a) => (a ? 1 : 0))),
      causal: r.causal,
      rows: r.rows.map((row) => ({ max: row.shift, sumExp: row.sum, logSumExp: row.lse })),
    },
    quantities: q,
    defaultKey: (text) => ((parseTuple(text)?.length ?? 0) === r.n * r.m && r.m !== r.dv ? 'weights' : 'output'),
    worked: explainSdpa(input),
  };
}

/** One `attention` run: shared by the command and the homework checker. */
export function computeAttention(o: AttentionFlags): Outcome {
  const matrices = o.q !== undefined || o.k !== undefined || o.v !== undefined;
  if (matrices && (o.n !== undefined || o.d !== undefined)) throw new UsageError(NEED.mixed);
  if (!matrices && o.mask !== undefined) throw new UsageError(NEED.maskAlone, 'mask');
  return matrices ? sdpaOutcome(o) : costOutcome(o);
}

export async function run(o: AttentionFlags): Promise<void> {
  emit(computeAttention(o), o);
}
