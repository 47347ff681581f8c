/**
 * Boxes: the three formats torchvision converts between
 * (torchvision/ops/_box_convert.py), and IoU and GIoU exactly as
 * torchvision.ops.box_iou / generalized_box_iou compute them: continuous
 * coordinates, width = x2 − x1. `pixel` switches to the old VOC devkit
 * convention (py-faster-rcnn's voc_eval.py), where a box covers the pixels
 * x1..x2 inclusive, so width = x2 − x1 + 1.
 */
import { InputError } from '../errors';
import { fmtNum } from '../format';
import type { SlipDef } from '../slips';
import { bi, msg, txt, type Text } from '../text';
import { WorkedBuilder, type Worked } from '../worked';

export type BoxFormat = 'xyxy' | 'xywh' | 'cxcywh';
export const BOX_FORMATS: readonly BoxFormat[] = ['xyxy', 'xywh', 'cxcywh'];

/** (x1, y1, x2, y2). */
export type Box = [number, number, number, number];

const f = (x: number): string => fmtNum(x, 6);

const M = {
  swapped: msg((name: string, axis: 'x' | 'y', lo: number, hi: number, hint: boolean) => `box ${name}: ${axis}2 = ${f(hi)} is less than ${axis}1 = ${f(lo)}; in xyxy the second corner is the bottom-right one${hint ? ' (if these are x, y, w, h, add --format xywh)' : ''}`,
    (name, axis, lo, hi, hint) => `框 ${name}：${axis}2 = ${f(hi)} 小于 ${axis}1 = ${f(lo)}；xyxy 格式的第二个角是右下角${hint ? '（如果这是 x, y, w, h，请加 --format xywh）' : ''}`),
  noArea: msg((name: string, axis: 'x' | 'y') => `box ${name} has no area: ${axis}2 = ${axis}1, so its ${axis === 'x' ? 'width' : 'height'} is 0`,
    (name, axis) => `框 ${name} 没有面积：${axis}2 = ${axis}1，${axis === 'x' ? '宽' : '高'}为 0`),
  sizeNotPositive: msg((name: string, what: 'w' | 'h', v: number) => `box ${name}: ${what} = ${f(v)}; a width and a height must be greater than 0`,
    (name, what, v) => `框 ${name}：${what} = ${f(v)}；宽和高必须大于 0`),
  title: bi('IoU of two boxes', '两个框的 IoU'),
  corners: bi('Corners (x1, y1, x2, y2)', '角点坐标 (x1, y1, x2, y2)'),
  areas: bi('Areas', '面积'),
  intersection: bi('Intersection', '交集'),
  union: bi('Union', '并集'),
  disjoint: bi('The boxes do not overlap: a side of the intersection is 0, so IoU = 0.', '两个框不重叠：交集的一边为 0，所以 IoU = 0。'),
  intersectionWord: bi('intersection', '交集'),
  unionWord: bi('union', '并集'),
  giouNote: bi('GIoU ∈ (−1, 1]: it keeps falling as disjoint boxes move apart, so the loss 1 − GIoU has a gradient where IoU is stuck at 0.',
    'GIoU ∈ (−1, 1]：不重叠的框离得越远它越小，所以损失 1 − GIoU 在 IoU 恒为 0 时仍有梯度。'),
  hull: bi('C = the smallest box enclosing both', 'C = 同时包住两个框的最小框'),
  continuous: msg((other: string) => `Continuous coordinates, as torchvision.ops.box_iou: width = x2 − x1. The old VOC code counts pixels inclusively (--pixel): width = x2 − x1 + 1, and IoU would be ${other}.`,
    (other) => `连续坐标，与 torchvision.ops.box_iou 相同：宽 = x2 − x1。旧的 VOC 代码按像素闭区间计数（--pixel）：宽 = x2 − x1 + 1，IoU 会是 ${other}。`),
  pixelNote: msg((other: string) => `Pixel convention of the old VOC code (voc_eval.py): a box covers pixels x1…x2 inclusive, width = x2 − x1 + 1. torchvision (continuous, width = x2 − x1) gives ${other}.`,
    (other) => `旧 VOC 代码（voc_eval.py）的像素约定：框覆盖像素 x1…x2（闭区间），宽 = x2 − x1 + 1。torchvision（连续坐标，宽 = x2 − x1）得 ${other}。`),
  from: msg((fmt: string, how: string) => `${fmt} → xyxy: ${how}`, (fmt, how) => `${fmt} → xyxy：${how}`),
};

/**
 * A box's corners from its given format; `name` is for messages ("A", "3":
 * box A, box 3). `formatFlag`: the command has --format, so a swapped corner
 * may suggest it.
 */
export function toCorners(v: readonly number[], format: BoxFormat, name: string, field: string, pixel = false, formatFlag = false): Box {
  const [a, b, c, d] = v as [number, number, number, number];
  if (format === 'xywh' || format === 'cxcywh') {
    if (!(c > 0)) throw new InputError(field, M.sizeNotPositive(name, 'w', c));
    if (!(d > 0)) throw new InputError(field, M.sizeNotPositive(name, 'h', d));
    return format === 'xywh' ? [a, b, a + c, b + d] : [a - c / 2, b - d / 2, a + c / 2, b + d / 2];
  }
  for (const [axis, lo, hi] of [['x', a, c], ['y', b, d]] as const) {
    if (hi < lo) throw new InputError(field, M.swapped(name, axis, lo, hi, formatFlag && c > 0 && d > 0));
    if (hi === lo && !pixel) throw new InputError(field, M.noArea(name, axis));
  }
  return [a, b, c, d];
}

/** How one box was converted to corners, for the worked solution. */
function conversion(v: readonly number[], format: BoxFormat, box: Box): string {
  const [a, b, c, d] = v as [number, number, number, number];
  if (format === 'xywh') return `(${f(a)}, ${f(b)}, ${f(a)} + ${f(c)}, ${f(b)} + ${f(d)}) = (${box.map(f).join(', ')})`;
  return `(${f(a)} − ${f(c)}/2, ${f(b)} − ${f(d)}/2, ${f(a)} + ${f(c)}/2, ${f(b)} + ${f(d)}/2) = (${box.map(f).join(', ')})`;
}

export interface BoxInfo {
  /** As given, in `format`. */
  input: number[];
  xyxy: Box;
  w: number;
  h: number;
  area: number;
}

export interface IouResult {
  format: BoxFormat;
  pixel: boolean;
  a: BoxInfo;
  b: BoxInfo;
  /** The intersection rectangle (its sides clamped at 0 when the boxes are apart). */
  inter: { x1: number; y1: number; x2: number; y2: number; w: number; h: number };
  intersection: number;
  union: number;
  iou: number;
  /** The smallest box enclosing both, for GIoU. */
  hull: { x1: number; y1: number; x2: number; y2: number; w: number; h: number; area: number };
  giou: number;
}

/** Width of [lo, hi] in the chosen convention. */
const side = (lo: number, hi: number, pixel: boolean): number => hi - lo + (pixel ? 1 : 0);

function info(input: readonly number[], xyxy: Box, pixel: boolean): BoxInfo {
  const w = side(xyxy[0], xyxy[2], pixel);
  const h = side(xyxy[1], xyxy[3], pixel);
  return { input: [...input], xyxy, w, h, area: w * h };
}

/** IoU and GIoU of two boxes already in corner form (the core of iou() and of NMS). */
export function boxIou(a: Box, b: Box, pixel = false): number {
  const w = Math.max(0, side(Math.max(a[0], b[0]), Math.min(a[2], b[2]), pixel));
  const h = Math.max(0, side(Math.max(a[1], b[1]), Math.min(a[3], b[3]), pixel));
  const inter = w * h;
  return inter / (side(a[0], a[2], pixel) * side(a[1], a[3], pixel) + side(b[0], b[2], pixel) * side(b[1], b[3], pixel) - inter);
}

/** IoU, GIoU and every intermediate value of two boxes given in `format`. */
export function iou(aIn: readonly number[], bIn: readonly number[], format: BoxFormat = 'xyxy', pixel = false): IouResult {
  const a = info(aIn, toCorners(aIn, format, 'A', 'a', pixel, true), pixel);
  const b = info(bIn, toCorners(bIn, format, 'B', 'b', pixel, true), pixel);
  const x1 = Math.max(a.xyxy[0], b.xyxy[0]);
  const y1 = Math.max(a.xyxy[1], b.xyxy[1]);
  const x2 = Math.min(a.xyxy[2], b.xyxy[2]);
  const y2 = Math.min(a.xyxy[3], b.xyxy[3]);
  const w = Math.max(0, side(x1, x2, pixel));
  const h = Math.max(0, side(y1, y2, pixel));
  const intersection = w * h;
  const union = a.area + b.area - intersection;
  const hx1 = Math.min(a.xyxy[0], b.xyxy[0]);
  const hy1 = Math.min(a.xyxy[1], b.xyxy[1]);
  const hx2 = Math.max(a.xyxy[2], b.xyxy[2]);
  const hy2 = Math.max(a.xyxy[3], b.xyxy[3]);
  const hw = side(hx1, hx2, pixel);
  const hh = side(hy1, hy2, pixel);
  const hullArea = hw * hh;
  const value = intersection / union;
  return {
    format, pixel, a, b,
    inter: { x1, y1, x2, y2, w, h },
    intersection, union, iou: value,
    hull: { x1: hx1, y1: hy1, x2: hx2, y2: hy2, w: hw, h: hh, area: hullArea },
    giou: value - (hullArea - union) / hullArea,
  };
}

/** The same boxes in the other convention (continuous ↔ pixel); undefined when the boxes do not exist there. */
export function otherConvention(r: IouResult): IouResult | undefined {
  try {
    return iou(r.a.input, r.b.input, r.format, !r.pixel);
  } catch {
    return undefined;
  }
}

/** The worked solution of iou(), with the student's numbers. */
export function explainIou(r: IouResult): Worked {
  const wb = new WorkedBuilder(M.title);
  const p = r.pixel ? ' + 1' : '';
  if (r.format !== 'xyxy') {
    wb.heading(M.corners);
    const how = r.format === 'xywh' ? '(x, y, x + w, y + h)' : '(cx − w/2, cy − h/2, cx + w/2, cy + h/2)';
    wb.formula(M.from(r.format, how));
    wb.step(`A: ${conversion(r.a.input, r.format, r.a.xyxy)}`);
    wb.step(`B: ${conversion(r.b.input, r.format, r.b.xyxy)}`);
  }
  wb.heading(M.areas);
  wb.formula(`area = (x2 − x1${p})·(y2 − y1${p})`);
  for (const [name, bx] of [['A', r.a], ['B', r.b]] as const) {
    const [x1, y1, x2, y2] = bx.xyxy;
    wb.step(`${name}: (${f(x2)} − ${f(x1)}${p})·(${f(y2)} − ${f(y1)}${p}) = ${f(bx.w)}·${f(bx.h)} = ${f(bx.area)}`);
  }
  wb.heading(M.intersection);
  const [ax1, ay1, ax2, ay2] = r.a.xyxy;
  const [bx1, by1, bx2, by2] = r.b.xyxy;
  wb.formula('(max x1, max y1, min x2, min y2)');
  wb.step(`= (max(${f(ax1)}, ${f(bx1)}), max(${f(ay1)}, ${f(by1)}), min(${f(ax2)}, ${f(bx2)}), min(${f(ay2)}, ${f(by2)}))`);
  wb.step(`= (${f(r.inter.x1)}, ${f(r.inter.y1)}, ${f(r.inter.x2)}, ${f(r.inter.y2)})`);
  wb.step(`w = max(0, ${f(r.inter.x2)} − ${f(r.inter.x1)}${p}) = ${f(r.inter.w)},  h = max(0, ${f(r.inter.y2)} − ${f(r.inter.y1)}${p}) = ${f(r.inter.h)}`);
  wb.result(txt`${M.intersectionWord} = ${f(r.inter.w)}·${f(r.inter.h)} = ${f(r.intersection)}`);
  if (r.intersection === 0) wb.note(M.disjoint);
  wb.heading(M.union);
  wb.formula(txt`${M.unionWord} = area_A + area_B − ${M.intersectionWord}`);
  wb.step(`= ${f(r.a.area)} + ${f(r.b.area)} − ${f(r.intersection)} = ${f(r.union)}`);
  wb.heading('IoU');
  wb.formula(txt`IoU = ${M.intersectionWord} / ${M.unionWord} = ${f(r.intersection)}/${f(r.union)}`);
  wb.result(`IoU = ${f(r.iou)}`);
  const other = otherConvention(r);
  wb.note(r.pixel ? M.pixelNote(other ? f(other.iou) : '—') : M.continuous(other ? f(other.iou) : '—'));
  wb.heading('GIoU');
  wb.formula(txt`${M.hull}`);
  wb.step(`= (${f(r.hull.x1)}, ${f(r.hull.y1)}, ${f(r.hull.x2)}, ${f(r.hull.y2)}),  area_C = ${f(r.hull.w)}·${f(r.hull.h)} = ${f(r.hull.area)}`);
  wb.formula(txt`GIoU = IoU − (area_C − ${M.unionWord})/area_C`);
  wb.step(`= ${f(r.iou)} − (${f(r.hull.area)} − ${f(r.union)})/${f(r.hull.area)}`);
  wb.result(`GIoU = ${f(r.giou)}`);
  wb.note(M.giouNote);
  return wb.build();
}

const SLIP = {
  pixel: msg((slipped: string, right: string, toPixel: boolean) => toPixel
    ? `looks like the old +1 pixel convention: widths x2 − x1 + 1 give ${slipped}; torchvision's continuous boxes (width x2 − x1) give ${right}`
    : `looks like continuous coordinates: widths x2 − x1 give ${slipped}; with the inclusive pixel convention (x2 − x1 + 1) it is ${right}`,
  (slipped, right, toPixel) => toPixel
    ? `看起来用了旧的像素 +1 约定：宽 x2 − x1 + 1 得 ${slipped}；torchvision 的连续坐标（宽 x2 − x1）得 ${right}`
    : `看起来用了连续坐标：宽 x2 − x1 得 ${slipped}；按像素闭区间约定（x2 − x1 + 1）是 ${right}`),
  union: msg((i: string, a: string, b: string, slipped: string, right: string) => `looks like the intersection was not subtracted from the union: ${i}/(${a} + ${b}) = ${slipped}; the union counts the overlap once: ${right}`,
    (i, a, b, slipped, right) => `看起来并集没有减去交集：${i}/(${a} + ${b}) = ${slipped}；并集只算一次重叠部分：${right}`),
  oneBox: msg((i: string, area: string, slipped: string, right: string) => `looks like the intersection was divided by one box's area: ${i}/${area} = ${slipped}; IoU divides by the union: ${right}`,
    (i, area, slipped, right) => `看起来用交集除以了一个框的面积：${i}/${area} = ${slipped}；IoU 除以的是并集：${right}`),
  format: msg((read: string, slipped: string, meant: string, right: string) => `looks like the boxes were read as ${read}: that gives ${slipped}; as ${meant} they give ${right}`,
    (read, slipped, meant, right) => `看起来把框按 ${read} 读了：那样得 ${slipped}；按 ${meant} 是 ${right}`),
  unionSum: msg((slipped: string, right: string) => `looks like the areas were added without subtracting the intersection: ${slipped}; union = ${right}`,
    (slipped, right) => `看起来只把两个面积相加，没有减去交集：${slipped}；并集 = ${right}`),
};

/** The same numbers read in another format, when they make valid boxes there. */
function misread(r: IouResult): { format: BoxFormat; iou: number } | undefined {
  const as: BoxFormat = r.format === 'xyxy' ? 'xywh' : 'xyxy';
  try {
    return { format: as, iou: iou(r.a.input, r.b.input, as, r.pixel).iou };
  } catch {
    return undefined;
  }
}

/** Slips of the IoU, the intersection and the union. */
export const iouSlips: Record<'iou' | 'intersection' | 'union', readonly SlipDef<IouResult>[]> = {
  iou: [
    { id: 'iou-pixel-convention', value: (r) => otherConvention(r)?.iou, text: (r, v) => SLIP.pixel(f(v as number), f(r.iou), !r.pixel) },
    { id: 'iou-union-not-subtracted', value: (r) => r.intersection / (r.a.area + r.b.area), text: (r, v) => SLIP.union(f(r.intersection), f(r.a.area), f(r.b.area), f(v as number), f(r.iou)) },
    { id: 'iou-over-one-box', value: (r) => r.intersection / r.a.area, text: (r, v) => SLIP.oneBox(f(r.intersection), f(r.a.area), f(v as number), f(r.iou)) },
    { id: 'iou-over-one-box', value: (r) => (r.b.area !== r.a.area ? r.intersection / r.b.area : undefined), text: (r, v) => SLIP.oneBox(f(r.intersection), f(r.b.area), f(v as number), f(r.iou)) },
    { id: 'box-format-confused', value: (r) => misread(r)?.iou, text: (r, v) => SLIP.format(misread(r)!.format, f(v as number), r.format, f(r.iou)) },
  ],
  intersection: [
    { id: 'iou-pixel-convention', value: (r) => otherConvention(r)?.intersection, text: (r, v) => SLIP.pixel(f(v as number), f(r.intersection), !r.pixel) },
  ],
  union: [
    { id: 'iou-pixel-convention', value: (r) => otherConvention(r)?.union, text: (r, v) => SLIP.pixel(f(v as number), f(r.union), !r.pixel) },
    { id: 'iou-union-not-subtracted', value: (r) => r.a.area + r.b.area, text: (r, v) => SLIP.unionSum(f(v as number), f(r.union)) },
  ],
};

/** "A (10, 20, 50, 80)" in the student's format, for prompts and worked lines. */
export function boxText(v: readonly number[]): Text {
  return `(${v.map(f).join(', ')})`;
}
