/**
 * `dlnotes drill --options k=v,...`: values typed by the options the
 * templates declare (boolean, integer, number, string, or one of a list).
 * A key goes to every template of the drill that declares it.
 */
import { InputError } from '../../core/errors';
import { bi, msg, type Bi } from '../../core/text';
import type { Generator, OptionType } from '../generators/types';

const M = {
  oneOf: msg((list: string) => `one of ${list}`, (list) => `${list} 之一`),
  boolean: bi('true or false', 'true 或 false'),
  integer: bi('an integer', '整数'),
  number: bi('a number', '数'),
  string: bi('a string', '字符串'),
  pairs: msg((pair: string) => `expected key=value pairs separated by commas (e.g. trap=true), got "${pair}"`,
    (pair) => `应为用逗号分隔的 key=value（如 trap=true），收到 "${pair}"`),
  noTaker: msg((key: string, known: string) => `no template of this drill takes "${key}" (${known ? `options: ${known}` : 'its templates take no options'})`,
    (key, known) => `这个练习的模板都不接受 "${key}"（${known ? `可用选项：${known}` : '它的模板没有选项'}）`),
  badValue: msg((key: string, id: string, what: Bi, value: string) => `${key} of ${id} must be ${what.en}, got "${value}"`,
    (key, id, what, value) => `${id} 的 ${key} 必须是${/^[\w(]/.test(what.zh) ? ' ' : ''}${what.zh}，收到 "${value}"`),
};

function describe(type: OptionType | readonly string[]): Bi {
  if (Array.isArray(type)) return M.oneOf(type.join(', '));
  return type === 'boolean' ? M.boolean : type === 'integer' ? M.integer : type === 'number' ? M.number : M.string;
}

/** One value read as `type`; undefined when it does not fit. */
function typed(type: OptionType | readonly string[], text: string): unknown {
  if (Array.isArray(type)) return type.includes(text) ? text : undefined;
  switch (type) {
    case 'boolean': return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'integer': return /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
    case 'number': return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined;
    case 'string': return text;
  }
  return undefined;
}

/**
 * Parses "trap=true, classes=3" for the drill's templates: template id ->
 * the options it takes. Throws InputError('options', ...) for a malformed
 * pair, a key no template declares, or a value of the wrong type.
 */
export function parseDrillOptions(text: string | undefined, templates: readonly Generator[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>(templates.map((g) => [g.id, {}]));
  if (text === undefined || text.trim() === '') return out;
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z][\w-]*)\s*=\s*(.+)$/.exec(pair);
    if (!m) throw new InputError('options', M.pairs(pair));
    const [, key, raw] = m as unknown as [string, string, string];
    const value = raw.trim();
    const takers = templates.filter((g) => g.options?.[key] !== undefined);
    if (takers.length === 0) {
      const known = [...new Set(templates.flatMap((g) => Object.keys(g.options ?? {})))];
      throw new InputError('options', M.noTaker(key, known.join(', ')));
    }
    for (const g of takers) {
      const type = g.options![key]!;
      const v = typed(type, value);
      if (v === undefined) throw new InputError('options', M.badValue(key, g.id, describe(type), value));
      out.get(g.id)![key] = v;
    }
  }
  return out;
}
