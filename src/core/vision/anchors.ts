/**
 * Anchors of one feature map and the RPN head that scores them, with
 * torchvision's conventions (models/detection/anchor_utils.py, rpn.py):
 *
 * - an aspect ratio is height/width: h = size·√r, w = size/√r, so every
 *   anchor of one size has the area size²;
 * - the base anchors are (−w/2, −h/2, w/2, h/2) rounded (torch.round: half
 *   to even), computed in float32, ratio-major (for each ratio, each size);
 * - the anchors of cell (row, col) are the base anchors shifted by
 *   (col·stride, row·stride): centred on the cell's top-left corner in the
 *   image (py-faster-rcnn centres them at stride/2 − 0.5 instead);
 * - RPNHead: a 3×3 conv C → C with ReLU, then 1×1 convs to A objectness
 *   logits (a sigmoid each; the paper used 2A softmax scores) and 4A deltas.
 */
import { InputError } from '../errors';
import { fmtInt, fmtNum } from '../format';
import type { SlipDef } from '../slips';
import { bi, msg } from '../text';
import { WorkedBuilder, type Worked } from '../worked';

export interface AnchorSpec {
  /** Feature map height and width (cells). */
  h: number;
  w: number;
  /** Anchor sizes (torchvision's `sizes`, the paper's scales): 128, 256, 512. */
  sizes: number[];
  /** Aspect ratios h/w: 0.5, 1, 2. */
  ratios: number[];
  /** Image pixels per cell (image size // feature size in torchvision). */
  stride: number;
  /** Channels of the feature map, for the RPN head. */
  c: number;
  batch?: number;
}

export interface BaseAnchor {
  ratio: number;
  size: number;
  /** Exact width and height: size/√r, size·√r. */
  w: number;
  h: number;
  /** torchvision's rounded zero-centred box (x1, y1, x2, y2). */
  box: [number, number, number, number];
}

export interface RpnHead {
  c: number;
  convWeights: number;
  convBiases: number;
  clsWeights: number;
  clsBiases: number;
  boxWeights: number;
  boxBiases: number;
  params: number;
  /** Multiply-accumulates for one image. */
  macs: number;
}

export interface AnchorResult {
  spec: AnchorSpec;
  batch: number;
  perPosition: number;
  positions: number;
  total: number;
  base: BaseAnchor[];
  /** Anchors of the first and the last cell. */
  first: Array<[number, number, number, number]>;
  last: Array<[number, number, number, number]>;
  objectness: [number, number, number, number];
  deltas: [number, number, number, number];
  head: RpnHead;
}

const f = (x: number): string => fmtNum(x, 6);
const f32 = Math.fround;

const M = {
  positive: msg((got: string) => `must be a positive integer, got ${got}`, (got) => `必须是正整数，收到 ${got}`),
  positiveNum: msg((got: string) => `every value must be greater than 0, got ${got}`, (got) => `每个值都必须大于 0，收到 ${got}`),
  title: bi('Anchors and the RPN head', '锚框与 RPN 头'),
  perPosition: bi('Anchors per position', '每个位置的锚框数'),
  total: bi('Anchors in all', '锚框总数'),
  shapes: bi('RPN head outputs', 'RPN 头的输出'),
  params: bi('RPN head parameters', 'RPN 头的参数量'),
  sizes: bi('Widths and heights (aspect ratio r = h/w, area = size²)', '宽和高（长宽比 r = h/w，面积 = size²）'),
  where: msg((s: number, lastX: number, lastY: number) => `Cell (row, col) holds these boxes shifted by (col·${s}, row·${s}): the first cell is centred at (0, 0), the last at (${lastX}, ${lastY}).`,
    (s, lastX, lastY) => `第 (row, col) 格的锚框是这些框平移 (col·${s}, row·${s})：第一格中心在 (0, 0)，最后一格在 (${lastX}, ${lastY})。`),
  fasterRcnn: bi('torchvision centres anchors on each cell\'s top-left pixel; py-faster-rcnn (the paper\'s code) centres them at (stride − 1)/2 and rounds widths differently.',
    'torchvision 把锚框中心放在每格左上角的像素；py-faster-rcnn（论文代码）放在 (stride − 1)/2，宽高的取整方式也不同。'),
  sigmoid: bi('torchvision scores each anchor with one logit (sigmoid, binary cross-entropy); the Faster R-CNN paper used 2 scores per anchor (softmax), 2A channels.',
    'torchvision 每个锚框一个 logit（sigmoid，二元交叉熵）；Faster R-CNN 论文每个锚框 2 个分数（softmax），共 2A 个通道。'),
  channels: msg((c: number) => `C = ${c} channels${c === 512 ? ' (VGG-16\'s conv5_3, as in the paper; an FPN has 256: --c 256)' : ''}.`,
    (c) => `C = ${c} 个通道${c === 512 ? '（论文中 VGG-16 的 conv5_3；FPN 为 256：--c 256）' : ''}。`),
  convWord: bi('3×3 conv', '3×3 卷积'),
  macs: msg((m: string) => `MACs for one image: ${m}`, (m) => `一张图的 MACs：${m}`),
};

/** torch.round: half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** AnchorGenerator.generate_anchors in float32: the zero-centred anchors of one cell, ratio-major. */
export function baseAnchors(sizes: readonly number[], ratios: readonly number[]): BaseAnchor[] {
  const out: BaseAnchor[] = [];
  for (const r of ratios) {
    const hr = f32(Math.sqrt(f32(r)));
    const wr = f32(1 / hr);
    for (const s of sizes) {
      const ws = f32(wr * f32(s));
      const hs = f32(hr * f32(s));
      const half = (v: number): number => roundHalfEven(f32(v / 2)) + 0;
      out.push({ ratio: r, size: s, w: s / Math.sqrt(r), h: s * Math.sqrt(r), box: [half(-ws), half(-hs), half(ws), half(hs)] });
    }
  }
  return out;
}

/** The RPN head's parameters and MACs for C channels and A anchors per position. */
export function rpnHead(c: number, a: number, h: number, w: number): RpnHead {
  const convWeights = 9 * c * c;
  const clsWeights = c * a;
  const boxWeights = c * 4 * a;
  return {
    c, convWeights, convBiases: c, clsWeights, clsBiases: a, boxWeights, boxBiases: 4 * a,
    params: convWeights + c + clsWeights + a + boxWeights + 4 * a,
    macs: h * w * (convWeights + clsWeights + boxWeights),
  };
}

function validate(spec: AnchorSpec): void {
  for (const [name, v] of [['h', spec.h], ['w', spec.w], ['stride', spec.stride], ['c', spec.c], ['batch', spec.batch ?? 1]] as const) {
    if (!(Number.isInteger(v) && v >= 1)) throw new InputError(name, M.positive(fmtNum(v)));
  }
  if (spec.sizes.length === 0 || spec.sizes.some((s) => !(s > 0))) throw new InputError('scales', M.positiveNum(spec.sizes.map((x) => fmtNum(x)).join(',')));
  if (spec.ratios.length === 0 || spec.ratios.some((r) => !(r > 0))) throw new InputError('ratios', M.positiveNum(spec.ratios.map((x) => fmtNum(x)).join(',')));
}

export function anchors(spec: AnchorSpec): AnchorResult {
  validate(spec);
  const batch = spec.batch ?? 1;
  const base = baseAnchors(spec.sizes, spec.ratios);
  const a = base.length;
  const shift = (row: number, col: number) => base.map((b) => [b.box[0] + col * spec.stride, b.box[1] + row * spec.stride, b.box[2] + col * spec.stride, b.box[3] + row * spec.stride] as [number, number, number, number]);
  return {
    spec, batch,
    perPosition: a,
    positions: spec.h * spec.w,
    total: spec.h * spec.w * a,
    base,
    first: shift(0, 0),
    last: shift(spec.h - 1, spec.w - 1),
    objectness: [batch, a, spec.h, spec.w],
    deltas: [batch, 4 * a, spec.h, spec.w],
    head: rpnHead(spec.c, a, spec.h, spec.w),
  };
}

export function explainAnchors(r: AnchorResult): Worked {
  const { spec } = r;
  const wb = new WorkedBuilder(M.title);
  const S = spec.sizes.length;
  const R = spec.ratios.length;
  wb.heading(M.perPosition);
  wb.formula(`A = sizes × ratios = ${S} × ${R} = ${r.perPosition}`);
  wb.heading(M.total);
  wb.formula(`H·W·A = ${spec.h}·${spec.w}·${r.perPosition} = ${fmtInt(r.total)}`);
  wb.result(`${fmtInt(r.total)}`);
  wb.heading(M.sizes);
  wb.formula('w = size/√r,  h = size·√r');
  for (const b of r.base) wb.step(`r = ${fmtNum(b.ratio)}, size ${fmtNum(b.size)}: ${f(b.w)} × ${f(b.h)} → (${b.box.join(', ')})`);
  wb.note(M.where(spec.stride, (spec.w - 1) * spec.stride, (spec.h - 1) * spec.stride));
  wb.note(M.fasterRcnn);
  wb.heading(M.shapes);
  const n = r.batch;
  wb.formula(`objectness: N×A×H×W = ${n}×${r.perPosition}×${spec.h}×${spec.w}`);
  wb.formula(`deltas: N×4A×H×W = ${n}×${4 * r.perPosition}×${spec.h}×${spec.w}`);
  wb.note(M.sigmoid);
  wb.heading(M.params);
  wb.note(M.channels(spec.c));
  const h = r.head;
  const c = spec.c;
  const a = r.perPosition;
  wb.step(`conv 3×3 ${c}→${c}: 9·${c}·${c} + ${c} = ${fmtInt(h.convWeights + h.convBiases)}`);
  wb.step(`cls_logits 1×1 ${c}→${a}: ${c}·${a} + ${a} = ${fmtInt(h.clsWeights + h.clsBiases)}`);
  wb.step(`bbox_pred 1×1 ${c}→${4 * a}: ${c}·${4 * a} + ${4 * a} = ${fmtInt(h.boxWeights + h.boxBiases)}`);
  wb.result(`${fmtInt(h.params)}`);
  wb.note(M.macs(fmtInt(h.macs * n)));
  return wb.build();
}

const SLIP = {
  positionsOnly: msg((positions: string, a: number, right: string) => `looks like the positions were counted, not the anchors: H·W = ${positions}; each position has ${a} anchors, so ${positions} × ${a} = ${right}`,
    (positions, a, right) => `看起来只数了位置，没有数锚框：H·W = ${positions}；每个位置有 ${a} 个锚框，${positions} × ${a} = ${right}`),
  onePosition: msg((a: number, right: string) => `looks like only one position was counted: ${a} anchors per position; × H·W positions = ${right}`,
    (a, right) => `看起来只算了一个位置：每个位置 ${a} 个锚框；乘以 H·W 个位置 = ${right}`),
  plus: msg((s: number, r: number, slipped: string, right: string) => `looks like sizes and ratios were added: ${s} + ${r} per position gives ${slipped}; every size meets every ratio, ${s} × ${r}: ${right}`,
    (s, r, slipped, right) => `看起来把尺度数和长宽比数相加了：每个位置 ${s} + ${r} 个得 ${slipped}；每个尺度都配每个长宽比，${s} × ${r}：${right}`),
  twoScores: msg((slipped: string, right: string) => `looks like 2 scores per anchor (the paper's softmax): ${slipped}; torchvision has one logit per anchor: ${right}`,
    (slipped, right) => `看起来每个锚框算了 2 个分数（论文的 softmax）：${slipped}；torchvision 每个锚框一个 logit：${right}`),
};

export const anchorSlips: { total: readonly SlipDef<AnchorResult>[]; perPosition: readonly SlipDef<AnchorResult>[]; objectness: readonly SlipDef<AnchorResult>[]; params: readonly SlipDef<AnchorResult>[] } = {
  total: [
    { id: 'anchors-forgot-positions', value: (r) => r.perPosition, text: (r) => SLIP.onePosition(r.perPosition, fmtInt(r.total)) },
    { id: 'anchors-positions-only', value: (r) => r.positions, text: (r) => SLIP.positionsOnly(fmtInt(r.positions), r.perPosition, fmtInt(r.total)) },
    { id: 'anchors-scales-plus-ratios', value: (r) => r.positions * (r.spec.sizes.length + r.spec.ratios.length), text: (r, v) => SLIP.plus(r.spec.sizes.length, r.spec.ratios.length, fmtInt(v as number), fmtInt(r.total)) },
  ],
  perPosition: [
    { id: 'anchors-scales-plus-ratios', value: (r) => r.spec.sizes.length + r.spec.ratios.length, text: (r, v) => SLIP.plus(r.spec.sizes.length, r.spec.ratios.length, String(v), String(r.perPosition)) },
  ],
  objectness: [
    {
      id: 'rpn-two-scores',
      value: (r) => [[r.batch, 2 * r.perPosition, r.spec.h, r.spec.w], [2 * r.perPosition, r.spec.h, r.spec.w]],
      text: (r) => SLIP.twoScores(`${2 * r.perPosition}×${r.spec.h}×${r.spec.w}`, `${r.perPosition}×${r.spec.h}×${r.spec.w}`),
    },
  ],
  params: [
    {
      id: 'rpn-two-scores',
      value: (r) => r.head.params + r.spec.c * r.perPosition + r.perPosition,
      text: (r, v) => SLIP.twoScores(fmtInt(v as number), fmtInt(r.head.params)),
    },
  ],
};
