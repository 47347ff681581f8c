/** The worked solution of a learning-rate schedule: formula, conventions, and the value at one epoch. */
import { fmtNum } from './format';
import { lrAt, milestonesPassed, phaseAt, pytorchSchedule, type ScheduleName, type ScheduleSpec } from './lr';
import { WorkedBuilder, type Worked } from './worked';

export const LR_TITLE: Record<ScheduleName, string> = {
  step: 'Step decay (MultiStepLR)',
  cosine: 'Cosine annealing',
  linear: 'Linear decay',
  'inverse-sqrt': 'Inverse square root',
  constant: 'Constant',
};

const n = (x: number): string => fmtNum(x, 6);

const FORMULA: Record<ScheduleName, string> = {
  step: 'lr_t = lr · γ^k,  k = number of milestones ≤ t',
  cosine: 'η_t = η_min + ½(η_max − η_min)(1 + cos(π·T_cur/T_max))',
  linear: 'a_t = a₀(1 − t/T)',
  'inverse-sqrt': 'a_t = a₀/√t',
  constant: 'lr_t = lr',
};

/** The worked solution; with `at`, the value at that epoch substituted step by step. */
export function explainLr(spec: ScheduleSpec, at?: number): Worked {
  const wb = new WorkedBuilder(`Learning-rate schedule: ${LR_TITLE[spec.schedule]}`);
  wb.note(`Given: ${given(spec)}.`);
  wb.heading('Formula (the notes)');
  wb.formula(FORMULA[spec.schedule]);
  conventions(wb, spec);
  wb.heading('PyTorch');
  wb.formula(pytorchSchedule(spec));
  if (spec.schedule === 'cosine') wb.note('PyTorch updates recursively, η_{t} = η_min + (η_{t−1} − η_min)·(1 + cos(πt/T_max))/(1 + cos(π(t−1)/T_max)); at whole epochs this equals the closed form up to float rounding.');
  if (spec.schedule === 'step' && spec.milestones.join(',') === '30,60,90' && spec.gamma === 0.1) wb.note('ResNet\'s schedule: the learning rate is divided by 10 at epochs 30, 60 and 90.');
  const late = spec.milestones.filter((m) => m + spec.warmup > spec.total);
  if (spec.schedule === 'step' && late.length > 0) wb.warn(`milestone${late.length > 1 ? 's' : ''} ${late.join(', ')} ${late.length > 1 ? 'lie' : 'lies'} beyond --total ${spec.total}: never reached in this table.`);
  if (at !== undefined) explainAt(wb, spec, at);
  return wb.build();
}

function given(spec: ScheduleSpec): string {
  const parts = [`lr = ${n(spec.lr)}`, `${spec.total} epochs (t = 0…${spec.total})`];
  if (spec.schedule === 'step') parts.push(`milestones ${spec.milestones.join(', ')}`, `γ = ${n(spec.gamma)}`);
  if (spec.schedule === 'cosine') parts.push(`η_min = ${n(spec.min)}`);
  if (spec.warmup > 0) parts.push(`warm-up N = ${spec.warmup}`);
  return parts.join(', ');
}

function conventions(wb: WorkedBuilder, spec: ScheduleSpec): void {
  const N = spec.warmup;
  wb.note('Epochs count from t = 0 as PyTorch\'s schedulers do: the value at t is the lr used during epoch t.');
  if (spec.schedule === 'cosine') wb.note(`η_max = lr; T_max = ${N > 0 ? 'total − N' : 'total'} = ${spec.total - N}. The notes (PPT) use η_min = 0.`);
  if (spec.schedule === 'linear') wb.note(`T = ${N > 0 ? 'total − N' : 'total'} = ${spec.total - N}, so the rate reaches 0 at the last epoch.`);
  if (spec.schedule === 'inverse-sqrt' && N === 0) wb.note('a₀/√t has no value at t = 0: dlnotes uses a₀ there (a_t = a₀/√max(t, 1)).');
  if (N > 0 && spec.schedule !== 'inverse-sqrt') {
    wb.note(`Warm-up: lr·(t + 1)/N for t < N = ${N}, rising linearly to lr at t = N − 1 (PyTorch LinearLR(start_factor=1/N, total_iters=N−1)).`);
    wb.note(`Then the schedule starts its own clock at t = N, as SequentialLR does: it is evaluated at T_cur = t − ${N}${spec.schedule === 'step' ? ' (milestones count from the end of warm-up)' : ''}.`);
  }
  if (N > 0 && spec.schedule === 'inverse-sqrt') {
    wb.note(`With warm-up: the Transformer's rsqrt schedule scaled to peak at lr: lr·min((t + 1)/N, √(N/(t + 1))), N = ${N}: linear up to t = N − 1, then ∝ 1/√(t + 1).`);
  }
}

function explainAt(wb: WorkedBuilder, spec: ScheduleSpec, t: number): void {
  const value = lrAt(spec, t);
  const N = spec.warmup;
  const ph = phaseAt(spec, t);
  wb.heading(`At t = ${t}`);
  if (ph.kind === 'rsqrt-warmup') {
    const a = (t + 1) / N;
    const b = Math.sqrt(N / (t + 1));
    wb.step(`lr·min((t + 1)/N, √(N/(t + 1))) = ${n(spec.lr)}·min(${t + 1}/${N}, √(${N}/${t + 1})) = ${n(spec.lr)}·min(${n(a)}, ${n(b)})`);
  } else if (ph.kind === 'warmup') {
    wb.step(`t = ${t} < N = ${N}: warm-up, lr·(t + 1)/N = ${n(spec.lr)}·${t + 1}/${N}`);
  } else {
    const { u, T } = ph;
    if (N > 0) wb.step(`t = ${t} ≥ N = ${N}: the schedule's epoch is T_cur = t − N = ${u}`);
    switch (spec.schedule) {
      case 'constant':
        wb.step(`lr_t = ${n(spec.lr)}`);
        break;
      case 'step': {
        const k = milestonesPassed(spec.milestones, u);
        const passed = spec.milestones.filter((m) => m <= u);
        wb.step(`milestones ≤ ${u}: ${passed.length > 0 ? passed.join(', ') : 'none'}, so k = ${k}`);
        wb.step(`lr·γ^k = ${n(spec.lr)}·${n(spec.gamma)}^${k}`);
        break;
      }
      case 'cosine': {
        const c = Math.cos((Math.PI * u) / T);
        wb.step(`= ${n(spec.min)} + ½(${n(spec.lr)} − ${n(spec.min)})(1 + cos(π·${u}/${T}))`);
        wb.step(`= ${n(spec.min)} + ${n((spec.lr - spec.min) / 2)}·(1 + ${n(c)})`);
        break;
      }
      case 'linear':
        wb.step(`= ${n(spec.lr)}·(1 − ${u}/${T}) = ${n(spec.lr)}·${n(1 - u / T)}`);
        break;
      case 'inverse-sqrt':
        if (u === 0) wb.step(`t = 0: a₀/√0 is undefined, so a₀ = ${n(spec.lr)} (dlnotes' convention)`);
        else wb.step(`= ${n(spec.lr)}/√${u} = ${n(spec.lr)}/${n(Math.sqrt(u))}`);
        break;
    }
  }
  wb.result(`lr at t = ${t}: ${n(value)}`);
}
