/**
 * Readers for the values inside a question (text, lists, numbers), each
 * reporting a precise problem and recording where the value was written so
 * lint can point at it later.
 */
import { bi, msg, tr, type Text } from '../../core/text';
import { entries, isMap, isScalar, isSeq, scalarValue, type Node, type Pos, type YamlReader } from '../../core/yaml';

const M = {
  empty: msg((field: string) => `${field} is empty`, (field) => `${field} 是空的`),
  notText: msg((field: string) => `${field} must be text: {zh: ..., en: ...} or one plain string`,
    (field) => `${field} 应是文本：{zh: ..., en: ...}，或一个不分语言的字符串`),
  unknownLang: msg((field: string, lang: string) => `${field} has an unknown language "${lang}"; use zh and en`,
    (field, lang) => `${field} 有未知的语言 "${lang}"；请用 zh 和 en`),
  nonEmpty: msg((field: string) => `${field} must be non-empty text`, (field) => `${field} 应是非空文本`),
  bothLangs: msg((field: string, lang: string) => `${field} needs both zh and en (missing ${lang}); or write one plain string for language-neutral text`,
    (field, lang) => `${field} 需要同时有 zh 和 en（缺少 ${lang}）；不分语言的文本可以写成一个字符串`),
  notValid: msg((field: string, value: string, what: Text) => `${field} "${value}" is not valid: ${tr(what, 'en')}`,
    (field, value, what) => `${field} "${value}" 不合法：${tr(what, 'zh')}`),
  number: msg((field: string, got: Text) => `${field} must be a number, got ${tr(got, 'en')}`,
    (field, got) => `${field} 应是数字，收到 ${tr(got, 'zh')}`),
  atLeast: msg((field: string, min: number, v: number) => `${field} must be at least ${min}, got ${v}`,
    (field, min, v) => `${field} 至少为 ${min}，收到 ${v}`),
  boolean: msg((field: string, got: Text) => `${field} must be true or false, got ${tr(got, 'en')}`,
    (field, got) => `${field} 应是 true 或 false，收到 ${tr(got, 'zh')}`),
  list: msg((field: string) => `${field} must be a list`, (field) => `${field} 应是列表`),
  nothing: bi('nothing', '空值'),
  aList: bi('a list', '一个列表'),
  aMapping: bi('a mapping', '一个映射'),
  other: bi('something else', '其他内容'),
};

/** Where each field of a question was written: "prompt", "prompt.zh", "choices.2.en", "tags.0", "variables.s". */
export type FieldPositions = Record<string, Pos>;

export class FieldReader {
  readonly fields: FieldPositions = {};
  /** Set when any problem was found in this question. */
  bad = false;
  constructor(readonly reader: YamlReader) {}

  problem(node: unknown, message: Text): void {
    this.bad = true;
    this.reader.problem(node, message);
  }

  mark(field: string, node: unknown): void {
    this.fields[field] = this.reader.pos(node);
  }

  /** `{zh, en}` with both languages, or one plain string. */
  text(node: Node | null, field: string): Text | undefined {
    this.mark(field, node);
    const v = scalarValue(node);
    if (typeof v === 'string') {
      if (v.trim() === '') return this.fail(node, M.empty(field));
      return v;
    }
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (!isMap(node)) return this.fail(node, M.notText(field));
    const e = entries(node, this.reader);
    const out: Partial<Record<'zh' | 'en', string>> = {};
    let ok = true;
    for (const [lang, { key, value }] of e) {
      if (lang !== 'zh' && lang !== 'en') {
        this.problem(key, M.unknownLang(field, lang));
        ok = false;
        continue;
      }
      this.mark(`${field}.${lang}`, value);
      const s = scalarValue(value);
      if (typeof s === 'number') {
        out[lang] = String(s);
      } else if (typeof s !== 'string' || s.trim() === '') {
        this.problem(value ?? key, M.nonEmpty(`${field}.${lang}`));
        ok = false;
      } else {
        out[lang] = s;
      }
    }
    for (const lang of ['zh', 'en'] as const) {
      if (!e.has(lang)) {
        this.problem(node, M.bothLangs(field, lang));
        ok = false;
      }
    }
    return ok ? { zh: out.zh!, en: out.en! } : undefined;
  }

  string(node: Node | null, field: string, pattern?: { re: RegExp; what: Text }): string | undefined {
    this.mark(field, node);
    const v = scalarValue(node);
    if (typeof v !== 'string' || v.trim() === '') return this.fail(node, M.nonEmpty(field));
    if (pattern && !pattern.re.test(v)) return this.fail(node, M.notValid(field, v, pattern.what));
    return v;
  }

  number(node: Node | null, field: string, rule?: { min?: number }): number | undefined {
    this.mark(field, node);
    const v = scalarValue(node);
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.fail(node, M.number(field, describe(node)));
    if (rule?.min !== undefined && v < rule.min) return this.fail(node, M.atLeast(field, rule.min, v));
    return v;
  }

  boolean(node: Node | null, field: string): boolean | undefined {
    this.mark(field, node);
    const v = scalarValue(node);
    if (typeof v !== 'boolean') return this.fail(node, M.boolean(field, describe(node)));
    return v;
  }

  /** A list of items read by `item`; undefined when not a list. */
  list<T>(node: Node | null, field: string, item: (n: Node, field: string) => T | undefined): T[] | undefined {
    this.mark(field, node);
    if (!isSeq(node)) return this.fail(node, M.list(field));
    const out: T[] = [];
    (node.items as Node[]).forEach((n, i) => {
      const v = item(n, `${field}.${i}`);
      if (v !== undefined) out.push(v);
    });
    return out;
  }

  private fail(node: unknown, message: Text): undefined {
    this.problem(node, message);
    return undefined;
  }
}

function describe(node: Node | null): Text {
  if (node === null) return M.nothing;
  if (isScalar(node)) return JSON.stringify(node.value);
  if (isSeq(node)) return M.aList;
  if (isMap(node)) return M.aMapping;
  return M.other;
}
