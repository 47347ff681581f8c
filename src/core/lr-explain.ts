/** The worked solution of a learning-rate schedule: formula, conventions, and the value at one epoch. */
import { fmtNum } from './format';
import { lrAt, milestonesPassed, phaseAt, pytorchSchedule, type ScheduleName, type ScheduleSpec } from './lr';
import { bi, joinText, msg, plural, tr, txt, type Text } from './text';
import { WorkedBuilder, type Worked } from './worked';

/** The texts of the schedules' worked solutions, in both languages. */
const M = {
  title: msg((name: Text) => `Learning-rate schedule: ${tr(name, 'en')}`, (name) => `学习率调度：${tr(name, 'zh')}`),
  given: bi('Given: ', '已知：'),
  epochs: msg((total: number) => `${plural(total, 'epoch')} (t = 0…${total})`, (total) => `${total} 个 epoch（t = 0…${total}）`),
  milestones: msg((list: string) => `milestones ${list}`, (list) => `里程碑 ${list}`),
  warmup: msg((n: number) => `warm-up N = ${n}`, (n) => `预热 N = ${n}`),
  formula: bi('Formula (the notes)', '公式（笔记）'),
  recursive: bi('PyTorch updates recursively, η_{t} = η_min + (η_{t−1} − η_min)·(1 + cos(πt/T_max))/(1 + cos(π(t−1)/T_max)); at whole epochs this equals the closed form up to float rounding.',
    'PyTorch 用递推式更新：η_{t} = η_min + (η_{t−1} − η_min)·(1 + cos(πt/T_max))/(1 + cos(π(t−1)/T_max))；在整数 epoch 上它与闭式相等（只差浮点舍入）。'),
  resnet: bi("ResNet's schedule: the learning rate is divided by 10 at epochs 30, 60 and 90.", 'ResNet 的调度：在第 30、60、90 个 epoch 把学习率除以 10。'),
  late: msg((list: string, several: boolean, total: number) => `milestone${several ? 's' : ''} ${list} ${several ? 'lie' : 'lies'} beyond --total ${total}: never reached in this table.`,
    (list, _several, total) => `里程碑 ${list} 超出了 --total ${total}：在这张表里不会达到。`),
  clock: bi("Epochs count from t = 0 as PyTorch's schedulers do: the value at t is the lr used during epoch t.", '与 PyTorch 的调度器一样，epoch 从 t = 0 开始数：t 处的值就是第 t 个 epoch 使用的 lr。'),
  cosine: msg((horizon: string, tMax: number) => `η_max = lr; T_max = ${horizon} = ${tMax}. The notes (PPT) use η_min = 0.`, (horizon, tMax) => `η_max = lr；T_max = ${horizon} = ${tMax}。笔记（PPT）中 η_min = 0。`),
  linear: msg((horizon: string, T: number) => `T = ${horizon} = ${T}, so the rate reaches 0 at the last epoch.`, (horizon, T) => `T = ${horizon} = ${T}，所以学习率在最后一个 epoch 降到 0。`),
  rsqrtZero: bi('a₀/√t has no value at t = 0: dlnotes uses a₀ there (a_t = a₀/√max(t, 1)).', 'a₀/√t 在 t = 0 处没有定义：dlnotes 在那里用 a₀（a_t = a₀/√max(t, 1)）。'),
  warmupRule: msg((n: number) => `Warm-up: lr·(t + 1)/N for t < N = ${n}, rising linearly to lr at t = N − 1 (PyTorch LinearLR(start_factor=1/N, total_iters=N−1)).`,
    (n) => `预热：t < N = ${n} 时为 lr·(t + 1)/N，在 t = N − 1 时线性升到 lr（PyTorch LinearLR(start_factor=1/N, total_iters=N−1)）。`),
  ownClock: msg((n: number, step: boolean) => `Then the schedule starts its own clock at t = N, as SequentialLR does: it is evaluated at T_cur = t − ${n}${step ? ' (milestones count from the end of warm-up)' : ''}.`,
    (n, step) => `然后调度从 t = N 开始重新计时，与 SequentialLR 相同：在 T_cur = t − ${n} 处取值${step ? '（里程碑从预热结束时开始数）' : ''}。`),
  rsqrtWarmup: msg((n: number) => `With warm-up: the Transformer's rsqrt schedule scaled to peak at lr: lr·min((t + 1)/N, √(N/(t + 1))), N = ${n}: linear up to t = N − 1, then ∝ 1/√(t + 1).`,
    (n) => `带预热：Transformer 的 rsqrt 调度，缩放到峰值为 lr：lr·min((t + 1)/N, √(N/(t + 1)))，N = ${n}：到 t = N − 1 为止线性上升，之后 ∝ 1/√(t + 1)。`),
  at: msg((t: number) => `At t = ${t}`, (t) => `t = ${t} 时`),
  inWarmup: msg((t: number, n: number, expr: string) => `t = ${t} < N = ${n}: warm-up, ${expr}`, (t, n, expr) => `t = ${t} < N = ${n}：预热，${expr}`),
  afterWarmup: msg((t: number, n: number, u: number) => `t = ${t} ≥ N = ${n}: the schedule's epoch is T_cur = t − N = ${u}`, (t, n, u) => `t = ${t} ≥ N = ${n}：调度自己的 epoch 是 T_cur = t − N = ${u}`),
  passed: msg((u: number, list: string | undefined, k: number) => `milestones ≤ ${u}: ${list ?? 'none'}, so k = ${k}`, (u, list, k) => `不超过 ${u} 的里程碑：${list ?? '无'}，所以 k = ${k}`),
  rsqrtAtZero: msg((lr: string) => `t = 0: a₀/√0 is undefined, so a₀ = ${lr} (dlnotes' convention)`, (lr) => `t = 0：a₀/√0 没有定义，所以取 a₀ = ${lr}（dlnotes 的约定）`),
  result: msg((t: number, v: string) => `lr at t = ${t}: ${v}`, (t, v) => `t = ${t} 时的 lr：${v}`),
};

export const LR_TITLE: Record<ScheduleName, Text> = {
  step: bi('Step decay (MultiStepLR)', '阶梯衰减（MultiStepLR）'),
  cosine: bi('Cosine annealing', '余弦退火'),
  linear: bi('Linear decay', '线性衰减'),
  'inverse-sqrt': bi('Inverse square root', '平方根倒数'),
  constant: bi('Constant', '常数'),
};

const n = (x: number): string => fmtNum(x, 6);

const FORMULA: Record<ScheduleName, Text> = {
  step: bi('lr_t = lr · γ^k,  k = number of milestones ≤ t', 'lr_t = lr · γ^k，k = 不超过 t 的里程碑个数'),
  cosine: 'η_t = η_min + ½(η_max − η_min)(1 + cos(π·T_cur/T_max))',
  linear: 'a_t = a₀(1 − t/T)',
  'inverse-sqrt': 'a_t = a₀/√t',
  constant: 'lr_t = lr',
};

/** The worked solution; with `at`, the value at that epoch substituted step by step. */
export function explainLr(spec: ScheduleSpec, at?: number): Worked {
  const wb = new WorkedBuilder(M.title(LR_TITLE[spec.schedule]));
  wb.note(txt`${M.given}${given(spec)}${bi('.', '。')}`);
  wb.heading(M.formula);
  wb.formula(FORMULA[spec.schedule]);
  conventions(wb, spec);
  wb.heading('PyTorch');
  wb.formula(pytorchSchedule(spec));
  if (spec.schedule === 'cosine') wb.note(M.recursive);
  if (spec.schedule === 'step' && spec.milestones.join(',') === '30,60,90' && spec.gamma === 0.1) wb.note(M.resnet);
  const late = spec.milestones.filter((m) => m + spec.warmup > spec.total);
  if (spec.schedule === 'step' && late.length > 0) wb.warn(M.late(late.join(', '), late.length > 1, spec.total));
  if (at !== undefined) explainAt(wb, spec, at);
  return wb.build();
}

function given(spec: ScheduleSpec): Text {
  const parts: Text[] = [`lr = ${n(spec.lr)}`, M.epochs(spec.total)];
  if (spec.schedule === 'step') parts.push(M.milestones(spec.milestones.join(', ')), `γ = ${n(spec.gamma)}`);
  if (spec.schedule === 'cosine') parts.push(`η_min = ${n(spec.min)}`);
  if (spec.warmup > 0) parts.push(M.warmup(spec.warmup));
  return joinText(parts, bi(', ', '，'));
}

function conventions(wb: WorkedBuilder, spec: ScheduleSpec): void {
  const N = spec.warmup;
  wb.note(M.clock);
  if (spec.schedule === 'cosine') wb.note(M.cosine(N > 0 ? 'total − N' : 'total', spec.total - N));
  if (spec.schedule === 'linear') wb.note(M.linear(N > 0 ? 'total − N' : 'total', spec.total - N));
  if (spec.schedule === 'inverse-sqrt' && N === 0) wb.note(M.rsqrtZero);
  if (N > 0 && spec.schedule !== 'inverse-sqrt') {
    wb.note(M.warmupRule(N));
    wb.note(M.ownClock(N, spec.schedule === 'step'));
  }
  if (N > 0 && spec.schedule === 'inverse-sqrt') {
    wb.note(M.rsqrtWarmup(N));
  }
}

function explainAt(wb: WorkedBuilder, spec: ScheduleSpec, t: number): void {
  const value = lrAt(spec, t);
  const N = spec.warmup;
  const ph = phaseAt(spec, t);
  wb.heading(M.at(t));
  if (ph.kind === 'rsqrt-warmup') {
    const a = (t + 1) / N;
    const b = Math.sqrt(N / (t + 1));
    wb.step(`lr·min((t + 1)/N, √(N/(t + 1))) = ${n(spec.lr)}·min(${t + 1}/${N}, √(${N}/${t + 1})) = ${n(spec.lr)}·min(${n(a)}, ${n(b)})`);
  } else if (ph.kind === 'warmup') {
    wb.step(M.inWarmup(t, N, `lr·(t + 1)/N = ${n(spec.lr)}·${t + 1}/${N}`));
  } else {
    const { u, T } = ph;
    if (N > 0) wb.step(M.afterWarmup(t, N, u));
    switch (spec.schedule) {
      case 'constant':
        wb.step(`lr_t = ${n(spec.lr)}`);
        break;
      case 'step': {
        const k = milestonesPassed(spec.milestones, u);
        const passed = spec.milestones.filter((m) => m <= u);
        wb.step(M.passed(u, passed.length > 0 ? passed.join(', ') : undefined, k));
        wb.step(`lr·γ^k = ${n(spec.lr)}·${n(spec.gamma)}^${k}`);
        break;
      }
      case 'cosine': {
        // cos(π/2) is 6.1e-17 in floating point: show the 0 a student writes.
        const raw = Math.cos((Math.PI * u) / T);
        const c = Math.abs(raw) < 1e-12 ? 0 : raw;
        wb.step(`= ${n(spec.min)} + ½(${n(spec.lr)} − ${n(spec.min)})(1 + cos(π·${u}/${T}))`);
        wb.step(`= ${n(spec.min)} + ${n((spec.lr - spec.min) / 2)}·(1 ${c < 0 ? '−' : '+'} ${n(Math.abs(c))})`);
        break;
      }
      case 'linear':
        wb.step(`= ${n(spec.lr)}·(1 − ${u}/${T}) = ${n(spec.lr)}·${n(1 - u / T)}`);
        break;
      case 'inverse-sqrt':
        if (u === 0) wb.step(M.rsqrtAtZero(n(spec.lr)));
        else wb.step(`= ${n(spec.lr)}/√${u} = ${n(spec.lr)}/${n(Math.sqrt(u))}`);
        break;
    }
  }
  wb.result(M.result(t, n(value)));
}
