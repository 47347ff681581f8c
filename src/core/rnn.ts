/**
 * nn.RNN / nn.LSTM / nn.GRU as PyTorch builds them: every weight matrix per
 * layer and direction (torch/nn/modules/rnn.py, RNNBase.__init__), the
 * parameter count with PyTorch's two bias vectors and the textbook's one,
 * and the cost of running a sequence: shapes, MACs per time step and per
 * sequence, and the values backpropagation through time keeps.
 */
import { InputError } from './errors';
import { fmtBytes, fmtInt } from './format';
import { slipValues, type SlipDef, type SlipValue } from './slips';
import { exactCount } from './exact';
import { bi, joinText, msg, txt, type Text } from './text';
import { WorkedBuilder, type Worked } from './worked';

const M = {
  positive: msg((what: string, got: number) => `${what} must be a positive integer, got ${got}`, (what, got) => `${what} 必须是正整数，收到 ${got}`),
  projOnlyLstm: bi('proj_size only exists for nn.LSTM', 'proj_size 只有 nn.LSTM 有'),
  projTooBig: msg((p: number, h: number) => `proj_size (${p}) has to be smaller than hidden_size (${h}), as PyTorch requires`,
    (p, h) => `proj_size（${p}）必须小于 hidden_size（${h}），这是 PyTorch 的要求`),
  title: msg((cls: string) => `${cls} parameters`, (cls) => `${cls} 参数量`),
  given: bi('Given: ', '已知：'),
  inputOf: msg((d: number) => `input size D = ${d}`, (d) => `输入维度 D = ${d}`),
  hiddenOf: msg((h: number) => `hidden size H = ${h}`, (h) => `隐藏维度 H = ${h}`),
  layersOf: msg((l: number) => `${l} ${l === 1 ? 'layer' : 'layers'}`, (l) => `${l} 层`),
  bidirectional: bi('bidirectional', '双向'),
  noBias: bi('bias=False', 'bias=False（无偏置）'),
  projOf: msg((p: number) => `proj_size P = ${p}`, (p) => `投影维度 P = ${p}`),
  lstmLayout: bi("PyTorch stacks the four gates in one matrix, rows in the order i, f, g, o (input, forget, cell candidate, output); CS231n writes i, f, o, g — the same four blocks.",
    'PyTorch 把四个门的权重叠成一个矩阵，行的顺序是 i, f, g, o（输入门、遗忘门、候选记忆、输出门）；CS231n 写作 i, f, o, g——是同样的四块。'),
  gruLayout: bi('PyTorch stacks the three GRU blocks in the order r, z, n (reset, update, new).', 'PyTorch 把 GRU 的三块按 r, z, n（重置门、更新门、候选状态）的顺序叠在一起。'),
  rnnLayout: bi('h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh): one block per matrix.', 'h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)：每个矩阵只有一块。'),
  layerHeading: msg((l: number, inDesc: string) => `Layer ${l} (input ${inDesc})`, (l, inDesc) => `第 ${l} 层（输入 ${inDesc}）`),
  perDirection: msg((n: string) => `each direction: ${n}`, (n) => `每个方向：${n}`),
  twoDirections: msg((one: string, two: string) => `× 2 directions (the _reverse copies have the same shapes) = ${two}`, (one, two) => `× 2 个方向（_reverse 那一组形状相同）= ${two}`),
  total: bi('Total', '合计'),
  parameters: bi('parameters', '参数量'),
  weightsWord: bi('weights', '权重'),
  biasesWord: bi('biases', '偏置'),
  oneOrTwo: bi('One bias vector or two?', '一组偏置还是两组？'),
  twoBiases: msg((g: number) => `PyTorch keeps two bias vectors per layer and direction, b_ih and b_hh (${g}H each), "for CuDNN compatibility"; the model only ever uses their sum.`,
    (g) => `PyTorch 每层每个方向有两组偏置 b_ih 和 b_hh（各 ${g}H 个），源码注释说是“为了兼容 CuDNN”；模型实际只用到两者之和。`),
  textbook: msg((n: string) => `CS231n and most textbooks write one bias per gate (W·[h; x] + b): ${n} parameters.`,
    (n) => `CS231n 和大多数教材每个门只写一个偏置（W·[h; x] + b）：共 ${n} 个参数。`),
  gruBias: bi('For the GRU the two are not interchangeable: b_hn sits inside r ⊙ (W_hn h + b_hn), so a single-bias GRU is a slightly different model.',
    '对 GRU 来说两组偏置并不等价：b_hn 在 r ⊙ (W_hn h + b_hn) 里面，所以只有一组偏置的 GRU 是略有不同的模型。'),
  general: bi('General formula', '一般公式'),
  generalFirst: msg((g: number) => `first layer, one direction: ${g}·(H·D + H·H + 2H)`, (g) => `第一层、一个方向：${g}·(H·D + H·H + 2H)`),
  upperIn: bi('layers above the first take the previous layer\'s output: H·directions (P·directions with a projection).', '第一层以上的输入是上一层的输出：H·方向数（有投影时为 P·方向数）。'),
  proj: msg((p: number, h: number) => `proj_size: h_t = W_hr (o_t ⊙ tanh c_t) is projected from H = ${h} to P = ${p}, so W_hh is 4H×P and each layer adds W_hr (P×H).`,
    (p, h) => `proj_size：h_t = W_hr (o_t ⊙ tanh c_t) 从 H = ${h} 投影到 P = ${p}，所以 W_hh 是 4H×P，每层还多一个 W_hr（P×H）。`),
  fp32: msg((n: string, b: string) => `fp32 size: ${n} × 4 B = ${b}`, (n, b) => `fp32 大小：${n} × 4 B = ${b}`),
  tooManyLayers: msg((max: number, got: number) => `num_layers must be at most ${max}, got ${got}`, (max, got) => `num_layers 最多 ${max}，收到 ${got}`),
  sameLayers: msg((range: string, n: number, each: string, all: string) => `Layer${n > 1 ? 's' : ''} ${range}: the same shapes as layer 1 (${n > 1 ? 'each its own copy' : 'its own copy'}): ${n} × ${each} = ${all}`,
    (range, n, each, all) => `第 ${range} 层：形状与第 1 层相同（${n > 1 ? '各自一份' : '另一份'}）：${n} × ${each} = ${all}`),
};

/**
 * A stack deeper than this is no RNN anyone trains, and the per-layer lists
 * (tensors, worked lines) grow with it: a huge --layers would exhaust memory.
 */
export const MAX_RNN_LAYERS = 1000;

export type CellKind = 'rnn' | 'lstm' | 'gru';

export const CELL_KINDS: readonly CellKind[] = ['rnn', 'lstm', 'gru'];

/** Blocks stacked in each weight matrix: 4 for the LSTM (i, f, g, o), 3 for the GRU (r, z, n). */
export const GATES: Record<CellKind, number> = { rnn: 1, lstm: 4, gru: 3 };

/** The blocks in PyTorch's row order. */
export const GATE_ORDER: Record<CellKind, readonly string[]> = { rnn: ['h'], lstm: ['i', 'f', 'g', 'o'], gru: ['r', 'z', 'n'] };

/** PyTorch's class for each kind. */
export const CLASS_NAME: Record<CellKind, string> = { rnn: 'nn.RNN', lstm: 'nn.LSTM', gru: 'nn.GRU' };

export interface RnnSpec {
  kind: CellKind;
  /** input_size D. */
  input: number;
  /** hidden_size H. */
  hidden: number;
  /** num_layers (default 1). */
  layers?: number;
  bidirectional?: boolean;
  bias?: boolean;
  /** proj_size of nn.LSTM (0: none). */
  proj?: number;
}

/** One parameter tensor, named as in the module's state_dict. */
export interface RnnTensor {
  name: string;
  layer: number;
  reverse: boolean;
  role: 'ih' | 'hh' | 'bias_ih' | 'bias_hh' | 'hr';
  /** [rows, cols] of a matrix, [n] of a vector. */
  shape: number[];
  count: number;
}

export interface RnnParams {
  spec: Required<RnnSpec>;
  gates: number;
  dirs: number;
  /** Size of h_t: P with a projection, else H. */
  out: number;
  tensors: RnnTensor[];
  /** Per layer (all directions). */
  perLayer: number[];
  weights: number;
  biases: number;
  /** PyTorch's count: weights + both bias vectors. */
  params: number;
  /** The textbook's count, one bias vector per gate: weights + biases/2. */
  single: number;
}

function checkPos(field: string, what: string, v: number): void {
  if (!(Number.isInteger(v) && v >= 1)) throw new InputError(field, M.positive(what, v));
}

/** Fills defaults and checks sizes as PyTorch's constructor does. */
export function resolveRnn(spec: RnnSpec): Required<RnnSpec> {
  const r: Required<RnnSpec> = { layers: 1, bidirectional: false, bias: true, proj: 0, ...spec };
  checkPos('input', 'input_size', r.input);
  checkPos('hidden', 'hidden_size', r.hidden);
  checkPos('layers', 'num_layers', r.layers);
  if (r.layers > MAX_RNN_LAYERS) throw new InputError('layers', M.tooManyLayers(MAX_RNN_LAYERS, r.layers));
  if (r.proj !== 0) {
    if (r.kind !== 'lstm') throw new InputError('proj', M.projOnlyLstm);
    checkPos('proj', 'proj_size', r.proj);
    if (r.proj >= r.hidden) throw new InputError('proj', M.projTooBig(r.proj, r.hidden));
  }
  return r;
}

/** Every parameter tensor of nn.RNN/LSTM/GRU and the counts. */
export function rnnParams(spec: RnnSpec): RnnParams {
  const s = resolveRnn(spec);
  const gates = GATES[s.kind];
  const dirs = s.bidirectional ? 2 : 1;
  const H = s.hidden;
  const out = s.proj > 0 ? s.proj : H;
  const tensors: RnnTensor[] = [];
  const perLayer: number[] = [];
  for (let l = 0; l < s.layers; l++) {
    const inSize = l === 0 ? s.input : out * dirs;
    let layerTotal = 0;
    for (let d = 0; d < dirs; d++) {
      const suffix = `l${l}${d === 1 ? '_reverse' : ''}`;
      const add = (role: RnnTensor['role'], name: string, shape: number[]) => {
        const count = shape.reduce((a, b) => a * b, 1);
        tensors.push({ name: `${name}_${suffix}`, layer: l, reverse: d === 1, role, shape, count });
        layerTotal += count;
      };
      add('ih', 'weight_ih', [gates * H, inSize]);
      add('hh', 'weight_hh', [gates * H, out]);
      if (s.bias) {
        add('bias_ih', 'bias_ih', [gates * H]);
        add('bias_hh', 'bias_hh', [gates * H]);
      }
      if (s.proj > 0) add('hr', 'weight_hr', [s.proj, H]);
    }
    perLayer.push(layerTotal);
  }
  const biases = tensors.filter((t) => t.role === 'bias_ih' || t.role === 'bias_hh').reduce((a, t) => a + t.count, 0);
  const params = exactCount(s.hidden >= s.input ? 'hidden' : 'input', 'params', tensors.reduce((a, t) => a + t.count, 0));
  return { spec: s, gates, dirs, out, tensors, perLayer, weights: params - biases, biases, params, single: params - biases / 2 };
}

const shapeText = (shape: number[]): string => shape.join('×');

/** "2" or "2–5". */
const layerRange = (from: number, to: number): string => (from === to ? String(from) : `${from}–${to}`);

/** a + b + b + b written as `a + 3 × b` past three terms (the upper layers of a stack are alike). */
function sumText(terms: number[]): string {
  if (terms.length <= 3) return terms.map(fmtInt).join(' + ');
  return `${fmtInt(terms[0]!)} + ${terms.length - 1} × ${fmtInt(terms[1]!)}`;
}

/** The worked solution of rnnParams: each tensor of each layer with its shape. */
export function explainRnnParams(spec: RnnSpec): Worked {
  const r = rnnParams(spec);
  const s = r.spec;
  const G = r.gates;
  const gH = G === 1 ? 'H' : `${G}H`;
  const wb = new WorkedBuilder(M.title(CLASS_NAME[s.kind]));
  const given: Text[] = [M.inputOf(s.input), M.hiddenOf(s.hidden), M.layersOf(s.layers)];
  if (s.bidirectional) given.push(M.bidirectional);
  if (s.proj > 0) given.push(M.projOf(s.proj));
  if (!s.bias) given.push(M.noBias);
  wb.note(txt`${M.given}${joinText(given, bi(', ', '，'))}${bi('.', '。')}`);
  wb.note(s.kind === 'lstm' ? M.lstmLayout : s.kind === 'gru' ? M.gruLayout : M.rnnLayout);
  // Layers 2 and up have layer 1's shapes: in a deep stack, shown once as a count.
  const shown = s.layers > 3 ? 2 : s.layers;
  for (let l = 0; l < shown; l++) {
    const own = r.tensors.filter((t) => t.layer === l && !t.reverse);
    const ih = own.find((t) => t.role === 'ih')!;
    const inDesc = l === 0 ? `D = ${s.input}` : `${s.proj > 0 ? 'P' : 'H'}·${r.dirs} = ${ih.shape[1]}`;
    wb.heading(M.layerHeading(l, inDesc));
    for (const t of own) {
      const sym = t.role === 'ih' ? `${gH}×${l === 0 ? 'D' : s.proj > 0 ? `P·${r.dirs}` : `H·${r.dirs}`}`
        : t.role === 'hh' ? `${gH}×${s.proj > 0 ? 'P' : 'H'}` : t.role === 'hr' ? 'P×H' : gH;
      wb.step(t.shape.length === 1 ? `${t.name.padEnd(16)} ${sym} = ${fmtInt(t.count)}` : `${t.name.padEnd(16)} ${sym} = ${shapeText(t.shape)} = ${fmtInt(t.count)}`);
    }
    const one = own.reduce((a, t) => a + t.count, 0);
    if (r.dirs === 1) wb.result(`${own.map((t) => fmtInt(t.count)).join(' + ')} = ${fmtInt(one)}`);
    else {
      wb.step(txt`${M.perDirection(own.map((t) => fmtInt(t.count)).join(' + '))} = ${fmtInt(one)}`);
      wb.result(M.twoDirections(fmtInt(one), fmtInt(r.perLayer[l]!)));
    }
  }
  const upper = s.layers - shown;
  if (upper > 0) wb.result(M.sameLayers(layerRange(2, s.layers - 1), upper, fmtInt(r.perLayer[1]!), fmtInt(upper * r.perLayer[1]!)));
  wb.heading(M.total);
  if (r.perLayer.length > 1) wb.formula(txt`${M.parameters} = ${sumText(r.perLayer)} = ${fmtInt(r.params)}`);
  wb.result(txt`${CLASS_NAME[s.kind]}: ${fmtInt(r.params)}   (${M.weightsWord} ${fmtInt(r.weights)} + ${M.biasesWord} ${fmtInt(r.biases)})`);
  wb.note(M.fp32(fmtInt(r.params), fmtBytes(4 * r.params)));
  if (s.bias) {
    wb.heading(M.oneOrTwo);
    wb.note(M.twoBiases(G));
    wb.note(M.textbook(fmtInt(r.single)));
    if (s.kind === 'gru') wb.note(M.gruBias);
  }
  wb.heading(M.general);
  wb.formula(M.generalFirst(G));
  wb.note(M.upperIn);
  if (s.proj > 0) wb.note(M.proj(s.proj, s.hidden));
  return wb.build();
}

// ---- running a sequence -----------------------------------------------------

const C = {
  title: msg((cls: string) => `${cls} over a sequence`, (cls) => `${cls} 处理一个序列`),
  given: msg((t: number, n: number) => `sequence length T = ${t}, batch N = ${n}`, (t, n) => `序列长度 T = ${t}，批大小 N = ${n}`),
  shapes: bi('Shapes (PyTorch)', '形状（PyTorch）'),
  input: msg((shape: string, bf: boolean) => `input x    ${shape}   ${bf ? '(N, T, D), batch_first=True' : '(T, N, D), batch_first=False'}`,
    (shape, bf) => `输入 x     ${shape}   ${bf ? '(N, T, D)，batch_first=True' : '(T, N, D)，batch_first=False'}`),
  output: msg((shape: string, bf: boolean, sym: string) => `output     ${shape}   ${bf ? `(N, T, ${sym})` : `(T, N, ${sym})`}: last layer's h_t, every t`,
    (shape, bf, sym) => `输出       ${shape}   ${bf ? `(N, T, ${sym})` : `(T, N, ${sym})`}：最后一层每一步的 h_t`),
  hn: msg((shape: string, sym: string) => `h_n        ${shape}   (L·dirs, N, ${sym}): last step of each layer`,
    (shape, sym) => `h_n        ${shape}   (L·dirs, N, ${sym})：每层最后一步的状态`),
  cn: msg((shape: string) => `c_n        ${shape}   (L·dirs, N, H): the LSTM's cell state`, (shape) => `c_n        ${shape}   (L·dirs, N, H)：LSTM 的记忆单元`),
  hnBatchFirst: bi('h_n and c_n stay (L·dirs, N, ·) even with batch_first=True.', '即使 batch_first=True，h_n 和 c_n 仍是 (L·dirs, N, ·)。'),
  compute: bi('Compute (MACs)', '计算量（MACs）'),
  perStepFormula: msg((g: string) => `per step, layer and direction: ${g}H·(D_in + H_in)`, (g) => `每个时间步、每层、每个方向：${g}H·(D_in + H_in)`),
  projMacs: msg((p: number, h: number) => `+ the projection W_hr: P·H = ${p}·${h}`, (p, h) => `+ 投影 W_hr：P·H = ${p}·${h}`),
  layerMacs: msg((l: number, expr: string, v: string) => `layer ${l}: ${expr} = ${v}`, (l, expr, v) => `第 ${l} 层：${expr} = ${v}`),
  sameMacs: msg((range: string, n: number, each: string, all: string) => `layer${n > 1 ? 's' : ''} ${range}: as layer 1, ${n} × ${each} = ${all}`,
    (range, n, each, all) => `第 ${range} 层：同第 1 层，${n} × ${each} = ${all}`),
  perStep: msg((n: number, v: string) => `one time step (batch of ${n}): ${v} MACs`, (n, v) => `一个时间步（批大小 ${n}）：${v} MACs`),
  perSeq: msg((t: number, v: string, f: string) => `the whole sequence: × T = ${t}: ${v} MACs (${f} FLOPs)`, (t, v, f) => `整个序列：× T = ${t}：${v} MACs（${f} FLOPs）`),
  elementwise: [bi('Left out: the nonlinearities and the elementwise products (', '未计入：非线性函数和逐元素乘法（'),
    bi('), O(H) per step against O(H·(D+H)) for the matmuls; the bias adds.', '），每步 O(H)，而矩阵乘法是 O(H·(D+H))；偏置的加法。')] as const,
  sequential: msg((t: number) => `The ${t} steps run one after another: h_t needs h_{t−1}. Only the batch and the gates run in parallel.`,
    (t) => `${t} 个时间步必须依次计算：h_t 依赖 h_{t−1}。只有批内样本和各个门可以并行。`),
  memory: bi('Memory for backpropagation through time', '随时间反向传播所需的显存'),
  keep: bi('kept per step, layer and direction: ', '每个时间步、每层、每个方向要保存：'),
  keepRnn: bi('h_t (tanh′ = 1 − h_t² needs only the output)', 'h_t（tanh′ = 1 − h_t² 只需要输出）'),
  keepLstm: msg((proj: boolean) => `the gates i, f, g, o (4H), c_t (H)${proj ? ', o ⊙ tanh c_t (H)' : ''} and h_t`,
    (proj) => `四个门 i, f, g, o（4H）、c_t（H）${proj ? '、o ⊙ tanh c_t（H）' : ''}和 h_t`),
  keepGru: bi('the gates r, z, n (3H), W_hn h + b_hn (H, for ∂r) and h_t', '三个门 r, z, n（3H）、W_hn h + b_hn（H，求 ∂r 要用）和 h_t'),
  kept: msg((expr: string, v: string) => `values = ${expr} = ${v}`, (expr, v) => `数值个数 = ${expr} = ${v}`),
  bytes: msg((v: string, b: string) => `fp32: ${v} × 4 B = ${b}`, (v, b) => `fp32：${v} × 4 B = ${b}`),
  grows: msg((t: number) => `It grows linearly with T = ${t}: truncated BPTT caps it by backpropagating through a window of steps only.`,
    (t) => `它随 T = ${t} 线性增长：截断的 BPTT 只在一个时间窗口内反向传播，以此限制显存。`),
  impl: bi('A count from the formulas; cuDNN keeps its own reserve space, of the same order.', '这是按公式计算的个数；cuDNN 另有自己的保留空间，数量级相同。'),
};

export interface RnnRunSpec extends RnnSpec {
  /** Sequence length T. */
  seq: number;
  /** Batch N (default 1). */
  batch?: number;
  batchFirst?: boolean;
}

export interface RnnRun {
  params: RnnParams;
  seq: number;
  batch: number;
  batchFirst: boolean;
  shapes: { input: number[]; output: number[]; hn: number[]; cn?: number[] };
  /** MACs of one time step for one sequence, per layer (all directions). */
  layerMacs: number[];
  /** MACs of one time step for the whole batch. */
  macsStep: number;
  /** MACs of the whole sequence for the whole batch. */
  macs: number;
  flops: number;
  /** Values kept per step, layer and direction for BPTT. */
  keepPerStep: number;
  /** Values kept for the whole sequence and batch. */
  kept: number;
  bytes: number;
}

/** Values one step of one layer and direction keeps for the backward pass. */
function keepPerStep(p: RnnParams): number {
  const H = p.spec.hidden;
  if (p.spec.kind === 'rnn') return p.out;
  if (p.spec.kind === 'lstm') return 4 * H + H + (p.spec.proj > 0 ? H : 0) + p.out;
  return 3 * H + H + p.out;
}

/** Shapes, MACs and BPTT memory of running nn.RNN/LSTM/GRU over a sequence. */
export function rnnRun(spec: RnnRunSpec): RnnRun {
  const params = rnnParams(spec);
  checkPos('seq', 'sequence length', spec.seq);
  const batch = spec.batch ?? 1;
  checkPos('batch', 'batch', batch);
  const s = params.spec;
  const T = spec.seq;
  const bf = spec.batchFirst ?? false;
  const L = s.layers;
  const dirs = params.dirs;
  const H = s.hidden;
  const out = params.out;
  const layerMacs = params.perLayer.map((_, l) => {
    const inSize = l === 0 ? s.input : out * dirs;
    return dirs * (params.gates * H * (inSize + out) + (s.proj > 0 ? s.proj * H : 0));
  });
  const perSample = layerMacs.reduce((a, b) => a + b, 0);
  const macsStep = batch * perSample;
  const field = T >= batch ? 'seq' : 'batch';
  const macs = exactCount(field, 'macs', 2 * T * macsStep) / 2;
  const keep = keepPerStep(params);
  const kept = exactCount(field, 'memory', 4 * T * batch * L * dirs * keep) / 4;
  return {
    params,
    seq: T,
    batch,
    batchFirst: bf,
    shapes: {
      input: bf ? [batch, T, s.input] : [T, batch, s.input],
      output: bf ? [batch, T, dirs * out] : [T, batch, dirs * out],
      hn: [L * dirs, batch, out],
      ...(s.kind === 'lstm' ? { cn: [L * dirs, batch, H] } : {}),
    },
    layerMacs,
    macsStep,
    macs,
    flops: 2 * macs,
    keepPerStep: keep,
    kept,
    bytes: 4 * kept,
  };
}

const ELEMENTWISE: Record<CellKind, Text> = {
  rnn: bi('tanh', 'tanh'),
  lstm: bi('σ, tanh; f ⊙ c, i ⊙ g, o ⊙ tanh c', 'σ、tanh；f ⊙ c、i ⊙ g、o ⊙ tanh c'),
  gru: bi('σ, tanh; r ⊙ (…), (1 − z) ⊙ n, z ⊙ h', 'σ、tanh；r ⊙ (…)、(1 − z) ⊙ n、z ⊙ h'),
};

/** The worked solution of rnnRun. */
export function explainRnnRun(spec: RnnRunSpec): Worked {
  const r = rnnRun(spec);
  const p = r.params;
  const s = p.spec;
  const G = p.gates;
  const gH = G === 1 ? '' : `${G}·`;
  const wb = new WorkedBuilder(C.title(CLASS_NAME[s.kind]));
  const given: Text[] = [M.inputOf(s.input), M.hiddenOf(s.hidden), M.layersOf(s.layers)];
  if (s.bidirectional) given.push(M.bidirectional);
  if (s.proj > 0) given.push(M.projOf(s.proj));
  given.push(C.given(r.seq, r.batch));
  wb.note(txt`${M.given}${joinText(given, bi(', ', '，'))}${bi('.', '。')}`);
  const sym = `${p.dirs > 1 ? '2·' : ''}${s.proj > 0 ? 'P' : 'H'}`;
  const hSym = s.proj > 0 ? 'P' : 'H';
  wb.heading(C.shapes);
  const shape = (a: number[]): string => `(${a.join(', ')})`;
  const width = Math.max(...[r.shapes.input, r.shapes.output, r.shapes.hn].map((a) => shape(a).length));
  const pad = (a: number[]): string => shape(a).padEnd(width);
  wb.step(C.input(pad(r.shapes.input), r.batchFirst));
  wb.step(C.output(pad(r.shapes.output), r.batchFirst, sym));
  wb.step(C.hn(pad(r.shapes.hn), hSym));
  if (r.shapes.cn) wb.step(C.cn(pad(r.shapes.cn)));
  if (r.batchFirst) wb.note(C.hnBatchFirst);

  wb.heading(C.compute);
  wb.formula(C.perStepFormula(G === 1 ? '' : `${G}·`));
  if (s.proj > 0) wb.step(C.projMacs(s.proj, s.hidden));
  r.layerMacs.forEach((m, l) => {
    if (l === 2 && s.layers > 3) wb.step(C.sameMacs(layerRange(2, s.layers - 1), s.layers - 2, fmtInt(m), fmtInt((s.layers - 2) * m)));
    if (l >= 2 && s.layers > 3) return;
    const inSize = l === 0 ? s.input : p.out * p.dirs;
    const proj = s.proj > 0 ? ` + ${s.proj}·${s.hidden}` : '';
    const one = `${gH}${s.hidden}·(${inSize} + ${p.out})${proj}`;
    const expr = p.dirs > 1 ? `2·(${one})` : one;
    wb.step(C.layerMacs(l, expr, fmtInt(m)));
  });
  wb.step(C.perStep(r.batch, fmtInt(r.macsStep)));
  wb.result(C.perSeq(r.seq, fmtInt(r.macs), fmtInt(r.flops)));
  wb.note(txt`${C.elementwise[0]}${ELEMENTWISE[s.kind]}${C.elementwise[1]}`);
  wb.note(C.sequential(r.seq));

  wb.heading(C.memory);
  wb.formula(txt`${C.keep}${s.kind === 'rnn' ? C.keepRnn : s.kind === 'lstm' ? C.keepLstm(s.proj > 0) : C.keepGru}`);
  // The per-step count spelled out, so the factor in the next line is not a bare number.
  const keepSym = s.kind === 'rnn' ? hSym : s.kind === 'lstm' ? `4H + H${s.proj > 0 ? ' + H' : ''} + ${hSym}` : `3H + H + H`;
  if (keepSym !== hSym || s.proj > 0) wb.step(`${keepSym} = ${fmtInt(r.keepPerStep)}`);
  const keepExpr = `T·N·L·dirs·${fmtInt(r.keepPerStep)} = ${r.seq}·${r.batch}·${s.layers}·${p.dirs}·${fmtInt(r.keepPerStep)}`;
  wb.step(C.kept(keepExpr, fmtInt(r.kept)));
  wb.result(C.bytes(fmtInt(r.kept), fmtBytes(r.bytes)));
  wb.note(C.grows(r.seq));
  wb.note(C.impl);
  return wb.build();
}

// ---- slips ------------------------------------------------------------------

const SLIP = {
  singleBias: msg((slipped: string, right: string) => `looks like one bias vector per gate was counted (${slipped}, the textbook's count); PyTorch keeps b_ih and b_hh: ${right}`,
    (slipped, right) => `看起来每个门只算了一组偏置（${slipped}，教材的算法）；PyTorch 有 b_ih 和 b_hh 两组：${right}`),
  doubleBias: msg((slipped: string, right: string) => `looks like PyTorch's two bias vectors were counted (${slipped}); with one bias per gate: ${right}`,
    (slipped, right) => `看起来按 PyTorch 算了两组偏置（${slipped}）；每个门一组偏置：${right}`),
  threeGates: msg((slipped: string, right: string) => `looks like 3 blocks were counted (${slipped}); an LSTM has 4 (i, f, g, o): ${right}`,
    (slipped, right) => `看起来只算了 3 组（${slipped}）；LSTM 有 4 组（i, f, g, o）：${right}`),
  gruGates: msg((slipped: string, right: string) => `looks like 4 blocks were counted as for an LSTM (${slipped}); a GRU has 3 (r, z, n): ${right}`,
    (slipped, right) => `看起来像 LSTM 一样算了 4 组（${slipped}）；GRU 只有 3 组（r, z, n）：${right}`),
  forgotBias: msg((slipped: string, right: string) => `looks like the biases were left out (${slipped} weights only): ${right}`,
    (slipped, right) => `看起来漏了偏置（只有 ${slipped} 个权重）：${right}`),
  forgotHh: msg((slipped: string, right: string) => `looks like the recurrent weights W_hh were left out (${slipped}); h_{t−1} has its own matrix: ${right}`,
    (slipped, right) => `看起来漏了循环权重 W_hh（${slipped}）；h_{t−1} 有自己的矩阵：${right}`),
  oneDirection: msg((slipped: string, right: string) => `looks like one direction was counted (${slipped}); bidirectional doubles every layer: ${right}`,
    (slipped, right) => `看起来只算了一个方向（${slipped}）；双向时每层都要 ×2：${right}`),
  upperInput: msg((slipped: string, right: string) => `looks like every layer took the input size D (${slipped}); layers above the first take H·directions: ${right}`,
    (slipped, right) => `看起来每层的输入都按 D 算了（${slipped}）；第一层以上的输入是 H·方向数：${right}`),
  flopsForMacs: msg((slipped: string, right: string) => `looks like FLOPs were given for MACs: 2 × MACs = ${slipped}; MACs = ${right}`,
    (slipped, right) => `看起来把 FLOPs 当成了 MACs：2 × MACs = ${slipped}；MACs = ${right}`),
  forgotT: msg((slipped: string, t: number, right: string) => `looks like one time step was counted (${slipped}); × T = ${t}: ${right}`,
    (slipped, t, right) => `看起来只算了一个时间步（${slipped}）；× T = ${t}：${right}`),
  forgotBatch: msg((slipped: string, n: number, right: string) => `looks like the batch was forgotten (${slipped}); × N = ${n}: ${right}`,
    (slipped, n, right) => `看起来忘了批大小（${slipped}）；× N = ${n}：${right}`),
};

/** The count of the same spec with one setting changed (what a slip computes). */
function countWith(spec: Required<RnnSpec>, change: Partial<RnnSpec>): number {
  return rnnParams({ ...spec, ...change }).params;
}

/** Slips of the PyTorch parameter count (key `params`). */
export const rnnParamSlips: readonly SlipDef<RnnParams>[] = [
  { id: 'single-bias-rnn', value: (p) => (p.biases > 0 ? p.single : undefined), text: (p) => SLIP.singleBias(fmtInt(p.single), fmtInt(p.params)) },
  { id: 'lstm-three-gates', value: (p) => (p.spec.kind === 'lstm' && p.spec.proj === 0 ? (p.params / 4) * 3 : undefined), text: (p, v) => SLIP.threeGates(fmtInt(v as number), fmtInt(p.params)) },
  { id: 'gru-four-gates', value: (p) => (p.spec.kind === 'gru' ? (p.params / 3) * 4 : undefined), text: (p, v) => SLIP.gruGates(fmtInt(v as number), fmtInt(p.params)) },
  { id: 'forgot-bias', value: (p) => (p.biases > 0 ? p.weights : undefined), text: (p) => SLIP.forgotBias(fmtInt(p.weights), fmtInt(p.params)) },
  {
    id: 'rnn-forgot-hh',
    value: (p) => p.params - p.tensors.filter((t) => t.role === 'hh').reduce((a, t) => a + t.count, 0),
    text: (p, v) => SLIP.forgotHh(fmtInt(v as number), fmtInt(p.params)),
  },
  { id: 'rnn-one-direction', value: (p) => (p.dirs === 2 ? countWith(p.spec, { bidirectional: false }) : undefined), text: (p, v) => SLIP.oneDirection(fmtInt(v as number), fmtInt(p.params)) },
  {
    id: 'rnn-upper-layer-input',
    value: (p) => (p.spec.layers > 1 ? p.params + (p.spec.layers - 1) * p.dirs * p.gates * p.spec.hidden * (p.spec.input - p.out * p.dirs) : undefined),
    text: (p, v) => SLIP.upperInput(fmtInt(v as number), fmtInt(p.params)),
  },
];

/** Slips of the textbook count with one bias per gate (key `single`). */
export const rnnSingleSlips: readonly SlipDef<RnnParams>[] = [
  { id: 'double-bias-rnn', value: (p) => (p.biases > 0 ? p.params : undefined), text: (p) => SLIP.doubleBias(fmtInt(p.params), fmtInt(p.single)) },
  { id: 'lstm-three-gates', value: (p) => (p.spec.kind === 'lstm' && p.spec.proj === 0 ? (p.single / 4) * 3 : undefined), text: (p, v) => SLIP.threeGates(fmtInt(v as number), fmtInt(p.single)) },
  { id: 'forgot-bias', value: (p) => (p.biases > 0 ? p.weights : undefined), text: (p) => SLIP.forgotBias(fmtInt(p.weights), fmtInt(p.single)) },
];

/** Slips of a run's MACs (key `macs`). */
export const rnnMacSlips: readonly SlipDef<RnnRun>[] = [
  { id: 'flops-vs-macs', value: (r) => r.flops, text: (r) => SLIP.flopsForMacs(fmtInt(r.flops), fmtInt(r.macs)) },
  { id: 'rnn-one-step', value: (r) => (r.seq > 1 ? r.macsStep : undefined), text: (r) => SLIP.forgotT(fmtInt(r.macsStep), r.seq, fmtInt(r.macs)) },
  { id: 'forgot-batch', value: (r) => (r.batch > 1 ? r.macs / r.batch : undefined), text: (r, v) => SLIP.forgotBatch(fmtInt(v as number), r.batch, fmtInt(r.macs)) },
  {
    id: 'lstm-three-gates',
    value: (r) => (r.params.spec.kind === 'lstm' && r.params.spec.proj === 0 ? (r.macs / 4) * 3 : undefined),
    text: (r, v) => SLIP.threeGates(fmtInt(v as number), fmtInt(r.macs)),
  },
];

/** Slip values of every checkable count of a parameter query. */
export function rnnParamSlipValues(p: RnnParams): { params: SlipValue[]; single: SlipValue[] } {
  return { params: slipValues(rnnParamSlips, p), single: slipValues(rnnSingleSlips, p) };
}
