/** dlnotes net: what the exam asks about a classic network, with figures from the summary. */
import { classicReport, CLASSICS, findClassic } from '../core/net/classics';
import { Figures } from '../core/net/figures';
import { findVisionNet, visionReport, VISION_NETS, type VisionReport } from '../core/net/vision-nets';
import { msg, tr } from '../core/text';
import { UsageError } from '../errors';
import { currentLang } from '../render/lang';
import { renderClassic, renderClassicList } from '../render/net';
import { renderVisionNet } from '../render/vision-net';
import { print, printJson } from './output';

export interface NetFlags {
  list?: boolean;
  json?: boolean;
}

const M = {
  give: msg((known: string) => `give a network: ${known} (or a model such as vgg16, resnet50; --list)`, (known) => `请给出一个网络：${known}（或 vgg16、resnet50 这样的模型；--list 列出全部）`),
  unknown: msg((name: string, known: string) => `unknown network "${name}"; known: ${known} (or a model such as vgg16, resnet50)`, (name, known) => `未知的网络 "${name}"；可选：${known}（或 vgg16、resnet50 这样的模型）`),
};

/** A detection/segmentation report with its texts in the run's language, for --json. */
function localJson(r: VisionReport): Record<string, unknown> {
  const lang = currentLang();
  const { task, result, ...facts } = r.net;
  return {
    classic: { ...facts, family: r.net.key, task: tr(task, lang), result: tr(result, lang) },
    models: r.models,
    ideas: r.ideas.map((i) => ({ title: tr(i.title, lang), text: tr(i.text, lang) })),
  };
}

export async function run(name: string | undefined, o: NetFlags): Promise<void> {
  const known = [...CLASSICS.map((c) => c.family), ...VISION_NETS.map((n) => n.key)].join(', ');
  if (o.list || name === undefined) {
    if (!o.list) throw new UsageError(M.give(known));
    const rows = [
      ...CLASSICS.map((c) => ({ family: c.family, title: c.title, year: c.year, models: c.models })),
      ...VISION_NETS.map((n) => ({ family: n.key, title: n.title, year: n.year, models: n.models })),
    ];
    if (o.json) printJson(rows);
    else print(`${renderClassicList(rows)}\n\nTry: dlnotes net resnet, dlnotes net faster-rcnn`);
    return;
  }
  const found = findClassic(name);
  if (found) {
    const report = classicReport(found.classic, found.model);
    if (o.json) printJson(report);
    else print(renderClassic(report));
    return;
  }
  const vision = findVisionNet(name);
  if (!vision) throw new UsageError(M.unknown(name, known));
  const report = visionReport(vision, new Figures());
  if (o.json) printJson(localJson(report));
  else print(renderVisionNet(report));
}
