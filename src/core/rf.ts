/**
 * Receptive field of a stack of layers, per layer and in total, with the
 * formulas of Araujo, Norris & Sim, "Computing Receptive Fields of
 * Convolutional Neural Networks" (Distill, 2019):
 *   r_l = r_{l-1} + (k_l - 1)·j_{l-1}            (receptive field size)
 *   j_l = j_{l-1}·s_l                            (jump: distance in input pixels between adjacent units)
 *   start_l = start_{l-1} + ((k_l - 1)/2 - p_l)·j_{l-1}   (centre of the first unit, 0-indexed input pixels)
 * with r_0 = 1, j_0 = 1, start_0 = 0 and dilation folded in as k -> d(k-1)+1.
 * Effective padding is Σ p_l·j_{l-1}, effective stride is j_L.
 */
import { atLayer, geometry, type Geometry, type LayerNode } from './spec';
import { convOutSize, effectiveKernel, poolOutSize } from './size';

export interface RfAxis {
  /** Receptive field size; null after a global layer when the input size is unknown. */
  rf: number | null;
  /** Jump (cumulative stride); null after a global layer. */
  jump: number | null;
  /** Centre of the first unit's receptive field in input pixels (0-indexed); null after a global layer. */
  start: number | null;
  /** Effective padding Σ p_l·j_{l-1} up to this layer. */
  padding: number | null;
  /** Spatial output size along this axis, when the input size is known. */
  size?: number;
}

export interface RfRow {
  index: number;
  name: string;
  kind: string;
  /** Kernel size, dilation, extent d(k-1)+1, stride and leading padding along H and W. */
  k: [number, number];
  d: [number, number];
  extent: [number, number];
  s: [number, number];
  p: [number, number];
  global: boolean;
  h: RfAxis;
  w: RfAxis;
}

export interface RfResult {
  layers: RfRow[];
  h: RfAxis;
  w: RfAxis;
  /** Whether every layer and the input are square (then H and W agree). */
  square: boolean;
  input?: { h: number; w: number };
}

/** Default names: conv1, conv2, pool1, fc1, ... */
export function layerNames(layers: LayerNode[]): string[] {
  const counts = new Map<string, number>();
  return layers.map((l) => {
    if (l.name) return l.name;
    const base = l.kind === 'maxpool' || l.kind === 'avgpool' ? 'pool' : l.kind;
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    return `${base}${n}`;
  });
}

export function receptiveField(layers: LayerNode[], input?: { h: number; w: number }): RfResult {
  const names = layerNames(layers);
  const geoms = layers.map((l) => atLayer(l, () => geometry(l)));
  const start: RfAxis = { rf: 1, jump: 1, start: 0, padding: 0 };
  let h: RfAxis = { ...start, ...(input ? { size: input.h } : {}) };
  let w: RfAxis = { ...start, ...(input ? { size: input.w } : {}) };
  const rows: RfRow[] = [];
  layers.forEach((layer, i) => {
    const g = geoms[i]!;
    h = atLayer(layer, () => step(h, g, 0, input?.h));
    w = atLayer(layer, () => step(w, g, 1, input?.w));
    rows.push({
      index: i + 1,
      name: names[i]!,
      kind: layer.kind,
      k: g.k,
      d: g.d,
      extent: [effectiveKernel(g.k[0], g.d[0]), effectiveKernel(g.k[1], g.d[1])],
      s: g.s,
      p: g.p,
      global: g.global,
      h,
      w,
    });
  });
  const square = rows.every((r) => r.extent[0] === r.extent[1] && r.s[0] === r.s[1] && r.p[0] === r.p[1]) && (!input || input.h === input.w);
  return { layers: rows, h, w, square, ...(input ? { input } : {}) };
}

function step(prev: RfAxis, g: Geometry, axis: 0 | 1, inputSize: number | undefined): RfAxis {
  let size = prev.size;
  if (size !== undefined) {
    const a = { n: size, k: g.k[axis], s: g.s[axis], p: g.p[axis], pr: g.pr[axis], d: g.d[axis] };
    if (g.sizing === 'conv') size = convOutSize(a).out;
    else if (g.sizing === 'pool') size = poolOutSize({ ...a, ceil: g.ceil }).out;
    else if (g.sizing === 'global') size = 1;
  }
  const withSize = size !== undefined ? { size } : {};
  if (g.global || prev.jump === null) {
    return { rf: inputSize ?? null, jump: null, start: null, padding: null, ...withSize };
  }
  const k = effectiveKernel(g.k[axis], g.d[axis]);
  const j = prev.jump;
  return {
    rf: prev.rf! + (k - 1) * j,
    jump: j * g.s[axis],
    start: prev.start! + ((k - 1) / 2 - g.p[axis]) * j,
    padding: prev.padding! + g.p[axis] * j,
    ...withSize,
  };
}

/** The worked solution: one line per layer with the recurrences applied (H axis; W too when it differs). */
export function explainRf(result: RfResult): import('./worked').Worked {
  const lines: import('./worked').WorkedLine[] = [];
  lines.push({ kind: 'formula', text: 'r_l = r_{l−1} + (k_l − 1)·j_{l−1}     j_l = j_{l−1}·s_l     start_l = start_{l−1} + ((k_l − 1)/2 − p_l)·j_{l−1}' });
  lines.push({ kind: 'note', text: 'Start with r_0 = 1, j_0 = 1, start_0 = 0 (the centre of input pixel 0). Dilation d turns k into d(k−1)+1.' });
  const axes: Array<[string, 'h' | 'w', 0 | 1]> = result.square ? [['', 'h', 0]] : [['H: ', 'h', 0], ['W: ', 'w', 1]];
  for (const [label, key, ax] of axes) {
    if (label) lines.push({ kind: 'heading', text: label === 'H: ' ? 'Along the height' : 'Along the width' });
    let prev: RfAxis = { rf: 1, jump: 1, start: 0, padding: 0 };
    for (const row of result.layers) {
      const cur = row[key];
      if (row.global) {
        lines.push({ kind: 'step', text: `${row.name} (${row.kind}): sees the whole input${cur.rf !== null ? `: r = ${cur.rf}` : ''}` });
      } else if (prev.jump !== null && cur.rf !== null) {
        const k = row.extent[ax];
        const s = row.s[ax];
        const p = row.p[ax];
        const kDesc = row.d[ax] > 1 ? `k=${row.k[ax]} d=${row.d[ax]}: extent ${k}` : `k=${k}`;
        if (k === 1 && s === 1 && p === 0) {
          lines.push({ kind: 'step', text: `${row.name} (${row.kind}): k=1, s=1: r = ${cur.rf}, j = ${cur.jump} unchanged` });
        } else {
          lines.push({ kind: 'step', text: `${row.name} (${row.kind} ${kDesc} s=${s} p=${p}): r = ${prev.rf} + (${k}−1)·${prev.jump} = ${cur.rf},  j = ${prev.jump}·${s} = ${cur.jump},  start = ${fmt(prev.start!)} + (${fmt((k - 1) / 2)} − ${p})·${prev.jump} = ${fmt(cur.start!)}` });
        }
      }
      prev = cur;
    }
    const last = result[key];
    if (last.rf !== null && last.jump !== null) {
      const terms = result.layers.filter((r) => !r.global);
      let j = 1;
      const parts: string[] = [];
      for (const r of terms) {
        if (r.extent[ax] > 1) parts.push(`(${r.extent[ax]}−1)·${j}`);
        j *= r.s[ax];
      }
      lines.push({ kind: 'formula', text: `Closed form: r = 1 + Σ_l (k_l − 1)·Π_{i<l} s_i = 1 + ${parts.length ? parts.join(' + ') : '0'} = ${last.rf}` });
    }
    lines.push({ kind: 'result', text: `${label}receptive field ${last.rf ?? 'the whole input'}${last.jump !== null ? `, effective stride (jump) ${last.jump}, effective padding ${last.padding}, first centre at ${fmt(last.start!)}` : ''}` });
  }
  return { title: 'Receptive field', lines };
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
