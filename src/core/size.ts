/**
 * Output sizes along one spatial axis, exactly as PyTorch computes them
 * (torch.nn.Conv2d, ConvTranspose2d, MaxPool2d/AvgPool2d). Every other
 * feature (conv/pool calculators, receptive fields, network summaries, quiz
 * generators) calls these.
 */
import { InputError } from './errors';
import { adaptSlips, type SlipDef } from './slip-defs';
import { msg } from './text';

export interface Axis {
  /** Input size along this axis. */
  n: number;
  /** Kernel (filter) size. */
  k: number;
  /** Stride. */
  s: number;
  /** Padding on the leading side (top/left). */
  p: number;
  /** Padding on the trailing side; defaults to `p` (PyTorch pads symmetrically). */
  pr?: number;
  /** Dilation. */
  d: number;
}

export interface SizeResult {
  out: number;
  /** H + pl + pr - D(F-1) - 1: what is divided by the stride. */
  numerator: number;
  /** D(F-1) + 1: the extent one window covers. */
  effK: number;
  /** True when the stride divides the numerator, i.e. the windows tile the padded input exactly. */
  exact: boolean;
  /** numerator / S + 1 before rounding (4.5 in the notes' W=10, F=3, P=0, S=2 example). */
  raw: number;
  /** Input positions on the trailing side that no window reaches (0 when exact). */
  uncovered: number;
}

/** D(F-1) + 1. */
export function effectiveKernel(k: number, d: number): number {
  return d * (k - 1) + 1;
}

const M = {
  positive: msg((what: 'input size' | 'kernel size' | 'stride' | 'dilation', got: number) => `${what} must be a positive integer, got ${got}`,
    (what, got) => `${{ 'input size': '输入尺寸', 'kernel size': '卷积核大小', stride: '步幅', dilation: '膨胀率' }[what]}必须是正整数，收到 ${got}`),
  padding: msg((got: number) => `padding must be a non-negative integer, got ${got}`, (got) => `填充必须是非负整数，收到 ${got}`),
  kernelTooLarge: msg(
    (effK: number, d: number, n: number, pad: number, padded: number) => `the kernel (extent ${effK}${d > 1 ? ` with dilation ${d}` : ''}) is larger than the padded input (${n} + ${pad} = ${padded})`,
    (effK, d, n, pad, padded) => `卷积核（${d > 1 ? `膨胀率 ${d} 时` : ''}跨度 ${effK}）大于填充后的输入（${n} + ${pad} = ${padded}）`,
  ),
  poolPadding: msg(
    (k: number, got: number) => `PyTorch requires pooling padding to be at most half the kernel size (p <= ${Math.floor(k / 2)} for k=${k}), got ${got}`,
    (k, got) => `PyTorch 要求池化的填充不超过窗口大小的一半（k=${k} 时 p <= ${Math.floor(k / 2)}），收到 ${got}`,
  ),
  poolEmpty: msg(
    (effK: number, padded: number) => `the pooling window (extent ${effK}) is larger than the padded input (${padded}); the output would be empty`,
    (effK, padded) => `池化窗口（跨度 ${effK}）大于填充后的输入（${padded}），输出会为空`,
  ),
  outputPadding: msg((got: number) => `output padding must be a non-negative integer, got ${got}`, (got) => `output_padding 必须是非负整数，收到 ${got}`),
  outputPaddingLimit: msg(
    (limit: number, got: number) => `PyTorch requires output padding to be smaller than the stride or the dilation (< ${limit}), got ${got}`,
    (limit, got) => `PyTorch 要求 output_padding 小于步幅或膨胀率（< ${limit}），收到 ${got}`,
  ),
  paddingRemoves: msg((out: number) => `the padding removes the whole output (size would be ${out})`, (out) => `填充把整个输出都去掉了（尺寸会是 ${out}）`),
  sameStrided: msg(
    (s: number) => `padding='same' is not supported by PyTorch for strided convolutions (stride ${s}); give a number`,
    (s) => `PyTorch 不支持步幅大于 1（步幅 ${s}）时用 padding='same'；请给出数字`,
  ),
};

function validate(a: Axis): void {
  if (!(Number.isInteger(a.n) && a.n >= 1)) throw new InputError('h', M.positive('input size', a.n));
  if (!(Number.isInteger(a.k) && a.k >= 1)) throw new InputError('f', M.positive('kernel size', a.k));
  if (!(Number.isInteger(a.s) && a.s >= 1)) throw new InputError('s', M.positive('stride', a.s));
  if (!(Number.isInteger(a.d) && a.d >= 1)) throw new InputError('d', M.positive('dilation', a.d));
  const pr = a.pr ?? a.p;
  if (!(Number.isInteger(a.p) && a.p >= 0 && Number.isInteger(pr) && pr >= 0)) {
    throw new InputError('p', M.padding(a.p));
  }
}

/** floor((H + 2P - D(F-1) - 1)/S) + 1, rejecting a kernel larger than the padded input as PyTorch does. */
export function convOutSize(a: Axis): SizeResult {
  validate(a);
  const pr = a.pr ?? a.p;
  const effK = effectiveKernel(a.k, a.d);
  const padded = a.n + a.p + pr;
  if (effK > padded) {
    throw new InputError('f', M.kernelTooLarge(effK, a.d, a.n, a.p + pr, padded));
  }
  const numerator = padded - effK;
  const out = Math.floor(numerator / a.s) + 1;
  const covered = (out - 1) * a.s + effK;
  return { out, numerator, effK, exact: numerator % a.s === 0, raw: numerator / a.s + 1, uncovered: padded - covered };
}

export interface PoolSizeResult extends SizeResult {
  ceil: boolean;
  /** In ceil mode: the extra window PyTorch drops because it would start in the right padding. */
  droppedLastWindow: boolean;
}

/**
 * MaxPool2d/AvgPool2d output size. With ceil_mode the division rounds up, but
 * the last window must start inside the input or the left padding; PyTorch
 * also requires padding <= kernel/2.
 */
export function poolOutSize(a: Axis & { ceil: boolean }): PoolSizeResult {
  validate(a);
  const pr = a.pr ?? a.p;
  if (2 * Math.max(a.p, pr) > a.k) {
    throw new InputError('p', M.poolPadding(a.k, Math.max(a.p, pr)));
  }
  const effK = effectiveKernel(a.k, a.d);
  const padded = a.n + a.p + pr;
  const numerator = padded - effK;
  const floorOut = Math.floor(numerator / a.s) + 1;
  let out = a.ceil ? Math.floor((numerator + a.s - 1) / a.s) + 1 : floorOut;
  let droppedLastWindow = false;
  if (a.ceil && (out - 1) * a.s >= a.n + a.p) {
    out -= 1;
    droppedLastWindow = true;
  }
  if (out < 1) {
    throw new InputError('f', M.poolEmpty(effK, padded));
  }
  const covered = Math.min((out - 1) * a.s + effK, padded);
  return {
    out,
    numerator,
    effK,
    exact: numerator % a.s === 0,
    raw: numerator / a.s + 1,
    uncovered: Math.max(0, padded - covered),
    ceil: a.ceil,
    droppedLastWindow,
  };
}

/** ConvTranspose2d: (H-1)S - 2P + D(F-1) + output_padding + 1. */
export function convTransposeOutSize(a: Axis & { outputPadding: number }): number {
  validate(a);
  const op = a.outputPadding;
  if (!(Number.isInteger(op) && op >= 0)) throw new InputError('output-padding', M.outputPadding(op));
  if (op >= Math.max(a.s, a.d)) throw new InputError('output-padding', M.outputPaddingLimit(Math.max(a.s, a.d), op));
  const out = (a.n - 1) * a.s - a.p - (a.pr ?? a.p) + a.d * (a.k - 1) + op + 1;
  if (out < 1) throw new InputError('p', M.paddingRemoves(out));
  return out;
}

/** padding='same' as PyTorch applies it: total D(F-1), the odd extra on the trailing side; stride must be 1. */
export function samePadding(k: number, d: number, s: number): { p: number; pr: number } {
  if (s !== 1) throw new InputError('p', M.sameStrided(s));
  const total = d * (k - 1);
  return { p: Math.floor(total / 2), pr: total - Math.floor(total / 2) };
}

/** "(32 − 5 + 2·2)" or, with dilation, "(32 + 2·2 − 2·(3−1) − 1)": the numerator as the worked solution writes it. */
function numeratorText(a: Axis, pad = a.p + (a.pr ?? a.p), k = a.k, d = a.d): string {
  const p = pad === 2 * a.p && (a.pr ?? a.p) === a.p ? `2·${a.p}` : `${pad}`;
  return d === 1 ? `(${a.n} − ${k} + ${p})` : `(${a.n} + ${p} − ${d}·(${k}−1) − 1)`;
}

const SLIP = {
  plusOne: msg((division: string, slipped: number, right: number) => `looks like the "+1" was left out: ${division} = ${slipped}, then + 1 = ${right}`,
    (division, slipped, right) => `看起来漏了“+1”：${division} = ${slipped}，再 + 1 = ${right}`),
  paddingOnce: msg((n: number, k: number, p: number, s: number, slipped: number, right: number) => `looks like the padding was added once: (${n} − ${k} + ${p})/${s} + 1 = ${slipped}, but both sides are padded: + 2·${p} gives ${right}`,
    (n, k, p, s, slipped, right) => `看起来填充只加了一次：(${n} − ${k} + ${p})/${s} + 1 = ${slipped}，但两边都要填充：+ 2·${p} 得 ${right}`),
  noPadding: msg((n: number, k: number, s: number, slipped: number, p: number, right: number) => `looks like the padding was left out: (${n} − ${k})/${s} + 1 = ${slipped}; with + 2·${p} it is ${right}`,
    (n, k, s, slipped, p, right) => `看起来忘了填充：(${n} − ${k})/${s} + 1 = ${slipped}；加上 2·${p} 是 ${right}`),
  ceil: msg((expr: string, s: number, slipped: number, right: number) => `looks like the division was rounded up: ⌈${expr}/${s}⌉ + 1 = ${slipped}, but PyTorch rounds down: ${right}`,
    (expr, s, slipped, right) => `看起来除法向上取整了：⌈${expr}/${s}⌉ + 1 = ${slipped}，但 PyTorch 向下取整：${right}`),
  dilation: msg((expr: string, s: number, slipped: number, span: number, right: number) => `looks like the dilation was left out: ${expr}/${s} + 1 = ${slipped}, but the dilated kernel spans ${span}: ${right}`,
    (expr, s, slipped, span, right) => `看起来忘了膨胀：${expr}/${s} + 1 = ${slipped}，但膨胀后卷积核跨度是 ${span}：${right}`),
  stride: msg((expr: string, slipped: number, s: number, right: number) => `looks like the stride was left out: ${expr} + 1 = ${slipped}; divided by ${s} first it is ${right}`,
    (expr, slipped, s, right) => `看起来没有除以步幅：${expr} + 1 = ${slipped}；先除以 ${s} 得 ${right}`),
  floor: msg((expr: string, s: number, slipped: number, right: number) => `looks like the division was rounded down: ⌊${expr}/${s}⌋ + 1 = ${slipped}, but ceil_mode=True rounds up: ${right}`,
    (expr, s, slipped, right) => `看起来向下取整了：⌊${expr}/${s}⌋ + 1 = ${slipped}，但 ceil_mode=True 要向上取整：${right}`),
  keptWindow: msg((slipped: number, start: number, edge: number, right: number) => `looks like the last rounded-up window was kept: ${slipped}; it would start at ${start} ≥ H + P = ${edge}, inside the right padding, so PyTorch drops it: ${right}`,
    (slipped, start, edge, right) => `看起来保留了向上取整得到的最后一个窗口：${slipped}；它从 ${start} ≥ H + P = ${edge} 开始，完全落在右侧填充里，PyTorch 会丢掉它：${right}`),
  ceilPlusOne: msg((expr: string, s: number, slipped: number, right: number) => `looks like the "+1" was left out: ⌈${expr}/${s}⌉ = ${slipped}, then + 1 = ${right}`,
    (expr, s, slipped, right) => `看起来漏了“+1”：⌈${expr}/${s}⌉ = ${slipped}，再 + 1 = ${right}`),
  ceilPaddingOnce: msg((slipped: number, p: number, right: number) => `looks like the padding was added once: that gives ${slipped}, but both sides are padded (2·${p}): ${right}`,
    (slipped, p, right) => `看起来填充只加了一次：得到 ${slipped}，但两边都要填充（2·${p}）：${right}`),
  ceilNoPadding: msg((slipped: number, p: number, right: number) => `looks like the padding was left out: that gives ${slipped}; with 2·${p} added it is ${right}`,
    (slipped, p, right) => `看起来忘了填充：得到 ${slipped}；加上 2·${p} 是 ${right}`),
  transposeAsConv: msg((n: number, k: number, p: number, s: number, slipped: number, right: number) => `looks like the conv formula was used: (${n} − ${k} + 2·${p})/${s} + 1 = ${slipped}; a transposed conv grows the input: (${n} − 1)·${s} − 2·${p} + ${k} (+ output_padding) = ${right}`,
    (n, k, p, s, slipped, right) => `看起来用了普通卷积的公式：(${n} − ${k} + 2·${p})/${s} + 1 = ${slipped}；转置卷积是放大输入：(${n} − 1)·${s} − 2·${p} + ${k}（+ output_padding）= ${right}`),
  outputPadding: msg((slipped: number, op: number, right: number) => `looks like output_padding was left out: ${slipped}; + ${op} gives ${right}`,
    (slipped, op, right) => `看起来漏了 output_padding：${slipped}；再 + ${op} 得 ${right}`),
  transposePlusOne: msg((slipped: number, right: number) => `looks like the "+1" was left out: (H − 1)·S − 2P + D(F − 1) + output_padding = ${slipped}, then + 1 = ${right}`,
    (slipped, right) => `看起来漏了“+1”：(H − 1)·S − 2P + D(F − 1) + output_padding = ${slipped}，再 + 1 = ${right}`),
};

const floorDiv = (num: number, s: number): number => Math.floor(num / s);

/** The classic slips of a conv output size (one axis), for answers that match them. */
export const convSizeSlips: readonly SlipDef<Axis>[] = [
  {
    id: 'forgot-plus-one',
    value: (a) => convOutSize(a).out - 1,
    text: (a, v) => SLIP.plusOne(convOutSize(a).exact ? `${numeratorText(a)}/${a.s}` : `⌊${numeratorText(a)}/${a.s}⌋`, v as number, convOutSize(a).out),
  },
  {
    id: 'padding-once',
    value: (a) => (a.p > 0 ? floorDiv(a.n + a.p - effectiveKernel(a.k, a.d), a.s) + 1 : undefined),
    text: (a, v) => SLIP.paddingOnce(a.n, a.k, a.p, a.s, v as number, convOutSize(a).out),
  },
  {
    id: 'forgot-padding',
    value: (a) => (a.p > 0 && a.n >= effectiveKernel(a.k, a.d) ? floorDiv(a.n - effectiveKernel(a.k, a.d), a.s) + 1 : undefined),
    text: (a, v) => SLIP.noPadding(a.n, a.k, a.s, v as number, a.p, convOutSize(a).out),
  },
  {
    id: 'ceil-instead-of-floor',
    value: (a) => Math.ceil(convOutSize(a).numerator / a.s) + 1,
    text: (a, v) => SLIP.ceil(numeratorText(a), a.s, v as number, convOutSize(a).out),
  },
  {
    id: 'forgot-dilation',
    value: (a) => (a.d > 1 ? floorDiv(a.n + a.p + (a.pr ?? a.p) - a.k, a.s) + 1 : undefined),
    text: (a, v) => SLIP.dilation(numeratorText(a, undefined, a.k, 1), a.s, v as number, effectiveKernel(a.k, a.d), convOutSize(a).out),
  },
  {
    id: 'forgot-stride',
    value: (a) => (a.s > 1 ? convOutSize(a).numerator + 1 : undefined),
    text: (a, v) => SLIP.stride(numeratorText(a), v as number, a.s, convOutSize(a).out),
  },
];

/** One axis of a pooling layer, for its slips. */
export type PoolAxis = Axis & { ceil: boolean };

const poolOut = (a: PoolAxis): number => poolOutSize(a).out;

/** poolOutSize of a variant, or undefined when the variant is not a valid pool. */
function poolOutOr(a: PoolAxis): number | undefined {
  try {
    return poolOutSize(a).out;
  } catch {
    return undefined;
  }
}

/**
 * The classic slips of a pooling output size (one axis). In floor mode the
 * formula is the conv one, so are its slips; ceil mode has its own.
 */
export const poolSizeSlips: readonly SlipDef<PoolAxis>[] = [
  ...adaptSlips<Axis, PoolAxis>(convSizeSlips, (a) => (a.ceil ? undefined : a)),
  {
    id: 'floor-instead-of-ceil',
    value: (a) => (a.ceil ? floorDiv(poolOutSize(a).numerator, a.s) + 1 : undefined),
    text: (a, v) => SLIP.floor(numeratorText(a), a.s, v as number, poolOut(a)),
  },
  {
    id: 'ceil-kept-padding-window',
    value: (a) => (a.ceil && poolOutSize(a).droppedLastWindow ? poolOut(a) + 1 : undefined),
    text: (a, v) => SLIP.keptWindow(v as number, poolOut(a) * a.s, a.n + a.p, poolOut(a)),
  },
  { id: 'forgot-plus-one', value: (a) => (a.ceil ? poolOut(a) - 1 : undefined), text: (a, v) => SLIP.ceilPlusOne(numeratorText(a), a.s, v as number, poolOut(a)) },
  {
    id: 'padding-once',
    value: (a) => (a.ceil && a.p > 0 ? poolOutOr({ ...a, pr: 0 }) : undefined),
    text: (a, v) => SLIP.ceilPaddingOnce(v as number, a.p, poolOut(a)),
  },
  {
    id: 'forgot-padding',
    value: (a) => (a.ceil && a.p > 0 ? poolOutOr({ ...a, p: 0, pr: 0 }) : undefined),
    text: (a, v) => SLIP.ceilNoPadding(v as number, a.p, poolOut(a)),
  },
  {
    id: 'forgot-stride',
    value: (a) => (a.ceil && a.s > 1 ? poolOutSize(a).numerator + 1 : undefined),
    text: (a, v) => SLIP.stride(numeratorText(a), v as number, a.s, poolOut(a)),
  },
];

/** One axis of a transposed conv, for its slips. */
export type TransposeAxis = Axis & { outputPadding: number };

/** The classic slips of a transposed conv's output size (one axis). */
export const transposeSizeSlips: readonly SlipDef<TransposeAxis>[] = [
  {
    id: 'transpose-as-conv',
    value: (a) => (a.n + a.p + (a.pr ?? a.p) >= effectiveKernel(a.k, a.d) ? convOutSize(a).out : undefined),
    text: (a, v) => SLIP.transposeAsConv(a.n, a.k, a.p, a.s, v as number, convTransposeOutSize(a)),
  },
  {
    id: 'forgot-output-padding',
    value: (a) => (a.outputPadding > 0 ? convTransposeOutSize(a) - a.outputPadding : undefined),
    text: (a, v) => SLIP.outputPadding(v as number, a.outputPadding, convTransposeOutSize(a)),
  },
  { id: 'forgot-plus-one', value: (a) => convTransposeOutSize(a) - 1, text: (a, v) => SLIP.transposePlusOne(v as number, convTransposeOutSize(a)) },
];
