/**
 * The layer-spec model shared by `dlnotes rf`, `dlnotes summary` and the
 * quiz generators: one table of layer kinds and their keys, one normaliser,
 * and the inline parser ("conv k=3 s=1 p=1; maxpool k=2 s=2"). The YAML
 * reader (spec-yaml.ts) feeds the same normaliser, so both forms accept and
 * reject exactly the same layers.
 */
import { InputError } from './errors';

export type Pair = [number, number];
export type ArgValue = number | Pair | string | boolean;

/**
 * How a key's value is read:
 * posint: integer >= 1; nonneg: integer >= 0; pair: posint or [h, w]; pad-pair: nonneg or [h, w];
 * padding: nonneg or [h, w] or 'same'/'valid'; bool; rate: number in [0, 1).
 */
export type ArgType = 'posint' | 'nonneg' | 'pair' | 'pad-pair' | 'padding' | 'bool' | 'rate' | 'posint-or-pair';

export interface KindDef {
  kind: string;
  aliases: string[];
  args: Record<string, ArgType>;
  /** Keys that must be present. */
  required?: string[];
  /** One line for help texts. */
  summary: string;
}

/** Long names accepted for keys, as PyTorch spells them. */
export const ARG_ALIASES: Record<string, string> = {
  kernel: 'k', kernel_size: 'k', f: 'k',
  stride: 's', padding: 'p', dilation: 'd',
  out_channels: 'out', out_features: 'out', filters: 'out',
  ceil_mode: 'ceil', output_size: 'out',
};

export const LAYER_KINDS: KindDef[] = [
  { kind: 'conv', aliases: ['conv2d'], args: { out: 'posint', k: 'pair', s: 'pair', p: 'padding', d: 'pair', groups: 'posint', bias: 'bool' }, required: ['k'], summary: 'Conv2d: k (kernel), s (stride, 1), p (padding: number, same, valid), d (dilation, 1), out (filters), groups, bias' },
  { kind: 'maxpool', aliases: ['maxpool2d', 'max_pool', 'pool'], args: { k: 'pair', s: 'pair', p: 'pad-pair', d: 'pair', ceil: 'bool' }, required: ['k'], summary: 'MaxPool2d: k, s (defaults to k), p, d, ceil' },
  { kind: 'avgpool', aliases: ['avgpool2d', 'avg_pool'], args: { k: 'pair', s: 'pair', p: 'pad-pair', ceil: 'bool' }, required: ['k'], summary: 'AvgPool2d: k, s (defaults to k), p, ceil' },
  { kind: 'gap', aliases: ['globalavgpool', 'global_avg_pool'], args: {}, summary: 'global average pooling to 1×1' },
  { kind: 'relu', aliases: [], args: {}, summary: 'ReLU (no parameters, size unchanged)' },
  { kind: 'bn', aliases: ['batchnorm', 'batchnorm2d'], args: {}, summary: 'BatchNorm2d (2C parameters, size unchanged)' },
  { kind: 'dropout', aliases: [], args: { rate: 'rate' }, summary: 'Dropout: rate (size unchanged)' },
  { kind: 'flatten', aliases: [], args: {}, summary: 'Flatten C×H×W to a vector' },
  { kind: 'fc', aliases: ['linear', 'dense'], args: { out: 'posint', bias: 'bool' }, summary: 'Linear: out (features), bias; sees the whole input' },
];

export interface LayerNode {
  kind: string;
  args: Record<string, ArgValue>;
  name?: string;
  /** Where the layer was written: "net.yaml:4:5" or "--layers layer 2". */
  where: string;
}

export interface NetSpec {
  /** [C, H, W]. */
  input?: [number, number, number];
  layers: LayerNode[];
}

/** A malformed spec; `where` is a file:line:col or the layer's position. */
export class SpecError extends Error {
  constructor(readonly where: string, readonly detail: string) {
    super(`${where}: ${detail}`);
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

/**
 * Validates one layer's kind and keys and converts values to their types.
 * `whereOf(key)` gives a precise position for a bad key when the reader knows one.
 */
export function normaliseLayer(
  rawKind: string,
  rawArgs: Record<string, unknown>,
  where: string,
  whereOf: (key: string) => string = () => where,
  name?: string,
): LayerNode {
  const def = findKind(rawKind);
  if (!def) throw new SpecError(where, `unknown layer kind "${rawKind}"; known kinds: ${kindNames()}`);
  const args: Record<string, ArgValue> = {};
  for (const [rawKey, raw] of Object.entries(rawArgs)) {
    const key = ARG_ALIASES[rawKey] ?? rawKey;
    const type = def.args[key];
    if (!type) {
      const allowed = Object.keys(def.args);
      throw new SpecError(whereOf(rawKey), `${def.kind} has no key "${rawKey}"; ${allowed.length ? `allowed: ${allowed.join(', ')}` : 'it takes no keys'}`);
    }
    args[key] = readArg(def.kind, rawKey, type, raw, whereOf(rawKey));
  }
  for (const key of def.required ?? []) {
    if (!(key in args)) throw new SpecError(where, `${def.kind} needs "${key}" (${def.summary})`);
  }
  return { kind: def.kind, args, where, ...(name !== undefined ? { name } : {}) };
}

function readArg(kind: string, key: string, type: ArgType, raw: unknown, where: string): ArgValue {
  const fail = (what: string): never => {
    throw new SpecError(where, `${kind} ${key} must be ${what}, got ${JSON.stringify(raw)}`);
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
    case 'posint': return int(raw, 1) ?? fail('a positive integer');
    case 'nonneg': return int(raw, 0) ?? fail('a non-negative integer');
    case 'pair': return pair(raw, 1) ?? fail('a positive integer or [h, w]');
    case 'posint-or-pair': return pair(raw, 1) ?? fail('a positive integer or [h, w]');
    case 'pad-pair': return pair(raw, 0) ?? fail('a non-negative integer or [h, w]');
    case 'padding':
      if (raw === 'same' || raw === 'valid') return raw;
      return (key === 'p' || key === 'padding' ? pair(raw, 0) : null) ?? fail("a non-negative integer, [h, w], 'same' or 'valid'");
    case 'bool':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === 'false') return raw === 'true';
      return fail('true or false');
    case 'rate': {
      const n = num(raw);
      return n >= 0 && n < 1 ? n : fail('a number in [0, 1)');
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
  if (chunks.every((c) => c === '')) throw new SpecError(label, 'no layers given; e.g. "conv k=3 p=1; maxpool k=2"');
  const layers: LayerNode[] = [];
  for (const chunk of chunks) {
    if (chunk === '') continue;
    const where = `${label} layer ${layers.length + 1} ("${chunk}")`;
    const [kind, ...pairs] = chunk.split(/\s+/);
    const args: Record<string, unknown> = {};
    let name: string | undefined;
    for (const pair of pairs) {
      const m = /^([A-Za-z_]+)=(.+)$/.exec(pair);
      if (!m) throw new SpecError(where, `expected key=value, got "${pair}"`);
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
  /** 'conv' sizes with convOutSize, 'pool' with poolOutSize, 'none' keeps the size. */
  sizing: 'conv' | 'pool' | 'none' | 'global';
}

const ONE: Pair = [1, 1];
const ZERO: Pair = [0, 0];

export function geometry(node: LayerNode): Geometry {
  const a = node.args;
  const pairOf = (v: ArgValue | undefined, dflt: Pair): Pair => (Array.isArray(v) ? v : typeof v === 'number' ? [v, v] : dflt);
  switch (node.kind) {
    case 'conv': {
      const k = pairOf(a.k, ONE);
      const s = pairOf(a.s, ONE);
      const d = pairOf(a.d, ONE);
      let p = pairOf(a.p, ZERO);
      let pr = p;
      if (a.p === 'same') {
        if (s[0] !== 1 || s[1] !== 1) throw new SpecError(node.where, "padding 'same' needs stride 1 (PyTorch rejects it for strided convolutions)");
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
    default:
      return { k: ONE, s: ONE, p: ZERO, pr: ZERO, d: ONE, ceil: false, global: false, sizing: 'none' };
  }
}

/** Maps a core InputError raised for a layer to a SpecError at that layer. */
export function atLayer<T>(node: LayerNode, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) throw new SpecError(node.where, `${node.name ? `${node.name}: ` : ''}${e.message}`);
    throw e;
  }
}
