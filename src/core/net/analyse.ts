/**
 * A whole-network summary: walks a NetSpec (layers and blocks) from its
 * input and gives every layer's output shape, parameters, MACs,
 * activations and receptive field, with the same formulas the one-layer
 * calculators use (core/params.ts, core/size.ts via core/rf.ts).
 *
 * Counting conventions (torchvision's "GFLOPS" column is MACs counted this way):
 * - MACs: conv = output values × (C_in/groups)·k_h·k_w, linear = in·out;
 *   BatchNorm, activations, pooling and the residual add count 0.
 * - activations: each row's output tensor, once (the input is reported apart).
 */
import { InputError } from '../errors';
import { bnParams, convParams, fcParams, type ParamCount } from '../params';
import { layerNames, mergeRf, rfStep, type RfAxis } from '../rf';
import { geometry, isBlock, SpecError, type Geometry, type LayerNode, type NetSpec, type Pair } from '../spec';
import { bi, joinText, msg, tr, txt, type Text } from '../text';
import { fmtShape, mapShape, sameShape, shapeSize, vecShape, type Shape } from './shape';
import { featureRf, totals } from './totals';
import { FP32_BYTES, type NetBlock, type NetRow, type NetSummary, type SummaryOptions } from './types';

/** The texts of the network walker, in both languages. */
const M = {
  batch: msg((got: number) => `batch must be a positive integer, got ${got}`, (got) => `批大小必须是正整数，收到 ${got}`),
  noInput: bi('the spec has no input size: add "input: [C, H, W]" or give --input 3x224x224', '规格里没有输入尺寸：请加上 "input: [C, H, W]" 或给出 --input 3x224x224'),
  theInput: bi('the input', '输入'),
  noLayers: bi('the network has no layers', '网络没有任何层'),
  usedTwice: msg((name: string, earlier: Text) => `the name "${name}" is used twice (first at ${tr(earlier, 'en')}); layer names must be unique`,
    (name, earlier) => `名称 "${name}" 用了两次（第一次在 ${tr(earlier, 'zh')}）；层名必须唯一`),
  addShapes: msg((name: string, body: string, projection: boolean, other: string) => `${name} (residual): the add needs equal shapes, but the body gives ${body} and ${projection ? 'the shortcut' : 'the identity shortcut'} gives ${other}`,
    (name, body, projection, other) => `${name}（residual）：相加要求形状相同，但 body 给出 ${body}，而${projection ? '捷径（shortcut）' : '恒等捷径'}给出 ${other}`),
  useProjection: msg((fix: string) => `; use a projection shortcut, e.g. shortcut: ${fix}`, (fix) => `；请改用投影捷径，例如 shortcut: ${fix}`),
  branch: msg((i: number) => `branch ${i}`, (i) => `分支 ${i}`),
  flatBranch: msg((name: string, i: number, shape: string) => `${name} (concat): branch ${i} ends in a flat vector (${shape}); concatenation along channels needs C×H×W maps`,
    (name, i, shape) => `${name}（concat）：第 ${i} 个分支输出的是扁平向量（${shape}）；沿通道拼接需要 C×H×W 的特征图`),
  branchSize: msg((name: string, i: number, hw: string, first: string) => `${name} (concat): branch ${i} gives ${hw} but branch 1 gives ${first}; concatenation along channels needs the same H×W in every branch`,
    (name, i, hw, first) => `${name}（concat）：第 ${i} 个分支给出 ${hw}，而第 1 个分支给出 ${first}；沿通道拼接要求每个分支的 H×W 相同`),
  channels: msg((sum: string) => `${sum} channels`, (sum) => `${sum} 通道`),
  jumps: msg((name: string, concat: boolean, along: string, paths: Text) => `${name}: its paths reach the ${concat ? 'concatenation' : 'add'} with different jumps along ${along === 'HW' ? 'H and W' : along} (${tr(paths, 'en')}): their units sit on different grids; the rf shown covers what every path sees, the jump is the widest path's`,
    (name, concat, along, paths) => `${name}：各条路径到达${concat ? '拼接' : '相加'}时，沿 ${along === 'HW' ? 'H 和 W' : along} 的跳距（jump）不同（${tr(paths, 'zh')}）：它们的单元不在同一网格上；表中的感受野覆盖每条路径看到的范围，跳距取感受野最大的路径的`),
  inputFrom: msg((shape: string, from: Text) => ` (its input is ${shape}, from ${tr(from, 'en')})`, (shape, from) => `（它的输入是 ${shape}，来自 ${tr(from, 'zh')}）`),
  needMap: msg((c: number, from: Text) => `needs a C×H×W input, but it gets a flat vector of ${c} (from ${tr(from, 'en')})`,
    (c, from) => `需要 C×H×W 的输入，但收到长度为 ${c} 的扁平向量（来自 ${tr(from, 'zh')}）`),
  declared: msg((declared: number, have: number, features: boolean, shape: string, from: Text) => `declares in: ${declared} but receives ${have} ${features ? 'features' : 'channels'} (${shape} from ${tr(from, 'en')})`,
    (declared, have, features, shape, from) => `声明了 in: ${declared}，但收到 ${have} 个${features ? '特征' : '通道'}（${shape}，来自 ${tr(from, 'zh')}）`),
  convOut: bi('needs "out" (the number of filters) for a summary', '汇总需要 "out"（滤波器个数）'),
  fcOut: bi('needs "out" (the number of output features) for a summary', '汇总需要 "out"（输出特征数）'),
  fcFlatten: msg((name: string, shape: string, n: number) => `${name} (fc) takes the ${shape} volume as a vector of ${n} (PyTorch needs an explicit flatten before nn.Linear)`,
    (name, shape, n) => `${name}（fc）把 ${shape} 的特征图当作长度为 ${n} 的向量（PyTorch 需要在 nn.Linear 之前显式 flatten）`),
  depthwise: bi('=C (depthwise)', '=C（深度卷积）'),
  at: msg((name: string, kind: string) => `${name} (${kind}): `, (name, kind) => `${name}（${kind}）：`),
};

export type { NetBlock, NetRow, NetSummary, NetTotals, SummaryOptions } from './types';

interface State {
  shape: Shape;
  h: RfAxis;
  w: RfAxis;
  depth: number;
  /** Name of the layer that produced this tensor, for error messages. */
  from: Text;
}

/** Summarises a network for one input size and batch. Malformed specs throw SpecError at the layer. */
export function summarise(spec: NetSpec, opts: SummaryOptions = {}): NetSummary {
  const batch = opts.batch ?? 1;
  if (!(Number.isInteger(batch) && batch >= 1)) throw new InputError('batch', M.batch(batch));
  const inputDims = opts.input ?? spec.input;
  if (!inputDims) throw new InputError('input', M.noInput);
  const input = mapShape(...inputDims);
  const walker = new Walker(batch, input);
  const h: RfAxis = { rf: 1, jump: 1, start: 0, padding: 0, size: input.h };
  // A square input shares one axis object for H and W until a layer treats them differently (axes are never mutated).
  const start: State = { shape: input, h, w: input.h === input.w ? h : { ...h, size: input.w }, depth: 0, from: M.theInput };
  if (spec.layers.length === 0) throw new SpecError(spec.name ?? 'spec', M.noLayers);
  const end = walker.path(spec.layers, start, '', 0, '');
  return {
    ...(spec.name !== undefined ? { name: spec.name } : {}),
    input,
    batch,
    output: end.shape,
    rows: walker.rows,
    blocks: walker.blocks.sort((a, b) => a.first - b.first || a.level - b.level),
    totals: totals(walker.rows, input, batch, end.depth),
    featureRf: featureRf(walker.rows),
    notes: walker.notes,
  };
}

class Walker {
  readonly rows: NetRow[] = [];
  readonly blocks: NetBlock[] = [];
  readonly notes: Text[] = [];
  private readonly seen = new Map<string, Text>();
  constructor(private readonly batch: number, private readonly input: Shape) {}

  /**
   * Runs a list of layers. Default names are qualified by `label`
   * ("shortcut", "b2") so that paths of one block never collide; explicit
   * names are used as written.
   */
  path(list: LayerNode[], st: State, prefix: string, level: number, label: string, names = layerNames(list)): State {
    return list.reduce((s, node, i) => {
      const local = node.name ?? (label ? `${label}.${names[i]}` : names[i]!);
      return this.node(node, s, prefix ? `${prefix}.${local}` : local, level);
    }, st);
  }

  private node(node: LayerNode, st: State, name: string, level: number): State {
    const earlier = this.seen.get(name);
    if (earlier !== undefined) throw new SpecError(node.where, M.usedTwice(name, earlier));
    this.seen.set(name, node.where);
    if (!isBlock(node)) return this.leaf(node, st, name, level);
    const first = this.rows.length;
    const out = this.block(node, st, name, level);
    let params = 0;
    let macs = 0;
    let activations = 0;
    for (let i = first; i < this.rows.length; i++) {
      const r = this.rows[i]!;
      params += r.params;
      macs += r.macs;
      activations += r.activations;
    }
    this.blocks.push({ name, kind: node.kind, level, where: node.where, first, end: this.rows.length, output: out.shape, params, macs, activations, rf: { h: out.h, w: out.w } });
    return out;
  }

  private block(node: LayerNode, st: State, name: string, level: number): State {
    const inner = level + 1;
    if (node.kind === 'seq') return this.path(node.body ?? [], st, name, inner, '');
    if (node.kind === 'residual') {
      const body = node.body ?? [];
      const post = node.post ?? [];
      const names = layerNames([...body, ...post]);
      const main = this.path(body, st, name, inner, '', names.slice(0, body.length));
      const short = node.shortcut?.length ? this.path(node.shortcut, st, name, inner, 'shortcut') : st;
      if (!sameShape(main.shape, short.shape)) {
        const projection = Boolean(node.shortcut?.length);
        const fix = projection ? '' : M.useProjection(`[conv: {out: ${main.shape.c}, k: 1, s: ${Math.max(1, Math.round(st.shape.h / main.shape.h))}, bias: false}, bn]`);
        throw new SpecError(node.where, txt`${M.addShapes(name, fmtShape(main.shape), projection, fmtShape(short.shape))}${fix}`);
      }
      const merged = this.merge(node, name, [main, short], ['body', node.shortcut?.length ? 'shortcut' : 'identity']);
      const added = this.mergeRow(node, `${name}.add`, 'add', inner, main.shape, merged, Math.max(main.depth, short.depth), node.shortcut?.length ? 'body + shortcut' : 'body + identity');
      return this.path(post, added, name, inner, '', names.slice(body.length));
    }
    const outs = (node.branches ?? []).map((b, i) => this.path(b, st, name, inner, `b${i + 1}`));
    outs.forEach((o, i) => {
      if (o.shape.flat) throw new SpecError(node.where, M.flatBranch(name, i + 1, fmtShape(o.shape)));
      if (o.shape.h !== outs[0]!.shape.h || o.shape.w !== outs[0]!.shape.w) {
        throw new SpecError(node.where, M.branchSize(name, i + 1, `${o.shape.h}×${o.shape.w}`, `${outs[0]!.shape.h}×${outs[0]!.shape.w}`));
      }
    });
    const shape = mapShape(outs.reduce((c, o) => c + o.shape.c, 0), outs[0]!.shape.h, outs[0]!.shape.w);
    const merged = this.merge(node, name, outs, outs.map((_, i) => M.branch(i + 1)));
    return this.mergeRow(node, `${name}.cat`, 'concat', inner, shape, merged, Math.max(...outs.map((o) => o.depth)), M.channels(outs.map((o) => o.shape.c).join('+')));
  }

  private merge(node: LayerNode, name: string, paths: State[], labels: Text[]): { h: RfAxis; w: RfAxis } {
    const square = paths.every((p) => p.h === p.w);
    const axis = (key: 'h' | 'w') => {
      const m = mergeRf(paths.map((p) => p[key]));
      if (!m.jumpsAgree) {
        const jumps = joinText(paths.map((p, i) => txt`${labels[i]!} ${String(p[key].jump)}`));
        this.notes.push(M.jumps(name, node.kind === 'concat', square ? 'HW' : key.toUpperCase(), jumps));
      }
      return m.axis;
    };
    const h = axis('h');
    return { h, w: square ? h : axis('w') };
  }

  private mergeRow(node: LayerNode, name: string, kind: string, level: number, shape: Shape, rf: { h: RfAxis; w: RfAxis }, depth: number, detail: Text): State {
    const activations = shapeSize(shape) * this.batch;
    this.rows.push({
      name, kind, detail, level, where: node.where,
      input: shape, output: shape, params: 0, weights: 0, biases: 0, buffers: 0, macs: 0,
      activations, bytes: activations * FP32_BYTES, rf, depth,
    });
    return { shape, h: rf.h, w: rf.w, depth, from: name };
  }

  private leaf(node: LayerNode, st: State, name: string, level: number): State {
    const fail = failAt(node, name);
    try {
      const g = geometry(node);
      const h = rfStep(st.h, g, 0, this.input.h);
      const w = st.w === st.h && squareGeometry(g) ? h : rfStep(st.w, g, 1, this.input.w);
      const r = this.layer(node, name, st, g, h, w, fail);
      const depth = st.depth + (node.kind === 'conv' || node.kind === 'fc' ? 1 : 0);
      const macs = r.macsPerImage * this.batch;
      const activations = shapeSize(r.out) * this.batch;
      const windowed = node.kind === 'conv' || node.kind === 'maxpool' || node.kind === 'avgpool';
      this.rows.push({
        name, kind: node.kind, detail: r.detail, level, where: node.where, ...(windowed ? { kernel: g.k } : {}), input: st.shape, output: r.out,
        params: r.pc.params, weights: r.pc.weights, biases: r.pc.biases, buffers: r.buffers,
        macs, activations, bytes: activations * FP32_BYTES, rf: { h, w }, depth,
      });
      return { shape: r.out, h, w, depth, from: name };
    } catch (e) {
      if (e instanceof InputError) fail(txt`${e.text}${M.inputFrom(fmtShape(st.shape), st.from)}`);
      throw e;
    }
  }

  private layer(node: LayerNode, name: string, st: State, g: Geometry, h: RfAxis, w: RfAxis, fail: (d: Text) => never): { out: Shape; pc: ParamCount; macsPerImage: number; buffers: number; detail: Text } {
    const a = node.args;
    const inp = st.shape;
    const none: ParamCount = { weights: 0, biases: 0, params: 0 };
    const needMap = () => {
      if (inp.flat) fail(M.needMap(inp.c, st.from));
    };
    const declared = (have: number, what: 'channels' | 'features') => {
      if (typeof a.in === 'number' && a.in !== have) fail(M.declared(a.in, have, what === 'features', fmtShape(inp), st.from));
    };
    const spatial = (c: number): Shape => mapShape(c, h.size!, w.size!);
    switch (node.kind) {
      case 'conv': {
        needMap();
        declared(inp.c, 'channels');
        if (typeof a.out !== 'number') fail(M.convOut);
        const k = a.out as number;
        const groups = typeof a.groups === 'number' ? a.groups : 1;
        const pc = convParams({ fh: g.k[0], fw: g.k[1], c: inp.c, k, groups, bias: a.bias !== false });
        const out = spatial(k);
        return { out, pc, macsPerImage: out.h * out.w * pc.weights, buffers: 0, detail: groups > 1 ? txt`${kernelText(g)} g${groups === inp.c && groups === k ? M.depthwise : String(groups)}` : kernelText(g) };
      }
      case 'maxpool':
      case 'avgpool':
        needMap();
        return { out: spatial(inp.c), pc: none, macsPerImage: 0, buffers: 0, detail: `${kernelText(g)}${g.ceil ? ' ceil' : ''}` };
      case 'adaptiveavgpool':
        needMap();
        return { out: spatial(inp.c), pc: none, macsPerImage: 0, buffers: 0, detail: `→ ${pairText(g.out!)}` };
      case 'gap':
        needMap();
        return { out: mapShape(inp.c, 1, 1), pc: none, macsPerImage: 0, buffers: 0, detail: '→ 1×1' };
      case 'bn': {
        declared(inp.c, inp.flat ? 'features' : 'channels');
        const bn = bnParams(inp.c, a.affine !== false);
        return { out: inp, pc: bn, macsPerImage: 0, buffers: bn.buffers, detail: typeof a.eps === 'number' ? `eps ${a.eps}` : '' };
      }
      case 'flatten':
        return { out: vecShape(shapeSize(inp)), pc: none, macsPerImage: 0, buffers: 0, detail: inp.flat ? '' : `${fmtShape(inp)} → ${shapeSize(inp)}` };
      case 'fc': {
        const inF = shapeSize(inp);
        declared(inF, 'features');
        if (typeof a.out !== 'number') fail(M.fcOut);
        if (!inp.flat) this.notes.push(M.fcFlatten(name, fmtShape(inp), inF));
        const pc = fcParams(inF, a.out as number, a.bias !== false);
        return { out: vecShape(a.out as number), pc, macsPerImage: pc.weights, buffers: 0, detail: `${inF}→${a.out}` };
      }
      case 'dropout':
        return { out: inp, pc: none, macsPerImage: 0, buffers: 0, detail: typeof a.rate === 'number' ? `p=${a.rate}` : '' };
      default:
        return { out: inp, pc: none, macsPerImage: 0, buffers: 0, detail: '' };
    }
  }
}

function failAt(node: LayerNode, name: string): (detail: Text) => never {
  return (detail) => {
    throw new SpecError(node.where, txt`${M.at(name, node.kind)}${detail}`);
  };
}

function squareGeometry(g: Geometry): boolean {
  const same = (p: Pair) => p[0] === p[1];
  return same(g.k) && same(g.s) && same(g.p) && same(g.pr) && same(g.d) && (!g.out || same(g.out));
}

function pairText(p: Pair): string {
  return p[0] === p[1] ? `${p[0]}×${p[0]}` : `${p[0]}×${p[1]}`;
}

function kernelText(g: Geometry): string {
  const one = (p: Pair) => (p[0] === p[1] ? String(p[0]) : `${p[0]},${p[1]}`);
  const pad = g.p[0] === g.pr[0] && g.p[1] === g.pr[1] ? one(g.p) : `${one(g.p)}/${one(g.pr)}`;
  const dil = g.d[0] !== 1 || g.d[1] !== 1 ? ` d${one(g.d)}` : '';
  return `${pairText(g.k)} s${one(g.s)} p${pad}${dil}`;
}

