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
import type { Document, ErrorCode, LineCounter, Node, Pair, YAMLMap } from 'yaml';
import { bi, msg, tr, type Text } from './text';

/** The texts of the YAML reader, in both languages. */
const M = {
  duplicate: bi('duplicate key (each key may appear once in a mapping)', '重复的键（一个映射里每个键只能出现一次）'),
  syntax: msg((detail: string, code: ErrorCode) => `YAML syntax error: ${detail}`, (detail, code) => `YAML 语法错误：${SYNTAX_ZH[code] ?? detail}`),
  alias: bi('YAML aliases (*name) are not allowed: repeat the value', '不允许使用 YAML 别名（*name）：请把值重复写出'),
  tag: msg((tag: string) => `YAML tags (${tag}) are not allowed: the file is data only`, (tag) => `不允许使用 YAML 标签（${tag}）：文件只能包含数据`),
  plainKeys: bi('keys must be plain words', '键必须是简单的词'),
  tooLarge: msg((source: string) => `${source} is too large to be exact: integers go up to 9007199254740991 (2^53 − 1)`,
    (source) => `${source} 太大，无法精确表示：整数最大为 9007199254740991（2^53 − 1）`),
};

/** What the yaml package's syntax errors mean, in Chinese (its own messages are English). */
const SYNTAX_ZH: Partial<Record<ErrorCode, string>> = {
  BAD_INDENT: '缩进不对',
  TAB_AS_INDENT: '不能用制表符（Tab）缩进，请用空格',
  MISSING_CHAR: '缺少一个字符（括号、引号或逗号没有配对）',
  UNEXPECTED_TOKEN: '出现了意外的符号',
  BLOCK_AS_IMPLICIT_KEY: '一个块不能用作隐式的键',
  MULTILINE_IMPLICIT_KEY: '隐式的键不能跨行（冒号后面要有空格）',
  BAD_SCALAR_START: '这个值的开头不合法（以特殊符号开头的值请加引号）',
  BAD_DQ_ESCAPE: '双引号字符串里有不合法的转义',
  BLOCK_IN_FLOW: '花括号或方括号里不能写块结构',
  MULTIPLE_DOCS: '一个文件只能有一个文档（不要用 ---）',
  KEY_OVER_1024_CHARS: '键太长（超过 1024 个字符）',
  BAD_DIRECTIVE: '不合法的指令',
  MULTIPLE_ANCHORS: '一个节点只能有一个锚点',
  MULTIPLE_TAGS: '一个节点只能有一个标签',
  BAD_PROP_ORDER: '锚点和标签的位置不对',
  NON_STRING_KEY: '键必须是字符串',
};

/** A problem found while reading a YAML file (1-based line and column). */
export interface YamlProblem {
  file: string;
  line: number;
  col: number;
  /** In English; `text` has both languages. */
  message: string;
  text: Text;
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

  problem(node: unknown, message: Text): void {
    const [line, col] = this.pos(node);
    this.problems.push({ file: this.file, line, col, message: tr(message, 'en'), text: message });
  }

  problemAt([line, col]: Pos, message: Text): void {
    this.problems.push({ file: this.file, line, col, message: tr(message, 'en'), text: message });
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
    reader.problemAt([line, col], e.code === 'DUPLICATE_KEY' ? M.duplicate : M.syntax(e.message.split('\n')[0]!, e.code));
  }
  // A duplicate key leaves a usable document (the last value wins): keep reading to report everything else too.
  if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return { root: null, reader };
  visit(doc, {
    Alias(_, node) {
      reader.problem(node, M.alias);
    },
    Node(_, node) {
      if (node.tag) reader.problem(node, M.tag(node.tag));
    },
    Scalar(_, node) {
      // The Scalar visitor replaces Node for scalars: their tags are checked here too.
      if (node.tag) reader.problem(node, M.tag(node.tag));
      // An integer beyond 2^53 − 1 is read as a different one (9007199254740993 as …992): say so.
      if (typeof node.value === 'number' && Number.isInteger(node.value) && !Number.isSafeInteger(node.value) && /^[+-]?\d+$/.test(String(node.source ?? ''))) {
        reader.problem(node, M.tooLarge(String(node.source)));
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
      reader.problem(pair.key, M.plainKeys);
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
