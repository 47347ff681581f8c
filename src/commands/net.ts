/** dlnotes net: what the exam asks about a classic network, with figures from the summary. */
import { classicReport, CLASSICS, findClassic, type ClassicReport } from '../core/net/classics';
import { bi, msg } from '../core/text';
import { UsageError } from '../errors';
import { t } from '../render/lang';
import { renderClassic, renderClassicList } from '../render/net';
import { print, printJson } from './output';

/** The texts of this command, in both languages. */
const M = {
  give: msg((known: string) => `give a network: ${known} (or a model such as vgg16, resnet50; --list)`,
    (known) => `请给出网络：${known}（或具体模型，如 vgg16、resnet50；--list 列出全部）`),
  unknown: msg((name: string, known: string) => `unknown network "${name}"; known: ${known} (or a model such as vgg16, resnet50)`,
    (name, known) => `未知的网络 "${name}"；已知：${known}（或具体模型，如 vgg16、resnet50）`),
  try: bi('Try: dlnotes net resnet', '试试：dlnotes net resnet'),
};

export interface NetFlags {
  list?: boolean;
  json?: boolean;
}

/** The report as JSON: the same keys in both languages, the texts in the student's. */
function reportJson(r: ClassicReport): Record<string, unknown> {
  return {
    classic: { ...r.classic, title: t(r.classic.title), result: t(r.classic.result) },
    model: r.model,
    models: r.models,
    ideas: r.ideas.map((i) => ({ title: t(i.title), text: t(i.text) })),
  };
}

export async function run(name: string | undefined, o: NetFlags): Promise<void> {
  const known = CLASSICS.map((c) => c.family).join(', ');
  if (o.list || name === undefined) {
    if (!o.list) throw new UsageError(M.give(known));
    const rows = CLASSICS.map((c) => ({ family: c.family, title: c.title, year: c.year, models: c.models }));
    if (o.json) printJson(rows.map((r) => ({ ...r, title: t(r.title) })));
    else print(`${renderClassicList(rows)}\n\n${t(M.try)}`);
    return;
  }
  const found = findClassic(name);
  if (!found) throw new UsageError(M.unknown(name, known));
  const report = classicReport(found.classic, found.model);
  if (o.json) printJson(reportJson(report));
  else print(renderClassic(report));
}
