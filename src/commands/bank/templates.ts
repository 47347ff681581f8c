/** dlnotes bank templates: the generated-problem templates a bank entry may name. */
import { GENERATORS } from '../../quiz/generators/index';
import type { Generator } from '../../quiz/generators/types';
import { style } from '../../render/style';
import { renderTable } from '../../render/table';
import { print, printJson } from '../output';
import { langFlag, type BankFlags } from './common';

function describeOptions(g: Generator): string {
  return Object.entries(g.options ?? {}).map(([k, t]) => `${k}: ${Array.isArray(t) ? t.join('|') : String(t)}`).join(', ');
}

export async function run(o: BankFlags): Promise<void> {
  const lang = langFlag(o);
  const gens = [...GENERATORS.values()];
  if (o.json) {
    printJson(gens.map((g) => ({ id: g.id, topic: g.topic, title: g.title, options: g.options ?? {} })));
    return;
  }
  if (gens.length === 0) {
    print('No templates are registered.');
    return;
  }
  print([
    renderTable(['id', 'topic', 'title', 'options'], gens.map((g) => [g.id, g.topic, g.title[lang], describeOptions(g)])),
    '',
    style.dim('Use one in a bank: `type: generated` with `template: <id>` (docs/bank-format.md).'),
  ].join('\n'));
}
