/** Tables of optimizer runs: every step of one run, or several runs side by side. */
import { fmtNum } from '../core/format';
import { finalW, STATE_VARS, sub, USES, type OptimTrace, type StepRecord } from '../core/optim';
import { OPTIM_TITLE } from '../core/optim-explain';
import { bi, msg } from '../core/text';
import { t } from '../render/lang';
import { style } from '../render/style';
import { renderTable } from '../render/table';

/** The texts of the tables, in both languages. */
const M = {
  hidden: msg((n: number) => `(${n} row${n === 1 ? '' : 's'} not shown; --json has every step)`, (n) => `（省略了 ${n} 行；--json 里有每一步）`),
  decayed: bi("w' (decayed)", "w'（衰减后）"),
  everyStep: bi('Every step', '每一步'),
  compare: msg((names: string) => `Compare: ${names}`, (names) => `比较：${names}`),
  gradients: msg((list: string) => `gradients ${list}`, (list) => `梯度 ${list}`),
  start: msg((source: string, w0: string, steps: number) => `${source}; w₀ = ${w0}; ${steps} step${steps === 1 ? '' : 's'}.`, (source, w0, steps) => `${source}；w₀ = ${w0}；${steps} 步。`),
  defaultLr: bi('No --lr given: each optimizer uses its PyTorch default (SGD has none; dlnotes uses 0.1).', '没有给出 --lr：每个优化器用 PyTorch 的默认值（SGD 没有默认值；dlnotes 用 0.1）。'),
  optimizer: bi('optimizer', '优化器'),
  hyper: bi('hyper-parameters', '超参数'),
  colon: bi(': ', '：'),
  wEveryStep: bi('w at every step', '每一步的 w'),
};

const n = (x: number | undefined): string => (x === undefined ? '' : fmtNum(x, 6));
const VAR_HEAD: Record<string, string> = { v: 'v', s: 's', m: 'm', mHat: 'm̂', vHat: 'v̂' };

/** Long runs show their first 21 and last 10 rows (a ⋮ row between); --json has them all. */
function elided(header: string[], rows: string[][], align: Array<'left' | 'right'>): string {
  if (rows.length <= 50) return renderTable(header, rows, { align });
  const hidden = rows.length - 31;
  const shown = [...rows.slice(0, 21), header.map(() => '⋮'), ...rows.slice(-10)];
  return `${renderTable(header, shown, { align })}\n${style.dim(t(M.hidden(hidden)))}`;
}

/** Every step of one run: t, gradient, each state variable, w (and f(w) when driven by a function). */
export function stepTable(trace: OptimTrace): string {
  const vars = STATE_VARS[trace.optimizer];
  const coupled = trace.optimizer !== 'adamw' && trace.hyper.weightDecay !== 0;
  const adamw = trace.optimizer === 'adamw';
  const fn = trace.source === 'function';
  const header = ['t', '∇L', ...(coupled ? ['g = ∇L + λw'] : []), ...vars.map((v) => VAR_HEAD[v]!), ...(adamw ? [t(M.decayed)] : []), 'w', ...(fn ? ['f(w)'] : [])];
  const row0 = ['0', '', ...(coupled ? [''] : []), ...vars.map((v) => (v === 'mHat' || v === 'vHat' ? '' : '0')), ...(adamw ? [''] : []), n(trace.w0), ...(fn ? [n(trace.f0)] : [])];
  const row = (r: StepRecord): string[] => [
    String(r.t), n(r.grad), ...(coupled ? [n(r.g)] : []), ...vars.map((v) => n(r[v])), ...(adamw ? [n(r.wDecayed)] : []), n(r.w), ...(fn ? [n(r.f)] : []),
  ];
  const table = elided(header, [row0, ...trace.steps.map(row)], header.map(() => 'right'));
  return `${style.bold(t(M.everyStep))}\n${table}`;
}

function hyperText(trace: OptimTrace): string {
  const names: Record<string, string> = { lr: 'lr', rho: 'momentum', beta: 'alpha', beta1: 'β1', beta2: 'β2', eps: 'eps', weightDecay: 'weight_decay' };
  return USES[trace.optimizer]
    .filter((k) => k !== 'weightDecay' || trace.hyper.weightDecay !== 0 || trace.optimizer === 'adamw')
    .map((k) => `${names[k]}=${fmtNum(trace.hyper[k], 6)}`)
    .join(', ');
}

/** Several optimizers from the same start: a summary, then w at every step side by side. */
export function compareTable(traces: OptimTrace[], defaultLr: boolean): string {
  const first = traces[0]!;
  const fn = first.source === 'function';
  const T = Math.max(...traces.map((tr) => tr.steps.length));
  const lines: string[] = [];
  lines.push(style.heading(t(M.compare(traces.map((tr) => OPTIM_TITLE[tr.optimizer]).join(', ')))));
  const source = fn ? `f(w) = ${first.expr}, ∇f(w) = ${first.gradExpr}` : t(M.gradients(first.steps.map((r) => fmtNum(r.grad, 6)).join(', ')));
  lines.push(style.dim(t(M.start(source, fmtNum(first.w0, 6), T))));
  if (defaultLr) lines.push(style.dim(t(M.defaultLr)));
  lines.push('');
  const summary = traces.map((tr) => {
    const last = tr.steps.at(-1);
    return [OPTIM_TITLE[tr.optimizer], hyperText(tr), n(finalW(tr)), ...(fn ? [n(last?.f ?? tr.f0)] : [])];
  });
  lines.push(renderTable([t(M.optimizer), t(M.hyper), `w${sub(T)}`, ...(fn ? [`f(w${sub(T)})`] : [])], summary, { align: ['left', 'left', 'right', 'right'] }));
  for (const tr of traces) if (tr.stopped) lines.push(style.warn(`! ${OPTIM_TITLE[tr.optimizer]}${t(M.colon)}${t(tr.stopped)}`));
  lines.push('', style.bold(t(M.wEveryStep)));
  const rows = Array.from({ length: T + 1 }, (_, t) => [String(t), ...traces.map((tr) => (t === 0 ? n(tr.w0) : n(tr.steps[t - 1]?.w)))]);
  lines.push(elided(['t', ...traces.map((tr) => tr.optimizer)], rows, ['right', ...traces.map(() => 'right' as const)]));
  return lines.join('\n');
}
