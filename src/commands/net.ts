/** dlnotes net: what the exam asks about a classic network, with figures from the summary. */
import { classicReport, CLASSICS, findClassic } from '../core/net/classics';
import { UsageError } from '../errors';
import { renderClassic, renderClassicList } from '../render/net';
import { print, printJson } from './output';

export interface NetFlags {
  list?: boolean;
  json?: boolean;
}

export async function run(name: string | undefined, o: NetFlags): Promise<void> {
  const known = CLASSICS.map((c) => c.family).join(', ');
  if (o.list || name === undefined) {
    if (!o.list) throw new UsageError(`give a network: ${known} (or a model such as vgg16, resnet50; --list)`);
    const rows = CLASSICS.map((c) => ({ family: c.family, title: c.title, year: c.year, models: c.models }));
    if (o.json) printJson(rows);
    else print(`${renderClassicList(rows)}\n\nTry: dlnotes net resnet`);
    return;
  }
  const found = findClassic(name);
  if (!found) throw new UsageError(`unknown network "${name}"; known: ${known} (or a model such as vgg16, resnet50)`);
  const report = classicReport(found.classic, found.model);
  if (o.json) printJson(report);
  else print(renderClassic(report));
}
