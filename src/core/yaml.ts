/**
 * The one YAML reader (question banks, network specs, homework files), with
 * positions. Data only: explicit tags (`!foo`) and aliases are refused,
 * syntax errors and duplicate keys are reported, and every problem carries
 * file:line:col.
 *
 * The yaml package is required on first use, not imported: a bank loaded
 * from the cache never parses YAML, so the quiz starts without loading it.
 */
import { createRequire } from 'node:module';
import type { Document, LineCounter, Node, Pair, YAMLMap } from 'yaml';

/** A problem found while reading a YAML file (1-based line and column). */
export interface YamlProblem {
  file: string;
  line: number;
  col: number;
  message: string;
}

type YamlLib = typeof import('yaml');
let lib: YamlLib | undefined;

function yaml(): YamlLib {
  lib ??= createRequire(import.meta.url)('yaml') as YamlLib;
  return lib;
}

export const isMap = (n: unknown): n is YAMLMap => yaml().isMap(n);
export const isSeq = (n: unknown): n is import('yaml').YAMLSeq => yaml().isSeq(n);
export const isScalar = (n: unknown): n is import('yaml').Scalar => yaml().isScalar(n);
const isAlias = (n: unknown): boolean => yaml().isAlias(n);

export type Pos = [line: number, col: number];

export class YamlReader {
  readonly problems: YamlProblem[] = [];
  constructor(readonly file: string, private readonly lc: LineCounter) {}

  pos(node: unknown): Pos {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (!range) return [1, 1];
    const { line, col } = this.lc.linePos(range[0]);
    return [line, col];
  }

  problem(node: unknown, message: string): void {
    const [line, col] = this.pos(node);
    this.problems.push({ file: this.file, line, col, message });
  }

  problemAt([line, col]: Pos, message: string): void {
    this.problems.push({ file: this.file, line, col, message });
  }
}

/**
 * Parses one YAML file. Returns the document's root node, or null when the
 * file has syntax errors (all of which are reported) or is empty.
 */
export function readYaml(text: string, file: string): { root: Node | null; reader: YamlReader } {
  const { LineCounter: Counter, parseDocument, visit } = yaml();
  const lc = new Counter();
  const doc: Document = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const reader = new YamlReader(file, lc);
  // Unresolved tags are reported below, once, as tags.
  for (const e of [...doc.errors, ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED')]) {
    const { line, col } = lc.linePos(e.pos[0]);
    const msg = e.code === 'DUPLICATE_KEY' ? 'duplicate key (each key may appear once in a mapping)' : `YAML syntax error: ${e.message.split('\n')[0]}`;
    reader.problems.push({ file, line, col, message: msg });
  }
  // A duplicate key leaves a usable document (the last value wins): keep reading to report everything else too.
  if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return { root: null, reader };
  visit(doc, {
    Alias(_, node) {
      reader.problem(node, 'YAML aliases (*name) are not allowed: repeat the value');
    },
    Node(_, node) {
      if (node.tag) reader.problem(node, `YAML tags (${node.tag}) are not allowed: the file is data only`);
    },
    Scalar(_, node) {
      // The Scalar visitor replaces Node for scalars: their tags are checked here too.
      if (node.tag) reader.problem(node, `YAML tags (${node.tag}) are not allowed: the file is data only`);
      // An integer beyond 2^53 − 1 is read as a different one (9007199254740993 as …992): say so.
      if (typeof node.value === 'number' && Number.isInteger(node.value) && !Number.isSafeInteger(node.value) && /^[+-]?\d+$/.test(String(node.source ?? ''))) {
        reader.problem(node, `${String(node.source)} is too large to be exact: integers go up to 9007199254740991 (2^53 − 1)`);
      }
    },
  });
  const root = (doc.contents ?? null) as Node | null;
  return { root, reader };
}

/** The key/value pairs of a mapping by key name, reporting non-text keys. */
export function entries(map: YAMLMap, reader: YamlReader): Map<string, { key: Node; value: Node | null }> {
  const out = new Map<string, { key: Node; value: Node | null }>();
  for (const pair of map.items as Pair<Node, Node | null>[]) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string') {
      reader.problem(pair.key, 'keys must be plain words');
      continue;
    }
    out.set(pair.key.value, { key: pair.key, value: pair.value ?? null });
  }
  return out;
}

/** The scalar's value, or undefined for a non-scalar (map, list, alias). */
export function scalarValue(node: Node | null | undefined): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return undefined;
  return isScalar(node) ? node.value : undefined;
}

export type { Node, YAMLMap };
