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
import { SEQ_KINDS } from '../spec-seq';
import { seqLayer } from './sequence';
import { fmtShape, idsShape, mapShape, sameShape, seqShape, shapeSize, vecShape, type Shape } from './shape';
import { featureRf, totals } from './totals';
import { FP32_BYTES, type NetBlock, type NetRow, type NetSummary, type SummaryOptions } from './types';

export type { NetBlock, NetRow, NetSummary, NetTotals, SummaryOptions } from './types';

interface State {
  shape: Shape;
  h: RfAxis;
  w: RfAxis;
  depth: number;
  /** Name of the layer that produced this tensor, for error messages. */
  from: string;
}

/** Summarises a network for one input size and batch. Malformed specs throw SpecError at the layer. */
export function summarise(spec: NetSpec, opts: SummaryOptions = {}): NetSummary {
  const batch = opts.batch ?? 1;
  if (!(Number.isInteger(batch) && batch >= 1)) throw new InputError('batch', `batch must be a positive integer, got ${batch}`);
  // A sequence model reads T token ids or T×D vectors; an image model C×H×W.
  const seqIn = opts.sequence ?? (opts.input ? undefined : spec.sequence);
  const inputDims = seqIn ? undefined : opts.input ?? spec.input;
  if (!seqIn && !inputDims) throw new InputError('input', 'the spec has no input size: add "input: [C, H, W]" (or "input: {tokens: T}") or give --input 3x224x224');
  const input = seqIn ? (seqIn.features !== undefined ? seqShape(seqIn.length, seqIn.features) : idsShape(seqIn.length)) : mapShape(...inputDims!);
  const walker = new Walker(batch, input);
  const h: RfAxis = { rf: 1, jump: 1, start: 0, padding: 0, size: input.h };
  // A square input shares one axis object for H and W until a layer treats them differently (axes are never mutated).
  const start: State = { shape: input, h, w: input.h === input.w ? h : { ...h, size: input.w }, depth: 0, from: 'the input' };
  if (spec.layers.length === 0) throw new SpecError(spec.name ?? 'spec', 'the network has no layers');
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
  readonly notes: string[] = [];
  private readonly seen = new Map<string, string>();
  /** The encoder output's length while walking an encoder_decoder's decoder. */
  private memory: number | undefined;
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
    if (earlier !== undefined) throw new SpecError(node.where, `the name "${name}" is used twice (first at ${earlier}); layer names must be unique`);
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
    if (node.kind === 'encoder_decoder') {
      const [encoder, decoder] = node.branches ?? [[], []];
      // Named as nn.Transformer's state_dict: transformer.encoder.layers.0, transformer.decoder.norm.
      const enc = this.path(encoder!, st, `${name}.encoder`, inner, '');
      // The decoder reads its own T' tokens (the target), shaped like the source.
      const target = typeof node.args.target === 'number' ? node.args.target : st.shape.h;
      const start: State = { ...st, shape: st.shape.ids ? idsShape(target) : { ...st.shape, h: target }, from: `${name} (target)` };
      const outer = this.memory;
      this.memory = enc.shape.h;
      const dec = this.path(decoder!, start, `${name}.decoder`, inner, '');
      this.memory = outer;
      // Encoder and decoder lie in series on the longest path.
      return { ...dec, depth: enc.depth + dec.depth - st.depth };
    }
    if (node.kind === 'residual') {
      const body = node.body ?? [];
      const post = node.post ?? [];
      const names = layerNames([...body, ...post]);
      const main = this.path(body, st, name, inner, '', names.slice(0, body.length));
      const short = node.shortcut?.length ? this.path(node.shortcut, st, name, inner, 'shortcut') : st;
      if (!sameShape(main.shape, short.shape)) {
        const how = node.shortcut?.length ? 'the shortcut' : 'the identity shortcut';
        const fix = node.shortcut?.length ? '' : `; use a projection shortcut, e.g. shortcut: [conv: {out: ${main.shape.c}, k: 1, s: ${Math.max(1, Math.round(st.shape.h / main.shape.h))}, bias: false}, bn]`;
        throw new SpecError(node.where, `${name} (residual): the add needs equal shapes, but the body gives ${fmtShape(main.shape)} and ${how} gives ${fmtShape(short.shape)}${fix}`);
      }
      const merged = this.merge(node, name, [main, short], ['body', node.shortcut?.length ? 'shortcut' : 'identity']);
      const added = this.mergeRow(node, `${name}.add`, 'add', inner, main.shape, merged, Math.max(main.depth, short.depth), node.shortcut?.length ? 'body + shortcut' : 'body + identity');
      return this.path(post, added, name, inner, '', names.slice(body.length));
    }
    const outs = (node.branches ?? []).map((b, i) => this.path(b, st, name, inner, `b${i + 1}`));
    outs.forEach((o, i) => {
      if (o.shape.flat) throw new SpecError(node.where, `${name} (concat): branch ${i + 1} ends in a flat vector (${fmtShape(o.shape)}); concatenation along channels needs C×H×W maps`);
      if (o.shape.h !== outs[0]!.shape.h || o.shape.w !== outs[0]!.shape.w) {
        throw new SpecError(node.where, `${name} (concat): branch ${i + 1} gives ${o.shape.h}×${o.shape.w} but branch 1 gives ${outs[0]!.shape.h}×${outs[0]!.shape.w}; concatenation along channels needs the same H×W in every branch`);
      }
    });
    const shape = mapShape(outs.reduce((c, o) => c + o.shape.c, 0), outs[0]!.shape.h, outs[0]!.shape.w);
    const merged = this.merge(node, name, outs, outs.map((_, i) => `branch ${i + 1}`));
    return this.mergeRow(node, `${name}.cat`, 'concat', inner, shape, merged, Math.max(...outs.map((o) => o.depth)), `${outs.map((o) => o.shape.c).join('+')} channels`);
  }

  private merge(node: LayerNode, name: string, paths: State[], labels: string[]): { h: RfAxis; w: RfAxis } {
    const square = paths.every((p) => p.h === p.w);
    const axis = (key: 'h' | 'w') => {
      const m = mergeRf(paths.map((p) => p[key]));
      if (!m.jumpsAgree) {
        this.notes.push(`${name}: its paths reach the ${node.kind === 'concat' ? 'concatenation' : 'add'} with different jumps along ${square ? 'H and W' : key.toUpperCase()} (${paths.map((p, i) => `${labels[i]} ${p[key].jump}`).join(', ')}): their units sit on different grids; the rf shown covers what every path sees, the jump is the widest path's`);
      }
      return m.axis;
    };
    const h = axis('h');
    return { h, w: square ? h : axis('w') };
  }

  private mergeRow(node: LayerNode, name: string, kind: string, level: number, shape: Shape, rf: { h: RfAxis; w: RfAxis }, depth: number, detail: string): State {
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
      // A sequence has no height and width to slide a window over.
      if (st.shape.seq && (g.sizing === 'conv' || g.sizing === 'pool' || g.sizing === 'adaptive')) fail(`needs a C×H×W input, but it gets a sequence ${fmtShape(st.shape)} (from ${st.from})`);
      const h = rfStep(st.h, g, 0, this.input.h);
      const w = st.w === st.h && squareGeometry(g) ? h : rfStep(st.w, g, 1, this.input.w);
      const r = this.layer(node, name, st, g, h, w, fail);
      const depth = st.depth + (node.kind === 'conv' || node.kind === 'fc' ? 1 : r.depth ?? 0);
      const macs = r.macsPerImage * this.batch;
      const activations = shapeSize(r.out) * this.batch;
      const windowed = node.kind === 'conv' || node.kind === 'maxpool' || node.kind === 'avgpool';
      this.rows.push({
        name, kind: node.kind, detail: r.detail, level, where: node.where, ...(windowed ? { kernel: g.k } : {}), input: st.shape, output: r.out,
        params: r.pc.params, weights: r.pc.weights, biases: r.pc.biases, buffers: r.buffers,
        macs, activations, bytes: activations * FP32_BYTES, rf: { h, w }, depth,
        ...(r.attention ? { attention: r.attention * this.batch } : {}),
        ...(r.depth !== undefined && r.depth > 1 ? { stack: r.depth } : {}),
      });
      return { shape: r.out, h, w, depth, from: name };
    } catch (e) {
      if (e instanceof InputError) fail(`${e.message} (its input is ${fmtShape(st.shape)}, from ${st.from})`);
      throw e;
    }
  }

  private layer(node: LayerNode, name: string, st: State, g: Geometry, h: RfAxis, w: RfAxis, fail: (d: string) => never): { out: Shape; pc: ParamCount; macsPerImage: number; buffers: number; detail: string; attention?: number; depth?: number } {
    const a = node.args;
    const inp = st.shape;
    const none: ParamCount = { weights: 0, biases: 0, params: 0 };
    const needMap = () => {
      if (inp.flat) fail(`needs a C×H×W input, but it gets a flat vector of ${inp.c} (from ${st.from})`);
      if (inp.seq) fail(`needs a C×H×W input, but it gets a sequence ${fmtShape(inp)} (from ${st.from})`);
    };
    if (SEQ_KINDS.has(node.kind)) {
      const r = seqLayer(node, inp, { ...(this.memory !== undefined ? { memory: this.memory } : {}), fail: (d) => fail(`${d} (from ${st.from})`) });
      return { out: r.out, pc: r.pc, macsPerImage: r.macs, buffers: 0, detail: r.detail, attention: r.attention, depth: r.depth };
    }
    const declared = (have: number, what: string) => {
      if (typeof a.in === 'number' && a.in !== have) fail(`declares in: ${a.in} but receives ${have} ${what} (${fmtShape(inp)} from ${st.from})`);
    };
    const spatial = (c: number): Shape => mapShape(c, h.size!, w.size!);
    switch (node.kind) {
      case 'conv': {
        needMap();
        declared(inp.c, 'channels');
        if (typeof a.out !== 'number') fail('needs "out" (the number of filters) for a summary');
        const k = a.out as number;
        const groups = typeof a.groups === 'number' ? a.groups : 1;
        const pc = convParams({ fh: g.k[0], fw: g.k[1], c: inp.c, k, groups, bias: a.bias !== false });
        const out = spatial(k);
        return { out, pc, macsPerImage: out.h * out.w * pc.weights, buffers: 0, detail: `${kernelText(g)}${groups > 1 ? ` g${groups === inp.c && groups === k ? '=C (depthwise)' : groups}` : ''}` };
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
        if (inp.seq) {
          // nn.Linear acts on the last dimension: the same D→out map at every position.
          if (inp.ids) fail('needs vectors, but it gets token ids: put an embedding first');
          declared(inp.c, 'features');
          if (typeof a.out !== 'number') fail('needs "out" (the number of output features) for a summary');
          const pc = a.tied === true ? none : fcParams(inp.c, a.out as number, a.bias !== false);
          return { out: seqShape(inp.h, a.out as number), pc, macsPerImage: inp.h * inp.c * (a.out as number), buffers: 0, detail: `${inp.c}→${a.out} ×${inp.h}${a.tied === true ? ' tied' : ''}` };
        }
        const inF = shapeSize(inp);
        declared(inF, 'features');
        if (typeof a.out !== 'number') fail('needs "out" (the number of output features) for a summary');
        if (!inp.flat) this.notes.push(`${name} (fc) takes the ${fmtShape(inp)} volume as a vector of ${inF} (PyTorch needs an explicit flatten before nn.Linear)`);
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

function failAt(node: LayerNode, name: string): (detail: string) => never {
  return (detail) => {
    throw new SpecError(node.where, `${name} (${node.kind}): ${detail}`);
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

