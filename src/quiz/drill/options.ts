/**
 * `dlnotes drill --options k=v,...`: values typed by the options the
 * templates declare (boolean, integer, number, string, or one of a list).
 * A key goes to every template of the drill that declares it.
 */
import { InputError } from '../../core/errors';
import type { Generator, OptionType } from '../generators/types';

function describe(type: OptionType | readonly string[]): string {
  if (Array.isArray(type)) return `one of ${type.join(', ')}`;
  return type === 'boolean' ? 'true or false' : type === 'integer' ? 'an integer' : `a ${String(type)}`;
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
    if (!m) throw new InputError('options', `expected key=value pairs separated by commas (e.g. trap=true), got "${pair}"`);
    const [, key, raw] = m as unknown as [string, string, string];
    const value = raw.trim();
    const takers = templates.filter((g) => g.options?.[key] !== undefined);
    if (takers.length === 0) {
      const known = [...new Set(templates.flatMap((g) => Object.keys(g.options ?? {})))];
      throw new InputError('options', `no template of this drill takes "${key}" (${known.length ? `options: ${known.join(', ')}` : 'its templates take no options'})`);
    }
    for (const g of takers) {
      const type = g.options![key]!;
      const v = typed(type, value);
      if (v === undefined) throw new InputError('options', `${key} of ${g.id} must be ${describe(type)}, got "${value}"`);
      out.get(g.id)![key] = v;
    }
  }
  return out;
}
