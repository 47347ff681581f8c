/** dlnotes lr: a learning-rate schedule epoch by epoch, PyTorch's schedulers. */
import { fmtNum } from '../core/format';
import { lrQuantities, lrValues, pytorchSchedule, resolveSchedule, SCHEDULES, type ScheduleName, type ScheduleSpec } from '../core/lr';
import { explainLr, LR_TITLE } from '../core/lr-explain';
import { bi, msg, ordinal, tr, type Text } from '../core/text';
import { UsageError } from '../errors';
import { t } from '../render/lang';
import { style } from '../render/style';
import { renderTable } from '../render/table';
import { renderWorked } from '../render/worked';
import { checkAnswerKeys } from './answer-keys';
import { intFlag, numFlag, numListFlag, withFlags } from './flags';
import { emit, print, type Outcome } from './output';

/** The texts of this command, in both languages. */
const M = {
  name: msg((list: string) => `name a schedule (${list}), e.g. dlnotes lr cosine --lr 0.1 --total 100`, (list) => `请指定学习率调度（${list}），例如 dlnotes lr cosine --lr 0.1 --total 100`),
  unknown: msg((name: string, list: string) => `schedule: unknown schedule "${name}"; expected one of ${list}`, (name, list) => `学习率调度：未知的调度 "${name}"；应为 ${list} 之一`),
  stepOnly: msg((flag: string, schedule: string) => `--${flag}: only for the step schedule (MultiStepLR), not ${schedule}`, (flag, schedule) => `--${flag}：只用于 "step" 调度（MultiStepLR），不能用于 "${schedule}"`),
  cosineOnly: msg((schedule: string) => `--min: only for the cosine schedule (eta_min), not ${schedule}`, (schedule) => `--min：只用于 "cosine" 调度（eta_min），不能用于 "${schedule}"`),
  wholeEpoch: msg((i: number, m: number) => `--milestones: item ${i} must be a whole epoch, got ${m}`, (i, m) => `--milestones：第 ${i} 项必须是整数 epoch，收到 ${m}`),
  every: msg((every: number, all: number) => `(every ${ordinal(every)} epoch shown; --json has all ${all})`, (every, all) => `（每隔 ${every} 个 epoch 显示一次；--json 里有全部 ${all} 个）`),
  pastTotal: msg((at: number, total: number) => `--at: epoch ${at} is past --total ${total}; raise --total or pick t from 0 to ${total}`,
    (at, total) => `--at：epoch ${at} 超过了 --total ${total}；请增大 --total，或在 0 到 ${total} 之间选 t`),
  everyEpoch: bi('Every epoch', '每个 epoch'),
  whichEpoch: bi('--answer: say which epoch: add --at t, or name it, e.g. --answer lr30=0.01', '--answer：请说明是哪个 epoch：加上 --at t，或者写明，例如 --answer lr30=0.01'),
  chart: msg((title: Text, warmup: number) => `lr_t: ${tr(title, 'en')}${warmup > 0 ? ` with ${warmup} warm-up epochs` : ''}`,
    (title, warmup) => `lr_t：${tr(title, 'zh')}${warmup > 0 ? `（预热 ${warmup} 个 epoch）` : ''}`),
  epochs: bi('epochs', '个 epoch'),
};

export interface LrFlags {
  lr?: string; total?: string; warmup?: string;
  milestones?: string; gamma?: string; min?: string;
  at?: string; plot?: boolean; json?: boolean; answer?: string;
}

function readSpec(name: string | undefined, o: LrFlags): ScheduleSpec {
  if (name === undefined) throw new UsageError(M.name(SCHEDULES.join(', ')));
  const schedule = name.trim().toLowerCase() as ScheduleName;
  if (!SCHEDULES.includes(schedule)) throw new UsageError(M.unknown(name.trim(), SCHEDULES.join(', ')));
  if (schedule !== 'step') {
    for (const f of ['milestones', 'gamma'] as const) {
      if (o[f] !== undefined) throw new UsageError(M.stepOnly(f, schedule), f);
    }
  }
  if (schedule !== 'cosine' && o.min !== undefined) throw new UsageError(M.cosineOnly(schedule), 'min');
  const milestones = numListFlag('milestones', o.milestones);
  milestones?.forEach((m, i) => {
    if (!Number.isInteger(m)) throw new UsageError(M.wholeEpoch(i + 1, m), 'milestones');
  });
  return withFlags(() => resolveSchedule(schedule, {
    lr: numFlag('lr', o.lr),
    total: intFlag('total', o.total, { min: 1, max: 100000 }),
    warmup: intFlag('warmup', o.warmup, { min: 0 }),
    milestones,
    gamma: numFlag('gamma', o.gamma),
    min: numFlag('min', o.min),
  }));
}

/** t and lr side by side in up to four column pairs; very long schedules show every k-th epoch. */
export function valuesTable(values: readonly number[]): string {
  const every = values.length > 400 ? Math.ceil(values.length / 200) : 1;
  const idx = values.map((_, t) => t).filter((t) => t % every === 0 || t === values.length - 1);
  const groups = idx.length <= 25 ? 1 : 4;
  const rows = Math.ceil(idx.length / groups);
  const header: string[] = [];
  for (let g = 0; g < groups; g++) header.push('t', 'lr');
  const body = Array.from({ length: rows }, (_, r) => {
    const row: string[] = [];
    for (let g = 0; g < groups; g++) {
      const t = idx[g * rows + r];
      row.push(t === undefined ? '' : String(t), t === undefined ? '' : fmtNum(values[t]!, 6));
    }
    return row;
  });
  const table = renderTable(header, body, { align: header.map((h) => (h === 't' ? 'right' : 'left')), gap: 2 });
  return every > 1 ? `${table}\n${style.dim(t(M.every(every, values.length)))}` : table;
}

/** The --json shape. */
export function lrJson(spec: ScheduleSpec, values: readonly number[], at?: number): Record<string, unknown> {
  return {
    schedule: spec.schedule,
    lr: spec.lr,
    total: spec.total,
    warmup: spec.warmup,
    ...(spec.schedule === 'step' ? { milestones: spec.milestones, gamma: spec.gamma } : {}),
    ...(spec.schedule === 'cosine' ? { min: spec.min } : {}),
    pytorch: pytorchSchedule(spec),
    ...(at !== undefined ? { at, value: values[at] } : {}),
    values,
  };
}

/** One `lr` run: shared by the command and the homework checker. */
export function computeLr(name: string | undefined, o: LrFlags): Outcome & { spec: ReturnType<typeof readSpec>; values: number[] } {
  const spec = readSpec(name, o);
  const at = intFlag('at', o.at, { min: 0 });
  if (at !== undefined && at > spec.total) throw new UsageError(M.pastTotal(at, spec.total), 'at');
  const values = lrValues(spec);
  const worked = explainLr(spec, at);
  const text = at !== undefined ? renderWorked(worked) : `${renderWorked(worked)}\n\n${style.bold(t(M.everyEpoch))}\n${valuesTable(values)}`;
  const quantities = lrQuantities(values, at);
  return {
    spec,
    values,
    data: lrJson(spec, values, at),
    quantities,
    defaultKey: () => {
      if (at === undefined) throw new UsageError(M.whichEpoch, 'answer');
      return 'lr';
    },
    worked: text,
  };
}

export async function run(name: string | undefined, o: LrFlags): Promise<void> {
  const out = computeLr(name, o);
  if (o.answer !== undefined) checkAnswerKeys(o.answer, out.quantities);
  if (o.answer !== undefined || o.json || !o.plot) {
    emit(out, o);
    return;
  }
  const { renderChart } = await import('../render/chart');
  const { spec, values } = out;
  const chart = renderChart([{ label: t(M.chart(LR_TITLE[spec.schedule], spec.warmup)), values }], { xUnit: M.epochs });
  print(`${out.worked as string}\n\n${chart}`);
}
