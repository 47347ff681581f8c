/** dlnotes act: activation functions, their derivatives, pros and cons, and plots. */
import { ACTIVATIONS, activate, activationCurve, activationSlips, alphaOf, isKink, maxout, takesAlpha, type ActivationName, type ActParams, type MaxoutParams, type ScalarActivation } from '../core/activations';
import { activationInfo, describeActivation, explainActivation, explainMaxout } from '../core/activations-explain';
import type { Quantity } from '../core/check';
import { fmtNum } from '../core/format';
import { tidyDeep } from '../core/numlist';
import type { Worked } from '../core/worked';
import { UsageError } from '../errors';
import { renderTable } from '../render/table';
import { renderWorked } from '../render/worked';
import { choiceFlag, numFlag, numListFlag, withFlags } from './flags';
import { emit, print, printJson, type Outcome } from './output';

export interface ActFlags {
  x?: string; alpha?: string; approx?: string;
  w1?: string; b1?: string; w2?: string; b2?: string;
  plot?: boolean; range?: string; json?: boolean; answer?: string;
}

const PLOT_POINTS = 33;

function readNames(raw: string | undefined): ActivationName[] {
  if (raw === undefined) throw new UsageError(`act: name one or more activations: ${ACTIVATIONS.join(', ')} (or all)`);
  const names = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (names.length === 1 && names[0] === 'all') return ACTIVATIONS.filter((a) => a !== 'maxout');
  const alias: Record<string, ActivationName> = { leakyrelu: 'leaky-relu', leaky_relu: 'leaky-relu', leaky: 'leaky-relu' };
  const out = names.map((nm) => {
    const name = alias[nm] ?? nm;
    if (!(ACTIVATIONS as readonly string[]).includes(name)) throw new UsageError(`act: unknown activation "${nm}"; expected ${ACTIVATIONS.join(', ')}`);
    return name as ActivationName;
  });
  if (out.length === 0) throw new UsageError(`act: name one or more activations: ${ACTIVATIONS.join(', ')}`);
  return [...new Set(out)];
}

function readMaxout(o: ActFlags): MaxoutParams | undefined {
  const w1 = numListFlag('w1', o.w1);
  const w2 = numListFlag('w2', o.w2);
  if (w1 === undefined && w2 === undefined) return undefined;
  if (w1 === undefined || w2 === undefined) throw new UsageError('maxout needs both --w1 and --w2 (weight vectors, one value per input)');
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
    if (!mp) throw new UsageError('maxout needs --w1 and --w2 (and optionally --b1, --b2), e.g. --w1 0.5,-1 --w2 1,0.5');
    const r = withFlags(() => maxout(x, mp));
    return { name, x: x.length === 1 ? x[0]! : x, value: r.value, grad: r.grad.length === 1 ? r.grad[0]! : r.grad, kink: r.winner === 'tie', z: [r.z1, r.z2] };
  }
  if (x.length !== 1) throw new UsageError(`--x: ${name} takes one number, got ${x.length}`);
  const r = activate(name, x[0]!, p);
  return { name, x: x[0]!, ...r, kink: isKink(name, x[0]!, p), ...(name === 'prelu' ? { gradAlpha: x[0]! > 0 ? 0 : x[0]! } : {}) };
}

/** Checkable quantities of one activation at a point, for --answer and the homework checker. */
export function activationQuantities(pt: ActPoint, p: ActParams = {}): Record<string, Quantity> {
  // Slips are computed only when a wrong answer is graded.
  let memo: ReturnType<typeof activationSlips> | undefined;
  const all = () => (memo ??= pt.name !== 'maxout' && typeof pt.x === 'number' ? activationSlips(pt.name, pt.x, p) : { value: [], grad: [] });
  const q: Record<string, Quantity> = {
    value: { label: `${pt.name}(x)`, expected: pt.value, aliases: ['f', 'y'], slips: () => all().value },
    grad: typeof pt.grad === 'number'
      ? { label: `${pt.name}'(x)`, expected: pt.grad, aliases: ['derivative', 'dydx', 'df', 'd'], slips: () => all().grad }
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
    kink: pt.kink, formula: info.formula, derivative: info.derivative, pytorch: info.pytorch,
  };
}

function curveOf(name: ActivationName, p: ActParams, mp: MaxoutParams | undefined, lo: number, hi: number) {
  if (name !== 'maxout') return withFlags(() => activationCurve(name, p, lo, hi, PLOT_POINTS));
  if (!mp || mp.w1.length !== 1) throw new UsageError('--plot: maxout can be plotted only for a scalar x: give one number each to --w1 and --w2');
  const xs = Array.from({ length: PLOT_POINTS }, (_, i) => lo + ((hi - lo) * i) / (PLOT_POINTS - 1));
  const rs = xs.map((x) => maxout([x], mp));
  return { xs, values: rs.map((r) => r.value), grads: rs.map((r) => r.grad[0]!) };
}

function comparison(names: ActivationName[], p: ActParams, points?: ActPoint[]): string {
  const header = ['function', ...(points ? ['f(x)', "f'(x)"] : []), 'saturates', 'zero-centred', 'dead neurons', 'cost'];
  const rows = names.map((nm, i) => {
    const t = activationInfo(nm, p).traits;
    const pt = points?.[i];
    const vals = pt ? [fmtNum(pt.value), typeof pt.grad === 'number' ? fmtNum(pt.grad) : `[${pt.grad.map((g) => fmtNum(g)).join(', ')}]`] : [];
    return [nm, ...vals, t.saturates, t.zeroCentred, t.deadNeurons, t.cost];
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
  if (alpha !== undefined && !names.some(takesAlpha)) throw new UsageError('--alpha applies to leaky-relu, prelu and elu');
  const approx = choiceFlag<'none' | 'tanh'>('approx', o.approx, ['none', 'tanh']);
  if (approx !== undefined && !names.includes('gelu')) throw new UsageError('--approx applies to gelu');
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
    throw new UsageError('--answer checks one function at one point: e.g. dlnotes act sigmoid --x 1 --answer value=0.73,grad=0.20');
  }
  const pt = evaluateActivation(names[0]!, x, p, mp);
  return { data: tidyDeep(pointJson(pt, p)), quantities: activationQuantities(pt, p), defaultKey: 'value', worked: workedAt(names[0]!, x, p, mp) };
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
    if (!r || r.length !== 2 || !(r[1]! > r[0]!)) throw new UsageError(`--range: expected two numbers lo,hi with lo < hi, e.g. --range -4,4; got "${o.range}"`);
    range = [r[0]!, r[1]!];
  }
  const curves = o.plot ? names.map((nm) => ({ name: nm, ...curveOf(nm, p, mp, range[0], range[1]) })) : undefined;

  if (o.json) {
    const one = (nm: ActivationName, i: number): Record<string, unknown> => {
      const info = activationInfo(nm, p);
      const base = points ? pointJson(points[i]!, p) : { name: nm, formula: info.formula, derivative: info.derivative, pytorch: info.pytorch, traits: info.traits, pros: info.pros, cons: info.cons };
      const c = curves?.[i];
      return c ? { ...base, curve: { x: c.xs, value: c.values, grad: c.grads } } : base;
    };
    printJson(tidyDeep(names.length === 1 ? one(names[0]!, 0) : { results: names.map(one) }));
    return;
  }
  const parts: string[] = [];
  if (curves) {
    const { renderCurves } = await import('../render/act-plot');
    parts.push(renderCurves(curves.map((c) => ({ title: `${activationInfo(c.name, p).title}  (x from ${fmtNum(range[0])} to ${fmtNum(range[1])})`, ...c }))));
  }
  if (!curves || points) parts.push(worked.map((w) => renderWorked(w)).join('\n\n'));
  if (names.length > 1) parts.push(comparison(names, p, points));
  print(parts.join('\n\n'));
}
