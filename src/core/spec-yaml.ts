/**
 * Reads a network spec from YAML text, reporting every problem as
 * file:line:col. YAML is data only here: no tags, no code.
 *
 *   input: [3, 224, 224]
 *   layers:
 *     - conv: {out: 64, k: 3, p: 1}
 *     - relu
 *     - {maxpool: {k: 2, s: 2}, name: pool1}
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { normaliseLayer, SpecError, type LayerNode, type NetSpec } from './spec';

export class YamlPositions {
  constructor(private readonly file: string, private readonly lc: LineCounter) {}
  /** "file:line:col" of a node (or of the file start when the node has no range). */
  at(node: unknown): string {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return `${this.file}:1:1`;
    const { line, col } = this.lc.linePos(range[0]);
    return `${this.file}:${line}:${col}`;
  }
  atOffset(offset: number): string {
    const { line, col } = this.lc.linePos(offset);
    return `${this.file}:${line}:${col}`;
  }
}

/** Parses YAML text into a document, throwing SpecError at the first syntax error. */
export function parseYamlDocument(text: string, file: string): { doc: ReturnType<typeof parseDocument>; pos: YamlPositions } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const pos = new YamlPositions(file, lc);
  const err = doc.errors[0];
  if (err) throw new SpecError(pos.atOffset(err.pos[0]), `YAML syntax error: ${err.message.split('\n')[0]}`);
  return { doc, pos };
}

export function parseSpecYaml(text: string, file: string): NetSpec {
  const { doc, pos } = parseYamlDocument(text, file);
  const root = doc.contents;
  if (!isMap(root)) throw new SpecError(pos.at(root), 'a spec is a mapping with "layers" (and optionally "input: [C, H, W]")');
  for (const item of root.items) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    if (!['input', 'layers', 'name'].includes(key)) {
      throw new SpecError(pos.at(item.key), `unknown top-level key "${key}"; allowed: input, layers, name`);
    }
  }
  const spec: NetSpec = { layers: [] };
  const input = root.get('input', true) as Node | undefined;
  if (input !== undefined) spec.input = readInput(input, pos);
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

/** Reads a YAML list of layers; exported so richer specs (blocks, branches) reuse it. */
export function readLayerList(items: Node[], pos: YamlPositions): LayerNode[] {
  return items.map((item) => readLayer(item, pos));
}

function readLayer(item: Node, pos: YamlPositions): LayerNode {
  const where = pos.at(item);
  if (isScalar(item)) {
    if (typeof item.value !== 'string') throw new SpecError(where, `expected a layer, got ${JSON.stringify(item.value)}`);
    return normaliseLayer(item.value, {}, where);
  }
  if (!isMap(item)) throw new SpecError(where, 'a layer is a kind ("relu") or a mapping ({conv: {k: 3}})');
  let name: string | undefined;
  let kindEntry: { key: string; value: Node | null; keyNode: unknown } | undefined;
  for (const pair of (item as YAMLMap).items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key === 'name') {
      name = isScalar(pair.value) ? String(pair.value.value) : undefined;
      continue;
    }
    if (kindEntry) throw new SpecError(pos.at(pair.key), `one layer per list item; found both "${kindEntry.key}" and "${key}"`);
    kindEntry = { key, value: pair.value as Node | null, keyNode: pair.key };
  }
  if (!kindEntry) throw new SpecError(where, 'layer has no kind');
  const args: Record<string, unknown> = {};
  const argPos = new Map<string, string>();
  const value = kindEntry.value;
  if (value !== null && !(isScalar(value) && value.value === null)) {
    if (!isMap(value)) throw new SpecError(pos.at(value), `the keys of ${kindEntry.key} must be a mapping, e.g. {k: 3, s: 1}`);
    for (const pair of value.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = pair.value as Node | null;
      args[key] = isSeq(v) ? v.items.map((x) => (isScalar(x) ? x.value : x)) : isScalar(v) ? v.value : v;
      argPos.set(key, pos.at(pair.key));
    }
  }
  return normaliseLayer(kindEntry.key, args, pos.at(kindEntry.keyNode), (k) => argPos.get(k) ?? where, name);
}
