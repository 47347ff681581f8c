/** dlnotes loss: SVM and softmax losses, KL / cross-entropy, regularization, the init check. */
import type { Quantity } from '../core/check';
import { divergences, explainDivergence, normalizeRows, type DivergenceResult } from '../core/divergence';
import { initCheck, softmaxLoss, svmLoss, type InitCheck, type LossKind, type SoftmaxResult, type SvmResult } from '../core/loss';
import { explainInitCheck, explainSoftmax, explainSvm, explainSvmQuestions } from '../core/loss-explain';
import { tidyDeep } from '../core/numlist';
import { regularize, addRegularizationSteps, type RegKind, type RegResult } from '../core/regularization';
import { bi, msg } from '../core/text';
import { WorkedBuilder, type Worked } from '../core/worked';
import { UsageError } from '../errors';
import { renderWorked } from '../render/worked';
import { choiceFlag, intFlag, matrixFlag, numFlag, numListFlag, requiredFlag, withFlags } from './flags';
import { emit, type Outcome } from './output';

/** The texts of this command, in both languages. */
const M = {
  nameLoss: msg((kinds: string) => `loss: name a loss: ${kinds} (e.g. dlnotes loss svm --scores 3.2,5.1,-1.7 --label 0)`,
    (kinds) => `请指定一种损失：${kinds}（例如 dlnotes loss svm --scores 3.2,5.1,-1.7 --label 0）`),
  unknown: msg((raw: string, kinds: string) => `loss: unknown loss "${raw}"; expected one of ${kinds}`, (raw, kinds) => `未知的损失 "${raw}"；应为 ${kinds} 之一`),
  needReg: bi('--lambda and --weights need --reg l1 or --reg l2', '--lambda 和 --weights 需要配合 --reg l1 或 --reg l2 使用'),
  lambda: bi('--lambda is required with --reg (the regularization strength, e.g. --lambda 0.1)', '使用 --reg 时需要 --lambda（正则化强度，例如 --lambda 0.1）'),
  weights: bi('--weights is required with --reg (e.g. --weights "0.2,-0.5; 1.5,1.3")', '使用 --reg 时需要 --weights（例如 --weights "0.2,-0.5; 1.5,1.3"）'),
  scores: bi('class scores, e.g. --scores 3.2,5.1,-1.7; separate samples with ";"', '各类别的分数，例如 --scores 3.2,5.1,-1.7；多个样本用 ";" 分隔'),
  labelOrLabels: bi('give --label or --labels, not both', '--label 和 --labels 只能给一个'),
  label: bi('the correct class index, 0-based; --labels 0,1 for several samples', '正确类别的下标，从 0 开始；多个样本用 --labels 0,1'),
  total: bi('loss L = data loss + λR(W)', '损失 L = 数据损失 + λR(W)'),
  data: bi('data loss (1/N)Σ L_i', '数据损失 (1/N)Σ L_i'),
  loss: bi('loss L', '损失 L'),
  py: msg((y: number) => `p_${y} (probability of the true class)`, (y) => `p_${y}（正确类别的概率）`),
  probs: bi('probabilities', '概率'),
  initKind: bi('--init-check applies to svm or softmax', '--init-check 只用于 svm 或 softmax'),
  classes: bi('--classes is required with --init-check (the number of classes C, e.g. --classes 10)', '使用 --init-check 时需要 --classes（类别数 C，例如 --classes 10）'),
  initLoss: bi('loss at initialisation', '初始化时的损失'),
  initSvm: bi('SVM loss at initialisation', '初始化时的 SVM 损失'),
  initSoftmax: bi('softmax loss at initialisation', '初始化时的 softmax 损失'),
  questions: bi("--questions: the notes' Q1–Q5 are about the SVM loss (dlnotes loss svm --questions)", '--questions：笔记的 Q1–Q5 讲的是 SVM 损失（dlnotes loss svm --questions）'),
  regKind: bi('--reg adds to the svm or softmax loss (or use dlnotes loss reg)', '--reg 加在 svm 或 softmax 损失上（或者用 dlnotes loss reg）'),
  svmOnly: bi('--delta and --squared belong to the SVM loss (dlnotes loss svm)', '--delta 和 --squared 属于 SVM 损失（dlnotes loss svm）'),
  pq: bi('--p and --q are required (two distributions, e.g. --p 0.2,0.8 --q 0.5,0.5)', '需要 --p 和 --q（两个分布，例如 --p 0.2,0.8 --q 0.5,0.5）'),
  reg: bi('--reg is required (l1 or l2), with --lambda and --weights', '需要 --reg（l1 或 l2），以及 --lambda 和 --weights'),
  regTitle: msg((kind: string) => `${kind} regularization`, (kind) => `${kind} 正则化`),
};

export interface LossFlags {
  scores?: string; label?: string; labels?: string; delta?: string; squared?: boolean;
  p?: string; q?: string; normalize?: boolean;
  reg?: string; lambda?: string; weights?: string; dataLoss?: string;
  initCheck?: boolean; classes?: string; questions?: boolean;
  json?: boolean; answer?: string;
}

const KINDS = ['svm', 'softmax', 'kl', 'ce', 'reg'] as const;
type Kind = (typeof KINDS)[number];

/** CS231n's cat image, used by --questions when no scores are given. */
const CS231N_CAT = { scores: [3.2, 5.1, -1.7], label: 0 };

function readKind(raw: string | undefined, o: LossFlags): Kind | undefined {
  if (raw === undefined) {
    if (o.initCheck) return undefined;
    throw new UsageError(M.nameLoss(KINDS.join(', ')));
  }
  const k = raw.trim().toLowerCase();
  if (!(KINDS as readonly string[]).includes(k)) throw new UsageError(M.unknown(raw, KINDS.join(', ')));
  return k as Kind;
}

function readReg(o: LossFlags): RegResult | undefined {
  const kind = choiceFlag<RegKind>('reg', o.reg, ['l1', 'l2']);
  if (kind === undefined) {
    if (o.lambda !== undefined || o.weights !== undefined) throw new UsageError(M.needReg, o.lambda !== undefined ? 'lambda' : 'weights');
    return undefined;
  }
  const lambda = numFlag('lambda', o.lambda, { min: 0 });
  if (lambda === undefined) throw new UsageError(M.lambda, 'lambda');
  const weights = matrixFlag('weights', o.weights);
  if (weights === undefined) throw new UsageError(M.weights, 'weights');
  return withFlags(() => regularize(kind, lambda, weights));
}

function readBatch(o: LossFlags): { scores: number[][]; labels: number[]; labelFlag: string } {
  const scores = matrixFlag('scores', o.scores);
  if (scores === undefined) throw requiredFlag('scores', M.scores);
  if (o.label !== undefined && o.labels !== undefined) throw new UsageError(M.labelOrLabels, 'labels');
  const labelFlag = o.label !== undefined ? 'label' : 'labels';
  const labels = numListFlag(labelFlag, o.label ?? o.labels);
  if (labels === undefined) throw requiredFlag('label', M.label);
  return { scores, labels, labelFlag };
}

const lossKeys = (losses: number[]): Record<string, Quantity> => Object.fromEntries(
  losses.map((l, i) => [`loss${i + 1}`, { label: `L_${i + 1}`, expected: l, aliases: [`l${i + 1}`, `l_${i + 1}`] }]),
);

function withReg(q: Record<string, Quantity>, dataLoss: number, reg?: RegResult): Record<string, Quantity> {
  if (!reg) return q;
  return {
    ...q,
    loss: { label: M.total, expected: dataLoss + reg.penalty, aliases: ['total', 'l'] },
    data: { label: M.data, expected: dataLoss, aliases: ['data_loss'] },
    ...regQuantities(reg),
  };
}

/** Checkable quantities of an SVM loss (and its regularization), for --answer and the homework checker. */
export function svmQuantities(r: SvmResult, reg?: RegResult): Record<string, Quantity> {
  return withReg({ loss: { label: M.loss, expected: r.loss, aliases: ['l', 'mean'] }, ...lossKeys(r.losses) }, r.loss, reg);
}

/** Checkable quantities of a softmax loss: the losses, and p_y and the probabilities of a single sample. */
export function softmaxQuantities(r: SoftmaxResult, reg?: RegResult): Record<string, Quantity> {
  const q: Record<string, Quantity> = { loss: { label: M.loss, expected: r.loss, aliases: ['l', 'mean'] }, ...lossKeys(r.losses) };
  if (r.samples.length === 1) {
    const s = r.samples[0]!;
    q.py = { label: M.py(s.label), expected: s.probs[s.label]!, aliases: ['prob', 'p_y'] };
    q.probs = { label: M.probs, expected: [s.probs], aliases: ['p'] };
    s.probs.forEach((p, j) => { q[`p${j}`] = { label: `p_${j}`, expected: p, aliases: [`p_${j}`] }; });
  }
  return withReg(q, r.loss, reg);
}

/** Checkable quantities of a regularization term. */
export function regQuantities(reg: RegResult): Record<string, Quantity> {
  return {
    r: { label: 'R(W)', expected: reg.r },
    penalty: { label: 'λR(W)', expected: reg.penalty, aliases: ['reg'] },
    grad: { label: '∂(λR)/∂W', expected: [reg.grad.flat()], aliases: ['gradient', 'dw'] },
  };
}

/** Checkable quantities of KL / cross-entropy (means over rows; per-row values as loss1...). */
export function divergenceQuantities(kind: 'kl' | 'ce', d: DivergenceResult): Record<string, Quantity> {
  const main = kind === 'kl' ? d.kl : d.crossEntropy;
  return {
    loss: { label: kind === 'kl' ? 'D_KL(P‖Q)' : 'H(P, Q)', expected: main, aliases: ['l'] },
    kl: { label: 'D_KL(P‖Q)', expected: d.kl, aliases: ['dkl'] },
    ce: { label: 'H(P, Q)', expected: d.crossEntropy, aliases: ['cross_entropy', 'crossentropy'] },
    h: { label: 'H(P)', expected: d.entropy, aliases: ['entropy'] },
    ...lossKeys(d.rows.map((r) => (kind === 'kl' ? r.kl : r.crossEntropy))),
  };
}

function regJson(reg: RegResult): Record<string, unknown> {
  return { type: reg.kind, lambda: reg.lambda, r: reg.r, penalty: reg.penalty, grad: reg.grad, ...(reg.weightDecay !== undefined ? { pytorch_weight_decay: reg.weightDecay } : {}) };
}

export function svmJson(r: SvmResult, reg?: RegResult): Record<string, unknown> {
  return tidyDeep({
    loss: r.loss + (reg?.penalty ?? 0), losses: r.losses, data_loss: r.loss,
    delta: r.delta, squared: r.squared, classes: r.classes,
    margins: r.samples.map((s) => s.terms.map((t) => ({ j: t.j, margin: t.margin, term: t.term }))),
    dscores: r.samples.map((s) => s.dscores),
    pytorch_multi_margin_loss: r.pytorchLoss,
    ...(reg ? { reg: regJson(reg) } : {}),
  });
}

export function softmaxJson(r: SoftmaxResult, reg?: RegResult): Record<string, unknown> {
  return tidyDeep({
    loss: r.loss + (reg?.penalty ?? 0), losses: r.losses, probs: r.probs, data_loss: r.loss,
    logsumexp: r.samples.map((s) => s.logSumExp), dscores: r.samples.map((s) => s.dscores),
    ...(reg ? { reg: regJson(reg) } : {}),
  });
}

function divergenceJson(kind: 'kl' | 'ce', d: DivergenceResult): Record<string, unknown> {
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  return tidyDeep({
    loss: finite(kind === 'kl' ? d.kl : d.crossEntropy),
    losses: d.rows.map((r) => finite(kind === 'kl' ? r.kl : r.crossEntropy)),
    kl: d.rows.map((r) => finite(r.kl)), cross_entropy: d.rows.map((r) => finite(r.crossEntropy)),
    entropy: d.rows.map((r) => r.entropy), reverse_kl: d.rows.map((r) => finite(r.reverseKl)),
  });
}

function initJson(c: InitCheck): Record<string, unknown> {
  return tidyDeep({ kind: c.kind, classes: c.classes, loss: c.loss, ...(c.kind === 'svm' ? { delta: c.delta, squared: c.squared } : {}) });
}

function outcome(worked: Worked[], data: Record<string, unknown>, quantities: Record<string, Quantity>): Outcome {
  return { data, quantities, defaultKey: 'loss', worked: worked.length === 1 ? worked[0]! : worked.map((w) => renderWorked(w)).join('\n\n') };
}

function initCheckOutcome(kind: Kind | undefined, o: LossFlags): Outcome {
  if (kind !== undefined && kind !== 'svm' && kind !== 'softmax') throw new UsageError(M.initKind, 'init-check');
  const classes = intFlag('classes', o.classes, { min: 2 });
  if (classes === undefined) throw new UsageError(M.classes, 'classes');
  const opts = { delta: numFlag('delta', o.delta, { positive: true }) ?? 1, squared: o.squared === true };
  const kinds: LossKind[] = kind === undefined ? ['svm', 'softmax'] : [kind];
  const checks = kinds.map((k) => withFlags(() => initCheck(k, classes, opts)));
  const worked = checks.map(explainInitCheck);
  if (checks.length === 1) {
    return outcome(worked, initJson(checks[0]!), { loss: { label: M.initLoss, expected: checks[0]!.loss, aliases: ['l'] } });
  }
  const [svm, soft] = checks as [InitCheck, InitCheck];
  return outcome(worked, { svm: initJson(svm), softmax: initJson(soft) }, {
    svm: { label: M.initSvm, expected: svm.loss },
    softmax: { label: M.initSoftmax, expected: soft.loss },
  });
}

/** One `loss` run: shared by the command and the homework checker. */
export function computeLoss(rawKind: string | undefined, o: LossFlags): Outcome {
  const kind = readKind(rawKind, o);
  if (o.initCheck) return initCheckOutcome(kind, o);
  if (o.questions && kind !== 'svm') throw new UsageError(M.questions, 'questions');
  const reg = readReg(o);
  if (reg && (kind === 'kl' || kind === 'ce')) throw new UsageError(M.regKind, 'reg');
  const delta = numFlag('delta', o.delta, { positive: true });
  switch (kind!) {
    case 'svm': {
      // --questions alone works CS231n's cat image.
      const b = o.questions && o.scores === undefined && o.label === undefined && o.labels === undefined
        ? { scores: [CS231N_CAT.scores], labels: [CS231N_CAT.label], labelFlag: 'label' }
        : readBatch(o);
      const r = withFlags(() => svmLoss(b.scores, b.labels, { delta, squared: o.squared === true }), { labels: b.labelFlag });
      const worked = [explainSvm(r, reg)];
      if (o.questions) worked.push(explainSvmQuestions(b.scores[0]!, b.labels[0]!, { delta, squared: o.squared === true }));
      return outcome(worked, svmJson(r, reg), svmQuantities(r, reg));
    }
    case 'softmax': {
      if (delta !== undefined || o.squared) throw new UsageError(M.svmOnly, delta !== undefined ? 'delta' : 'squared');
      const b = readBatch(o);
      const r = withFlags(() => softmaxLoss(b.scores, b.labels), { labels: b.labelFlag });
      return outcome([explainSoftmax(r, reg)], softmaxJson(r, reg), softmaxQuantities(r, reg));
    }
    case 'kl':
    case 'ce': {
      let P = matrixFlag('p', o.p);
      let Q = matrixFlag('q', o.q);
      if (P === undefined || Q === undefined) throw new UsageError(M.pq, P === undefined ? 'p' : 'q');
      if (o.normalize) {
        P = withFlags(() => normalizeRows('p', P!));
        Q = withFlags(() => normalizeRows('q', Q!));
      }
      const d = withFlags(() => divergences(P!, Q!));
      return outcome([explainDivergence(kind!, d)], divergenceJson(kind!, d), divergenceQuantities(kind!, d));
    }
    case 'reg': {
      if (!reg) throw new UsageError(M.reg, 'reg');
      const dataLoss = numFlag('data-loss', o.dataLoss);
      const wb = new WorkedBuilder(M.regTitle(reg.kind.toUpperCase()));
      addRegularizationSteps(wb, reg, dataLoss);
      const q = regQuantities(reg);
      if (dataLoss !== undefined) q.loss = { label: M.total, expected: dataLoss + reg.penalty, aliases: ['total', 'l'] };
      return outcome([wb.build()], tidyDeep({ loss: (dataLoss ?? 0) + reg.penalty, ...(dataLoss !== undefined ? { data_loss: dataLoss } : {}), ...regJson(reg) }), dataLoss !== undefined ? q : { ...q, loss: q.penalty! });
    }
  }
}

export async function run(rawKind: string | undefined, o: LossFlags): Promise<void> {
  emit(computeLoss(rawKind, o), o);
}
