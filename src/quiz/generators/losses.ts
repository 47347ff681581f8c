/**
 * Generated problems for losses, activations, BatchNorm and k-NN. Every
 * answer and worked solution comes from the calculators' core functions;
 * parameters are drawn so each instance is a sensible exam problem (few
 * classes, one-decimal scores, small integer batches and points).
 */
import { activate, alphaOf, SELU_ALPHA, SELU_LAMBDA, type ScalarActivation } from '../../core/activations';
import { activationInfo, explainActivation } from '../../core/activations-explain';
import { batchNorm, explainBatchNorm } from '../../core/batchnorm';
import { normalCdf } from '../../core/erf';
import { fmtNum } from '../../core/format';
import { explainKnn, knn, type Metric } from '../../core/knn';
import { softmaxLoss, svmLoss } from '../../core/loss';
import { explainSoftmax, explainSvm } from '../../core/loss-explain';
import { fmtVec } from '../../core/numlist';
import { tr } from '../../core/text';
import { pick, randFloat, randInt, type Rng } from '../../core/random';
import type { GeneratedProblem, Generator } from './types';

const list = (xs: number[]) => xs.map((x) => fmtNum(x)).join(',');
const decimalsText = (d: number) => ({ en: `Give ${d} decimal${d === 1 ? '' : 's'}.`, zh: `保留 ${d} 位小数。` });

function intOption(options: Record<string, unknown> | undefined, key: string, lo: number, hi: number): number | undefined {
  const v = options?.[key];
  return typeof v === 'number' && Number.isInteger(v) ? Math.min(hi, Math.max(lo, v)) : undefined;
}

function choiceOption<T extends string>(options: Record<string, unknown> | undefined, key: string, allowed: readonly T[]): T | undefined {
  const v = options?.[key];
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

/** Scores with one decimal; re-drawn (a few times, deterministically) when the loss would be 0, which teaches little. */
function drawScores(rng: Rng, classes: number, lo: number, hi: number, acceptable: (s: number[], y: number) => boolean): { scores: number[]; label: number } {
  let scores: number[] = [];
  let label = 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    scores = Array.from({ length: classes }, () => randFloat(rng, lo, hi, 1));
    label = randInt(rng, 0, classes - 1);
    if (acceptable(scores, label)) break;
  }
  return { scores, label };
}

const svmLossGenerator: Generator = {
  id: 'svm-loss',
  topic: 'loss',
  title: { en: 'Multiclass SVM loss of one sample', zh: '单个样本的多类 SVM 损失' },
  options: { classes: 'integer', squared: 'boolean' },
  generate(rng, options): GeneratedProblem {
    const classes = intOption(options, 'classes', 2, 6) ?? randInt(rng, 3, 4);
    const squared = options?.squared === true;
    const { scores, label } = drawScores(rng, classes, -3, 6, (s, y) => svmLoss([s], [y]).loss > 0);
    const r = svmLoss([scores], [label], { squared });
    const decimals = squared ? 2 : 1;
    const d = decimalsText(decimals);
    const hinge = squared ? 'max(0, s_j − s_y + Δ)²' : 'max(0, s_j − s_y + Δ)';
    return {
      prompt: {
        en: `One image gets the class scores s = ${fmtVec(scores)}; its correct class is y = ${label} (classes are numbered from 0). With Δ = 1, compute the multiclass SVM loss L_i = Σ_{j≠y} ${hinge}. ${d.en}`,
        zh: `某图像的类别分数为 s = ${fmtVec(scores)}，正确类别 y = ${label}（类别从 0 开始编号）。取 Δ = 1，计算多类 SVM 损失 L_i = Σ_{j≠y} ${hinge}。${d.zh}`,
      },
      expected: { kind: 'number', value: r.loss },
      solution: explainSvm(r),
      params: { scores, label, delta: 1, squared, decimals },
      command: `dlnotes loss svm --scores ${list(scores)} --label ${label}${squared ? ' --squared' : ''}`,
    };
  },
};

const softmaxLossGenerator: Generator = {
  id: 'softmax-loss',
  topic: 'loss',
  title: { en: 'Softmax (cross-entropy) loss of one sample', zh: '单个样本的 softmax（交叉熵）损失' },
  options: { classes: 'integer', ask: ['loss', 'prob'] },
  generate(rng, options): GeneratedProblem {
    const classes = intOption(options, 'classes', 2, 5) ?? 3;
    const ask = choiceOption(options, 'ask', ['loss', 'prob'] as const) ?? 'loss';
    const { scores, label } = drawScores(rng, classes, -2, 4, () => true);
    const r = softmaxLoss([scores], [label]);
    const s = r.samples[0]!;
    const decimals = 3;
    const d = decimalsText(decimals);
    const question = ask === 'loss'
      ? { en: 'compute the softmax cross-entropy loss L_i = −ln(e^{s_y} / Σ_j e^{s_j}) (natural log)', zh: '计算 softmax 交叉熵损失 L_i = −ln(e^{s_y} / Σ_j e^{s_j})（自然对数）' }
      : { en: `compute the softmax probability of the correct class, p_${label}`, zh: `计算正确类别的 softmax 概率 p_${label}` };
    return {
      prompt: {
        en: `A linear classifier gives the scores s = ${fmtVec(scores)}; the correct class is y = ${label} (numbered from 0). ${question.en[0]!.toUpperCase()}${question.en.slice(1)}. ${d.en}`,
        zh: `线性分类器给出分数 s = ${fmtVec(scores)}，正确类别 y = ${label}（从 0 开始编号）。${question.zh}。${d.zh}`,
      },
      expected: { kind: 'number', value: ask === 'loss' ? s.loss : s.probs[label]! },
      solution: explainSoftmax(r),
      params: { scores, label, ask, decimals },
      command: `dlnotes loss softmax --scores ${list(scores)} --label ${label}`,
    };
  },
};

const ACT_FNS: readonly ScalarActivation[] = ['sigmoid', 'tanh', 'relu', 'leaky-relu', 'prelu', 'elu', 'selu', 'gelu'];

function actDescription(fn: ScalarActivation, x: number): { en: string; zh: string } {
  const a = alphaOf(fn);
  const title = activationInfo(fn).title;
  const en = tr(title, 'en');
  const zh = tr(title, 'zh');
  switch (fn) {
    case 'leaky-relu':
    case 'prelu':
    case 'elu':
      return { en: `${en} with α = ${fmtNum(a!)}`, zh: `${zh}(α = ${fmtNum(a!)})` };
    case 'selu':
      return { en: `SELU (λ ≈ ${fmtNum(SELU_LAMBDA, 5)}, α ≈ ${fmtNum(SELU_ALPHA, 5)})`, zh: `SELU（λ ≈ ${fmtNum(SELU_LAMBDA, 5)}，α ≈ ${fmtNum(SELU_ALPHA, 5)}）` };
    case 'gelu': {
      const phi = fmtNum(normalCdf(x), 6);
      return { en: `GELU(x) = x·Φ(x) (exact form; Φ(${fmtNum(x)}) = ${phi})`, zh: `GELU(x) = x·Φ(x)（精确形式；Φ(${fmtNum(x)}) = ${phi})` };
    }
    default:
      return { en, zh };
  }
}

const actGradGenerator: Generator = {
  id: 'act-grad',
  topic: 'act',
  title: { en: "An activation's value or derivative at a point", zh: '激活函数在某点的值或导数' },
  options: { fn: ACT_FNS, ask: ['value', 'grad'] },
  generate(rng, options): GeneratedProblem {
    const fn = choiceOption(options, 'fn', ACT_FNS) ?? pick(rng, ACT_FNS);
    const ask = choiceOption(options, 'ask', ['value', 'grad'] as const) ?? pick(rng, ['value', 'grad'] as const);
    let x = 0;
    while (x === 0) x = randFloat(rng, -3, 3, 1); // x = 0 is a kink for the ReLU family: not a fair exam point
    const r = activate(fn, x);
    const decimals = 4;
    const d = decimalsText(decimals);
    const f = actDescription(fn, x);
    return {
      prompt: ask === 'value'
        ? { en: `Evaluate ${f.en} at x = ${fmtNum(x)}. ${d.en}`, zh: `计算 ${f.zh} 在 x = ${fmtNum(x)} 处的函数值。${d.zh}` }
        : { en: `Compute the derivative of ${f.en} at x = ${fmtNum(x)}. ${d.en}`, zh: `计算 ${f.zh} 在 x = ${fmtNum(x)} 处的导数。${d.zh}` },
      expected: { kind: 'number', value: ask === 'value' ? r.value : r.grad, ...(fn === 'gelu' ? { tol: { abs: 2e-4 } } : {}) },
      solution: explainActivation(fn, x),
      params: { fn, x, ask, decimals },
      command: `dlnotes act ${fn} --x ${fmtNum(x)}`,
    };
  },
};

type BnAsk = 'y' | 'mean' | 'var' | 'running_var';
const BN_ASKS: readonly BnAsk[] = ['y', 'mean', 'var', 'running_var'];
const ORDINAL_EN = ['1st', '2nd', '3rd', '4th', '5th'];

const bnTrainGenerator: Generator = {
  id: 'bn-train',
  topic: 'bn',
  title: { en: 'BatchNorm in training mode', zh: '训练模式下的 BatchNorm' },
  options: { ask: BN_ASKS },
  generate(rng, options): GeneratedProblem {
    const ask = choiceOption(options, 'ask', BN_ASKS) ?? pick(rng, BN_ASKS);
    const m = randInt(rng, 3, 4);
    let xs: number[] = [];
    do xs = Array.from({ length: m }, () => randInt(rng, -3, 6)); while (xs.every((v) => v === xs[0]));
    const gamma = pick(rng, [0.5, 1, 1.5, 2]);
    const beta = pick(rng, [-1, 0, 0.5, 1]);
    const i = randInt(rng, 0, m - 1);
    const r = batchNorm({ x: xs.map((v) => [v]), gamma: [gamma], beta: [beta] });
    const ft = r.features[0]!;
    const decimals = 3;
    const d = decimalsText(decimals);
    const given = {
      en: `A BatchNorm layer in training mode receives one feature over a batch of m = ${m}: x = ${fmtVec(xs)}, with γ = ${fmtNum(gamma)}, β = ${fmtNum(beta)}, ε = 1e-5.`,
      zh: `训练模式下的 BatchNorm 层收到一个特征的一批数据（m = ${m}）：x = ${fmtVec(xs)}，γ = ${fmtNum(gamma)}，β = ${fmtNum(beta)}，ε = 1e-5。`,
    };
    const asks: Record<BnAsk, { en: string; zh: string; value: number }> = {
      y: { en: `Compute the output y of the ${ORDINAL_EN[i]} sample (x = ${xs[i]}).`, zh: `求第 ${i + 1} 个样本(x = ${xs[i]})的输出 y。`, value: ft.y[i]! },
      mean: { en: 'Compute the batch mean μ_B.', zh: '求批均值 μ_B。', value: ft.mean },
      var: { en: 'Compute the batch variance σ_B² used to normalise.', zh: '求用于归一化的批方差 σ_B²。', value: ft.var },
      running_var: { en: 'running_var starts at 1 and momentum is 0.1: what is running_var after this batch, as PyTorch updates it?', zh: 'running_var 初始为 1,momentum = 0.1：按 PyTorch 的更新方式，这一批之后 running_var 是多少？', value: ft.runningVar },
    };
    const a = asks[ask];
    return {
      prompt: { en: `${given.en} ${a.en} ${d.en}`, zh: `${given.zh}${a.zh}${d.zh}` },
      // ε = 1e-5 moves y by about 1e-5 relative: a student who drops it is still right at 3 decimals.
      expected: { kind: 'number', value: a.value, tol: { abs: 1e-3 } },
      solution: explainBatchNorm(r),
      params: { x: xs, gamma, beta, eps: 1e-5, ask, sample: i + 1, decimals },
      command: `dlnotes bn --x "${xs.join('; ')}" --gamma ${fmtNum(gamma)} --beta ${fmtNum(beta)}`,
    };
  },
};

const knnVoteGenerator: Generator = {
  id: 'knn-vote',
  topic: 'knn',
  title: { en: 'k-NN prediction with L1 or L2 distance', zh: '用 L1 或 L2 距离的 k 近邻预测' },
  options: { metric: ['l1', 'l2'], k: 'integer' },
  generate(rng, options): GeneratedProblem {
    const metric = choiceOption<Metric>(options, 'metric', ['l1', 'l2']) ?? pick(rng, ['l1', 'l2'] as const);
    const k = intOption(options, 'k', 1, 5) ?? pick(rng, [1, 3, 5]);
    const n = 6;
    let train: number[][] = [];
    let labels: string[] = [];
    let query: number[] = [];
    let r = null as ReturnType<typeof knn> | null;
    // Redraw until the answer is unambiguous: no tie across the k-th place, no tie in the vote.
    for (let attempt = 0; attempt < 200; attempt++) {
      train = Array.from({ length: n }, () => [randInt(rng, 0, 9), randInt(rng, 0, 9)]);
      labels = train.map(() => String(randInt(rng, 0, 2)));
      query = [randInt(rng, 0, 9), randInt(rng, 0, 9)];
      r = knn({ train, labels, query, k, metric });
      if (r.boundaryTies.length === 0 && r.tied.length === 1 && new Set(labels).size > 1) break;
    }
    const res = r!;
    const pts = train.map((p, i) => `#${i + 1} (${p.join(', ')}) → ${labels[i]}`).join('; ');
    const dist = metric === 'l1' ? { en: 'L1 (Manhattan)', zh: 'L1（曼哈顿）' } : { en: 'L2 (Euclidean)', zh: 'L2（欧氏）' };
    return {
      prompt: {
        en: `Training points with their classes: ${pts}. Predict the class of q = (${query.join(', ')}) with k = ${k} and ${dist.en} distance. Answer with the class number.`,
        zh: `训练点及其类别：${pts}。用 k = ${k}、${dist.zh}距离预测 q = (${query.join(', ')}) 的类别。回答类别编号。`,
      },
      expected: { kind: 'number', value: Number(res.prediction) },
      solution: explainKnn(res, query),
      params: { train, labels: labels.map(Number), query, k, metric },
      command: `dlnotes knn --train "${train.map((p) => p.join(',')).join('; ')}" --labels ${labels.join(',')} --query ${query.join(',')} --k ${k} --metric ${metric}`,
    };
  },
};

export const generators: Generator[] = [svmLossGenerator, softmaxLossGenerator, actGradGenerator, bnTrainGenerator, knnVoteGenerator];
