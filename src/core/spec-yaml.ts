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
import { blockNode, findKind, normaliseLayer, SpecError, type BlockParts, type LayerNode, type NetSpec } from './spec';
import { bi, msg, tr, type Text } from './text';
import { isMap, isScalar, isSeq, readYaml, type Node, type YAMLMap, type YamlReader } from './yaml';

/** The texts of the YAML spec reader, in both languages. */
const M = {
  notMapping: bi('a spec is a mapping with "layers" (and optionally "input: [C, H, W]")', '规格文件是一个包含 "layers" 的映射（可选 "input: [C, H, W]"）'),
  topKey: msg((key: string) => `unknown top-level key "${key}"; allowed: input, layers, name`, (key) => `未知的顶层键 "${key}"；允许：input, layers, name`),
  layersList: bi('"layers" must be a list of layers', '"layers" 必须是层的列表'),
  layersEmpty: bi('"layers" is empty', '"layers" 为空'),
  input: bi('input must be [C, H, W] with positive integers, e.g. [3, 224, 224]', 'input 必须是由正整数组成的 [C, H, W]，例如 [3, 224, 224]'),
  expectedLayer: msg((got: string) => `expected a layer, got ${got}`, (got) => `应为一层，收到 ${got}`),
  layerForm: bi('a layer is a kind ("relu") or a mapping ({conv: {k: 3}})', '一层写作类型名（"relu"）或映射（{conv: {k: 3}}）'),
  name: bi('name must be a plain word, e.g. name: conv1', 'name 必须是一个简单的词，例如 name: conv1'),
  repeat: msg((max: number, got: string) => `repeat must be an integer from 1 to ${max}, got ${got}`, (max, got) => `repeat 必须是 1 到 ${max} 的整数，收到 ${got}`),
  oneLayer: msg((a: string, b: string, keys: string) => `one layer per list item; found both "${a}" and "${b}" (besides the kind, an item may have: ${keys})`,
    (a, b, keys) => `列表的每一项只能有一层；这里同时有 "${a}" 和 "${b}"（除了类型，每项还可以有：${keys}）`),
  noKind: bi('layer has no kind', '这一层没有类型'),
  keysMapping: msg((kind: string) => `the keys of ${kind} must be a mapping, e.g. {k: 3, s: 1}`, (kind) => `${kind} 的键必须是映射，例如 {k: 3, s: 1}`),
  empty: msg((what: Text) => `${tr(what, 'en')} is empty`, (what) => `${tr(what, 'zh')}为空`),
  mustBeList: msg((what: Text) => `${tr(what, 'en')} must be a list of layers, e.g. [conv: {out: 64, k: 3, p: 1}, bn, relu]`,
    (what) => `${tr(what, 'zh')}必须是层的列表，例如 [conv: {out: 64, k: 3, p: 1}, bn, relu]`),
  seq: bi('seq', 'seq '),
  branch: msg((i: number) => `concat branch ${i}`, (i) => `concat 的第 ${i} 个分支`),
  residualPart: msg((key: string) => `residual ${key}`, (key) => `residual 的 ${key} `),
  concatForm: bi('concat takes a list of branches, each a list of layers: concat: [[conv: {out: 64, k: 1}], [conv: {out: 96, k: 1}, conv: {out: 128, k: 3, p: 1}]]',
    'concat 接受分支的列表，每个分支是层的列表：concat: [[conv: {out: 64, k: 1}], [conv: {out: 96, k: 1}, conv: {out: 128, k: 3, p: 1}]]'),
  residualForm: bi('residual takes a mapping: {body: [layers], shortcut: [layers] (omit for identity), post: [layers] (after the add)}',
    'residual 接受一个映射：{body: [layers], shortcut: [layers]（恒等捷径可省略）, post: [layers]（相加之后）}'),
  residualKey: msg((key: string, allowed: string) => `residual has no key "${key}"; allowed: ${allowed}`, (key, allowed) => `residual 没有键 "${key}"；允许：${allowed}`),
  shortcut: msg((got: string) => `residual shortcut must be "identity" or a list of layers (a projection, e.g. [conv: {out: 128, k: 1, s: 2, bias: false}, bn]), got ${got}`,
    (got) => `residual 的 shortcut 必须是 "identity" 或层的列表（投影，例如 [conv: {out: 128, k: 1, s: 2, bias: false}, bn]），收到 ${got}`),
};

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
  if (first) throw new SpecError(`${first.file}:${first.line}:${first.col}`, first.text);
  return { root, pos: new YamlPositions(reader) };
}

export function parseSpecYaml(text: string, file: string): NetSpec {
  const { root, pos } = parseYamlDocument(text, file);
  if (!isMap(root)) throw new SpecError(pos.at(root), M.notMapping);
  for (const item of root.items) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    if (!['input', 'layers', 'name'].includes(key)) {
      throw new SpecError(pos.at(item.key), M.topKey(key));
    }
  }
  const spec: NetSpec = { layers: [] };
  const nameNode = root.get('name', true) as Node | undefined;
  if (nameNode !== undefined) spec.name = isScalar(nameNode) ? String(nameNode.value) : '';
  const input = root.get('input', true) as Node | undefined;
  if (input !== undefined) spec.input = readInput(input, pos);
  const layers = root.get('layers', true) as Node | undefined;
  if (!isSeq(layers)) throw new SpecError(pos.at(layers ?? root), M.layersList);
  spec.layers = readLayerList(layers.items as Node[], pos);
  if (spec.layers.length === 0) throw new SpecError(pos.at(layers), M.layersEmpty);
  return spec;
}

function readInput(node: Node, pos: YamlPositions): [number, number, number] {
  const vals = isSeq(node) ? node.items.map((i) => (isScalar(i) ? i.value : undefined)) : [];
  if (vals.length !== 3 || !vals.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 1)) {
    throw new SpecError(pos.at(node), M.input);
  }
  return vals as [number, number, number];
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
    if (typeof item.value !== 'string') throw new SpecError(where, M.expectedLayer(JSON.stringify(item.value)));
    return [normaliseLayer(item.value, {}, where)];
  }
  if (!isMap(item)) throw new SpecError(where, M.layerForm);
  let name: string | undefined;
  let repeat = 1;
  let kindEntry: { key: string; value: Node | null; keyNode: unknown } | undefined;
  for (const pair of (item as YAMLMap).items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (key === 'name') {
      if (!isScalar(value) || value.value === null || typeof value.value === 'object') throw new SpecError(pos.at(value ?? pair.key), M.name);
      name = String(value.value);
      continue;
    }
    if (key === 'repeat') {
      const n = isScalar(value) ? value.value : undefined;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_REPEAT) throw new SpecError(pos.at(value ?? pair.key), M.repeat(MAX_REPEAT, JSON.stringify(n ?? null)));
      repeat = n;
      continue;
    }
    if (kindEntry) throw new SpecError(pos.at(pair.key), M.oneLayer(kindEntry.key, key, ITEM_KEYS.join(', ')));
    kindEntry = { key, value, keyNode: pair.key };
  }
  if (!kindEntry) throw new SpecError(where, M.noKind);
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
    if (!isMap(value)) throw new SpecError(pos.at(value), M.keysMapping(kind));
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
function readPath(node: Node | null | undefined, what: Text, at: string, pos: YamlPositions, allowSingle: boolean): LayerNode[] {
  if (isSeq(node)) {
    if (node.items.length === 0) throw new SpecError(pos.at(node), M.empty(what));
    return readLayerList(node.items as Node[], pos);
  }
  if (allowSingle && node && (isMap(node) || isScalar(node))) return readItem(node, pos);
  throw new SpecError(node ? pos.at(node) : at, M.mustBeList(what));
}

const RESIDUAL_KEYS = ['body', 'shortcut', 'post'];

function readBlock(rawKind: string, value: Node | null, where: string, pos: YamlPositions, name: string | undefined): LayerNode {
  const kind = findKind(rawKind)!.block!;
  const parts: BlockParts = {};
  if (kind === 'seq') {
    parts.body = readPath(value, M.seq, where, pos, false);
  } else if (kind === 'concat') {
    const list = isMap(value) && value.items.length === 1 && isScalar(value.items[0]!.key) && value.items[0]!.key.value === 'branches' ? (value.items[0]!.value as Node | null) : value;
    if (!isSeq(list)) throw new SpecError(value ? pos.at(value) : where, M.concatForm);
    parts.branches = (list.items as Node[]).map((b, i) => readPath(b, M.branch(i + 1), pos.at(b), pos, true));
  } else {
    if (!isMap(value)) throw new SpecError(value ? pos.at(value) : where, M.residualForm);
    for (const pair of value.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = pair.value as Node | null;
      if (!RESIDUAL_KEYS.includes(key)) throw new SpecError(pos.at(pair.key), M.residualKey(key, RESIDUAL_KEYS.join(', ')));
      if (key === 'shortcut' && isScalar(v)) {
        if (v.value !== 'identity' && v.value !== null) throw new SpecError(pos.at(v), M.shortcut(JSON.stringify(v.value)));
        parts.shortcut = [];
        continue;
      }
      parts[key as 'body' | 'shortcut' | 'post'] = readPath(v, M.residualPart(key), pos.at(pair.key), pos, false);
    }
  }
  return blockNode(rawKind, parts, where, name);
}
