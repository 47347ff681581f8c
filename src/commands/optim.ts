/** dlnotes optim: optimizer steps worked out, PyTorch's update rules. */
import {
  OPTIMIZERS, USES, finalW, optimQuantities, resolveHyper, runOptimizer, sub,
  type GradSource, type OptimHyper, type OptimizerName, type OptimTrace,
} from '../core/optim';
import { explainOptim, OPTIM_TITLE } from '../core/optim-explain';
import { bi, msg, tr, type Text } from '../core/text';
import { UsageError } from '../errors';
import { t } from '../render/lang';
import { renderWorked } from '../render/worked';
import { checkAnswerKeys } from './answer-keys';
import { intFlag, numFlag, numListFlag, withFlags } from './flags';
import { emit, print, printJson, type Outcome } from './output';
import { compareTable, stepTable } from './optim-table';

/** The texts of this command, in both languages. */
const M = {
  optimizer: bi('optimizer', '优化器'),
  unknown: msg((where: Text, raw: string, list: string) => `${tr(where, 'en')}: unknown optimizer "${raw}"; expected one of ${list}`,
    (where, raw, list) => `${tr(where, 'zh')}：未知的优化器 "${raw}"；应为 ${list} 之一`),
  emptyCompare: bi('--compare: the list is empty; give optimizers like sgd,momentum,adam', '--compare：列表为空；请给出优化器，例如 sgd,momentum,adam'),
  twice: bi('--compare: an optimizer is listed twice', '--compare：有一个优化器列了两次'),
  name: msg((list: string) => `name an optimizer (${list}), e.g. dlnotes optim adam --grads 0.5,-0.3; or --compare sgd,momentum,adam`,
    (list) => `请指定优化器（${list}），例如 dlnotes optim adam --grads 0.5,-0.3；或者 --compare sgd,momentum,adam`),
  alphaBeta: bi("--alpha is PyTorch's name for RMSprop's --beta: give one of them", '--alpha 是 PyTorch 对 RMSprop 的 --beta 的叫法：两者只能给一个'),
  takes: msg((name: string, flags: string) => `${name} takes ${flags}`, (name, flags) => `${name} 接受 ${flags}`),
  noneUses: msg((names: string) => `none of ${names} uses it`, (names) => `${names} 都不用它`),
  notUsed: msg((flag: string, names: string, why: Text) => `--${flag}: not used by ${names} (${tr(why, 'en')})`, (flag, names, why) => `--${flag}：${names} 不用这个参数（${tr(why, 'zh')}）`),
  gradsOrF: bi('give either --grads (a gradient sequence) or --f (a function of w), not both', '--grads（梯度序列）和 --f（w 的函数）只能给一个'),
  stepsWithF: bi('--steps: only with --f; with --grads there is one step per gradient', '--steps：只和 --f 一起用；用 --grads 时每个梯度走一步'),
  source: bi('give the gradients, --grads 0.5,-0.3,0.2, or a function of w, --f "w^2 + 3*w" (with --steps, default 20)', '请给出梯度 --grads 0.5,-0.3,0.2，或者 w 的函数 --f "w^2 + 3*w"（配合 --steps，默认 20）'),
  wPlot: msg((last: string) => `w₀…w${last} (w against step t)`, (last) => `w₀…w${last}（w 随步数 t 的变化）`),
  oneOptimizer: bi('--answer checks one optimizer: drop --compare', '--answer 只检查一个优化器：请去掉 --compare'),
  compareCheck: bi('--compare runs several optimizers; check one at a time', '--compare 会运行多个优化器；请一次检查一个'),
};

export interface OptimFlags {
  lr?: string; w0?: string; grads?: string; f?: string; steps?: string;
  rho?: string; beta?: string; alpha?: string; beta1?: string; beta2?: string; eps?: string; weightDecay?: string;
  compare?: string; plot?: boolean; json?: boolean; answer?: string;
}

const FLAG: Record<keyof OptimHyper, string> = {
  lr: 'lr', rho: 'rho', beta: 'beta', beta1: 'beta1', beta2: 'beta2', eps: 'eps', weightDecay: 'weight-decay',
};

function optimizerName(raw: string, where: Text): OptimizerName {
  const v = raw.trim().toLowerCase();
  if (!(OPTIMIZERS as readonly string[]).includes(v)) throw new UsageError(M.unknown(where, raw.trim(), OPTIMIZERS.join(', ')));
  return v as OptimizerName;
}

function readOptimizers(name: string | undefined, o: OptimFlags): OptimizerName[] {
  if (o.compare !== undefined) {
    const list = String(o.compare).split(',').map((s) => s.trim()).filter(Boolean);
    if (list.length === 0) throw new UsageError(M.emptyCompare, 'compare');
    const names = list.map((s) => optimizerName(s, '--compare'));
    if (name !== undefined) {
      const first = optimizerName(name, M.optimizer);
      if (!names.includes(first)) names.unshift(first);
    }
    if (new Set(names).size !== names.length) throw new UsageError(M.twice, 'compare');
    return names;
  }
  if (name === undefined) throw new UsageError(M.name(OPTIMIZERS.join(', ')));
  return [optimizerName(name, M.optimizer)];
}

function readHyper(o: OptimFlags, names: OptimizerName[]): { given: Partial<OptimHyper>; betaFlag: string } {
  if (o.beta !== undefined && o.alpha !== undefined) throw new UsageError(M.alphaBeta, 'alpha');
  const betaFlag = o.alpha !== undefined ? 'alpha' : 'beta';
  const given: Partial<OptimHyper> = {
    lr: numFlag('lr', o.lr),
    rho: numFlag('rho', o.rho),
    beta: numFlag(betaFlag, o.beta ?? o.alpha),
    beta1: numFlag('beta1', o.beta1),
    beta2: numFlag('beta2', o.beta2),
    eps: numFlag('eps', o.eps),
    weightDecay: numFlag('weight-decay', o.weightDecay),
  };
  for (const [k, v] of Object.entries(given) as Array<[keyof OptimHyper, number | undefined]>) {
    if (v === undefined || names.some((nm) => USES[nm].includes(k))) continue;
    const flag = k === 'beta' ? betaFlag : FLAG[k];
    const takes = names.length === 1 ? M.takes(names[0]!, USES[names[0]!].map((u) => `--${FLAG[u]}`).join(', ')) : M.noneUses(names.join(', '));
    throw new UsageError(M.notUsed(flag, names.join(', '), takes), flag);
  }
  return { given, betaFlag };
}

async function readSource(o: OptimFlags): Promise<GradSource> {
  if (o.grads !== undefined && o.f !== undefined) throw new UsageError(M.gradsOrF, 'f');
  if (o.grads !== undefined) {
    if (o.steps !== undefined) throw new UsageError(M.stepsWithF, 'steps');
    return { kind: 'grads', grads: numListFlag('grads', o.grads)! };
  }
  if (o.f !== undefined) {
    const steps = intFlag('steps', o.steps, { min: 1, max: 10000 }) ?? 20;
    // mathjs loads only here, so --grads runs stay fast.
    const { compileObjective } = await import('../core/objective');
    const obj = withFlags(() => compileObjective(String(o.f)));
    return { kind: 'function', steps, ...obj };
  }
  throw new UsageError(M.source, 'grads');
}

function recordJson(r: OptimTrace['steps'][number], coupled: boolean): Record<string, number> {
  const { wPrev: _wPrev, g, ...rest } = r;
  return { ...rest, ...(coupled ? { g } : {}) };
}

/** The --json shape of one run. */
export function optimJson(trace: OptimTrace): Record<string, unknown> {
  const coupled = trace.optimizer !== 'adamw' && trace.hyper.weightDecay !== 0;
  const hyper: Record<string, number> = {};
  for (const k of USES[trace.optimizer]) hyper[k] = trace.hyper[k];
  return {
    optimizer: trace.optimizer,
    hyper,
    w0: trace.w0,
    ...(trace.expr !== undefined ? { f: trace.expr, grad: trace.gradExpr, f0: trace.f0 } : {}),
    steps: trace.steps.map((r) => recordJson(r, coupled)),
    w: finalW(trace),
    ...(trace.stopped ? { stopped: t(trace.stopped) } : {}),
  };
}

async function plots(traces: OptimTrace[]): Promise<string> {
  const { renderChart } = await import('../render/chart');
  const label = (run: OptimTrace) => (traces.length > 1 ? OPTIM_TITLE[run.optimizer] : t(M.wPlot(sub(run.steps.length))));
  const parts = [renderChart(traces.map((run) => ({ label: label(run), values: [run.w0, ...run.steps.map((r) => r.w)] })))];
  if (traces[0]!.source === 'function') {
    const fl = (run: OptimTrace) => (traces.length > 1 ? OPTIM_TITLE[run.optimizer] : `f(w_t) = ${run.expr}`);
    parts.push(renderChart(traces.map((run) => ({ label: fl(run), values: [run.f0!, ...run.steps.map((r) => r.f!)] }))));
  }
  return parts.join('\n\n');
}

async function traces(name: string | undefined, o: OptimFlags) {
  const names = readOptimizers(name, o);
  if (names.length > 1 && o.answer !== undefined) throw new UsageError(M.oneOptimizer, 'compare');
  const { given, betaFlag } = readHyper(o, names);
  const w0 = numFlag('w0', o.w0) ?? 0;
  const source = await readSource(o);
  const flagOf = { ...FLAG, beta: betaFlag } as Record<string, string>;
  const runs = names.map((nm) => {
    const mine: Partial<OptimHyper> = {};
    for (const k of USES[nm]) mine[k] = given[k];
    const hyper = withFlags(() => resolveHyper(nm, mine), flagOf);
    return withFlags(() => runOptimizer(nm, hyper, w0, source), flagOf);
  });
  return { runs, given, w0, source };
}

/** One `optim` run of a single optimizer: shared by the command and the homework checker. */
export async function computeOptim(name: string | undefined, o: OptimFlags): Promise<Outcome> {
  const { runs } = await traces(name, o);
  if (runs.length > 1) throw new UsageError(M.compareCheck, 'compare');
  const trace = runs[0]!;
  return {
    data: optimJson(trace),
    quantities: optimQuantities(trace),
    defaultKey: 'w',
    worked: `${renderWorked(explainOptim(trace))}\n\n${stepTable(trace)}`,
  };
}

export async function run(name: string | undefined, o: OptimFlags): Promise<void> {
  const { runs, given, w0, source } = await traces(name, o);
  if (runs.length > 1) {
    if (o.json) {
      printJson({ w0, ...(source.kind === 'function' ? { f: source.expr, grad: source.gradExpr } : {}), runs: runs.map(optimJson) });
      return;
    }
    const out = [compareTable(runs, given.lr === undefined)];
    if (o.plot) out.push(await plots(runs));
    print(out.join('\n\n'));
    return;
  }
  const out = await computeOptim(name, o);
  if (o.answer !== undefined) checkAnswerKeys(o.answer, out.quantities);
  if (o.answer !== undefined || o.json || !o.plot) {
    emit(out, o);
    return;
  }
  print(`${out.worked as string}\n\n${await plots(runs)}`);
}
