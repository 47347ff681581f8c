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
import { adaptiveAction } from './adaptive';
import { atLayer, geometry, isBlock, SpecError, type Geometry, type LayerNode } from './spec';
import { convOutSize, effectiveKernel, poolOutSize } from './size';
import { bi, joinText, msg, tr, txt, type Text } from './text';
import type { Worked, WorkedLine } from './worked';

/** The texts of the receptive-field calculator, in both languages. */
const M = {
  colon: bi(': ', '：'),
  sizes: msg((concat: boolean, axis: 0 | 1, sizes: Text) => `the ${concat ? 'branches' : 'body and the shortcut'} end at different ${axis === 0 ? 'heights' : 'widths'} (${tr(sizes, 'en')})`,
    (concat, axis, sizes) => `${concat ? '各分支' : 'body 和 shortcut '}结束时的${axis === 0 ? '高度' : '宽度'}不同（${tr(sizes, 'zh')}）`),
  jumps: msg((axis: 0 | 1, jumps: Text) => `the jumps of its paths disagree along ${axis === 0 ? 'H' : 'W'} (${tr(jumps, 'en')}); the rf covers what every path sees, the jump is the widest path's`,
    (axis, jumps) => `各路径沿 ${axis === 0 ? 'H' : 'W'} 的跳距不一致（${tr(jumps, 'zh')}）；感受野覆盖每条路径看到的范围，跳距取感受野最大的路径的`),
  identityShortcut: bi('identity shortcut', '恒等捷径'),
  branch: msg((i: number) => `branch ${i}`, (i) => `分支 ${i}`),
  title: bi('Receptive field', '感受野'),
  start: bi('Start with r_0 = 1, j_0 = 1, start_0 = 0 (the centre of input pixel 0). Dilation d turns k into d(k−1)+1.',
    '从 r_0 = 1, j_0 = 1, start_0 = 0 开始（输入像素 0 的中心）。膨胀率 d 把 k 变成 d(k−1)+1。'),
  alongH: bi('Along the height', '沿高度方向'),
  alongW: bi('Along the width', '沿宽度方向'),
  whole: msg((name: string, kind: string, rf: number | null) => `${name} (${kind}): sees the whole input${rf !== null ? `: r = ${rf}` : ''}`,
    (name, kind, rf) => `${name}（${kind}）：看到整个输入${rf !== null ? `：r = ${rf}` : ''}`),
  extent: msg((k: number, d: number, extent: number) => `k=${k} d=${d}: extent ${extent}`, (k, d, extent) => `k=${k} d=${d}，跨度 ${extent}`),
  unchanged: msg((name: string, kind: string, rf: number, j: number) => `${name} (${kind}): k=1, s=1: r = ${rf}, j = ${j} unchanged`,
    (name, kind, rf, j) => `${name}（${kind}）：k=1, s=1：r = ${rf}, j = ${j} 不变`),
  closed: bi('Closed form', '闭式'),
  result: msg((axis: string, rf: number | null, jump: number | null, padding: number | null, start: string) => `${axis ? `${axis}: ` : ''}receptive field ${rf ?? 'the whole input'}${jump !== null ? `, effective stride (jump) ${jump}, effective padding ${padding}, first centre at ${start}` : ''}`,
    (axis, rf, jump, padding, start) => `${axis ? `${axis}：` : ''}感受野 ${rf ?? '整个输入'}${jump !== null ? `，等效步幅（跳距）${jump}，等效填充 ${padding}，第一个单元的中心在 ${start}` : ''}`),
};

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
  /** Remarks about blocks, e.g. paths whose jumps disagree. */
  notes?: Text[];
}

const BASE_NAME: Record<string, string> = { adaptiveavgpool: 'avgpool', residual: 'res', seq: 'block', relu6: 'relu6_' };

/** Default names: conv1, conv2, pool1, fc1, ... (blocks: res1, concat1, block1). */
export function layerNames(layers: LayerNode[]): string[] {
  const counts = new Map<string, number>();
  return layers.map((l) => {
    if (l.name) return l.name;
    const base = l.kind === 'maxpool' || l.kind === 'avgpool' ? 'pool' : BASE_NAME[l.kind] ?? l.kind;
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    return `${base}${n}`;
  });
}

export function receptiveField(layers: LayerNode[], input?: { h: number; w: number }): RfResult {
  const names = layerNames(layers);
  const notes: Text[] = [];
  const start: RfAxis = { rf: 1, jump: 1, start: 0, padding: 0 };
  let h: RfAxis = { ...start, ...(input ? { size: input.h } : {}) };
  let w: RfAxis = { ...start, ...(input ? { size: input.w } : {}) };
  const rows: RfRow[] = [];
  layers.forEach((layer, i) => {
    const name = names[i]!;
    if (isBlock(layer) || layer.kind === 'adaptiveavgpool') {
      const onMismatch = (what: Text) => notes.push(txt`${name}${M.colon}${what}`);
      const nh = rfThrough(h, layer, 0, input?.h, onMismatch);
      const nw = rfThrough(w, layer, 1, input?.w, onMismatch);
      rows.push({ index: i + 1, name, kind: layer.kind, ...equivalentLayer(h, nh, w, nw), h: nh, w: nw });
      h = nh;
      w = nw;
      return;
    }
    const g = atLayer(layer, () => geometry(layer));
    h = atLayer(layer, () => rfStep(h, g, 0, input?.h));
    w = atLayer(layer, () => rfStep(w, g, 1, input?.w));
    rows.push({
      index: i + 1,
      name,
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
  return { layers: rows, h, w, square, ...(input ? { input } : {}), ...(notes.length ? { notes } : {}) };
}

/**
 * The single layer a block (or an adaptive pool) is equivalent to, read off
 * the recurrences: k = (r_out − r_in)/j_in + 1, s = j_out/j_in, p = (P_out − P_in)/j_in.
 */
function equivalentLayer(h0: RfAxis, h1: RfAxis, w0: RfAxis, w1: RfAxis): Pick<RfRow, 'k' | 'd' | 'extent' | 's' | 'p' | 'global'> {
  const axis = (a: RfAxis, b: RfAxis): [number, number, number] => {
    if (a.jump === null || a.rf === null || b.rf === null || b.jump === null) return [1, 1, 0];
    return [(b.rf - a.rf) / a.jump + 1, b.jump / a.jump, (b.padding! - a.padding!) / a.jump];
  };
  const [kh, sh, ph] = axis(h0, h1);
  const [kw, sw, pw] = axis(w0, w1);
  return { k: [kh, kw], d: [1, 1], extent: [kh, kw], s: [sh, sw], p: [ph, pw], global: h0.jump !== null && h1.jump === null };
}

/**
 * One axis through a layer or a block. A block runs each of its paths from
 * the same input and merges them with mergeRf; `onMismatch` hears about
 * paths whose jumps disagree.
 */
export function rfThrough(prev: RfAxis, node: LayerNode, axis: 0 | 1, inputSize: number | undefined, onMismatch?: (what: Text) => void): RfAxis {
  if (!isBlock(node)) {
    const g = atLayer(node, () => geometry(node));
    return atLayer(node, () => rfStep(prev, g, axis, inputSize));
  }
  const run = (list: LayerNode[] | undefined, from: RfAxis): RfAxis => (list ?? []).reduce((a, n) => rfThrough(a, n, axis, inputSize, onMismatch), from);
  const merge = (paths: RfAxis[], labels: Text[]): RfAxis => {
    const m = mergeRf(paths);
    const each = (value: (p: RfAxis) => number | null | undefined) => joinText(paths.map((p, i) => txt`${labels[i]!} ${String(value(p))}`));
    if (!m.sizesAgree) {
      const detail = M.sizes(node.kind === 'concat', axis, each((p) => p.size));
      throw new SpecError(node.where, node.name ? txt`${node.name}${M.colon}${detail}` : detail);
    }
    if (!m.jumpsAgree) onMismatch?.(M.jumps(axis, each((p) => p.jump)));
    return m.axis;
  };
  switch (node.kind) {
    case 'residual': {
      const body = run(node.body, prev);
      const shortcut = run(node.shortcut, prev);
      return run(node.post, merge([body, shortcut], ['body', node.shortcut?.length ? 'shortcut' : M.identityShortcut]));
    }
    case 'concat':
      return merge((node.branches ?? []).map((b) => run(b, prev)), (node.branches ?? []).map((_, i) => M.branch(i + 1)));
    default:
      return run(node.body, prev);
  }
}

export interface RfMerge {
  /** The merged axis: the union of what the paths see. */
  axis: RfAxis;
  /** False when the paths' jumps differ (their units are then not on one grid). */
  jumpsAgree: boolean;
  /** False when the paths end at different sizes (the add or concat is impossible). */
  sizesAgree: boolean;
}

/**
 * Where paths meet (a residual add, a concatenation) each output unit sees
 * the union of what the paths see. Path p's first unit sees input pixels
 * start_p − (r_p − 1)/2 to start_p + (r_p − 1)/2; the merged unit sees from
 * the smallest left edge to the largest right edge, so r is their distance
 * + 1 (the largest r_p when the paths are centred alike, as in ResNet and
 * Inception), the centre is midway and the effective padding is minus the
 * left edge. The jump is that of the path with the largest r. A path that
 * became global (jump null) makes the merge global.
 */
export function mergeRf(paths: RfAxis[]): RfMerge {
  const sizes = paths.map((p) => p.size);
  const sizesAgree = sizes.every((s) => s === undefined || s === sizes[0]);
  const global = paths.find((p) => p.jump === null);
  if (global) return { axis: global, jumpsAgree: true, sizesAgree };
  let best = paths[0]!;
  let lo = Infinity;
  let hi = -Infinity;
  let jumpsAgree = true;
  let centred = true;
  for (const p of paths) {
    if (p.rf! > best.rf!) best = p;
    lo = Math.min(lo, p.start! - (p.rf! - 1) / 2);
    hi = Math.max(hi, p.start! + (p.rf! - 1) / 2);
    jumpsAgree &&= p.jump === paths[0]!.jump;
    centred &&= p.start === paths[0]!.start;
  }
  // Centred alike (ResNet, Inception): the union is simply the largest path, reused as is.
  if (centred) return { axis: best, jumpsAgree, sizesAgree };
  const axis: RfAxis = { rf: hi - lo + 1, jump: best.jump, start: (lo + hi) / 2, padding: 0 - lo, ...(best.size !== undefined ? { size: best.size } : {}) };
  return { axis, jumpsAgree, sizesAgree };
}

/**
 * One layer's effect along one axis: its output size (when the input size
 * is known) and the Distill recurrences for rf, jump, start and padding.
 */
export function rfStep(prev: RfAxis, g: Geometry, axis: 0 | 1, inputSize: number | undefined): RfAxis {
  if (g.sizing === 'adaptive') return adaptiveStep(prev, g.out![axis], inputSize);
  // A shape-keeping layer (ReLU, BN, dropout) changes nothing: share the axis (never mutated) rather than copy it.
  if (g.sizing === 'none' && prev.jump !== null) return prev;
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

/** Adaptive average pooling: the identity, an ordinary k = s = n/out pool, global, or uneven windows (then there is no single jump). */
function adaptiveStep(prev: RfAxis, out: number, inputSize: number | undefined): RfAxis {
  const wholeInput: RfAxis = { rf: inputSize ?? null, jump: null, start: null, padding: null, size: out };
  if (prev.size === undefined || prev.jump === null) return wholeInput;
  const act = adaptiveAction(prev.size, out);
  const j = prev.jump;
  switch (act.kind) {
    case 'identity': return { ...prev, size: out };
    case 'global': return wholeInput;
    case 'pool': return { rf: prev.rf! + (act.k - 1) * j, jump: j * act.k, start: prev.start! + ((act.k - 1) / 2) * j, padding: prev.padding, size: out };
    case 'uneven': return { rf: prev.rf! + (act.kmax - 1) * j, jump: null, start: null, padding: null, size: out };
  }
}

/** The worked solution: one line per layer with the recurrences applied (H axis; W too when it differs). */
export function explainRf(result: RfResult): Worked {
  const lines: WorkedLine[] = [];
  lines.push({ kind: 'formula', text: 'r_l = r_{l−1} + (k_l − 1)·j_{l−1}     j_l = j_{l−1}·s_l     start_l = start_{l−1} + ((k_l − 1)/2 − p_l)·j_{l−1}' });
  lines.push({ kind: 'note', text: M.start });
  const axes: Array<[string, 'h' | 'w', 0 | 1]> = result.square ? [['', 'h', 0]] : [['H', 'h', 0], ['W', 'w', 1]];
  for (const [label, key, ax] of axes) {
    if (label) lines.push({ kind: 'heading', text: label === 'H' ? M.alongH : M.alongW });
    let prev: RfAxis = { rf: 1, jump: 1, start: 0, padding: 0 };
    for (const row of result.layers) {
      const cur = row[key];
      if (row.global) {
        lines.push({ kind: 'step', text: M.whole(row.name, row.kind, cur.rf) });
      } else if (prev.jump !== null && cur.rf !== null) {
        const k = row.extent[ax];
        const s = row.s[ax];
        const p = row.p[ax];
        const kDesc: Text = row.d[ax] > 1 ? M.extent(row.k[ax], row.d[ax], k) : `k=${k}`;
        if (k === 1 && s === 1 && p === 0) {
          lines.push({ kind: 'step', text: M.unchanged(row.name, row.kind, cur.rf, cur.jump!) });
        } else {
          lines.push({ kind: 'step', text: txt`${row.name} (${row.kind} ${kDesc} s=${s} p=${p}): r = ${prev.rf!} + (${k}−1)·${prev.jump} = ${cur.rf},  j = ${prev.jump}·${s} = ${cur.jump!},  start = ${fmt(prev.start!)} + (${fmt((k - 1) / 2)} − ${p})·${prev.jump} = ${fmt(cur.start!)}` });
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
      lines.push({ kind: 'formula', text: txt`${M.closed}${M.colon}r = 1 + Σ_l (k_l − 1)·Π_{i<l} s_i = 1 + ${parts.length ? parts.join(' + ') : '0'} = ${last.rf}` });
    }
    lines.push({ kind: 'result', text: M.result(label, last.rf, last.jump, last.padding, last.jump !== null ? fmt(last.start!) : '') });
  }
  for (const note of result.notes ?? []) lines.push({ kind: 'warn', text: note });
  return { title: M.title, lines };
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
