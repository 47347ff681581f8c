/**
 * Generated problems over the sequence-model calculators: RNN/LSTM/GRU
 * parameter counts (PyTorch's two biases or the textbook's one), one LSTM or
 * GRU cell step, a BPTT gradient factor, attention weights on small
 * matrices, the cost of a self-attention layer and MultiheadAttention's
 * parameters. Answers, slips and worked solutions come from the same core
 * functions as `dlnotes params`, `dlnotes rnn` and `dlnotes attention`.
 */
import { attentionCost, costSlipValues, explainAttentionCost, explainMhaParams, explainTransformerLayer, mhaParams, mhaSlipValues, transformerLayerParams } from '../../core/attention';
import { bptt, bpttSlipValues, explainBptt } from '../../core/bptt';
import { fmtNum } from '../../core/format';
import { pick, randFloat, randInt, type Rng } from '../../core/random';
import { CLASS_NAME, explainRnnParams, rnnParams, rnnParamSlipValues, type CellKind, type RnnSpec } from '../../core/rnn';
import { cellStep, cellStepSlipValues, explainCellStep, type CellStepInput } from '../../core/rnn-step';
import { explainSdpa, sdpa, sdpaSlipValues, type Matrix } from '../../core/sdpa';
import type { SlipValue } from '../../core/slips';
import type { Bilingual, Expected, GeneratedProblem, Generator } from './types';

const DECIMALS = 4;
const f = (x: number): string => fmtNum(x, 6);
const vec = (a: number[]): string => a.map(f).join(',');
/** A matrix as a shell-safe flag value: rows separated by ";", quoted. */
const mat = (a: Matrix): string => `"${a.map(vec).join('; ')}"`;
const matText = (a: Matrix): string => `[${a.map((r) => `[${r.map(f).join(', ')}]`).join(', ')}]`;

/** A weight with one decimal in [−1, 1], never 0. */
function weight(rng: Rng): number {
  const w = randFloat(rng, 0.1, 1, 1);
  return rng.next() < 0.5 ? -w : w;
}

/** A real answer asked to DECIMALS places, with the slips that would give another value. */
function decimals(value: number, slips: SlipValue[]): Expected {
  return { kind: 'number', value, tol: { abs: 0.5 * 10 ** -DECIMALS }, real: true, slips };
}

/** A cell-step problem: its answer, worked solution and reproducing command from the same input. */
function stepProblem(input: CellStepInput, prompt: Bilingual, value: number, slips: SlipValue[], params: Record<string, unknown>): GeneratedProblem {
  return { prompt, expected: decimals(value, elementSlips(slips)), solution: explainCellStep(input), params, command: cellCommand(input) };
}

/** The k-th element's value of each slipped vector (H = 1 problems ask a single number). */
function elementSlips(slips: SlipValue[], k = 0): SlipValue[] {
  return slips.flatMap((s) => (Array.isArray(s.expected) ? [{ ...s, expected: s.expected[0]![k]! }] : []));
}

// ---- parameter counts ---------------------------------------------------------

const rnnParamsGen: Generator = {
  id: 'rnn-params',
  slips: ['double-bias-rnn', 'forgot-bias', 'gru-four-gates', 'lstm-three-gates', 'rnn-forgot-hh', 'rnn-one-direction', 'rnn-upper-layer-input', 'single-bias-rnn'],
  topic: 'rnn',
  title: { zh: 'RNN/LSTM/GRU 参数量', en: 'RNN/LSTM/GRU parameters' },
  options: { kind: ['rnn', 'lstm', 'gru'], bias: ['pytorch', 'single'] },
  generate(rng, options = {}) {
    const kind = (typeof options.kind === 'string' ? options.kind : pick(rng, ['lstm', 'lstm', 'gru', 'rnn'])) as CellKind;
    const single = options.bias === 'single' || (options.bias === undefined && rng.next() < 0.35);
    const spec: RnnSpec = {
      kind,
      input: pick(rng, [8, 10, 16, 32, 50, 64, 100, 128, 300]),
      hidden: pick(rng, [16, 20, 32, 64, 100, 128, 256, 512]),
      layers: rng.next() < 0.25 ? 2 : 1,
      bidirectional: rng.next() < 0.2,
    };
    const r = rnnParams(spec);
    const slips = rnnParamSlipValues(r);
    const cls = CLASS_NAME[kind];
    const extraEn = `${spec.layers === 2 ? ', num_layers=2' : ''}${spec.bidirectional ? ', bidirectional=True' : ''}`;
    const ask = single
      ? { zh: '按教材（如 CS231n）每个门只有一组偏置计算，共有多少个参数？', en: 'Counting one bias vector per gate, as textbooks (CS231n) do, how many parameters does it have?' }
      : { zh: '按 PyTorch 的定义（b_ih 和 b_hh 两组偏置），共有多少个参数？', en: 'How many parameters does PyTorch give it (with both b_ih and b_hh)?' };
    return {
      prompt: {
        zh: `${cls}(input_size=${spec.input}, hidden_size=${spec.hidden}${extraEn})：${ask.zh}`,
        en: `${cls}(input_size=${spec.input}, hidden_size=${spec.hidden}${extraEn}). ${ask.en}`,
      },
      expected: { kind: 'number', value: single ? r.single : r.params, slips: single ? slips.single : slips.params },
      solution: explainRnnParams(spec),
      params: { ...spec, ask: single ? 'single' : 'params' },
      command: `dlnotes params ${kind} --input ${spec.input} --hidden ${spec.hidden}${spec.layers === 2 ? ' --layers 2' : ''}${spec.bidirectional ? ' --bidirectional' : ''}`,
    };
  },
};

const mhaParamsGen: Generator = {
  id: 'mha-params',
  slips: ['forgot-bias', 'mha-forgot-out-proj', 'mha-per-head-full'],
  topic: 'attention',
  title: { zh: '多头注意力 / Transformer 层的参数量', en: 'Multi-head attention / Transformer layer parameters' },
  options: { part: ['mha', 'encoder-layer', 'decoder-layer'] },
  generate(rng, options = {}) {
    const part = typeof options.part === 'string' ? options.part : pick(rng, ['mha', 'mha', 'encoder-layer', 'decoder-layer']);
    const d = pick(rng, [64, 128, 256, 512, 768, 1024]);
    const heads = pick(rng, [2, 4, 8, 12, 16].filter((h) => d % h === 0));
    if (part === 'mha') {
      const r = mhaParams(d, heads);
      return {
        prompt: {
          zh: `nn.MultiheadAttention(embed_dim=${d}, num_heads=${heads})（默认有偏置）共有多少个参数？`,
          en: `How many parameters does nn.MultiheadAttention(embed_dim=${d}, num_heads=${heads}) have (biases on, the default)?`,
        },
        expected: { kind: 'number', value: r.params, slips: mhaSlipValues(r) },
        solution: explainMhaParams(d, heads),
        params: { part, d, heads },
        command: `dlnotes params mha --d ${d} --heads ${heads}`,
      };
    }
    const ff = pick(rng, [2 * d, 4 * d]);
    const which = part === 'encoder-layer' ? 'encoder' : 'decoder';
    const r = transformerLayerParams(which, { d, heads, ff });
    const cls = which === 'encoder' ? 'nn.TransformerEncoderLayer' : 'nn.TransformerDecoderLayer';
    return {
      prompt: {
        zh: `${cls}(d_model=${d}, nhead=${heads}, dim_feedforward=${ff}) 共有多少个参数？（含注意力、前馈层和 LayerNorm）`,
        en: `How many parameters does ${cls}(d_model=${d}, nhead=${heads}, dim_feedforward=${ff}) have (attention, feed-forward and LayerNorms)?`,
      },
      expected: { kind: 'number', value: r.params },
      solution: explainTransformerLayer(which, { d, heads, ff }),
      params: { part, d, heads, ff },
      command: `dlnotes params ${part} --d ${d} --heads ${heads} --ff ${ff}`,
    };
  },
};

// ---- one cell step ------------------------------------------------------------

function cellCommand(i: CellStepInput): string {
  const parts = [`dlnotes rnn step --kind ${i.kind} --x ${vec(i.x)}`];
  if (i.h) parts.push(`--h ${vec(i.h)}`);
  if (i.c) parts.push(`--c ${vec(i.c)}`);
  parts.push(`--w-ih ${mat(i.wIh)}`, `--w-hh ${mat(i.wHh)}`);
  if (i.bIh) parts.push(`--b-ih ${vec(i.bIh)}`);
  return parts.join(' ');
}

/** A scalar cell (D = H = 1) with one-decimal weights: G rows each. */
function drawCell(rng: Rng, kind: 'lstm' | 'gru'): CellStepInput {
  const G = kind === 'lstm' ? 4 : 3;
  const input: CellStepInput = {
    kind,
    x: [randFloat(rng, -1, 1, 1) || 1],
    h: [randFloat(rng, -1, 1, 1)],
    wIh: Array.from({ length: G }, () => [weight(rng)]),
    wHh: Array.from({ length: G }, () => [weight(rng)]),
    bIh: Array.from({ length: G }, () => (rng.next() < 0.5 ? 0 : randFloat(rng, -0.5, 0.5, 1))),
  };
  if (kind === 'lstm') input.c = [randFloat(rng, -1, 1, 1) || 0.5];
  return input;
}

/** Each gate's scalar weights; the Chinese prompt separates them with full-width punctuation. */
function gateTable(i: CellStepInput, names: readonly string[]): { zh: string; en: string } {
  const row = (g: string, k: number, sep: string) => `W_i${g} = ${f(i.wIh[k]![0]!)}${sep}W_h${g} = ${f(i.wHh[k]![0]!)}${sep}b_${g} = ${f(i.bIh?.[k] ?? 0)}`;
  return {
    zh: names.map((g, k) => `${g}：${row(g, k, '，')}`).join('；'),
    en: names.map((g, k) => `${g}: ${row(g, k, ', ')}`).join('; '),
  };
}

const lstmStepGen: Generator = {
  id: 'lstm-step',
  slips: ['lstm-forgot-forget', 'lstm-gate-order', 'lstm-h-without-tanh'],
  topic: 'rnn',
  title: { zh: 'LSTM 单步：c_t 或 h_t', en: 'One LSTM step: c_t or h_t' },
  options: { ask: ['c', 'h'] },
  generate(rng, options = {}) {
    const ask = options.ask === 'c' || options.ask === 'h' ? options.ask : rng.next() < 0.5 ? 'c' : 'h';
    const input = drawCell(rng, 'lstm');
    const s = cellStep(input);
    const slips = cellStepSlipValues(input, s);
    const value = ask === 'c' ? s.c![0]! : s.h[0]!;
    const t = gateTable(input, ['i', 'f', 'g', 'o']);
    return stepProblem(input, {
      zh: `标量 LSTM（输入和隐藏维度都为 1，b_hh = 0），门的顺序按 PyTorch 为 i, f, g, o：${t.zh}。x_t = ${f(input.x[0]!)}，h_{t−1} = ${f(input.h![0]!)}，c_{t−1} = ${f(input.c![0]!)}。求 ${ask === 'c' ? 'c_t' : 'h_t'}（保留 ${DECIMALS} 位小数）。`,
      en: `A scalar LSTM (input and hidden size 1, b_hh = 0), gates in PyTorch's order i, f, g, o: ${t.en}. x_t = ${f(input.x[0]!)}, h_{t−1} = ${f(input.h![0]!)}, c_{t−1} = ${f(input.c![0]!)}. Find ${ask === 'c' ? 'c_t' : 'h_t'} (${DECIMALS} decimal places).`,
    }, value, ask === 'c' ? slips.c : slips.h, { ...input, ask });
  },
};

const gruStepGen: Generator = {
  id: 'gru-step',
  slips: ['gru-update-swapped'],
  topic: 'rnn',
  title: { zh: 'GRU 单步：h_t', en: 'One GRU step: h_t' },
  generate(rng) {
    const input = drawCell(rng, 'gru');
    const s = cellStep(input);
    const slips = cellStepSlipValues(input, s);
    const t = gateTable(input, ['r', 'z', 'n']);
    return stepProblem(input, {
      zh: `标量 GRU（输入和隐藏维度都为 1，b_hh = 0），按 PyTorch：r = σ(W_ir x + b_r + W_hr h)，z = σ(W_iz x + b_z + W_hz h)，n = tanh(W_in x + b_n + r·W_hn h)，h_t = (1 − z)·n + z·h_{t−1}。${t.zh}。x_t = ${f(input.x[0]!)}，h_{t−1} = ${f(input.h![0]!)}。求 h_t（保留 ${DECIMALS} 位小数）。`,
      en: `A scalar GRU (input and hidden size 1, b_hh = 0), as PyTorch computes it: r = σ(W_ir x + b_r + W_hr h), z = σ(W_iz x + b_z + W_hz h), n = tanh(W_in x + b_n + r·W_hn h), h_t = (1 − z)·n + z·h_{t−1}. ${t.en}. x_t = ${f(input.x[0]!)}, h_{t−1} = ${f(input.h![0]!)}. Find h_t (${DECIMALS} decimal places).`,
    }, s.h[0]!, slips.h, { ...input });
  },
};

// ---- gradients through time ---------------------------------------------------

const bpttGen: Generator = {
  id: 'bptt-factor',
  slips: ['bptt-forgot-tanh-grad', 'bptt-one-minus-h'],
  topic: 'rnn',
  title: { zh: 'BPTT 梯度因子 ∂h_T/∂h_0', en: 'BPTT gradient factor ∂h_T/∂h_0' },
  generate(rng) {
    const w = pick(rng, [0.5, 0.8, 0.9, -0.5, 1.2, 1.5, 2, 3]);
    const T = randInt(rng, 2, 4);
    const x = Array.from({ length: T }, () => randFloat(rng, -1, 1, 1));
    const r = bptt({ w, x }).rnn!;
    return {
      prompt: {
        zh: `标量 RNN h_t = tanh(w·h_{t−1} + x_t)，w = ${f(w)}，h_0 = 0，输入 x = ${x.map(f).join(', ')}。求 ∂h_${T}/∂h_0（保留 4 位有效数字）。`,
        en: `A scalar RNN h_t = tanh(w·h_{t−1} + x_t) with w = ${f(w)}, h_0 = 0 and inputs x = ${x.map(f).join(', ')}. Find ∂h_${T}/∂h_0 (4 significant digits).`,
      },
      expected: { kind: 'number', value: r.grad, tol: { rel: 5e-4 }, real: true, slips: bpttSlipValues(r) },
      solution: explainBptt({ w, x }),
      params: { w, x },
      command: `dlnotes rnn bptt --w ${f(w)} --x ${vec(x)}`,
    };
  },
};

// ---- attention ----------------------------------------------------------------

/** Small integer matrices, so that QKᵀ is easy by hand. */
function intMatrix(rng: Rng, rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => randInt(rng, -2, 2)));
}

const attentionWeightsGen: Generator = {
  id: 'attention-weights',
  slips: ['attention-no-causal-mask', 'attention-no-scaling', 'attention-scale-by-dk', 'softmax-wrong-axis'],
  topic: 'attention',
  title: { zh: '缩放点积注意力：一个权重或输出', en: 'Scaled dot-product attention: one weight or output' },
  options: { size: ['2', '3'], causal: 'boolean', ask: ['weight', 'output'] },
  generate(rng, options = {}) {
    const n = options.size === '3' || options.size === 3 ? 3 : options.size === '2' || options.size === 2 ? 2 : pick(rng, [2, 2, 3]);
    const causal = options.causal === true || (options.causal === undefined && n === 3 && rng.next() < 0.4);
    const ask = options.ask === 'output' || (options.ask === undefined && rng.next() < 0.3) ? 'output' : 'weight';
    // Redraw until the asked row is worth computing: its scores differ, so no weight is a trivial 1/n, and V is not constant.
    let q: Matrix;
    let k: Matrix;
    let v: Matrix;
    for (;;) {
      q = intMatrix(rng, n, 2);
      k = intMatrix(rng, n, 2);
      v = Array.from({ length: n }, () => [randInt(rng, -3, 3)]);
      const last = k.map((key) => q[n - 1]![0]! * key[0]! + q[n - 1]![1]! * key[1]!);
      if (new Set(last).size === n && new Set(v.map((x) => x[0])).size > 1) break;
    }
    const input = { q, k, v, causal };
    const r = sdpa(input);
    const slips = sdpaSlipValues(input, r);
    // Ask about a row with a real choice: the last (which sees every key even when causal).
    const row = n - 1;
    const col = randInt(rng, 0, n - 1);
    const value = ask === 'weight' ? r.weights[row]![col]! : r.output[row]![0]!;
    const flatIndex = ask === 'weight' ? row * n + col : row;
    const slipList = (ask === 'weight' ? slips.weights : slips.output).flatMap((s) => (Array.isArray(s.expected) ? [{ ...s, expected: s.expected[0]![flatIndex]! }] : []));
    const causalZh = causal ? '，使用因果掩码（位置 i 只能关注 j ≤ i）' : '';
    const causalEn = causal ? ', with a causal mask (position i attends to j ≤ i only)' : '';
    const what = ask === 'weight'
      ? { zh: `第 ${row + 1} 个查询对第 ${col + 1} 个键的注意力权重`, en: `the attention weight of query ${row + 1} on key ${col + 1}` }
      : { zh: `第 ${row + 1} 个输出（一个数）`, en: `output ${row + 1} (one number)` };
    return {
      prompt: {
        zh: `缩放点积注意力 softmax(QKᵀ/√d_k)V，d_k = 2${causalZh}：Q = ${matText(q)}，K = ${matText(k)}，V = ${matText(v)}（每行一个词元）。求${what.zh}（保留 ${DECIMALS} 位小数）。`,
        en: `Scaled dot-product attention softmax(QKᵀ/√d_k)V with d_k = 2${causalEn}: Q = ${matText(q)}, K = ${matText(k)}, V = ${matText(v)} (one token per row). Find ${what.en} (${DECIMALS} decimal places).`,
      },
      expected: decimals(value, slipList),
      solution: explainSdpa(input),
      params: { q, k, v, causal, ask, row: row + 1, col: col + 1 },
      command: `dlnotes attention --q ${mat(q)} --k ${mat(k)} --v ${mat(v)}${causal ? ' --causal' : ''}`,
    };
  },
};

const attentionCostGen: Generator = {
  id: 'attention-cost',
  slips: ['attention-n-vs-d', 'attention-one-head', 'bits-vs-bytes', 'flops-vs-macs'],
  topic: 'attention',
  title: { zh: '自注意力层的计算量与显存', en: 'Self-attention cost and memory' },
  options: { ask: ['scores', 'macs', 'memory'] },
  generate(rng, options = {}) {
    const ask = typeof options.ask === 'string' ? options.ask : pick(rng, ['scores', 'macs', 'memory']);
    const n = pick(rng, [16, 32, 64, 128, 256, 512, 1024]);
    const d = pick(rng, [64, 128, 256, 512, 768]);
    const heads = pick(rng, [1, 2, 4, 8].filter((h) => d % h === 0));
    const spec = { n, d, heads };
    const r = attentionCost(spec);
    const slips = costSlipValues(r);
    const given = {
      zh: `一层多头自注意力：序列长度 n = ${n}，d_model = ${d}，${heads} 个头（一个序列，batch = 1）。`,
      en: `One multi-head self-attention layer: sequence length n = ${n}, d_model = ${d}, ${heads} head${heads === 1 ? '' : 's'} (one sequence, batch 1).`,
    };
    const q: Record<string, { zh: string; en: string; value: number; slips: SlipValue[] }> = {
      scores: { zh: '计算所有头的 QKᵀ 需要多少次乘加（MACs）？', en: 'How many multiply-accumulates (MACs) does QKᵀ take over all heads?', value: r.parts.scores, slips: slips.scores ?? [] },
      macs: { zh: '整层（Q/K/V 投影、QKᵀ、softmax·V、输出投影）共多少 MACs？softmax 不计。', en: 'How many MACs does the whole layer take (Q/K/V projections, QKᵀ, softmax·V, output projection)? Do not count the softmax.', value: r.macs, slips: slips.macs ?? [] },
      memory: { zh: '所有头的注意力矩阵以 fp32 存储占多少字节？', en: 'How many bytes do the attention matrices of all heads take in fp32?', value: r.attnBytes, slips: slips.memory ?? [] },
    };
    const chosen = q[ask] ?? q.scores!;
    return {
      prompt: { zh: `${given.zh}${chosen.zh}`, en: `${given.en} ${chosen.en}` },
      expected: { kind: 'number', value: chosen.value, slips: chosen.slips },
      solution: explainAttentionCost(spec),
      params: { ...spec, ask },
      command: `dlnotes attention --n ${n} --d ${d} --heads ${heads}`,
    };
  },
};

export const generators: Generator[] = [rnnParamsGen, lstmStepGen, gruStepGen, bpttGen, mhaParamsGen, attentionWeightsGen, attentionCostGen];
