/**
 * Worked solutions for the SVM and softmax losses, the initialisation check
 * and the notes' SVM questions Q1–Q5, all built from core/loss.ts.
 */
import { fmtNum, paren } from './format';
import { initCheck, svmLoss, type InitCheck, type SoftmaxResult, type SvmOptions, type SvmResult } from './loss';
import { fmtVec } from './numlist';
import { addRegularizationSteps, type RegResult } from './regularization';
import { WorkedBuilder, type Worked } from './worked';

const n = (x: number) => fmtNum(x, 6);

function batchMean(wb: WorkedBuilder, losses: number[], loss: number): void {
  if (losses.length === 1) return;
  wb.heading('Mean over the batch');
  wb.formula('L = (1/N) Σ_i L_i');
  wb.step(`= (${losses.map((l) => n(l)).join(' + ')})/${losses.length}`);
  wb.result(`L = ${n(loss)}`);
}

/** Every margin term of every sample, the per-sample losses and the mean. */
export function explainSvm(r: SvmResult, reg?: RegResult): Worked {
  const sq = r.squared ? '²' : '';
  const wb = new WorkedBuilder(r.squared ? 'Multiclass SVM loss (squared hinge)' : 'Multiclass SVM (hinge) loss');
  wb.note(`Given: ${r.samples.length} sample${r.samples.length === 1 ? '' : 's'}, C = ${r.classes} classes (0-based labels), Δ = ${n(r.delta)}.`);
  wb.formula(`L_i = Σ_{j≠y_i} max(0, s_j − s_{y_i} + Δ)${sq}   (summed over the wrong classes, not divided by C)`);
  r.samples.forEach((s, i) => {
    wb.heading(`Sample ${i + 1}: s = ${fmtVec(s.scores)}, y = ${s.label} (s_y = ${n(s.scores[s.label]!)})`);
    for (const t of s.terms) {
      const hinge = Math.max(0, t.margin);
      wb.step(`j=${t.j}: max(0, ${paren(s.scores[t.j]!)} − ${paren(s.scores[s.label]!)} + ${n(r.delta)})${sq} = max(0, ${n(t.margin)})${sq} = ${n(t.term)}${r.squared && hinge > 0 ? ` (${n(hinge)}²)` : ''}`);
    }
    wb.result(`L_${i + 1} = ${s.terms.map((t) => n(t.term)).join(' + ')} = ${n(s.loss)}`);
  });
  batchMean(wb, r.losses, r.loss);
  if (r.samples.length === 1) wb.note(`∂L_1/∂s = ${fmtVec(r.samples[0]!.dscores)}  (${r.squared ? '2·max(0, margin)' : '1 per positive margin'} for each wrong class, minus their sum for the true class)`);
  wb.note(`PyTorch: nn.MultiMarginLoss(p=${r.squared ? 2 : 1}, margin=${n(r.delta)}) divides each L_i by C = ${r.classes}: it gives ${n(r.pytorchLoss)}. The notes and CS231n do not divide.`);
  if (reg) addRegularizationSteps(wb, reg, r.loss);
  return wb.build();
}

/** Exponentials, probabilities, −ln p_y per sample, and the mean. */
export function explainSoftmax(r: SoftmaxResult, reg?: RegResult): Worked {
  const wb = new WorkedBuilder('Softmax (cross-entropy) loss');
  wb.note(`Given: ${r.samples.length} sample${r.samples.length === 1 ? '' : 's'}, C = ${r.classes} classes (0-based labels); ln is the natural log.`);
  wb.formula('L_i = −ln( e^{s_{y_i}} / Σ_j e^{s_j} ) = −s_{y_i} + ln Σ_j e^{s_j}');
  r.samples.forEach((s, i) => {
    wb.heading(`Sample ${i + 1}: s = ${fmtVec(s.scores)}, y = ${s.label}`);
    const raw = Math.abs(s.shift) <= 50;
    if (raw) {
      const e = s.scores.map((v) => Math.exp(v));
      wb.step(`e^s = ${fmtVec(e)}`);
      wb.step(`Σ e^s = ${n(e.reduce((a, b) => a + b, 0))}`);
    } else {
      wb.note(`The scores are large: subtract max s = ${n(s.shift)} first (softmax does not change; e^s alone would overflow).`);
      wb.step(`e^(s − ${n(s.shift)}) = ${fmtVec(s.exps)},  Σ = ${n(s.sumExp)}`);
    }
    wb.step(`p = e^s / Σ e^s = ${fmtVec(s.probs)}`);
    if (raw) {
      wb.result(`L_${i + 1} = −ln p_${s.label} = −ln ${n(s.probs[s.label]!)} = ${n(s.loss)}`);
    } else {
      // p_y may round to 0 or 1 here: the log-sum-exp form keeps every digit.
      const m = n(s.shift);
      wb.result(`L_${i + 1} = ln Σ e^(s − ${m}) − (s_${s.label} − ${m}) = ln ${n(s.sumExp)} − (${n(s.scores[s.label]! - s.shift)}) = ${n(s.loss)}`);
    }
  });
  batchMean(wb, r.losses, r.loss);
  if (r.samples.length === 1) wb.note(`∂L_1/∂s = p − onehot(y) = ${fmtVec(r.samples[0]!.dscores)}`);
  wb.note("PyTorch: nn.CrossEntropyLoss takes the raw scores (logits) and applies log-softmax itself (stable log-sum-exp); reduction='mean' averages over the batch.");
  wb.note('Some CS231n slides write −log(0.13) = 0.89 with log base 10; the notes and PyTorch use ln: 2.04.');
  if (reg) addRegularizationSteps(wb, reg, r.loss);
  return wb.build();
}

/** The notes' Q4: the loss to expect at initialisation. */
export function explainInitCheck(c: InitCheck): Worked {
  const wb = new WorkedBuilder(`Loss at initialisation (${c.kind === 'svm' ? 'SVM' : 'softmax'}, C = ${c.classes})`);
  wb.note('With small random W every score is ≈ 0.');
  if (c.kind === 'svm') {
    wb.formula(`each wrong class: max(0, 0 − 0 + Δ)${c.squared ? '²' : ''} = ${c.squared ? 'Δ²' : 'Δ'}, and there are C − 1 of them`);
    wb.result(`L ≈ (C − 1)·${c.squared ? 'Δ²' : 'Δ'} = ${c.classes - 1} × ${n(c.squared ? c.delta * c.delta : c.delta)} = ${n(c.loss)}`);
  } else {
    wb.formula('every class gets p_j = 1/C');
    wb.result(`L ≈ −ln(1/C) = ln C = ln ${c.classes} = ${n(c.loss)}`);
  }
  wb.note('Sanity check: if the first iteration reports a very different loss, look for a bug.');
  return wb.build();
}

/** The notes' SVM questions Q1–Q5, answered with one sample's numbers. */
export function explainSvmQuestions(scores: number[], label: number, opts: SvmOptions = {}): Worked {
  const r = svmLoss([scores], [label], opts);
  const s = r.samples[0]!;
  const d = r.delta;
  const c = r.classes;
  const wb = new WorkedBuilder(`The notes' SVM questions with s = ${fmtVec(scores)}, y = ${label}, Δ = ${n(d)}`);
  wb.note(`Here L_i = ${n(s.loss)}${r.squared ? ' (squared hinge)' : ''}.`);

  wb.heading('Q1: the smallest and largest possible loss');
  const others = scores.filter((_, j) => j !== label);
  const need = Math.max(...others) + d;
  const atNeed = svmLoss([scores.map((v, j) => (j === label ? need : v))], [label], opts).losses[0]!;
  wb.step(`min 0: every term is max(0, ·) ≥ 0; raising s_y to max_{j≠y} s_j + Δ = ${n(need)} gives L_i = ${n(atNeed)}.`);
  const wrong = label === 0 ? 1 : 0;
  const up = svmLoss([scores.map((v, j) => (j === wrong ? v + 100 : v))], [label], opts).losses[0]!;
  wb.step(`max +∞: raising a wrong score s_${wrong} by 100 gives L_i = ${n(up)}; the loss grows without bound.`);

  wb.heading('Q2: mean over the wrong classes instead of the sum');
  wb.step(`L_i/(C − 1) = ${n(s.loss)}/${c - 1} = ${n(s.loss / (c - 1))}: every loss and gradient shrinks by the factor 1/(C − 1).`);
  wb.note('The best W does not change; only the balance against λR(W) shifts (as if λ were multiplied by C − 1).');

  wb.heading('Q3: squared hinge');
  const sq = svmLoss([scores], [label], { delta: d, squared: !r.squared }).losses[0]!;
  const [plain, squared] = r.squared ? [sq, s.loss] : [s.loss, sq];
  wb.step(`Σ max(0, ·)² = ${n(squared)} (plain hinge ${n(plain)}): large violations cost quadratically more, violations below 1 cost less.`);

  wb.heading('Q4: the loss at initialisation');
  const init = initCheck('svm', c, opts);
  wb.step(`all s ≈ 0 → each of the C − 1 = ${c - 1} terms is ${r.squared ? 'Δ²' : 'Δ'} → L ≈ ${n(init.loss)}`);

  wb.heading('Q5: summing over all classes, including j = y');
  const extra = r.squared ? d * d : d;
  wb.step(`the extra term is max(0, s_y − s_y + Δ)${r.squared ? '²' : ''} = ${n(extra)} → L_i = ${n(s.loss)} + ${n(extra)} = ${n(s.loss + extra)}`);
  wb.note(`Every sample gains exactly ${r.squared ? 'Δ²' : 'Δ'}: the minimum becomes ${r.squared ? 'Δ²' : 'Δ'}, not 0; gradients are unchanged.`);
  return wb.build();
}
