/** Renders a classic network's report (core/net/classics.ts): facts, computed figures, key ideas. */
import type { ClassicReport } from '../core/net/classics';
import { fmtInt, fmtSI } from '../core/format';
import { style } from './style';
import { renderTable } from './table';

export function renderClassic(r: ClassicReport): string {
  const c = r.classic;
  const table = renderTable(
    ['Model', 'Depth', 'Params', 'MACs', 'RF', 'Jump'],
    r.models.map((m) => [m.name === r.model ? style.bold(m.name) : m.name, String(m.depth), fmtInt(m.params), fmtSI(m.macs), String(m.rf ?? '—'), String(m.jump ?? '—')]),
    { align: ['left', 'right', 'right', 'right', 'right', 'right'] },
  );
  return [
    style.heading(`${c.title} (${c.year})`),
    `${c.authors}, "${c.paper}"`,
    style.dim(c.result),
    '',
    style.bold('Figures') + style.dim(' (torchvision definitions, 224×224; depth = conv + linear layers on the longest path; RF at the last spatial layer)'),
    table,
    '',
    style.bold('Key ideas'),
    ...r.ideas.map((i) => `  ${style.accent('•')} ${style.bold(i.title)}: ${i.text}`),
    '',
    style.dim(`Layer by layer: dlnotes summary ${r.model}`),
  ].join('\n');
}

export function renderClassicList(rows: Array<{ family: string; title: string; year: number; models: string[] }>): string {
  return renderTable(['Name', 'Network', 'Year', 'Models'], rows.map((r) => [r.family, r.title, String(r.year), r.models.join(', ')]));
}
