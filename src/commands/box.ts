/** dlnotes box encode|decode: Faster R-CNN's box regression targets, as torchvision's BoxCoder. */
import type { Quantity } from '../core/check';
import { tidyDeep } from '../core/numlist';
import { slipValues } from '../core/slips';
import { bi, msg } from '../core/text';
import { BBOX_XFORM_CLIP, decodeBox, decodeSizeSlips, decodeSlips, encodeBox, encodeSlips, explainDecode, explainEncode, type DecodeResult, type EncodeResult } from '../core/vision/box-coder';
import { readBox, readNumbers } from '../core/vision/read';
import { emit, type Outcome } from './output';
import { reading, required, WHAT } from './vision-flags';

export interface BoxFlags {
  anchor?: string; gt?: string; t?: string; weights?: string;
  json?: boolean; answer?: string;
}

const LABEL = {
  t: bi('regression target t', '回归目标 t'),
  component: msg((name: string) => `target ${name}`, (name) => `回归目标 ${name}`),
  box: bi('decoded box', '还原的框'),
  coord: msg((name: string) => `box ${name}`, (name) => `框的 ${name}`),
  size: msg((name: string) => `box ${name === 'w' ? 'width' : 'height'}`, (name) => `框的${name === 'w' ? '宽' : '高'}`),
  anchor: bi('the anchor x1,y1,x2,y2, e.g. 0,0,100,100', '锚框 x1,y1,x2,y2，如 0,0,100,100'),
  deltas: bi('the deltas tx,ty,tw,th, e.g. 0.1,0.2,0,0.18', '偏移量 tx,ty,tw,th，如 0.1,0.2,0,0.18'),
};

const T_NAMES = ['tx', 'ty', 'tw', 'th'] as const;
const XY_NAMES = ['x1', 'y1', 'x2', 'y2'] as const;

function weightsOf(o: BoxFlags): number[] {
  return reading(() => readNumbers('weights', o.weights ?? '1,1,1,1', '10,10,5,5'));
}

export function encodeQuantities(r: EncodeResult): Record<string, Quantity> {
  const q: Record<string, Quantity> = {
    t: { label: LABEL.t, expected: [r.t], aliases: ['deltas', 'target'], slips: () => slipValues(encodeSlips(), r) },
  };
  T_NAMES.forEach((name, i) => {
    q[name] = { label: LABEL.component(name), expected: r.t[i]!, real: true, aliases: [name.replace('t', 'd')], slips: () => slipValues(encodeSlips(i), r) };
  });
  return q;
}

export function decodeQuantities(r: DecodeResult): Record<string, Quantity> {
  const q: Record<string, Quantity> = {
    box: { label: LABEL.box, expected: [r.box], aliases: ['xyxy'], slips: () => slipValues(decodeSlips(), r) },
    w: { label: LABEL.size('w'), expected: r.c.w, real: true, aliases: ['width'], slips: () => slipValues(decodeSizeSlips('w'), r) },
    h: { label: LABEL.size('h'), expected: r.c.h, real: true, aliases: ['height'], slips: () => slipValues(decodeSizeSlips('h'), r) },
    x: { label: LABEL.coord('x'), expected: r.c.x, real: true, aliases: ['cx'] },
    y: { label: LABEL.coord('y'), expected: r.c.y, real: true, aliases: ['cy'] },
  };
  XY_NAMES.forEach((name, i) => {
    q[name] = { label: LABEL.coord(name), expected: r.box[i]!, real: true, slips: () => slipValues(decodeSlips(i), r) };
  });
  return q;
}

export function computeEncode(o: BoxFlags): Outcome {
  const anchor = reading(() => readBox('anchor', required('anchor', o.anchor, LABEL.anchor)));
  const gt = reading(() => readBox('gt', required('gt', o.gt, WHAT.box)));
  const r = reading(() => encodeBox(anchor, gt, weightsOf(o)));
  const data = tidyDeep({ t: r.t, weights: r.weights, anchor: { box: r.anchor, ...r.a }, gt: { box: r.gt, ...r.g } });
  return { data, quantities: encodeQuantities(r), defaultKey: (text) => (/[,;x×\s]/.test(text.trim()) ? 't' : 'tx'), worked: explainEncode(r) };
}

export function computeDecode(o: BoxFlags): Outcome {
  const anchor = reading(() => readBox('anchor', required('anchor', o.anchor, LABEL.anchor)));
  const t = reading(() => readNumbers('t', required('t', o.t, LABEL.deltas)));
  const r = reading(() => decodeBox(anchor, t, weightsOf(o)));
  const data = tidyDeep({
    box: r.box, centre: { x: r.c.x, y: r.c.y }, size: { w: r.c.w, h: r.c.h },
    weights: r.weights, deltas: r.d, clamped: { dw: r.clampedW, dh: r.clampedH }, clip: BBOX_XFORM_CLIP,
    anchor: { box: r.anchor, ...r.a },
  });
  return { data, quantities: decodeQuantities(r), defaultKey: 'box', worked: explainDecode(r) };
}

/** `dlnotes box encode` and `dlnotes box decode` (the homework checker calls the compute functions). */
export async function run(mode: 'encode' | 'decode', o: BoxFlags): Promise<void> {
  emit(mode === 'encode' ? computeEncode(o) : computeDecode(o), o);
}
