/** dlnotes rf: receptive field, jump and start of every layer in a stack. */
import type { Quantity } from '../core/check';
import { explainRf, receptiveField, type RfAxis, type RfResult } from '../core/rf';
import { bi, type Text } from '../core/text';
import { UsageError } from '../errors';
import { t } from '../render/lang';
import { renderTable } from '../render/table';
import { renderWorked } from '../render/worked';
import { withFlags } from './flags';
import { emit, type Outcome } from './output';
import { asUsage, readInlineSpec, readInputShape, readSpecFile } from './spec-input';

/** The texts of this command, in both languages. */
const M = {
  rf: bi('receptive field', '感受野'),
  stride: bi('effective stride (jump)', '等效步幅（跳距）'),
  padding: bi('effective padding', '等效填充'),
  start: bi('centre of the first unit', '第一个单元的中心'),
  header: {
    layer: bi('layer', '层'), kind: bi('kind', '类型'), out: bi('out size', '输出尺寸'), rf: bi('rf', '感受野'), jump: bi('jump', '跳距'), start: bi('start', '起点'),
  },
  notBoth: bi('give either --layers or --spec, not both', '--layers 和 --spec 只能给一个'),
  giveStack: bi('give the stack with --layers "conv k=3 p=1; maxpool k=2" or --spec net.yaml', '请用 --layers "conv k=3 p=1; maxpool k=2" 或 --spec net.yaml 给出各层'),
};

export interface RfFlags {
  layers?: string;
  spec?: string;
  input?: string;
  json?: boolean;
  answer?: string;
}

export function rfQuantities(r: RfResult): Record<string, Quantity> {
  const q: Record<string, Quantity> = {};
  const pairOrOne = (label: Text, h: number | null, w: number | null, aliases: string[] = []): Quantity | undefined => {
    if (h === null || w === null) return undefined;
    return h === w ? { label, expected: [[h], [h, w]], show: String(h), aliases } : { label, expected: [[h, w]], show: `${h}×${w}`, aliases };
  };
  const add = (key: string, v: Quantity | undefined) => { if (v) q[key] = v; };
  add('rf', pairOrOne(M.rf, r.h.rf, r.w.rf, ['receptive_field']));
  add('stride', pairOrOne(M.stride, r.h.jump, r.w.jump, ['jump']));
  add('padding', pairOrOne(M.padding, r.h.padding, r.w.padding));
  add('start', pairOrOne(M.start, r.h.start, r.w.start));
  return q;
}

const axisJson = (a: RfAxis) => ({ rf: a.rf, jump: a.jump, start: a.start, padding: a.padding, ...(a.size !== undefined ? { size: a.size } : {}) });

export function rfJson(r: RfResult): Record<string, unknown> {
  return {
    rf: r.h.rf,
    stride: r.h.jump,
    padding: r.h.padding,
    start: r.h.start,
    ...(r.square ? {} : { w: { rf: r.w.rf, stride: r.w.jump, padding: r.w.padding, start: r.w.start } }),
    ...(r.input ? { input: r.input } : {}),
    layers: r.layers.map((l) => ({
      name: l.name,
      kind: l.kind,
      k: l.k[0], d: l.d[0], s: l.s[0], p: l.p[0],
      ...axisJson(l.h),
      ...(r.square ? {} : { w: axisJson(l.w) }),
    })),
  };
}

function cell(h: number | null | undefined, w: number | null | undefined, square: boolean): string {
  const f = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(1));
  return square || h === w ? f(h) : `${f(h)}×${f(w)}`;
}

export function renderRfTable(r: RfResult): string {
  const sq = r.square;
  const h = M.header;
  const header = ['#', t(h.layer), t(h.kind), 'k', 'd', 's', 'p', ...(r.input ? [t(h.out)] : []), t(h.rf), t(h.jump), t(h.start)];
  const rows = r.layers.map((l) => [
    String(l.index), l.name, l.kind,
    cell(l.k[0], l.k[1], sq), cell(l.d[0], l.d[1], sq), cell(l.s[0], l.s[1], sq), cell(l.p[0], l.p[1], sq),
    ...(r.input ? [cell(l.h.size, l.w.size, sq)] : []),
    cell(l.h.rf, l.w.rf, sq), cell(l.h.jump, l.w.jump, sq), cell(l.h.start, l.w.start, sq),
  ]);
  const align = header.map((_, i): 'left' | 'right' => (i <= 2 ? 'left' : 'right'));
  return renderTable(header, rows, { align });
}

/** One `rf` run: shared by the command and the homework checker. */
export async function computeRf(o: RfFlags): Promise<Outcome> {
  if (o.layers !== undefined && o.spec !== undefined) throw new UsageError(M.notBoth);
  if (o.layers === undefined && o.spec === undefined) throw new UsageError(M.giveStack);
  const spec = o.spec !== undefined ? await readSpecFile(o.spec) : readInlineSpec(o.layers!);
  let input = spec.input ? { h: spec.input[1], w: spec.input[2] } : undefined;
  if (o.input !== undefined) {
    const shape = readInputShape('input', o.input);
    input = { h: shape.h, w: shape.w };
  }
  const r = asUsage(() => withFlags(() => receptiveField(spec.layers, input)));
  return { data: rfJson(r), quantities: rfQuantities(r), defaultKey: 'rf', worked: `${renderRfTable(r)}\n\n${renderWorked(explainRf(r))}` };
}

export async function run(o: RfFlags): Promise<void> {
  emit(await computeRf(o), o);
}
