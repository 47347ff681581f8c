/**
 * dlnotes rnn: nn.RNN/LSTM/GRU over a sequence (shapes, MACs, BPTT memory),
 * `rnn step` (one RNNCell/LSTMCell/GRUCell step with the student's weights)
 * and `rnn bptt` (gradients through time of the scalar RNN and the LSTM's
 * cell path).
 */
import { parseTuple } from '../core/answer';
import { bpttSlipValues, bptt, explainBptt, type BpttInput, type BpttResult } from '../core/bptt';
import type { Quantity } from '../core/check';
import { CELL_KINDS, explainRnnRun, GATE_ORDER, rnnMacSlips, rnnRun, type CellKind, type RnnRun, type RnnRunSpec } from '../core/rnn';
import { cellStep, cellStepSlipValues, explainCellStep, type CellStep, type CellStepInput } from '../core/rnn-step';
import { lazySlips, slipValues, type SlipValue } from '../core/slips';
import { bi, mapText, msg, type Text } from '../core/text';
import { UsageError } from '../errors';
import { choiceFlag, intFlag, matrixFlag, numFlag, numListFlag, requiredInt, withFlags } from './flags';
import { emit, type Outcome } from './output';

export interface RnnFlags {
  kind?: string;
  input?: string; hidden?: string; seq?: string; batch?: string; layers?: string; proj?: string;
  bidirectional?: boolean; batchFirst?: boolean; bias?: boolean;
  x?: string; h?: string; c?: string; wIh?: string; wHh?: string; bIh?: string; bHh?: string; nonlinearity?: string;
  w?: string; u?: string; b?: string; h0?: string; forget?: string;
  json?: boolean; answer?: string;
}

export const RNN_MODES = ['step', 'bptt'] as const;

const NEED = {
  kind: bi('--kind is required: rnn, lstm or gru', '需要 --kind：rnn、lstm 或 gru'),
  wIh: bi('--w-ih is required: weight_ih, (G·H)×D rows separated by ";", e.g. "0.5,-1; 0.2,0.3"', '需要 --w-ih：weight_ih，(G·H)×D，行之间用 ";" 分隔，如 "0.5,-1; 0.2,0.3"'),
  wHh: bi('--w-hh is required: weight_hh, (G·H)×H', '需要 --w-hh：weight_hh，(G·H)×H'),
  x: bi('--x is required: the input vector, e.g. --x 1,2', '需要 --x：输入向量，如 --x 1,2'),
  mode: msg((m: string) => `unknown mode "${m}"; expected step or bptt (or none for shapes and cost)`, (m) => `未知模式 "${m}"；应为 "step" 或 "bptt"（不写则计算形状和计算量）`),
  relu: bi('--nonlinearity applies to the plain RNN only (nn.RNNCell)', '--nonlinearity 只用于普通 RNN（nn.RNNCell）'),
};

function readKind(o: RnnFlags): CellKind {
  const kind = choiceFlag('kind', o.kind, CELL_KINDS);
  if (!kind) throw new UsageError(NEED.kind, 'kind');
  return kind;
}

const LABEL = {
  macs: bi('MACs for the whole sequence', '整个序列的 MACs'),
  macsStep: bi('MACs of one time step', '一个时间步的 MACs'),
  flops: bi('FLOPs for the whole sequence', '整个序列的 FLOPs'),
  params: bi('parameters', '参数量'),
  output: bi('output shape', '输出形状'),
  hn: bi('h_n shape', 'h_n 形状'),
  cn: bi('c_n shape', 'c_n 形状'),
  kept: bi('values kept for BPTT', 'BPTT 需保存的数值个数'),
  memory: bi('memory kept for BPTT (fp32 bytes)', 'BPTT 需保存的显存（fp32 字节）'),
  grad: bi('∂h_T/∂h_0', '∂h_T/∂h_0'),
  cell: bi('∂c_T/∂c_0 (cell path)', '∂c_T/∂c_0（记忆单元通路）'),
};

// ---- shapes and cost ----------------------------------------------------------

function readRunSpec(o: RnnFlags): RnnRunSpec {
  return {
    kind: readKind(o),
    input: requiredInt('input', o.input, { min: 1 }, 'input_size D, e.g. --input 10'),
    hidden: requiredInt('hidden', o.hidden, { min: 1 }, 'hidden_size H, e.g. --hidden 20'),
    seq: requiredInt('seq', o.seq, { min: 1 }, 'sequence length T, e.g. --seq 35'),
    batch: intFlag('batch', o.batch, { min: 1 }) ?? 1,
    layers: intFlag('layers', o.layers, { min: 1 }) ?? 1,
    proj: intFlag('proj', o.proj, { min: 1 }) ?? 0,
    bidirectional: o.bidirectional === true,
    batchFirst: o.batchFirst === true,
    bias: o.bias !== false,
  };
}

function runQuantities(r: RnnRun): Record<string, Quantity> {
  const q: Record<string, Quantity> = {
    macs: { label: LABEL.macs, expected: r.macs, unit: 'macs', aliases: ['mult-adds'], slips: () => slipValues(rnnMacSlips, r) },
    macs_step: { label: LABEL.macsStep, expected: r.macsStep, unit: 'macs', aliases: ['step'] },
    flops: { label: LABEL.flops, expected: r.flops, unit: 'flops' },
    params: { label: LABEL.params, expected: r.params.params, unit: 'params', aliases: ['parameters'] },
    output: { label: LABEL.output, expected: [r.shapes.output], aliases: ['shape'] },
    hn: { label: LABEL.hn, expected: [r.shapes.hn], aliases: ['h_n'] },
    kept: { label: LABEL.kept, expected: r.kept, aliases: ['activations'] },
    memory: { label: LABEL.memory, expected: r.bytes, unit: 'bytes', aliases: ['bytes'] },
  };
  if (r.shapes.cn) q.cn = { label: LABEL.cn, expected: [r.shapes.cn], aliases: ['c_n'] };
  return q;
}

function computeRun(o: RnnFlags): Outcome {
  const spec = readRunSpec(o);
  const r = withFlags(() => rnnRun(spec));
  return {
    data: {
      kind: spec.kind,
      shapes: r.shapes,
      macs: { step: r.macsStep, sequence: r.macs, perLayerStep: r.layerMacs },
      flops: r.flops,
      params: r.params.params,
      memory: { values: r.kept, perStep: r.keepPerStep, bytes: r.bytes },
      spec: { ...r.params.spec, seq: r.seq, batch: r.batch, batchFirst: r.batchFirst },
    },
    quantities: runQuantities(r),
    defaultKey: (text) => ((parseTuple(text)?.length ?? 1) === 3 ? 'output' : 'macs'),
    worked: explainRnnRun(spec),
  };
}

// ---- one cell step ------------------------------------------------------------

function readStep(o: RnnFlags): CellStepInput {
  const kind = readKind(o);
  const x = numListFlag('x', o.x);
  if (!x) throw new UsageError(NEED.x, 'x');
  const wIh = matrixFlag('w-ih', o.wIh);
  if (!wIh) throw new UsageError(NEED.wIh, 'w-ih');
  const wHh = matrixFlag('w-hh', o.wHh);
  if (!wHh) throw new UsageError(NEED.wHh, 'w-hh');
  const nonlinearity = choiceFlag('nonlinearity', o.nonlinearity, ['tanh', 'relu'] as const);
  if (nonlinearity && kind !== 'rnn') throw new UsageError(NEED.relu, 'nonlinearity');
  const h = numListFlag('h', o.h);
  const c = numListFlag('c', o.c);
  const bIh = numListFlag('b-ih', o.bIh);
  const bHh = numListFlag('b-hh', o.bHh);
  return { kind, x, wIh, wHh, ...(h ? { h } : {}), ...(c ? { c } : {}), ...(bIh ? { bIh } : {}), ...(bHh ? { bHh } : {}), ...(nonlinearity ? { nonlinearity } : {}) };
}

const GATE_LABEL: Record<string, Text> = {
  i: bi('input gate i', '输入门 i'), f: bi('forget gate f', '遗忘门 f'), g: bi('cell candidate g', '候选记忆 g'), o: bi('output gate o', '输出门 o'),
  r: bi('reset gate r', '重置门 r'), z: bi('update gate z', '更新门 z'), n: bi('new state n', '候选状态 n'),
};

/** A vector quantity and its elements (h, h_1, h_2, ...); slips of the vector carry over to each element. */
function vector(q: Record<string, Quantity>, key: string, label: Text, values: number[], slips: () => SlipValue[] = () => []): void {
  q[key] = { label, expected: [values], real: true, slips };
  values.forEach((v, k) => {
    const elemSlips = (): SlipValue[] => slips().flatMap((s) => (Array.isArray(s.expected) && s.expected[0]![k] !== v ? [{ ...s, expected: s.expected[0]![k]! }] : []));
    q[`${key}_${k + 1}`] = { label: mapText(label, (s) => `${s}[${k + 1}]`), expected: v, real: true, slips: elemSlips };
  });
}

function stepQuantities(input: CellStepInput, s: CellStep): Record<string, Quantity> {
  const slips = lazySlips(() => cellStepSlipValues(input, s));
  const q: Record<string, Quantity> = {};
  vector(q, 'h', 'h_t', s.h, slips('h'));
  if (s.c) vector(q, 'c', 'c_t', s.c, slips('c'));
  if (s.kind !== 'rnn') for (const g of s.gates) vector(q, g.name, GATE_LABEL[g.name] ?? g.name, g.value);
  return q;
}

function computeStep(o: RnnFlags): Outcome {
  const input = readStep(o);
  const s = withFlags(() => cellStep(input), { wIh: 'w-ih', wHh: 'w-hh', bIh: 'b-ih', bHh: 'b-hh' });
  const gates = Object.fromEntries(s.gates.map((g) => [g.name, { pre: g.pre, value: g.value }]));
  return {
    data: {
      kind: s.kind,
      layout: GATE_ORDER[s.kind],
      hidden: s.hidden,
      inputSize: s.inputSize,
      h: s.h,
      ...(s.c ? { c: s.c } : {}),
      ...(s.kind === 'rnn' ? {} : { gates }),
      ...(s.kind === 'rnn' ? { pre: s.gates[0]!.pre } : {}),
    },
    quantities: stepQuantities(input, s),
    defaultKey: 'h',
    worked: explainCellStep(input),
  };
}

// ---- gradients through time -------------------------------------------------

function readBptt(o: RnnFlags): BpttInput {
  const out: BpttInput = {};
  const w = numFlag('w', o.w);
  const u = numFlag('u', o.u);
  const b = numFlag('b', o.b);
  const h0 = numFlag('h0', o.h0);
  const x = numListFlag('x', o.x);
  const forget = numListFlag('forget', o.forget);
  if (w !== undefined) out.w = w;
  if (u !== undefined) out.u = u;
  if (b !== undefined) out.b = b;
  if (h0 !== undefined) out.h0 = h0;
  if (x) out.x = x;
  if (forget) out.forget = forget;
  return out;
}

function bpttQuantities(r: BpttResult): Record<string, Quantity> {
  const q: Record<string, Quantity> = {};
  if (r.rnn) {
    q.grad = { label: LABEL.grad, expected: r.rnn.grad, real: true, aliases: ['dh', 'factor'], slips: () => bpttSlipValues(r.rnn!) };
    q.dw = { label: '∂h_T/∂w', expected: r.rnn.dw, real: true };
    q.du = { label: '∂h_T/∂u', expected: r.rnn.du, real: true };
    r.rnn.h.forEach((h, k) => {
      q[`h_${k + 1}`] = { label: `h_${k + 1}`, expected: h, real: true };
    });
  }
  if (r.lstm) q.cell = { label: LABEL.cell, expected: r.lstm.grad, real: true, aliases: ['dc', 'lstm'] };
  return q;
}

function computeBptt(o: RnnFlags): Outcome {
  const input = readBptt(o);
  const r = withFlags(() => bptt(input));
  return {
    data: {
      ...(r.rnn ? { rnn: { h: r.rnn.h, a: r.rnn.a, factors: r.rnn.factors, grad: r.rnn.grad, perStep: r.rnn.perStep, verdict: r.rnn.verdict, dw: r.rnn.dw, du: r.rnn.du } } : {}),
      ...(r.lstm ? { lstm: { forget: r.lstm.forget, grad: r.lstm.grad, perStep: r.lstm.perStep } } : {}),
    },
    quantities: bpttQuantities(r),
    defaultKey: r.rnn ? 'grad' : 'cell',
    worked: explainBptt(input),
  };
}

/** One `rnn` run: shared by the command and the homework checker. */
export function computeRnn(mode: string | undefined, o: RnnFlags): Outcome {
  const m = mode?.trim().toLowerCase();
  if (m === undefined || m === '' || m === 'run' || m === 'cost') return computeRun(o);
  if (m === 'step') return computeStep(o);
  if (m === 'bptt') return computeBptt(o);
  throw new UsageError(NEED.mode(mode!));
}

export async function run(mode: string | undefined, o: RnnFlags): Promise<void> {
  emit(computeRnn(mode, o), o);
}
