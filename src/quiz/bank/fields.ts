/**
 * Readers for the values inside a question (text, lists, numbers), each
 * reporting a precise problem and recording where the value was written so
 * lint can point at it later.
 */
import type { Text } from '../types';
import { entries, isMap, isScalar, isSeq, scalarValue, type Node, type Pos, type YamlReader } from '../../core/yaml';

/** Where each field of a question was written: "prompt", "prompt.zh", "choices.2.en", "tags.0", "variables.s". */
export type FieldPositions = Record<string, Pos>;

export class FieldReader {
  readonly fields: FieldPositions = {};
  /** Set when any problem was found in this question. */
  bad = false;
  constructor(readonly reader: YamlReader) {}

  problem(node: unknown, message: string): void {
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
      if (v.trim() === '') return this.fail(node, `${field} is empty`);
      return v;
    }
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (!isMap(node)) return this.fail(node, `${field} must be text: {zh: ..., en: ...} or one plain string`);
    const e = entries(node, this.reader);
    const out: Partial<Record<'zh' | 'en', string>> = {};
    let ok = true;
    for (const [lang, { key, value }] of e) {
      if (lang !== 'zh' && lang !== 'en') {
        this.problem(key, `${field} has an unknown language "${lang}"; use zh and en`);
        ok = false;
        continue;
      }
      this.mark(`${field}.${lang}`, value);
      const s = scalarValue(value);
      if (typeof s === 'number') {
        out[lang] = String(s);
      } else if (typeof s !== 'string' || s.trim() === '') {
        this.problem(value ?? key, `${field}.${lang} must be non-empty text`);
        ok = false;
      } else {
        out[lang] = s;
      }
    }
    for (const lang of ['zh', 'en'] as const) {
      if (!e.has(lang)) {
        this.problem(node, `${field} needs both zh and en (missing ${lang}); or write one plain string for language-neutral text`);
        ok = false;
      }
    }
    return ok ? { zh: out.zh!, en: out.en! } : undefined;
  }

  string(node: Node | null, field: string, pattern?: { re: RegExp; what: string }): string | undefined {
    this.mark(field, node);
    const v = scalarValue(node);
    if (typeof v !== 'string' || v.trim() === '') return this.fail(node, `${field} must be non-empty text`);
    if (pattern && !pattern.re.test(v)) return this.fail(node, `${field} "${v}" is not valid: ${pattern.what}`);
    return v;
  }

  number(node: Node | null, field: string, rule?: { min?: number }): number | undefined {
    this.mark(field, node);
    const v = scalarValue(node);
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.fail(node, `${field} must be a number, got ${describe(node)}`);
    if (rule?.min !== undefined && v < rule.min) return this.fail(node, `${field} must be at least ${rule.min}, got ${v}`);
    return v;
  }

  boolean(node: Node | null, field: string): boolean | undefined {
    this.mark(field, node);
    const v = scalarValue(node);
    if (typeof v !== 'boolean') return this.fail(node, `${field} must be true or false, got ${describe(node)}`);
    return v;
  }

  /** A list of items read by `item`; undefined when not a list. */
  list<T>(node: Node | null, field: string, item: (n: Node, field: string) => T | undefined): T[] | undefined {
    this.mark(field, node);
    if (!isSeq(node)) return this.fail(node, `${field} must be a list`);
    const out: T[] = [];
    (node.items as Node[]).forEach((n, i) => {
      const v = item(n, `${field}.${i}`);
      if (v !== undefined) out.push(v);
    });
    return out;
  }

  private fail(node: unknown, message: string): undefined {
    this.problem(node, message);
    return undefined;
  }
}

function describe(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isScalar(node)) return JSON.stringify(node.value);
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a mapping';
  return 'something else';
}
