/**
 * The layer-spec model shared by `dlnotes rf`, `dlnotes summary` and the
 * quiz generators: one table of layer kinds and their keys, one normaliser,
 * and the inline parser ("conv k=3 s=1 p=1; maxpool k=2 s=2"). The YAML
 * reader (spec-yaml.ts) feeds the same normaliser, so both forms accept and
 * reject exactly the same layers. Blocks (seq, residual, concat) hold lists
 * of layers; they are written in YAML (docs/spec-format.md) or built by the
 * model zoo (core/net/zoo), never inline.
 */
import { brandCheck } from './brand';
import { InputError } from './errors';
import { bi, msg, tr, txt, type Text } from './text';

/** The texts of the spec reader, in both languages. */
const M = {
  notBlock: msg((kind: string) => `"${kind}" is not a block; blocks: seq, residual, concat`, (kind) => `"${kind}" 不是块；块有：seq, residual, concat`),
  twoBranches: msg((n: number) => `concat needs at least two branches, got ${n}`, (n) => `concat 至少需要两个分支，收到 ${n} 个`),
  emptyBranch: msg((i: number) => `concat branch ${i} is empty`, (i) => `concat 的第 ${i} 个分支为空`),
  emptyBody: msg((kind: string, seq: boolean) => `${kind} needs a non-empty ${seq ? 'list of layers' : '"body"'}`, (kind, seq) => `${kind} 需要非空的${seq ? '层列表' : ' "body"'}`),
  unknownKind: msg((kind: string, known: string) => `unknown layer kind "${kind}"; known kinds: ${known}`, (kind, known) => `未知的层类型 "${kind}"；已知类型：${known}`),
  blockInline: msg((kind: string) => `${kind} is a block of layers: write it in a YAML spec (--spec net.yaml), see docs/spec-format.md`,
    (kind) => `${kind} 是由多层组成的块：请写在 YAML 规格文件里（--spec net.yaml），见 docs/spec-format.md`),
  noKey: msg((kind: string, key: string, allowed: string) => `${kind} has no key "${key}"; ${allowed ? `allowed: ${allowed}` : 'it takes no keys'}`,
    (kind, key, allowed) => `${kind} 没有键 "${key}"；${allowed ? `允许的键：${allowed}` : '它不接受任何键'}`),
  needsKey: msg((kind: string, key: string, summary: Text) => `${kind} needs "${key}" (${tr(summary, 'en')})`, (kind, key, summary) => `${kind} 需要 "${key}"（${tr(summary, 'zh')}）`),
  mustBe: msg((kind: string, key: string, what: Text, got: string) => `${kind} ${key} must be ${tr(what, 'en')}, got ${got}`,
    (kind, key, what, got) => `${kind} 的 ${key} 必须是${tr(what, 'zh')}，收到 ${got}`),
  posint: bi('a positive integer', '正整数'),
  nonneg: bi('a non-negative integer', '非负整数'),
  pair: bi('a positive integer or [h, w]', '正整数或 [h, w]'),
  nonnegPair: bi('a non-negative integer or [h, w]', '非负整数或 [h, w]'),
  padding: bi("a non-negative integer, [h, w], 'same' or 'valid'", "非负整数、[h, w]、'same' 或 'valid'"),
  bool: bi('true or false', 'true 或 false'),
  rate: bi('a number in [0, 1)', '[0, 1) 内的数'),
  real: bi('a number greater than 0', '大于 0 的数'),
  noLayers: bi('no layers given; e.g. "conv k=3 p=1; maxpool k=2"', '没有给出任何层；例如 "conv k=3 p=1; maxpool k=2"'),
  inlineWhere: msg((label: string, n: number, chunk: string) => `${label} layer ${n} ("${chunk}")`, (label, n, chunk) => `${label} 第 ${n} 层（"${chunk}"）`),
  keyValue: msg((pair: string) => `expected key=value, got "${pair}"`, (pair) => `应为 key=value，收到 "${pair}"`),
  sameStride: bi("padding 'same' needs stride 1 (PyTorch rejects it for strided convolutions)", "padding 'same' 要求步幅为 1（PyTorch 不接受步幅大于 1 的卷积使用它）"),
  blockGeometry: msg((kind: string) => `${kind} is a block of layers and has no single kernel and stride`, (kind) => `${kind} 是由多层组成的块，没有单一的卷积核和步幅`),
  colon: bi(': ', '：'),
};

const unchanged = (what: string): Text => bi(`${what} (no parameters, size unchanged)`, `${what}（无参数，尺寸不变）`);

export type Pair = [number, number];
export type ArgValue = number | Pair | string | boolean;

/**
 * How a key's value is read:
 * posint: integer >= 1; nonneg: integer >= 0; pair: posint or [h, w]; nonneg-pair: nonneg or [h, w];
 * padding: nonneg or [h, w] or 'same'/'valid'; bool; rate: number in [0, 1).
 */
export type ArgType = 'posint' | 'nonneg' | 'pair' | 'nonneg-pair' | 'padding' | 'bool' | 'rate' | 'posint-or-pair' | 'real';

/** The three block kinds: a named group, a residual block (body + shortcut, added), parallel branches (concatenated). */
export type BlockKind = 'seq' | 'residual' | 'concat';

export interface KindDef {
  kind: string;
  aliases: string[];
  args: Record<string, ArgType>;
  /** Keys that must be present. */
  required?: string[];
  /** One line for help texts and messages. */
  summary: Text;
  /** Set for blocks, which hold layers instead of keys. */
  block?: BlockKind;
  /** Keys renamed for this kind only (Dropout's p is its rate, not a padding). */
  keyAliases?: Record<string, string>;
}

/** Long names accepted for keys, as PyTorch spells them. */
export const ARG_ALIASES: Record<string, string> = {
  kernel: 'k', kernel_size: 'k', f: 'k',
  stride: 's', padding: 'p', dilation: 'd',
  out_channels: 'out', out_features: 'out', filters: 'out',
  ceil_mode: 'ceil', output_size: 'out',
  in_channels: 'in', in_features: 'in', num_features: 'in',
};

export const LAYER_KINDS: KindDef[] = [
  { kind: 'conv', aliases: ['conv2d'], args: { out: 'posint', k: 'pair', s: 'pair', p: 'padding', d: 'pair', groups: 'posint', bias: 'bool', in: 'posint' }, required: ['k'], summary: bi('Conv2d: k (kernel), s (stride, 1), p (padding: number, same, valid), d (dilation, 1), out (filters), groups, bias, in (declared input channels, checked)', "Conv2d：k（卷积核）、s（步幅，默认 1）、p（填充：数字、'same' 或 'valid'）、d（膨胀率，默认 1）、out（滤波器个数）、groups、bias、in（声明的输入通道数，会检查）") },
  { kind: 'maxpool', aliases: ['maxpool2d', 'max_pool', 'pool'], args: { k: 'pair', s: 'pair', p: 'nonneg-pair', d: 'pair', ceil: 'bool' }, required: ['k'], summary: bi('MaxPool2d: k, s (defaults to k), p, d, ceil', 'MaxPool2d：k、s（默认等于 k）、p、d、ceil') },
  { kind: 'avgpool', aliases: ['avgpool2d', 'avg_pool'], args: { k: 'pair', s: 'pair', p: 'nonneg-pair', ceil: 'bool' }, required: ['k'], summary: bi('AvgPool2d: k, s (defaults to k), p, ceil', 'AvgPool2d：k、s（默认等于 k）、p、ceil') },
  { kind: 'adaptiveavgpool', aliases: ['adaptiveavgpool2d', 'adaptive_avg_pool', 'adaptive_avg_pool2d', 'adaptive_avgpool'], args: { out: 'posint-or-pair' }, required: ['out'], summary: bi('AdaptiveAvgPool2d: out (output size, n or [h, w]); windows from floor(i·H/out) to ceil((i+1)·H/out)', 'AdaptiveAvgPool2d：out（输出尺寸，n 或 [h, w]）；窗口从 floor(i·H/out) 到 ceil((i+1)·H/out)') },
  { kind: 'gap', aliases: ['globalavgpool', 'global_avg_pool'], args: {}, summary: bi('global average pooling to 1×1', '全局平均池化到 1×1') },
  { kind: 'relu', aliases: [], args: {}, summary: unchanged('ReLU') },
  { kind: 'relu6', aliases: [], args: {}, summary: unchanged('ReLU6 = min(max(0, x), 6)') },
  { kind: 'sigmoid', aliases: [], args: {}, summary: unchanged('Sigmoid') },
  { kind: 'tanh', aliases: [], args: {}, summary: unchanged('Tanh') },
  { kind: 'softmax', aliases: [], args: {}, summary: unchanged('Softmax') },
  { kind: 'bn', aliases: ['batchnorm', 'batchnorm2d', 'batchnorm1d'], args: { in: 'posint', eps: 'real', affine: 'bool' }, summary: bi('BatchNorm (2C parameters γ, β; running mean/var are buffers): in (declared channels, checked), eps, affine', 'BatchNorm（2C 个参数 γ、β；running_mean/running_var 是缓冲区）：in（声明的通道数，会检查）、eps、affine') },
  { kind: 'dropout', aliases: [], args: { rate: 'rate' }, keyAliases: { p: 'rate' }, summary: bi('Dropout: rate (or p) (size unchanged)', 'Dropout：rate（或 p）（尺寸不变）') },
  { kind: 'flatten', aliases: [], args: {}, summary: bi('Flatten C×H×W to a vector', 'Flatten：把 C×H×W 展平成向量') },
  { kind: 'fc', aliases: ['linear', 'dense'], args: { out: 'posint', bias: 'bool', in: 'posint' }, summary: bi('Linear: out (features), bias, in (declared input features, checked); sees the whole input', 'Linear：out（特征数）、bias、in（声明的输入特征数，会检查）；看到整个输入') },
  { kind: 'seq', aliases: ['sequential', 'block', 'group'], args: {}, block: 'seq', summary: bi('a named group of layers: seq: [layers...]', '命名的一组层：seq: [layers...]') },
  { kind: 'residual', aliases: ['res', 'residual_block'], args: {}, block: 'residual', summary: bi('residual block: body + shortcut (identity or a projection), added, then post: {body: [...], shortcut: [...], post: [...]}', '残差块：body 与 shortcut（恒等或投影）相加，然后经过 post：{body: [...], shortcut: [...], post: [...]}') },
  { kind: 'concat', aliases: ['branches', 'inception', 'parallel'], args: {}, block: 'concat', summary: bi('parallel branches concatenated along channels: concat: [[layers...], [layers...]]', '沿通道拼接的并行分支：concat: [[layers...], [layers...]]') },
];

export interface LayerNode {
  kind: string;
  args: Record<string, ArgValue>;
  name?: string;
  /** Where the layer was written: "net.yaml:4:5" or "--layers layer 2". */
  where: Text;
  /** seq: its layers; residual: the main path whose output is added to the shortcut's. */
  body?: LayerNode[];
  /** residual: the shortcut path; empty or absent means identity. */
  shortcut?: LayerNode[];
  /** residual: layers applied after the add (the ReLU of a ResNet block). */
  post?: LayerNode[];
  /** concat: one list of layers per branch, outputs concatenated along channels. */
  branches?: LayerNode[][];
}

export interface NetSpec {
  /** [C, H, W]. */
  input?: [number, number, number];
  layers: LayerNode[];
  /** The network's name (a zoo model, or `name:` in a spec file). */
  name?: string;
}

/** A malformed spec; `where` is a file:line:col or the layer's position. */
const SPEC: unique symbol = Symbol.for('dlnotes.SpecError');

export class SpecError extends Error {
  readonly [SPEC] = true;
  /** "where: detail" in both languages (`message` is the English one). */
  readonly text: Text;
  static override [Symbol.hasInstance](x: unknown): boolean {
    return brandCheck(SpecError, this, SPEC, x);
  }
  constructor(readonly where: Text, readonly detail: Text) {
    super(`${tr(where, 'en')}: ${tr(detail, 'en')}`);
    // A file position reads like a compiler's in both languages (file:3:38: ...), as the check report writes it.
    const sep = typeof where === 'string' && /:\d+:\d+$/.test(where) ? ': ' : M.colon;
    this.text = txt`${where}${sep}${detail}`;
    this.name = 'SpecError';
  }
}

export function findKind(name: string): KindDef | undefined {
  const n = name.toLowerCase().replace(/-/g, '_');
  return LAYER_KINDS.find((k) => k.kind === n || k.aliases.includes(n));
}

export function kindNames(): string {
  return LAYER_KINDS.map((k) => k.kind).join(', ');
}

/** Whether a node is a block (seq, residual, concat) rather than a single layer. */
export function isBlock(node: LayerNode): boolean {
  return node.kind === 'seq' || node.kind === 'residual' || node.kind === 'concat';
}

export interface BlockParts {
  body?: LayerNode[];
  shortcut?: LayerNode[];
  post?: LayerNode[];
  branches?: LayerNode[][];
}

/**
 * Builds a block node, checking that it has the parts its kind needs:
 * seq and residual need a non-empty body, concat at least two branches.
 */
export function blockNode(rawKind: string, parts: BlockParts, where: Text, name?: string): LayerNode {
  const def = findKind(rawKind);
  if (!def?.block) throw new SpecError(where, M.notBlock(rawKind));
  const node: LayerNode = { kind: def.kind, args: {}, where, ...(name !== undefined ? { name } : {}) };
  if (def.block === 'concat') {
    const branches = parts.branches ?? [];
    if (branches.length < 2) throw new SpecError(where, M.twoBranches(branches.length));
    branches.forEach((b, i) => {
      if (b.length === 0) throw new SpecError(where, M.emptyBranch(i + 1));
    });
    node.branches = branches;
    return node;
  }
  if (!parts.body || parts.body.length === 0) throw new SpecError(where, M.emptyBody(def.kind, def.block === 'seq'));
  node.body = parts.body;
  if (def.block === 'residual') {
    node.shortcut = parts.shortcut ?? [];
    node.post = parts.post ?? [];
  }
  return node;
}

/**
 * Validates one layer's kind and keys and converts values to their types.
 * `whereOf(key)` gives a precise position for a bad key when the reader knows one.
 */
export function normaliseLayer(
  rawKind: string,
  rawArgs: Record<string, unknown>,
  where: Text,
  whereOf: (key: string) => Text = () => where,
  name?: string,
): LayerNode {
  const def = findKind(rawKind);
  if (!def) throw new SpecError(where, M.unknownKind(rawKind, kindNames()));
  if (def.block) throw new SpecError(where, M.blockInline(def.kind));
  const args: Record<string, ArgValue> = {};
  for (const [rawKey, raw] of Object.entries(rawArgs)) {
    const key = def.keyAliases?.[rawKey] ?? ARG_ALIASES[rawKey] ?? rawKey;
    const type = def.args[key];
    if (!type) {
      const allowed = Object.keys(def.args);
      throw new SpecError(whereOf(rawKey), M.noKey(def.kind, rawKey, allowed.join(', ')));
    }
    args[key] = readArg(def.kind, rawKey, type, raw, whereOf(rawKey));
  }
  for (const key of def.required ?? []) {
    if (!(key in args)) throw new SpecError(where, M.needsKey(def.kind, key, def.summary));
  }
  return { kind: def.kind, args, where, ...(name !== undefined ? { name } : {}) };
}

function readArg(kind: string, key: string, type: ArgType, raw: unknown, where: Text): ArgValue {
  const fail = (what: Text): never => {
    throw new SpecError(where, M.mustBe(kind, key, what, JSON.stringify(raw)));
  };
  const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && /^[+-]?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN);
  const int = (v: unknown, min: number): number | null => {
    const n = num(v);
    return Number.isInteger(n) && n >= min ? n : null;
  };
  const pair = (v: unknown, min: number): Pair | null => {
    if (Array.isArray(v) && v.length === 2) {
      const a = int(v[0], min);
      const b = int(v[1], min);
      return a !== null && b !== null ? [a, b] : null;
    }
    if (typeof v === 'string' && /^\d+\s*[x×,]\s*\d+$/.test(v.trim())) return pair(v.split(/[x×,]/), min);
    const n = int(v, min);
    return n !== null ? [n, n] : null;
  };
  switch (type) {
    case 'posint': return int(raw, 1) ?? fail(M.posint);
    case 'nonneg': return int(raw, 0) ?? fail(M.nonneg);
    case 'pair': return pair(raw, 1) ?? fail(M.pair);
    case 'posint-or-pair': return pair(raw, 1) ?? fail(M.pair);
    case 'nonneg-pair': return pair(raw, 0) ?? fail(M.nonnegPair);
    case 'padding':
      if (raw === 'same' || raw === 'valid') return raw;
      return (key === 'p' || key === 'padding' ? pair(raw, 0) : null) ?? fail(M.padding);
    case 'bool':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === 'false') return raw === 'true';
      return fail(M.bool);
    case 'rate': {
      const n = num(raw);
      return n >= 0 && n < 1 ? n : fail(M.rate);
    }
    case 'real': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d*\.?\d+([eE][+-]?\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
      return n > 0 ? n : fail(M.real);
    }
  }
}

/**
 * Parses the inline form: layers separated by ";" or newlines, each a kind
 * followed by key=value pairs ("conv k=3 s=1 p=1; maxpool k=2 s=2").
 * Pairs may be written 3x5.
 */
export function parseInlineLayers(text: string, label = '--layers'): LayerNode[] {
  const chunks = text.split(/[;\n]/).map((c) => c.trim());
  if (chunks.every((c) => c === '')) throw new SpecError(label, M.noLayers);
  const layers: LayerNode[] = [];
  for (const chunk of chunks) {
    if (chunk === '') continue;
    const where = M.inlineWhere(label, layers.length + 1, chunk);
    const [kind, ...pairs] = chunk.split(/\s+/);
    const args: Record<string, unknown> = {};
    let name: string | undefined;
    for (const pair of pairs) {
      const m = /^([A-Za-z_]+)=(.+)$/.exec(pair);
      if (!m) throw new SpecError(where, M.keyValue(pair));
      if (m[1] === 'name') name = m[2];
      else args[m[1]!] = m[2];
    }
    layers.push(normaliseLayer(kind!, args, where, undefined, name));
  }
  return layers;
}

/** Spatial geometry of a layer along both axes; `global` layers (fc, gap) see the whole input. */
export interface Geometry {
  k: Pair;
  s: Pair;
  /** Leading padding per axis. */
  p: Pair;
  /** Trailing padding per axis (differs from p only for padding='same' with an even kernel). */
  pr: Pair;
  d: Pair;
  ceil: boolean;
  global: boolean;
  /** 'conv' sizes with convOutSize, 'pool' with poolOutSize, 'adaptive' to `out`, 'none' keeps the size. */
  sizing: 'conv' | 'pool' | 'none' | 'global' | 'adaptive';
  /** Output size of an adaptive pool, per axis. */
  out?: Pair;
}

const ONE: Pair = [1, 1];
const ZERO: Pair = [0, 0];

function pairOf(v: ArgValue | undefined, dflt: Pair): Pair {
  return Array.isArray(v) ? v : typeof v === 'number' ? [v, v] : dflt;
}

/** Shape-keeping layers (ReLU, BN, dropout, flatten, ...) all share one geometry object; never mutate it. */
const KEEP: Geometry = { k: ONE, s: ONE, p: ZERO, pr: ZERO, d: ONE, ceil: false, global: false, sizing: 'none' };

export function geometry(node: LayerNode): Geometry {
  const a = node.args;
  switch (node.kind) {
    case 'conv': {
      const k = pairOf(a.k, ONE);
      const s = pairOf(a.s, ONE);
      const d = pairOf(a.d, ONE);
      let p = pairOf(a.p, ZERO);
      let pr = p;
      if (a.p === 'same') {
        if (s[0] !== 1 || s[1] !== 1) throw new SpecError(node.where, M.sameStride);
        const tot: Pair = [d[0] * (k[0] - 1), d[1] * (k[1] - 1)];
        p = [Math.floor(tot[0] / 2), Math.floor(tot[1] / 2)];
        pr = [tot[0] - p[0], tot[1] - p[1]];
      }
      return { k, s, p, pr, d, ceil: false, global: false, sizing: 'conv' };
    }
    case 'maxpool':
    case 'avgpool': {
      const k = pairOf(a.k, ONE);
      const p = pairOf(a.p, ZERO);
      return { k, s: pairOf(a.s, k), p, pr: p, d: pairOf(a.d, ONE), ceil: a.ceil === true, global: false, sizing: 'pool' };
    }
    case 'fc':
    case 'gap':
      return { k: ONE, s: ONE, p: ZERO, pr: ZERO, d: ONE, ceil: false, global: true, sizing: 'global' };
    case 'adaptiveavgpool':
      // The windows depend on the input size: the receptive-field code resolves them (core/rf.ts).
      return { k: ONE, s: ONE, p: ZERO, pr: ZERO, d: ONE, ceil: false, global: false, sizing: 'adaptive', out: pairOf(a.out, ONE) };
    case 'seq':
    case 'residual':
    case 'concat':
      throw new SpecError(node.where, M.blockGeometry(node.kind));
    default:
      return KEEP;
  }
}

/** Maps a core InputError raised for a layer to a SpecError at that layer. */
export function atLayer<T>(node: LayerNode, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) throw new SpecError(node.where, node.name ? txt`${node.name}${M.colon}${e.text}` : e.text);
    throw e;
  }
}
