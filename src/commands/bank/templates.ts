/** dlnotes bank templates: the generated-problem templates a bank entry may name. */
import { GENERATORS } from '../../quiz/generators/index';
import type { Generator, OptionType } from '../../quiz/generators/types';
import { style } from '../../render/style';
import { renderTableFit } from '../../render/fit';
import { termWidth } from '../../render/width';
import { wrapText } from '../../render/wrap';
import { print, printJson } from '../output';
import { langFlag, type BankFlags } from './common';
import { t } from '../../render/lang';
import { bi, type Text } from '../../core/text';

const M = {
  none: bi('No templates are registered.', '没有注册任何模板。'),
  topic: bi('topic', '主题'),
  title: bi('title', '标题'),
  options: bi('options', '选项'),
  use: bi('Use one in a bank: `type: generated` with `template: <id>` (docs/bank-format.md).', '在题库中使用：`type: generated` 加 `template: <id>`（见 docs/bank-format.md）。'),
};

/** "trap=true|false, classes=整数": the values each option takes (as --options writes them), in the run's language. */
function describeOptions(g: Generator): string {
  return Object.entries(g.options ?? {}).map(([k, type]) => `${k}=${typeof type === 'string' ? t(TYPE_NAME[type]) : type.join('|')}`).join(', ');
}

const TYPE_NAME: Record<OptionType, Text> = { boolean: 'true|false', integer: bi('integer', '整数'), number: bi('number', '数'), string: bi('text', '文本') };

export async function run(o: BankFlags): Promise<void> {
  const lang = langFlag(o);
  const gens = [...GENERATORS.values()];
  if (o.json) {
    printJson(gens.map((g) => ({ id: g.id, topic: g.topic, title: g.title, options: g.options ?? {} })));
    return;
  }
  if (gens.length === 0) {
    print(t(M.none));
    return;
  }
  const table = renderTableFit(['id', t(M.topic), t(M.title), t(M.options)], gens.map((g) => [g.id, g.topic, g.title[lang], describeOptions(g)]));
  print([table, '', style.dim(wrapText(t(M.use), termWidth()))].join('\n'));
}
