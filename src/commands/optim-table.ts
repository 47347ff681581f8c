/** Tables of optimizer runs: every step of one run, or several runs side by side. */
import { fmtNum } from '../core/format';
import { finalW, STATE_VARS, sub, USES, type OptimTrace, type StepRecord } from '../core/optim';
import { OPTIM_TITLE } from '../core/optim-explain';
import { style } from '../render/style';
import { renderTable } from '../render/table';

const n = (x: number | undefined): string => (x === undefined ? '' : fmtNum(x, 6));
const VAR_HEAD: Record<string, string> = { v: 'v', s: 's', m: 'm', mHat: 'm̂', vHat: 'v̂' };

/** Long runs show their first 21 and last 10 rows (a ⋮ row between); --json has them all. */
function elided(header: string[], rows: string[][], align: Array<'left' | 'right'>): string {
  if (rows.length <= 50) return renderTable(header, rows, { align });
  const hidden = rows.length - 31;
  const shown = [...rows.slice(0, 21), header.map(() => '⋮'), ...rows.slice(-10)];
  return `${renderTable(header, shown, { align })}\n${style.dim(`(${hidden} rows not shown; --json has every step)`)}`;
}

/** Every step of one run: t, gradient, each state variable, w (and f(w) when driven by a function). */
export function stepTable(trace: OptimTrace): string {
  const vars = STATE_VARS[trace.optimizer];
  const coupled = trace.optimizer !== 'adamw' && trace.hyper.weightDecay !== 0;
  const adamw = trace.optimizer === 'adamw';
  const fn = trace.source === 'function';
  const header = ['t', '∇L', ...(coupled ? ['g = ∇L + λw'] : []), ...vars.map((v) => VAR_HEAD[v]!), ...(adamw ? ["w' (decayed)"] : []), 'w', ...(fn ? ['f(w)'] : [])];
  const row0 = ['0', '', ...(coupled ? [''] : []), ...vars.map((v) => (v === 'mHat' || v === 'vHat' ? '' : '0')), ...(adamw ? [''] : []), n(trace.w0), ...(fn ? [n(trace.f0)] : [])];
  const row = (r: StepRecord): string[] => [
    String(r.t), n(r.grad), ...(coupled ? [n(r.g)] : []), ...vars.map((v) => n(r[v])), ...(adamw ? [n(r.wDecayed)] : []), n(r.w), ...(fn ? [n(r.f)] : []),
  ];
  const table = elided(header, [row0, ...trace.steps.map(row)], header.map(() => 'right'));
  return `${style.bold('Every step')}\n${table}`;
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
  lines.push(style.heading(`Compare: ${traces.map((tr) => OPTIM_TITLE[tr.optimizer]).join(', ')}`));
  lines.push(style.dim(`${fn ? `f(w) = ${first.expr}, ∇f(w) = ${first.gradExpr}` : `gradients ${first.steps.map((r) => fmtNum(r.grad, 6)).join(', ')}`}; w₀ = ${fmtNum(first.w0, 6)}; ${T} step${T === 1 ? '' : 's'}.`));
  if (defaultLr) lines.push(style.dim('No --lr given: each optimizer uses its PyTorch default (SGD has none; dlnotes uses 0.1).'));
  lines.push('');
  const summary = traces.map((tr) => {
    const last = tr.steps.at(-1);
    return [OPTIM_TITLE[tr.optimizer], hyperText(tr), n(finalW(tr)), ...(fn ? [n(last?.f ?? tr.f0)] : [])];
  });
  lines.push(renderTable(['optimizer', 'hyper-parameters', `w${sub(T)}`, ...(fn ? [`f(w${sub(T)})`] : [])], summary, { align: ['left', 'left', 'right', 'right'] }));
  for (const tr of traces) if (tr.stopped) lines.push(style.warn(`! ${OPTIM_TITLE[tr.optimizer]}: ${tr.stopped}`));
  lines.push('', style.bold('w at every step'));
  const rows = Array.from({ length: T + 1 }, (_, t) => [String(t), ...traces.map((tr) => (t === 0 ? n(tr.w0) : n(tr.steps[t - 1]?.w)))]);
  lines.push(elided(['t', ...traces.map((tr) => tr.optimizer)], rows, ['right', ...traces.map(() => 'right' as const)]));
  return lines.join('\n');
}
