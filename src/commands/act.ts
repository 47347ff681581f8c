/** dlnotes act: activation functions, their derivatives, pros and cons, and plots. */
import { ACTIVATIONS, activate, activationCurve, alphaOf, isKink, maxout, takesAlpha, type ActivationName, type ActParams, type MaxoutParams, type ScalarActivation } from '../core/activations';
import { activationInfo, describeActivation, explainActivation, explainMaxout } from '../core/activations-explain';
import type { Quantity } from '../core/check';
import { fmtNum } from '../core/format';
import { tidyDeep } from '../core/numlist';
import { bi, msg, tr, type Text } from '../core/text';
import type { Worked } from '../core/worked';
import { UsageError } from '../errors';
import { t } from '../render/lang';
import { renderTable } from '../render/table';
import { renderWorked } from '../render/worked';
import { choiceFlag, numFlag, numListFlag, withFlags } from './flags';
import { emit, print, printJson, type Outcome } from './output';

/** The texts of this command, in both languages. */
const M = {
  name: msg((list: string, all: boolean) => `act: name one or more activations: ${list}${all ? ' (or all)' : ''}`, (list, all) => `请指定一个或多个激活函数：${list}${all ? '（或者 "all" 表示全部）' : ''}`),
  unknown: msg((name: string, list: string) => `act: unknown activation "${name}"; expected ${list}`, (name, list) => `未知的激活函数 "${name}"；应为 ${list} 之一`),
  maxoutBoth: bi('maxout needs both --w1 and --w2 (weight vectors, one value per input)', 'maxout 需要同时给出 --w1 和 --w2（权重向量，每个输入一个值）'),
  maxoutNeeds: bi('maxout needs --w1 and --w2 (and optionally --b1, --b2), e.g. --w1 0.5,-1 --w2 1,0.5', 'maxout 需要 --w1 和 --w2（可选 --b1、--b2），例如 --w1 0.5,-1 --w2 1,0.5'),
  oneNumber: msg((name: string, n: number) => `--x: ${name} takes one number, got ${n}`, (name, n) => `--x：${name} 只接受一个数，收到 ${n} 个`),
  plotMaxout: bi('--plot: maxout can be plotted only for a scalar x: give one number each to --w1 and --w2', '--plot：只有标量 x 的 maxout 才能画图：--w1 和 --w2 各给一个数'),
  header: [bi('function', '函数'), bi('saturates', '饱和'), bi('zero-centred', '以 0 为中心'), bi('dead neurons', '神经元死亡'), bi('cost', '计算成本')] as Text[],
  alpha: bi('--alpha applies to leaky-relu, prelu and elu', '--alpha 只用于 leaky-relu、prelu 和 elu'),
  approx: bi('--approx applies to gelu', '--approx 只用于 gelu'),
  onePoint: bi('--answer checks one function at one point: e.g. dlnotes act sigmoid --x 1 --answer value=0.73,grad=0.20', '--answer 检查一个函数在一个点上的结果：例如 dlnotes act sigmoid --x 1 --answer value=0.73,grad=0.20'),
  range: msg((raw: string) => `--range: expected two numbers lo,hi with lo < hi, e.g. --range -4,4; got "${raw}"`, (raw) => `--range：应为两个数 lo,hi，且 lo < hi，例如 --range -4,4；收到 "${raw}"`),
  plotTitle: msg((title: Text, lo: string, hi: string) => `${tr(title, 'en')}  (x from ${lo} to ${hi})`, (title, lo, hi) => `${tr(title, 'zh')}（x 从 ${lo} 到 ${hi}）`),
};

export interface ActFlags {
  x?: string; alpha?: string; approx?: string;
  w1?: string; b1?: string; w2?: string; b2?: string;
  plot?: boolean; range?: string; json?: boolean; answer?: string;
}

const PLOT_POINTS = 33;

function readNames(raw: string | undefined): ActivationName[] {
  if (raw === undefined) throw new UsageError(M.name(ACTIVATIONS.join(', '), true));
  const names = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (names.length === 1 && names[0] === 'all') return ACTIVATIONS.filter((a) => a !== 'maxout');
  const alias: Record<string, ActivationName> = { leakyrelu: 'leaky-relu', leaky_relu: 'leaky-relu', leaky: 'leaky-relu' };
  const out = names.map((nm) => {
    const name = alias[nm] ?? nm;
    if (!(ACTIVATIONS as readonly string[]).includes(name)) throw new UsageError(M.unknown(nm, ACTIVATIONS.join(', ')));
    return name as ActivationName;
  });
  if (out.length === 0) throw new UsageError(M.name(ACTIVATIONS.join(', '), false));
  return [...new Set(out)];
}

function readMaxout(o: ActFlags): MaxoutParams | undefined {
  const w1 = numListFlag('w1', o.w1);
  const w2 = numListFlag('w2', o.w2);
  if (w1 === undefined && w2 === undefined) return undefined;
  if (w1 === undefined || w2 === undefined) throw new UsageError(M.maxoutBoth, w1 === undefined ? 'w1' : 'w2');
  return { w1, w2, b1: numFlag('b1', o.b1) ?? 0, b2: numFlag('b2', o.b2) ?? 0 };
}

/** One activation evaluated at one point (maxout: x, grad and z are vectors/pairs). */
export interface ActPoint {
  name: ActivationName;
  x: number | number[];
  value: number;
  grad: number | number[];
  kink: boolean;
  gradAlpha?: number;
  z?: [number, number];
}

/** Evaluates one activation at x (a single number, or maxout's vector); UsageError for missing maxout weights. */
export function evaluateActivation(name: ActivationName, x: number[], p: ActParams, mp: MaxoutParams | undefined): ActPoint {
  if (name === 'maxout') {
    if (!mp) throw new UsageError(M.maxoutNeeds, 'w1');
    const r = withFlags(() => maxout(x, mp));
    return { name, x: x.length === 1 ? x[0]! : x, value: r.value, grad: r.grad.length === 1 ? r.grad[0]! : r.grad, kink: r.winner === 'tie', z: [r.z1, r.z2] };
  }
  if (x.length !== 1) throw new UsageError(M.oneNumber(name, x.length), 'x');
  const r = activate(name, x[0]!, p);
  return { name, x: x[0]!, ...r, kink: isKink(name, x[0]!, p), ...(name === 'prelu' ? { gradAlpha: x[0]! > 0 ? 0 : x[0]! } : {}) };
}

/** Checkable quantities of one activation at a point, for --answer and the homework checker. */
export function activationQuantities(pt: ActPoint): Record<string, Quantity> {
  const q: Record<string, Quantity> = {
    value: { label: `${pt.name}(x)`, expected: pt.value, aliases: ['f', 'y'] },
    grad: typeof pt.grad === 'number'
      ? { label: `${pt.name}'(x)`, expected: pt.grad, aliases: ['derivative', 'dydx', 'df', 'd'] }
      : { label: '∂/∂x', expected: [pt.grad], aliases: ['derivative', 'dydx', 'df', 'd'] },
  };
  if (pt.gradAlpha !== undefined) q.dalpha = { label: '∂f/∂α', expected: pt.gradAlpha, aliases: ['grad_alpha'] };
  if (pt.z) {
    q.z1 = { label: 'z₁ = w₁ᵀx + b₁', expected: pt.z[0] };
    q.z2 = { label: 'z₂ = w₂ᵀx + b₂', expected: pt.z[1] };
  }
  return q;
}

function pointJson(pt: ActPoint, p: ActParams): Record<string, unknown> {
  const info = activationInfo(pt.name, p);
  const a = alphaOf(pt.name, p);
  return {
    name: pt.name, x: pt.x, value: pt.value, grad: pt.grad,
    ...(a !== undefined ? { alpha: a } : {}), ...(pt.name === 'gelu' ? { approximate: p.approx ?? 'none' } : {}),
    ...(pt.gradAlpha !== undefined ? { grad_alpha: pt.gradAlpha } : {}), ...(pt.z ? { z1: pt.z[0], z2: pt.z[1] } : {}),
    kink: pt.kink, formula: t(info.formula), derivative: t(info.derivative), pytorch: t(info.pytorch),
  };
}

function curveOf(name: ActivationName, p: ActParams, mp: MaxoutParams | undefined, lo: number, hi: number) {
  if (name !== 'maxout') return withFlags(() => activationCurve(name, p, lo, hi, PLOT_POINTS));
  if (!mp || mp.w1.length !== 1) throw new UsageError(M.plotMaxout, 'plot');
  const xs = Array.from({ length: PLOT_POINTS }, (_, i) => lo + ((hi - lo) * i) / (PLOT_POINTS - 1));
  const rs = xs.map((x) => maxout([x], mp));
  return { xs, values: rs.map((r) => r.value), grads: rs.map((r) => r.grad[0]!) };
}

function comparison(names: ActivationName[], p: ActParams, points?: ActPoint[]): string {
  const [fn, ...traitHeads] = M.header.map(t);
  const header = [fn!, ...(points ? ['f(x)', "f'(x)"] : []), ...traitHeads];
  const rows = names.map((nm, i) => {
    const traits = activationInfo(nm, p).traits;
    const pt = points?.[i];
    const vals = pt ? [fmtNum(pt.value), typeof pt.grad === 'number' ? fmtNum(pt.grad) : `[${pt.grad.map((g) => fmtNum(g)).join(', ')}]`] : [];
    return [nm, ...vals, ...[traits.saturates, traits.zeroCentred, traits.deadNeurons, traits.cost].map(t)];
  });
  return renderTable(header, rows);
}

interface ActInputs {
  names: ActivationName[];
  p: ActParams;
  mp: MaxoutParams | undefined;
  x: number[] | undefined;
}

function readActInputs(rawNames: string | undefined, o: ActFlags): ActInputs {
  const names = readNames(rawNames);
  const alpha = numFlag('alpha', o.alpha);
  if (alpha !== undefined && !names.some(takesAlpha)) throw new UsageError(M.alpha, 'alpha');
  const approx = choiceFlag<'none' | 'tanh'>('approx', o.approx, ['none', 'tanh']);
  if (approx !== undefined && !names.includes('gelu')) throw new UsageError(M.approx, 'approx');
  const p: ActParams = { ...(alpha !== undefined ? { alpha } : {}), ...(approx ? { approx } : {}) };
  return { names, p, mp: readMaxout(o), x: numListFlag('x', o.x) };
}

function workedAt(nm: ActivationName, x: number[], p: ActParams, mp: MaxoutParams | undefined): Worked {
  return nm === 'maxout' ? explainMaxout(x, mp!) : explainActivation(nm as ScalarActivation, x[0]!, p);
}

/** One activation at one point (`act <name> --x v`): shared by --answer and the homework checker. */
export function computeAct(rawNames: string | undefined, o: ActFlags): Outcome {
  const { names, p, mp, x } = readActInputs(rawNames, o);
  if (x === undefined || names.length !== 1) {
    throw new UsageError(M.onePoint, 'answer');
  }
  const pt = evaluateActivation(names[0]!, x, p, mp);
  return { data: tidyDeep(pointJson(pt, p)), quantities: activationQuantities(pt), defaultKey: 'value', worked: workedAt(names[0]!, x, p, mp) };
}

export async function run(rawNames: string | undefined, o: ActFlags): Promise<void> {
  if (o.answer !== undefined) {
    emit(computeAct(rawNames, o), o);
    return;
  }
  const { names, p, mp, x } = readActInputs(rawNames, o);
  const points = x === undefined ? undefined : names.map((nm) => evaluateActivation(nm, x, p, mp));
  const worked: Worked[] = names.map((nm) => (x === undefined ? describeActivation(nm, p) : workedAt(nm, x, p, mp)));

  let range: [number, number] = [-4, 4];
  if (o.range !== undefined) {
    const r = numListFlag('range', o.range);
    if (!r || r.length !== 2 || !(r[1]! > r[0]!)) throw new UsageError(M.range(o.range), 'range');
    range = [r[0]!, r[1]!];
  }
  const curves = o.plot ? names.map((nm) => ({ name: nm, ...curveOf(nm, p, mp, range[0], range[1]) })) : undefined;

  if (o.json) {
    const one = (nm: ActivationName, i: number): Record<string, unknown> => {
      const info = activationInfo(nm, p);
      const traits = { saturates: t(info.traits.saturates), zeroCentred: t(info.traits.zeroCentred), deadNeurons: t(info.traits.deadNeurons), cost: t(info.traits.cost) };
      const base = points ? pointJson(points[i]!, p) : { name: nm, formula: t(info.formula), derivative: t(info.derivative), pytorch: t(info.pytorch), traits, pros: info.pros.map(t), cons: info.cons.map(t) };
      const c = curves?.[i];
      return c ? { ...base, curve: { x: c.xs, value: c.values, grad: c.grads } } : base;
    };
    printJson(tidyDeep(names.length === 1 ? one(names[0]!, 0) : { results: names.map(one) }));
    return;
  }
  const parts: string[] = [];
  if (curves) {
    const { renderCurves } = await import('../render/act-plot');
    parts.push(renderCurves(curves.map((c) => ({ title: t(M.plotTitle(activationInfo(c.name, p).title, fmtNum(range[0]), fmtNum(range[1]))), ...c }))));
  }
  if (!curves || points) parts.push(worked.map((w) => renderWorked(w)).join('\n\n'));
  if (names.length > 1) parts.push(comparison(names, p, points));
  print(parts.join('\n\n'));
}
