/**
 * Entropy, cross-entropy and KL divergence between discrete distributions,
 * with the natural log: H(P) = −Σ P ln P, H(P,Q) = −Σ P ln Q,
 * D_KL(P‖Q) = Σ P ln(P/Q), and the identity H(P,Q) = H(P) + D_KL(P‖Q).
 * Terms with P(x) = 0 contribute 0 (0·ln 0 = 0, as torch.xlogy); P(x) > 0
 * with Q(x) = 0 makes H(P,Q) and D_KL infinite.
 */
import { InputError } from './errors';
import { fmtNum, paren } from './format';
import { fmtVec, mean } from './numlist';
import { bi, msg, tr, type Text } from './text';
import { WorkedBuilder, type Worked } from './worked';

/** The texts of KL divergence and cross-entropy, in both languages. */
const M = {
  none: bi('no probabilities given', '没有给出概率'),
  row: msg((i: number) => `row ${i}`, (i) => `第 ${i} 行`),
  theDistribution: bi('the distribution', '这个分布'),
  negative: msg((which: Text) => `${tr(which, 'en')} has a negative or non-finite probability; probabilities are in [0, 1]`, (which) => `${tr(which, 'zh')}有负的或非有限的概率；概率在 [0, 1] 内`),
  sum: msg((which: Text, total: string) => `${tr(which, 'en')} sums to ${total}, not 1 (pass --normalize to rescale it)`, (which, total) => `${tr(which, 'zh')}的和是 ${total}，不是 1（加 --normalize 可以重新归一化）`),
  cannotNormalise: msg((i: number) => `row ${i} cannot be normalised: values must be non-negative with a positive sum`, (i) => `第 ${i} 行无法归一化：值必须非负且和为正`),
  rows: msg((p: number, q: number) => `--p has ${p} row${p === 1 ? '' : 's'} but --q has ${q}; give one Q per P`, (p, q) => `--p 有 ${p} 行，而 --q 有 ${q} 行；每个 P 对应一个 Q`),
  outcomes: msg((p: number, q: number) => `P has ${p} outcomes but Q has ${q}; they must have the same length`, (p, q) => `P 有 ${p} 个取值，而 Q 有 ${q} 个；长度必须相同`),
  klTitle: bi('KL divergence D_KL(P‖Q)', 'KL 散度 D_KL(P‖Q)'),
  ceTitle: bi('Cross-entropy H(P, Q)', '交叉熵 H(P, Q)'),
  klFormula: bi('D_KL(P‖Q) = Σ_x P(x) ln(P(x)/Q(x))   (natural log: nats)', 'D_KL(P‖Q) = Σ_x P(x) ln(P(x)/Q(x))   （自然对数，单位 nats）'),
  ceFormula: bi('H(P, Q) = −Σ_x P(x) ln Q(x)   (natural log: nats)', 'H(P, Q) = −Σ_x P(x) ln Q(x)   （自然对数，单位 nats）'),
  rowHeading: msg((i: number) => `Row ${i}`, (i) => `第 ${i} 行`),
  zeroP: bi('Outcomes with P(x) = 0 contribute 0 (0·ln 0 = 0).', 'P(x) = 0 的取值贡献为 0（0·ln 0 = 0）。'),
  infinite: bi('Q(x) = 0 where P(x) > 0: the divergence is infinite.', '在 P(x) > 0 处 Q(x) = 0：散度为无穷大。'),
  asymmetric: msg((kl: string) => `Not symmetric: D_KL(Q‖P) = ${kl}.`, (kl) => `不对称：D_KL(Q‖P) = ${kl}。`),
  mean: bi('Mean over the rows', '对各行求平均'),
  why: bi('Why the notes meet KL next to softmax', '为什么笔记在 softmax 旁边讲 KL'),
  oneHot: bi('With a one-hot P (the true label y), H(P) = 0 and H(P, Q) = −ln Q(y): exactly the softmax loss.', 'P 是 one-hot（真实标签 y）时，H(P) = 0，H(P, Q) = −ln Q(y)：正好就是 softmax 损失。'),
  sameMin: bi('Since H(P) does not depend on the model, minimising cross-entropy is minimising D_KL(P‖Q).', 'H(P) 与模型无关，所以最小化交叉熵就是最小化 D_KL(P‖Q)。'),
  klDiv: bi("PyTorch: F.kl_div(Q.log(), P, reduction='batchmean'); the input is ln Q and comes first. reduction='mean' divides by the element count and is not the KL.",
    "PyTorch：F.kl_div(Q.log(), P, reduction='batchmean')；输入是 ln Q，作为第一个参数。reduction='mean' 除以元素个数，得到的不是 KL。"),
  crossEntropy: bi('PyTorch: F.cross_entropy(logits, P) accepts class probabilities as the target (since 1.10); with class indices it is the softmax loss.',
    'PyTorch：F.cross_entropy(logits, P) 可以用类别概率作为目标（1.10 起）；用类别下标时就是 softmax 损失。'),
};

export interface DivergenceRow {
  p: number[];
  q: number[];
  entropy: number;
  crossEntropy: number;
  kl: number;
  /** D_KL(Q‖P): KL is not symmetric. */
  reverseKl: number;
}

export interface DivergenceResult {
  rows: DivergenceRow[];
  /** Means over the rows (PyTorch's kl_div with reduction='batchmean'). */
  entropy: number;
  crossEntropy: number;
  kl: number;
}

const SUM_TOL = 1e-6;

/** Checks that `rows` are probability distributions; InputError on `field` otherwise. */
export function validateDistributions(field: string, rows: number[][]): void {
  if (rows.length === 0 || rows[0]!.length === 0) throw new InputError(field, M.none);
  rows.forEach((row, i) => {
    const which = rows.length > 1 ? M.row(i + 1) : M.theDistribution;
    if (row.some((v) => !Number.isFinite(v) || v < 0)) throw new InputError(field, M.negative(which));
    const total = row.reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > SUM_TOL) throw new InputError(field, M.sum(which, fmtNum(total)));
  });
}

/** Rescales non-negative rows to sum to 1. */
export function normalizeRows(field: string, rows: number[][]): number[][] {
  return rows.map((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    if (row.some((v) => !Number.isFinite(v) || v < 0) || !(total > 0)) {
      throw new InputError(field, M.cannotNormalise(i + 1));
    }
    return row.map((v) => v / total);
  });
}

const xlogy = (x: number, y: number) => (x === 0 ? 0 : x * Math.log(y));

function row(p: number[], q: number[]): DivergenceRow {
  const entropy = -p.reduce((a, pi) => a + xlogy(pi, pi), 0);
  const crossEntropy = -p.reduce((a, pi, i) => a + xlogy(pi, q[i]!), 0);
  const kl = p.reduce((a, pi, i) => a + (pi === 0 ? 0 : pi * Math.log(pi / q[i]!)), 0);
  const reverseKl = q.reduce((a, qi, i) => a + (qi === 0 ? 0 : qi * Math.log(qi / p[i]!)), 0);
  return { p, q, entropy, crossEntropy, kl, reverseKl };
}

/** H(P), H(P,Q) and D_KL(P‖Q) for each row pair and their means. */
export function divergences(P: number[][], Q: number[][]): DivergenceResult {
  validateDistributions('p', P);
  validateDistributions('q', Q);
  if (P.length !== Q.length) throw new InputError('q', M.rows(P.length, Q.length));
  if (P[0]!.length !== Q[0]!.length) throw new InputError('q', M.outcomes(P[0]!.length, Q[0]!.length));
  const rows = P.map((p, i) => row(p, Q[i]!));
  return { rows, entropy: mean(rows.map((r) => r.entropy)), crossEntropy: mean(rows.map((r) => r.crossEntropy)), kl: mean(rows.map((r) => r.kl)) };
}

const n = (x: number) => fmtNum(x, 6);

/** The worked KL divergence or cross-entropy, with the identity that links them. */
export function explainDivergence(kind: 'kl' | 'ce', d: DivergenceResult): Worked {
  const wb = new WorkedBuilder(kind === 'kl' ? M.klTitle : M.ceTitle);
  wb.formula(kind === 'kl' ? M.klFormula : M.ceFormula);
  d.rows.forEach((r, i) => {
    if (d.rows.length > 1) wb.heading(M.rowHeading(i + 1));
    wb.note(`P = ${fmtVec(r.p)}, Q = ${fmtVec(r.q)}`);
    const idx = r.p.map((_, j) => j).filter((j) => r.p[j] !== 0);
    if (kind === 'kl') {
      wb.step(`= ${idx.map((j) => `${n(r.p[j]!)}·ln(${n(r.p[j]!)}/${n(r.q[j]!)})`).join(' + ')}`);
      wb.step(`= ${idx.map((j) => paren(r.p[j]! * Math.log(r.p[j]! / r.q[j]!))).join(' + ')}`);
      wb.result(`D_KL(P‖Q) = ${n(r.kl)}`);
    } else {
      wb.step(`= −(${idx.map((j) => `${n(r.p[j]!)}·ln ${n(r.q[j]!)}`).join(' + ')})`);
      wb.step(`= −(${idx.map((j) => paren(r.p[j]! * Math.log(r.q[j]!))).join(' + ')})`);
      wb.result(`H(P, Q) = ${n(r.crossEntropy)}`);
    }
    if (idx.length < r.p.length) wb.note(M.zeroP);
    if (!Number.isFinite(r.kl)) wb.warn(M.infinite);
    wb.step(`H(P) = −Σ P ln P = ${n(r.entropy)}`);
    wb.step(`H(P, Q) = H(P) + D_KL(P‖Q): ${n(r.crossEntropy)} = ${n(r.entropy)} + ${n(r.kl)}`);
    wb.note(M.asymmetric(n(r.reverseKl)));
  });
  if (d.rows.length > 1) {
    wb.heading(M.mean);
    wb.result(kind === 'kl' ? `D_KL = ${n(d.kl)}` : `H(P, Q) = ${n(d.crossEntropy)}`);
  }
  wb.heading(M.why);
  wb.note(M.oneHot);
  wb.note(M.sameMin);
  wb.note(kind === 'kl' ? M.klDiv : M.crossEntropy);
  return wb.build();
}
