/** Renders a classic network's report (core/net/classics.ts): facts, computed figures, key ideas. */
import type { ClassicReport } from '../core/net/classics';
import { fmtInt, fmtSI } from '../core/format';
import { bi, msg, type Text } from '../core/text';
import { t } from './lang';
import { style } from './style';
import { renderTable } from './table';

/** The texts of the report, in both languages. */
const M = {
  figures: bi('Figures', '数据'),
  figuresNote: bi(' (torchvision definitions, 224×224; depth = conv + linear layers on the longest path; RF at the last spatial layer)',
    '（torchvision 的定义，224×224；深度 = 最长路径上的 conv + linear 层数；感受野取最后一个空间层的）'),
  header: [bi('Model', '模型'), bi('Depth', '深度'), bi('Params', '参数量'), 'MACs', bi('RF', '感受野'), bi('Jump', '跳距')] as Text[],
  ideas: bi('Key ideas', '创新点'),
  colon: bi(': ', '：'),
  layerByLayer: msg((model: string) => `Layer by layer: dlnotes summary ${model}`, (model) => `逐层查看：dlnotes summary ${model}`),
  listHeader: [bi('Name', '名称'), bi('Network', '网络'), bi('Year', '年份'), bi('Models', '模型')] as Text[],
};

export function renderClassic(r: ClassicReport): string {
  const c = r.classic;
  const table = renderTable(
    M.header.map(t),
    r.models.map((m) => [m.name === r.model ? style.bold(m.name) : m.name, String(m.depth), fmtInt(m.params), fmtSI(m.macs), String(m.rf ?? '—'), String(m.jump ?? '—')]),
    { align: ['left', 'right', 'right', 'right', 'right', 'right'] },
  );
  return [
    style.heading(`${t(c.title)} (${c.year})`),
    `${c.authors}, "${c.paper}"`,
    style.dim(t(c.result)),
    '',
    style.bold(t(M.figures)) + style.dim(t(M.figuresNote)),
    table,
    '',
    style.bold(t(M.ideas)),
    ...r.ideas.map((i) => `  ${style.accent('•')} ${style.bold(t(i.title))}${t(M.colon)}${t(i.text)}`),
    '',
    style.dim(t(M.layerByLayer(r.model))),
  ].join('\n');
}

export function renderClassicList(rows: Array<{ family: string; title: Text; year: number; models: string[] }>): string {
  return renderTable(M.listHeader.map(t), rows.map((r) => [r.family, t(r.title), String(r.year), r.models.join(', ')]));
}
