/**
 * Generated optimizer and learning-rate problems: one or two update steps
 * with simple numbers, or a schedule's value at one epoch. Answers and worked
 * solutions come from the calculators' core (core/optim.ts, core/lr.ts).
 */
import { fmtNum } from '../../core/format';
import { explainLr } from '../../core/lr-explain';
import { lrAt, resolveSchedule, type ScheduleName, type ScheduleSpec } from '../../core/lr';
import { finalW, resolveHyper, runOptimizer, sub, type OptimHyper, type OptimizerName } from '../../core/optim';
import { explainOptim } from '../../core/optim-explain';
import { pick, randFloat, randInt, type Rng } from '../../core/random';
import type { Bilingual, GeneratedProblem, Generator } from './types';

const DECIMALS = 4;
const n = (x: number): string => fmtNum(x, 6);

/** A gradient in [-2, 2] with one decimal, never 0. */
function grad(rng: Rng): number {
  const g = randFloat(rng, 0.1, 2, 1);
  return rng.next() < 0.5 ? -g : g;
}

interface Setup {
  w0: number;
  grads: number[];
  hyper: Partial<OptimHyper>;
  /** Hyper-parameters as the prompt states them. */
  given: Bilingual;
  /** The flags that reproduce them. */
  flags: string;
}

function optimProblem(name: OptimizerName, s: Setup): GeneratedProblem {
  const hyper = resolveHyper(name, s.hyper);
  const trace = runOptimizer(name, hyper, s.w0, { kind: 'grads', grads: s.grads });
  const T = s.grads.length;
  const w = finalW(trace);
  const gs = s.grads.map(n).join(', ');
  const grads: Bilingual = T === 1
    ? { zh: `梯度 ∇L = ${gs}`, en: `the gradient is ∇L = ${gs}` }
    : { zh: `第 1–${T} 步的梯度依次为 ${gs}`, en: `the gradients at steps 1–${T} are ${gs}` };
  const ask: Bilingual = T === 1
    ? { zh: `更新一步后 w₁ 是多少？（保留 ${DECIMALS} 位小数）`, en: `What is w₁ after one update? (${DECIMALS} decimal places)` }
    : { zh: `更新 ${T} 步后 w${sub(T)} 是多少？（保留 ${DECIMALS} 位小数）`, en: `What is w${sub(T)} after ${T} updates? (${DECIMALS} decimal places)` };
  return {
    prompt: {
      zh: `${s.given.zh}。w₀ = ${n(s.w0)}，${grads.zh}。${ask.zh}`,
      en: `${s.given.en}. w₀ = ${n(s.w0)} and ${grads.en}. ${ask.en}`,
    },
    expected: { kind: 'number', value: w, tol: { abs: 0.5 * 10 ** -DECIMALS } },
    solution: explainOptim(trace),
    params: { optimizer: name, w0: s.w0, grads: s.grads, ...s.hyper },
    command: `dlnotes optim ${name} --w0 ${n(s.w0)} --grads ${s.grads.map(n).join(',')} ${s.flags}`.trim(),
  };
}

const w0Of = (rng: Rng): number => randFloat(rng, -2, 2, 1);

const sgd: Generator = {
  id: 'optim-sgd',
  topic: 'optim',
  title: { zh: 'SGD 一步更新', en: 'One SGD step' },
  generate(rng) {
    const lr = pick(rng, [0.1, 0.05, 0.01, 0.2, 0.5]);
    return optimProblem('sgd', {
      w0: w0Of(rng), grads: [grad(rng)], hyper: { lr },
      given: { zh: `SGD，学习率 η = ${n(lr)}`, en: `SGD with learning rate η = ${n(lr)}` },
      flags: `--lr ${n(lr)}`,
    });
  },
};

const momentum: Generator = {
  id: 'optim-momentum',
  topic: 'optim',
  title: { zh: '动量法两步更新', en: 'Two SGD + Momentum steps' },
  generate(rng) {
    const lr = pick(rng, [0.1, 0.01, 0.05]);
    const rho = pick(rng, [0.9, 0.5, 0.8]);
    return optimProblem('momentum', {
      w0: w0Of(rng), grads: [grad(rng), grad(rng)], hyper: { lr, rho },
      given: {
        zh: `SGD + Momentum（v = ρv + ∇L，w = w − α·v，即 PyTorch 的形式），ρ = ${n(rho)}，α = ${n(lr)}，v₀ = 0`,
        en: `SGD + Momentum (v = ρv + ∇L, w = w − α·v, PyTorch's form) with ρ = ${n(rho)}, α = ${n(lr)}, v₀ = 0`,
      },
      flags: `--lr ${n(lr)} --rho ${n(rho)}`,
    });
  },
};

const rmsprop: Generator = {
  id: 'optim-rmsprop',
  topic: 'optim',
  title: { zh: 'RMSProp 更新', en: 'RMSProp steps' },
  generate(rng) {
    const lr = pick(rng, [0.01, 0.1, 0.001]);
    const beta = pick(rng, [0.9, 0.99]);
    const steps = randInt(rng, 1, 2);
    return optimProblem('rmsprop', {
      w0: w0Of(rng), grads: Array.from({ length: steps }, () => grad(rng)), hyper: { lr, beta, eps: 1e-8 },
      given: {
        zh: `RMSProp（s = βs + (1−β)(∇L)²，w = w − α∇L/(√s + ε)），β = ${n(beta)}（PyTorch 的 alpha），α = ${n(lr)}，ε = 1e-8，s₀ = 0`,
        en: `RMSProp (s = βs + (1−β)(∇L)², w = w − α∇L/(√s + ε)) with β = ${n(beta)} (PyTorch's alpha), α = ${n(lr)}, ε = 1e-8, s₀ = 0`,
      },
      flags: `--lr ${n(lr)} --beta ${n(beta)} --eps 1e-8`,
    });
  },
};

const adagrad: Generator = {
  id: 'optim-adagrad',
  topic: 'optim',
  title: { zh: 'AdaGrad 两步更新', en: 'Two AdaGrad steps' },
  generate(rng) {
    const lr = pick(rng, [0.1, 0.5, 0.01]);
    return optimProblem('adagrad', {
      w0: w0Of(rng), grads: [grad(rng), grad(rng)], hyper: { lr, eps: 1e-10 },
      given: {
        zh: `AdaGrad（s = s + (∇L)²，w = w − α∇L/(√s + ε)），α = ${n(lr)}，ε = 1e-10，s₀ = 0`,
        en: `AdaGrad (s = s + (∇L)², w = w − α∇L/(√s + ε)) with α = ${n(lr)}, ε = 1e-10, s₀ = 0`,
      },
      flags: `--lr ${n(lr)} --eps 1e-10`,
    });
  },
};

const adam: Generator = {
  id: 'optim-adam',
  topic: 'optim',
  title: { zh: 'Adam 两步更新', en: 'Two Adam steps' },
  generate(rng) {
    const lr = pick(rng, [0.1, 0.01, 0.001]);
    return optimProblem('adam', {
      w0: w0Of(rng), grads: [grad(rng), grad(rng)], hyper: { lr, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
      given: {
        zh: `Adam（带偏差修正），β1 = 0.9，β2 = 0.999，ε = 1e-8，α = ${n(lr)}，m₀ = v₀ = 0`,
        en: `Adam (with bias correction), β1 = 0.9, β2 = 0.999, ε = 1e-8, α = ${n(lr)}, m₀ = v₀ = 0`,
      },
      flags: `--lr ${n(lr)} --beta1 0.9 --beta2 0.999 --eps 1e-8`,
    });
  },
};

const adamw: Generator = {
  id: 'optim-adamw',
  topic: 'optim',
  title: { zh: 'AdamW 一步更新', en: 'One AdamW step' },
  generate(rng) {
    const lr = pick(rng, [0.1, 0.01]);
    const wd = pick(rng, [0.1, 0.01, 0.5]);
    let w0 = w0Of(rng);
    if (w0 === 0) w0 = 1;
    return optimProblem('adamw', {
      w0, grads: [grad(rng)], hyper: { lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: wd },
      given: {
        zh: `AdamW（w = w − α(m̂/(√v̂ + ε) + λw)），β1 = 0.9，β2 = 0.999，ε = 1e-8，α = ${n(lr)}，λ = ${n(wd)}，m₀ = v₀ = 0`,
        en: `AdamW (w = w − α(m̂/(√v̂ + ε) + λw)) with β1 = 0.9, β2 = 0.999, ε = 1e-8, α = ${n(lr)}, λ = ${n(wd)}, m₀ = v₀ = 0`,
      },
      flags: `--lr ${n(lr)} --weight-decay ${n(wd)} --beta1 0.9 --beta2 0.999 --eps 1e-8`,
    });
  },
};

const LR_KINDS = ['step', 'cosine', 'linear', 'inverse-sqrt'] as const;

function drawSchedule(rng: Rng, kind: ScheduleName, warm: boolean): ScheduleSpec {
  const warmup = warm ? pick(rng, [5, 10]) : 0;
  switch (kind) {
    case 'step': {
      const [milestones, gamma] = pick(rng, [[[30, 60, 90], 0.1], [[50, 75], 0.1], [[10, 20, 40], 0.5]] as Array<[number[], number]>);
      return resolveSchedule('step', { lr: pick(rng, [0.1, 0.2, 0.05]), total: 100, milestones, gamma, warmup });
    }
    case 'cosine':
      return resolveSchedule('cosine', { lr: pick(rng, [0.1, 0.01, 0.05]), min: pick(rng, [0, 0, 0.001]), total: pick(rng, [50, 100, 200]), warmup });
    case 'linear':
      return resolveSchedule('linear', { lr: pick(rng, [0.1, 0.01, 1]), total: warmup > 0 ? pick(rng, [50, 100]) : pick(rng, [10, 50, 100]), warmup });
    default:
      return resolveSchedule('inverse-sqrt', { lr: pick(rng, [0.1, 0.5, 1]), total: 100, warmup });
  }
}

function drawEpoch(rng: Rng, spec: ScheduleSpec): number {
  const N = spec.warmup;
  if (N > 0 && rng.next() < 0.3) return randInt(rng, 0, N - 1);
  const T = spec.total - (spec.schedule === 'inverse-sqrt' ? 0 : N);
  const off = spec.schedule === 'inverse-sqrt' ? 0 : N;
  switch (spec.schedule) {
    case 'step': {
      const m = pick(rng, spec.milestones);
      return Math.min(spec.total, off + m + pick(rng, [-1, 0, 0, 5]));
    }
    case 'cosine':
      return off + pick(rng, [Math.round(T / 4), Math.round(T / 3), Math.round(T / 2), Math.round((3 * T) / 4), randInt(rng, 1, T - 1)]);
    case 'linear':
      return off + randInt(rng, 1, T - 1);
    default:
      return pick(rng, [1, 4, 9, 16, 25, 64, 100, randInt(rng, 2, 99)]);
  }
}

function schedulePrompt(spec: ScheduleSpec, t: number): Bilingual {
  const lr = n(spec.lr);
  const N = spec.warmup;
  let body: Bilingual;
  switch (spec.schedule) {
    case 'step': body = {
      zh: `MultiStepLR：初始学习率 ${lr}，里程碑 ${spec.milestones.join(', ')}，γ = ${n(spec.gamma)}`,
      en: `MultiStepLR: initial lr ${lr}, milestones ${spec.milestones.join(', ')}, γ = ${n(spec.gamma)}`,
    }; break;
    // The horizon is stated as T itself, not as "N epochs", so nobody has to guess whether T is N or N − 1.
    case 'cosine': body = {
      zh: `余弦退火 η_t = η_min + ½(η_max − η_min)(1 + cos(πT_cur/T_max))：η_max = ${lr}，η_min = ${n(spec.min)}，共 ${spec.total} 个 epoch${N === 0 ? `，T_max = ${spec.total}，T_cur = t` : ''}`,
      en: `Cosine annealing η_t = η_min + ½(η_max − η_min)(1 + cos(πT_cur/T_max)): η_max = ${lr}, η_min = ${n(spec.min)}, ${spec.total} epochs${N === 0 ? `, T_max = ${spec.total}, T_cur = t` : ''}`,
    }; break;
    case 'linear': body = {
      zh: `线性衰减 a_t = a₀(1 − t/T)：a₀ = ${lr}，共 ${spec.total} 个 epoch${N === 0 ? `，T = ${spec.total}` : ''}`,
      en: `Linear decay a_t = a₀(1 − t/T): a₀ = ${lr}, ${spec.total} epochs${N === 0 ? `, T = ${spec.total}` : ''}`,
    }; break;
    default: body = {
      zh: `平方根倒数衰减 a_t = a₀/√t：a₀ = ${lr}`,
      en: `Inverse square-root decay a_t = a₀/√t: a₀ = ${lr}`,
    };
  }
  const warm: Bilingual = N === 0 ? { zh: '', en: '' } : spec.schedule === 'inverse-sqrt'
    ? { zh: `；带 ${N} 个 epoch 的预热，lr_t = a₀·min((t+1)/${N}, √(${N}/(t+1)))`, en: `; with ${N} warm-up epochs, lr_t = a₀·min((t+1)/${N}, √(${N}/(t+1)))` }
    : spec.schedule === 'step'
      ? { zh: `；前 ${N} 个 epoch 线性预热 lr·(t+1)/${N}，之后调度从 t = ${N} 重新计时（里程碑从 t = ${N} 起算）`, en: `; the first ${N} epochs warm up linearly, lr·(t+1)/${N}, then the schedule restarts its clock at t = ${N} (milestones count from there)` }
      : {
        zh: `；前 ${N} 个 epoch 线性预热 lr·(t+1)/${N}，之后调度从 t = ${N} 重新计时：${spec.schedule === 'cosine' ? `T_cur = t − ${N}，T_max = ${spec.total} − ${N} = ${spec.total - N}` : `用 t − ${N} 代入，T = ${spec.total} − ${N} = ${spec.total - N}`}`,
        en: `; the first ${N} epochs warm up linearly, lr·(t+1)/${N}, then the schedule restarts its clock at t = ${N}: ${spec.schedule === 'cosine' ? `T_cur = t − ${N}, T_max = ${spec.total} − ${N} = ${spec.total - N}` : `use t − ${N}, with T = ${spec.total} − ${N} = ${spec.total - N}`}`,
      };
  return {
    zh: `${body.zh}${warm.zh}（epoch 从 t = 0 开始计）。t = ${t} 时学习率是多少？（保留 4 位有效数字）`,
    en: `${body.en}${warm.en} (epochs count from t = 0). What is the learning rate at t = ${t}? (4 significant figures)`,
  };
}

const lrSchedule: Generator = {
  id: 'lr-schedule',
  topic: 'lr',
  title: { zh: '学习率调度取值', en: 'A learning-rate schedule value' },
  options: { schedule: LR_KINDS, warmup: 'boolean' },
  generate(rng, options = {}) {
    const kind = (typeof options.schedule === 'string' && (LR_KINDS as readonly string[]).includes(options.schedule) ? options.schedule : pick(rng, LR_KINDS)) as ScheduleName;
    const warm = options.warmup === true;
    const spec = drawSchedule(rng, kind, warm);
    const t = drawEpoch(rng, spec);
    const value = lrAt(spec, t);
    const flags = [
      `--lr ${n(spec.lr)}`, `--total ${spec.total}`,
      ...(spec.schedule === 'step' ? [`--milestones ${spec.milestones.join(',')}`, `--gamma ${n(spec.gamma)}`] : []),
      ...(spec.schedule === 'cosine' ? [`--min ${n(spec.min)}`] : []),
      ...(spec.warmup > 0 ? [`--warmup ${spec.warmup}`] : []),
      `--at ${t}`,
    ];
    return {
      prompt: schedulePrompt(spec, t),
      expected: { kind: 'number', value, tol: { rel: 5e-4 } },
      solution: explainLr(spec, t),
      params: { schedule: spec.schedule, lr: spec.lr, total: spec.total, warmup: spec.warmup, milestones: spec.milestones, gamma: spec.gamma, min: spec.min, t },
      command: `dlnotes lr ${spec.schedule} ${flags.join(' ')}`,
    };
  },
};

export const generators: Generator[] = [sgd, momentum, rmsprop, adagrad, adam, adamw, lrSchedule];
