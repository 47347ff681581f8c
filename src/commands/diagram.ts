/** dlnotes diagram: the architecture diagrams a student must draw from memory (terminal or SVG). */
import { builtin } from '../builtin';
import { closest } from '../core/suggest';
import { DIAGRAMS, diagramById, diagramIds } from '../core/diagrams/index';
import { bi, msg, tr } from '../core/text';
import { UsageError } from '../errors';
import { diagramArt, diagramWidth, renderDiagram } from '../render/diagram';
import { currentLang } from '../render/lang';
import { style } from '../render/style';
import { termWidth } from '../render/width';
import { wrapText } from '../render/wrap';
import { print, printJson, printRaw } from './output';

export interface DiagramFlags {
  list?: boolean;
  svg?: string;
  json?: boolean;
}

const M = {
  name: bi('name a diagram, e.g. dlnotes diagram lstm (dlnotes diagram --list shows them all)', '请指定一张图，例如 dlnotes diagram lstm（dlnotes diagram --list 列出全部）'),
  unknown: msg(
    (name: string, near: string) => `unknown diagram "${name}"${near ? ` (did you mean ${near}?)` : ''}; dlnotes diagram --list shows them`,
    (name, near) => `没有名为 "${name}" 的图${near ? `（是不是 ${near}？）` : ''}；dlnotes diagram --list 列出全部`,
  ),
  cannotWrite: msg(
    (file: string, why: string) => `--svg: cannot write ${file}: ${why}`,
    (file, why) => `--svg：无法写入 ${file}：${why}`,
  ),
  wrote: msg(
    (file: string, title: string) => `wrote ${file}: ${title}`,
    (file, title) => `已写入 ${file}：${title}`,
  ),
  narrow: msg(
    (need: number, have: number) => `(this diagram is ${need} columns wide, the terminal ${have}: widen it, or print it with --svg FILE)`,
    (need, have) => `（这张图宽 ${need} 列，终端只有 ${have} 列：请加宽终端，或用 --svg FILE 导出打印）`,
  ),
  listHint: bi('Show one: dlnotes diagram <name>; print it: dlnotes diagram <name> --svg <file>.', '查看：dlnotes diagram <名称>；导出打印：dlnotes diagram <名称> --svg <文件>。'),
};

/** The id a mistyped name most likely meant: one it begins, else the closest spelling. */
export function nearest(name: string, ids: readonly string[]): string | undefined {
  const prefix = name.length >= 2 ? ids.find((id) => id.startsWith(name)) : undefined;
  return prefix ?? closest(name, ids, 1)[0];
}

function renderList(): string {
  const lang = currentLang();
  const idWidth = Math.max(...DIAGRAMS.map((d) => d.id.length));
  // The summary goes under its title, indented a little less than the titles, so both fit 80 columns.
  const rows = DIAGRAMS.flatMap((d) => [`  ${style.bold(d.id.padEnd(idWidth))}  ${tr(d.title, lang)}`, `      ${style.dim(tr(d.summary, lang))}`]);
  return [...rows, '', style.dim(tr(M.listHint, lang))].join('\n');
}

export async function run(name: string | undefined, o: DiagramFlags): Promise<void> {
  if (o.list) {
    print(renderList());
    return;
  }
  if (name === undefined) throw new UsageError(M.name);
  const d = diagramById(name.trim().toLowerCase());
  if (!d) throw new UsageError(M.unknown(name, nearest(name.trim().toLowerCase(), diagramIds()) ?? ''));
  const lang = currentLang();
  if (o.svg !== undefined) {
    const { diagramSvg } = await import('../render/diagram-svg');
    const svg = diagramSvg(d, lang);
    if (o.svg === '-') {
      printRaw(svg);
      return;
    }
    try {
      builtin('fs').writeFileSync(o.svg, svg);
    } catch (e) {
      throw new UsageError(M.cannotWrite(o.svg, (e as NodeJS.ErrnoException).code ?? (e as Error).message), 'svg');
    }
    print(tr(M.wrote(o.svg, tr(d.title, lang)), lang));
    return;
  }
  if (o.json) {
    printJson({
      id: d.id,
      title: d.title,
      art: diagramArt(d, lang),
      labels: Object.fromEntries(Object.entries(d.labels).map(([k, l]) => [k, l.text])),
      shapes: d.shapes,
      notes: d.notes,
    });
    return;
  }
  const need = diagramWidth(d, lang);
  const out = renderDiagram(d, lang);
  // Never wrapped: a wrapped line would tear the drawing apart. Too narrow a terminal gets a note instead.
  printRaw(need > termWidth() ? `${style.dim(wrapText(tr(M.narrow(need, termWidth()), lang), termWidth()))}\n${out}` : out);
}
