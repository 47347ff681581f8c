/**
 * One step of nn.RNNCell / nn.LSTMCell / nn.GRUCell with the student's
 * weights, in PyTorch's layout (torch/nn/modules/rnn.py): weight_ih is
 * (G·H)×D and weight_hh (G·H)×H with the gate blocks stacked by rows —
 * LSTM i, f, g, o; GRU r, z, n. Every gate's pre-activation and value,
 * then c_t and h_t, as a student would write them.
 */
import { InputError } from './errors';
import { fmtNum, paren } from './format';
import { CLASS_NAME, GATE_ORDER, GATES, type CellKind } from './rnn';
import { slipValues, type SlipDef, type SlipValue } from './slips';
import { bi, msg, txt, type Text } from './text';
import { WorkedBuilder, type Worked } from './worked';

const M = {
  empty: msg((what: string) => `${what} is empty`, (what) => `${what} 为空`),
  hLength: msg((got: number, h: number, rows: number, g: number) => `h has ${got} values but the weights give H = ${h} (weight_hh has ${rows} rows = ${g}·H)`,
    (got, h, rows, g) => `h 有 ${got} 个值，但权重给出 H = ${h}（weight_hh 有 ${rows} 行 = ${g}·H）`),
  rowsNotGates: msg((flag: string, rows: number, g: number, gates: string) => `${flag} has ${rows} rows, not a multiple of ${g} (the ${gates} blocks)`,
    (flag, rows, g, gates) => `${flag} 有 ${rows} 行，不是 ${g} 的倍数（${gates} 各一块）`),
  rowsDiffer: msg((a: number, b: number) => `weight_ih has ${a} rows but weight_hh has ${b}; both are (G·H) rows`,
    (a, b) => `weight_ih 有 ${a} 行而 weight_hh 有 ${b} 行；两者都应是 G·H 行`),
  ihCols: msg((cols: number, d: number) => `weight_ih has ${cols} columns but x has ${d} values; weight_ih is (G·H)×D`,
    (cols, d) => `weight_ih 有 ${cols} 列而 x 有 ${d} 个值；weight_ih 是 (G·H)×D`),
  hhCols: msg((cols: number, h: number) => `weight_hh has ${cols} columns but H = ${h}; weight_hh is (G·H)×H`,
    (cols, h) => `weight_hh 有 ${cols} 列而 H = ${h}；weight_hh 是 (G·H)×H`),
  biasLength: msg((flag: string, got: number, want: number) => `${flag} has ${got} values; it needs G·H = ${want}`,
    (flag, got, want) => `${flag} 有 ${got} 个值；应为 G·H = ${want} 个`),
  noCell: msg((kind: string) => `${kind} has no cell state c: only the LSTM has one`, (kind) => `${kind} 没有记忆单元 c：只有 LSTM 有`),
  cLength: msg((got: number, h: number) => `c has ${got} values; it needs H = ${h}`, (got, h) => `c 有 ${got} 个值；应为 H = ${h} 个`),
  title: msg((cls: string) => `One ${cls} step`, (cls) => `${cls} 的一步`),
  layoutLstm: msg((rows: string) => `PyTorch's rows of weight_ih and weight_hh: ${rows} (CS231n writes i, f, o, g: the same blocks in another order).`,
    (rows) => `PyTorch 中 weight_ih 和 weight_hh 的行：${rows}（CS231n 写作 i, f, o, g：同样的块，顺序不同）。`),
  layoutGru: msg((rows: string) => `PyTorch's rows of weight_ih and weight_hh: ${rows}.`, (rows) => `PyTorch 中 weight_ih 和 weight_hh 的行：${rows}。`),
  given: msg((x: string, h: string) => `x = ${x}, h_{t−1} = ${h}`, (x, h) => `x = ${x}，h_{t−1} = ${h}`),
  givenC: msg((c: string) => `, c_{t−1} = ${c}`, (c) => `，c_{t−1} = ${c}`),
  zeros: bi(' (zeros, as PyTorch when no state is given)', '（未给出时按 PyTorch 取零）'),
  gate: {
    i: bi('input gate i', '输入门 i'), f: bi('forget gate f', '遗忘门 f'), g: bi('cell candidate g', '候选记忆 g'), o: bi('output gate o', '输出门 o'),
    r: bi('reset gate r', '重置门 r'), z: bi('update gate z', '更新门 z'), n: bi('new state n', '候选状态 n'), h: bi('new hidden state', '新的隐藏状态'),
  } as Record<string, Text>,
  ihPart: bi('W_i·x + b_i', 'W_i·x + b_i'),
  cell: bi('Cell state', '记忆单元'),
  hidden: bi('Hidden state', '隐藏状态'),
  resetInside: bi('PyTorch applies r to (W_hn h + b_hn), after the matrix product; Cho et al. (2014) multiply r ⊙ h before it — with b_hn = 0 the two differ only in where r meets the product.',
    'PyTorch 把 r 乘在 (W_hn h + b_hn) 上，即矩阵乘法之后；Cho 等（2014）在乘法之前算 r ⊙ h——两者只在 r 作用的位置上不同。'),
  updateConvention: bi('PyTorch: h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}: z near 1 keeps the old state. Some texts swap z and 1 − z.',
    'PyTorch：h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}：z 接近 1 时保留旧状态。有些教材把 z 和 1 − z 对调。'),
  cellPath: bi('c_t = f ⊙ c_{t−1} + i ⊙ g: the additive path that lets gradients flow (∂c_t/∂c_{t−1} = f).', 'c_t = f ⊙ c_{t−1} + i ⊙ g：加法通路让梯度得以流动（∂c_t/∂c_{t−1} = f）。'),
};

export interface CellStepInput {
  kind: CellKind;
  x: number[];
  /** h_{t−1}; zeros when absent (PyTorch's default hx). */
  h?: number[];
  /** c_{t−1} of the LSTM; zeros when absent. */
  c?: number[];
  /** weight_ih: (G·H)×D. */
  wIh: number[][];
  /** weight_hh: (G·H)×H. */
  wHh: number[][];
  /** bias_ih and bias_hh: G·H each; zeros when absent (bias=False). */
  bIh?: number[];
  bHh?: number[];
  /** nn.RNNCell's nonlinearity. */
  nonlinearity?: 'tanh' | 'relu';
}

export interface GateValue {
  /** PyTorch's letter: i, f, g, o; r, z, n; h for the plain RNN. */
  name: string;
  /** W_i·x + b_i (this gate's block of the input part). */
  ih: number[];
  /** W_h·h + b_h (this gate's block of the recurrent part). */
  hh: number[];
  /** The argument of the nonlinearity. */
  pre: number[];
  value: number[];
  fn: 'sigmoid' | 'tanh' | 'relu';
}

export interface CellStep {
  kind: CellKind;
  hidden: number;
  inputSize: number;
  x: number[];
  hPrev: number[];
  cPrev?: number[];
  gates: GateValue[];
  c?: number[];
  /** tanh(c_t) of the LSTM. */
  tanhC?: number[];
  h: number[];
}

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

function matVec(w: number[][], v: number[]): number[] {
  return w.map((row) => row.reduce((a, x, j) => a + x * v[j]!, 0));
}

function add(a: number[], b: number[]): number[] {
  return a.map((x, i) => x + b[i]!);
}

/** Validates shapes as PyTorch's cells do and returns H. */
function checkShapes(i: CellStepInput): number {
  const G = GATES[i.kind];
  if (i.x.length === 0) throw new InputError('x', M.empty('x'));
  if (i.wIh.length === 0) throw new InputError('w-ih', M.empty('weight_ih'));
  const gates = GATE_ORDER[i.kind].join(', ');
  if (i.wIh.length % G !== 0) throw new InputError('w-ih', M.rowsNotGates('weight_ih', i.wIh.length, G, gates));
  if (i.wHh.length !== i.wIh.length) throw new InputError('w-hh', M.rowsDiffer(i.wIh.length, i.wHh.length));
  const H = i.wIh.length / G;
  if (i.wIh[0]!.length !== i.x.length) throw new InputError('w-ih', M.ihCols(i.wIh[0]!.length, i.x.length));
  if (i.wHh[0]!.length !== H) throw new InputError('w-hh', M.hhCols(i.wHh[0]!.length, H));
  if (i.h && i.h.length !== H) throw new InputError('h', M.hLength(i.h.length, H, i.wHh.length, G));
  if (i.bIh && i.bIh.length !== G * H) throw new InputError('b-ih', M.biasLength('bias_ih', i.bIh.length, G * H));
  if (i.bHh && i.bHh.length !== G * H) throw new InputError('b-hh', M.biasLength('bias_hh', i.bHh.length, G * H));
  if (i.c && i.kind !== 'lstm') throw new InputError('c', M.noCell(`${CLASS_NAME[i.kind]}Cell`));
  if (i.c && i.c.length !== H) throw new InputError('c', M.cLength(i.c.length, H));
  return H;
}

/** Which of PyTorch's blocks each gate reads, in the layout used (the LSTM slip reads i, f, o, g). */
type Layout = readonly string[];

function step(i: CellStepInput, layout: Layout = GATE_ORDER[i.kind]): CellStep {
  const H = checkShapes(i);
  const G = GATES[i.kind];
  const hPrev = i.h ?? new Array<number>(H).fill(0);
  const zeros = new Array<number>(G * H).fill(0);
  const ih = add(matVec(i.wIh, i.x), i.bIh ?? zeros);
  const hh = add(matVec(i.wHh, hPrev), i.bHh ?? zeros);
  const block = (v: number[], name: string): number[] => {
    const k = layout.indexOf(name);
    return v.slice(k * H, (k + 1) * H);
  };
  const gate = (name: string, fn: GateValue['fn'], pre?: number[]): GateValue => {
    const a = block(ih, name);
    const b = block(hh, name);
    const p = pre ?? add(a, b);
    const f = fn === 'sigmoid' ? sigmoid : fn === 'tanh' ? Math.tanh : (v: number) => Math.max(0, v);
    return { name, ih: a, hh: b, pre: p, value: p.map(f), fn };
  };
  const base = { kind: i.kind, hidden: H, inputSize: i.x.length, x: i.x, hPrev };
  if (i.kind === 'rnn') {
    const g = gate('h', i.nonlinearity ?? 'tanh');
    return { ...base, gates: [g], h: g.value };
  }
  if (i.kind === 'lstm') {
    const cPrev = i.c ?? new Array<number>(H).fill(0);
    const [ig, fg, gg, og] = [gate('i', 'sigmoid'), gate('f', 'sigmoid'), gate('g', 'tanh'), gate('o', 'sigmoid')];
    const c = cPrev.map((cp, k) => fg.value[k]! * cp + ig.value[k]! * gg.value[k]!);
    const tanhC = c.map(Math.tanh);
    return { ...base, cPrev, gates: [ig, fg, gg, og], c, tanhC, h: og.value.map((o, k) => o * tanhC[k]!) };
  }
  const r = gate('r', 'sigmoid');
  const z = gate('z', 'sigmoid');
  const nIh = block(ih, 'n');
  const nHh = block(hh, 'n');
  const n = gate('n', 'tanh', nIh.map((a, k) => a + r.value[k]! * nHh[k]!));
  return { ...base, gates: [r, z, n], h: n.value.map((nv, k) => (1 - z.value[k]!) * nv + z.value[k]! * hPrev[k]!) };
}

/** One cell step exactly as nn.RNNCell / LSTMCell / GRUCell computes it. */
export function cellStep(i: CellStepInput): CellStep {
  return step(i);
}

/** A vector as written on paper: one number alone, several in parentheses. */
const v = (a: number[]): string => (a.length === 1 ? paren(a[0]!, 4) : `(${a.map((x) => fmtNum(x, 4)).join(', ')})`);

const FN_TEXT: Record<GateValue['fn'], string> = { sigmoid: 'σ', tanh: 'tanh', relu: 'relu' };

/** The worked solution of cellStep. */
export function explainCellStep(i: CellStepInput): Worked {
  const s = cellStep(i);
  const H = s.hidden;
  const cls = `${CLASS_NAME[s.kind]}Cell`;
  const wb = new WorkedBuilder(M.title(cls));
  const zeroH = i.h === undefined;
  const zeroC = s.kind === 'lstm' && i.c === undefined;
  wb.note(txt`${M.given(v(s.x), v(s.hPrev))}${zeroH ? M.zeros : ''}${s.cPrev ? txt`${M.givenC(v(s.cPrev))}${zeroC ? M.zeros : ''}` : ''}`);
  const blocks = GATE_ORDER[s.kind].map((g, k) => `${g} = ${H === 1 ? k + 1 : `${k * H + 1}–${(k + 1) * H}`}`).join(', ');
  if (s.kind === 'lstm') wb.note(M.layoutLstm(blocks));
  if (s.kind === 'gru') wb.note(M.layoutGru(blocks));
  for (const g of s.gates) {
    wb.heading(txt`${M.gate[g.name] ?? g.name}`);
    const sub = g.name === 'h' ? '' : g.name;
    if (s.kind === 'gru' && g.name === 'n') {
      wb.formula(`n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))`);
      wb.step(`= tanh(${v(g.ih)} + ${v(s.gates[0]!.value)} ⊙ ${v(g.hh)})`);
    } else {
      const f = FN_TEXT[g.fn];
      const name = sub || 'h';
      wb.formula(`${name} = ${f}(W_i${sub} x + b_i${sub} + W_h${sub} h + b_h${sub})`);
      wb.step(`= ${f}(${v(g.ih)} + ${v(g.hh)})`);
    }
    wb.step(`= ${FN_TEXT[g.fn]}${v(g.pre)}`);
    wb.result(`${g.name === 'h' ? 'h_t' : g.name} = ${v(g.value)}`);
  }
  if (s.kind === 'lstm') {
    const [ig, fg, gg, og] = s.gates as [GateValue, GateValue, GateValue, GateValue];
    wb.heading(M.cell);
    wb.formula('c_t = f ⊙ c_{t−1} + i ⊙ g');
    wb.step(`= ${v(fg.value)} ⊙ ${v(s.cPrev!)} + ${v(ig.value)} ⊙ ${v(gg.value)}`);
    wb.result(`c_t = ${v(s.c!)}`);
    wb.note(M.cellPath);
    wb.heading(M.hidden);
    wb.formula('h_t = o ⊙ tanh(c_t)');
    wb.step(`= ${v(og.value)} ⊙ ${v(s.tanhC!)}`);
    wb.result(`h_t = ${v(s.h)}`);
  }
  if (s.kind === 'gru') {
    const [, z, n] = s.gates as [GateValue, GateValue, GateValue];
    wb.heading(M.hidden);
    wb.formula('h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}');
    wb.step(`= ${v(z.value.map((x) => 1 - x))} ⊙ ${v(n.value)} + ${v(z.value)} ⊙ ${v(s.hPrev)}`);
    wb.result(`h_t = ${v(s.h)}`);
    wb.note(M.updateConvention);
    wb.note(M.resetInside);
  }
  return wb.build();
}

// ---- slips ------------------------------------------------------------------

const SLIP = {
  order: msg((slipped: string, right: string) => `looks like the rows were read in CS231n's order i, f, o, g (${slipped}); PyTorch's are i, f, g, o: ${right}`,
    (slipped, right) => `看起来按 CS231n 的 i, f, o, g 顺序读了权重（${slipped}）；PyTorch 的顺序是 i, f, g, o：${right}`),
  noTanh: msg((slipped: string, right: string) => `looks like h_t = o ⊙ c_t (${slipped}); it is o ⊙ tanh(c_t): ${right}`,
    (slipped, right) => `看起来算成了 h_t = o ⊙ c_t（${slipped}）；应为 o ⊙ tanh(c_t)：${right}`),
  noForget: msg((slipped: string, right: string) => `looks like f ⊙ c_{t−1} was left out (${slipped}): ${right}`,
    (slipped, right) => `看起来漏了 f ⊙ c_{t−1}（${slipped}）：${right}`),
  swapped: msg((slipped: string, right: string) => `looks like z and 1 − z were swapped (${slipped}); PyTorch: h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}: ${right}`,
    (slipped, right) => `看起来把 z 和 1 − z 弄反了（${slipped}）；PyTorch：h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}：${right}`),
};

/** What a cell step's slips are computed from. */
export interface CellSlipInput {
  input: CellStepInput;
  step: CellStep;
  /** Which vector of the step the quantity is: h or c. */
  key: 'h' | 'c';
}

const pickVec = (s: CellStep, key: 'h' | 'c'): number[] | undefined => (key === 'h' ? s.h : s.c);

const same = (a: number[], b: number[]): boolean => a.every((x, k) => Math.abs(x - b[k]!) < 1e-12);

/** The slipped vector as the accepted order of a tuple; undefined when it equals the right one. */
function asTuple(right: number[] | undefined, slipped: number[] | undefined): number[][] | undefined {
  if (!right || !slipped || same(right, slipped)) return undefined;
  return [slipped];
}

/** Slips of the LSTM's c_t and h_t and the GRU's h_t (vectors). */
export const cellStepSlips: readonly SlipDef<CellSlipInput>[] = [
  {
    id: 'lstm-gate-order',
    value: ({ input, step: s, key }) => (input.kind === 'lstm' ? asTuple(pickVec(s, key), pickVec(step(input, ['i', 'f', 'o', 'g']), key)) : undefined),
    text: ({ step: s, key }, slipped) => SLIP.order(v((slipped as number[][])[0]!), v(pickVec(s, key)!)),
  },
  {
    id: 'lstm-h-without-tanh',
    value: ({ input, step: s, key }) => (input.kind === 'lstm' && key === 'h' ? asTuple(s.h, s.gates[3]!.value.map((o, k) => o * s.c![k]!)) : undefined),
    text: ({ step: s }, slipped) => SLIP.noTanh(v((slipped as number[][])[0]!), v(s.h)),
  },
  {
    id: 'lstm-forgot-forget',
    value: ({ input, step: s, key }) => {
      if (input.kind !== 'lstm') return undefined;
      const c = s.gates[0]!.value.map((iv, k) => iv * s.gates[2]!.value[k]!);
      return asTuple(pickVec(s, key), key === 'c' ? c : c.map((cv, k) => s.gates[3]!.value[k]! * Math.tanh(cv)));
    },
    text: ({ step: s, key }, slipped) => SLIP.noForget(v((slipped as number[][])[0]!), v(pickVec(s, key)!)),
  },
  {
    id: 'gru-update-swapped',
    value: ({ input, step: s, key }) => {
      if (input.kind !== 'gru' || key !== 'h') return undefined;
      const [, z, n] = s.gates;
      return asTuple(s.h, n!.value.map((nv, k) => z!.value[k]! * nv + (1 - z!.value[k]!) * s.hPrev[k]!));
    },
    text: ({ step: s }, slipped) => SLIP.swapped(v((slipped as number[][])[0]!), v(s.h)),
  },
];

/** Slip values of h (and c) of one step; single elements h_k use the k-th value of each slipped vector. */
export function cellStepSlipValues(input: CellStepInput, s: CellStep): { h: SlipValue[]; c: SlipValue[] } {
  return {
    h: slipValues(cellStepSlips, { input, step: s, key: 'h' }),
    c: s.c ? slipValues(cellStepSlips, { input, step: s, key: 'c' }) : [],
  };
}
