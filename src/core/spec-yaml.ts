/**
 * Reads a network spec from YAML text, reporting every problem as
 * file:line:col. YAML is data only here: no tags, no code.
 *
 *   input: [3, 224, 224]
 *   layers:
 *     - conv: {out: 64, k: 3, p: 1}
 *     - relu
 *     - {maxpool: {k: 2, s: 2}, name: pool1}
 *     - residual: {body: [conv: {out: 64, k: 3, p: 1}, bn, relu], post: [relu]}
 *       repeat: 2
 *     - concat: [[conv: {out: 32, k: 1}], [maxpool: {k: 3, s: 1, p: 1}, conv: {out: 32, k: 1}]]
 *
 * The full format is in docs/spec-format.md.
 */
import { blockNode, findKind, normaliseLayer, SpecError, type BlockParts, type LayerNode, type NetSpec, type SeqInput } from './spec';
import { isMap, isScalar, isSeq, readYaml, type Node, type YAMLMap, type YamlReader } from './yaml';

/** Positions of a YAML file's nodes as "file:line:col". */
export class YamlPositions {
  constructor(private readonly reader: YamlReader) {}
  /** "file:line:col" of a node (or of the file start when the node has no range). */
  at(node: unknown): string {
    const [line, col] = this.reader.pos(node);
    return `${this.reader.file}:${line}:${col}`;
  }
}

/**
 * Parses YAML text with the one YAML reader (core/yaml.ts: data only, no
 * tags or aliases), throwing SpecError at the first problem.
 */
export function parseYamlDocument(text: string, file: string): { root: Node | null; pos: YamlPositions } {
  const { root, reader } = readYaml(text, file);
  const first = reader.problems[0];
  if (first) throw new SpecError(`${first.file}:${first.line}:${first.col}`, first.message);
  return { root, pos: new YamlPositions(reader) };
}

export function parseSpecYaml(text: string, file: string): NetSpec {
  const { root, pos } = parseYamlDocument(text, file);
  if (!isMap(root)) throw new SpecError(pos.at(root), 'a spec is a mapping with "layers" (and optionally "input: [C, H, W]" or "input: {tokens: T}")');
  for (const item of root.items) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    if (!['input', 'layers', 'name'].includes(key)) {
      throw new SpecError(pos.at(item.key), `unknown top-level key "${key}"; allowed: input, layers, name`);
    }
  }
  const spec: NetSpec = { layers: [] };
  const nameNode = root.get('name', true) as Node | undefined;
  if (nameNode !== undefined) spec.name = isScalar(nameNode) ? String(nameNode.value) : '';
  const input = root.get('input', true) as Node | undefined;
  if (isMap(input)) spec.sequence = readSeqInput(input, pos);
  else if (input !== undefined) spec.input = readInput(input, pos);
  const layers = root.get('layers', true) as Node | undefined;
  if (!isSeq(layers)) throw new SpecError(pos.at(layers ?? root), '"layers" must be a list of layers');
  spec.layers = readLayerList(layers.items as Node[], pos);
  if (spec.layers.length === 0) throw new SpecError(pos.at(layers), '"layers" is empty');
  return spec;
}

function readInput(node: Node, pos: YamlPositions): [number, number, number] {
  const vals = isSeq(node) ? node.items.map((i) => (isScalar(i) ? i.value : undefined)) : [];
  if (vals.length !== 3 || !vals.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 1)) {
    throw new SpecError(pos.at(node), 'input must be [C, H, W] with positive integers, e.g. [3, 224, 224]');
  }
  return vals as [number, number, number];
}

const SEQ_INPUT_KEYS = ['tokens', 'length', 'features'];

/** `input: {tokens: 35}` (token ids) or `input: {length: 35, features: 650}` (a T×D sequence). */
function readSeqInput(node: YAMLMap, pos: YamlPositions): SeqInput {
  const vals: Record<string, unknown> = {};
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!SEQ_INPUT_KEYS.includes(key)) throw new SpecError(pos.at(pair.key), `a sequence input has no key "${key}"; write {tokens: T} or {length: T, features: D}`);
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new SpecError(pos.at(pair.value ?? pair.key), `${key} must be a positive integer, got ${JSON.stringify(v ?? null)}`);
    vals[key] = v;
  }
  const length = (vals.tokens ?? vals.length) as number | undefined;
  if (length === undefined || (vals.tokens !== undefined && vals.length !== undefined)) throw new SpecError(pos.at(node), 'a sequence input is {tokens: T} (token ids) or {length: T, features: D}');
  if (vals.tokens !== undefined && vals.features !== undefined) throw new SpecError(pos.at(node), 'token ids have no features: write {tokens: T}, or {length: T, features: D} for vectors');
  if (vals.length !== undefined && vals.features === undefined) throw new SpecError(pos.at(node), '{length: T} needs features: D (or write {tokens: T} for token ids)');
  return { length, ...(vals.features !== undefined ? { features: vals.features as number } : {}) };
}

/** Reads a YAML list of layers (blocks included; `repeat: n` expands in place). */
export function readLayerList(items: Node[], pos: YamlPositions): LayerNode[] {
  return items.flatMap((item) => readItem(item, pos));
}

const ITEM_KEYS = ['name', 'repeat'];
const MAX_REPEAT = 1000;

function readItem(item: Node, pos: YamlPositions): LayerNode[] {
  const where = pos.at(item);
  if (isScalar(item)) {
    if (typeof item.value !== 'string') throw new SpecError(where, `expected a layer, got ${JSON.stringify(item.value)}`);
    return [normaliseLayer(item.value, {}, where)];
  }
  if (!isMap(item)) throw new SpecError(where, 'a layer is a kind ("relu") or a mapping ({conv: {k: 3}})');
  let name: string | undefined;
  let repeat = 1;
  let kindEntry: { key: string; value: Node | null; keyNode: unknown } | undefined;
  for (const pair of (item as YAMLMap).items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (key === 'name') {
      if (!isScalar(value) || value.value === null || typeof value.value === 'object') throw new SpecError(pos.at(value ?? pair.key), 'name must be a plain word, e.g. name: conv1');
      name = String(value.value);
      continue;
    }
    if (key === 'repeat') {
      const n = isScalar(value) ? value.value : undefined;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_REPEAT) throw new SpecError(pos.at(value ?? pair.key), `repeat must be an integer from 1 to ${MAX_REPEAT}, got ${JSON.stringify(n ?? null)}`);
      repeat = n;
      continue;
    }
    if (kindEntry) throw new SpecError(pos.at(pair.key), `one layer per list item; found both "${kindEntry.key}" and "${key}" (besides the kind, an item may have: ${ITEM_KEYS.join(', ')})`);
    kindEntry = { key, value, keyNode: pair.key };
  }
  if (!kindEntry) throw new SpecError(where, 'layer has no kind');
  const kindWhere = pos.at(kindEntry.keyNode);
  const copies: LayerNode[] = [];
  for (let i = 1; i <= repeat; i++) {
    const copyName = name !== undefined && repeat > 1 ? `${name}.${i}` : name;
    copies.push(findKind(kindEntry.key)?.block ? readBlock(kindEntry.key, kindEntry.value, kindWhere, pos, copyName) : readLayer(kindEntry.key, kindEntry.value, kindWhere, where, pos, copyName));
  }
  return copies;
}

function readLayer(kind: string, value: Node | null, kindWhere: string, where: string, pos: YamlPositions, name: string | undefined): LayerNode {
  const args: Record<string, unknown> = {};
  const argPos = new Map<string, string>();
  if (value !== null && !(isScalar(value) && value.value === null)) {
    if (!isMap(value)) throw new SpecError(pos.at(value), `the keys of ${kind} must be a mapping, e.g. {k: 3, s: 1}`);
    for (const pair of value.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = pair.value as Node | null;
      args[key] = isSeq(v) ? v.items.map((x) => (isScalar(x) ? x.value : x)) : isScalar(v) ? v.value : v;
      argPos.set(key, pos.at(pair.key));
    }
  }
  return normaliseLayer(kind, args, kindWhere, (k) => argPos.get(k) ?? where, name);
}

/** A list of layers, or one layer standing for a list of one (a concat branch may be a single layer). */
function readPath(node: Node | null | undefined, what: string, at: string, pos: YamlPositions, allowSingle: boolean): LayerNode[] {
  if (isSeq(node)) {
    if (node.items.length === 0) throw new SpecError(pos.at(node), `${what} is empty`);
    return readLayerList(node.items as Node[], pos);
  }
  if (allowSingle && node && (isMap(node) || isScalar(node))) return readItem(node, pos);
  throw new SpecError(node ? pos.at(node) : at, `${what} must be a list of layers, e.g. [conv: {out: 64, k: 3, p: 1}, bn, relu]`);
}

const RESIDUAL_KEYS = ['body', 'shortcut', 'post'];
const ENCDEC_KEYS = ['encoder', 'decoder', 'target'];

function readBlock(rawKind: string, value: Node | null, where: string, pos: YamlPositions, name: string | undefined): LayerNode {
  const kind = findKind(rawKind)!.block!;
  const parts: BlockParts = {};
  if (kind === 'encdec') {
    if (!isMap(value)) throw new SpecError(value ? pos.at(value) : where, 'encoder_decoder takes a mapping: {encoder: [layers], decoder: [layers], target: T\'}');
    for (const pair of value.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = pair.value as Node | null;
      if (!ENCDEC_KEYS.includes(key)) throw new SpecError(pos.at(pair.key), `encoder_decoder has no key "${key}"; allowed: ${ENCDEC_KEYS.join(', ')}`);
      if (key === 'target') {
        const n = isScalar(v) ? v.value : undefined;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new SpecError(pos.at(v ?? pair.key), `target must be a positive integer (the decoder's length), got ${JSON.stringify(n ?? null)}`);
        parts.target = n;
        continue;
      }
      parts[key as 'encoder' | 'decoder'] = readPath(v, `encoder_decoder ${key}`, pos.at(pair.key), pos, false);
    }
    return blockNode(rawKind, parts, where, name);
  }
  if (kind === 'seq') {
    parts.body = readPath(value, 'seq', where, pos, false);
  } else if (kind === 'concat') {
    const list = isMap(value) && value.items.length === 1 && isScalar(value.items[0]!.key) && value.items[0]!.key.value === 'branches' ? (value.items[0]!.value as Node | null) : value;
    if (!isSeq(list)) throw new SpecError(value ? pos.at(value) : where, 'concat takes a list of branches, each a list of layers: concat: [[conv: {out: 64, k: 1}], [conv: {out: 96, k: 1}, conv: {out: 128, k: 3, p: 1}]]');
    parts.branches = (list.items as Node[]).map((b, i) => readPath(b, `concat branch ${i + 1}`, pos.at(b), pos, true));
  } else {
    if (!isMap(value)) throw new SpecError(value ? pos.at(value) : where, 'residual takes a mapping: {body: [layers], shortcut: [layers] (omit for identity), post: [layers] (after the add)}');
    for (const pair of value.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = pair.value as Node | null;
      if (!RESIDUAL_KEYS.includes(key)) throw new SpecError(pos.at(pair.key), `residual has no key "${key}"; allowed: ${RESIDUAL_KEYS.join(', ')}`);
      if (key === 'shortcut' && isScalar(v)) {
        if (v.value !== 'identity' && v.value !== null) throw new SpecError(pos.at(v), `residual shortcut must be "identity" or a list of layers (a projection, e.g. [conv: {out: 128, k: 1, s: 2, bias: false}, bn]), got ${JSON.stringify(v.value)}`);
        parts.shortcut = [];
        continue;
      }
      parts[key as 'body' | 'shortcut' | 'post'] = readPath(v, `residual ${key}`, pos.at(pair.key), pos, false);
    }
  }
  return blockNode(rawKind, parts, where, name);
}
