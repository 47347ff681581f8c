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
import { differs, type SlipDef } from './slip-defs';
import { msg } from './text';
import { WorkedBuilder, type Worked } from './worked';

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
  if (rows.length === 0 || rows[0]!.length === 0) throw new InputError(field, 'no probabilities given');
  rows.forEach((row, i) => {
    const which = rows.length > 1 ? `row ${i + 1}` : 'the distribution';
    if (row.some((v) => !Number.isFinite(v) || v < 0)) throw new InputError(field, `${which} has a negative or non-finite probability; probabilities are in [0, 1]`);
    const total = row.reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > SUM_TOL) throw new InputError(field, `${which} sums to ${fmtNum(total)}, not 1 (pass --normalize to rescale it)`);
  });
}

/** Rescales non-negative rows to sum to 1. */
export function normalizeRows(field: string, rows: number[][]): number[][] {
  return rows.map((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    if (row.some((v) => !Number.isFinite(v) || v < 0) || !(total > 0)) {
      throw new InputError(field, `row ${i + 1} cannot be normalised: values must be non-negative with a positive sum`);
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
  if (P.length !== Q.length) throw new InputError('q', `--p has ${P.length} row${P.length === 1 ? '' : 's'} but --q has ${Q.length}; give one Q per P`);
  if (P[0]!.length !== Q[0]!.length) throw new InputError('q', `P has ${P[0]!.length} outcomes but Q has ${Q[0]!.length}; they must have the same length`);
  const rows = P.map((p, i) => row(p, Q[i]!));
  return { rows, entropy: mean(rows.map((r) => r.entropy)), crossEntropy: mean(rows.map((r) => r.crossEntropy)), kl: mean(rows.map((r) => r.kl)) };
}

const n = (x: number) => fmtNum(x, 6);

/** The worked KL divergence or cross-entropy, with the identity that links them. */
export function explainDivergence(kind: 'kl' | 'ce', d: DivergenceResult): Worked {
  const wb = new WorkedBuilder(kind === 'kl' ? 'KL divergence D_KL(P‖Q)' : 'Cross-entropy H(P, Q)');
  wb.formula(kind === 'kl' ? 'D_KL(P‖Q) = Σ_x P(x) ln(P(x)/Q(x))   (natural log: nats)' : 'H(P, Q) = −Σ_x P(x) ln Q(x)   (natural log: nats)');
  d.rows.forEach((r, i) => {
    if (d.rows.length > 1) wb.heading(`Row ${i + 1}`);
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
    if (idx.length < r.p.length) wb.note('Outcomes with P(x) = 0 contribute 0 (0·ln 0 = 0).');
    if (!Number.isFinite(r.kl)) wb.warn('Q(x) = 0 where P(x) > 0: the divergence is infinite.');
    wb.step(`H(P) = −Σ P ln P = ${n(r.entropy)}`);
    wb.step(`H(P, Q) = H(P) + D_KL(P‖Q): ${n(r.crossEntropy)} = ${n(r.entropy)} + ${n(r.kl)}`);
    wb.note(`Not symmetric: D_KL(Q‖P) = ${n(r.reverseKl)}.`);
  });
  if (d.rows.length > 1) {
    wb.heading('Mean over the rows');
    wb.result(kind === 'kl' ? `D_KL = ${n(d.kl)}` : `H(P, Q) = ${n(d.crossEntropy)}`);
  }
  wb.heading('Why the notes meet KL next to softmax');
  wb.note('With a one-hot P (the true label y), H(P) = 0 and H(P, Q) = −ln Q(y): exactly the softmax loss.');
  wb.note('Since H(P) does not depend on the model, minimising cross-entropy is minimising D_KL(P‖Q).');
  wb.note(kind === 'kl'
    ? "PyTorch: F.kl_div(Q.log(), P, reduction='batchmean'); the input is ln Q and comes first. reduction='mean' divides by the element count and is not the KL."
    : 'PyTorch: F.cross_entropy(logits, P) accepts class probabilities as the target (since 1.10); with class indices it is the softmax loss.');
  return wb.build();
}

// ---- slips ----------------------------------------------------------------

const SLIP = {
  log10: msg((slipped: string, right: string) => `looks like log base 10 was used: ${slipped}; entropy, cross-entropy and KL here use the natural log (nats): ${right}`,
    (slipped, right) => `看起来用了以 10 为底的对数：${slipped}；这里的熵、交叉熵和 KL 用自然对数（单位 nat）：${right}`),
  reversed: msg((slipped: string, right: string) => `looks like the arguments were swapped: D_KL(Q‖P) = ${slipped}; KL is not symmetric, D_KL(P‖Q) = Σ P ln(P/Q) = ${right}`,
    (slipped, right) => `看起来把两个分布的位置对调了：D_KL(Q‖P) = ${slipped}；KL 不对称，D_KL(P‖Q) = Σ P ln(P/Q) = ${right}`),
};

/** A value computed with logarithms: the same value in log base 10. */
export function log10Slip<I>(value: (inputs: I) => number): SlipDef<I> {
  return {
    id: 'log10-instead-of-ln',
    value: (i) => { const v = value(i); return Number.isFinite(v) && differs(v / Math.LN10, v) ? v / Math.LN10 : undefined; },
    text: (i, v) => SLIP.log10(fmtNum(v as number, 4), fmtNum(value(i), 4)),
  };
}

/** D_KL(P‖Q) (the mean over rows, or one row) answered as D_KL(Q‖P). */
export const klSlips: readonly SlipDef<{ d: DivergenceResult; row?: number }>[] = [
  log10Slip(({ d, row }) => (row === undefined ? d.kl : d.rows[row]!.kl)),
  {
    id: 'kl-reversed',
    value: ({ d, row }) => { const v = row === undefined ? mean(d.rows.map((r) => r.reverseKl)) : d.rows[row]!.reverseKl; return Number.isFinite(v) ? v : undefined; },
    text: ({ d, row }, v) => SLIP.reversed(fmtNum(v as number, 4), fmtNum(row === undefined ? d.kl : d.rows[row]!.kl, 4)),
  },
];
