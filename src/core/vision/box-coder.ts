/**
 * Faster R-CNN's box parametrisation, exactly torchvision's BoxCoder
 * (torchvision/models/detection/_utils.py): from an anchor (or proposal)
 * with centre (xa, ya) and size (wa, ha) to a box (x, y, w, h),
 *   tx = wx·(x − xa)/wa   ty = wy·(y − ya)/ha   tw = ww·log(w/wa)   th = wh·log(h/ha)
 * with weights (1, 1, 1, 1) in the RPN and (10, 10, 5, 5) in the RoI heads.
 * Decoding divides by the weights and clamps tw, th at log(1000/16) before
 * exp() so that a wild prediction cannot overflow.
 */
import { InputError } from '../errors';
import { fmtNum } from '../format';
import type { SlipDef } from '../slips';
import { bi, msg } from '../text';
import { WorkedBuilder, type Worked } from '../worked';
import { toCorners, type Box } from './boxes';

/** torchvision's bbox_xform_clip: math.log(1000.0 / 16). */
export const BBOX_XFORM_CLIP = Math.log(1000 / 16);

export type Weights = [number, number, number, number];

const f = (x: number): string => fmtNum(x, 6);

const M = {
  weights: msg((got: string) => `the weights must be 4 positive numbers (wx, wy, ww, wh), got ${got}`, (got) => `权重必须是 4 个正数（wx, wy, ww, wh），收到 ${got}`),
  delta: msg((got: number) => `the deltas must be 4 numbers (tx, ty, tw, th), got ${got}`, (got) => `偏移量必须是 4 个数（tx, ty, tw, th），收到 ${got} 个`),
  titleEncode: bi('Box regression target (BoxCoder.encode)', '边界框回归目标（BoxCoder.encode）'),
  titleDecode: bi('Box from regression deltas (BoxCoder.decode)', '由回归偏移量还原边界框（BoxCoder.decode）'),
  centres: bi('Centres and sizes', '中心点与宽高'),
  targets: bi('Targets', '回归目标'),
  deltas: bi('Deltas', '偏移量'),
  box: bi('The box', '边界框'),
  rpnWeights: bi('Weights (1, 1, 1, 1), as the RPN uses. The RoI heads use (10, 10, 5, 5) (--weights 10,10,5,5): the targets are scaled up to a similar range.',
    '权重 (1, 1, 1, 1)，与 RPN 相同。RoI 头用 (10, 10, 5, 5)（--weights 10,10,5,5）：把目标放大到相近的数值范围。'),
  weighted: msg((w: string) => `Weights (${w}): torchvision's RoI heads use (10, 10, 5, 5); the RPN uses (1, 1, 1, 1).`,
    (w) => `权重 (${w})：torchvision 的 RoI 头用 (10, 10, 5, 5)；RPN 用 (1, 1, 1, 1)。`),
  scaleInvariant: bi('Offsets are in units of the anchor\'s size and sizes are log ratios: the same target means the same relative shift for a small or a large anchor.',
    '偏移以锚框的宽高为单位，尺寸取对数比：同样的目标值对大锚框和小锚框表示相同的相对变化。'),
  clamped: msg((which: string, v: string, clip: string) => `${which} = ${v} is clamped to log(1000/16) = ${clip} before exp(), as torchvision does, so that a wild prediction cannot blow up the box.`,
    (which, v, clip) => `${which} = ${v} 在 exp() 之前被截断为 log(1000/16) = ${clip}（torchvision 的做法），防止异常预测让框变得极大。`),
  clipNote: msg((clip: string) => `tw and th are clamped at log(1000/16) = ${clip} before exp() (torchvision's bbox_xform_clip); here they are below it.`,
    (clip) => `tw、th 在 exp() 之前按 log(1000/16) = ${clip} 截断（torchvision 的 bbox_xform_clip）；这里没有超过。`),
};

export interface CentreBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Centre and size of an xyxy box, as BoxCoder computes them (x1 + 0.5·w). */
export function centreOf(b: Box): CentreBox {
  const w = b[2] - b[0];
  const h = b[3] - b[1];
  return { x: b[0] + 0.5 * w, y: b[1] + 0.5 * h, w, h };
}

export function checkWeights(w: readonly number[]): Weights {
  if (w.length !== 4 || w.some((x) => !(x > 0))) throw new InputError('weights', M.weights(w.map((x) => fmtNum(x)).join(',')));
  return [w[0]!, w[1]!, w[2]!, w[3]!];
}

export interface EncodeResult {
  anchor: Box;
  gt: Box;
  weights: Weights;
  a: CentreBox;
  g: CentreBox;
  /** (tx, ty, tw, th). */
  t: [number, number, number, number];
}

/** BoxCoder.encode_single(gt, anchor): the regression target of `gt` relative to `anchor`. */
export function encodeBox(anchorIn: readonly number[], gtIn: readonly number[], weights: readonly number[] = [1, 1, 1, 1]): EncodeResult {
  const anchor = toCorners(anchorIn, 'xyxy', 'anchor', 'anchor');
  const gt = toCorners(gtIn, 'xyxy', 'gt', 'gt');
  const w = checkWeights(weights);
  const a = centreOf(anchor);
  const g = centreOf(gt);
  const t: [number, number, number, number] = [w[0] * (g.x - a.x) / a.w, w[1] * (g.y - a.y) / a.h, w[2] * Math.log(g.w / a.w), w[3] * Math.log(g.h / a.h)];
  return { anchor, gt, weights: w, a, g, t };
}

export interface DecodeResult {
  anchor: Box;
  weights: Weights;
  a: CentreBox;
  /** The deltas as given. */
  t: [number, number, number, number];
  /** After dividing by the weights, before the clamp. */
  d: [number, number, number, number];
  /** Whether dw, dh hit the clamp. */
  clampedW: boolean;
  clampedH: boolean;
  box: Box;
  c: CentreBox;
}

/** BoxCoder.decode_single(t, anchor). */
export function decodeBox(anchorIn: readonly number[], tIn: readonly number[], weights: readonly number[] = [1, 1, 1, 1]): DecodeResult {
  const anchor = toCorners(anchorIn, 'xyxy', 'anchor', 'anchor');
  if (tIn.length !== 4) throw new InputError('t', M.delta(tIn.length));
  const w = checkWeights(weights);
  const t: [number, number, number, number] = [tIn[0]!, tIn[1]!, tIn[2]!, tIn[3]!];
  const d: [number, number, number, number] = [t[0] / w[0], t[1] / w[1], t[2] / w[2], t[3] / w[3]];
  const a = centreOf(anchor);
  const dw = Math.min(d[2], BBOX_XFORM_CLIP);
  const dh = Math.min(d[3], BBOX_XFORM_CLIP);
  const c = { x: d[0] * a.w + a.x, y: d[1] * a.h + a.y, w: Math.exp(dw) * a.w, h: Math.exp(dh) * a.h };
  const box: Box = [c.x - 0.5 * c.w, c.y - 0.5 * c.h, c.x + 0.5 * c.w, c.y + 0.5 * c.h];
  return { anchor, weights: w, a, t, d, clampedW: d[2] > BBOX_XFORM_CLIP, clampedH: d[3] > BBOX_XFORM_CLIP, box, c };
}

const unit = (w: Weights): boolean => w.every((x) => x === 1);

function centreLines(wb: WorkedBuilder, name: string, b: Box, c: CentreBox, suffix = ''): void {
  wb.step(`${name}: w${suffix} = ${f(b[2])} − ${f(b[0])} = ${f(c.w)},  h${suffix} = ${f(b[3])} − ${f(b[1])} = ${f(c.h)}`);
  wb.step(`${' '.repeat(name.length + 2)}x${suffix} = ${f(b[0])} + ${f(c.w)}/2 = ${f(c.x)},  y${suffix} = ${f(b[1])} + ${f(c.h)}/2 = ${f(c.y)}`);
}

export function explainEncode(r: EncodeResult): Worked {
  const wb = new WorkedBuilder(M.titleEncode);
  const [wx, wy, ww, wh] = r.weights;
  const k = (x: number): string => (x === 1 ? '' : `${f(x)}·`);
  wb.heading(M.centres);
  wb.formula('w = x2 − x1,  h = y2 − y1,  x = x1 + w/2,  y = y1 + h/2');
  centreLines(wb, 'anchor', r.anchor, r.a, 'a');
  centreLines(wb, 'gt', r.gt, r.g);
  wb.heading(M.targets);
  wb.formula(`tx = ${k(wx)}(x − xa)/wa = ${k(wx)}(${f(r.g.x)} − ${f(r.a.x)})/${f(r.a.w)} = ${f(r.t[0])}`);
  wb.formula(`ty = ${k(wy)}(y − ya)/ha = ${k(wy)}(${f(r.g.y)} − ${f(r.a.y)})/${f(r.a.h)} = ${f(r.t[1])}`);
  wb.formula(`tw = ${k(ww)}log(w/wa) = ${k(ww)}log(${f(r.g.w)}/${f(r.a.w)}) = ${f(r.t[2])}`);
  wb.formula(`th = ${k(wh)}log(h/ha) = ${k(wh)}log(${f(r.g.h)}/${f(r.a.h)}) = ${f(r.t[3])}`);
  wb.result(`t = (${r.t.map(f).join(', ')})`);
  wb.note(unit(r.weights) ? M.rpnWeights : M.weighted(r.weights.map((x) => fmtNum(x)).join(', ')));
  wb.note(M.scaleInvariant);
  return wb.build();
}

export function explainDecode(r: DecodeResult): Worked {
  const wb = new WorkedBuilder(M.titleDecode);
  const [wx, wy, ww, wh] = r.weights;
  wb.heading(M.centres);
  wb.formula('wa = x2 − x1,  ha = y2 − y1,  xa = x1 + wa/2,  ya = y1 + ha/2');
  centreLines(wb, 'anchor', r.anchor, r.a, 'a');
  wb.heading(M.deltas);
  if (!unit(r.weights)) {
    wb.formula('(dx, dy, dw, dh) = (tx/wx, ty/wy, tw/ww, th/wh)');
    wb.step(`= (${f(r.t[0])}/${f(wx)}, ${f(r.t[1])}/${f(wy)}, ${f(r.t[2])}/${f(ww)}, ${f(r.t[3])}/${f(wh)}) = (${r.d.map(f).join(', ')})`);
  }
  const dw = Math.min(r.d[2], BBOX_XFORM_CLIP);
  const dh = Math.min(r.d[3], BBOX_XFORM_CLIP);
  if (r.clampedW) wb.warn(M.clamped('dw', f(r.d[2]), f(BBOX_XFORM_CLIP)));
  if (r.clampedH) wb.warn(M.clamped('dh', f(r.d[3]), f(BBOX_XFORM_CLIP)));
  wb.formula(`x = dx·wa + xa = ${f(r.d[0])}·${f(r.a.w)} + ${f(r.a.x)} = ${f(r.c.x)}`);
  wb.formula(`y = dy·ha + ya = ${f(r.d[1])}·${f(r.a.h)} + ${f(r.a.y)} = ${f(r.c.y)}`);
  wb.formula(`w = exp(dw)·wa = exp(${f(dw)})·${f(r.a.w)} = ${f(r.c.w)}`);
  wb.formula(`h = exp(dh)·ha = exp(${f(dh)})·${f(r.a.h)} = ${f(r.c.h)}`);
  wb.heading(M.box);
  wb.formula('(x − w/2, y − h/2, x + w/2, y + h/2)');
  wb.result(`(${r.box.map(f).join(', ')})`);
  if (!r.clampedW && !r.clampedH) wb.note(M.clipNote(f(BBOX_XFORM_CLIP)));
  wb.note(unit(r.weights) ? M.rpnWeights : M.weighted(r.weights.map((x) => fmtNum(x)).join(', ')));
  return wb.build();
}

const SLIP = {
  notNormalised: msg((slipped: string, right: string) => `looks like the offsets were not divided by the anchor's width and height: (${slipped}); tx = (x − xa)/wa, ty = (y − ya)/ha: (${right})`,
    (slipped, right) => `看起来偏移没有除以锚框的宽和高：(${slipped})；tx = (x − xa)/wa，ty = (y − ya)/ha：(${right})`),
  noLog: msg((slipped: string, right: string) => `looks like the log was left out: w/wa, h/ha give (${slipped}); tw = log(w/wa): (${right})`,
    (slipped, right) => `看起来漏了 log：w/wa、h/ha 得 (${slipped})；tw = log(w/wa)：(${right})`),
  corner: msg((slipped: string, right: string) => `looks like the top-left corners were used instead of the centres: (${slipped}); the offsets are between centres: (${right})`,
    (slipped, right) => `看起来用了左上角而不是中心点：(${slipped})；偏移是中心点之间的：(${right})`),
  weights: msg((slipped: string, w: string, right: string) => `looks like the weights (${w}) were left out: (${slipped}); with them: (${right})`,
    (slipped, w, right) => `看起来漏了权重 (${w})：(${slipped})；乘上权重：(${right})`),
  noExp: msg((slipped: string, right: string) => `looks like exp() was left out: w = tw·wa gives (${slipped}); w = exp(tw)·wa: (${right})`,
    (slipped, right) => `看起来漏了 exp()：w = tw·wa 得 (${slipped})；w = exp(tw)·wa：(${right})`),
  noExpSize: msg((name: string, slipped: string, right: string) => `looks like exp() was left out: ${name} = t${name}·${name}a = ${slipped}; ${name} = exp(t${name})·${name}a = ${right}`,
    (name, slipped, right) => `看起来漏了 exp()：${name} = t${name}·${name}a = ${slipped}；${name} = exp(t${name})·${name}a = ${right}`),
  decodeWeights: msg((slipped: string, w: string, right: string) => `looks like the deltas were not divided by the weights (${w}): (${slipped}); divided: (${right})`,
    (slipped, w, right) => `看起来偏移量没有除以权重 (${w})：(${slipped})；除以权重后：(${right})`),
};

const list = (xs: readonly number[]): string => xs.map(f).join(', ');

function encodeVariant(r: EncodeResult, how: 'raw' | 'nolog' | 'corner' | 'noweights'): number[] {
  const [wx, wy, ww, wh] = how === 'noweights' ? [1, 1, 1, 1] : r.weights;
  const { a, g } = r;
  if (how === 'raw') return [wx * (g.x - a.x), wy * (g.y - a.y), r.t[2], r.t[3]];
  if (how === 'nolog') return [r.t[0], r.t[1], ww * (g.w / a.w), wh * (g.h / a.h)];
  if (how === 'corner') return [wx * (r.gt[0] - r.anchor[0]) / a.w, wy * (r.gt[1] - r.anchor[1]) / a.h, r.t[2], r.t[3]];
  return [wx * (g.x - a.x) / a.w, wy * (g.y - a.y) / a.h, ww * Math.log(g.w / a.w), wh * Math.log(g.h / a.h)];
}

/** Slips of the whole target t (a tuple); `index` picks one component (tx, ty, tw, th). */
export function encodeSlips(index?: number): SlipDef<EncodeResult>[] {
  const pick = (v: number[]): number | number[][] => (index === undefined ? [v] : v[index]!);
  const weighted = (r: EncodeResult): boolean => !unit(r.weights);
  return [
    { id: 'box-delta-not-normalised', value: (r) => pick(encodeVariant(r, 'raw')), text: (r) => SLIP.notNormalised(list(encodeVariant(r, 'raw')), list(r.t)) },
    { id: 'box-log-missing', value: (r) => pick(encodeVariant(r, 'nolog')), text: (r) => SLIP.noLog(list(encodeVariant(r, 'nolog')), list(r.t)) },
    { id: 'box-corner-offset', value: (r) => pick(encodeVariant(r, 'corner')), text: (r) => SLIP.corner(list(encodeVariant(r, 'corner')), list(r.t)) },
    { id: 'box-weights-ignored', value: (r) => (weighted(r) ? pick(encodeVariant(r, 'noweights')) : undefined), text: (r) => SLIP.weights(list(encodeVariant(r, 'noweights')), list(r.weights), list(r.t)) },
  ];
}

function decodeVariant(r: DecodeResult, how: 'noexp' | 'noweights'): number[] {
  const d = how === 'noweights' ? r.t : r.d;
  const { a } = r;
  const x = d[0] * a.w + a.x;
  const y = d[1] * a.h + a.y;
  const w = how === 'noexp' ? d[2] * a.w : Math.exp(Math.min(d[2], BBOX_XFORM_CLIP)) * a.w;
  const h = how === 'noexp' ? d[3] * a.h : Math.exp(Math.min(d[3], BBOX_XFORM_CLIP)) * a.h;
  return [x - 0.5 * w, y - 0.5 * h, x + 0.5 * w, y + 0.5 * h];
}

/** The width and height without exp(): tw·wa, th·ha. */
function sizesWithoutExp(r: DecodeResult): { w: number; h: number } {
  return { w: r.d[2] * r.a.w, h: r.d[3] * r.a.h };
}

/**
 * Slips of the decoded width or height alone: a student who answers only w
 * and h shows the missing exp() there first (the centre does not use it).
 */
export function decodeSizeSlips(name: 'w' | 'h'): SlipDef<DecodeResult>[] {
  return [
    { id: 'box-exp-missing', value: (r) => sizesWithoutExp(r)[name], text: (r, v) => SLIP.noExpSize(name, f(v as number), f(r.c[name])) },
    {
      id: 'box-weights-ignored',
      value: (r) => (unit(r.weights) ? undefined : Math.exp(Math.min(r.t[name === 'w' ? 2 : 3], BBOX_XFORM_CLIP)) * r.a[name]),
      text: (r, v) => SLIP.decodeWeights(f(v as number), list(r.weights), f(r.c[name])),
    },
  ];
}

/** Slips of the decoded box (a tuple) or of one of its coordinates. */
export function decodeSlips(index?: number): SlipDef<DecodeResult>[] {
  const pick = (v: number[]): number | number[][] => (index === undefined ? [v] : v[index]!);
  return [
    { id: 'box-exp-missing', value: (r) => pick(decodeVariant(r, 'noexp')), text: (r) => SLIP.noExp(list(decodeVariant(r, 'noexp')), list(r.box)) },
    { id: 'box-weights-ignored', value: (r) => (unit(r.weights) ? undefined : pick(decodeVariant(r, 'noweights'))), text: (r) => SLIP.decodeWeights(list(decodeVariant(r, 'noweights')), list(r.weights), list(r.box)) },
  ];
}
