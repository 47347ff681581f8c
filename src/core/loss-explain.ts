/**
 * Worked solutions for the SVM and softmax losses, the initialisation check
 * and the notes' SVM questions Q1–Q5, all built from core/loss.ts.
 */
import { fmtNum, paren } from './format';
import { initCheck, svmLoss, type InitCheck, type SoftmaxResult, type SvmOptions, type SvmResult } from './loss';
import { fmtVec } from './numlist';
import { addRegularizationSteps, type RegResult } from './regularization';
import { bi, msg } from './text';
import { WorkedBuilder, type Worked } from './worked';

/** The texts of the losses' worked solutions, in both languages. */
const M = {
  batchMean: bi('Mean over the batch', '对批求平均'),
  svmTitle: bi('Multiclass SVM (hinge) loss', '多类 SVM（合页）损失'),
  svmTitleSq: bi('Multiclass SVM loss (squared hinge)', '多类 SVM 损失（平方合页损失）'),
  svmGiven: msg((n: number, c: number, d: string) => `Given: ${n} sample${n === 1 ? '' : 's'}, C = ${c} classes (0-based labels), Δ = ${d}.`,
    (n, c, d) => `已知：${n} 个样本，C = ${c} 个类别（标签从 0 开始），Δ = ${d}。`),
  svmFormula: msg((sq: string) => `L_i = Σ_{j≠y_i} max(0, s_j − s_{y_i} + Δ)${sq}   (summed over the wrong classes, not divided by C)`,
    (sq) => `L_i = Σ_{j≠y_i} max(0, s_j − s_{y_i} + Δ)${sq}   （对错误类别求和，不除以 C）`),
  sample: msg((i: number, s: string, y: number) => `Sample ${i}: s = ${s}, y = ${y}`, (i, s, y) => `样本 ${i}：s = ${s}，y = ${y}`),
  sampleSy: msg((i: number, s: string, y: number, sy: string) => `Sample ${i}: s = ${s}, y = ${y} (s_y = ${sy})`, (i, s, y, sy) => `样本 ${i}：s = ${s}，y = ${y}（s_y = ${sy}）`),
  svmGrad: msg((grad: string, squared: boolean) => `∂L_1/∂s = ${grad}  (${squared ? '2·max(0, margin)' : '1 per positive margin'} for each wrong class, minus their sum for the true class)`,
    (grad, squared) => `∂L_1/∂s = ${grad}（每个错误类别${squared ? '取 2·max(0, margin)' : '在间隔项为正时取 1'}，正确类别取它们之和的相反数）`),
  multiMargin: msg((p: number, d: string, c: number, loss: string) => `PyTorch: nn.MultiMarginLoss(p=${p}, margin=${d}) divides each L_i by C = ${c}: it gives ${loss}. The notes and CS231n do not divide.`,
    (p, d, c, loss) => `PyTorch：nn.MultiMarginLoss(p=${p}, margin=${d}) 把每个 L_i 除以 C = ${c}：得到 ${loss}。笔记和 CS231n 不除。`),
  softmaxTitle: bi('Softmax (cross-entropy) loss', 'Softmax（交叉熵）损失'),
  softmaxGiven: msg((n: number, c: number) => `Given: ${n} sample${n === 1 ? '' : 's'}, C = ${c} classes (0-based labels); ln is the natural log.`,
    (n, c) => `已知：${n} 个样本，C = ${c} 个类别（标签从 0 开始）；ln 是自然对数。`),
  large: msg((shift: string) => `The scores are large: subtract max s = ${shift} first (softmax does not change; e^s alone would overflow).`,
    (shift) => `分数很大：先减去 max s = ${shift}（softmax 不变；直接算 e^s 会溢出）。`),
  crossEntropy: bi("PyTorch: nn.CrossEntropyLoss takes the raw scores (logits) and applies log-softmax itself (stable log-sum-exp); reduction='mean' averages over the batch.",
    "PyTorch：nn.CrossEntropyLoss 接收原始分数（logits），自己做 log-softmax（数值稳定的 log-sum-exp）；reduction='mean' 对批求平均。"),
  log10: bi('Some CS231n slides write −log(0.13) = 0.89 with log base 10; the notes and PyTorch use ln: 2.04.', '有些 CS231n 课件用以 10 为底的对数写 −log(0.13) = 0.89；笔记和 PyTorch 用 ln：2.04。'),
  initTitle: msg((kind: string, c: number) => `Loss at initialisation (${kind}, C = ${c})`, (kind, c) => `初始化时的损失（${kind}，C = ${c}）`),
  smallW: bi('With small random W every score is ≈ 0.', 'W 是很小的随机数时，每个分数都 ≈ 0。'),
  eachWrong: msg((sq: string, d: string) => `each wrong class: max(0, 0 − 0 + Δ)${sq} = ${d}, and there are C − 1 of them`, (sq, d) => `每个错误类别：max(0, 0 − 0 + Δ)${sq} = ${d}，共有 C − 1 个`),
  uniform: bi('every class gets p_j = 1/C', '每个类别都是 p_j = 1/C'),
  sanity: bi('Sanity check: if the first iteration reports a very different loss, look for a bug.', '合理性检查：如果第一次迭代的损失与此相差很大，就该找 bug 了。'),
  qTitle: msg((s: string, y: number, d: string) => `The notes' SVM questions with s = ${s}, y = ${y}, Δ = ${d}`, (s, y, d) => `笔记中的 SVM 问题：s = ${s}，y = ${y}，Δ = ${d}`),
  here: msg((loss: string, squared: boolean) => `Here L_i = ${loss}${squared ? ' (squared hinge)' : ''}.`, (loss, squared) => `这里 L_i = ${loss}${squared ? '（平方合页损失）' : ''}。`),
  q1: bi('Q1: the smallest and largest possible loss', 'Q1：损失的最小值和最大值'),
  q1min: msg((need: string, at: string) => `min 0: every term is max(0, ·) ≥ 0; raising s_y to max_{j≠y} s_j + Δ = ${need} gives L_i = ${at}.`,
    (need, at) => `最小值 0：每一项都是 max(0, ·) ≥ 0；把 s_y 提高到 max_{j≠y} s_j + Δ = ${need}，得到 L_i = ${at}。`),
  q1max: msg((j: number, up: string) => `max +∞: raising a wrong score s_${j} by 100 gives L_i = ${up}; the loss grows without bound.`,
    (j, up) => `最大值 +∞：把错误类别的分数 s_${j} 提高 100，得到 L_i = ${up}；损失可以无限增大。`),
  q2: bi('Q2: mean over the wrong classes instead of the sum', 'Q2：对错误类别求平均而不是求和'),
  q2step: msg((expr: string) => `${expr}: every loss and gradient shrinks by the factor 1/(C − 1).`, (expr) => `${expr}：每个损失和梯度都缩小为原来的 1/(C − 1)。`),
  q2note: bi('The best W does not change; only the balance against λR(W) shifts (as if λ were multiplied by C − 1).', '最优的 W 不变；只是与 λR(W) 的平衡变了（相当于 λ 乘以 C − 1）。'),
  q3: bi('Q3: squared hinge', 'Q3：平方合页损失'),
  q3step: msg((sq: string, plain: string) => `Σ max(0, ·)² = ${sq} (plain hinge ${plain}): large violations cost quadratically more, violations below 1 cost less.`,
    (sq, plain) => `Σ max(0, ·)² = ${sq}（普通合页损失为 ${plain}）：大的违反按平方加重惩罚，小于 1 的违反惩罚更轻。`),
  q4: bi('Q4: the loss at initialisation', 'Q4：初始化时的损失'),
  q4step: msg((terms: number, d: string, loss: string) => `all s ≈ 0 → each of the C − 1 = ${terms} terms is ${d} → L ≈ ${loss}`, (terms, d, loss) => `所有 s ≈ 0 → C − 1 = ${terms} 项中每一项都是 ${d} → L ≈ ${loss}`),
  q5: bi('Q5: summing over all classes, including j = y', 'Q5：对所有类别求和，包括 j = y'),
  q5step: msg((sq: string, extra: string, sum: string) => `the extra term is max(0, s_y − s_y + Δ)${sq} = ${extra} → ${sum}`, (sq, extra, sum) => `多出的一项是 max(0, s_y − s_y + Δ)${sq} = ${extra} → ${sum}`),
  q5note: msg((d: string) => `Every sample gains exactly ${d}: the minimum becomes ${d}, not 0; gradients are unchanged.`, (d) => `每个样本恰好多出 ${d}：最小值变成 ${d} 而不是 0；梯度不变。`),
};

const n = (x: number) => fmtNum(x, 6);

function batchMean(wb: WorkedBuilder, losses: number[], loss: number): void {
  if (losses.length === 1) return;
  wb.heading(M.batchMean);
  wb.formula('L = (1/N) Σ_i L_i');
  wb.step(`= (${losses.map((l) => n(l)).join(' + ')})/${losses.length}`);
  wb.result(`L = ${n(loss)}`);
}

/** Every margin term of every sample, the per-sample losses and the mean. */
export function explainSvm(r: SvmResult, reg?: RegResult): Worked {
  const sq = r.squared ? '²' : '';
  const wb = new WorkedBuilder(r.squared ? M.svmTitleSq : M.svmTitle);
  wb.note(M.svmGiven(r.samples.length, r.classes, n(r.delta)));
  wb.formula(M.svmFormula(sq));
  r.samples.forEach((s, i) => {
    wb.heading(M.sampleSy(i + 1, fmtVec(s.scores), s.label, n(s.scores[s.label]!)));
    for (const t of s.terms) {
      const hinge = Math.max(0, t.margin);
      wb.step(`j=${t.j}: max(0, ${paren(s.scores[t.j]!)} − ${paren(s.scores[s.label]!)} + ${n(r.delta)})${sq} = max(0, ${n(t.margin)})${sq} = ${n(t.term)}${r.squared && hinge > 0 ? ` (${n(hinge)}²)` : ''}`);
    }
    wb.result(`L_${i + 1} = ${s.terms.map((t) => n(t.term)).join(' + ')} = ${n(s.loss)}`);
  });
  batchMean(wb, r.losses, r.loss);
  if (r.samples.length === 1) wb.note(M.svmGrad(fmtVec(r.samples[0]!.dscores), r.squared));
  wb.note(M.multiMargin(r.squared ? 2 : 1, n(r.delta), r.classes, n(r.pytorchLoss)));
  if (reg) addRegularizationSteps(wb, reg, r.loss);
  return wb.build();
}

/** Exponentials, probabilities, −ln p_y per sample, and the mean. */
export function explainSoftmax(r: SoftmaxResult, reg?: RegResult): Worked {
  const wb = new WorkedBuilder(M.softmaxTitle);
  wb.note(M.softmaxGiven(r.samples.length, r.classes));
  wb.formula('L_i = −ln( e^{s_{y_i}} / Σ_j e^{s_j} ) = −s_{y_i} + ln Σ_j e^{s_j}');
  r.samples.forEach((s, i) => {
    wb.heading(M.sample(i + 1, fmtVec(s.scores), s.label));
    const raw = Math.abs(s.shift) <= 50;
    if (raw) {
      const e = s.scores.map((v) => Math.exp(v));
      wb.step(`e^s = ${fmtVec(e)}`);
      wb.step(`Σ e^s = ${n(e.reduce((a, b) => a + b, 0))}`);
    } else {
      wb.note(M.large(n(s.shift)));
      wb.step(`e^(s − ${n(s.shift)}) = ${fmtVec(s.exps)},  Σ = ${n(s.sumExp)}`);
    }
    wb.step(`p = e^s / Σ e^s = ${fmtVec(s.probs)}`);
    wb.result(`L_${i + 1} = −ln p_${s.label} = −ln ${n(s.probs[s.label]!)} = ${n(s.loss)}`);
  });
  batchMean(wb, r.losses, r.loss);
  if (r.samples.length === 1) wb.note(`∂L_1/∂s = p − onehot(y) = ${fmtVec(r.samples[0]!.dscores)}`);
  wb.note(M.crossEntropy);
  wb.note(M.log10);
  if (reg) addRegularizationSteps(wb, reg, r.loss);
  return wb.build();
}

/** The notes' Q4: the loss to expect at initialisation. */
export function explainInitCheck(c: InitCheck): Worked {
  const wb = new WorkedBuilder(M.initTitle(c.kind === 'svm' ? 'SVM' : 'softmax', c.classes));
  wb.note(M.smallW);
  if (c.kind === 'svm') {
    wb.formula(M.eachWrong(c.squared ? '²' : '', c.squared ? 'Δ²' : 'Δ'));
    wb.result(`L ≈ (C − 1)·${c.squared ? 'Δ²' : 'Δ'} = ${c.classes - 1} × ${n(c.squared ? c.delta * c.delta : c.delta)} = ${n(c.loss)}`);
  } else {
    wb.formula(M.uniform);
    wb.result(`L ≈ −ln(1/C) = ln C = ln ${c.classes} = ${n(c.loss)}`);
  }
  wb.note(M.sanity);
  return wb.build();
}

/** The notes' SVM questions Q1–Q5, answered with one sample's numbers. */
export function explainSvmQuestions(scores: number[], label: number, opts: SvmOptions = {}): Worked {
  const r = svmLoss([scores], [label], opts);
  const s = r.samples[0]!;
  const d = r.delta;
  const c = r.classes;
  const wb = new WorkedBuilder(M.qTitle(fmtVec(scores), label, n(d)));
  wb.note(M.here(n(s.loss), r.squared));

  wb.heading(M.q1);
  const others = scores.filter((_, j) => j !== label);
  const need = Math.max(...others) + d;
  const atNeed = svmLoss([scores.map((v, j) => (j === label ? need : v))], [label], opts).losses[0]!;
  wb.step(M.q1min(n(need), n(atNeed)));
  const wrong = label === 0 ? 1 : 0;
  const up = svmLoss([scores.map((v, j) => (j === wrong ? v + 100 : v))], [label], opts).losses[0]!;
  wb.step(M.q1max(wrong, n(up)));

  wb.heading(M.q2);
  wb.step(M.q2step(`L_i/(C − 1) = ${n(s.loss)}/${c - 1} = ${n(s.loss / (c - 1))}`));
  wb.note(M.q2note);

  wb.heading(M.q3);
  const sq = svmLoss([scores], [label], { delta: d, squared: !r.squared }).losses[0]!;
  const [plain, squared] = r.squared ? [sq, s.loss] : [s.loss, sq];
  wb.step(M.q3step(n(squared), n(plain)));

  wb.heading(M.q4);
  const init = initCheck('svm', c, opts);
  wb.step(M.q4step(c - 1, r.squared ? 'Δ²' : 'Δ', n(init.loss)));

  wb.heading(M.q5);
  const extra = r.squared ? d * d : d;
  wb.step(M.q5step(r.squared ? '²' : '', n(extra), `L_i = ${n(s.loss)} + ${n(extra)} = ${n(s.loss + extra)}`));
  wb.note(M.q5note(r.squared ? 'Δ²' : 'Δ'));
  return wb.build();
}
