/**
 * Scaled dot-product attention on small matrices, as
 * torch.nn.functional.scaled_dot_product_attention computes it:
 *   scores = QKᵀ/√d_k,  masked scores = −∞,  weights = softmax by rows,  output = weights·V.
 * The softmax is the stable one: each row is shifted by its maximum
 * (log-sum-exp), so large scores never overflow.
 */
import { InputError } from './errors';
import { fmtNum } from './format';
import { slipValues, type SlipDef, type SlipValue } from './slips';
import { bi, msg, txt } from './text';
import { WorkedBuilder, type Worked } from './worked';

/** ": " in English, "：" after Chinese. */
const COLON = bi(': ', '：');

const M = {
  kCols: msg((q: number, k: number) => `Q has ${q} columns but K has ${k}; QKᵀ needs the same d_k`, (q, k) => `Q 有 ${q} 列而 K 有 ${k} 列；QKᵀ 要求 d_k 相同`),
  vRows: msg((k: number, v: number) => `K has ${k} rows but V has ${v}; each key needs its value`, (k, v) => `K 有 ${k} 行而 V 有 ${v} 行；每个键都需要一个值`),
  maskShape: msg((r: number, c: number, n: number, m: number) => `the mask is ${r}×${c} but the scores are ${n}×${m}`, (r, c, n, m) => `掩码是 ${r}×${c}，而分数矩阵是 ${n}×${m}`),
  maskValues: msg((v: string) => `mask values must be 1 (may attend) or 0 (masked), got ${v}`, (v) => `掩码的值必须是 1（可以关注）或 0（被遮住），收到 ${v}`),
  rowMasked: msg((i: number) => `row ${i} masks every key: its softmax has nothing to normalise (PyTorch gives NaN)`, (i) => `第 ${i} 行遮住了所有键：softmax 无从归一化（PyTorch 会得到 NaN）`),
  title: bi('Scaled dot-product attention', '缩放点积注意力'),
  given: msg((n: number, m: number, dk: number, dv: number) => `Q is ${n}×${dk}, K is ${m}×${dk}, V is ${m}×${dv}: ${n} queries attend over ${m} keys.`,
    (n, m, dk, dv) => `Q 为 ${n}×${dk}，K 为 ${m}×${dk}，V 为 ${m}×${dv}：${n} 个查询关注 ${m} 个键。`),
  scores: bi('Scores S = QKᵀ/√d_k', '分数 S = QKᵀ/√d_k'),
  scale: msg((dk: number, s: string) => `√d_k = √${dk} = ${s}: without it the dot products grow with d_k and the softmax saturates.`,
    (dk, s) => `√d_k = √${dk} = ${s}：不除以它，点积会随 d_k 增大，softmax 会饱和。`),
  mask: bi('Mask', '掩码'),
  causal: bi('causal: query i may only attend to keys j ≤ i (the upper triangle becomes −∞).', '因果掩码：查询 i 只能关注 j ≤ i 的键（上三角设为 −∞）。'),
  given01: bi('the given mask: 1 = may attend (as F.scaled_dot_product_attention\'s boolean attn_mask), 0 = −∞; nn.MultiheadAttention\'s boolean mask means the opposite.',
    '给定的掩码：1 = 可以关注（与 F.scaled_dot_product_attention 的布尔 attn_mask 相同），0 = −∞；nn.MultiheadAttention 的布尔掩码含义正好相反。'),
  softmax: bi('Softmax along each row (stable: subtract the row maximum first)', '每一行做 softmax（数值稳定：先减去该行最大值）'),
  rowSum: bi('Every row sums to 1; a masked entry gets weight 0.', '每行之和为 1；被遮住的位置权重为 0。'),
  output: bi('Output = weights · V', '输出 = 权重 · V'),
  row: msg((i: number) => `row ${i}`, (i) => `第 ${i} 行`),
  outputNote: bi('Each output row is a weighted average of the rows of V.', '每个输出行都是 V 的各行的加权平均。'),
};

export type Matrix = number[][];

export interface SdpaInput {
  q: Matrix;
  k: Matrix;
  v: Matrix;
  causal?: boolean;
  /** 1 = may attend, 0 = masked; n×m. */
  mask?: Matrix;
  /** For slips: leave out the scaling, or divide by d_k instead of √d_k. */
  scaling?: 'sqrt' | 'none' | 'dk';
}

export interface SoftmaxRow {
  /** The row's largest unmasked score, subtracted before exp. */
  shift: number;
  exps: number[];
  sum: number;
  /** log Σ exp(s_j) = shift + log(sum). */
  lse: number;
  probs: number[];
}

export interface Sdpa {
  n: number;
  m: number;
  dk: number;
  dv: number;
  scale: number;
  /** QKᵀ before scaling. */
  raw: Matrix;
  /** QKᵀ/√d_k. */
  scores: Matrix;
  /** Whether query i may attend to key j. */
  allowed: boolean[][];
  rows: SoftmaxRow[];
  weights: Matrix;
  output: Matrix;
  causal: boolean;
  masked: boolean;
}

/** Softmax of one row over its allowed entries, shifted by the maximum (log-sum-exp). */
export function softmaxRow(scores: number[], allowed: boolean[] = scores.map(() => true)): SoftmaxRow {
  let shift = -Infinity;
  scores.forEach((s, j) => {
    if (allowed[j] && s > shift) shift = s;
  });
  const exps = scores.map((s, j) => (allowed[j] ? Math.exp(s - shift) : 0));
  const sum = exps.reduce((a, b) => a + b, 0);
  return { shift, exps, sum, lse: shift + Math.log(sum), probs: exps.map((e) => e / sum) };
}

function matmulT(a: Matrix, b: Matrix): Matrix {
  return a.map((row) => b.map((col) => row.reduce((s, x, t) => s + x * col[t]!, 0)));
}

function matmul(a: Matrix, b: Matrix): Matrix {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, x, t) => s + x * b[t]![j]!, 0)));
}

/** Checks the shapes and the mask as PyTorch would (one line per mistake). */
function allowedOf(i: SdpaInput): boolean[][] {
  const n = i.q.length;
  const m = i.k.length;
  if (i.q[0]!.length !== i.k[0]!.length) throw new InputError('k', M.kCols(i.q[0]!.length, i.k[0]!.length));
  if (i.v.length !== m) throw new InputError('v', M.vRows(m, i.v.length));
  if (i.mask) {
    if (i.mask.length !== n || i.mask[0]!.length !== m) throw new InputError('mask', M.maskShape(i.mask.length, i.mask[0]!.length, n, m));
    const bad = i.mask.flat().find((x) => x !== 0 && x !== 1);
    if (bad !== undefined) throw new InputError('mask', M.maskValues(fmtNum(bad)));
  }
  // is_causal aligns the mask to the top left (torch.ones(L, S).tril()), also when n ≠ m.
  const allowed = Array.from({ length: n }, (_, r) => Array.from({ length: m }, (_, c) => (!i.causal || c <= r) && (!i.mask || i.mask[r]![c] === 1)));
  allowed.forEach((row, r) => {
    if (!row.some(Boolean)) throw new InputError(i.mask ? 'mask' : 'causal', M.rowMasked(r + 1));
  });
  return allowed;
}

/** Scaled dot-product attention with every intermediate value. */
export function sdpa(i: SdpaInput): Sdpa {
  const allowed = allowedOf(i);
  const dk = i.q[0]!.length;
  const scaling = i.scaling ?? 'sqrt';
  const scale = scaling === 'none' ? 1 : scaling === 'dk' ? dk : Math.sqrt(dk);
  const raw = matmulT(i.q, i.k);
  const scores = raw.map((row) => row.map((x) => x / scale));
  const rows = scores.map((row, r) => softmaxRow(row, allowed[r]));
  const weights = rows.map((r) => r.probs);
  return {
    n: i.q.length, m: i.k.length, dk, dv: i.v[0]!.length, scale, raw, scores, allowed, rows, weights,
    output: matmul(weights, i.v), causal: i.causal === true, masked: i.mask !== undefined,
  };
}

const f4 = (x: number): string => fmtNum(x, 4);
const row = (a: number[]): string => `[${a.map(f4).join(', ')}]`;

/** The worked solution of sdpa. */
export function explainSdpa(i: SdpaInput): Worked {
  const r = sdpa(i);
  const wb = new WorkedBuilder(M.title);
  wb.note(M.given(r.n, r.m, r.dk, r.dv));
  wb.heading(M.scores);
  wb.formula('QKᵀ =');
  r.raw.forEach((x) => wb.step(row(x)));
  wb.formula(`S = QKᵀ/${f4(r.scale)} =`);
  r.scores.forEach((x) => wb.step(row(x)));
  wb.note(M.scale(r.dk, f4(Math.sqrt(r.dk))));
  if (r.causal || r.masked) {
    wb.heading(M.mask);
    if (r.causal) wb.note(M.causal);
    if (r.masked) wb.note(M.given01);
    r.scores.forEach((s, a) => wb.step(`[${s.map((x, b) => (r.allowed[a]![b] ? f4(x) : '−∞')).join(', ')}]`));
  }
  wb.heading(M.softmax);
  r.rows.forEach((sr, a) => {
    const exps = sr.exps.map((e, b) => (r.allowed[a]![b] ? f4(e) : '0'));
    wb.step(txt`${M.row(a + 1)}${COLON}e^(s − ${f4(sr.shift)}) = [${exps.join(', ')}], Σ = ${f4(sr.sum)}`);
    wb.step(`  → ${row(sr.probs)}`);
  });
  wb.note(M.rowSum);
  wb.heading(M.output);
  r.output.forEach((o, a) => wb.step(`out_${a + 1} = ${r.weights[a]!.map((w, b) => `${f4(w)}·v_${b + 1}`).join(' + ')} = ${row(o)}`));
  wb.result(bi('output =', '输出 ='));
  r.output.forEach((o) => wb.step(row(o)));
  wb.note(M.outputNote);
  return wb.build();
}

// ---- slips ------------------------------------------------------------------

const SLIP = {
  noScale: msg((slipped: string, right: string) => `looks like the scores were not divided by √d_k (${slipped}): ${right}`, (slipped, right) => `看起来分数没有除以 √d_k（${slipped}）：${right}`),
  byDk: msg((slipped: string, right: string) => `looks like the scores were divided by d_k instead of √d_k (${slipped}): ${right}`, (slipped, right) => `看起来分数除以了 d_k 而不是 √d_k（${slipped}）：${right}`),
  noMask: msg((slipped: string, right: string) => `looks like the causal mask was forgotten (${slipped}); query i only sees keys j ≤ i: ${right}`,
    (slipped, right) => `看起来忘了因果掩码（${slipped}）；查询 i 只能看到 j ≤ i 的键：${right}`),
  axis: msg((slipped: string, right: string) => `looks like the softmax ran down the columns (${slipped}); it normalises each row: ${right}`,
    (slipped, right) => `看起来 softmax 是按列做的（${slipped}）；应该按行归一化：${right}`),
};

/** Which matrix of an attention run a quantity is, and the run. */
export interface SdpaSlipInput {
  input: SdpaInput;
  r: Sdpa;
  key: 'weights' | 'output';
}

const flat = (a: Matrix): number[] => a.flat();
const fmtM = (a: number[]): string => `[${a.map(f4).join(', ')}]`;

function variant(s: SdpaSlipInput, change: Partial<SdpaInput>): number[] | undefined {
  const r = sdpa({ ...s.input, ...change });
  const got = flat(s.key === 'weights' ? r.weights : r.output);
  const right = flat(s.key === 'weights' ? s.r.weights : s.r.output);
  return got.every((x, k) => Math.abs(x - right[k]!) < 1e-9) ? undefined : got;
}

/** Softmax down each column of the (masked) scores: the wrong-axis slip. */
function columnSoftmax(s: SdpaSlipInput): number[] | undefined {
  const { r } = s;
  const cols = r.scores[0]!.map((_, c) => softmaxRow(r.scores.map((x) => x[c]!), r.allowed.map((a) => a[c]!)));
  if (cols.some((c) => !Number.isFinite(c.sum) || c.sum === 0)) return undefined;
  const w = r.scores.map((x, a) => x.map((_, c) => cols[c]!.probs[a]!));
  const got = flat(s.key === 'weights' ? w : matmul(w, s.input.v));
  const right = flat(s.key === 'weights' ? r.weights : r.output);
  return got.every((x, k) => Math.abs(x - right[k]!) < 1e-9) ? undefined : got;
}

const wrap = (v: number[] | undefined): number[][] | undefined => (v ? [v] : undefined);

/** Slips of the weights and the output (whole matrices, row by row). */
export const sdpaSlips: readonly SlipDef<SdpaSlipInput>[] = [
  { id: 'attention-no-scaling', value: (s) => (s.r.dk > 1 ? wrap(variant(s, { scaling: 'none' })) : undefined), text: (s, v) => SLIP.noScale(fmtM((v as number[][])[0]!), fmtM(flat(s.key === 'weights' ? s.r.weights : s.r.output))) },
  { id: 'attention-scale-by-dk', value: (s) => (s.r.dk > 1 ? wrap(variant(s, { scaling: 'dk' })) : undefined), text: (s, v) => SLIP.byDk(fmtM((v as number[][])[0]!), fmtM(flat(s.key === 'weights' ? s.r.weights : s.r.output))) },
  { id: 'attention-no-causal-mask', value: (s) => (s.r.causal ? wrap(variant(s, { causal: false })) : undefined), text: (s, v) => SLIP.noMask(fmtM((v as number[][])[0]!), fmtM(flat(s.key === 'weights' ? s.r.weights : s.r.output))) },
  { id: 'softmax-wrong-axis', value: (s) => wrap(columnSoftmax(s)), text: (s, v) => SLIP.axis(fmtM((v as number[][])[0]!), fmtM(flat(s.key === 'weights' ? s.r.weights : s.r.output))) },
];

/** Slip values of the whole weights and output matrices. */
export function sdpaSlipValues(input: SdpaInput, r: Sdpa): { weights: SlipValue[]; output: SlipValue[] } {
  return {
    weights: slipValues(sdpaSlips, { input, r, key: 'weights' }),
    output: slipValues(sdpaSlips, { input, r, key: 'output' }),
  };
}
